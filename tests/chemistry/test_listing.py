"""The factor table (forms --factors) against published pharmacy factors (clinical.md)."""

from __future__ import annotations

import pytest

from mgcalc.chemistry.listing import form_factors


@pytest.mark.parametrize(
    ("key", "meq_per_g", "mg_per_meq"),
    [
        ("oxide", 49.6, 20.2),  # MgO 49.6 mEq/g, 20.2 mg salt per mEq
        ("sulfate", 8.1, 123.2),  # MgSO4·7H2O 8.1 mEq/g, 123.2 mg salt per mEq
    ],
)
def test_published_factors(key: str, meq_per_g: float, mg_per_meq: float) -> None:
    # The published figures are rounded to one decimal: compare at that rounding.
    row = form_factors(key).forms[0]
    assert round(row.meq_per_g, 1) == meq_per_g
    assert round(row.compound_mg_per_meq, 1) == mg_per_meq


def test_factors_agree_with_each_other() -> None:
    for row in form_factors().forms:
        assert row.mmol_per_g * 24.305 == pytest.approx(row.elemental_mg_per_g, rel=1e-12)
        assert row.meq_per_g == pytest.approx(2 * row.mmol_per_g, rel=1e-12)
        assert row.compound_mg_per_meq * row.meq_per_g == pytest.approx(1000, rel=1e-12)
        assert row.compound_mg_per_100mg * row.elemental_mg_per_g == pytest.approx(1e5, rel=1e-12)


def test_sulfate_injection_per_ml() -> None:
    # compounds.md: 50 % MgSO4·7H2O is 2.029 mmol/mL, 4.057 mEq/mL, 49.31 mg Mg/mL.
    per_ml = form_factors("sulfate-injection-50").forms[0].per_ml
    assert per_ml is not None
    assert per_ml.compound_mg == 500.0
    assert per_ml.mmol == pytest.approx(2.029, rel=5e-4)
    assert per_ml.meq == pytest.approx(4.057, rel=5e-4)
    assert per_ml.elemental_mg == pytest.approx(49.31, rel=5e-4)
    assert per_ml.ml_per_meq == pytest.approx(1 / 4.057, rel=5e-4)
    assert per_ml.ml_per_100mg == pytest.approx(100 / 49.31, rel=5e-4)


def test_milk_of_magnesia_per_ml() -> None:
    # compounds.md: 400 mg Mg(OH)2 per 5 mL = 166.7 mg Mg, 13.7 mEq per 5 mL.
    per_ml = form_factors("milk-of-magnesia").forms[0].per_ml
    assert per_ml is not None
    assert 5 * per_ml.elemental_mg == pytest.approx(166.7, rel=5e-4)
    assert 5 * per_ml.meq == pytest.approx(13.7, rel=2e-3)


def test_solids_have_no_per_ml() -> None:
    assert form_factors("glycinate").forms[0].per_ml is None
