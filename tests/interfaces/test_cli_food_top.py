"""`mgcalc food --top` end to end: the table, the JSON document, and refusals."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused

TOP_KEYS = {
    "schema_version", "per", "food_group", "survey_only", "ranked", "not_ranked",
    "not_ranked_reason", "foods", "notes",
}  # fmt: skip
TOP_FOOD_KEYS = {"rank", "ndb", "description", "mg", "portion", "source"}


def test_top_json_is_pinned(mgcalc: Any) -> None:
    data = mgcalc("food", "--top", "--json").json()
    assert set(data) == TOP_KEYS
    assert (data["schema_version"], data["per"], data["food_group"], data["survey_only"]) == (
        3, "100g", None, True,
    )  # fmt: skip
    assert (data["ranked"], data["not_ranked"], data["not_ranked_reason"]) == (3404, 0, None)
    assert len(data["foods"]) == 20
    assert set(data["foods"][0]) == TOP_FOOD_KEYS
    assert data["foods"][0] == {
        "rank": 1, "ndb": "20060", "description": "Rice bran, crude", "mg": 781.0,
        "portion": None, "source": "USDA SR28 (2015) NDB 20060; ranked by tools/build_foods.py",
    }  # fmt: skip


def test_top_per_100_kcal_counts_what_it_leaves_out(mgcalc: Any) -> None:
    data = mgcalc("food", "--top", "--per", "100kcal", "--all", "--json").json()
    assert (data["per"], data["survey_only"], data["not_ranked"]) == ("100kcal", False, 76)
    assert "0 kcal cannot be divided by" in data["not_ranked_reason"]
    text = mgcalc("food", "--top", "--per", "100kcal", "--all").stdout
    assert "Left out: 76 foods under 5 kcal per 100 g" in text


def test_top_per_portion_names_the_portion(mgcalc: Any) -> None:
    text = mgcalc("food", "--top", "--per", "portion", "--group", "nut").stdout
    assert "in Nut and Seed Products" in text
    assert "1 cup (129 g)" in text and "763.7 mg" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["food", "--top", "--group", "b"], "matches 5 groups: Baby Foods; Baked Products;"),
        (["food", "--top", "--group", "zz"], "no food group starts with 'zz'"),
        (["food", "--top", "--per", "1kg"], "'1kg' is not one of '100g', 'portion', '100kcal'"),
        (["food", "--top", "almonds"], "food --top ranks every food: drop 'almonds'"),
        (["food", "almonds", "--per", "portion"], "--per goes with --top"),
        (["food", "almonds", "--all", "--group", "nut"], "--group, --all go with --top"),
        (["food"], "give words of a food's name"),
    ],
)
def test_top_refusals(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc(*args), message)


def test_the_python_api_ranks_alike() -> None:
    import mgcalc
    from mgcalc.errors import InputError

    seeds = mgcalc.food_top("portion", "nut").foods[0]
    assert (seeds.ndb, seeds.portion) == ("12014", "1 cup (129 g)")
    assert mgcalc.food_top(every=True).survey_only is False
    with pytest.raises(InputError, match="per must be 100g, portion or 100kcal, not '1kg'"):
        mgcalc.food_top("1kg")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="every must be"):
        mgcalc.food_top(every="yes")  # type: ignore[arg-type]
