"""The ``food`` command's result: the best matches of a query, and the first one's portions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from mgcalc.dietary.assembly import FoodMatch
from mgcalc.dietary.foods import Food, portions, search
from mgcalc.result import Result

SHOWN = 10


class FoodRow(BaseModel):
    """One food of SR28; magnesium is None where SR28 gives none (unknown, not 0)."""

    model_config = ConfigDict(frozen=True)

    ndb: str
    description: str
    food_group: str
    mg_per_100g: float | None
    data_points: int | None
    source: str


class PortionRow(BaseModel):
    """A household portion of the first match, with its magnesium."""

    model_config = ConfigDict(frozen=True)

    amount: float
    description: str
    grams: float
    mg: float | None


class FoodSearch(Result):
    """The best matches of a food query, best first, and the first one's portions."""

    query: str
    matched_by: FoodMatch  # how the first row was found, as --food would use it
    reason: str | None  # data/food-words.csv's reason, when the word table chose it
    found: int
    foods: tuple[FoodRow, ...]
    portions: tuple[PortionRow, ...]
    notes: tuple[str, ...]


def find(query: str) -> FoodSearch:
    """Search the foods for *query* (see :func:`mgcalc.dietary.foods.search`).

    The rows come in the order ``--food`` resolves the same words: the first is its food.
    """
    matches = search(query)
    rows = tuple(_row(match.food) for match in matches[:SHOWN])
    first = matches[0].food
    per_gram = None if first.mg_per_100g is None else first.mg_per_100g / 100
    shown = tuple(
        PortionRow(
            amount=portion.amount,
            description=portion.description,
            grams=portion.grams,
            mg=None if per_gram is None else per_gram * portion.grams,
        )
        for portion in portions(first)
    )
    notes = [
        "Source: USDA National Nutrient Database for Standard Reference, Release 28 (2015), "
        "public domain; magnesium in mg per 100 g of edible portion."
    ]
    if matches[0].how == "word_table":
        notes.append(
            f"'{query.strip()}' means {first.ndb}, from data/food-words.csv: "
            f"{matches[0].reason}. Give an NDB number or more words for another."
        )
    elif matches[0].reason:  # a word of the table that names no one food (fish)
        notes.append(
            f"--food refuses '{query.strip()}': {matches[0].reason}. The first rows are "
            "candidates from data/food-words.csv; give an NDB number or more words."
        )
    if len(matches) > SHOWN:
        notes.append(f"{len(matches)} foods match; add words to narrow the search.")
    if first.mg_per_100g is None:
        notes.append(f"SR28 gives no magnesium for {first.ndb}: unknown, not 0.")
    return FoodSearch(
        query=query, matched_by=matches[0].how, reason=matches[0].reason or None,
        found=len(matches), foods=rows, portions=shown, notes=tuple(notes),
    )  # fmt: skip


def _row(food: Food) -> FoodRow:
    return FoodRow(
        ndb=food.ndb, description=food.description, food_group=food.food_group,
        mg_per_100g=food.mg_per_100g, data_points=food.data_points, source=food.source,
    )  # fmt: skip
