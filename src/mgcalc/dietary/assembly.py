"""The diet as one object: known totals, water, foods and a tracker file's mean, added up."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import math
import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mgcalc.chemistry.amounts import MAX_VALUE, parse_amount
from mgcalc.chemistry.content import content
from mgcalc.errors import BadDiet

# A saved profile or a request may give the diet as one entry or as a list; a number is mg.
DietEntries = str | float | Sequence[str | float] | None


class DietEntry(BaseModel):
    """A diet amount as given: a known total (250mg) or water at a concentration."""

    model_config = ConfigDict(frozen=True)

    input: str
    mg: float


# How a food's words found its SR28 row: an NDB number, the word table, or the ranked search.
FoodMatch = Literal["ndb", "word_table", "search"]
# Why a tracker file's day was not used for the mean.
LeftOut = Literal["not_completed", "missing", "outside_days"]
# What kind of export a tracker file is: daily totals, one row per food, or Apple Health.
TrackerLayout = Literal["daily", "per_food", "apple_health"]


class FoodVariant(BaseModel):
    """A close variant of a food used (2 % milk beside whole), with its mg for the amount."""

    model_config = ConfigDict(frozen=True)

    ndb: str
    description: str
    mg: float | None


class FoodUsed(BaseModel):
    """One food counted in the diet, named by its NDB number and full description."""

    model_config = ConfigDict(frozen=True)

    ndb: str
    description: str
    input: str
    grams: float
    portion: str | None  # the SR28 portion used, e.g. "cup, whole"; None for a mass
    mg_per_100g: float
    mg: float
    source: str
    matched_by: FoodMatch = "search"
    variants: tuple[FoodVariant, ...] = ()
    reason: str | None = None  # the word table's reason, when it chose the food
    notes: tuple[str, ...] = ()  # how a tie or a portion was settled


class DietDay(BaseModel):
    """One day's magnesium from a tracker file, and whether the mean used it."""

    model_config = ConfigDict(frozen=True)

    date: str
    mg: float | None  # None: the day has no magnesium value (missing)
    used: bool = True
    left_out: LeftOut | None = None
    # Foods logged that day without a magnesium value: mg is then at least the sum.
    unknown_foods: int = 0


class DietFile(BaseModel):
    """A tracker export's days and their mean, the estimate of usual intake used."""

    model_config = ConfigDict(frozen=True)

    path: str
    days: tuple[DietDay, ...]
    days_used: int
    days_left_out: int
    mean_mg: float
    min_mg: float
    max_mg: float
    app: str | None = None  # the Apple Health app whose records were read
    layout: TrackerLayout = "daily"


class Diet(BaseModel):
    """Magnesium from food and water: every part, and their total."""

    model_config = ConfigDict(frozen=True)

    mg: float
    entries: tuple[DietEntry, ...]
    foods: tuple[FoodUsed, ...]
    file: DietFile | None


def make_diet(
    entries: DietEntries = None, foods: Sequence[str] = (), file: DietFile | None = None
) -> Diet | None:
    """Add up *entries* (250mg, 1.5L@20mg/L, or numbers of mg), *foods* and *file*.

    Return None when nothing at all is given: the diet is then unknown, not zero.
    """
    if entries is None:
        listed: Sequence[str | float] = ()
    elif isinstance(entries, (str, int, float)):
        listed = (entries,)
    else:
        listed = entries
    if not listed and not foods and file is None:
        return None
    parsed = tuple(read_entry(entry) for entry in listed)
    used = tuple(_food(text) for text in foods)
    total = sum(entry.mg for entry in parsed) + sum(food.mg for food in used)
    if file is not None:
        total += file.mean_mg
    return Diet(mg=total, entries=parsed, foods=used, file=file)


def read_entry(entry: str | float) -> DietEntry:
    """Read one diet entry: magnesium as mg, mmol or mEq, or water as 1.5L@20mg/L."""
    if not isinstance(entry, str):
        value = float(entry)
        if math.isnan(value):
            raise BadDiet(f"diet {entry!r}: not a number; give a number of mg")
        if value < 0:
            raise BadDiet(f"diet {entry!r}: a number of mg must be zero or more")
        if value > MAX_VALUE:
            raise BadDiet(f"diet {entry!r}: too large (at most 10⁹ mg)")
        return DietEntry(input=f"{value:g}mg", mg=value)
    if "=" in entry:
        raise BadDiet(f"diet '{entry[:40]}' looks like a food: give foods as --food FOOD=AMOUNT")
    if re.fullmatch(r"\s*[0-9]+(?:\.[0-9]+)?\s*", entry):  # text has no schema: say the unit
        raise BadDiet(f"diet '{entry.strip()}' has no unit; add a unit: {entry.strip()}mg")
    amount = parse_amount(entry)
    if amount.kind == "volume" and amount.concentration is None:
        raise BadDiet(
            f"diet '{entry}' is a volume: give the water's magnesium too, e.g. "
            f"{entry.strip()}@20mg/L (mineral-water labels give mg/L)"
        )
    mg = amount.total if amount.kind == "mass" else content(amount).elemental_mg
    return DietEntry(input=entry, mg=mg)


def _food(text: str) -> FoodUsed:
    from mgcalc.dietary.portions import food_used

    return food_used(text)


def diet_notes(diet: Diet) -> list[str]:
    """Return what a reader must know about how *diet* was counted."""
    notes = []
    if diet.foods:
        notes.append(
            "Foods: USDA National Nutrient Database for Standard Reference, Release 28 "
            "(2015); each is named by its NDB number."
        )
    if diet.file is not None:
        notes.append(
            f"Diet file: the mean of {diet.file.days_used} day(s) is used. The IOM judges "
            "usual intake; a few days only estimate it."
        )
        notes.append(
            "A tracker's daily totals include any supplements logged in it: do not list "
            "those again as items."
        )
        if diet.file.layout != "daily":
            notes.append(
                "Apple Health and per-food exports carry no 'completed' flag: a half-logged "
                "day lowers the mean."
            )
        at_least = sum(1 for day in diet.file.days if day.used and day.unknown_foods)
        if at_least:
            notes.append(
                f"{at_least} day(s) used include foods without a magnesium value: their "
                "totals are at least the sum shown."
            )
    return notes
