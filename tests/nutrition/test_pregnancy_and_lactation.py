"""Pregnancy and lactation values of every standard, through ``dose`` and ``plan``.

A swap of the two states anywhere between the profile and the result must fail here: where a
standard gives both states the same numbers (eu, dach, who's are not, uk, nordic), the group's
name is what tells them apart, so it is checked too.
"""

from __future__ import annotations

from typing import Any

import pytest

# (standard, age, state) -> (group, EAR, RDA/RDI/RNI, AI, UL), transcribed from the team's
# reference folder: reference-values.md (IOM 1997 table; FAO/WHO 2004 RNIs; UK and ANZ
# notes) and clinical.md (EFSA 2015, DGE 2021, NHMRC 2006, NNR 2023 Table 15 corrections).
CASES = {
    # IOM 1997: pregnancy EAR 335/290/300, RDA 400/350/360; lactation 300/255/265, 360/310/320.
    ("us", "17", "pregnant"): ("Pregnancy ≤18 y", 335, 400, None, 350),
    ("us", "25", "pregnant"): ("Pregnancy 19–30 y", 290, 350, None, 350),
    ("us", "40", "pregnant"): ("Pregnancy 31–50 y", 300, 360, None, 350),
    ("us", "17", "lactating"): ("Lactation ≤18 y", 300, 360, None, 350),
    ("us", "25", "lactating"): ("Lactation 19–30 y", 255, 310, None, 350),
    ("us", "40", "lactating"): ("Lactation 31–50 y", 265, 320, None, 350),
    # EFSA 2015: AI 300 from 18 y, the girls' 250 below; the SCF/EFSA UL 250.
    ("eu", "16", "pregnant"): ("Pregnancy <18 y", None, None, 250, 250),
    ("eu", "30", "pregnant"): ("Pregnancy ≥18 y", None, None, 300, 250),
    ("eu", "16", "lactating"): ("Lactation <18 y", None, None, 250, 250),
    ("eu", "30", "lactating"): ("Lactation ≥18 y", None, None, 300, 250),
    # DGE 2021: 300 from 19 y; the girls' 240 (13–<15) and 260 (15–<19); EFSA's UL 250.
    ("dach", "14", "pregnant"): ("Pregnancy 13–<15 y", None, None, 240, 250),
    ("dach", "16", "pregnant"): ("Pregnancy 15–<19 y", None, None, 260, 250),
    ("dach", "30", "pregnant"): ("Pregnancy ≥19 y", None, None, 300, 250),
    ("dach", "14", "lactating"): ("Lactation 13–<15 y", None, None, 240, 250),
    ("dach", "16", "lactating"): ("Lactation 15–<19 y", None, None, 260, 250),
    ("dach", "30", "lactating"): ("Lactation ≥19 y", None, None, 300, 250),
    # FAO/WHO 2004: RNI 220 in pregnancy, 270 in lactation; no UL applied.
    ("who", "30", "pregnant"): ("Pregnancy", None, 220, None, None),
    ("who", "30", "lactating"): ("Lactation", None, 270, None, None),
    # UK: no confirmed value for either state.
    ("uk", "30", "pregnant"): ("Pregnancy", None, None, None, None),
    ("uk", "30", "lactating"): ("Lactation", None, None, None, None),
    # NHMRC 2006 as the IOM (secondary): RDI 400/350/360 and 360/310/320; UL 350.
    ("anz", "17", "pregnant"): ("Pregnancy ≤18 y", None, 400, None, 350),
    ("anz", "25", "pregnant"): ("Pregnancy 19–30 y", None, 350, None, 350),
    ("anz", "40", "pregnant"): ("Pregnancy 31–50 y", None, 360, None, 350),
    ("anz", "17", "lactating"): ("Lactation ≤18 y", None, 360, None, 350),
    ("anz", "25", "lactating"): ("Lactation 19–30 y", None, 310, None, 350),
    ("anz", "40", "lactating"): ("Lactation 31–50 y", None, 320, None, 350),
    # NNR 2023 Table 15 (a transcription): AI 300 in both; the supplement UL 250 from 18 y.
    ("nordic", "16", "pregnant"): ("Pregnancy", None, None, 300, None),
    ("nordic", "30", "pregnant"): ("Pregnancy", None, None, 300, 250),
    ("nordic", "16", "lactating"): ("Lactation", None, None, 300, None),
    ("nordic", "30", "lactating"): ("Lactation", None, None, 300, 250),
}


def _reference(data: dict[str, Any]) -> tuple[object, ...]:
    found = data["reference"]
    return (found["group"], found["ear_mg"], found["rda_mg"], found["ai_mg"], found["ul_mg"])


@pytest.mark.parametrize(("key", "expected"), CASES.items(), ids=str)
def test_dose_uses_the_states_own_values(
    mgcalc: Any, key: tuple[str, str, str], expected: tuple[object, ...]
) -> None:
    standard, age, state = key
    data = mgcalc(
        "dose", "oxide=400mg", "--age", age, "--sex", "female", f"--{state}",
        "--standard", standard, "--diet", "250mg", "--json",
    ).json()  # fmt: skip
    assert _reference(data) == expected
    assert data["profile"][state] is True


@pytest.mark.parametrize(("key", "expected"), CASES.items(), ids=str)
def test_plan_uses_the_states_own_values(
    mgcalc: Any, key: tuple[str, str, str], expected: tuple[object, ...]
) -> None:
    standard, age, state = key
    data = mgcalc(
        "plan", "oxide", "--target", "100mg", "--age", age, "--sex", "female", f"--{state}",
        "--standard", standard, "--json",
    ).json()  # fmt: skip
    assert _reference(data) == expected
    assert data["ul_mg"] == expected[4]


def test_a_supplement_above_the_anz_child_ul_is_judged(mgcalc: Any) -> None:
    # A 5-year-old taking 241.3 mg (one 400 mg oxide tablet): above the 110 mg UL (NHMRC, as
    # the IOM), no longer "not judged".
    data = mgcalc("dose", "oxide=400mg", "--age", "5", "--standard", "anz", "--json").json()
    assert data["reference"]["ul_mg"] == 110
    assert data["assessment"]["ul"] == "above"


def test_a_nordic_pregnancy_supplement_is_judged(mgcalc: Any) -> None:
    # 646 mg of supplement in pregnancy at 30: above NNR's 250 mg supplement UL.
    data = mgcalc(
        "dose", "elemental=646mg", "--age", "30", "--sex", "female", "--pregnant",
        "--standard", "nordic", "--json",
    ).json()  # fmt: skip
    assert data["reference"]["ul_mg"] == 250
    assert data["assessment"]["ul"] == "above"


def test_anz_women_19_to_30_get_a_verdict(mgcalc: Any) -> None:
    # RDI 310 (NHMRC, secondary): a total of 300 mg is judged, not left without a value.
    data = mgcalc(
        "dose", "elemental=50mg", "--age", "25", "--sex", "female", "--standard", "anz",
        "--diet", "250mg", "--json",
    ).json()  # fmt: skip
    assert data["reference"]["rda_mg"] == 310
    assert data["assessment"]["reason"] is None
