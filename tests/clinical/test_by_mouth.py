"""Rows on absorption and spacing concern magnesium taken by mouth, not an injection."""

from __future__ import annotations

from typing import Any

import pytest

from mgcalc.clinical.interactions import interactions_table, matches

# Rows from emc 4841 (an oral magnesium product's SmPC), the antacid labels, NIH ODS and the
# Neomag SmPC: each is about absorption from the gut or spacing the doses (clinical.md).
BY_MOUTH = {"tetracyclines", "ciprofloxacin", "digoxin", "eltrombopag", "baloxavir", "iron"}
# Not about absorption: depletion, urinary loss, the injection's own label, alkalosis.
NOT_BY_MOUTH = {
    "proton-pump-inhibitors", "loop-diuretics", "cisplatin", "digoxin-injection",
    "neuromuscular-blockers", "sodium-polystyrene-sulfonate",
}  # fmt: skip


def test_the_table_marks_the_rows_on_magnesium_by_mouth() -> None:
    rows = {row.key: row for row in interactions_table().rows}
    assert all(rows[key].oral_only for key in BY_MOUTH)
    assert not any(rows[key].oral_only for key in NOT_BY_MOUTH)
    assert not any(row.oral_only and row.injection_only for row in rows.values())
    # every row with hours is about spacing oral doses
    assert all(row.oral_only for row in rows.values() if row.medicine_before_h is not None)


def test_matches_leave_them_out_with_nothing_by_mouth() -> None:
    oral = matches(["digoxin"], injection=True)
    assert [m.name for m in oral.matches] == ["Digoxin", "Digoxin, with magnesium injection"]
    assert oral.by_mouth == ()
    injected = matches(["digoxin", "ciprofloxacin", "cisplatin"], injection=True, oral=False)
    assert [m.name for m in injected.matches] == ["Digoxin, with magnesium injection", "Cisplatin"]
    assert injected.by_mouth == ("digoxin", "ciprofloxacin")


def _names(data: dict[str, Any]) -> list[str]:
    return [match["name"] for match in data["interactions"]]


def _mouth(data: dict[str, Any]) -> list[str]:
    return [note for note in data["notes"] if "taken by mouth" in note]


def test_convert_an_injection_with_digoxin(mgcalc: Any) -> None:
    run = mgcalc("convert", "4g", "sulfate-injection-50", "--with", "digoxin")
    assert run.exit_code == 0, run.stderr
    assert "heart block" in run.stdout
    assert "may reduce its absorption" not in run.stdout
    assert run.stdout.count("taken by mouth") == 1
    data = mgcalc("convert", "4g", "sulfate-injection-50", "--with", "digoxin", "--json").json()
    assert _names(data) == ["Digoxin, with magnesium injection"]
    assert len(_mouth(data)) == 1 and _mouth(data)[0].startswith("digoxin:")
    assert not any("absorption" in warning for warning in data["warnings"])


def test_convert_an_oral_form_keeps_the_absorption_row(mgcalc: Any) -> None:
    data = mgcalc("convert", "400mg", "oxide", "--with", "digoxin", "--json").json()
    assert _names(data) == ["Digoxin"]
    assert _mouth(data) == []
    assert any("may reduce its absorption" in warning for warning in data["warnings"])


@pytest.mark.parametrize(
    ("items", "names", "said"),
    [
        (["sulfate-injection-50=4g"], ["Digoxin, with magnesium injection"], 1),
        (["sulfate-premix-4=100mL"], ["Digoxin, with magnesium injection"], 1),
        (
            ["sulfate-injection-50=4g", "oxide=400mg"],
            ["Digoxin", "Digoxin, with magnesium injection"],
            0,
        ),
        (["oxide=400mg"], ["Digoxin"], 0),
    ],
)
def test_dose(mgcalc: Any, items: list[str], names: list[str], said: int) -> None:
    run = mgcalc("dose", *items, "--with", "digoxin", "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert _names(data) == names
    assert len(_mouth(data)) == said
    absorption = any("may reduce its absorption" in warning for warning in data["warnings"])
    assert absorption == ("Digoxin" in names)


def test_dose_requests_and_batches_agree(mgcalc: Any, tmp_path: Any) -> None:
    line = '{"items": ["sulfate-injection-50=4g"], "with": ["digoxin"]}'
    one = mgcalc("dose", "--input", "-", "--json", input=line).json()
    assert _names(one) == ["Digoxin, with magnesium injection"] and len(_mouth(one)) == 1
    path = tmp_path / "doses.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    run = mgcalc("dose", "--batch", str(path))
    assert run.exit_code == 0, run.stderr
    import json

    result = json.loads(run.stdout.splitlines()[0])["result"]
    assert _names(result) == ["Digoxin, with magnesium injection"] and len(_mouth(result)) == 1
    assert result["warnings"] == one["warnings"]


def test_plan_of_an_injection(mgcalc: Any) -> None:
    args = ["plan", "sulfate-injection-50", "--target", "400mg", "--with", "digoxin"]
    data = mgcalc(*args, "--json").json()
    assert _names(data) == ["Digoxin, with magnesium injection"]
    assert len(_mouth(data)) == 1
    oral = mgcalc("plan", "oxide", "--target", "400mg", "--with", "digoxin", "--json").json()
    assert _names(oral) == ["Digoxin"] and _mouth(oral) == []
