"""The ``food`` command's result: SR28's portions of the first match and their magnesium."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcalc.datafiles import DATA_DIR_VARIABLE, data_file
from mgcalc.dietary.search import SHOWN, find

# SR28 (foods.md): almonds 270 mg per 100 g, 1 cup whole = 143 g; bananas 27 mg, medium 118 g.
TOLERANCE = 1e-9


def test_portions_of_the_first_match_carry_their_magnesium() -> None:
    almonds = find("almonds")
    assert almonds.foods[0].ndb == "12061"
    whole = almonds.portions[0]
    assert (whole.amount, whole.description, whole.grams) == (1, "cup, whole", 143)
    assert whole.mg == pytest.approx(270 * 143 / 100, rel=TOLERANCE)  # 386.1 mg
    medium = [p for p in find("banana").portions if p.description.startswith("medium")]
    assert [p.mg for p in medium] == [pytest.approx(27 * 118 / 100, rel=TOLERANCE)]  # 31.86 mg


def test_the_portions_are_the_first_matchs_not_the_seconds() -> None:
    found = find("black beans cooked without salt")
    assert [row.ndb for row in found.foods][:1] == ["16015"]
    cup = found.portions[0]
    assert (cup.description, cup.grams) == ("cup", 172)
    assert cup.mg == pytest.approx(70 * 172 / 100, rel=TOLERANCE)  # data/foods.csv: 70 mg/100 g


def test_unknown_magnesium_stays_unknown_in_every_portion() -> None:
    candy = find("19065")  # Candies, ALMOND JOY: no magnesium row in SR28
    assert candy.foods[0].mg_per_100g is None
    assert [(p.grams, p.mg) for p in candy.portions] == [(49, None), (19, None)]
    assert candy.notes[-1] == "SR28 gives no magnesium for 19065: unknown, not 0."
    assert not any("unknown, not 0" in note for note in find("almonds").notes)


@pytest.mark.parametrize(("query", "found"), [("lentils", 10), ("sunflower seeds", 11)])
def test_a_note_says_how_many_match_when_not_all_are_shown(query: str, found: int) -> None:
    result = find(query)
    assert (result.query, result.found, len(result.foods)) == (query, found, min(found, SHOWN))
    counted = [note for note in result.notes if "foods match" in note]
    if found > SHOWN:
        assert counted == [f"{found} foods match; add words to narrow the search."]
    else:
        assert counted == []
    assert result.notes[0].startswith("Source: USDA National Nutrient Database")


SOURCE = (
    "Source: USDA National Nutrient Database for Standard Reference, Release 28 (2015), public "
    "domain; magnesium in mg per 100 g of edible portion."
)


def test_a_word_of_the_table_says_which_food_it_means() -> None:
    # data/food-words.csv: milk is 01077, whole milk (SR28: 10 mg per 100 g; 1 cup is 244 g).
    milk = find(" milk ")
    assert (milk.query, milk.matched_by) == (" milk ", "word_table")
    assert milk.reason is not None and milk.reason.startswith("cow's milk, whole")
    assert milk.notes[:2] == (
        SOURCE,
        f"'milk' means 01077, from data/food-words.csv: {milk.reason}. Give an NDB number or "
        "more words for another.",
    )
    first = milk.foods[0]
    assert (first.ndb, first.description, first.food_group, first.mg_per_100g) == (
        "01077",
        "Milk, whole, 3.25% milkfat, with added vitamin D",
        "Dairy and Egg Products",
        10.0,
    )
    assert (first.data_points, first.source) == (42, "USDA SR28 (2015) NDB 01077")
    cup = milk.portions[0]
    assert (cup.amount, cup.description, cup.grams) == (1.0, "cup", 244.0)
    assert cup.mg == pytest.approx(10 * 244 / 100, rel=TOLERANCE)


def test_a_word_naming_no_one_food_says_that_food_refuses_it() -> None:
    fish = find("fish")
    assert (fish.matched_by, fish.foods[0].ndb) == ("search", "15237")
    assert fish.reason is not None and fish.reason.startswith("SR28 has no plain fish")
    assert fish.notes[:2] == (
        SOURCE,
        f"--food refuses 'fish': {fish.reason}. The first rows are candidates from "
        "data/food-words.csv; give an NDB number or more words.",
    )
    plain = find("12061")
    assert (plain.matched_by, plain.reason) == ("ndb", None)
    assert plain.notes == (SOURCE,)


def test_eleven_matches_show_ten_rows_and_say_eleven() -> None:
    # 11 SR28 foods hold every word of "sunflower seeds"; ten rows are shown.
    result = find("sunflower seeds")
    assert (result.found, len(result.foods)) == (11, 10)
    assert "11 foods match; add words to narrow the search." in result.notes


def test_a_word_with_one_candidate_gives_its_own_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "foods.csv").write_bytes(data_file("foods.csv").read_bytes())
    (tmp_path / "food-words.csv").write_text(
        "word,ndb,variants,reason\nfish,,15237,no plain fish in SR28\n"
    )
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    fish = find("fish")
    assert fish.foods[0].ndb == "15237"
    assert fish.notes[1] == (
        "--food refuses 'fish': no plain fish in SR28. The first rows are candidates from "
        "data/food-words.csv; give an NDB number or more words."
    )
