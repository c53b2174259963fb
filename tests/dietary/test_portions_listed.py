"""Every portion SR28 lists, typed as `mgcalc food` shows it, counts that portion's grams."""

from __future__ import annotations

import pytest

from mgcalc.dietary.foods import foods_table, portions
from mgcalc.dietary.portions import GRAMS_PER, food_used
from mgcalc.errors import UnknownFood

TOLERANCE = 0.01  # the listed grams, within 1 %

# Kind 1: SR28 lists the same amount and name twice with different grams (WEIGHT.txt); the
# first is used and the output says SR28 lists another weight. (NDB, portion as shown, the
# grams of the second listing, more than 1 % from the first's.)
LISTED_TWICE = {
    ("01048", "1 jar (5 oz)", 142.0),
    ("18014", "1 biscuit", 43.0),
    ("18069", "1 slice", 25.0),
    ("18160", "1 cookie", 15.0),
    ("18288", "1 pancake", 40.0),
    ("19015", "1 bar", 25.0),
    ("25016", "1 bar", 44.0),
    ("33875", "5 fl oz", 152.0),
    ("35234", "1 piece", 19.0),
}
# Kind 2: 'oz' and 'lb' are a mass in --food (28.35 g an ounce, as the README says); SR28
# lists some such portions at other weights (e.g. "3 oz" at 28 g for 05705).
MASS_PORTIONS = 56


def _listed() -> list[tuple[str, str, float]]:
    rows = []
    for food in foods_table().foods:
        if food.mg_per_100g is not None:
            rows.extend(
                (food.ndb, f"{portion.amount:g} {portion.description}", portion.grams)
                for portion in portions(food)
            )
    return rows


def test_every_listed_portion_counts_its_grams() -> None:
    listed = _listed()
    assert len(listed) == 14608  # the portions of the 8,050 foods with a magnesium value
    differ = []
    for ndb, shown, grams in listed:
        used = food_used(f"{ndb}={shown}")
        if abs(used.grams - grams) > TOLERANCE * grams:
            differ.append((ndb, shown, grams, used))
    twice = {(ndb, shown, grams) for ndb, shown, grams, used in differ if used_note(used)}
    assert twice == LISTED_TWICE
    mass = [(ndb, shown) for ndb, shown, _, used in differ if used.portion is None]
    for ndb, shown in mass:
        assert shown.split(" ", 1)[1] in GRAMS_PER, (ndb, shown)
    assert len(mass) == MASS_PORTIONS
    assert len(differ) == len(LISTED_TWICE) + MASS_PORTIONS  # nothing else differs


def used_note(used: object) -> bool:
    notes = getattr(used, "notes", ())
    return any("SR28 lists another weight" in note for note in notes)


@pytest.mark.parametrize(
    ("text", "grams", "portion"),
    [
        ("11250=1 leaf", 5, "leaf"),  # not "leaf, large" (15 g)
        ("11250=1 leaf, large", 15, "leaf, large"),
        ("07058=2 slices", 57, "slices"),  # as listed, not 2 x 38 g
        ("07058=1 slice", 38, "slice"),
        ("07058=3 slices", 85.5, "slices"),  # scales the portion named as typed
        ("07058=4 slice", 152, "slice"),
        ("04053=1tbsp", 13.5, "tablespoon"),  # olive oil lists "tablespoon" only
        ("04053=2 tablespoons", 27, "tablespoon"),
        (
            "08504=1 serving (NLEA serving size = 0.75 cup)",
            29,
            "serving (NLEA serving size = 0.75 cup)",
        ),
        ("18927=6 cracker 1 cracker = 6.5g", 39, "cracker 1 cracker = 6.5g"),
        ('01001=1 pat (1" sq, 1/3" high)', 5, 'pat (1" sq, 1/3" high)'),
        ("01001=1 tablespoon", 14.2, "tbsp"),
        ("05705=3 oz", 3 * 28.35, None),  # a mass, though SR28 lists "3 oz" at 28 g
    ],
)
def test_portions_as_typed(text: str, grams: float, portion: str | None) -> None:
    used = food_used(text)
    assert used.grams == pytest.approx(grams, rel=1e-9)
    assert used.portion == portion


def test_a_portion_listed_twice_says_so() -> None:
    used = food_used("18069=1 slice")
    assert used.grams == 29  # the first listing; SR28 also lists 25 g
    assert used.notes == ("SR28 lists another weight for '1 slice'; the first is used",)


def test_listed_portions_end_to_end(mgcalc: object) -> None:
    run = mgcalc("dose", "--food", "07058=2 slices", "--food", "11250=1 leaf",  # type: ignore[operator]
                 "--age", "42", "--sex", "female", "--no-profile", "--json")  # fmt: skip
    foods = run.json()["diet"]["foods"]
    assert [(food["grams"], food["portion"]) for food in foods] == [(57, "slices"), (5, "leaf")]


def test_of_equal_matches_the_one_that_lists_the_portion_is_used() -> None:
    # 'peppers': serrano (11977) and jalapeno (11979) rank alike; only 11979 lists "cup, sliced".
    used = food_used("peppers=1 cup, sliced")
    assert (used.ndb, used.portion) == ("11979", "cup, sliced")
    assert used.notes == (
        "11979 is the only one of 2 equally good matches that lists '1 cup, sliced'",
    )
    assert [variant.ndb for variant in used.variants][:1] == ["11977"]


def test_equal_matches_that_list_no_such_portion_are_refused_saying_so() -> None:
    with pytest.raises(UnknownFood) as caught:
        food_used("peppers=1 slice")
    assert str(caught.value) == (
        "food 'peppers' matches 2 foods equally well: 11977 Peppers, serrano, raw "
        "(no '1 slice'); 11979 Peppers, jalapeno, raw (no '1 slice'); give its NDB number or "
        "more words"
    )
