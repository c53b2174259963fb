"""Food amounts: masses, and each food's own SR28 household portions."""

from __future__ import annotations

import pytest

from mgcalc.dietary.portions import food_used
from mgcalc.errors import BadDiet, UnknownFood


@pytest.mark.parametrize(
    ("text", "grams", "portion"),
    [
        ("almonds=28g", 28, None),
        ("almonds=0.1kg", 100, None),
        ("almonds=1oz", 28.35, None),  # oz is always the mass in --food
        ("almonds=0.25lb", 0.25 * 16 * 28.35, None),
        ("almonds=1cup", 143, "cup, whole"),  # the first of the cup portions
        ("almonds=1 cup", 143, "cup, whole"),
        ("almonds=2cups", 286, "cup, whole"),
        ("almonds=0.5 cup, sliced", 46, "cup, sliced"),  # the fuller descriptor
        ("almonds=1/2 cup ground", 47.5, "cup, ground"),
        ("almonds=10 almonds", 12, "almond"),
        ("banana=1 medium", 118, 'medium (7" to 7-7/8" long)'),
        ("banana=1medium", 118, 'medium (7" to 7-7/8" long)'),
        ("09040=1 large", 136, 'large (8" to 8-7/8" long)'),
        ("spinach=1cup", 30, "cup"),
        ("butter salted=2 tbsp", 28.4, "tbsp"),
    ],
)
def test_amounts(text: str, grams: float, portion: str | None) -> None:
    used = food_used(text)
    assert used.grams == pytest.approx(grams, rel=1e-9)
    assert used.portion == portion
    assert used.mg == pytest.approx(grams * used.mg_per_100g / 100, rel=1e-9)
    assert used.input == text


def test_a_medium_banana_has_about_32_mg() -> None:
    used = food_used("banana=1medium")
    assert (used.ndb, used.description, used.mg) == ("09040", "Bananas, raw", pytest.approx(31.86))


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (
            "almonds=1slice",
            BadDiet,
            "has no portion 'slice'; its portions: cup, whole; cup, sliced",
        ),
        ("almonds", BadDiet, "is not FOOD=AMOUNT"),
        ("=1cup", BadDiet, "is not FOOD=AMOUNT"),
        ("almonds=", BadDiet, "is not FOOD=AMOUNT"),
        ("almonds=cup", BadDiet, "must start with a number"),
        ("almonds=-1cup", BadDiet, "must start with a number"),
        ("almonds=28", BadDiet, "has no unit"),
        ("almonds=1/0 cup", BadDiet, "divides by zero"),
        ("almonds=1OZ", BadDiet, "lower case"),
        ("almonds=1e300kg", BadDiet, "has no portion .e300kg."),
        ("almonds=99999999999999kg", BadDiet, "implausibly large"),
        ("almnds=1cup", UnknownFood, "did you mean 'almond'"),
        ("milk 2%=1cup", UnknownFood, "equally well: 01079 .* mg.*01174 "),
        ("19065=1oz", BadDiet, "SR28 gives no magnesium for 19065 .*unknown, not 0"),
    ],
)
def test_refusals(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        food_used(text)


def test_a_portion_listed_for_part_of_a_unit_is_scaled() -> None:
    # SR28 lists dry whole milk (01090) as 0.25 cup = 32 g: one cup is 128 g.
    used = food_used("01090=1cup")
    assert (used.grams, used.portion) == (128.0, "cup")


def test_a_food_of_exactly_a_billion_mg_is_read() -> None:
    # The bound of any amount, 10⁹ mg, is included: 500,000 kg of a powder at 200 mg/100 g.
    assert food_used("01223=500000kg").mg == 1e9
    with pytest.raises(BadDiet, match="implausibly large"):
        food_used("01223=500001kg")


@pytest.mark.parametrize(("length", "refused"), [(200, False), (201, True)])
def test_a_food_up_to_200_characters_is_read(length: int, refused: bool) -> None:
    text = "almonds" + " " * (length - len("almonds=28g")) + "=28g"
    assert len(text) == length
    if refused:
        with pytest.raises(BadDiet, match=r"^food is too long \(201 characters\)"):
            food_used(text)
    else:
        assert food_used(text).grams == 28


@pytest.mark.parametrize(("text", "shown"), [("x" * 40, "x" * 40), ("x" * 41, "x" * 40 + "…")])
def test_a_food_without_its_amount_is_shown_up_to_40_characters(text: str, shown: str) -> None:
    with pytest.raises(BadDiet) as caught:
        food_used(text)
    assert str(caught.value).startswith(f"food '{shown}' is not FOOD=AMOUNT")
