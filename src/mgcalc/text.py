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


# Milligrams are shown to 0.1 mg, and verdicts, the planner, bars and tables compare what is
# shown (see nutrition.assessment), so a sentence can never read "350 mg > UL 350 mg". One
# rounding everywhere: half away from zero on the shortest decimal that reads back as the same
# float (Decimal(repr(x))), so 319.95 shows as 320 and 350.05 as 350.1, as a person rounds
# the figure they typed, not the binary value just below or above it.
MG_DECIMALS = 1


def _half_up(value: float) -> float:
    """Return *value* rounded half away from zero to 0.1, on its shortest decimal (repr).

    The same as ``Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)``, without
    importing decimal (a batch's first tie would pay for the import).
    """
    text = repr(value)
    whole, dot, decimals = text.lstrip("-").partition(".")
    if not dot or "e" in decimals or len(decimals) != 2 or decimals[1] != "5":
        return round(value, MG_DECIMALS)  # not a tie as written: the binary value rounds alike
    tenths = int(whole + decimals[0]) + 1  # away from zero
    return -tenths / 10 if text.startswith("-") else tenths / 10


def shown_mg(value: float) -> float:
    """Return *value* in mg as it is shown: rounded half away from zero to 0.1 mg."""
    # A tie at 0.1 mg (…x5) is the one place the binary value and its shortest decimal round
    # apart (that decimal is the nearest that reads back: no tie point lies between them), so
    # only near one is Decimal needed. Inline, not a function: verdicts call this often. No
    # abs(): Python's % with a positive divisor is never negative (-0.5 % 1.0 is 0.5).
    if 0.4999 < value * 10 % 1.0 < 0.5001:
        return _half_up(value)
    return round(value, MG_DECIMALS)


def mg(value: float) -> str:
    """Format milligrams for sentences and tables alike: to 0.1 mg, whole where that is exact."""
    # Formatting to one decimal rounds as shown_mg does away from ties, in half the time of
    # rounding first: verdict sentences and batches call it often.
    near_tie = 0.4999 < value * 10 % 1.0 < 0.5001  # as in shown_mg
    text = f"{_half_up(value):,.1f}" if near_tie else f"{value:,.1f}"
    if text.endswith(".0"):
        text = "0" if text == "-0.0" else text[:-2]
    return f"{text} mg"


def percent(fraction: float) -> str:
    """Format a fraction (0.1410) as a percentage with two decimals (14.10 %)."""
    return f"{fraction * 100:.2f} %"


def share(value: float, of: float) -> str:
    """Format *value* as a whole percentage of *of* that agrees with their comparison.

    A value below *of* as shown never reads 100 %, and one above it never 100 % either.
    """
    shown, mark = shown_mg(value), shown_mg(of)
    below, above = shown < mark, shown > mark
    ratio = value / of * 100
    whole = round(ratio)
    if below and whole >= 100:
        whole = 99
    elif above and whole <= 100:
        whole = 101
    elif not below and not above:
        whole = 100
    return f"{whole} %"


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
