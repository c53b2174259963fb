"""data/food-words.csv: what an everyday food word means (milk is cow's milk, rice is cooked).

The table maps words to SR28 NDB numbers only; magnesium always comes from data/foods.csv.
Read and checked whole on first use (about 190 short rows).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from mgcalc.datafiles import data_label, data_text
from mgcalc.errors import DataError

FILE = "food-words.csv"
COLUMNS = ("word", "ndb", "variants", "reason")


@dataclass(frozen=True, slots=True)
class FoodWord:
    """A word and the SR28 food it means, with the close variants shown beside it.

    An empty *ndb* says that SR28 has no one food the word commonly means (fish): ``--food``
    refuses it and lists *variants* as the candidates.
    """

    word: str
    ndb: str  # empty: no one food; the variants are candidates
    variants: tuple[str, ...]
    reason: str


def key(words: list[str]) -> tuple[str, ...]:
    """Return the key stemmed *words* are looked up by, in order (milk chocolate is not
    chocolate milk)."""
    return tuple(words)


@cache
def word_table() -> dict[tuple[str, ...], FoodWord]:
    """Read data/food-words.csv once: its rows by the key of their words."""
    from mgcalc.dietary.foods import stem, words

    label = data_label(FILE)
    lines = data_text(FILE).splitlines()
    # Comment lines at the top say how the words were chosen; they keep their row numbers.
    first = next((n for n, line in enumerate(lines) if not line.startswith("#")), len(lines))
    rows = list(csv.reader(lines[first:]))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise DataError(label, f"the header must be {','.join(COLUMNS)}", row=first + 1)
    table: dict[tuple[str, ...], FoodWord] = {}
    for number, row in enumerate(rows[1:], first + 2):
        if len(row) != len(COLUMNS):
            raise DataError(label, "wrong number of fields", row=number)
        word, ndb, variants, reason = row
        listed = tuple(variants.split())
        for name, value in (("word", word), ("reason", reason)):
            if not value.strip():
                raise DataError(label, "must not be empty", row=number, field=name)
        if not ndb and not listed:
            raise DataError(label, "an empty ndb needs candidates in variants", row=number,
                            field="ndb")  # fmt: skip
        for value in (ndb, *listed) if ndb else listed:
            if len(value) != 5 or not value.isdigit():
                raise DataError(label, f"'{value}' is not a 5-digit NDB number", row=number,
                                field="ndb" if value == ndb else "variants")  # fmt: skip
        found = key([stem(part) for part in words(word)])
        if found in table:
            raise DataError(label, f"'{word}' is listed twice", row=number, field="word")
        table[found] = FoodWord(word, ndb, listed, reason)
    return table
