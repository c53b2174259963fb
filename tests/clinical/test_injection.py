"""The magnesium sulfate injection label's limits (clinical.md, 2026-12-07)."""

from __future__ import annotations

from typing import Any

import pytest

from mgcalc.clinical import injection
from mgcalc.clinical.cautions import KIDNEY


def test_the_label_s_figures() -> None:
    assert injection.MAX_MG_PER_MIN == 150.0  # "should generally not exceed 150 mg/minute"
    assert injection.MAX_INFUSION_PERCENT == 20.0  # "diluted to … 20 % or less"
    assert (injection.RENAL_MAX_G, injection.RENAL_HOURS) == (20.0, 48)  # "20 grams/48 hours"


@pytest.mark.parametrize(
    ("mg_per_min", "warns"), [(100.0, False), (150.0, False), (150.01, True), (200.0, True)]
)
def test_rate_warning_above_150mg_per_min(mg_per_min: float, warns: bool) -> None:
    text = injection.rate_warning(mg_per_min)
    assert (text is not None) == warns
    if text is not None:
        assert "under supervision" in text
        assert "eclampsia" in text


@pytest.mark.parametrize(("percent", "warns"), [(10.0, False), (20.0, False), (50.0, True)])
def test_dilution_warning_above_20_percent(percent: float, warns: bool) -> None:
    text = injection.dilution_warning(percent)
    assert (text is not None) == warns
    if text is not None:
        assert "20 % or less prior to intravenous infusion" in text


def test_renal_limit_says_when_the_amount_alone_is_above_it() -> None:
    assert "is above it" not in injection.renal_limit(20.0)
    assert "25 g of MgSO4·7H2O, is above it" in injection.renal_limit(25.0)


def test_dose_of_an_injection_with_kidney_impairment_gives_the_label_s_limit(mgcalc: Any) -> None:
    args = ["dose", "sulfate-injection-50=50mL", "--age", "40", "--sex", "male", "--json"]
    warnings = mgcalc(*args, "--kidney-impairment").json()["warnings"]
    limits = [text for text in warnings if "20 grams/48 hours" in text]
    assert len(limits) == 1
    assert "25 g of MgSO4·7H2O, is above it" in limits[0]  # 50 mL × 500 mg/mL
    assert not [text for text in mgcalc(*args).json()["warnings"] if "48 hours" in text]


def test_oral_forms_get_no_injection_limit(mgcalc: Any) -> None:
    args = ["dose", "sulfate=5g", "oxide=400mg", "--kidney-impairment", "--json"]
    assert not [text for text in mgcalc(*args).json()["warnings"] if "48 hours" in text]


def test_the_conversion_is_arithmetic_and_the_clinical_layer_adds_the_label_s_limits() -> None:
    from mgcalc.chemistry.conversion import convert

    # 4 g of the 50 % injection over 20 min: 12 g/h, 200 mg/min of MgSO4·7H2O, 8 mL.
    converted = convert("4g", "sulfate-injection-50", over="20min")
    assert converted.warnings == ()
    assert converted.heptahydrate_mg == pytest.approx(4000.0, rel=1e-12)
    assert "heptahydrate_mg" not in converted.model_dump()
    found = injection.conversion_warnings(converted, kidney=True)
    assert len(found) == 3
    assert found[0].startswith("200 mg/min of MgSO4·7H2O is above the label's rate")
    assert found[1].startswith("Infused at 50 % w/v of MgSO4·7H2O")  # 4000 mg / 8 mL / 10
    assert found[2].startswith("Severe renal insufficiency: the label's maximum is 20 g")
    assert injection.conversion_warnings(converted, kidney=False) == found[:2]


def test_an_oral_conversion_gets_only_the_kidney_caution() -> None:
    from mgcalc.chemistry.conversion import convert

    converted = convert("400mg", "oxide")
    assert converted.heptahydrate_mg is None
    assert injection.conversion_warnings(converted, kidney=True) == (KIDNEY,)
    assert injection.conversion_warnings(converted, kidney=False) == ()


def test_a_bag_by_mass_is_read_in_the_heptahydrate_and_the_anhydrous_converted() -> None:
    from mgcalc.chemistry.conversion import convert

    # 1 g from a 20 g/500 mL bag: 25 mL, 1 g of MgSO4·7H2O.
    assert convert("1g@20g/500mL", "sulfate").heptahydrate_mg == pytest.approx(1000.0)
    # 1 g of anhydrous MgSO4 (120.361 g/mol) holds as much Mg as 246.466/120.361 g of the salt.
    anhydrous = convert("1g@100mg/mL", "sulfate-anhydrous").heptahydrate_mg
    assert anhydrous == pytest.approx(1000 * 246.466 / 120.361, rel=1e-4)
    assert convert("1g", "sulfate").heptahydrate_mg is None  # Epsom salt by mouth


PLAN = ["--age", "40", "--sex", "female", "--kidney-impairment", "--json"]


@pytest.mark.parametrize("form", ["sulfate-injection-50", "sulfate-premix-4"])
def test_a_supervised_plan_of_an_injection_gives_the_label_s_limit(mgcalc: Any, form: str) -> None:
    # 300 mg of magnesium is 300 / 24.305 mmol of MgSO4·7H2O (246.466 g/mol): 3.042 g, under 20 g.
    args = ["plan", form, "--target", "300mg", *PLAN]
    data = mgcalc(*args, "--supervised").json()
    assert data["supplemental_mg"] == pytest.approx(300.0)
    assert data["compound_mg"] == pytest.approx(300 / 24.305 * 246.466, rel=1e-4)
    limits = [text for text in data["warnings"] if "20 grams/48 hours" in text]
    assert len(limits) == 1
    assert limits[0].startswith("Severe renal insufficiency: the label's maximum is 20 g")
    assert "is above it" not in limits[0]
    assert data["warnings"].index(limits[0]) + 1 == data["warnings"].index(KIDNEY)  # as dose
    # Not supervised: nothing is planned, so no amount to hold against the limit.
    refused = mgcalc(*args).json()
    assert refused["supplemental_mg"] == 0
    assert not [text for text in refused["warnings"] if "48 hours" in text]


