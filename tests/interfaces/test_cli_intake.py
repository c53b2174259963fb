"""The dose and reference commands end to end: tables, pinned JSON, refusals, exit codes."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused

DOSE_KEYS = {
    "schema_version", "id", "items", "supplemental_mg", "diet_mg", "diet", "total_mg", "profile",
    "profile_source",
    "reference", "assessment", "notes", "warnings", "interactions", "unknown_with", "next_step",
}  # fmt: skip
ITEM_KEYS = {
    "input", "form", "name", "formula", "elemental_fraction", "read_as", "compound_mg",
    "elemental_mg", "mmol", "meq", "volume_ml", "custom", "product",
}  # fmt: skip
PROFILE_KEYS = {"age_years", "sex", "pregnant", "lactating", "standard", "weight_kg"}
REFERENCE_KEYS = {
    "standard", "group", "ear_mg", "rda_mg", "ai_mg", "ul_mg", "ul_status", "label",
    "evidence", "source",
}  # fmt: skip
ASSESSMENT_KEYS = {
    "adequacy", "reason", "ul", "percent_of_reference", "percent_of_ul", "verdicts",
    "confidence", "days_observed", "mean_needed_mg",
}  # fmt: skip
EXAMPLE = ["dose", "glycinate=500mg", "--diet", "250mg", "--age", "42", "--sex", "female"]


def test_dose_table(mgcalc: Any) -> None:
    run = mgcalc(*EXAMPLE)
    assert run.exit_code == 0
    for text in (
        "glycinate=500mg",
        "Magnesium bisglycinate",
        "Mg(C2H4NO2)2",
        "70.5 mg",  # the item as the total and the sentence round it (to 0.1 mg)
        "320.5 mg",
        "31–50 y",
        "Total 320.5 mg (1 day): at or above the recommended intake (RDA 320 mg)",
        "Supplements 70.5 mg: within the safe upper limit for supplements (UL 350 mg)",
        "RDA: Recommended Dietary Allowance",  # the legend under the bars
        "mgcalc does arithmetic on published references; it is not medical advice",
        "IOM 1997",
    ):
        assert text in run.stdout, text


def test_dose_json_is_pinned(mgcalc: Any) -> None:
    data = mgcalc(*EXAMPLE, "--json").json()
    assert set(data) == DOSE_KEYS
    assert set(data["items"][0]) == ITEM_KEYS
    assert set(data["profile"]) == PROFILE_KEYS
    assert set(data["reference"]) == REFERENCE_KEYS
    assert set(data["assessment"]) == ASSESSMENT_KEYS
    assert data["schema_version"] == 3
    assert data["profile"] == {
        "age_years": 42.0, "sex": "female", "pregnant": False, "lactating": False,
        "standard": "us", "weight_kg": None,
    }  # fmt: skip
    assert (data["reference"]["ear_mg"], data["reference"]["rda_mg"]) == (265, 320)
    assert (data["reference"]["ai_mg"], data["reference"]["ul_mg"]) == (None, 350)
    assert data["assessment"]["adequacy"] == "likely_adequate"
    assert data["assessment"]["ul"] == "within"
    assert data["diet_mg"] == 250
    assert data["diet"] == {
        "mg": 250, "entries": [{"input": "250mg", "mg": 250}], "foods": [], "file": None,
    }  # fmt: skip
    assert data["assessment"]["reason"] is None
    assert data["total_mg"] == pytest.approx(320.48, rel=1e-4)


def test_single_item_as_two_words(mgcalc: Any) -> None:
    data = mgcalc("dose", "glycinate", "500mg", "--json").json()
    assert data["items"][0]["elemental_mg"] == pytest.approx(70.48, rel=1e-3)
    assert (data["assessment"]["adequacy"], data["assessment"]["reason"]) == (
        "not_assessed",
        "no_profile",
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["elemental=400mg", "--age", "42", "--sex", "female", "--fail-above-ul"], 3),
        (["elemental=300mg", "--age", "42", "--sex", "female", "--fail-above-ul"], 0),
        (["elemental=400mg", "--age", "42", "--sex", "female"], 0),
    ],
)
def test_exit_code_above_ul_is_opt_in(mgcalc: Any, args: list[str], code: int) -> None:
    run = mgcalc("dose", *args, "--json")
    assert run.exit_code == code
    assert run.json()["assessment"]["ul"] == ("above" if "400mg" in args[0] else "within")


def test_exactly_at_the_ul_exits_zero(mgcalc: Any) -> None:
    # 25 × 4.4 mg = 110.00000000000001 mg printed "Supplemental 110 mg > UL 110 mg" and exit 3.
    run = mgcalc("dose", "elemental=25x4.4mg", "--age", "6", "--fail-above-ul")
    assert run.exit_code == 0, run.stdout
    assert "Supplements 110 mg: within the safe upper limit for supplements (UL 110 mg)" in (
        run.stdout
    )
    assert "diarrhoea" not in run.stdout


def test_table_and_sentence_round_alike(mgcalc: Any) -> None:
    # 100 mg + 219.97 mg = 319.97 mg: the table's total and the sentence both read 320 mg.
    run = mgcalc("dose", "elemental=100mg", "--diet", "219.97mg", "--age", "42", "--sex", "female")
    assert "Total 320 mg (1 day): at or above the recommended intake (RDA 320 mg)" in run.stdout
    total = next(line for line in run.stdout.splitlines() if line.startswith("│ Total"))
    assert "320 mg" in total
    diet = next(line for line in run.stdout.splitlines() if line.startswith("│ Diet"))
    assert "220 mg" in diet


def test_reference_for_a_person(mgcalc: Any) -> None:
    data = mgcalc("reference", "--age", "42", "--sex", "female", "--json").json()
    assert data["group"] == "31–50 y"
    assert len(data["rows"]) == 1
    assert (data["rows"][0]["ear_mg"], data["rows"][0]["rda_mg"]) == (265, 320)
    table = mgcalc("reference", "--age", "42", "--sex", "female").stdout
    assert "31–50 y" in table
    assert "IOM 1997" in table


def test_reference_whole_standard(mgcalc: Any) -> None:
    data = mgcalc("reference", "--standard", "eu", "--json").json()
    assert data["group"] is None
    assert {row["standard"] for row in data["rows"]} == {"eu"}
    assert data["label"]["value_mg"] == 375
    every = mgcalc("reference", "--age", "42", "--sex", "male", "--all", "--json").json()
    assert every["group"] == "31–50 y"
    assert len(every["rows"]) > 10


@pytest.mark.parametrize(
    ("args", "step"),
    [
        # IOM women 31–50: EAR 265, RDA 320, UL 350 mg; oxide 60.3 % Mg, glycinate 14.1 %.
        (
            ["glycinate=500mg", "--diet", "100mg"],
            "1 day only estimates usual intake: a tracker export of more days, with --diet-file "
            "FILE, would settle it. Meanwhile 'mgcalc plan glycinate' with the same options "
            "shows how many units reach the RDA.",
        ),
        (
            ["oxide=1g", "--diet", "100mg"],
            "The supplements exceed the upper limit: check this "
            "amount with a pharmacist or doctor before taking it.",
        ),
        (["glycinate=500mg"], "To judge adequacy add the diet: --diet 250mg"),
        (
            ["glycinate=500mg", "--diet", "300mg"],
            "Below the IOM's 97.5 % confidence with 1 day: a tracker export of more days",
        ),
        (
            ["glycinate=500mg", "--diet", "400mg"],
            "Within the reference values: nothing in these figures calls for a change.",
        ),
        (
            ["oxide=100mg", "--diet", "300mg", "--kidney-impairment"],
            "With kidney impairment, whether to take magnesium at all is for a doctor to say.",
        ),
        (["--diet", "100mg"], "1 day only estimates usual intake"),
    ],
    ids=str,
)
def test_dose_says_what_follows(mgcalc: Any, args: list[str], step: str) -> None:
    person = ["--age", "42", "--sex", "female"]
    data = mgcalc("dose", *args, *person, "--json").json()
    assert data["next_step"].startswith(step)
    table = mgcalc("dose", *args, *person).stdout
    assert "Next:" in table
    assert table.index("Next:") < table.index("Intake")  # with the verdict, before details


def test_next_step_without_a_profile_or_a_value(mgcalc: Any) -> None:
    alone = mgcalc("dose", "oxide=100mg", "--json").json()
    assert alone["next_step"].startswith("For your own values give --age and --sex")
    # IOM infants 0–6 months: AI 30 mg, no UL (not established).
    infant = mgcalc("dose", "--diet", "10mg", "--age", "3mo", "--json").json()
    assert infant["next_step"].startswith("Supplements for an infant are for medical advice only")


def test_label_values_have_one_shape(mgcalc: Any) -> None:
    # FDA 2016 US Daily Value for adults: 420 mg; EU NRV: 375 mg (labels.csv).
    dose = mgcalc("dose", "oxide=400mg", "--json").json()["reference"]["label"]
    plan = mgcalc("plan", "oxide", "--target", "100mg", "--json").json()["reference"]["label"]
    listing = mgcalc("reference", "--json").json()
    assert (dose["name"], dose["value_mg"], dose["group"]) == (
        "US Daily Value", 420, "adults and children from 4 y",
    )  # fmt: skip
    assert dose == plan == listing["label"]
    assert all(set(label) == set(dose) for label in listing["labels"])
    assert "label_mg" not in mgcalc("dose", "oxide=400mg", "--json").json()["reference"]
    personal = mgcalc("dose", "oxide=400mg", "--age", "42", "--sex", "f", "--json").json()
    assert personal["reference"]["label"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dose", "glycinat=500mg"], "unknown form 'glycinat'; did you mean 'glycinate'"),
        (["dose", "glycinate"], "is not FORM=AMOUNT"),
        (["dose", "=500mg"], "has no form"),
        (["dose", "glycinate="], "has no amount"),
        (["dose", "glycinate=500mg", "--diet", "1,5g"], "decimal point"),
        (["dose", "glycinate=500mg", "--diet", "200mL"], "is a volume"),
        (["dose", "glycinate=500mg", "--age", "42"], "add --sex female or --sex male"),
        (["dose", "glycinate=500mg", "--age", "-5"], "below 0"),
        (["dose", "glycinate=500mg", "--age", "121"], "above 120"),
        (["dose", "glycinate=500mg", "--sex", "female"], "add --age"),
        (["dose", "glycinate=500mg", "--age", "30", "--sex", "male", "--pregnant"], "--sex male"),
        (["dose", "elemental=1mg", "--age", "30", "--pregnant", "--lactating"], "choose the one"),
        (["dose", "glycinate=500mg", "--sex", "femal", "--age", "30"], "unknown sex 'femal'; use"),
        (["dose", "glycinate=500mg", "--standard", "mars"], "unknown standard 'mars'"),
        (["dose"], "no items"),
        (["reference", "--pregnant", "--sex", "male", "--age", "30"], "--sex male"),
    ],
)
def test_refusals(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc(*args), message)
