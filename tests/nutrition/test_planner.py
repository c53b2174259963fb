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
    # 600 mg in 241.2 mg tablets is 2.49 tablets: the nearest whole number is 2 (no longer 3).
    result = plan("oxide", WOMAN_42, unit="400mg", diet="0mg", target="600mg", allow_above_ul=True)
    assert result.units == 2
    assert any("above the upper limit" in warning for warning in result.warnings)
    assert any("below the 600 mg target" in note for note in result.notes)


def test_explicit_target_takes_the_nearest_count() -> None:
    # Issue 10: 40 mEq = 486.1 mg; 400 mg MgO tablets hold 241.2 mg: 2.02 → 2 tablets, 99.2 %.
    result = plan("oxide", WOMAN_42, unit="400mg", target="40mEq", allow_above_ul=True)
    assert (result.units, result.capped_by_ul) == (2, False)
    assert result.percent_of_target == pytest.approx(99.25, rel=1e-3)
    assert (result.target_unit, result.target_meq) == ("mEq", pytest.approx(40.0))
    assert result.supplemental_meq == pytest.approx(39.70, rel=1e-3)
    assert result.target_mmol == pytest.approx(20.0)


@pytest.mark.parametrize(
    ("target", "halves", "units"),
    [
        ("250mg", False, 2),  # 2.5 units of 100 mg: a tie goes to the smaller count
        ("260mg", False, 3),
        ("250mg", True, 2.5),
        ("275mg", True, 2.5),  # 2.75: a tie between halves, the smaller
        ("40mg", False, 0),
    ],
)
def test_nearest_rounding(target: str, halves: bool, units: float) -> None:
    result = plan("elemental", WOMAN_42, unit="100mg", target=target, halves=halves)
    assert result.units == units


def test_nearest_rounding_stays_within_the_ul() -> None:
    # 340 mg in 100 mg units: nearest is 3 (300 mg), within the UL of 350: not capped.
    within = plan("elemental", WOMAN_42, unit="100mg", target="340mg")
    assert (within.units, within.capped_by_ul) == (3, False)
    # 380 mg: nearest is 4 (400 mg) > UL 350, so 3, and the UL held it down.
    held = plan("elemental", WOMAN_42, unit="100mg", target="380mg")
    assert (held.units, held.capped_by_ul) == (3, True)
    assert any("Capped by the upper limit" in note for note in held.notes)


def test_reference_target_keeps_the_fewest_units_reaching_it() -> None:
    # RDA 320, diet 200: 120 mg needed in 100 mg units is 2 (1.2 would round to 1).
    result = plan("elemental", WOMAN_42, unit="100mg", diet="200mg")
    assert (result.units, result.reaches_target, result.target_unit) == (2, True, "mg")


def test_halves_split_into_doses() -> None:
    result = plan("elemental", WOMAN_42, unit="100mg", target="250mg", halves=True, doses=2)
    assert result.doses == (1.5, 1)
    assert result.halves


def test_fewer_units_than_doses_is_said() -> None:
    result = plan("elemental", WOMAN_42, unit="100mg", target="100mg", doses=2)
    assert result.doses == (1, 0)
    assert any("1 unit cannot be split into 2 doses" in note for note in result.notes)


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
        ({"halves": True}, InputError, "give the unit too"),
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


# A plan that reaches its target exactly, for each standard: (standard, target, kind, UL,
# diet, unit of magnesium, units). reference-values.md: IOM, EFSA, D-A-CH, FAO/WHO, COMA.
EXACT_PLANS = [
    ("us", 320, "rda", 350, 220, 50, 2),
    ("eu", 300, "ai", 250, 100, 100, 2),
    ("uk", 270, "rda", 400, 170, 50, 2),
]


@pytest.mark.parametrize(("standard", "target", "kind", "ul", "diet", "unit", "units"), EXACT_PLANS)
def test_a_plan_that_reaches_its_target_exactly(
    standard: str, target: int, kind: str, ul: int, diet: int, unit: int, units: int
) -> None:
    person = make_profile(age="30" if standard != "us" else "42", sex="female", standard=standard)
    result = plan("elemental", person, unit=f"{unit}mg", diet=f"{diet}mg")
    assert (result.target_mg, result.target_kind, result.ul_mg) == (target, kind, ul)
    assert (result.units, result.supplemental_mg, result.total_mg) == (units, units * unit, target)
    assert (result.reaches_target, result.capped_by_ul) == (True, False)
    assert result.percent_of_target == 100.0
    assert result.percent_of_ul == pytest.approx(100 * units * unit / ul, rel=1e-12)
    assert result.unit_compound_mg is None  # elemental: the unit is magnesium itself
    assert result.compound_mg == units * unit
    assert not result.warnings
    # One unit less falls short of the target: it is the fewest that reach it.
    short = plan("elemental", person, unit=f"{unit}mg", diet=f"{diet + 0.1}mg")
    assert short.units == units


