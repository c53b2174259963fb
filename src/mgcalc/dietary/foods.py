"""The food composition table (USDA SR28): loaded once, on first use, and searched by words.

Rows are checked with plain Python rather than a pydantic model each, and only when used:
8,789 rows would cost more to parse than the whole command takes otherwise (see
benchmarks/startup.py).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from mgcalc.datafiles import data_bytes, data_label
from mgcalc.errors import DataError, UnknownFood
from mgcalc.text import mg

if TYPE_CHECKING:
    from mgcalc.dietary.food_words import FoodWord

FoodMatch = Literal["ndb", "word_table", "search"]

FILE = "foods.csv"
COLUMNS = (
    "ndb", "description", "common_name", "food_group", "survey", "mg_per_100g", "data_points",
    "kcal_per_100g", "portions", "source",
)  # fmt: skip
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
    common_name: str  # SR28's ComName: common names, comma-separated; often empty
    food_group: str
    survey: bool  # SR28's Survey: used in USDA's survey database (FNDDS), i.e. eaten commonly
    mg_per_100g: float | None
    data_points: int | None
    kcal_per_100g: float | None
    portions_text: str  # parsed by portions(), for the few foods that need it
    source: str
    offset: int  # where its line starts in the file; the row number is counted on an error


class FoodsTable:
    """data/foods.csv as bytes; a food's line is found, parsed and checked when first used.

    Parsing and checking all 8,789 rows, or even splitting them into lines, would cost more
    than the rest of a command: a query word is found with bytes.find in the lower-cased
    file and only the lines it hits are parsed (the tests parse and check them all).
    """

    def __init__(self, data: bytes, label: str) -> None:
        if not data.endswith(b"\n"):
            data += b"\n"  # every line, the last one too, ends in a newline
        header = data[: data.find(b"\n")]
        if header.decode("utf-8", "replace").strip() != ",".join(COLUMNS):
            raise DataError(label, f"the header must be {','.join(COLUMNS)}", row=1)
        self.label = label
        self.data = data
        self.first = len(header) + 1
        self._parsed: dict[int, Food] = {}
        self._by_ndb: dict[str, Food | None] = {}  # every food, once the whole table is read
        self._whole = False

    @cached_property
    def lowered(self) -> bytes:
        """Return the file lower-cased, for searching words (only when words are searched).

        Bytes lower-case ASCII only, fast; query words are ASCII. Whole lines are searched
        first (a superset of the descriptions), then each kept line's description.
        """
        return self.data.lower()

    def __len__(self) -> int:
        return self.data.count(b"\n", self.first)

    def row_at(self, offset: int) -> int:
        """Return the row number (1 is the header) of the line starting at *offset*."""
        return self.data.count(b"\n", 0, offset) + 1

    def food_at(self, start: int) -> Food:
        """Return the food on the line starting at byte *start*."""
        found = self._parsed.get(start)
        if found is None:
            raw = self.data[start : self.data.find(b"\n", start)]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise DataError(self.label, "not UTF-8 text", row=self.row_at(start)) from None
            row = next(csv.reader([text]), [])
            if raw.startswith(b'"'):  # by_ndb finds a row by its bytes: the number as written
                raise DataError(self.label, "must be 5 digits, without quotes",
                                row=self.row_at(start), field="ndb")  # fmt: skip
            try:
                found = self._parsed[start] = _row(row, start)
            except _BadField as error:
                raise DataError(self.label, error.message, row=self.row_at(start),
                                field=error.field) from None  # fmt: skip
        return found

    def by_ndb(self, ndb: str) -> Food | None:
        """Return the food with NDB number *ndb* (5 digits), if any; it must be listed once."""
        if ndb in self._by_ndb or self._whole:
            return self._by_ndb.get(ndb)
        self._by_ndb[ndb] = found = self._find_ndb(ndb)
        return found

    def _find_ndb(self, ndb: str) -> Food | None:
        needle = b"\n" + ndb.encode("ascii", "replace") + b","
        at = self.data.find(needle, self.first - 1)
        if at == -1:
            return None
        again = self.data.find(needle, at + 1)
        if again != -1:
            raise DataError(self.label, f"NDB number {ndb} is listed twice",
                            row=self.row_at(again + 1), field="ndb")  # fmt: skip
        return self.food_at(at + 1)

    def holding(self, keys: list[str]) -> list[int]:
        """Return where the lines start whose lower-cased text holds every one of *keys*."""
        longest, *others = sorted((key.encode("ascii") for key in keys), key=len, reverse=True)
        found: list[int] = []
        lowered = self.lowered
        at = lowered.find(longest, self.first)
        while at != -1:
            start = lowered.rfind(b"\n", 0, at) + 1
            end = lowered.find(b"\n", at)
            if all(lowered.find(key, start, end) != -1 for key in others):
                found.append(start)
            at = lowered.find(longest, end)
        return found

    @property
    def foods(self) -> tuple[Food, ...]:
        """Return every food, parsing and checking every row and that NDB numbers are unique."""
        starts = []
        at = self.first
        while at < len(self.data):
            starts.append(at)
            at = self.data.find(b"\n", at) + 1
        foods = tuple(self.food_at(start) for start in starts)
        seen: set[str] = set()
        for food in foods:
            if food.ndb in seen:
                raise DataError(self.label, f"NDB number {food.ndb} is listed twice",
                                row=self.row_at(food.offset), field="ndb")  # fmt: skip
            seen.add(food.ndb)
        self._by_ndb = {food.ndb: food for food in foods}
        self._whole = True
        return foods


@cache
def foods_table() -> FoodsTable:
    """Read data/foods.csv once."""
    return FoodsTable(data_bytes(FILE), data_label(FILE))


class _BadField(Exception):
    """A row's field is wrong; the table adds the file and row."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def _row(row: list[str], offset: int) -> Food:
    if len(row) != len(COLUMNS):
        raise _BadField("wrong number of fields")
    ndb, description, common, group, survey, magnesium, points, kcal, portions_text, source = row
    if len(ndb) != 5 or not (ndb.isascii() and ndb.isdigit()):  # not '٠١٠٠١' either
        raise _BadField("must be 5 digits", "ndb")
    if survey not in ("Y", ""):
        raise _BadField("must be Y or empty", "survey")
    try:
        energy = float(kcal) if kcal else None
    except ValueError:
        raise _BadField("not a number", "kcal_per_100g") from None
    if energy is not None and not 0 <= energy < 1e4:
        raise _BadField("must be from 0 to 10,000 kcal", "kcal_per_100g")
    if not description or not source:
        raise _BadField("must not be empty", "description" if not description else "source")
    try:
        value = float(magnesium) if magnesium else None
        count = int(points) if points else None
    except ValueError:
        raise _BadField(
            "not a number", "data_points" if _is_number(magnesium) else "mg_per_100g"
        ) from None
    if value is not None and not 0 <= value < 1e5:
        raise _BadField("must be from 0 to 100,000 mg", "mg_per_100g")
    return Food(ndb, description, common, group, survey == "Y", value, count, energy,
                portions_text, source, offset)  # fmt: skip


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
                            row=_row_of(food), field="portions") from None  # fmt: skip
        if portion.amount <= 0 or portion.grams <= 0 or not description:
            raise DataError(data_label(FILE), f"portion '{part}' is empty or not positive",
                            row=_row_of(food), field="portions")  # fmt: skip
        found.append(portion)
    return tuple(found)


