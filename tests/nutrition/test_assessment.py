"""Verdicts at their boundaries: exactly at a limit is within it, and no sentence contradicts
the figures it prints (values from shared/reference/reference-values.md, IOM 1997)."""

from __future__ import annotations

import re

import pytest

from mgcalc.nutrition.assessment import assess, exceeds, reaches, reference_for
from mgcalc.nutrition.intake import dose
from mgcalc.nutrition.profile import make_profile

WOMAN_42 = make_profile(age="42", sex="female")  # IOM 31–50 y: EAR 265, RDA 320, UL 350


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
    assert (
        result.assessment.verdicts[1] == "Supplemental 110 mg ≤ UL 110 mg: within the upper limit"
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
        if " > " in sentence or " < " in sentence:
            assert left != right, sentence
        sign = re.search(r" ([<>≤≥]) ", sentence)
        assert sign is not None
        holds = {"<": left < right, ">": left > right, "≤": left <= right, "≥": left >= right}
        assert holds[sign[1]], sentence


def test_at_shown_precision_the_verdicts_of_the_issue() -> None:
    at_ul = dose(["elemental=14.401mmol"], "0mg", WOMAN_42)
    assert at_ul.assessment.ul == "within"
    assert at_ul.assessment.verdicts[1].startswith("Supplemental 350 mg ≤ UL 350 mg")
    at_rda = dose(["elemental=100mg"], "219.97mg", WOMAN_42)
    assert at_rda.assessment.adequacy == "likely_adequate"
    assert at_rda.assessment.verdicts[0].startswith("Total 320 mg ≥ RDA 320 mg")


def test_assess_percentages() -> None:
    reference, _ = reference_for(WOMAN_42)
    result = assess(400.0, 175.0, reference)
    assert result.percent_of_reference == pytest.approx(125.0, abs=1e-9)  # 400 / RDA 320
    assert result.percent_of_ul == pytest.approx(50.0, abs=1e-9)  # 175 / UL 350
