"""Food amounts: a mass (28g, 1oz) or one of the food's own SR28 portions (1cup, 2 tbsp)."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from mgcalc.chemistry.amounts import MAX_VALUE
from mgcalc.dietary.assembly import FoodUsed
from mgcalc.dietary.foods import Food, Portion, find_food, portions, stem, words
from mgcalc.errors import BadDiet

# In --food, oz is the mass SR28 weighs its "oz" portions at (28.35 g), never a volume.
GRAMS_PER = {"g": 1.0, "kg": 1000.0, "oz": 28.35, "lb": 16 * 28.35}
_AMOUNT = re.compile(r"(?P<number>[0-9]+/[0-9]+|[0-9]+(?:\.[0-9]+)?|\.[0-9]+) ?(?P<unit>.*)")
_MAX_TEXT = 200


def split_food(text: str) -> tuple[str, str]:
    """Split ``FOOD=AMOUNT`` at its last '='."""
    query, sep, amount = text.rpartition("=")
    shown = text if len(text) <= 40 else text[:40] + "…"
    if not sep or not query.strip() or not amount.strip():
        raise BadDiet(f"food '{shown}' is not FOOD=AMOUNT, e.g. almonds=28g or banana=1medium")
    return query.strip(), amount.strip()


@lru_cache(maxsize=4096)  # the same foods recur across a batch
def food_used(text: str) -> FoodUsed:
    """Return the food and amount ``FOOD=AMOUNT`` names, with its magnesium."""
    if len(text) > _MAX_TEXT:
        raise BadDiet(f"food is too long ({len(text)} characters); write e.g. almonds=28g")
    query, amount = split_food(text)
    food = find_food(query)
    if food.mg_per_100g is None:
        raise BadDiet(
            f"SR28 gives no magnesium for {food.ndb} '{food.description}': unknown, not 0; "
            "choose a similar food ('mgcalc food …') or give the diet as an amount"
        )
    grams, portion = food_amount(food, amount)
    mg = grams * food.mg_per_100g / 100
    if not math.isfinite(mg) or mg > MAX_VALUE:
        raise BadDiet(f"food '{text}' is implausibly large")
    return FoodUsed(
        ndb=food.ndb, description=food.description, input=text, grams=grams,
        portion=None if portion is None else portion.description,
        mg_per_100g=food.mg_per_100g, mg=mg, source=food.source,
    )  # fmt: skip


def food_amount(food: Food, text: str) -> tuple[float, Portion | None]:
    """Return the grams *text* means for *food*, and the SR28 portion used (None: a mass)."""
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        raise BadDiet(
            f"food amount '{text}' must start with a number (zero or more), "
            "e.g. 28g, 1oz, 1cup or 2 tbsp"
        )
    number = _number(match["number"], text)
    unit = match["unit"].strip()
    if unit.lower() in GRAMS_PER:
        if unit != unit.lower():
            raise BadDiet(f"food amount '{text}': write the unit in lower case ({unit.lower()})")
        return number * GRAMS_PER[unit], None
    if not unit:
        raise BadDiet(f"food amount '{text}' has no unit: add g, kg, oz, lb or a portion (cup)")
    portion = _portion(food, unit)
    return number * portion.grams / portion.amount, portion


def _number(text: str, original: str) -> float:
    top, slash, bottom = text.partition("/")
    if not slash:
        return float(text)
    if not int(bottom):
        raise BadDiet(f"food amount '{original}' divides by zero")
    return int(top) / int(bottom)


def _portion(food: Food, unit: str) -> Portion:
    """Return the first of *food*'s portions whose leading words are *unit*'s."""
    wanted = [stem(word) for word in words(unit)]
    listed = portions(food)
    for portion in listed:
        own = [stem(word) for word in words(portion.description)]
        if wanted and own[: len(wanted)] == wanted:
            return portion
    names = "; ".join(portion.description for portion in listed) or "none"
    raise BadDiet(
        f"{food.ndb} '{food.description}' has no portion '{unit}'; its portions: {names}; "
        "or give a mass (28g, 1oz)"
    )
