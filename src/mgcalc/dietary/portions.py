"""Food amounts: a mass (28g, 1oz) or one of the food's own SR28 portions (1cup, 2 tbsp)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from mgcalc.chemistry.amounts import MAX_VALUE
from mgcalc.dietary.assembly import FoodUsed, FoodVariant
from mgcalc.dietary.foods import (
    Food,
    Match,
    Portion,
    foods_table,
    portions,
    search,
    stem,
    tie_message,
    words,
)
from mgcalc.errors import BadDiet, UnknownFood

# In --food, oz is the mass SR28 weighs its "oz" portions at (28.35 g), never a volume.
GRAMS_PER = {"g": 1.0, "kg": 1000.0, "oz": 28.35, "lb": 16 * 28.35}
_AMOUNT = re.compile(r"(?P<number>[0-9]+/[0-9]+|[0-9]+(?:\.[0-9]+)?|\.[0-9]+) ?(?P<unit>.*)")
_MAX_TEXT = 200
_VARIANTS = 4
# Abbreviations SR28 and people write for the same portion (after plurals are dropped).
_SAME = {"tbsp": "tablespoon", "tbs": "tablespoon", "tsp": "teaspoon"}
# Units written as one word that SR28 writes as two ("floz", as convert accepts it).
_SPLIT = {"floz": ("fl", "oz")}
# Leading words of a portion that is one whole item: a size, or SR28's own item words.
_COUNT = frozenset(
    {"extra", "small", "medium", "large", "jumbo", "whole", "fruit", "item", "each"}
)  # fmt: skip
# Words that may follow them and still name the whole item ("fruit without refuse").
_WHOLE = frozenset({"without", "with", "refuse", "skin", "peel", "and", "seed", "pit"})


def split_food(text: str) -> tuple[str, str]:
    """Split ``FOOD=AMOUNT`` at its first '=': a portion's name may hold one."""
    query, sep, amount = text.partition("=")
    shown = text if len(text) <= 40 else text[:40] + "…"
    if not sep or not query.strip() or not amount.strip():
        raise BadDiet(f"food '{shown}' is not FOOD=AMOUNT, e.g. almonds=28g or banana=1medium")
    return query.strip(), amount.strip()


@dataclass(frozen=True, slots=True)
class Amount:
    """What an amount means for one food: its grams, the portion used, and what to say."""

    grams: float
    portion: Portion | None  # None: a mass
    notes: tuple[str, ...] = ()


@lru_cache(maxsize=4096)  # the same foods recur across a batch
def food_used(text: str) -> FoodUsed:
    """Return the food and amount ``FOOD=AMOUNT`` names, with its magnesium.

    The food is the first of :func:`mgcalc.dietary.foods.search`. Foods that rank equally
    are no tie when they give the same magnesium for the amount (with and without salt), or
    when only one of them lists the portion asked: the first in search order is used.
    """
    if len(text) > _MAX_TEXT:
        raise BadDiet(f"food is too long ({len(text)} characters); write e.g. almonds=28g")
    query, amount_text = split_food(text)
    found = search(query, ranked=False)
    first = found[0]
    tied = [match for match in found if match.rank == first.rank]
    notes: list[str] = []
    if len(tied) > 1:
        first, notes = _untie(query, amount_text, tied)
    food = first.food
    if food.mg_per_100g is None:
        raise BadDiet(
            f"SR28 gives no magnesium for {food.ndb} '{food.description}': unknown, not 0; "
            "choose a similar food ('mgcalc food …') or give the diet as an amount"
        )
    amount = food_amount(food, amount_text)
    mg = amount.grams * food.mg_per_100g / 100
    if not math.isfinite(mg) or mg > MAX_VALUE:
        raise BadDiet(f"food '{text}' is implausibly large")
    portion = amount.portion
    return FoodUsed(
        ndb=food.ndb, description=food.description, input=text, grams=amount.grams,
        portion=None if portion is None else portion.description,
        mg_per_100g=food.mg_per_100g, mg=mg, source=food.source, matched_by=first.how,
        variants=_variants(first, found, tied, amount_text), notes=(*notes, *amount.notes),
        reason=first.reason or None,
    )  # fmt: skip


