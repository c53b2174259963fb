"""Verdicts at their boundaries: exactly at a limit is within it, and no sentence contradicts
the figures it prints (values from shared/reference/reference-values.md, IOM 1997)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mgcalc.clinical.cautions import above_ul
from mgcalc.datafiles import data_file
from mgcalc.nutrition.assessment import assess, exceeds, reaches, reference_for
from mgcalc.nutrition.intake import dose
from mgcalc.nutrition.profile import make_profile
from mgcalc.nutrition.standards import find_group

WOMAN_42 = make_profile(age="42", sex="female")  # IOM 31–50 y: EAR 265, RDA 320, UL 350
WOMAN_42_REFERENCE = reference_for(WOMAN_42)[0]


@pytest.mark.parametrize(
    ("amount", "limit", "above"),
    [
        (110.0, 110.0, False),
        (25 * 4.4, 110.0, False),  # 110.00000000000001
        (110.04, 110.0, False),  # shown as 110 mg
        (110.06, 110.0, True),  # shown as 110.1 mg
        (110.1, 110.0, True),
        (109.9, 110.0, False),
        (0.0, 65.0, False),
    ],
)
def test_exceeds_compares_what_is_shown(amount: float, limit: float, above: bool) -> None:
    assert exceeds(amount, limit) is above


@pytest.mark.parametrize(
    ("amount", "reference", "reached"),
    [
        (320.0, 320.0, True),
        (319.97, 320.0, True),  # shown as 320 mg
        (319.94, 320.0, False),  # shown as 319.9 mg
        (320.1, 320.0, True),
        (0.0, 30.0, False),
    ],
)
def test_reaches_compares_what_is_shown(amount: float, reference: float, reached: bool) -> None:
    assert reaches(amount, reference) is reached


def test_exactly_at_the_ul_is_within_it() -> None:
    # Bug: 25 × 4.4 mg = 110.00000000000001 was "above" the UL of 110 mg at age 6.
    result = dose(["elemental=25x4.4mg"], "0mg", make_profile(age="6"))
    assert result.reference.ul_mg == 110
    assert result.assessment.ul == "within"
    assert result.assessment.verdicts[1] == (
        "Supplements 110 mg: within the safe upper limit for supplements (UL 110 mg)"
    )
    assert not result.warnings


def _numbers(sentence: str) -> list[float]:
    return [float(found) for found in re.findall(r"([0-9.]+) mg", sentence.replace(",", ""))]


@pytest.mark.parametrize(
    ("items", "diet"),
    [
        (["elemental=14.401mmol"], "0mg"),  # 350.016 mg: was "350 mg > UL 350 mg"
        (["elemental=100mg"], "219.97mg"),  # 319.97 mg: was "Total 320 mg < RDA 320 mg"
        (["elemental=100mg"], "164.96mg"),  # 264.96 mg, at the EAR of 265
        (["elemental=350.06mg"], "0mg"),
        (["elemental=349.96mg"], "0mg"),
    ],
)
def test_no_verdict_contradicts_its_own_figures(items: list[str], diet: str) -> None:
    result = dose(items, diet, WOMAN_42)
    for sentence in result.assessment.verdicts:
        left, right = _numbers(sentence)[:2]
        words = re.search(r": (below|between|at or above|above|within) ", sentence)
        assert words is not None, sentence
        holds = {
            "below": left < right,
            "between": right <= left,  # the first value named is the EAR, reached
            "at or above": left >= right,
            "above": left > right,
            "within": left <= right,
        }
        assert holds[words[1]], sentence


def test_at_shown_precision_the_verdicts_of_the_issue() -> None:
    at_ul = dose(["elemental=14.401mmol"], "0mg", WOMAN_42)
    assert at_ul.assessment.ul == "within"
    assert at_ul.assessment.verdicts[1].startswith("Supplements 350 mg: within the safe upper")
    at_rda = dose(["elemental=100mg"], "219.97mg", WOMAN_42)
    assert at_rda.assessment.adequacy == "likely_adequate"
    assert at_rda.assessment.verdicts[0].startswith(
        "Total 320 mg (1 day): at or above the recommended intake (RDA 320 mg)"
    )


def test_assess_percentages() -> None:
    reference, _ = reference_for(WOMAN_42)
    result = assess(400.0, 175.0, reference)
    assert result.percent_of_reference == pytest.approx(125.0, abs=1e-9)  # 400 / RDA 320
    assert result.percent_of_ul == pytest.approx(50.0, abs=1e-9)  # 175 / UL 350


# Each published upper limit for supplements (reference-values.md): standard, age, sex, UL.
ULS = [
    ("us", "2", None, 65),
    ("us", "6", None, 110),
    ("us", "42", "female", 350),
    ("eu", "30", "female", 250),
    ("uk", "30", "male", 400),
]


@pytest.mark.parametrize(("standard", "age", "sex", "ul"), ULS)
def test_supplements_exactly_at_each_ul(standard: str, age: str, sex: str | None, ul: int) -> None:
    person = make_profile(age=age, sex=sex, standard=standard)
    at = dose([f"elemental={ul}mg"], "0mg", person)
    assert at.reference.ul_mg == ul
    assert (at.assessment.ul, at.assessment.percent_of_ul) == ("within", 100.0)
    assert f"Supplements {ul} mg: within " in at.assessment.verdicts[1]
    assert not at.warnings
    # The same amount as a sum of parts with rounding noise is still at the limit.
    parts = dose([f"elemental={ul / 3}mg"] * 3, "0mg", person)
    assert parts.assessment.ul == "within"
    above = dose([f"elemental={ul + 0.1}mg"], "0mg", person)
    assert above.assessment.ul == "above"
    assert above.assessment.percent_of_ul == pytest.approx(100 * (ul + 0.1) / ul, rel=1e-12)
    assert f"Supplements {ul + 0.1} mg: above " in above.assessment.verdicts[1]
    assert "by 0.1 mg; the supplements are 101 % of the " in above.assessment.verdicts[1]
    assert above.warnings == (above_ul(ul + 0.1, ul, "elemental"),)
    assert above.warnings[0].startswith(
        f"Supplemental magnesium ({ul + 0.1:g} mg) is above the upper limit ({ul} mg) by 0.1 mg: "
        "it is 101 % of the upper limit."
    )


# Totals at each intake reference: standard, age, sex, value, the code at and just below it.
INTAKE = [
    ("us", "42", "female", 265, "possibly_inadequate", "likely_inadequate"),  # EAR
    ("us", "42", "female", 320, "likely_adequate", "possibly_inadequate"),  # RDA
    ("us", "4mo", None, 30, "adequate", "cannot_assess"),  # AI
    ("eu", "30", "female", 300, "adequate", "cannot_assess"),  # AI
    ("dach", "30", "female", 300, "adequate", "cannot_assess"),  # AI (estimated value)
    ("who", "30", "female", 220, "likely_adequate", "possibly_inadequate"),  # RNI, no EAR
    ("uk", "30", "female", 270, "likely_adequate", "possibly_inadequate"),  # RNI, no EAR
]


@pytest.mark.parametrize(("standard", "age", "sex", "value", "at", "below"), INTAKE)
def test_totals_exactly_at_each_intake_reference(
    standard: str, age: str, sex: str | None, value: int, at: str, below: str
) -> None:
    person = make_profile(age=age, sex=sex, standard=standard)
    exactly = dose(["elemental=0mg"], f"{value}mg", person)
    assert exactly.assessment.adequacy == at
    short = dose(["elemental=0mg"], f"{value - 0.1}mg", person)
    assert short.assessment.adequacy == below
    # Food and supplement adding up to the value with rounding noise reach it too.
    noisy = dose(["elemental=25x0.1mg"], f"{value - 2.5}mg", person)
    assert noisy.assessment.adequacy == at


@pytest.mark.parametrize(
    ("standard", "age", "sex", "reference", "percent"),
    [
        ("us", "42", "female", 320, 100 * 400 / 320),  # RDA
        ("us", "4mo", None, 30, 100 * 400 / 30),  # AI
        ("eu", "30", "female", 300, 100 * 400 / 300),  # AI
        ("who", "30", "female", 220, 100 * 400 / 220),  # RNI
    ],
)
def test_percent_of_reference_is_of_the_value_judged(
    standard: str, age: str, sex: str | None, reference: int, percent: float
) -> None:
    result = dose(["elemental=100mg"], "300mg", make_profile(age=age, sex=sex, standard=standard))
    assert result.assessment.percent_of_reference == pytest.approx(percent, rel=1e-12)


def test_daily_value_percentage_without_a_profile() -> None:
    # No age: the total is a share of the label reference (US DV 420 mg, EU NRV 375 mg).
    us = dose(["elemental=105mg"], "0mg", make_profile())
    assert us.assessment.percent_of_reference == pytest.approx(25.0, rel=1e-12)
    assert us.assessment.verdicts[0] == (
        "Total 105 mg is 25 % of the US Daily Value (420 mg): "
        "a label reference, not a personal requirement"
    )
    assert us.assessment.adequacy == "not_assessed"
    eu = dose(["elemental=75mg"], "0mg", make_profile(standard="eu"))
    assert eu.assessment.percent_of_reference == pytest.approx(20.0, rel=1e-12)
    assert "is 20 % of the EU Nutrient Reference Value (375 mg)" in eu.assessment.verdicts[0]
    assert eu.assessment.percent_of_ul == pytest.approx(30.0, rel=1e-12)  # of the EU 250 mg


@pytest.mark.parametrize("standard", ["dach", "who", "uk"])
def test_dose_without_an_age_under_each_standard(standard: str) -> None:
    # These standards have no label value: the adult's upper limit is the only judgement.
    ul = find_group(make_profile(age="30", sex="female", standard=standard)).row.ul_mg
    ul_verdict = "not_established" if ul is None else "within"
    if standard == "uk":
        assert ul == 400
    result = dose(["elemental=100mg"], "0mg", make_profile(standard=standard))
    assert result.reference.group == "adult (no profile)"
    assert (result.reference.label, result.reference.ul_mg) == (None, ul)
    assert (result.reference.ear_mg, result.reference.rda_mg, result.reference.ai_mg) == (
        None, None, None,
    )  # fmt: skip
    assert result.assessment.adequacy == "not_assessed"
    assert result.assessment.percent_of_reference is None
    assert result.assessment.ul == ul_verdict
    assert result.assessment.verdicts[0] == (
        "Total 100 mg: no intake reference is set for this group"
    )
    assert f"Standard '{standard}' has no label reference value in mgcalc's data." in result.notes
    assert result.notes[0].startswith("No age given: an adult was assumed")


def test_no_ul_sentences() -> None:
    infant = dose(["elemental=10mg"], "0mg", make_profile(age="4mo"))
    assert infant.assessment.verdicts[1] == (
        "No upper limit is established for this group: supplements not judged"
    )
    who = dose(["elemental=10mg"], "0mg", make_profile(age="30", sex="female", standard="who"))
    assert who.assessment.verdicts[1] == (
        "No upper limit is set in mgcalc's data for this group: supplements not judged"
    )
    assert (who.assessment.ul, who.assessment.percent_of_ul) == ("not_established", None)


@pytest.mark.parametrize(
    ("age", "diet", "sentence"),
    [
        ("42", "300mg", "Total 300 mg (1 day): between the average requirement (EAR 265 mg) and "
         "the recommended intake (RDA 320 mg): if this day is usual, your intake probably needs "
         "to improve. About 65 % confidence that usual intake is adequate (IOM 2000 method). "
         "97.5 % confidence needs about 445 mg over 1 day"),
        ("42", "200mg", "Total 200 mg (1 day): below the average requirement (EAR 265 mg): if "
         "this day is usual, your intake very likely needs to improve. About 23 % confidence "
         "that usual intake is adequate (IOM 2000 method). 97.5 % confidence needs about "
         "445 mg over 1 day"),
        ("42", "320mg", "Total 320 mg (1 day): at or above the recommended intake (RDA 320 mg), "
         "but 1 day only estimates usual intake. About 73 % confidence that usual intake is "
         "adequate (IOM 2000 method). 97.5 % confidence needs about 445 mg over 1 day, or about "
         "137 days at 320 mg"),
        ("4mo", "30mg", "Total 30 mg (1 day): at or above the adequate intake (AI 30 mg): likely "
         "adequate if this is your usual intake (IOM 2000); 1 day known"),
        ("4mo", "29.9mg", "Total 29.9 mg (1 day): below the adequate intake (AI 30 mg): adequacy "
         "cannot be judged below an AI (no average requirement is known)"),
    ],
)  # fmt: skip
def test_adequacy_sentences_in_full(age: str, diet: str, sentence: str) -> None:
    person = make_profile(age=age, sex="female" if age == "42" else None)
    assert dose(["elemental=0mg"], diet, person).assessment.verdicts[0] == sentence


def test_the_label_share_is_rounded_to_a_whole_percent() -> None:
    at = dose(["elemental=420mg"], "0mg", make_profile())
    assert at.assessment.verdicts[0].startswith("Total 420 mg is 100 % of the US Daily Value")
    assert at.assessment.percent_of_reference == 100.0


def test_without_an_age_no_personal_value_is_used() -> None:
    # Only the label reference and the adult's upper limit: no EAR, RDA or AI of any group.
    result = dose(["elemental=100mg"], "0mg", make_profile())
    reference = result.reference
    assert (reference.ear_mg, reference.rda_mg, reference.ai_mg) == (None, None, None)
    assert reference.label is not None
    assert (reference.label.name, reference.label.value_mg, reference.ul_mg) == (
        "US Daily Value", 420, 350,
    )  # fmt: skip
    assert reference.evidence == "secondary"  # the label's, not the IOM row's
    assert reference.source.startswith("FDA 2016 Nutrition and Supplement Facts final rule")
    assert "; upper limit: IOM 1997" in reference.source


def test_without_an_age_the_adult_is_thirty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An edited table whose women of 51–70 have another UL: the adult assumed is 30.
    rows = data_file("reference.csv").read_text(encoding="utf-8").splitlines()
    edited = [
        row.replace(",350,set,", ",300,set,") if row.startswith("us,51–70 y,female,") else row
        for row in rows
    ]
    for name in ("forms.csv", "labels.csv", "products.csv"):
        (tmp_path / name).write_bytes(data_file(name).read_bytes())
    (tmp_path / "reference.csv").write_text("\n".join(edited) + "\n", encoding="utf-8")
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tmp_path))
    assert find_group(make_profile(age="60", sex="female")).row.ul_mg == 300
    assert dose(["elemental=100mg"], "0mg", make_profile()).reference.ul_mg == 350


# Memos of the per-record path (issue 13): bounded, and equal to a fresh computation.
def test_memoised_ul_verdicts_are_bounded_and_follow_their_numbers() -> None:
    from mgcalc.nutrition.assessment import _ul_verdict

    assert _ul_verdict.cache_info().maxsize is not None
    _ul_verdict.cache_clear()
    first = assess(400.0, 350.04, WOMAN_42_REFERENCE)
    again = assess(400.0, 350.04, WOMAN_42_REFERENCE)  # from the memo
    above = assess(400.0, 350.06, WOMAN_42_REFERENCE)
    assert first == again
    upper = "the safe upper limit for supplements (UL 350 mg)"
    assert first.verdicts[1] == f"Supplements 350 mg: within {upper}"
    assert above.verdicts[1] == (
        f"Supplements 350.1 mg: above {upper} by 0.1 mg; the supplements are 101 % of the UL"
    )
    assert _ul_verdict.cache_info().hits == 1


def test_memoised_adequacy_phrases_are_bounded_and_keep_the_total_per_record() -> None:
    from mgcalc.nutrition.assessment import _comparison

    assert _comparison.cache_info().maxsize is not None
    _comparison.cache_clear()
    low, lower = (assess(total, 0.0, WOMAN_42_REFERENCE) for total in (264.94, 100.0))
    below = ": below the average requirement (EAR 265 mg)"
    assert low.verdicts[0].startswith("Total 264.9 mg (1 day)" + below)
    assert lower.verdicts[0].startswith("Total 100 mg (1 day)" + below)
    assert _comparison.cache_info().hits == 1


def test_references_are_memoised_by_the_values_a_group_depends_on() -> None:
    from mgcalc.nutrition.assessment import _reference_for

    assert _reference_for.cache_info().maxsize is not None
    heavy = make_profile(age="42", sex="female", weight="90kg")
    assert reference_for(heavy) == reference_for(WOMAN_42)  # the weight is no part of it
    notes = reference_for(WOMAN_42)[1]
    notes.append("a caller's own note")  # each caller gets its own list
    assert reference_for(WOMAN_42)[1] == notes[:-1]
    without_age = make_profile(standard="eu")
    assert reference_for(without_age)[0].group == "adult (no profile)"