def _row_of(food: Food) -> int:
    return foods_table().row_at(food.offset)


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """Return *word* without an English plural ending, so 'bananas' finds 'banana'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "xes", "sses")):
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
    rank: tuple[int, ...]
    how: FoodMatch = "search"  # how it was found: its NDB number, the word table, or ranking
    reason: str = ""  # the word table's reason
    variants: tuple[str, ...] = ()  # the word table's close variants (NDB numbers)


# Words that mark a food not as people usually eat it: a form sold to be prepared, a brand's or
# restaurant's item, food for infants, or milk of another animal. A query that says one of
# them asks for it. SR28 writes brand names in capitals (KELLOGG'S, SILK).
_PREPARED_TO_EAT = frozenset(
    {"dried", "dehydrated", "dry", "powder", "powdered", "flour", "uncooked", "unprepared",
     "concentrate", "mix", "freeze", "evaporated", "condensed"}
)  # fmt: skip
_SPECIALTY = frozenset(
    {"infant", "babyfood", "toddler", "restaurant", "formula", "sheep", "goat", "buffalo",
     "human", "imitation", "substitute", "school", "lunch", "fast", "foods"}
)  # fmt: skip
# SR28 groups whose foods are eaten cooked: a row that does not say cooked (or boiled) is dry.
_EATEN_COOKED = ("Cereal Grains and Pasta", "Legumes and Legume Products")
_COOKED = frozenset({"cooked", "boiled", "baked", "roasted", "steamed", "prepared"})
_ASKS_UNCOOKED = frozenset({"raw", "dry", "uncooked", "flour", "dried"})
_BRAND = re.compile(r"\b[A-Z][A-Z'&.]{2,}")


def rank(
    food: Food, typed: set[str], stems: set[str], phrase: tuple[str, ...] = ()
) -> tuple[int, ...] | None:
    """Return how well *food* matches the query (lower is better), or None if it does not.

    A food matches when its description, or one of its SR28 common names, holds every
    query word. Best is, in order: a common name equal to the query; the query's word
    leading the description; not a specialty, brand or form prepared before eating (dried,
    flour, mix) unless asked for; grains and legumes cooked unless asked dry; a food of
    USDA's survey (FNDDS); the query's words named together (see :func:`together`, with
    *phrase* the query's stems in order); fewest other words; words as typed rather than
    plurals; the most analysed (SR28's data points).
    """
    own = words(food.description)
    own_stems = {stem(word) for word in own}
    names = [{stem(word) for word in words(name)} for name in food.common_name.split(",")]
    named = any(name == stems for name in names)
    if not stems <= own_stems and not named and not any(stems <= name for name in names):
        return None
    asked = typed | stems
    special = bool((own_stems & _SPECIALTY) - asked) or (
        _BRAND.search(food.description) is not None
    )
    prepared = bool((set(own) & _PREPARED_TO_EAT) - asked)
    raw = (
        food.food_group in _EATEN_COOKED and not own_stems & _COOKED and not asked & _ASKS_UNCOOKED
    )
    return (
        0 if named else 1,
        0 if stem(own[0]) in stems else 1,
        int(special),
        int(prepared),
        int(raw),
        0 if food.survey else 1,
        0 if len(phrase) < 2 or together(food.description, phrase) else 1,
        len(own_stems - stems),
        -len(typed & set(own)),
        -(food.data_points or 0),
    )


def together(description: str, phrase: tuple[str, ...]) -> bool:
    """Return whether *description* names the stemmed *phrase* as one thing.

    It does when the words stand together in order within one comma-separated part
    ("Beverages, almond milk") or in SR28's inverted form, the last word leading a part and
    the others leading the next ("Rice, brown" for brown rice, "Beans, baked" for baked
    beans). Words spread over the description ("Candies, milk chocolate, with almonds")
    name something else: there milk is chocolate's kind and almonds are added to it.
    """
    parts = [[stem(word) for word in words(part)] for part in description.split(",")]
    size = len(phrase)
    for part in parts:
        if any(tuple(part[at : at + size]) == phrase for at in range(len(part) - size + 1)):
            return True
    head, rest = phrase[-1], phrase[:-1]
    return any(
        part[:1] == [head] and tuple(after[: len(rest)]) == rest for part, after in pairwise(parts)
    )


def order(food: Food) -> tuple[int, int, str]:
    """Return how foods that rank equally are ordered: without salt, in the survey, NDB."""
    own = words(food.description)
    salted = "salt" in own and "without" not in own
    return (int(salted), 0 if food.survey else 1, food.ndb)


def search(query: str, *, ranked: bool = True) -> list[Match]:
    """Return the foods whose description or common name holds every word of *query*, best first.

    An NDB number (with or without its leading zero) finds that food. Words that are a row
    of data/food-words.csv put its food first; the others are ranked by :func:`rank`, then
    ordered by :func:`order`. With *ranked* false, a food the word table gives comes alone
    (``--food`` needs only it; ``mgcalc food`` lists the rest).
    """
    if len(query) > _MAX_QUERY:
        raise UnknownFood(f"food query is too long ({len(query)} characters)")
    text = query.strip()
    table = foods_table()
    if _NDB.fullmatch(text):
        food = table.by_ndb(text.zfill(5))
        if food is None:
            raise UnknownFood(f"no food has NDB number {text.zfill(5)}; search by name instead")
        return [Match(food, (0,), "ndb")]
    typed = set(words(text))
    if not typed:
        raise UnknownFood("empty food query: give words of its name (almonds) or its NDB number")
    stems = {stem(word) for word in typed}
    phrase = tuple(stem(word) for word in words(text))
    from mgcalc.dietary.food_words import key, word_table

    meant = word_table().get(key([stem(word) for word in words(text)]))
    if meant is not None and not meant.ndb:
        if not ranked:
            raise UnknownFood(no_one_food(text, meant))
        # `mgcalc food` lists the candidates first, then the ranked rest.
        candidates = [_meant(table, meant, ndb) for ndb in meant.variants]
        chosen_ndbs = set(meant.variants)
        rest = [m for m in _ranked(table, typed, stems, phrase) if m.food.ndb not in chosen_ndbs]
        return [*candidates, *rest]
    if meant is not None and not ranked:
        return [_meant(table, meant)]
    found = _ranked(table, typed, stems, phrase)
    if meant is not None:
        chosen = _meant(table, meant)
        food = chosen.food
        # Its close variants next (2 % and skim beside whole milk), then the ranked rest.
        near = {ndb: n for n, ndb in enumerate(meant.variants)}
        first = [match for match in found if match.food.ndb in near]
        first.sort(key=lambda match: near[match.food.ndb])
        others = [m for m in found if m.food.ndb != food.ndb and m.food.ndb not in near]
        return [chosen, *first, *others]
    if not found:
        raise UnknownFood(_not_found(text, stems))
    return found


def _ranked(
    table: FoodsTable, typed: set[str], stems: set[str], phrase: tuple[str, ...]
) -> list[Match]:
    """Return the foods that match the query's words, ranked by :func:`rank`."""
    # "berry" must find "berries" and "fry" "fries": the first pass looks for "berr", "fr".
    keys = [word.removesuffix("y") or word for word in stems]
    found = []
    for start in table.holding(keys):
        food = table.food_at(start)
        position = rank(food, typed, stems, phrase)
        if position is not None:
            found.append(Match(food, position))
    found.sort(key=lambda match: (match.rank, order(match.food)))
    return found


def _meant(table: FoodsTable, meant: FoodWord, ndb: str | None = None) -> Match:
    """Return the food a row of the word table means (or *ndb*, one of its candidates)."""
    wanted = ndb or meant.ndb
    food = table.by_ndb(wanted)
    if food is None:
        message = f"'{meant.word}' means NDB {wanted}, which foods.csv lacks"
        raise DataError(data_label("food-words.csv"), message)
    if ndb is not None:
        return Match(food, (-1,), "search", meant.reason)
    return Match(food, (-1,), "word_table", meant.reason, meant.variants)


def no_one_food(text: str, meant: FoodWord) -> str:
    """Say that *text* names no one SR28 food, with the word table's candidates."""
    table = foods_table()
    listed = []
    for ndb in meant.variants[:_CANDIDATES_SHOWN]:
        food = _meant(table, meant, ndb).food
        figure = (
            "magnesium unknown" if food.mg_per_100g is None else f"{mg(food.mg_per_100g)}/100 g"
        )
        listed.append(f"{food.ndb} {food.description} ({figure})")
    return (
        f"food '{text}' names no one food in SR28 ({meant.reason}); e.g. {'; '.join(listed)}; "
        "give its NDB number or more words"
    )


def find_food(query: str) -> Food:
    """Return the one food *query* means; refuse when two match it equally well."""
    found = search(query)
    tied = [match for match in found if match.rank == found[0].rank]
    if len(tied) > 1:
        raise UnknownFood(tie_message(query, [(m.food, None) for m in tied]))
    return found[0].food


def tie_message(
    query: str, tied: list[tuple[Food, float | None]], amount: str | None = None
) -> str:
    """Say that *query* matches the *tied* foods equally well, with their mg for *amount*
    (or that they list no such portion)."""

    def figure(food: Food, value: float | None) -> str:
        if value is not None:
            return f" ({mg(value)})"
        if amount is None:
            return ""
        return " (magnesium unknown)" if food.mg_per_100g is None else f" (no '{amount}')"

    listed = "; ".join(
        f"{food.ndb} {food.description}{figure(food, value)}"
        for food, value in tied[:_CANDIDATES_SHOWN]
    )
    more = f" and {len(tied) - _CANDIDATES_SHOWN} more" if len(tied) > _CANDIDATES_SHOWN else ""
    return (
        f"food '{query.strip()}' matches {len(tied)} foods equally well: {listed}{more}; "
        "give its NDB number or more words"
    )


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
