"""convert as a pharmacist asks: volumes, --elemental, --unit, per kg, rates (issue 10)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused

BY_UNIT_KEYS = {"unit", "exact", "count", "halves", "delivered", "percent_of_asked"}


@pytest.mark.parametrize(
    ("args", "key", "expected"),
    [
        (["2g", "sulfate-injection-50"], "volume_ml", 4.0),
        (["40mEq", "sulfate-injection-50"], "volume_ml", 9.86),
        (["500mg", "milk-of-magnesia"], "volume_ml", 6.25),
        (["300mg", "oxide", "--elemental"], "compound_mg", 497.5),
        (["200mg", "sulfate-injection-50", "--elemental"], "volume_ml", 4.06),
        (["10mL@50%", "sulfate"], "meq", 40.57),
        (["2tsp", "milk-of-magnesia"], "elemental_mg", 333.4),
        (["25mg/kg", "sulfate", "--weight", "70kg"], "compound_mg", 1750.0),
        (["0.5x400mg", "oxide"], "elemental_mg", 120.6),
    ],
)
def test_issue_examples(mgcalc: Any, args: list[str], key: str, expected: float) -> None:
    run = mgcalc("convert", *args, "--json")
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.json()[key] == pytest.approx(expected, rel=1e-3)


def test_by_unit_json(mgcalc: Any) -> None:
    data = mgcalc("convert", "40mEq", "oxide", "--unit", "400mg", "--json").json()
    by_unit = data["by_unit"]
    assert set(by_unit) == BY_UNIT_KEYS
    assert set(by_unit["delivered"]) == {"elemental_mg", "mmol", "meq", "volume_ml"}
    assert round(by_unit["exact"], 2) == 2.02
    assert (by_unit["count"], by_unit["halves"], by_unit["unit"]) == (2, False, "400mg")
    assert round(by_unit["delivered"]["elemental_mg"], 1) == 482.4
    assert round(by_unit["delivered"]["meq"], 2) == 39.70
    assert round(by_unit["percent_of_asked"], 1) == 99.2
    assert data["given_as"] == "meq"


def test_by_unit_table_answers_in_meq_first(mgcalc: Any) -> None:
    out = mgcalc("convert", "40mEq", "oxide", "--unit", "400mg").stdout
    assert "2.02 units" in out
    assert "39.70 mEq, 482.4 mg Mg" in out
    assert "99.2 %" in out
    lines = out.splitlines()
    mass = next(i for i, line in enumerate(lines) if "Compound mass" in line)
    meq = next(i for i, line in enumerate(lines) if "Magnesium (mEq)" in line)
    assert meq < mass  # the question's unit comes first


def test_halves(mgcalc: Any) -> None:
    data = mgcalc("convert", "250mg", "--unit", "100mg", "--halves", "--json").json()
    assert data["by_unit"]["count"] == 2.5


def test_rate_and_per_kg_json(mgcalc: Any) -> None:
    args = ["convert", "0.5mEq/kg", "sulfate-injection-50", "--weight", "70kg", "--over", "4h"]
    data = mgcalc(*args, "--json").json()
    assert data["per_kg"] == {"weight_kg": 70.0, "per_kg": 0.5, "unit": "mEq/kg"}
    assert data["meq"] == pytest.approx(35.0)
    rate = data["rate"]
    assert set(rate) == {
        "duration", "duration_h", "ml_per_h", "mg_per_h", "meq_per_h", "compound_g_per_h",
        "compound_mg_per_min",
    }  # fmt: skip
    assert rate["duration"] == "4 h"
    assert rate["meq_per_h"] == pytest.approx(8.75)
    # 17.5 mmol × 246.466 g/mol (MgSO4·7H2O, compounds.md) = 4.313 g over 4 h
    assert rate["compound_g_per_h"] == pytest.approx(17.5 * 246.466 / 1000 / 4, rel=1e-6)
    assert rate["compound_mg_per_min"] == pytest.approx(17.5 * 246.466 / 240, rel=1e-6)
    assert rate["ml_per_h"] == pytest.approx(35.0 / 4.057 / 4, rel=1e-3)  # 4.057 mEq/mL
    table = mgcalc(*args).stdout
    for text in ("0.5 mEq/kg × 70.00 kg", "8.750 mEq/h", "2.157 mL/h"):
        assert text in table, text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["10mL@50%"], "name the compound's form"),
        (["10mL@120%", "sulfate"], "above 100 %"),
        (["25mg/kg", "sulfate"], "give the weight"),
        (["25mg/kg", "sulfate", "--weight", "0.1kg"], "outside 0.3–350 kg"),
        (["25mg/kg", "sulfate", "--weight", "400kg"], "outside 0.3–350 kg"),
        (["1g", "sulfate", "--over", "-30min"], "negative"),
        (["1g", "sulfate", "--over", "0h"], "more than zero"),
        (["1g", "sulfate", "--halves"], "give the unit too"),
        (["1g", "sulfate", "--unit", "2x1g"], "drop the count"),
    ],
)
def test_refusals(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc("convert", *args), message)
