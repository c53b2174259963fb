"""Serum or plasma magnesium: one value in every unit, placed against IOM 1997's interval."""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mgcalc.chemistry import units
from mgcalc.errors import InputError
from mgcalc.result import Result

Status = Literal["below", "within", "above"]

# unit as typed (folded, no spaces) -> (pint numerator, pint denominator, canonical spelling)
_UNITS = {
    "mg/dl": ("milligram", "deciliter", "mg/dL"),
    "mmol/l": ("millimole", "liter", "mmol/L"),
    "meq/l": ("milliequivalent", "liter", "mEq/L"),
    "mg/l": ("milligram", "liter", "mg/L"),
}
_UNIT_LIST = "mg/dL, mmol/L, mEq/L or mg/L"
_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_VALUE = re.compile(rf"(?P<number>{_NUMBER}) ?(?P<unit>[A-Za-z]+ ?/ ?[A-Za-z]+)")
_MAX_TEXT = 100
# Far above any survivable level (the label's ~10 mEq/L is 5 mmol/L): a typo, not a level.
_MAX_MMOL_PER_L = 100.0
# Bounds are included; the slack only absorbs float rounding (1.5 mEq/L is 0.75 mmol/L).
_SLACK = 1e-9

IOM_LOW, IOM_HIGH = 0.75, 0.95  # mmol/L
IOM_SOURCE = (
    "IOM 1997, Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D and "
    'Fluoride, ch. 6: "The normal serum magnesium concentration is 0.75 to 0.95 mmol/liter '
    '(1.8 to 2.3 mg/dl)"'
)
LABEL_SOURCE = "Magnesium sulfate injection label (DailyMed, Pfizer)"
# The label's ladder: (mEq/L, passed below or above it, the level itself counts, what the
# label says). Above 4 mEq/L, 10 mEq/L is shown as the next level until it is reached.
_THRESHOLDS: tuple[tuple[float, Literal["below", "above"], bool, str], ...] = (
    (1.5, "below", False, "Below 1.5 mEq/L: hypomagnesemia, as the magnesium sulfate "
     "injection label defines it."),
    (4.0, "above", False, "Above 4 mEq/L: deep tendon reflexes decrease as serum magnesium "
     "rises (magnesium sulfate injection label)."),
    (10.0, "above", True, "At or above 10 mEq/L: the label's level at which deep tendon "
     "reflexes disappear and respiratory paralysis may occur ('approaching 10 mEq/L', "
     "magnesium sulfate injection label)."),
)  # fmt: skip
_NEXT = (
    "Next level, approaching 10 mEq/L: reflexes disappear and respiratory paralysis may occur "
    "(magnesium sulfate injection label)."
)
# The level shown as the next once the one before it is passed: 4 mEq/L leads to 10.
_NEXT_AFTER = {4.0: 10.0}


class BadSerum(InputError):
    """A serum magnesium value could not be read."""


class Interval(BaseModel):
    """The reference interval a value is placed against, in mmol/L."""

    model_config = ConfigDict(frozen=True)

    low_mmol_per_l: float
    high_mmol_per_l: float
    source: str


class Threshold(BaseModel):
    """A level named on a drug label: passed, or the next one up."""

    model_config = ConfigDict(frozen=True)

    meq_per_l: float
    mmol_per_l: float
    passed: Literal["below", "above", "next"] = Field(
        description="the value is below (or above, or at 10 mEq/L) this level; next: the "
        "value is above 4 mEq/L and this is the next level up, not yet reached"
    )
    text: str
    source: str
    evidence: Literal["primary", "secondary"]


class Serum(Result):
    """One serum magnesium value in every unit, and where it falls."""

    input: str
    mmol_per_l: float
    mg_per_dl: float
    meq_per_l: float
    mg_per_l: float
    status: Status = Field(description="against the interval, bounds included")
    interval: Interval
    thresholds: tuple[Threshold, ...] = Field(
        description="the label's ladder: the levels this value passes, then the next level "
        "up (none within the interval)"
    )
    notes: tuple[str, ...]