@pytest.mark.parametrize("standard", ["dach", "who"])
def test_a_diet_exactly_at_the_target_needs_nothing(standard: str) -> None:
    person = make_profile(age="30", sex="female", standard=standard)
    target = plan("elemental", person, diet="0mg", allow_above_ul=True).target_mg
    result = plan("elemental", person, unit="50mg", diet=f"{target}mg")
    assert (result.needed_mg, result.units, result.supplemental_mg) == (0, 0, 0)
    assert (result.reaches_target, result.capped_by_ul, result.percent_of_target) == (
        True, False, 100.0,
    )  # fmt: skip
    assert f"The diet already reaches the target ({target:g} mg): no supplement needed." in (
        result.notes
    )


def test_a_plan_capped_exactly_at_the_ul() -> None:
    result = plan("elemental", WOMAN_42, unit="50mg", diet="0mg", target="400mg")
    assert (result.units, result.supplemental_mg, result.percent_of_ul) == (7, 350, 100.0)
    assert (result.capped_by_ul, result.reaches_target) == (True, False)
    assert result.percent_of_target == 87.5
    assert not result.warnings
    assert (
        "Capped by the upper limit of 350 mg for supplements: the plan gives 350 mg of the "
        "400 mg target, 50 mg below it." in result.notes
    )


def test_units_whose_sum_is_the_ul_with_rounding_noise_fit() -> None:
    # Three units of 350/3 mg add up to 350.00000000000006 mg: within the UL of 350 mg.
    result = plan("elemental", WOMAN_42, unit=f"{350 / 3}mg", diet="0mg", target="350mg")
    assert (result.units, result.capped_by_ul, result.reaches_target) == (3, False, True)
    assert not result.warnings


def test_without_a_unit_the_plan_is_the_amount_needed() -> None:
    result = plan("oxide", WOMAN_42, diet="220mg")
    assert (result.units, result.unit_elemental_mg, result.unit_compound_mg) == (None, None, None)
    assert (result.supplemental_mg, result.total_mg, result.percent_of_target) == (
        100, 320, 100.0,
    )  # fmt: skip
    assert result.compound_mg == pytest.approx(100 / 0.603036, rel=EXACT)  # MgO 60.30 %
    assert result.notes == (
        "'oxide' read as Magnesium oxide, MgO: 60.30 % magnesium (from the formula).",
    )
    capped = plan("oxide", WOMAN_42, diet="0mg", target="400mg")
    assert (capped.supplemental_mg, capped.capped_by_ul) == (350, True)


def test_an_elemental_unit_of_a_salt() -> None:
    # A label's 'Magnesium (as glycinate) 100 mg': the unit is magnesium; its salt weight follows.
    result = plan("glycinate", WOMAN_42, unit="elemental=100mg", diet="120mg")
    assert (result.units, result.unit_elemental_mg, result.supplemental_mg) == (2, 100, 200)
    assert result.unit_compound_mg == pytest.approx(100 * 172.423 / 24.305, rel=EXACT)
    assert result.compound_mg == pytest.approx(2 * 100 * 172.423 / 24.305, rel=EXACT)


def test_one_dose() -> None:
    result = plan("elemental", WOMAN_42, unit="50mg", diet="220mg", doses=1)
    assert result.doses == (2,)
    exact = plan("glycinate", WOMAN_42, diet="220mg", doses=1)
    assert exact.doses is None
    per = 100 * 172.423 / 24.305
    assert (
        f"Per dose: 100 mg of magnesium ({per:,.1f} mg of compound); give --unit for whole units."
        in exact.notes
    )
    plain = plan("elemental", WOMAN_42, diet="220mg", doses=2)
    assert "Per dose: 50 mg of magnesium; give --unit for whole units." in plain.notes


