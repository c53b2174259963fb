"""Cautions: infants, EU children under 4, kidney impairment, and supplements above the UL."""

from __future__ import annotations

from typing import Any

import pytest

from mgcalc.clinical.cautions import (
    EU_UNDER_4,
    INFANT,
    KIDNEY,
    KIDNEY_NO_PLAN,
    KIDNEY_SOURCE,
    KIDNEY_SUPERVISED,
    above_ul,
    age_cautions,
    listed_cautions,
)


@pytest.mark.parametrize(
    ("months", "standard", "supplemental", "expected"),
    [
        (0, "us", 70.5, [INFANT]),
        (11.9, "us", 10, [INFANT]),
        (12, "us", 10, []),
        (6, "us", 0, []),
        (6, "us", 0.5, [INFANT]),  # any supplement at all
        (6, "eu", 10, [INFANT, EU_UNDER_4]),
        (24, "eu", 10, [EU_UNDER_4]),
        (47.9, "dach", 10, [EU_UNDER_4]),
        (48, "eu", 10, []),
        (24, "who", 10, []),
        (None, "us", 10, []),
    ],
)
def test_age_cautions(
    months: float | None, standard: str, supplemental: float, expected: list[str]
) -> None:
    assert age_cautions(months, standard, supplemental) == expected


def test_the_infant_caution_names_the_iom() -> None:
    # clinical.md: IOM summary-table footnote: food and formula only; cannot handle excess.
    assert "food and formula only" in INFANT
    assert "handle excess" in INFANT
    assert "IOM" in INFANT
    assert "medical advice" in INFANT


def test_a_parent_asking_about_an_infant_is_warned(mgcalc: Any) -> None:
    data = mgcalc("dose", "glycinate=500mg", "--age", "0", "--json").json()
    assert INFANT in data["warnings"]
    with_diet = mgcalc("dose", "glycinate=500mg", "--age", "0", "--diet", "0mg", "--json").json()
    assert with_diet["assessment"]["adequacy"] == "adequate"  # the verdict stays …
    assert INFANT in with_diet["warnings"]  # … never without the warning
    assert "Infant under 1 year" in mgcalc("dose", "glycinate=500mg", "--age", "0").stdout


def test_eu_under_4(mgcalc: Any) -> None:
    data = mgcalc("dose", "elemental=50mg", "--age", "2", "--standard", "eu", "--json").json()
    assert data["warnings"] == [EU_UNDER_4]
    us = mgcalc("dose", "elemental=50mg", "--age", "2", "--json").json()
    assert EU_UNDER_4 not in us["warnings"]


def test_plan_for_an_infant_allowed_above_the_limit_warns(mgcalc: Any) -> None:
    data = mgcalc(
        "plan", "elemental", "--age", "8mo", "--target", "50mg", "--allow-above-ul", "--json"
    ).json()
    assert data["supplemental_mg"] == 50
    assert INFANT in data["warnings"]


def test_kidney_caution_in_dose(mgcalc: Any) -> None:
    data = mgcalc("dose", "oxide=400mg", "--kidney-impairment", "--json").json()
    assert KIDNEY in data["warnings"]
    assert KIDNEY_SOURCE in data["notes"]
    # Proportionate (#23, #24): the caution says to ask a doctor, because the kidneys clear
    # magnesium; the deaths from very large exposures stay in the source note.
    assert "kidneys clear magnesium" in KIDNEY and "ask a doctor" in KIDNEY
    assert "DailyMed" in KIDNEY and "death" not in KIDNEY
    assert "IOM 1997, p. 244" in KIDNEY_SOURCE and "deaths" in KIDNEY_SOURCE


