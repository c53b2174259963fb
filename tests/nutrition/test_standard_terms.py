"""Each standard's own terms and groups reach the user: RDA, RNI, RDI, EFSA UL, guidance level.

The verdict sentences around them may be reworded; the term, the value and the JSON codes are
what these tests pin. Each test kills a mutant the whole suite once let through (issue #25).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

WOMAN_40 = ("--age", "40", "--sex", "female")


def _dose(mgcalc: Any, *args: str) -> dict[str, Any]:
    run = mgcalc("dose", *args, "--json")
    assert run.exit_code == 0, run.stderr
    data: dict[str, Any] = run.json()
    return data


def _verdicts(data: dict[str, Any]) -> str:
    return " ".join(data["assessment"]["verdicts"])


def test_pregnancy_uses_the_pregnancy_group_not_lactation(mgcalc: Any) -> None:
    # IOM 1997: pregnancy 19-30 y, RDA 350 mg (EAR 290); lactation 19-30 y would be 310 mg.
    data = _dose(mgcalc, "elemental=100mg", "--diet", "230mg", "--age", "25", "--pregnant")
    reference = data["reference"]
    assert (reference["group"], reference["rda_mg"], reference["ear_mg"]) == (
        "Pregnancy 19–30 y", 350.0, 290.0,
    )  # fmt: skip
    assert data["assessment"]["adequacy"] == "possibly_inadequate"  # 330 mg < 350 mg
    assert "RDA 350 mg" in _verdicts(data)
    lactating = _dose(mgcalc, "elemental=100mg", "--diet", "230mg", "--age", "25", "--lactating")
    assert (lactating["reference"]["group"], lactating["reference"]["rda_mg"]) == (
        "Lactation 19–30 y", 310.0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("state", "group"),
    [("--pregnant", "Pregnancy 31–50 y"), ("--lactating", "Lactation 31–50 y")],
)
def test_above_the_oldest_group_says_which_group_was_used(
    mgcalc: Any, state: str, group: str
) -> None:
    data = _dose(mgcalc, "elemental=100mg", "--diet", "230mg", "--age", "55", state)
    assert data["reference"]["group"] == group
    word = "pregnancy" if state == "--pregnant" else "lactation"
    assert any(group in note and word in note for note in data["notes"]), data["notes"]


def test_within_the_pregnancy_groups_no_group_note(mgcalc: Any) -> None:
    data = _dose(mgcalc, "elemental=100mg", "--diet", "230mg", "--age", "35", "--pregnant")
    assert data["reference"]["group"] == "Pregnancy 31–50 y"
    assert not any("group" in note for note in data["notes"])


def test_uk_upper_value_is_a_guidance_level(mgcalc: Any) -> None:
    # EVM 2003: a guidance level of 400 mg of supplemental magnesium; COMA 1991: RNI 270 mg.
    args = ("elemental=450mg", "--diet", "200mg", *WOMAN_40, "--standard", "uk")
    data = _dose(mgcalc, *args)
    assert (data["reference"]["ul_mg"], data["assessment"]["ul"]) == (400.0, "above")
    verdicts = _verdicts(data)
    assert "guidance level 400 mg" in verdicts
    assert not re.search(r"\bUL\b", verdicts)
    assert "RNI 270 mg" in verdicts
    table = mgcalc("dose", *args).stdout
    header = next(  # the reference table's header row, not the terms line under the bars
        line for line in table.splitlines() if line.startswith("┃") and "Group" in line
    )
    assert "guidance level" in header
    assert not re.search(r"\bUL\b", header)


def test_dach_upper_limit_is_efsa_s(mgcalc: Any) -> None:
    # D-A-CH takes EFSA's UL, 250 mg of supplemental magnesium.
    args = ("elemental=300mg", "--diet", "200mg", *WOMAN_40, "--standard", "dach")
    data = _dose(mgcalc, *args)
    assert (data["reference"]["ul_mg"], data["assessment"]["ul"]) == (250.0, "above")
    assert "EFSA UL 250 mg" in _verdicts(data)
    table = mgcalc("dose", *args).stdout
    assert any("EFSA UL" in line and "Group" in line for line in table.splitlines())


@pytest.mark.parametrize(
    ("standard", "diet", "term", "adequacy"),
    [
        ("who", "50mg", "RNI 220 mg", "possibly_inadequate"),  # FAO/WHO 2004
        ("who", "150mg", "RNI 220 mg", "likely_adequate"),
        ("anz", "150mg", "RDI 320 mg", "possibly_inadequate"),  # NHMRC 2006
        ("anz", "250mg", "RDI 320 mg", "likely_adequate"),
        ("us", "200mg", "RDA 320 mg", "possibly_inadequate"),  # IOM 1997: EAR 265 mg
    ],
)
def test_each_standard_names_its_recommended_intake(
    mgcalc: Any, standard: str, diet: str, term: str, adequacy: str
) -> None:
    data = _dose(mgcalc, "elemental=100mg", "--diet", diet, *WOMAN_40, "--standard", standard)
    assert data["assessment"]["adequacy"] == adequacy
    verdicts = _verdicts(data)
    assert term in verdicts
    if standard != "us":
        assert "RDA" not in verdicts


@pytest.mark.parametrize(
    ("standard", "title"),
    [
        ("us", "US/Canada, IOM 1997"),
        ("eu", "EU, EFSA 2015 (UL: SCF 2001)"),
        ("who", "FAO/WHO 2004"),
        ("uk", "UK, COMA 1991 (UL: EVM 2003)"),
        ("dach", "Germany, Austria, Switzerland: D-A-CH 2021 (UL: EFSA)"),
        ("anz", "Australia/New Zealand, NHMRC 2006 (partly secondary)"),
        ("nordic", "Nordic, NNR 2023 (secondary sources)"),
    ],
)
def test_reference_titles(mgcalc: Any, standard: str, title: str) -> None:
    run = mgcalc("reference", *WOMAN_40, "--standard", standard, "--json")
    assert run.json()["title"] == title
    table = mgcalc("reference", *WOMAN_40, "--standard", standard).stdout
    assert title in " ".join(table.split())  # the title may wrap


def test_the_default_standard_s_title(mgcalc: Any) -> None:
    assert mgcalc("reference", *WOMAN_40, "--json").json()["title"] == "US/Canada, IOM 1997"


@pytest.mark.parametrize(
    ("standard", "columns"),
    [
        ("us", ["EAR", "RDA", "UL"]),
        ("eu", ["AI", "UL"]),
        ("dach", ["AI", "EFSA UL"]),
        ("who", ["RNI", "UL"]),
        ("uk", ["RNI", "guidance level"]),
        ("anz", ["RDI", "UL"]),
        ("nordic", ["AI", "UL"]),
    ],
)
def test_reference_table_columns_use_the_standard_s_terms(
    mgcalc: Any, standard: str, columns: list[str]
) -> None:
    table = mgcalc("reference", *WOMAN_40, "--standard", standard).stdout
    header = next(line for line in table.splitlines() if "Group" in line)
    cells = [cell.strip() for cell in header.strip("┃ ").split("┃")]
    assert cells[3:-1] == columns
