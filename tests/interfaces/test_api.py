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
