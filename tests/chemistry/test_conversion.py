"""Conversions against published figures (tolerance 0.1 %)."""

from __future__ import annotations

import pytest

from mgcalc.chemistry.conversion import convert
from mgcalc.errors import BadAmount, UnknownForm

TOLERANCE = 1e-3  # 0.1 %


@pytest.mark.parametrize(
    ("amount", "form", "elemental_mg"),
    [
        ("400mg", "oxide", 241.2),  # MgO 400 mg → 241.2 mg
        ("1g", "sulfate", 98.61),  # MgSO4·7H2O 1 g → 98.61 mg
        ("5mL", "milk-of-magnesia", 166.7),  # Mg(OH)2 400 mg / 5 mL
        ("1350mg", "glycinate", 190.3),
        ("1121mg", "taurate", 100.0),
        ("535mg", "chloride", 64.0),  # chloride hexahydrate
        ("2g", "magtein", 144.0),  # maker's declaration
        ("500mg", "gluconate", 27.0),  # drug references: 500 mg = 27 mg
        ("30mL", "citrate-solution", 282.0),  # as the 3:2 salt
        ("200mg", "elemental", 200.0),
        ("200mg", None, 200.0),
    ],
)
def test_elemental_magnesium(amount: str, form: str | None, elemental_mg: float) -> None:
    # Published figures are rounded; tolerance 0.1 % (0.2 % for figures given to 2-3 digits).
    tolerance = TOLERANCE if elemental_mg not in (27.0, 282.0) else 2e-3
    assert convert(amount, form).elemental_mg == pytest.approx(elemental_mg, rel=tolerance)


def test_sulfate_rule_of_thumb_exact_values() -> None:
    result = convert("1g", "sulfate")
    assert result.mmol == pytest.approx(4.057, rel=TOLERANCE)
    assert result.meq == pytest.approx(8.115, rel=TOLERANCE)
    assert result.compound_mg == 1000.0
    assert result.read_as == "compound"


def test_sulfate_injection_50_percent_per_ml() -> None:
    result = convert("1mL", "sulfate-injection-50")
    assert result.meq == pytest.approx(4.057, rel=TOLERANCE)
    assert result.elemental_mg == pytest.approx(49.31, rel=TOLERANCE)
    assert result.volume_ml == 1.0
    assert result.compound_mg == pytest.approx(500.0)


@pytest.mark.parametrize(
    ("key", "meq_per_ml"),
    [("sulfate-premix-8", 0.65), ("sulfate-premix-4", 0.325)],
)
def test_premix_strengths_match_their_labels(key: str, meq_per_ml: float) -> None:
    assert convert("1mL", key).meq == pytest.approx(meq_per_ml, rel=2e-3)


def test_meq_with_no_form_is_magnesium() -> None:
    result = convert("8mEq")
    assert result.form is None
    assert result.compound_mg is None
    assert result.mmol == pytest.approx(4.0)
    assert result.elemental_mg == pytest.approx(97.22, rel=TOLERANCE)
    assert not any("read as elemental" in note for note in result.notes)


def test_meq_with_a_form_gives_the_compound_needed() -> None:
    result = convert("20mEq", "oxide")
    assert result.mmol == pytest.approx(10.0)
    assert result.elemental_mg == pytest.approx(243.05)
    assert result.compound_mg == pytest.approx(243.05 / (24.305 / 40.304), rel=1e-4)
    assert result.read_as == "magnesium"


def test_count_multiplies() -> None:
    assert convert("2x500mg", "glycinate").elemental_mg == pytest.approx(
        2 * convert("500mg", "glycinate").elemental_mg
    )


def test_volume_with_concentration() -> None:
    result = convert("10mL@500mg/mL", "sulfate")
    assert result.compound_mg == pytest.approx(5000.0)
    assert result.meq == pytest.approx(40.57, rel=TOLERANCE)
    assert convert("10mL@290mg/30mL", "elemental").elemental_mg == pytest.approx(96.667, rel=1e-4)
    assert convert("10mL@2mmol/mL", "sulfate").mmol == pytest.approx(20.0)


def test_formula_form() -> None:
    result = convert("1g", "formula:MgCl2.6H2O")
    assert result.elemental_mg == pytest.approx(119.55, rel=TOLERANCE)
    assert result.form == "formula:MgCl2.6H2O"
    assert result.formula == "MgCl2·6H2O"


def test_assumptions_are_stated() -> None:
    notes = " ".join(convert("1g", "citrate").notes)
    assert "Trimagnesium dicitrate, anhydrous" in notes
    assert "compound's weight" in notes
    bare = " ".join(convert("400mg").notes)
    assert "read as elemental magnesium" in bare


@pytest.mark.parametrize(
    ("amount", "form", "error", "message"),
    [
        ("10mL", "oxide", BadAmount, "a volume needs a concentration"),
        ("10mL", None, BadAmount, "a volume needs a concentration"),
        ("10mL@1mg/mL", "milk-of-magnesia", BadAmount, "has its own concentration"),
        ("oxide", "400mg", BadAmount, "the amount comes first: 400mg oxide"),
        ("400mg", "glycinat", UnknownForm, "did you mean 'glycinate'"),
    ],
)
def test_refusals(amount: str, form: str | None, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        convert(amount, form)
    assert message in str(caught.value)
