import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mgcalc.text import mg, share, shown_mg


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
        (0.25, "0.3 mg"),  # a tie as typed: half away from zero
        (319.95, "320 mg"),  # the binary value is just below 319.95: still a tie as typed
        (350.05, "350.1 mg"),  # just above: the same rule gives the same direction
        (-0.05, "-0.1 mg"),
        (2.675, "2.7 mg"),
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


def _half_up(value: float) -> float:
    """The rule as the issue states it: Decimal(repr(x)), half away from zero, to 0.1."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@given(
    st.floats(-1e9, 1e9)
    | st.decimals(-5000, 5000, places=2).map(float)
    | st.decimals(-5000, 5000, places=3).map(float)
)
@example(319.95)
@example(350.05)
@example(0.25)
@example(-0.05)
def test_shown_mg_rounds_half_away_from_zero_on_the_shortest_decimal(value: float) -> None:
    assert shown_mg(value) == _half_up(value)


@pytest.mark.parametrize(
    ("value", "of", "text"),
    [
        (319.0, 320.0, "99 %"),  # 99.7 % would round to 100 % beside "<"
        (319.96, 320.0, "100 %"),  # shown as 320 mg: at the mark
        (320.4, 320.0, "101 %"),  # above as shown: never 100 %
        (1000.0, 350.0, "286 %"),
        (160.0, 320.0, "50 %"),
    ],
)
def test_share_agrees_with_the_comparison(value: float, of: float, text: str) -> None:
    assert share(value, of) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "plain"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b2J", "\\x9b2J"),  # C1: the one-byte CSI
        ("\x00\x7f\r", "\\x00\\x7f\\x0d"),
        ("ü é ½", "ü é ½"),
    ],
)
def test_printable_escapes_control_characters(text: str, shown: str) -> None:
    from mgcalc.text import printable

    assert printable(text) == shown


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-cmd", "'-cmd"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("-0.5e-3", "-0.5e-3"),
        ("+.5", "+.5"),
        ("x=1", "x=1"),
        ("", ""),
        (-5, -5),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_spreadsheet_cell_quotes_formulas_and_keeps_numbers(value: object, cell: object) -> None:
    from mgcalc.text import spreadsheet_cell

    assert spreadsheet_cell(value) == cell
