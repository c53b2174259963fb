"""The food table against USDA SR28's published counts and values (foods.md), and search."""

from __future__ import annotations

import pytest

from mgcalc.diet.foods import find_food, foods_table, portions, search
from mgcalc.errors import UnknownFood


def test_every_sr28_food_is_there() -> None:
    table = foods_table()
    assert len(table.foods) == 8789
    unknown = [food for food in table.foods if food.mg_per_100g is None]
    assert len(unknown) == 739  # no magnesium row in SR28: unknown, never 0
    assert all(food.data_points is None for food in unknown)
    assert sum(1 for food in table.foods if food.data_points == 0) == 3665
    assert sum(len(portions(food)) for food in table.foods) == 15438  # WEIGHT.txt records
    assert all(food.source == f"USDA SR28 (2015) NDB {food.ndb}" for food in table.foods)


@pytest.mark.parametrize(
    ("ndb", "description", "mg"),
    [
        ("12061", "Nuts, almonds", 270),
        ("11457", "Spinach, raw", 79),
        ("09040", "Bananas, raw", 27),
        ("01077", "Milk, whole, 3.25% milkfat, with added vitamin D", 10),
        ("12014", "Seeds, pumpkin and squash seed kernels, dried", 592),
        ("14411", "Beverages, water, tap, drinking", 1),
    ],
)
def test_spot_values(ndb: str, description: str, mg: float) -> None:
    food = foods_table().by_ndb[ndb]
    assert (food.description, food.mg_per_100g) == (description, mg)


def test_spot_portions() -> None:
    banana = portions(foods_table().by_ndb["09040"])
    assert [p.grams for p in banana if p.description.startswith("medium")] == [118]
    almonds = portions(foods_table().by_ndb["12061"])
    assert (almonds[0].amount, almonds[0].description, almonds[0].grams) == (1, "cup, whole", 143)
    assert [p.description for p in almonds][:4] == [
        "cup, whole", "cup, sliced", "cup, slivered", "cup, ground",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("almonds", "Nuts, almonds"),
        ("banana", "Bananas, raw"),
        ("bananas", "Bananas, raw"),
        ("spinach", "Spinach, raw"),
        ("Spinach RAW", "Spinach, raw"),
        ("raw spinach", "Spinach, raw"),
        ("broccoli", "Broccoli, raw"),
        ("oats", "Oats"),
    ],
)
def test_plain_queries_find_the_plain_item_first(query: str, first: str) -> None:
    assert search(query)[0].food.description == first


def test_words_in_any_order_must_all_match() -> None:
    found = [match.food.ndb for match in search("cooked black beans")]
    assert found[:2] == ["16015", "16315"]
    assert all("black" in m.food.description.lower() for m in search("black beans cooked"))


@pytest.mark.parametrize("query", ["09040", "9040", " 9040 "])
def test_ndb_number_with_or_without_its_leading_zero(query: str) -> None:
    assert [match.food.ndb for match in search(query)] == ["09040"]
    assert find_food(query).description == "Bananas, raw"


def test_equal_matches_are_refused_with_both_listed() -> None:
    with pytest.raises(UnknownFood, match=r"matches 2 foods equally well: 16015 .*; 16315 "):
        find_food("black beans cooked")
    assert find_food("black beans cooked without salt").ndb == "16015"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("almnds", "did you mean 'almond' for 'almnds'"),
        ("spinch raw", "did you mean 'spinach' for 'spinch'"),
        ("xyzzyq", "'xyzzyq' not found"),
        ("almonds spinach", "no food has all the words"),
        ("99999", "no food has NDB number 99999"),
        ("  ", "empty food query"),
        ("a" * 300, "too long"),
    ],
)
def test_nothing_found(query: str, message: str) -> None:
    with pytest.raises(UnknownFood, match=message):
        search(query)
