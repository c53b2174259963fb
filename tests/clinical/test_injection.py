"""The magnesium sulfate injection label's limits (clinical.md, 2026-12-07)."""

from __future__ import annotations

from typing import Any

import pytest

from mgcalc.clinical import injection


def test_the_label_s_figures() -> None:
    assert injection.MAX_MG_PER_MIN == 150.0  # "should generally not exceed 150 mg/minute"
    assert injection.MAX_INFUSION_PERCENT == 20.0  # "diluted to … 20 % or less"
    assert (injection.RENAL_MAX_G, injection.RENAL_HOURS) == (20.0, 48)  # "20 grams/48 hours"


@pytest.mark.parametrize(
    ("mg_per_min", "warns"), [(100.0, False), (150.0, False), (150.01, True), (200.0, True)]
)
def test_rate_warning_above_150mg_per_min(mg_per_min: float, warns: bool) -> None:
    text = injection.rate_warning(mg_per_min)
    assert (text is not None) == warns
    if text is not None:
        assert "under supervision" in text
        assert "eclampsia" in text


@pytest.mark.parametrize(("percent", "warns"), [(10.0, False), (20.0, False), (50.0, True)])
def test_dilution_warning_above_20_percent(percent: float, warns: bool) -> None:
    text = injection.dilution_warning(percent)
    assert (text is not None) == warns
    if text is not None:
        assert "20 % or less prior to intravenous infusion" in text


def test_renal_limit_says_when_the_amount_alone_is_above_it() -> None:
    assert "is above it" not in injection.renal_limit(20.0)
    assert "25 g of MgSO4·7H2O, is above it" in injection.renal_limit(25.0)


def test_dose_of_an_injection_with_kidney_impairment_gives_the_label_s_limit(mgcalc: Any) -> None:
    args = ["dose", "sulfate-injection-50=50mL", "--age", "40", "--sex", "male", "--json"]
    warnings = mgcalc(*args, "--kidney-impairment").json()["warnings"]
    limits = [text for text in warnings if "20 grams/48 hours" in text]
    assert len(limits) == 1
    assert "25 g of MgSO4·7H2O, is above it" in limits[0]  # 50 mL × 500 mg/mL
    assert not [text for text in mgcalc(*args).json()["warnings"] if "48 hours" in text]


def test_oral_forms_get_no_injection_limit(mgcalc: Any) -> None:
    args = ["dose", "sulfate=5g", "oxide=400mg", "--kidney-impairment", "--json"]
    assert not [text for text in mgcalc(*args).json()["warnings"] if "48 hours" in text]
