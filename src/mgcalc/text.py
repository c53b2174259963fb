"""Numbers as people read them, shared by verdict sentences and tables."""

from __future__ import annotations

import math


def number(value: float, digits: int = 4) -> str:
    """Format *value* to *digits* significant figures, grouping thousands."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    return f"{value:,.{decimals}f}"


def mg(value: float) -> str:
    """Format milligrams for a sentence: whole where that is exact to 0.05 mg."""
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,} mg"
    return f"{value:,.1f} mg"


def percent(fraction: float) -> str:
    """Format a fraction (0.1410) as a percentage with two decimals (14.10 %)."""
    return f"{fraction * 100:.2f} %"
