"""The plan command end to end: table, pinned JSON, refusals."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused

PLAN_KEYS = {
    "schema_version", "id", "form", "name", "formula", "elemental_fraction", "target_mg",
    "target_kind", "diet_mg", "diet", "needed_mg", "ul_mg", "capped_by_ul", "reaches_target",
    "units", "unit_compound_mg", "unit_elemental_mg", "compound_mg", "supplemental_mg", "total_mg",
    "percent_of_target", "percent_of_ul", "doses", "profile", "profile_source", "reference",
    "notes", "warnings", "interactions", "unknown_with",
    "target_unit", "target_mmol", "target_meq", "halves", "supplemental_mmol",
    "supplemental_meq",
}  # fmt: skip
WOMAN = ["--age", "42", "--sex", "female"]


def test_plan_json_is_pinned(mgcalc: Any) -> None:
    run = mgcalc(
        "plan", "glycinate", "--unit", "500mg", "--diet", "0mg", "--doses", "2", *WOMAN, "--json"
    )
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert set(data) == PLAN_KEYS
    assert (data["units"], data["doses"], data["capped_by_ul"]) == (4, [2, 2], True)
    assert (data["target_mg"], data["target_kind"], data["ul_mg"]) == (320, "rda", 350)
    assert data["supplemental_mg"] == pytest.approx(281.92, rel=1e-4)
    assert data["reference"]["group"] == "31–50 y"


def test_plan_table(mgcalc: Any) -> None:
    run = mgcalc("plan", "glycinate", "--unit", "500mg", "--diet", "200mg", *WOMAN)
    assert run.exit_code == 0
    for text in (
        "Units a day",
        "2 × (500.0 mg compound, 70.5 mg Mg)",  # to 0.1 mg, as the totals
        "341 mg",
        "Magnesium bisglycinate",
    ):
        assert text in run.stdout, text


def test_allow_above_ul_warns(mgcalc: Any) -> None:
    args = ["plan", "oxide", "--unit", "400mg", "--target", "600mg", "--allow-above-ul", *WOMAN]
    data = mgcalc(*args, "--json").json()
    assert data["units"] == 2  # 2.49 tablets: the nearest whole number
    assert any("medical supervision" in warning for warning in data["warnings"])
    assert "medical supervision" in mgcalc(*args).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "glycinat", *WOMAN], "did you mean 'glycinate'"),
        (["plan", "glycinate", "--unit", "2x500mg", "--diet", "0mg", *WOMAN], "drop the count"),
        (["plan", "glycinate", *WOMAN], "--target rda is a total intake"),
        (["plan", "glycinate", "--target", "ear", *WOMAN], "--target ear is a total intake"),
        (["plan", "glycinate", "--doses", "0", *WOMAN], "--doses"),
        (["plan", "glycinate", "--target", "ai", *WOMAN], "sets no AI"),
        (["plan", "glycinate"], "needs a person"),
        (["plan", "glycinate", "--unit", "5mL", "--diet", "0mg", *WOMAN], "needs a concentration"),
        (["plan", "glycinate", "--diet", "1,5g", *WOMAN], "decimal point"),
    ],
)
def test_refusals(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc(*args), message)


def test_plan_in_meq(mgcalc: Any) -> None:
    args = ["plan", "oxide", "--unit", "400mg", "--target", "40mEq", "--allow-above-ul", *WOMAN]
    data = mgcalc(*args, "--json").json()
    assert (data["units"], data["target_unit"], data["target_meq"]) == (2, "mEq", 40.0)
    out = mgcalc(*args).stdout
    assert "40.00 mEq = 486.1 mg" in out
    assert "39.70 mEq = 482.4 mg" in out


def test_fewer_units_than_doses_in_the_table(mgcalc: Any) -> None:
    args = ["plan", "elemental", "--unit", "100mg", "--target", "100mg", "--doses", "2", *WOMAN]
    assert "1 + 0 (1 unit cannot be split into 2 doses)" in mgcalc(*args).stdout


def test_halves(mgcalc: Any) -> None:
    args = ["plan", "elemental", "--unit", "100mg", "--target", "250mg", "--halves", *WOMAN]
    data = mgcalc(*args, "--json").json()
    assert (data["units"], data["halves"]) == (2.5, True)
    assert "2.5 × (100 mg Mg)" in mgcalc(*args).stdout


def test_halves_in_a_request(mgcalc: Any) -> None:
    request = (
        '{"form": "elemental", "unit": "100mg", "target": "250mg", "halves": true, '
        '"age": 42, "sex": "female"}'
    )
    data = mgcalc("plan", "--input", "-", "--json", input=request).json()
    assert data["units"] == 2.5