def serum(text: str) -> Serum:
    """Convert a serum magnesium value (``2.0mg/dL``, ``0.8mmol/L``) and place it."""
    mmol = _read(text)
    meq = mmol * units.meq_per_mmol()
    return Serum(
        input=text,
        mmol_per_l=mmol,
        mg_per_dl=mmol * _per_mmol_per_l("milligram", "deciliter"),
        meq_per_l=meq,
        mg_per_l=mmol * _per_mmol_per_l("milligram", "liter"),
        status=_status(mmol),
        interval=Interval(low_mmol_per_l=IOM_LOW, high_mmol_per_l=IOM_HIGH, source=IOM_SOURCE),
        thresholds=tuple(_passed(meq)),
        notes=(
            "A laboratory's own reference interval prevails: published intervals differ "
            "(Merck Manual 1.8–2.6 mg/dL; Medscape 1.7–2.1 mg/dL; secondary sources).",
            "IOM's 1.8–2.3 mg/dL is its rounding of 0.75–0.95 mmol/L: mgcalc decides in "
            "mmol/L, bounds included.",
            "A unit conversion and a comparison with a published interval, not treatment advice.",
        ),
    )


def _read(text: str) -> float:
    """Return *text* in mmol/L, or raise :class:`BadSerum` saying why."""
    shown = text if len(text) <= 40 else text[:40] + "…"
    stripped = text.strip()
    match = _VALUE.fullmatch(stripped) if len(text) <= _MAX_TEXT else None
    if match is None:
        if stripped.startswith("-"):
            raise BadSerum(f"serum value '{shown}' is negative")
        if re.fullmatch(_NUMBER, stripped):
            raise BadSerum(f"serum value '{shown}' has no unit; add {_UNIT_LIST}")
        raise BadSerum(f"cannot read serum value '{shown}'; write e.g. 2.0mg/dL or 0.8mmol/L")
    unit = re.sub(r"\s", "", match["unit"]).lower()
    if unit not in _UNITS:
        raise BadSerum(f"unknown unit '{match['unit']}' in '{shown}'; use {_UNIT_LIST}")
    numerator, denominator, _ = _UNITS[unit]
    mmol = float(match["number"]) / _per_mmol_per_l(numerator, denominator)
    if not math.isfinite(mmol) or mmol > _MAX_MMOL_PER_L:
        raise BadSerum(f"serum value '{shown}' is implausibly high (over 100 mmol/L)")
    return mmol


def _per_mmol_per_l(numerator: str, denominator: str) -> float:
    """Return how many numerator/denominator make one mmol/L of magnesium (pint factors)."""
    return units.factor("millimole", numerator) / units.factor("liter", denominator)


def _status(mmol: float) -> Status:
    if mmol < IOM_LOW * (1 - _SLACK):
        return "below"
    if mmol > IOM_HIGH * (1 + _SLACK):
        return "above"
    return "within"


def _passed(meq: float) -> list[Threshold]:
    """Return the label's levels *meq* passes, then the next level up if one is passed."""
    found = [
        _threshold(level, side, text)
        for level, side, inclusive, text in _THRESHOLDS
        if _compare(meq, level, side, inclusive)
    ]
    if found and found[-1].meq_per_l in _NEXT_AFTER:
        found.append(_threshold(_NEXT_AFTER[found[-1].meq_per_l], "next", _NEXT))
    return found


def _threshold(level: float, side: Literal["below", "above", "next"], text: str) -> Threshold:
    return Threshold(
        meq_per_l=level,
        mmol_per_l=level / units.meq_per_mmol(),
        passed=side,
        text=text,
        source=LABEL_SOURCE,
        evidence="primary",
    )


def _compare(value: float, level: float, side: Literal["below", "above"], inclusive: bool) -> bool:
    """Return whether *value* is past *level* on *side*, float rounding aside."""
    if side == "below":
        return value < level * (1 - _SLACK)
    if inclusive:
        return value >= level * (1 - _SLACK)
    return value > level * (1 + _SLACK)
