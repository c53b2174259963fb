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


# Milligrams are shown to 0.1 mg, and verdicts compare what is shown (see nutrition.assessment),
# so a sentence can never read "350 mg > UL 350 mg".
MG_DECIMALS = 1


def shown_mg(value: float) -> float:
    """Return *value* in mg as it is shown: rounded to 0.1 mg."""
    return round(value, MG_DECIMALS)


def mg(value: float) -> str:
    """Format milligrams for sentences and tables alike: to 0.1 mg, whole where that is exact."""
    # Formatting to one decimal rounds as shown_mg does (both round the exact binary value
    # half to even), in half the time of rounding first: verdict sentences call it often.
    text = f"{value:,.1f}"
    if text.endswith(".0"):
        text = "0" if text == "-0.0" else text[:-2]
    return f"{text} mg"


def percent(fraction: float) -> str:
    """Format a fraction (0.1410) as a percentage with two decimals (14.10 %)."""
    return f"{fraction * 100:.2f} %"
