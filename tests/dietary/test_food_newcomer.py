"""Defects a newcomer found in #21's words and portions: each asserts SR28's own figures."""

from __future__ import annotations

import pytest

import mgcalc.dietary.foods as foods_module
from mgcalc.dietary.food_words import word_table
from mgcalc.dietary.foods import foods_table, search, together, words
from mgcalc.dietary.portions import food_used
from mgcalc.errors import BadDiet, UnknownFood


def per_100g(ndb: str) -> float:
    food = foods_table().by_ndb(ndb)
    assert food is not None and food.mg_per_100g is not None
    return food.mg_per_100g


@pytest.mark.parametrize(
    ("text", "ndb", "mg_per_100g", "grams", "not_this"),
    [
        # "Beverages, almond milk, unsweetened, shelf stable": 7 mg/100 g in SR28,
        # not 19132 "Candies, milk chocolate, with almonds" (90 mg/100 g, 216 mg for 240 g)
        ("almond milk=240g", "14091", 7.0, 240, "19132"),
        ("almond milk=1cup", "14091", 7.0, 262, "19132"),  # SR28: 1 cup = 262 g
        # "Beans, baked, canned, plain or vegetarian" (27 mg), not "…, with franks" (28 mg)
        ("baked beans=1cup", "16006", 27.0, 254, "16008"),
        # "Peanuts, all types, dry-roasted, without salt": same 178 mg as 16090 with salt
        ("peanuts=28g", "16390", 178.0, 28, "16090"),
    ],
)
def test_a_plain_name_is_the_food_people_mean(
    text: str, ndb: str, mg_per_100g: float, grams: float, not_this: str
) -> None:
    used = food_used(text)
    assert (used.ndb, used.grams, used.matched_by) == (ndb, grams, "word_table")
    assert per_100g(ndb) == mg_per_100g
    assert used.mg == pytest.approx(grams * mg_per_100g / 100, rel=1e-12)
    assert search(text.partition("=")[0])[0].food.ndb == ndb != not_this


def test_peanuts_by_the_cup_is_counted() -> None:
    # 16090 (with salt) lists no cup; 16390 (without salt) lists 1 cup = 146 g
    used = food_used("peanuts=1cup")
    assert (used.ndb, used.grams) == ("16390", 146)
    assert used.mg == pytest.approx(146 * 178.0 / 100, rel=1e-12)


def test_fish_names_no_one_food_and_is_refused_with_candidates() -> None:
    with pytest.raises(UnknownFood) as caught:
        food_used("fish=100g")
    message = str(caught.value)
    assert "names no one food in SR28" in message and "Fish broth is a broth" in message
    assert "15237 Fish, salmon, Atlantic, farmed, cooked, dry heat (30 mg/100 g)" in message
    assert "06963" not in message.split("e.g.")[1]
    # `mgcalc food fish` lists the same candidates first, then the ranked rest
    assert [m.food.ndb for m in search("fish")[:4]] == ["15237", "15121", "15016", "15262"]
    assert food_used("salmon=100g").ndb == "15237"


@pytest.mark.parametrize(
    ("description", "query", "expected"),
    [
        ("Beverages, almond milk, unsweetened, shelf stable", "almond milk", True),
        ("Candies, milk chocolate, with almonds", "almond milk", False),
        ("Rice, brown, long-grain, cooked", "brown rice", True),  # SR28's inverted form
        ("Beans, baked, canned, with franks", "baked beans", True),
        ("Bread, whole-wheat, commercially prepared", "whole wheat bread", True),
        ("Milk, chocolate, fluid, commercial, whole", "milk chocolate", False),
    ],
)
def test_words_together_name_one_thing(description: str, query: str, expected: bool) -> None:
    phrase = tuple(foods_module.stem(word) for word in words(query))
    assert together(description, phrase) is expected


