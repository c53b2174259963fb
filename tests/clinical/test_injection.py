"""The magnesium sulfate injection label's limits (clinical.md, 2026-12-07)."""

from __future__ import annotations

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