def test_plan_refuses_a_supplement_with_kidney_impairment(mgcalc: Any) -> None:
    args = ["plan", "oxide", "--unit", "400mg", "--age", "40", "--sex", "male", "--diet", "100mg"]
    refused = mgcalc(*args, "--kidney-impairment", "--json").json()
    assert (refused["units"], refused["supplemental_mg"]) == (0, 0)
    assert any(
        line.startswith("No supplement planned: with kidney impairment")
        for line in (refused["warnings"])
    )
    # --allow-above-ul lifts the upper limit only; --supervised lifts the kidney refusal.
    above_ul = mgcalc(*args, "--kidney-impairment", "--allow-above-ul", "--json").json()
    assert (above_ul["units"], above_ul["supplemental_mg"]) == (0, 0)
    allowed = mgcalc(*args, "--kidney-impairment", "--supervised", "--json").json()
    # 420 mg RDA - 100 mg diet = 320 mg; one 241.2 mg tablet, as 2 would pass the 350 mg UL.
    assert (allowed["units"], allowed["capped_by_ul"]) == (1, True)
    assert KIDNEY in allowed["warnings"]
    assert KIDNEY_SUPERVISED in allowed["notes"]
    request = '{"form": "oxide", "unit": "400mg", "age": 40, "sex": "male", "diet": "100mg", '
    run = mgcalc("plan", "--input", "-", "--json", input=request + '"kidney_impairment": true, '
                 '"supervised": true}')  # fmt: skip
    assert run.json()["units"] == 1


def test_above_the_upper_limit_says_by_how_much() -> None:
    text = above_ul(603.0, 350.0, "oxide")
    assert "(603 mg) is above the upper limit (350 mg) by 253 mg: it is 172 % of the upper" in text
    assert "'mgcalc plan oxide'" in text


def test_the_memo_of_above_the_limit_is_bounded_and_keyed_by_every_argument() -> None:
    assert above_ul.cache_info().maxsize is not None
    oxide, named_none = above_ul(603.0, 350.0, "oxide"), above_ul(603.0, 350.0)
    assert "'mgcalc plan oxide'" in oxide and "'mgcalc plan FORM'" in named_none
    assert "by 3 mg" in above_ul(353.0, 350.0, "oxide")


def test_dose_above_the_limit_points_to_plan(mgcalc: Any) -> None:
    data = mgcalc("dose", "oxide=1g", "--age", "40", "--sex", "male", "--json").json()
    assert any(
        "by 253 mg: it is 172 % of the upper limit" in line and "mgcalc plan oxide" in line
        for line in (data["warnings"])
    )


@pytest.mark.parametrize(
    ("supplemental", "share"),
    [(353.5, "by 3.5 mg: it is 101 % of the upper limit"),
     (350.1, "by 0.1 mg: it is 101 % of the upper limit"),
     (1000.0, "by 650 mg: it is 286 % of the upper limit")],
)  # fmt: skip
def test_the_share_above_the_limit_is_of_the_limit(supplemental: float, share: str) -> None:
    # One base: the excess in mg and the whole amount as a share of the UL (never 186 % beside
    # a bar's 286 %); above the limit is never shown as 100 %.
    text = above_ul(supplemental, 350.0)
    assert f"above the upper limit (350 mg) {share}." in text
    assert "'mgcalc plan FORM'" in text  # no form named: the placeholder


