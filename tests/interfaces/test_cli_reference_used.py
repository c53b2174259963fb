"""The answer says which standard and life-stage group it used, next to the verdict."""

from __future__ import annotations

from typing import Any

import pytest

US = "US/Canada, IOM 1997"


def _brief_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith("• Reference values:")]
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize(
    ("who", "group"),
    [
        (["--age", "2"], "1–3 y"),
        (["--age", "25", "--sex", "female", "--pregnant"], "Pregnancy 19–30 y"),
        (["--age", "25", "--sex", "female", "--lactating"], "Lactation 19–30 y"),
    ],
)
def test_dose_brief_names_the_standard_and_group(mgcalc: Any, who: list[str], group: str) -> None:
    run = mgcalc("dose", "--food", "milk=2cup", *who, "--brief")
    assert run.exit_code == 0, run.stderr
    assert _brief_line(run.stdout) == f"• Reference values: {US} — {group}"
    # near the verdict: before the bars and tables (--brief stops after section 4)
    assert run.stdout.index("Reference values:") < run.stdout.index("milk →")
    assert "Reference: " not in run.stdout  # the table is not part of --brief


def test_pregnant_and_lactating_groups_differ(mgcalc: Any) -> None:
    woman = ["--age", "25", "--sex", "female", "--diet", "250mg", "--brief"]
    pregnant = _brief_line(mgcalc("dose", *woman, "--pregnant").stdout)
    lactating = _brief_line(mgcalc("dose", *woman, "--lactating").stdout)
    assert pregnant != lactating
    assert "Pregnancy" in pregnant and "Lactation" in lactating


def test_dose_without_a_profile_names_the_label_reference(mgcalc: Any) -> None:
    run = mgcalc("dose", "400mg", "oxide", "--no-profile")
    assert run.exit_code == 0, run.stderr
    line = _brief_line(run.stdout)
    assert line.startswith(f"• Reference values: {US} — ")
    assert "label reference: US Daily Value" in line
    # in section 4, before the tables
    assert run.stdout.index("Reference values:") < run.stdout.index("Intake")


def test_plan_names_the_standard_and_group(mgcalc: Any) -> None:
    run = mgcalc(
        "plan", "oxide", "--age", "30", "--sex", "female", "--pregnant", "--diet", "0mg",
        "--brief",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert _brief_line(run.stdout) == f"• Reference values: {US} — Pregnancy 19–30 y"
    assert run.stdout.index("Plan:") < run.stdout.index("Reference values:")


def test_other_standard_is_named(mgcalc: Any) -> None:
    run = mgcalc("dose", "--diet", "250mg", "--age", "40", "--sex", "male", "--standard", "eu")
    assert run.exit_code == 0, run.stderr
    assert _brief_line(run.stdout).startswith("• Reference values: EU, EFSA 2015")
