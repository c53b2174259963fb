"""The Python API gives the CLI's numbers, as the same frozen models."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

import mgcalc
from mgcalc.errors import InputError, UnknownForm


def test_convert_matches_cli(mgcalc: Any) -> None:  # the fixture shadows the module
    import mgcalc as api

    assert (
        api.convert("1g", "sulfate").model_dump(mode="json")
        == mgcalc("convert", "1g", "sulfate", "--json").json()
    )


def test_dose_plan_reference_forms_match_cli(mgcalc: Any) -> None:
    import mgcalc as api

    dose = api.dose(["glycinate=500mg"], diet="250mg", age=42, sex="female")
    cli = mgcalc(
        "dose", "glycinate=500mg", "--diet", "250mg", "--age", "42", "--sex", "female", "--json"
    )
    assert dose.model_dump(mode="json") == cli.json()
    plan = api.plan("glycinate", unit="500mg", diet="200mg", age=42, sex="female")
    assert plan.units == mgcalc("plan", "glycinate", "--unit", "500mg", "--diet", "200mg", "--age",
                                "42", "--sex", "female", "--json").json()["units"]  # fmt: skip
    assert api.reference(age="8mo").group == "7–12 mo"
    assert len(api.forms().forms) == len(mgcalc("forms", "--json").json()["forms"])


def test_results_are_frozen() -> None:
    result = mgcalc.convert("400mg", "oxide")
    with pytest.raises(pydantic.ValidationError):
        result.elemental_mg = 0  # type: ignore[misc]


def test_errors_are_the_mgcalc_family_and_builtins() -> None:
    with pytest.raises(UnknownForm) as caught:
        mgcalc.convert("1g", "glycinat")
    assert isinstance(caught.value, LookupError)
    with pytest.raises(InputError):
        mgcalc.dose(["oxide=1g"], age=42)
    with pytest.raises(ValueError, match="decimal point"):
        mgcalc.convert("1,5g")


# Published figures (shared/reference: compounds.md, clinical.md), with the tolerance of the
# label's rounding: (amount, form, key, value, tolerance).
PUBLISHED = [
    ("400mg", "oxide", "elemental_mg", 241.3, 0.15),  # DailyMed: 400 mg tablet = 241.3 mg
    ("1g", "sulfate", "mmol", 4.06, 0.005),  # DailyMed injection labels: 1 g = 4.06 mmol
    ("1g", "sulfate", "meq", 8.12, 0.01),  # twice the mmol: Mg²⁺
    ("1350mg", "glycinate", "elemental_mg", 190, 0.5),  # a maker's label: 1350 mg = 190 mg
    ("15mL", "milk-of-magnesia", "elemental_mg", 500, 1),  # Phillips' (DailyMed): 500 mg
    ("2g", "magtein", "elemental_mg", 144, 0.5),  # the maker's page: 2 g = about 144 mg
]


@pytest.mark.parametrize(("amount", "form", "key", "value", "tolerance"), PUBLISHED)
def test_convert_gives_published_figures(
    amount: str, form: str, key: str, value: float, tolerance: float
) -> None:
    assert getattr(mgcalc.convert(amount, form), key) == pytest.approx(value, abs=tolerance)


def test_dose_gives_the_iom_values() -> None:
    # IOM 1997, women 31–50 y: EAR 265, RDA 320, supplemental UL 350.
    result = mgcalc.dose(["elemental=350mg"], diet="0mg", age=42, sex="female")
    assert (result.reference.ear_mg, result.reference.rda_mg, result.reference.ul_mg) == (
        265, 320, 350,
    )  # fmt: skip
    assert (result.assessment.adequacy, result.assessment.ul) == ("likely_adequate", "within")
    assert result.total_mg == 350


def test_plan_gives_whole_capsules_within_the_iom_ul() -> None:
    # Glycinate 500 mg capsules, 14.10 % magnesium: 70.5 mg each; RDA 320 - diet 200 = 120.
    result = mgcalc.plan("glycinate", unit="500mg", diet="200mg", age=42, sex="female")
    assert result.units == 2
    assert result.supplemental_mg == pytest.approx(141.0, abs=0.1)
    assert result.ul_mg == 350


def test_reference_gives_each_standards_published_values() -> None:
    us = mgcalc.reference(age=42, sex="female")
    assert [(row.ear_mg, row.rda_mg, row.ul_mg) for row in us.rows] == [(265, 320, 350)]
    eu = mgcalc.reference(age=30, sex="male", standard="eu")
    assert [(row.ai_mg, row.ul_mg) for row in eu.rows] == [(350, 250)]  # EFSA 2015, SCF 2001
    uk = mgcalc.reference(age=30, sex="male", standard="uk")
    assert [(row.rda_mg, row.ul_mg) for row in uk.rows] == [(300, 400)]  # COMA 1991 RNI
