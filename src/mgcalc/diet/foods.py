"""The food composition table (USDA SR28): loaded once, on first use, and searched by words.

Rows are checked with plain Python rather than a pydantic model each, and only when used:
8,789 rows would cost more to parse than the whole command takes otherwise (see
benchmarks/startup.py).
"""

from __future__ import annotations

import bisect
import csv
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from mgcalc.datafiles import data_file, data_label
from mgcalc.errors import DataError, UnknownFood

FILE = "foods.csv"
COLUMNS = ("ndb", "description", "food_group", "mg_per_100g", "data_points", "portions", "source")
_WORD = re.compile(r"[a-z0-9]+")
_NDB = re.compile(r"[0-9]{1,5}")
_MAX_QUERY = 200
_CANDIDATES_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Portion:
    """A household portion as SR28 lists it: *amount* *description* weighs *grams*."""

    amount: float
    description: str
    grams: float


@dataclass(frozen=True, slots=True)
class Food:
    """One SR28 food; magnesium is None where SR28 gives none (unknown, not 0)."""

    ndb: str
    description: str
    food_group: str
    mg_per_100g: float | None
    data_points: int | None
    portions_text: str  # parsed by portions(), for the few foods that need it
    source: str
    line: int


class FoodsTable:
    """Every food's line of data/foods.csv, parsed and checked when first used.

    Splitting the bytes into lines and indexing NDB numbers costs a few milliseconds;
    parsing and checking all 8,789 rows would cost more than the rest of a command, so a
    row is parsed when a search or a lookup reaches it (the tests check them all).
    """

    def __init__(self, data: bytes, label: str) -> None:
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        if not lines or lines[0].decode("utf-8", "replace").strip() != ",".join(COLUMNS):
            raise DataError(label, f"the header must be {','.join(COLUMNS)}", row=1)
        self.label = label
        self.lines = lines[1:]
        # Bytes lower-case ASCII only, fast; query words are ASCII. Whole lines are searched
        # first (a superset of the descriptions), then each kept line's description.
        self.lowered = data.lower()
        self.starts = list(itertools.accumulate(len(line) + 1 for line in lines))
        self.index = {line[:5]: number for number, line in enumerate(self.lines)}
        if len(self.index) != len(self.lines):
            seen: set[bytes] = set()
            for number, line in enumerate(self.lines):
                if line[:5] in seen:
                    raise DataError(label, f"NDB number {line[:5].decode()} is listed twice",
                                    row=number + 2, field="ndb")  # fmt: skip
                seen.add(line[:5])
        self._parsed: dict[int, Food] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def food(self, number: int) -> Food:
        """Return the food on data line *number* (0 is the first after the header)."""
        found = self._parsed.get(number)
        if found is None:
            line = number + 2
            try:
                text = self.lines[number].decode("utf-8")
            except UnicodeDecodeError:
                raise DataError(self.label, "not UTF-8 text", row=line) from None
            row = next(csv.reader([text]), [])
            found = self._parsed[number] = _row(row, self.label, line)
        return found

    def by_ndb(self, ndb: str) -> Food | None:
        """Return the food with NDB number *ndb* (5 digits), if any."""
        number = self.index.get(ndb.encode("ascii", "replace"))
        return None if number is None else self.food(number)

    def holding(self, keys: list[str]) -> list[int]:
        """Return the data lines whose lower-cased text holds every one of *keys*."""
        longest, *others = sorted((key.encode("ascii") for key in keys), key=len, reverse=True)
        found: list[int] = []
        at = self.lowered.find(longest, self.starts[0])
        while at != -1:
            number = bisect.bisect_right(self.starts, at) - 1
            end = self.starts[number + 1]
            if all(key in self.lowered[self.starts[number] : end] for key in others):
                found.append(number)
            at = self.lowered.find(longest, end)
        return found

    @property
    def foods(self) -> tuple[Food, ...]:
        """Return every food, parsing and checking every row."""
        return tuple(self.food(number) for number in range(len(self.lines)))


@cache
def foods_table() -> FoodsTable:
    """Read data/foods.csv once."""
    return FoodsTable(data_file(FILE).read_bytes(), data_label(FILE))


def _row(row: list[str], label: str, line: int) -> Food:
    if len(row) != len(COLUMNS):
        raise DataError(label, "wrong number of fields", row=line)
    ndb, description, group, magnesium, points, portions_text, source = row
    if len(ndb) != 5 or not ndb.isdigit():
        raise DataError(label, "must be 5 digits", row=line, field="ndb")
    if not description or not source:
        field = "description" if not description else "source"
        raise DataError(label, "must not be empty", row=line, field=field)
    try:
        value = float(magnesium) if magnesium else None
        count = int(points) if points else None
    except ValueError:
        field = "data_points" if _is_number(magnesium) else "mg_per_100g"
        raise DataError(label, "not a number", row=line, field=field) from None
    if value is not None and not 0 <= value < 1e5:
        raise DataError(label, "must be from 0 to 100,000 mg", row=line, field="mg_per_100g")
    return Food(ndb, description, group, value, count, portions_text, source, line)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return not text
    return True


