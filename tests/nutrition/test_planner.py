"""The dose planner, on worked cases from the reference values."""

from __future__ import annotations

import pytest

from mgcalc.errors import BadAmount, InputError
from mgcalc.nutrition.planner import plan
from mgcalc.nutrition.profile import make_profile

WOMAN_42 = make_profile(age="42", sex="female")  # EAR 265, RDA 320, UL 350
GLYCINATE_500 = 500 * 24.305 / 172.423  # 70.48 mg magnesium per capsule
EXACT = 1e-5  # the table stores fractions to 6 significant digits


def test_woman_42_with_diet_200() -> None:
    result = plan("glycinate", WOMAN_42, unit="500mg", diet="200mg")
    assert result.units == 2
    assert result.supplemental_mg == pytest.approx(2 * GLYCINATE_500, rel=EXACT)  # 141 mg
    assert result.total_mg == pytest.approx(200 + 2 * GLYCINATE_500, rel=EXACT)  # 341 mg
    assert result.compound_mg == 1000.0
    assert (result.capped_by_ul, result.reaches_target) == (False, True)
    assert (result.target_mg, result.target_kind, result.needed_mg) == (320, "rda", 120)
    assert result.percent_of_ul == pytest.approx(100 * 2 * GLYCINATE_500 / 350, rel=EXACT)


def test_woman_42_with_no_diet_is_capped() -> None:
    # Five capsules (352 mg) would pass the UL of 350 mg: four, flagged as capped.
    result = plan("glycinate", WOMAN_42, unit="500mg", diet="0mg")
    assert result.units == 4
    assert result.supplemental_mg == pytest.approx(4 * GLYCINATE_500, rel=EXACT)
    assert (result.capped_by_ul, result.reaches_target) == (True, False)
    assert any("Capped by the upper limit of 350 mg" in note for note in result.notes)


def test_oxide_tablets() -> None:
    result = plan("oxide", WOMAN_42, unit="400mg", diet="200mg")
    assert result.units == 1
    assert result.supplemental_mg == pytest.approx(241.2, rel=1e-3)
    assert result.total_mg == pytest.approx(441.2, rel=1e-3)


def test_without_a_unit_plans_the_exact_amount() -> None:
    result = plan("glycinate", WOMAN_42, diet="200mg")
    assert (result.units, result.doses) == (None, None)
    assert result.supplemental_mg == pytest.approx(120)
    assert result.compound_mg == pytest.approx(120 / (24.305 / 172.423), rel=1e-4)


def test_toddler_is_capped_below_the_rda() -> None:
    # 1–3 y: RDA 80, supplemental UL 65.
    result = plan("elemental", make_profile(age="2"), diet="0mg")
    assert (result.supplemental_mg, result.capped_by_ul, result.ul_mg) == (65, True, 65)
    with_food = plan("elemental", make_profile(age="2"), diet="30mg")
    assert (with_food.supplemental_mg, with_food.capped_by_ul) == (50, False)


def test_infant_gets_no_supplement_without_the_override() -> None:
    result = plan("glycinate", make_profile(age="4mo"), unit="500mg", diet="0mg")
    assert (result.units, result.supplemental_mg, result.ul_mg) == (0, 0, None)
    assert any("no upper limit is established" in note for note in result.notes)
    override = plan(
        "glycinate", make_profile(age="4mo"), unit="500mg", diet="0mg", allow_above_ul=True
    )
    assert override.units == 1
    assert any("medical supervision" in warning for warning in override.warnings)


def test_eu_upper_level_and_split_advice() -> None:
    result = plan(
        "glycinate", make_profile(age="30", sex="female", standard="eu"), unit="500mg", diet="0mg"
    )
    assert (result.target_mg, result.target_kind, result.ul_mg) == (300, "ai", 250)
    assert result.units == 3  # four would be 282 mg > 250
    assert result.capped_by_ul
    assert any("at least two doses" in note for note in result.notes)


def test_target_met_by_diet() -> None:
    result = plan("glycinate", WOMAN_42, unit="500mg", diet="400mg")
    assert (result.units, result.supplemental_mg, result.needed_mg) == (0, 0, 0)
    assert any("no supplement needed" in note for note in result.notes)


@pytest.mark.parametrize(
    ("units_needed_diet", "doses", "split"),
    [("200mg", 2, (1, 1)), ("150mg", 2, (2, 1)), ("0mg", 3, (2, 1, 1)), ("300mg", 2, (1, 0))],
)
def test_doses_split_as_evenly_as_whole_units_allow(
    units_needed_diet: str, doses: int, split: tuple[int, ...]
) -> None:
    result = plan("glycinate", WOMAN_42, unit="500mg", diet=units_needed_diet, doses=doses)
    assert result.doses == split
    assert sum(split) == result.units


