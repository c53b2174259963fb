"""The serum command end to end: table, pinned JSON, refusals."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused

SERUM_KEYS = {
    "schema_version", "input", "mmol_per_l", "mg_per_dl", "meq_per_l", "mg_per_l", "status",
    "interval", "thresholds", "notes",
}  # fmt: skip


def test_serum_json_is_pinned(mgcalc: Any) -> None:
    data = mgcalc("serum", "0.5mmol/L", "--json").json()
    assert set(data) == SERUM_KEYS
    assert set(data["interval"]) == {"low_mmol_per_l", "high_mmol_per_l", "source"}
    assert (data["status"], data["meq_per_l"]) == ("below", 1.0)
    assert data["mg_per_dl"] == pytest.approx(1.215, rel=5e-4)
    assert [item["meq_per_l"] for item in data["thresholds"]] == [1.5]


def test_serum_table(mgcalc: Any) -> None:
    out = mgcalc("serum", "2.0mg/dL").stdout
    for text in ("0.823", "1.646", "within", "0.75–0.95 mmol/L", "IOM 1997", "prevails"):
        assert text in out, text


def test_serum_table_shows_passed_thresholds(mgcalc: Any) -> None:
    out = mgcalc("serum", "5mEq/L").stdout
    assert "deep tendon reflexes decrease" in out
    assert "Next level, approaching 10 mEq/L" in out
    assert "respiratory paralysis may occur" in out
    assert "At or above 10 mEq/L" not in out
    reached = mgcalc("serum", "10mEq/L").stdout
    assert "At or above 10 mEq/L" in reached
    assert "Next level" not in reached


@pytest.mark.parametrize(
    ("value", "passed"),
    [
        ("1.4mEq/L", ["below"]),
        ("4.1mEq/L", ["above", "next"]),
        ("9.9mEq/L", ["above", "next"]),
        ("10mEq/L", ["above", "above"]),
    ],
)
def test_serum_json_ladder(mgcalc: Any, value: str, passed: list[str]) -> None:
    thresholds = mgcalc("serum", value, "--json").json()["thresholds"]
    assert [each["passed"] for each in thresholds] == passed
    assert set(thresholds[0]) == {
        "meq_per_l", "mmol_per_l", "passed", "text", "source", "evidence",
    }  # fmt: skip


def test_serum_refuses(mgcalc: Any) -> None:
    assert_refused(mgcalc("serum", "2.0"), "has no unit")