def portions(food: Food) -> tuple[Portion, ...]:
    """Return *food*'s household portions in SR28's order."""
    found = []
    for part in food.portions_text.split(";") if food.portions_text else ():
        amount, _, rest = part.partition("|")
        description, _, grams = rest.rpartition("|")
        try:
            portion = Portion(float(amount), description, float(grams))
        except ValueError:
            raise DataError(data_label(FILE), f"portion '{part}' is not AMOUNT|DESCRIPTION|GRAMS",
                            row=food.line, field="portions") from None  # fmt: skip
        if portion.amount <= 0 or portion.grams <= 0 or not description:
            raise DataError(data_label(FILE), f"portion '{part}' is empty or not positive",
                            row=food.line, field="portions")  # fmt: skip
        found.append(portion)
    return tuple(found)


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """Return *word* without an English plural ending, so 'bananas' finds 'banana'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith(("oes", "ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Return the lower-case words of *text*."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True, slots=True)
class Match:
    """A food found by a query, with the key it was ranked by (lower is better)."""

    food: Food
    rank: tuple[int, int, int, int]


def search(query: str) -> list[Match]:
    """Return the foods whose description holds every word of *query*, best first.

    An NDB number (with or without its leading zero) finds that food. Best is the plain,
    common item: the query's word leading the description, fewest other words, words as
    typed rather than plurals, then the most analysed (SR28's data points).
    """
    if len(query) > _MAX_QUERY:
        raise UnknownFood(f"food query is too long ({len(query)} characters)")
    text = query.strip()
    table = foods_table()
    if _NDB.fullmatch(text):
        food = table.by_ndb(text.zfill(5))
        if food is None:
            raise UnknownFood(f"no food has NDB number {text.zfill(5)}; search by name instead")
        return [Match(food, (0, 0, 0, 0))]
    typed = set(words(text))
    if not typed:
        raise UnknownFood("empty food query: give words of its name (almonds) or its NDB number")
    stems = {stem(word) for word in typed}
    # "berry" must find "berries": the first pass looks for "berr".
    keys = [word[:-1] if word.endswith("y") and len(word) > 3 else word for word in stems]
    found = []
    for number in table.holding(keys):
        food = table.food(number)
        own = words(food.description)
        own_stems = {stem(word) for word in own}
        if stems <= own_stems:
            rank = (
                0 if stem(own[0]) in stems else 1,
                len(own_stems - stems),
                -len(typed & set(own)),
                -(food.data_points or 0),
            )
            found.append(Match(food, rank))
    found.sort(key=lambda match: (match.rank, match.food.ndb))
    if not found:
        raise UnknownFood(_not_found(text, stems))
    return found


def find_food(query: str) -> Food:
    """Return the one food *query* means; refuse when two match it equally well."""
    found = search(query)
    tied = [match for match in found if match.rank == found[0].rank]
    if len(tied) > 1:
        listed = "; ".join(f"{m.food.ndb} {m.food.description}" for m in tied[:_CANDIDATES_SHOWN])
        more = f" and {len(tied) - _CANDIDATES_SHOWN} more" if len(tied) > _CANDIDATES_SHOWN else ""
        raise UnknownFood(
            f"food '{query.strip()}' matches {len(tied)} foods equally well: {listed}{more}; "
            "give its NDB number or more words"
        )
    return found[0].food


def _not_found(text: str, stems: set[str]) -> str:
    """Say why nothing matched, with the nearest known words."""
    import difflib

    vocabulary = _vocabulary()
    unknown = sorted(word for word in words(text) if stem(word) not in vocabulary)
    if not unknown:
        return f"no food has all the words of '{text}'; try fewer words ('mgcalc food WORD')"
    hints = []
    for word in unknown[:3]:  # difflib scans the whole vocabulary for each word
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if close:
            hints.append(f"'{close[0]}' for '{word}'")
    hint = f"; did you mean {', '.join(hints)}?" if hints else ""
    return f"no food matches '{text}': {', '.join(repr(w) for w in unknown)} not found{hint}"


@cache
def _vocabulary() -> list[str]:
    descriptions = (food.description for food in foods_table().foods)
    return sorted({stem(word) for description in descriptions for word in words(description)})
