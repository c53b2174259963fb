"""The diet's parts add up: known totals, water at a concentration, foods, a tracker's mean."""

from __future__ import annotations

import pytest

from mgcalc.chemistry.amounts import BadAmount
from mgcalc.dietary.assembly import DietDay, DietFile, make_diet
from mgcalc.errors import BadDiet


def test_nothing_given_is_no_diet_not_zero() -> None:
    assert make_diet() is None
    assert make_diet(None, ()) is None
    assert make_diet([]) is None


def test_entries_add_up() -> None:
    diet = make_diet(["250mg", "1.5L@20mg/L", "10mmol"])
    assert diet is not None
    assert [entry.mg for entry in diet.entries] == pytest.approx([250, 30, 243.05], rel=1e-4)
    assert diet.mg == pytest.approx(523.05, rel=1e-4)
    assert (diet.foods, diet.file) == ((), None)


def test_numbers_are_mg() -> None:
    diet = make_diet([250, 12.5])
    assert diet is not None
    assert [(entry.input, entry.mg) for entry in diet.entries] == [("250mg", 250), ("12.5mg", 12.5)]
    assert make_diet(0) is not None


def test_foods_and_file_add_to_entries() -> None:
    file = DietFile(
        path="x.csv", days=(DietDay(date="2024-01-01", mg=300),), days_used=1, days_left_out=0,
        mean_mg=300, min_mg=300, max_mg=300,
    )  # fmt: skip
    diet = make_diet("100mg", ["almonds=1oz", "banana=1medium"], file)
    assert diet is not None
    assert diet.mg == pytest.approx(100 + 76.545 + 31.86 + 300, rel=1e-9)
    assert [food.ndb for food in diet.foods] == ["12061", "09040"]


@pytest.mark.parametrize(
    ("entry", "error", "message"),
    [
        ("1.5L", BadDiet, r"is a volume: give the water's magnesium too, e.g. 1.5L@20mg/L"),
        ("almonds=1oz", BadDiet, "looks like a food"),
        ("lots", BadAmount, "must start with a number"),
        ("-5mg", BadAmount, "negative"),
        (-5, BadDiet, "zero or more"),
        (float("nan"), BadDiet, "not a number"),
    ],
)
def test_refusals(entry: str | float, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        make_diet(entry)


def test_foods_alone_or_a_file_alone_make_a_diet() -> None:
    file = DietFile(
        path="x.csv", days=(DietDay(date="2024-01-01", mg=300),), days_used=1, days_left_out=0,
        mean_mg=300, min_mg=300, max_mg=300,
    )  # fmt: skip
    alone = make_diet(file=file)
    assert alone is not None
    assert (alone.mg, alone.entries, alone.foods) == (300, (), ())
    foods = make_diet(foods=["almonds=1oz"])
    assert foods is not None
    assert foods.mg == pytest.approx(76.545, rel=1e-9)  # 28.35 g at 270 mg/100 g (SR28)


@pytest.mark.parametrize(
    ("entry", "mg"), [(1e9, 1e9), (0, 0.0), ("0mg", 0.0), (" 0.5 mmol", 12.1525)]
)
def test_entries_at_their_bounds(entry: str | float, mg: float) -> None:
    # 10⁹ mg is the largest amount mgcalc reads (included); 1 mmol is 24.305 mg.
    diet = make_diet(entry)
    assert diet is not None
    assert diet.mg == pytest.approx(mg, rel=1e-9)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (1e9 * (1 + 1e-9), "too large (at most 10⁹ mg)"),
        (" 250 ", "diet '250' has no unit; add a unit: 250mg"),
        ("2.5", "diet '2.5' has no unit; add a unit: 2.5mg"),
    ],
)
def test_entries_refused_with_their_reason(entry: str | float, message: str) -> None:
    with pytest.raises(BadDiet) as caught:
        make_diet(entry)
    assert message in str(caught.value)


def test_a_food_given_as_diet_is_shown_up_to_40_characters() -> None:
    entry = "almonds" + "s" * 33 + "=28g"  # 44 characters
    with pytest.raises(BadDiet) as caught:
        make_diet(entry)
    assert str(caught.value).startswith(f"diet '{entry[:40]}' looks like a food")


def test_the_notes_on_a_diet_file() -> None:
    from mgcalc.dietary.assembly import diet_notes

    days = (
        DietDay(date="2024-01-01", mg=300, unknown_foods=2),
        DietDay(date="2024-01-02", mg=200),
        DietDay(date="2024-01-03", mg=None, used=False, left_out="missing", unknown_foods=1),
    )
    file = DietFile(
        path="x.csv", days=days, days_used=2, days_left_out=1, mean_mg=250, min_mg=200,
        max_mg=300, layout="per_food",
    )  # fmt: skip
    diet = make_diet(file=file)
    assert diet is not None
    assert diet_notes(diet) == [
        "Diet file: the mean of 2 day(s) is used. The IOM judges usual intake; a few days only "
        "estimate it.",
        "A tracker's daily totals include any supplements logged in it: do not list those "
        "again as items.",
        "Apple Health and per-food exports carry no 'completed' flag: a half-logged day lowers "
        "the mean.",
        # Only the used day counts: the day left out is not in the mean.
        "1 day(s) used include foods without a magnesium value: their totals are at least the "
        "sum shown.",
    ]
    daily = make_diet(file=file.model_copy(update={"layout": "daily", "days": days[1:2]}))
    assert daily is not None
    assert len(diet_notes(daily)) == 2


def test_the_notes_on_foods_and_on_entries() -> None:
    from mgcalc.dietary.assembly import diet_notes

    foods = make_diet(foods=["almonds=1oz"])
    assert foods is not None
    assert diet_notes(foods) == [
        "Foods: USDA National Nutrient Database for Standard Reference, Release 28 (2015); "
        "each is named by its NDB number."
    ]
    entries = make_diet("250mg")
    assert entries is not None
    assert diet_notes(entries) == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (float("nan"), "diet nan: not a number; give a number of mg"),
        (-1.0, "diet -1.0: a number of mg must be zero or more"),
    ],
)
def test_numbers_refused_in_full(entry: float, message: str) -> None:
    with pytest.raises(BadDiet) as caught:
        make_diet(entry)
    assert str(caught.value) == message