def test_a_supervised_plan_above_the_renal_limit_says_so(mgcalc: Any) -> None:
    # 2,000 mg of magnesium: 2000 / 24.305 × 246.466 / 1000 = 20.28 g of MgSO4·7H2O.
    args = ["plan", "sulfate-injection-50", "--target", "2000mg", *PLAN]
    warnings = mgcalc(*args, "--supervised", "--allow-above-ul").json()["warnings"]
    [limit] = [text for text in warnings if "20 grams/48 hours" in text]
    assert limit.endswith("This amount alone, 20.28 g of MgSO4·7H2O, is above it.")


def test_an_oral_plan_gets_only_the_kidney_caution(mgcalc: Any) -> None:
    for form in ("oxide", "sulfate"):  # sulfate by mouth: Epsom salt, not an injection
        data = mgcalc("plan", form, "--target", "300mg", *PLAN, "--supervised").json()
        assert KIDNEY in data["warnings"]
        assert not [text for text in data["warnings"] if "48 hours" in text]


# The warnings whole (clinical.md, "Magnesium sulfate injection: the label's limits"): the
# label's words, its figures and its name reach the user as written here.
def test_the_label_s_warnings_whole() -> None:
    label = "magnesium sulfate injection label, DailyMed"
    assert injection.rate_warning(200.0) == (
        "200 mg/min of MgSO4·7H2O is above the label's rate: it 'should generally not exceed "
        f"150 mg/minute' ({label}). Higher rates are used under supervision (e.g. eclampsia "
        "loading of 4 g over 15–20 min)."
    )
    assert injection.dilution_warning(50.0) == (
        "Infused at 50 % w/v of MgSO4·7H2O: the 50 % injection 'must be diluted to a "
        f"concentration of 20 % or less prior to intravenous infusion' ({label})."
    )
    limit = (
        "Severe renal insufficiency: the label's maximum is 20 g of magnesium sulfate in 48 "
        "hours ('In the presence of severe renal insufficiency, the maximum dosage of magnesium "
        f"sulfate is 20 grams/48 hours', {label})."
    )
    assert injection.renal_limit(20.0) == limit
    assert (
        injection.renal_limit(25.0)
        == limit + " This amount alone, 25 g of MgSO4·7H2O, is above it."
    )


@pytest.mark.parametrize(
    ("check", "bound"),
    [
        (injection.rate_warning, 150.0),
        (injection.dilution_warning, 20.0),
        (lambda value: "is above it" in injection.renal_limit(value) or None, 20.0),
    ],
)
def test_each_bound_is_included_within_float_rounding_only(check: Any, bound: float) -> None:
    # The slack (1e-9, relative) absorbs rounding; a millionth above the bound is above it.
    assert check(bound * (1 + 1e-10)) is None
    assert check(bound * (1 + 1e-9)) is None  # the very edge of the slack: still the bound
    assert check(bound * (1 + 2e-9)) is not None
    assert check(bound * (1 + 1e-6)) is not None


def test_only_sulfate_solutions_count_toward_the_renal_limit(mgcalc: Any) -> None:
    # 25 g of MgSO4·7H2O as a 50 % solution; a chloride solution and a liquid product beside it
    # are not the label's magnesium sulfate, so the amount held against 20 g stays 25 g.
    args = ["dose", "sulfate=25g@500mg/mL", "chloride=10g@100mg/mL", "phillips-mom=15mL"]
    warnings = mgcalc(*args, "--kidney-impairment", "--json").json()["warnings"]
    [limit] = [text for text in warnings if "20 grams/48 hours" in text]
    assert limit.endswith("This amount alone, 25 g of MgSO4·7H2O, is above it.")
    alone = ["dose", "chloride=10g@100mg/mL", "phillips-mom=15mL", "--kidney-impairment", "--json"]
    assert not [text for text in mgcalc(*alone).json()["warnings"] if "48 hours" in text]


def test_a_conversion_without_a_rate_is_held_against_the_renal_limit_only() -> None:
    from mgcalc.chemistry.conversion import convert

    # 4 g of the 50 % injection (8 mL) with no duration: no rate, so no rate or dilution note.
    converted = convert("4g", "sulfate-injection-50")
    assert converted.rate is None
    assert injection.conversion_warnings(converted, kidney=True) == (injection.renal_limit(4.0),)
    assert injection.conversion_warnings(converted, kidney=False) == ()
    # 25 g is above the label's 20 g in 48 hours, in g of MgSO4·7H2O.
    above = injection.conversion_warnings(convert("25g", "sulfate-injection-50"), kidney=True)
    assert above == (injection.renal_limit(25.0),)
    assert above[0].endswith("This amount alone, 25 g of MgSO4·7H2O, is above it.")


def test_no_volume_no_dilution_note() -> None:
    from mgcalc.chemistry.conversion import convert

    # 0 mL over an hour: a rate of 0 mg/min and no volume to divide by.
    converted = convert("0mL", "sulfate-injection-50", over="1h")
    assert converted.volume_ml == 0
    assert injection.conversion_warnings(converted, kidney=False) == ()