# The cautions as the user reads them, whole (clinical.md, "Kidney impairment", "Infants").
def test_the_warnings_whole() -> None:
    assert INFANT == (
        "Infant under 1 year: the IOM sets no upper limit for infants because of concern about "
        "their ability to handle excess magnesium, and advises that it come from food and "
        "formula only; supplements for an infant are for medical advice only (IOM DRI summary "
        "tables, footnote)."
    )
    assert EU_UNDER_4 == (
        "Child under 4 years: the EU sets no upper level for magnesium below 4 years (SCF 2001, "
        "adopted by EFSA 2006), so no amount of supplement can be judged safe here; supplements "
        "are for medical advice only."
    )
    assert KIDNEY == (
        "Kidney impairment: the kidneys clear magnesium, so ask a doctor before taking "
        "magnesium supplements, antacids or laxatives (magnesium laxative labels: 'Ask a doctor "
        "before use if you have kidney disease', DailyMed)."
    )
    assert KIDNEY_SOURCE == (
        "The kidney caution's sources: deaths from very large magnesium exposures occurred "
        "especially with renal insufficiency (IOM 1997, p. 244); magnesium laxative labels say "
        "'Ask a doctor before use if you have kidney disease' (DailyMed)."
    )
    assert KIDNEY_NO_PLAN == (
        "No supplement planned: with kidney impairment the kidneys may not clear magnesium, so "
        "whether to take a supplement, and how much, is for a doctor to say (DailyMed OTC "
        "labels: 'Ask a doctor before use if you have kidney disease'). A clinician can plan "
        "one with --supervised."
    )
    assert KIDNEY_SUPERVISED == (
        "--supervised: planned with kidney impairment, for medical supervision; the upper "
        "limit still caps the plan unless --allow-above-ul."
    )


def test_above_the_upper_limit_whole() -> None:
    assert above_ul(603.0, 350.0, "oxide") == (
        "Supplemental magnesium (603 mg) is above the upper limit (350 mg) by 253 mg: it is "
        "172 % of the upper limit. Excess magnesium from supplements shows first as diarrhoea "
        "(IOM 1997); antacids and laxatives count toward the limit. Doses above it are for "
        "medical supervision, especially with kidney impairment; 'mgcalc plan oxide' (with the "
        "same profile and diet) gives an amount within it."
    )


def test_the_listed_cautions_whole() -> None:
    kidney, infant, eu_under_4 = listed_cautions()
    assert kidney == (
        "kidney",
        "Kidney impairment",
        "The kidneys clear magnesium: ask a doctor before taking magnesium supplements, "
        "antacids or laxatives. Deaths from very large magnesium exposures occurred especially "
        "with renal insufficiency. For magnesium sulfate injection, in severe renal "
        "insufficiency the label's maximum is 20 g of magnesium sulfate in 48 hours. mgcalc "
        "gives this caution with --kidney-impairment (dose, plan, convert), the injection's "
        "limit with an injection, premix or bag; plan then plans no supplement unless "
        "--supervised.",
        "IOM 1997, p. 244 (deaths, especially with renal insufficiency); magnesium laxative "
        "labels, DailyMed ('Ask a doctor before use if you have kidney disease'); magnesium "
        "sulfate injection label, DailyMed ('In the presence of severe renal insufficiency, the "
        "maximum dosage of magnesium sulfate is 20 grams/48 hours')",
        ("kidney impairment", "kidney disease", "renal", "renal insufficiency", "renal impairment"),
    )
    assert infant == (
        "infant",
        "Infant under 1 year",
        "The IOM sets no upper limit for infants because of concern about their ability to "
        "handle excess magnesium, and advises that it come from food and formula only; "
        "supplements for an infant are for medical advice only. mgcalc gives this caution when "
        "a supplement is counted for an age under 12 months.",
        "IOM DRI summary tables, footnote",
        ("infants", "baby"),
    )
    assert eu_under_4 == (
        "eu-under-4",
        "Child under 4 years (eu, dach)",
        "The EU sets no upper level for magnesium below 4 years, so no amount of supplement can "
        "be judged safe; supplements are for medical advice only. mgcalc gives this caution "
        "with the standards eu and dach when a supplement is counted for an age under 4 years.",
        "SCF 2001, adopted by EFSA 2006",
        ("child under 4", "under 4"),
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [("renal impairment", "kidney"), ("Kidney disease", "kidney"), ("baby", "infant"),
     ("under 4", "eu-under-4"), ("Child under 4", "eu-under-4")],
)  # fmt: skip
def test_each_caution_is_found_by_its_other_names(mgcalc: Any, name: str, key: str) -> None:
    data = mgcalc("interactions", name, "--json").json()
    assert [caution["key"] for caution in data["cautions"]] == [key]