def test_fewer_units_than_doses_leaves_doses_empty() -> None:
    result = plan("elemental", WOMAN_42, unit="100mg", diet="220mg", doses=3)
    assert result.doses == (1, 0, 0)
    assert (
        "1 unit cannot be split into 3 doses: some doses are empty; take fewer doses."
        in result.notes
    )
    even = plan("elemental", WOMAN_42, unit="50mg", diet="220mg", doses=2)
    assert not any("cannot be split" in note for note in even.notes)


def test_no_diet_is_said() -> None:
    result = plan("elemental", WOMAN_42, unit="50mg", target="300mg")
    assert result.notes == ("No diet given: the target is planned from supplements alone.",)
    assert result.diet_mg == 0
    assert not plan("elemental", WOMAN_42, unit="50mg", target="300mg", diet="0mg").notes


def test_the_read_as_note_comes_first() -> None:
    result = plan("oxide", make_profile(), target="300mg", diet="0mg")
    assert result.notes[0].startswith("'oxide' read as Magnesium oxide")
    assert result.notes[1].startswith("No age given: an adult was assumed")


def test_no_ul_is_not_capped_and_plans_nothing() -> None:
    infant = plan("elemental", make_profile(age="4mo"), diet="0mg")
    assert (infant.supplemental_mg, infant.capped_by_ul, infant.reaches_target) == (0, False, False)
    who = plan("elemental", make_profile(age="30", sex="female", standard="who"), diet="0mg")
    assert who.notes == (
        "No supplement planned: mgcalc's data sets no upper limit for this group (--standard us "
        "or eu sets one for this person), so no safe amount can be given. A clinician can plan "
        "one with --allow-above-ul.",
    )
    assert infant.notes[0].startswith(
        "No supplement planned: no upper limit is established for this group"
    )


def test_nothing_needed_says_nothing_of_limits() -> None:
    infant = plan("elemental", make_profile(age="4mo"), diet="40mg")
    assert infant.notes == ("The diet already reaches the target (30 mg): no supplement needed.",)
    clinician = plan("elemental", WOMAN_42, diet="400mg", allow_above_ul=True)
    assert clinician.warnings == ()


def test_split_advice_only_for_a_supplement() -> None:
    person = make_profile(age="30", sex="female", standard="eu")
    advice = "BfR advice: split supplemental magnesium into at least two doses a day."
    assert advice not in plan("elemental", person, diet="300mg").notes
    assert advice in plan("elemental", person, diet="0mg", target="0.5mg").notes


