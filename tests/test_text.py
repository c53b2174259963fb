import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mgcalc.text import mg, shown_mg


def _mg_by_rounding(value: float) -> str:
    """The first mg(): round to 0.1 mg, then print whole or with one decimal."""
    shown = shown_mg(value)
    if not math.isfinite(shown):
        return f"{shown} mg"
    if shown == round(shown):
        return f"{round(shown):,} mg"
    return f"{shown:,.1f} mg"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (350.0, "350 mg"),
        (610.28375, "610.3 mg"),
        (194.28375000000003, "194.3 mg"),
        (0.04, "0 mg"),
        (-0.04, "0 mg"),
        (999.95, "1,000 mg"),  # the binary value is just above 999.95
        (0.25, "0.2 mg"),  # exactly half: to even
        (1234.56, "1,234.6 mg"),
        (1e20, "100,000,000,000,000,000,000 mg"),
        (math.inf, "inf mg"),
        (math.nan, "nan mg"),
    ],
)
def test_mg(value: float, text: str) -> None:
    assert mg(value) == text


@given(st.floats() | st.integers(-(10**6), 10**6) | st.decimals(-5000, 5000, places=2).map(float))
@example(-0.05)
@example(0.25)
@example(2.675)
def test_mg_prints_what_rounding_to_0_1_mg_shows(value: float) -> None:
    assert mg(value) == _mg_by_rounding(value)
