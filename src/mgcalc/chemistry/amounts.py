"""Strict parsing of amounts such as ``400mg``, ``2x500mg``, ``8mEq`` or ``10mL@500mg/mL``.

Raw text never reaches pint: a strict pattern reads the number, a whitelist maps the
unit to a canonical name, and only then does pint (through cached factors) convert it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from mgcalc.chemistry import units
from mgcalc.errors import BadAmount

Kind = Literal["mass", "substance", "volume"]

# unit as typed -> (canonical pint name, kind, base unit of that kind)
_UNITS: dict[str, tuple[str, Kind]] = {
    "mcg": ("microgram", "mass"),
    "ug": ("microgram", "mass"),
    "µg": ("microgram", "mass"),  # micro sign U+00B5
    "μg": ("microgram", "mass"),  # Greek mu U+03BC
    "mg": ("milligram", "mass"),
    "g": ("gram", "mass"),
    "mmol": ("millimole", "substance"),
    "meq": ("milliequivalent", "substance"),
    "ml": ("milliliter", "volume"),
    "l": ("liter", "volume"),
}
_BASE: dict[Kind, str] = {"mass": "milligram", "substance": "millimole", "volume": "milliliter"}
# Spellings read exactly as written; mmol and mEq in any case. Any other case of a known
# unit is refused with a hint: "Mg" is magnesium's symbol (pint would read megagrams).
_EXACT = {"mcg", "ug", "µg", "μg", "mg", "g", "mL", "ml", "L", "l"}
_ANY_CASE = {"mmol", "meq"}
_SPELLING = {"ml": "mL", "l": "L", "meq": "mEq"}
_UNIT_LIST = "mcg, mg, g, mmol, mEq, mL or L"
_MAX_TEXT = 200
# Above this many mg, mmol or mL an amount is a typo, and sums of such could overflow.
MAX_VALUE = 1e9

_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_QUANTITY = re.compile(rf"(?P<number>{_NUMBER}) ?(?P<unit>[A-Za-zµμ]+)")
_COUNT = re.compile(r"(?P<count>[0-9]+) ?[x×] ?(?P<rest>.*)", re.DOTALL)
_PER_VOLUME = re.compile(rf"(?P<mass>[^/]+)/ ?(?P<volume>(?:{_NUMBER})? ?[A-Za-z]+)")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the base unit of its kind: mg, mmol (of magnesium) or mL."""

    value: float
    kind: Kind


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed amount: *count* units of *quantity*, with a concentration for volumes."""

    text: str
    count: int
    quantity: Quantity
    concentration: Quantity | None = None  # mg or mmol per mL

    @property
    def total(self) -> float:
        """Return count × quantity in the base unit."""
        return self.count * self.quantity.value

    @property
    def kind(self) -> Kind:
        """Return the kind of the quantity."""
        return self.quantity.kind


@lru_cache(maxsize=8192)  # pure, and the same texts recur across a batch
def parse_amount(text: str) -> Amount:
    """Parse *text* strictly into an :class:`Amount`, or raise :class:`BadAmount`."""
    if len(text) > _MAX_TEXT:
        raise BadAmount(f"amount is too long ({len(text)} characters); write e.g. 400mg")
    stripped = text.strip()
    if not stripped:
        raise BadAmount("empty amount; write a number and a unit, e.g. 400mg")
    main, sep, concentration_text = stripped.partition("@")
    count, quantity_text = _split_count(main.strip(), text)
    quantity = _parse_quantity(quantity_text.strip(), text)
    concentration = None
    if sep:
        if quantity.kind != "volume":
            raise BadAmount(
                f"amount '{text}': a concentration (@…) goes with a volume, e.g. 10mL@500mg/mL"
            )
        concentration = _parse_concentration(concentration_text.strip(), text)
    total = count * quantity.value
    if not math.isfinite(total) or total > MAX_VALUE:
        raise BadAmount(f"amount '{text}' is implausibly large (over 10⁹ mg, mmol or mL)")
    if concentration is not None and total * concentration.value > MAX_VALUE:
        raise BadAmount(f"amount '{text}' is implausibly large (over 10⁹ mg or mmol)")
    return Amount(text=text, count=count, quantity=quantity, concentration=concentration)


def _split_count(text: str, original: str) -> tuple[int, str]:
    match = _COUNT.fullmatch(text)
    if match is None:
        return 1, text
    count = int(match["count"])
    if count < 1:
        raise BadAmount(f"amount '{original}': the count before 'x' must be at least 1")
    return count, match["rest"]


def _parse_quantity(text: str, original: str) -> Quantity:
    number, unit_name, kind = _read_number_and_unit(text, original)
    value = number * units.factor(unit_name, _BASE[kind])
    if not math.isfinite(value) or value > MAX_VALUE:
        raise BadAmount(f"amount '{original}' is implausibly large (over 10⁹ mg, mmol or mL)")
    return Quantity(value, kind)


def _parse_concentration(text: str, original: str) -> Quantity:
    match = _PER_VOLUME.fullmatch(text)
    if match is None:
        raise BadAmount(
            f"concentration '{text}' in '{original}' is not of the form 500mg/mL or 400mg/5mL"
        )
    numerator = _parse_quantity(match["mass"].strip(), original)
    if numerator.kind == "volume":
        raise BadAmount(f"concentration in '{original}' needs a mass, mmol or mEq per volume")
    volume_text = match["volume"].strip()
    if volume_text[:1].isalpha():
        volume_text = "1" + volume_text
    volume = _parse_quantity(volume_text, original)
    if volume.kind != "volume":
        raise BadAmount(f"concentration in '{original}' must be per volume (mL or L)")
    if volume.value <= 0:
        raise BadAmount(f"concentration in '{original}' is per a zero volume")
    return Quantity(numerator.value / volume.value, numerator.kind)


def _read_number_and_unit(text: str, original: str) -> tuple[float, str, Kind]:
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise BadAmount(_diagnose(text, original))
    unit = match["unit"]
    key = unit.lower()
    if unit not in _EXACT and key not in _ANY_CASE:
        if key in _UNITS:
            hint = _SPELLING.get(key, key)
            raise BadAmount(
                f"unit '{unit}' in '{original}' is not read as a unit; did you mean '{hint}'?"
            )
        raise BadAmount(f"unknown unit '{unit}' in '{original}'; use {_UNIT_LIST}")
    unit_name, kind = _UNITS[key]
    number = float(match["number"])
    if not math.isfinite(number):
        raise BadAmount(f"amount '{original}' is too large")
    return number, unit_name, kind


# Why a text is not "number unit": the first pattern that matches explains it.
_DIAGNOSES = (
    (re.compile(r"-"), "is negative; amounts must be zero or more"),
    (re.compile(r"[+]?(nan|inf)", re.IGNORECASE), "is not a finite number"),
    (
        re.compile(r"[0-9]+,[0-9]"),
        "has a comma; write a decimal point (1.5g), no thousands separator",
    ),
    (re.compile(r"[0-9.]+ +[0-9]"), "has a space inside the number; write 1000mg"),
    (re.compile(rf"{_NUMBER}$"), f"has no unit; add one of {_UNIT_LIST}"),
    (re.compile(r"[^0-9.]"), "must start with a number (ASCII digits), e.g. 400mg"),
)


def _diagnose(text: str, original: str) -> str:
    """Say why *text* is not a number followed by a unit."""
    for pattern, reason in _DIAGNOSES:
        if re.match(pattern, text):
            return f"amount '{original}' {reason}"
    return f"cannot read amount '{original}'; write e.g. 400mg, 2x500mg, 8mEq or 10mL@500mg/mL"