@pytest.mark.parametrize(
    ("query", "ndb"),
    [
        ("almond milk", "14091"),  # not 19132 "Candies, milk chocolate, with almonds"
        ("whole wheat bread", "18075"),  # not 18042 "Bread, pita, whole-wheat"
        ("whole milk", "01077"),  # not 01230 "Milk, buttermilk, fluid, whole"
    ],
)
def test_ranking_prefers_the_words_named_together(
    monkeypatch: pytest.MonkeyPatch, query: str, ndb: str
) -> None:
    from mgcalc.dietary import food_words

    monkeypatch.setattr(food_words, "word_table", dict)  # the ranking alone
    assert search(query)[0].food.ndb == ndb


def _salted(description: str) -> bool:
    own = words(description)
    return "salt" in own and "without" not in own and "no" not in own


def test_no_word_means_a_salted_row_that_has_an_unsalted_twin() -> None:
    """#21 ranks the row without salt first: audit every row of food-words.csv."""
    every = foods_table().foods
    by_description = {food.description.lower(): food for food in every}
    for row in word_table().values():
        if not row.ndb:
            continue
        food = foods_table().by_ndb(row.ndb)
        assert food is not None
        if not _salted(food.description):
            continue
        low = food.description.lower()
        twins = [
            by_description.get(low.replace(salted, plain))
            for salted, plain in (("with salt", "without salt"), ("salt added", "salt not added"))
            if salted in low
        ]
        assert not [t for t in twins if t and t.mg_per_100g == food.mg_per_100g], row


@pytest.mark.parametrize(
    ("text", "grams", "portion"),
    [
        ("11250=2 leaves", 10, "leaf"),  # SR28 lists "1 leaf" = 5 g (and "leaf, large" 15 g)
        ("11250=1 leaf", 5, "leaf"),
        ("milk=8floz", 8 * 30.5, "fl oz"),  # 01077: 1 fl oz = 30.5 g
        ("milk=8 fl oz", 8 * 30.5, "fl oz"),
        ("milk=8 fl. oz", 8 * 30.5, "fl oz"),
        ("milk=8 floz", 8 * 30.5, "fl oz"),
    ],
)
def test_plurals_and_unit_spellings_name_the_listed_portion(
    text: str, grams: float, portion: str
) -> None:
    used = food_used(text)
    assert (used.grams, used.portion) == (pytest.approx(grams), portion)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # SR28 lists eggs and bananas in several sizes: a count of the food is ambiguous
        ("egg=2 eggs", "'eggs' counts the food itself, but SR28 lists it in several sizes: "
                       "large; extra large; jumbo; medium; small"),
        ("banana=2 bananas", "SR28 lists it in several sizes: extra small"),
        ("rice=1,5 cup", "the decimal mark is a point (write 1.5cup)"),
        ("rice=1,5cup", "the decimal mark is a point (write 1.5cup)"),
    ],
)  # fmt: skip
def test_ambiguous_counts_and_decimal_commas_are_refused(text: str, message: str) -> None:
    with pytest.raises(BadDiet, match=message.replace("(", r"\(").replace(")", r"\)")):
        food_used(text)


def test_the_sizes_are_named_so_a_count_can_be_written() -> None:
    used = food_used("egg=2large")  # 01123: 1 large = 50 g
    assert (used.grams, used.portion) == (100, "large")
    assert used.mg == pytest.approx(100 * per_100g("01123") / 100, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "grams", "portion"),
    [
        # 01129 "Egg, whole, cooked, hard-boiled" lists one size: 1 large = 50 g
        ("01129=2 eggs", 100, "large"),
        # 07022 "Frankfurter, beef" (ComName "hot dog") lists 1 frankfurter = 50 g
        ("hot dog=2 hot dogs", 100, "frankfurter"),
    ],
)
def test_a_count_of_the_food_reads_as_its_one_whole_item(
    text: str, grams: float, portion: str
) -> None:
    used = food_used(text)
    assert (used.grams, used.portion) == (grams, portion)
    assert used.mg == pytest.approx(grams * per_100g(used.ndb) / 100, rel=1e-12)
    assert f"read as '{portion}', the one whole item SR28 lists" in used.notes[-1]


def test_a_count_of_a_food_with_no_whole_item_is_refused_with_its_portions() -> None:
    # 16028 kidney beans list only cup and tbsp
    with pytest.raises(BadDiet, match="'beans' counts the food itself, but SR28 lists no whole"):
        food_used("beans=2 beans")