def _mg_for(food: Food, amount_text: str) -> float | None:
    """Return *food*'s magnesium for *amount_text*; None where it lists no such portion."""
    if food.mg_per_100g is None:
        return None
    try:
        return food_amount(food, amount_text).grams * food.mg_per_100g / 100
    except BadDiet:
        return None


def _untie(query: str, amount_text: str, tied: list[Match]) -> tuple[Match, list[str]]:
    """Choose among foods that rank equally, or refuse with each one's magnesium."""
    values = [(match, _mg_for(match.food, amount_text)) for match in tied]
    given = [(match, value) for match, value in values if value is not None]
    if len(given) == 1:
        chosen = given[0][0]
        return chosen, [
            f"{chosen.food.ndb} is the only one of {len(tied)} equally good matches that lists "
            f"'{amount_text}'"
        ]
    if given and all(math.isclose(value, given[0][1], rel_tol=1e-9) for _, value in given):
        chosen = given[0][0]  # search order: without salt, then the survey's, then lower NDB
        others = ", ".join(match.food.ndb for match, _ in given[1:])
        return chosen, [f"{others} give{'s' if len(given) == 2 else ''} the same figure"]
    raise UnknownFood(
        tie_message(query, [(match.food, value) for match, value in values], amount_text)
    )


def _variants(
    first: Match, found: list[Match], tied: list[Match], amount_text: str
) -> tuple[FoodVariant, ...]:
    """Return the close variants of the food used, with their mg for the same amount."""
    if first.how == "ndb":
        return ()
    if first.how == "word_table":
        table = foods_table()
        listed = [table.by_ndb(ndb) for ndb in first.variants]
        others = [food for food in listed if food is not None]
    else:
        # The equally ranked rows, then those a rule put behind (same name, other form).
        near = [m for m in found if m.rank[:2] == first.rank[:2] and m not in tied]
        others = [m.food for m in tied if m is not first] + [m.food for m in near[:2]]
    return tuple(
        FoodVariant(ndb=food.ndb, description=food.description, mg=_mg_for(food, amount_text))
        for food in others[:_VARIANTS]
    )


def food_amount(food: Food, text: str) -> Amount:
    """Return the grams *text* means for *food*, and the SR28 portion used (None: a mass)."""
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        raise BadDiet(
            f"food amount '{text}' must start with a number (zero or more), "
            "e.g. 28g, 1oz, 1cup or 2 tbsp"
        )
    number = _number(match["number"], text)
    unit = match["unit"].strip()
    if re.match(r",[0-9]", unit):
        decimal = f"{match['number']}.{unit[1:]}".replace(" ", "")
        raise BadDiet(f"food amount '{text}': the decimal mark is a point (write {decimal})")
    if unit.lower() in GRAMS_PER:
        if unit != unit.lower():
            raise BadDiet(f"food amount '{text}': write the unit in lower case ({unit.lower()})")
        return Amount(number * GRAMS_PER[unit], None)
    if not unit:
        raise BadDiet(f"food amount '{text}' has no unit: add g, kg, oz, lb or a portion (cup)")
    listed = portions(food)
    # Typed exactly as `mgcalc food` lists it: that portion, at its listed weight.
    exact = [p for p in listed if p.amount == number and p.description.lower() == unit.lower()]
    if exact:
        chosen = exact[0]
        twice = any(p.grams != chosen.grams for p in exact[1:])
        notes = (f"SR28 lists another weight for '{number:g} {unit}'; the first is used",)
        return Amount(chosen.grams, chosen, notes if twice else ())
    portion = _portion(food, unit, listed)
    wanted = fold(unit)
    counted = not _same(wanted, fold(portion.description)[: len(wanted)])
    said = f"'{unit}' counts the food itself: read as '{portion.description}', the one whole "
    return Amount(
        number * portion.grams / portion.amount, portion,
        (said + "item SR28 lists",) if counted else (),
    )  # fmt: skip