def test_targets() -> None:
    assert plan("oxide", WOMAN_42, target="ear", diet="0mg").target_mg == 265
    assert plan("oxide", WOMAN_42, target="300mg").target_kind == "custom"
    assert plan("oxide", WOMAN_42, target="10mmol").target_mg == pytest.approx(243.05)
    assert plan("oxide", make_profile(age="2mo"), diet="0mg").target_kind == "ai"


def test_clinician_above_the_ul() -> None:
    result = plan("oxide", WOMAN_42, unit="400mg", diet="0mg", target="600mg", allow_above_ul=True)
    assert result.units == 3
    assert any("above the upper limit" in warning for warning in result.warnings)


def test_elemental_unit_and_liquid_unit() -> None:
    label = plan("glycinate", WOMAN_42, unit="elemental=100mg", diet="200mg")
    assert (label.units, label.unit_elemental_mg) == (2, 100)
    assert label.unit_compound_mg == pytest.approx(100 / (24.305 / 172.423), rel=EXACT)
    liquid = plan("milk-of-magnesia", WOMAN_42, unit="5mL", diet="200mg")
    assert liquid.unit_elemental_mg == pytest.approx(166.7, rel=1e-3)
    assert liquid.units == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"target": "ai"}, InputError, "sets no AI"),
        ({"target": "10mL"}, InputError, "is a volume"),
        ({"target": "lots"}, BadAmount, "must start with a number"),
        ({"unit": "0mg"}, InputError, "holds no magnesium"),
        ({"unit": "2x500mg"}, InputError, "drop the count"),
        ({"unit": "oxide=500mg"}, InputError, "only elemental="),
        ({"unit": "5mL"}, BadAmount, "needs a concentration"),
        ({"doses": 0}, InputError, "at least 1"),
    ],
)
def test_refusals(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        plan("glycinate", WOMAN_42, **{"diet": "0mg", **kwargs})  # type: ignore[arg-type]


def test_rda_target_needs_a_person() -> None:
    with pytest.raises(InputError, match="needs a person"):
        plan("glycinate", make_profile())
    assert plan("glycinate", make_profile(), target="300mg").ul_mg == 350


@pytest.mark.parametrize("target", ["rda", "ear", "ai"])
def test_a_reference_value_target_needs_the_diet(target: str) -> None:
    # 2 months: only an AI, which rda and ai both reach; ear is refused as unset later.
    person = WOMAN_42 if target != "ai" else make_profile(age="2mo")
    with pytest.raises(InputError, match=f"--target {target} is a total intake.*--diet 0mg"):
        plan("glycinate", person, target=target)


def test_an_amount_target_is_planned_as_given_without_a_diet() -> None:
    result = plan("elemental", WOMAN_42, target="300mg")
    assert (result.diet, result.diet_mg, result.needed_mg, result.supplemental_mg) == (
        None, 0, 300, 300,
    )  # fmt: skip
    assert any("planned from supplements alone" in note for note in result.notes)
    with_diet = plan("elemental", WOMAN_42, target="300mg", diet="100mg")
    assert (with_diet.diet_mg, with_diet.needed_mg) == (100, 200)


def test_no_ul_points_to_standards_that_set_one() -> None:
    who = plan(
        "oxide", make_profile(age="40", sex="female", standard="who"), unit="400mg", diet="0mg"
    )
    assert who.units == 0
    assert any("(--standard us or eu sets one for this person)" in note for note in who.notes)
    infant = plan("oxide", make_profile(age="4mo"), unit="400mg", diet="0mg")
    assert not any("sets one for this person" in note for note in infant.notes)
    assert any(
        note.endswith("A clinician can plan one with --allow-above-ul.") for note in infant.notes
    )


def test_dach_plans_within_efsas_upper_level() -> None:
    # clinical.md: D-A-CH has no UL of its own; EFSA's 250 mg applies in Germany and Austria.
    dach = plan(
        "elemental", make_profile(age="40", sex="female", standard="dach"), unit="100mg",
        diet="0mg",
    )  # fmt: skip
    assert (dach.ul_mg, dach.units, dach.supplemental_mg, dach.capped_by_ul) == (250, 2, 200, True)
    assert any("BfR advice" in note for note in dach.notes)
