"""Numbers as people read them, and text made safe to show: shared by sentences and tables."""

from __future__ import annotations

import math
import re


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


# C0 and C1 control characters but newline and tab: a terminal would act on them (move the
# cursor, clear the screen, retitle the window) instead of showing them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str) -> str:
    """Replace *text*'s control characters (but newline and tab) with a visible ``\\xNN``."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_cell(value: object) -> object:
    """Return a CSV cell's *value* with a leading quote if a spreadsheet would run it as a formula.

    Numbers stay numbers, a negative one too: only text is neutralised.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