def test_a_target_of_nothing_has_no_percentage() -> None:
    result = plan("elemental", WOMAN_42, diet="0mg", target="0mg")
    assert (result.percent_of_target, result.supplemental_mg, result.reaches_target) == (
        None, 0, True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ("mag-tab-sr", "'mag-tab-sr' is a product, declared per caplet: plan it as its magnesium "
         "per unit: mgcalc plan elemental --unit elemental=84mg"),
        ("phillips-mom", "'phillips-mom' is a product, declared per 15 mL: plan it as its "
         "magnesium per unit (15 mL): mgcalc plan elemental --unit elemental=500mg"),
    ],
)  # fmt: skip
def test_a_product_is_planned_as_its_magnesium(form: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        plan(form, WOMAN_42, diet="0mg")
    assert str(caught.value) == message


def test_units_smaller_than_a_milligram() -> None:
    result = plan("elemental", WOMAN_42, unit="0.5mg", diet="319.5mg")
    assert (result.units, result.supplemental_mg, result.reaches_target) == (1, 0.5, True)
    with pytest.raises(InputError, match="elemental= takes the magnesium per unit"):
        plan("glycinate", WOMAN_42, unit="elemental=5mL", diet="0mg")


def test_units_that_fit_the_ul_as_shown() -> None:
    # 3 × 116.68 mg = 350.04 mg, shown as 350 mg: within the UL of 350 mg, so three fit.
    # 400 mg is 3.43 units: the nearest count, 3, is not held down by the UL (issue 10).
    result = plan("elemental", WOMAN_42, unit="116.68mg", diet="0mg", target="400mg")
    assert (result.units, result.capped_by_ul, result.warnings) == (3, False, ())
    over = plan("elemental", WOMAN_42, unit="116.7mg", diet="0mg", target="400mg")
    assert (over.units, over.capped_by_ul) == (2, True)  # 350.1 mg would be above it


def test_above_ul_is_what_the_batch_counts() -> None:
    assert plan("elemental", WOMAN_42, diet="0mg", target="351mg", allow_above_ul=True).above_ul
    assert not plan("elemental", WOMAN_42, diet="0mg", target="350mg").above_ul
    infant = plan("elemental", make_profile(age="4mo"), diet="0mg", allow_above_ul=True)
    assert (infant.supplemental_mg, infant.above_ul) == (30, False)  # no UL to be above


# Edges the mutation run found (tools/mutate.py): each asserts what a user reads.
INFANT = make_profile(age="4mo")  # IOM 0–6 months: AI 30 mg, no UL established


def test_a_reference_target_counts_half_units() -> None:
    # RDA 320, diet 280: 40 mg needed is 0.4 of a 100 mg unit: half a unit reaches it.
    result = plan("elemental", WOMAN_42, unit="100mg", diet="280mg", halves=True)
    assert (result.units, result.supplemental_mg, result.reaches_target) == (0.5, 50, True)
    more = plan("elemental", WOMAN_42, unit="100mg", diet="170mg", halves=True)
    assert (more.units, more.supplemental_mg) == (1.5, 150)  # 150 mg needed exactly


def test_half_units_held_by_the_ul() -> None:
    # UL 350 in 100 mg units: 3.5 units (350 mg, at the limit, within it), capped.
    result = plan("elemental", WOMAN_42, unit="100mg", target="1000mg", halves=True)
    assert (result.units, result.supplemental_mg, result.capped_by_ul) == (3.5, 350, True)
    assert (
        "Capped by the upper limit of 350 mg for supplements: the plan gives 350 mg of the "
        "1,000 mg target, 650 mg below it." in result.notes
    )


def test_a_unit_at_the_ul_as_shown_is_within_it() -> None:
    # 350.04 mg is shown as 350 mg, the UL: one unit fits, two are held down by the UL.
    result = plan("elemental", WOMAN_42, unit="350.04mg", target="700mg")
    assert (result.units, result.capped_by_ul) == (1, True)
    assert result.supplemental_mg == pytest.approx(350.04)


def test_counts_are_whole_numbers_when_whole() -> None:
    whole = plan("elemental", WOMAN_42, unit="100mg", target="250mg", halves=True, doses=2)
    assert whole.doses == (1.5, 1) and type(whole.doses[1]) is int
    counted = plan("elemental", WOMAN_42, unit="100mg", diet="200mg")
    assert (counted.units, type(counted.units)) == (2, int)
    held = plan("elemental", WOMAN_42, unit="100mg", target="1000mg")
    assert (held.units, type(held.units), held.capped_by_ul) == (3, int, True)


@pytest.mark.parametrize(
    ("target", "halves", "note"),
    [
        # 220 mg in 200 mg units: 1 unit (1.1), 20 mg short, 9.1 % of the target.
        ("220mg", False, "The nearest whole number of units gives 200 mg: 20 mg (9.1 %) below"),
        ("220mg", True, "The nearest half unit gives 200 mg: 20 mg (9.1 %) below the 220 mg"),
        ("340mg", True, "The nearest half unit gives 300 mg: 40 mg (11.8 %) below the 340 mg"),
    ],
)
def test_a_plan_short_of_its_target_says_by_how_much(target: str, halves: bool, note: str) -> None:
    result = plan("elemental", WOMAN_42, unit="200mg", target=target, halves=halves)
    assert any(line.startswith(note) for line in result.notes), result.notes
    assert not result.reaches_target


@pytest.mark.parametrize(
    ("target", "unit", "mg"),
    [("300mg", "mg", 300), ("10mmol", "mmol", 243.05), ("20mEq", "mEq", 243.05)],
)
def test_the_target_keeps_its_unit(target: str, unit: str, mg: float) -> None:
    # 1 mmol of magnesium is 24.305 mg, 2 mEq (compounds.md).
    result = plan("elemental", WOMAN_42, target=target)
    assert (result.target_unit, result.target_mg) == (unit, pytest.approx(mg))


def test_kidney_impairment_plans_nothing_and_says_why() -> None:
    from mgcalc.clinical.cautions import KIDNEY, KIDNEY_NO_PLAN, KIDNEY_SOURCE, KIDNEY_SUPERVISED

    refused = plan("elemental", WOMAN_42, unit="100mg", diet="0mg", kidney_impairment=True)
    assert (refused.units, refused.supplemental_mg, refused.capped_by_ul) == (0, 0, False)
    assert refused.warnings == (KIDNEY_NO_PLAN,)
    assert plan("elemental", WOMAN_42, target="0.5mg", kidney_impairment=True).warnings == (
        KIDNEY_NO_PLAN,
    )
    # The diet already reaches the RDA: nothing is needed, so nothing is refused either.
    reached = plan("elemental", WOMAN_42, diet="400mg", kidney_impairment=True)
    assert (reached.supplemental_mg, reached.warnings) == (0, ())
    # --allow-above-ul lifts the upper limit, not the kidney refusal: that is --supervised.
    above_ul = plan("elemental", WOMAN_42, diet="0mg", kidney_impairment=True, allow_above_ul=True)
    assert (above_ul.supplemental_mg, above_ul.warnings[0]) == (0, KIDNEY_NO_PLAN)
    allowed = plan("elemental", WOMAN_42, diet="0mg", kidney_impairment=True, supervised=True)
    assert allowed.supplemental_mg == 320
    assert KIDNEY in allowed.warnings and KIDNEY_NO_PLAN not in allowed.warnings
    assert KIDNEY_SUPERVISED in allowed.notes and KIDNEY_SOURCE in allowed.notes
    tiny = plan("elemental", WOMAN_42, target="0.5mg", kidney_impairment=True, supervised=True)
    assert tiny.supplemental_mg == 0.5
    assert tiny.warnings == (KIDNEY,)
    # Supervised, the upper limit (350 mg) still caps the plan unless --allow-above-ul.
    capped = plan("elemental", WOMAN_42, target="500mg", kidney_impairment=True, supervised=True)
    assert (capped.supplemental_mg, capped.capped_by_ul) == (350, True)
    both = plan(
        "elemental", WOMAN_42, target="500mg", kidney_impairment=True, supervised=True,
        allow_above_ul=True,
    )  # fmt: skip
    assert both.supplemental_mg == 500
    # Without kidney impairment --supervised changes nothing.
    assert plan("elemental", WOMAN_42, target="500mg", supervised=True).supplemental_mg == 350


def test_no_ul_plans_nothing_even_for_half_a_milligram() -> None:
    result = plan("elemental", INFANT, target="0.5mg")
    assert result.supplemental_mg == 0
    assert any(
        note.startswith("No supplement planned: no upper limit is established")
        for note in result.notes
    )


def test_no_ul_with_a_unit_gives_no_nearest_count_note() -> None:
    # Diet 10 mg of the AI of 30 mg, no UL: no unit is planned, and only that is said.
    result = plan("elemental", INFANT, unit="100mg", diet="10mg", target="ai")
    assert (result.units, result.capped_by_ul, result.reaches_target) == (0, False, False)
    assert not any(note.startswith("The nearest") for note in result.notes)
    assert any(note.startswith("No supplement planned") for note in result.notes)


def test_units_that_cannot_be_split_are_counted_in_the_note() -> None:
    result = plan("elemental", WOMAN_42, unit="100mg", target="200mg", doses=3)
    assert result.doses == (1, 1, 0)
    assert (
        "2 units cannot be split into 3 doses: some doses are empty; take fewer doses."
        in result.notes
    )


def test_a_diet_that_reaches_the_target_as_shown_needs_no_units() -> None:
    # 319.96 mg is shown as 320 mg, the RDA: dose says the diet reaches it, so plan plans 0.
    result = plan("oxide", WOMAN_42, unit="400mg", diet="319.96mg")
    assert (result.units, result.needed_mg, result.supplemental_mg) == (0, 0.0, 0.0)
    assert result.reaches_target
    assert "The diet already reaches the target (320 mg): no supplement needed." in result.notes
    below = plan("oxide", WOMAN_42, unit="400mg", diet="319.94mg")
    assert below.units == 1


def test_a_capped_plan_that_reaches_its_target_as_shown_names_no_shortfall() -> None:
    # A 350 mg target capped at the UL of 350 mg, with 0.04 mg of diet: nothing is "below it".
    result = plan("elemental", WOMAN_42, diet="0.04mg", target="350.04mg")
    assert not any("0 mg below it" in note for note in result.notes)