def _number(text: str, original: str) -> float:
    top, slash, bottom = text.partition("/")
    if not slash:
        return float(text)
    if not int(bottom):
        raise BadDiet(f"food amount '{original}' divides by zero")
    return int(top) / int(bottom)


def fold(text: str) -> list[str]:
    """Return *text*'s words as compared: singular, tbsp/tsp written out, floz as fl oz."""
    folded: list[str] = []
    for part in words(text):
        word = stem(part)
        folded.extend(_SPLIT.get(word, (_SAME.get(word, word),)))
    return folded


def _same(typed: list[str], own: list[str]) -> bool:
    """Return whether the folded words *typed* name the folded words *own*: the same, or a
    plural in -ves of a word in -f or -fe (leaves, leaf; halves, half)."""
    return len(typed) == len(own) and all(
        word == listed or (word.endswith("ve") and listed in (word[:-2] + "f", word[:-2] + "fe"))
        for word, listed in zip(typed, own, strict=True)
    )


def _portion(food: Food, unit: str, listed: tuple[Portion, ...]) -> Portion:
    """Return the portion *unit* names: the name as typed, else the same name singular or
    plural (tbsp or tablespoon), else the first whose leading words it is."""
    for portion in listed:
        if portion.description.lower() == unit.lower():
            return portion
    wanted = fold(unit)
    folded = [fold(portion.description) for portion in listed]
    for portion, own in zip(listed, folded, strict=True):
        if wanted and _same(wanted, own):
            return portion
    for portion, own in zip(listed, folded, strict=True):
        if wanted and _same(wanted, own[: len(wanted)]):
            return portion
    names = "; ".join(portion.description for portion in listed) or "none"
    own_names = _own_names(food)
    if tuple(wanted) in own_names:
        # "2 eggs": a count of the food itself. It reads as SR28's one whole-item portion
        # when there is exactly one (a size, an item word, or another name of the food:
        # "2 hot dogs" is 2 "frankfurter"); several sizes (egg: large, jumbo, …) are refused.
        counts = [portion for portion in listed if _whole_item(portion, own_names)]
        if len(counts) == 1:
            return counts[0]
        sizes = "; ".join(p.description for p in counts) or names
        leads = [re.split(r"[,(]", p.description)[0].strip() for p in counts or listed]
        example = "medium" if "medium" in leads else leads[0] if leads else "cup"
        raise BadDiet(
            f"{food.ndb} '{food.description}': '{unit}' counts the food itself, but SR28 lists "
            f"{'no whole item' if not counts else 'it in several sizes'}: {sizes}; "
            f"write the portion (e.g. 2 {example}) or a mass (28g)"
        )
    raise BadDiet(
        f"{food.ndb} '{food.description}' has no portion '{unit}'; its portions: {names}; "
        "or give a mass (28g, 1oz)"
    )


def _own_names(food: Food) -> set[tuple[str, ...]]:
    """Return the folded names of *food* itself: its description's first part (Egg, Bananas)
    and each of its SR28 common names (hot dog)."""
    first = food.description.split(",")[0]
    names = (fold(text) for text in (first, *food.common_name.split(",")))
    return {tuple(name) for name in names if name}


def _whole_item(portion: Portion, names: set[tuple[str, ...]]) -> bool:
    """Return whether *portion* is one whole item, before any comma or parenthesis: a size
    or SR28's item word ("large", "fruit (2" dia)", "fruit without skin and seeds"), not a
    part of one ("medium slice"); or one of the food's *names* ("frankfurter")."""
    lead = fold(re.split(r"[,(]", portion.description)[0])
    if tuple(lead) in names:
        return True
    return bool(lead) and lead[0] in _COUNT and set(lead) <= _COUNT | _WHOLE
