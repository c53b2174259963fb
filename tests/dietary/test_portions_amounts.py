"""Food amounts at their edges: a food with 0 mg, '.5', plural portion names, a bare symbol.

Each test kills a mutant the whole suite once let through (issue #25).
"""

from __future__ import annotations

from typing import Any

import pytest

from mgcalc.dietary.portions import food_used
from mgcalc.errors import BadDiet

WOMAN_40 = ("--age", "40", "--sex", "female")


def _foods(mgcalc: Any, food: str) -> dict[str, Any]:
    run = mgcalc("dose", "--food", food, *WOMAN_40, "--json")
    assert run.exit_code == 0, run.stderr
    data: dict[str, Any] = run.json()
    return data


def test_a_food_with_0_mg_counts_as_0_not_unknown(mgcalc: Any) -> None:
    # SR28 NDB 04002, lard: magnesium 0 mg per 100 g (a measured zero); 1 tbsp is 12.8 g.
    data = _foods(mgcalc, "04002=1tbsp")
    (food,) = data["diet"]["foods"]
    assert (food["mg_per_100g"], food["grams"], food["mg"]) == (0.0, 12.8, 0.0)
    assert (data["diet_mg"], data["total_mg"]) == (0.0, 0.0)
    assert data["assessment"]["adequacy"] == "likely_inadequate"  # 0 mg is judged


@pytest.mark.parametrize(
    ("text", "grams", "mg"),
    [
        ("almonds=.5cup", 71.5, 193.05),  # SR28 12061: 1 cup, whole = 143 g; 270 mg/100 g
        ("almonds=0.5cup", 71.5, 193.05),
        ("almonds=1/2 cup", 71.5, 193.05),
        ("almonds=.5 oz", 14.175, 38.2725),  # 28.35 g an oz
    ],
)
def test_a_leading_decimal_point_is_a_number(text: str, grams: float, mg: float) -> None:
    used = food_used(text)
    assert used.grams == pytest.approx(grams, abs=1e-9)
    assert used.mg == pytest.approx(mg, abs=1e-6)


def test_a_half_cup_from_the_command_line(mgcalc: Any) -> None:
    data = _foods(mgcalc, "almonds=.5cup")
    assert data["diet_mg"] == pytest.approx(193.05, abs=1e-9)


def test_portion_names_are_matched_singular_or_plural(mgcalc: Any) -> None:
    # SR28 19163, chewing gum: portion "Chiclets" weighs 1.6 g (10 of them: 16 g).
    data = _foods(mgcalc, "19163=10 chiclets")
    (food,) = data["diet"]["foods"]
    assert (food["portion"], food["grams"]) == ("Chiclets", 16.0)
    one = food_used("19163=1 chiclet")
    assert (one.portion, one.grams) == ("Chiclets", 1.6)


@pytest.mark.parametrize("unit", ["(", "-", ")", "&", "'"])
def test_a_unit_with_no_words_is_refused_not_the_first_portion(mgcalc: Any, unit: str) -> None:
    with pytest.raises(BadDiet, match="has no portion"):
        food_used(f"almonds=2 {unit}")
    run = mgcalc("dose", "--food", f"almonds=2 {unit}", *WOMAN_40)
    assert run.exit_code == 2
    assert "has no portion" in run.stderr
    assert run.stdout == ""


def test_a_food_without_portions_says_none() -> None:
    # SR28 01289 (kefir, lowfat, plain, Lifeway) lists no household portions.
    with pytest.raises(BadDiet, match="has no portion 'cup'; its portions: none; or give a mass"):
        food_used("01289=1cup")
