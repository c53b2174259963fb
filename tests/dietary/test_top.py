"""`food --top`: the precomputed rankings against data/foods.csv, and group prefixes."""

from __future__ import annotations

import csv
import io

import pytest

from mgcalc.datafiles import data_file
from mgcalc.dietary.foods import foods_table, portions
from mgcalc.dietary.top import groups, top_foods
from mgcalc.errors import UnknownFood

TOLERANCE = 1e-5  # the file keeps six significant figures


def _value(food: object, per: str) -> tuple[float | None, str | None]:
    mg = food.mg_per_100g  # type: ignore[attr-defined]
    if per == "100g":
        return mg, None
    if per == "portion":
        listed = portions(food)  # type: ignore[arg-type]
        if not listed:
            return None, None
        first = listed[0]
        return mg * first.grams / 100, f"{first.amount:g} {first.description} ({first.grams:g} g)"
    kcal = food.kcal_per_100g  # type: ignore[attr-defined]
    return (None, None) if kcal < 5 else (mg / kcal * 100, None)


@pytest.mark.parametrize("per", ["100g", "portion", "100kcal"])
@pytest.mark.parametrize("every", [False, True])
def test_every_ranking_is_recomputed_from_foods_csv(per: str, every: bool) -> None:
    foods = [f for f in foods_table().foods if f.mg_per_100g is not None and (every or f.survey)]
    for group in (None, *groups()):
        chosen = [f for f in foods if group is None or f.food_group == group]
        values = [(_value(f, per), f) for f in chosen]
        ranked = sorted(
            ((value, portion, f) for (value, portion), f in values if value is not None),
            key=lambda item: (-item[0], item[2].ndb),
        )
        result = top_foods(per, group, every=every)  # type: ignore[arg-type]
        assert (result.ranked, result.not_ranked) == (len(ranked), len(chosen) - len(ranked))
        assert [food.ndb for food in result.foods] == [f.ndb for _, _, f in ranked[:20]]
        for food, (value, portion, row) in zip(result.foods, ranked, strict=False):
            assert food.mg == pytest.approx(value, rel=TOLERANCE)
            assert (food.description, food.portion) == (row.description, portion)
            assert food.source == f"USDA SR28 (2015) NDB {row.ndb}; ranked by tools/build_foods.py"


def test_spot_rankings() -> None:
    first = top_foods().foods[0]
    assert (first.ndb, first.description, first.mg) == ("20060", "Rice bran, crude", 781)
    seeds = top_foods("portion", "nut").foods[0]  # 592 mg/100 g x 129 g
    assert (seeds.ndb, seeds.portion, seeds.mg) == ("12014", "1 cup (129 g)", pytest.approx(763.68))


def test_counts_left_out() -> None:
    # Under 5 kcal per 100 g: 76 foods with magnesium, 38 of them 0 kcal (table salt, club soda).
    assert top_foods("100kcal", every=True).not_ranked == 76
    assert top_foods("100kcal").not_ranked == 45
    zero = {
        f.ndb for f in foods_table().foods if f.mg_per_100g is not None and f.kcal_per_100g == 0
    }
    assert len(zero) == 38 and {"02047", "14121"} <= zero
    assert top_foods("portion", every=True).not_ranked == 227  # no portion listed
    assert top_foods("100g", every=True).ranked == 8050  # every food with a magnesium value


@pytest.mark.parametrize(
    ("prefix", "group"),
    [
        ("bev", "Beverages"),
        ("NUT", "Nut and Seed Products"),
        (" legumes ", "Legumes and Legume Products"),
    ],
)
def test_a_group_by_its_start_in_any_case(prefix: str, group: str) -> None:
    assert top_foods(group=prefix).food_group == group


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("b", "matches 5 groups: Baby Foods; Baked Products; Beef Products; Beverages; Breakfast"),
        ("zz", "no food group starts with 'zz'; groups: American Indian"),
        ("", "no food group starts with ''"),
    ],
)
def test_a_group_prefix_must_name_one_group(prefix: str, message: str) -> None:
    with pytest.raises(UnknownFood, match=message):
        top_foods(group=prefix)


def test_the_file_has_every_ranking_once() -> None:
    rows = list(csv.DictReader(io.StringIO(data_file("food-top.csv").read_text("utf-8"))))
    assert len(groups()) == 25
    keys = [(r["per"], r["scope"], r["food_group"]) for r in rows if r["rank"] == "ranked"]
    assert len(keys) == len(set(keys)) == 3 * 2 * 26
