"""Honest verdicts in plain words (issue 23): order, legend, --brief, --diet-days, EAR alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

from mgcalc.datafiles import data_file

WOMAN = ["--age", "42", "--sex", "female"]
CLOSING = "mgcalc does arithmetic on published references; it is not medical advice"


def _order(text: str, *parts: str) -> None:
    at = [text.index(part) for part in parts]
    assert at == sorted(at), list(zip(parts, at, strict=True))


def test_dose_text_in_the_round_order(mgcalc: Any) -> None:
    run = mgcalc("dose", "oxide=1g", "--diet", "250mg", *WOMAN)
    assert run.exit_code == 0, run.stderr
    _order(
        run.stdout,
        "• Supplemental magnesium (603 mg) is above",  # 1 cautions
        "Total 853 mg (1 day):",  # 2 verdicts with confidence
        "Next:",  # 3 next step
        "• oxide=1g: read as Magnesium oxide (MgO)",  # 4 what was counted
        "Total        ",  # 5 bars
        "Terms: EAR: Estimated Average Requirement",  # 5 legend
        "Intake",  # 6 tables
        "Reference: US/Canada",
        "• Supplements, antacids and laxatives count",  # 7 notes
        CLOSING,  # 8 closing line
    )
    assert run.stdout.rstrip().endswith("before changing what you take.")


def test_plan_text_in_the_round_order(mgcalc: Any) -> None:
    run = mgcalc("plan", "oxide", "--unit", "400mg", "--diet", "100mg", *WOMAN)
    assert run.exit_code == 0, run.stderr
    _order(run.stdout, "Plan: 1 unit of Magnesium oxide", "Next:", "• oxide: read as",
           "New total    ", "Terms:", "Form", "Reference:", CLOSING)  # fmt: skip
    assert "not a prescription" in run.stdout


def test_a_plan_of_nothing_says_so_and_not_before_you_start(mgcalc: Any) -> None:
    # 319.96 mg is shown as 320 mg, the RDA (IOM 1997, women 31-50 y): nothing to plan.
    run = mgcalc("plan", "oxide", "--unit", "400mg", "--diet", "319.96mg", *WOMAN)
    assert run.exit_code == 0, run.stderr
    assert "Plan: 0 units of Magnesium oxide" in run.stdout
    assert "Next: Nothing to add: the diet alone reaches the target." in " ".join(
        run.stdout.split()
    )
    assert "before you start" not in run.stdout
    assert "not a prescription" in " ".join(run.stdout.split())


@pytest.mark.parametrize(
    "args",
    [
        ["dose", "glycinate=500mg", "--diet", "250mg", *WOMAN],
        ["plan", "glycinate", "--unit", "500mg", "--diet", "200mg", *WOMAN],
    ],
    ids=["dose", "plan"],
)
def test_brief_prints_the_first_four_sections_only(mgcalc: Any, args: list[str]) -> None:
    whole = mgcalc(*args).stdout
    brief = mgcalc(*args, "--brief").stdout
    assert whole.startswith(brief)  # the same first sections, nothing else
    assert "Next:" in brief and ": read as " in brief and "Diet 2" in brief
    for later in ("Terms:", "Reference:", CLOSING, "┃", "│"):
        assert later not in brief, later
    assert mgcalc(*args, "--brief", "--json").json() == mgcalc(*args, "--json").json()


@pytest.mark.parametrize(
    ("standard", "terms"),
    [
        ("us", ["EAR: Estimated Average Requirement", "RDA: Recommended Dietary Allowance",
                "UL: Tolerable Upper Intake Level"]),
        ("eu", ["AI: Adequate Intake", "UL: Tolerable Upper Intake Level (SCF 2001)"]),
        ("dach", ["AI: Adequate Intake", "EFSA UL: EFSA's Tolerable Upper Intake Level"]),
        ("who", ["RNI: Recommended Nutrient Intake"]),
        ("uk", ["RNI: Reference Nutrient Intake", "guidance level: the Expert Group on "
                "Vitamins and Minerals' (2003) guidance level"]),
        ("anz", ["EAR: Estimated Average Requirement", "RDI: Recommended Dietary Intake"]),
        ("nordic", ["AI: Adequate Intake", "UL: Tolerable Upper Intake Level"]),
    ],
)  # fmt: skip
def test_the_legend_spells_out_each_term_under_each_standard(
    mgcalc: Any, standard: str, terms: list[str]
) -> None:
    run = mgcalc("dose", "elemental=100mg", "--diet", "200mg", "--age", "40", "--sex", "male",
                 "--standard", standard)  # fmt: skip
    assert run.exit_code == 0, run.stderr
    legend = next(line for line in run.stdout.splitlines() if line.startswith("Terms: "))
    whole = run.stdout[run.stdout.index(legend) :].split("\nIntake")[0].replace("\n", " ")
    for term in terms:
        assert term in whole, term


def test_the_help_spells_out_the_terms(mgcalc: Any) -> None:
    text = " ".join(mgcalc("dose", "--help").stdout.split())
    for term in ("Estimated Average Requirement", "Recommended Dietary Allowance",
                 "Adequate Intake", "Tolerable Upper Intake Level"):  # fmt: skip
        assert term in text, term


def test_diet_days_on_the_command_line(mgcalc: Any) -> None:
    data = mgcalc("dose", "--diet", "320mg", "--diet-days", "3", "--age", "40", "--sex",
                  "female", "--json").json()  # fmt: skip
    assessment = data["assessment"]
    assert assessment["days_observed"] == 3
    assert assessment["confidence"] == pytest.approx(0.836, abs=0.002)
    assert assessment["mean_needed_mg"] == pytest.approx(377, abs=1)
    text = mgcalc("dose", "--diet", "320mg", "--diet-days", "3", "--age", "40", "--sex",
                  "female").stdout  # fmt: skip
    assert "Total 320 mg (3 days):" in text and "About 84 % confidence" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--diet-days", "3", "elemental=10mg"], "--diet-days says a typed diet is a mean"),
        (["--diet-days", "0", "--diet", "100mg"], "--diet-days"),
        (["--diet-days", "x", "--diet", "100mg"], "--diet-days"),
    ],
)
def test_bad_diet_days_are_refused(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc("dose", *args, *WOMAN), message)


def test_diet_days_as_a_request_key(mgcalc: Any) -> None:
    import json

    request = {"diet": "320mg", "diet_days": 7, "age": 40, "sex": "female"}
    data = mgcalc("dose", "--input", "-", "--json", input=json.dumps(request)).json()
    assert data["assessment"]["confidence"] == pytest.approx(0.905, abs=0.002)
    bad = mgcalc("dose", "--input", "-", "--json", input=json.dumps(request | {"diet_days": "7"}))
    assert_refused(bad, "request field 'diet_days'")


def test_an_ear_alone_is_judged(mgcalc: Any, tmp_path: Path, monkeypatch: Any) -> None:
    # An edited table where IOM women 31–50 have an EAR (265 mg) and no RDA.
    for name in ("forms.csv", "labels.csv", "products.csv", "interactions.csv",
                 "intake-variation.csv"):  # fmt: skip
        (tmp_path / name).write_bytes(data_file(name).read_bytes())
    rows = data_file("reference.csv").read_text(encoding="utf-8").splitlines()
    edited = [
        row.replace(",,265,320,350,", ",,265,,350,")
        if row.startswith("us,31–50 y,female,")
        else row
        for row in rows
    ]
    assert edited != rows
    (tmp_path / "reference.csv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tmp_path))
    above = mgcalc("dose", "--diet", "300mg", *WOMAN, "--json").json()["assessment"]
    assert above["adequacy"] == "at_least_average_requirement"
    assert above["percent_of_reference"] == pytest.approx(100 * 300 / 265)
    assert above["verdicts"][0].startswith(
        "Total 300 mg (1 day): at least the average requirement (EAR 265 mg); no recommended "
        "intake is set"
    )
    below = mgcalc("dose", "--diet", "200mg", *WOMAN, "--json").json()["assessment"]
    assert below["adequacy"] == "likely_inadequate"
    assert "very likely needs to improve" in below["verdicts"][0]


@pytest.mark.parametrize(
    ("args", "medical"),
    [
        (["gummy=1", "--diet", "50mg", "--age", "8mo"], "an infant"),
        (["elemental=10mg", "--diet", "50mg", "--age", "2", "--standard", "eu"],
         "a child under 4"),
    ],
)  # fmt: skip
def test_cautions_first_and_no_plan_for_young_children(
    mgcalc: Any, args: list[str], medical: str
) -> None:
    if args[0] == "gummy=1":
        args = ["elemental=5mg", *args[1:]]
    run = mgcalc("dose", *args)
    assert run.exit_code == 0, run.stderr
    first = run.stdout.splitlines()[0]
    assert first.startswith(("• Infant under 1 year", "• Child under 4 years"))
    data = mgcalc("dose", *args, "--json").json()
    assert data["next_step"].startswith(f"Supplements for {medical} are for medical advice only")
    assert "mgcalc plan" not in data["next_step"]


def test_example_foods_fit_the_age(mgcalc: Any) -> None:
    infant = mgcalc("dose", "elemental=5mg", "--age", "8mo", "--json").json()
    assert not any("almonds" in note for note in infant["notes"])
    assert any("--food banana=50g" in note for note in infant["notes"])
    adult = mgcalc("dose", "elemental=5mg", *WOMAN, "--json").json()
    assert "--food almonds=1oz" in adult["next_step"]


def test_no_bar_reads_100_percent_beside_less_than(mgcalc: Any) -> None:
    run = mgcalc("dose", "--diet", "319mg", *WOMAN)
    bar = next(line for line in run.stdout.splitlines() if line.startswith("Total  "))
    assert bar.endswith("319 mg < RDA 320 mg (99 %)")
