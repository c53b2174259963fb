"""Strict parsing of amounts (``400mg``, ``0.5x400mg``, ``8mEq``, ``10mL@50%``, ``25mg/kg``).

Raw text never reaches pint: a strict pattern reads the number, a whitelist maps the
unit to a canonical name, and only then does pint (through cached factors) convert it.
Body weights (``70kg``, ``154lb``) and durations (``30min``, ``4h``) are read the same way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal, NamedTuple

from mgcalc.chemistry import units
from mgcalc.errors import BadAmount, BadDuration, BadWeight

Kind = Literal["mass", "substance", "volume"]

# unit as typed (folded) -> (canonical pint name, kind)
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
    "cc": ("cubic_centimeter", "volume"),
    "tsp": ("teaspoon", "volume"),
    "tbsp": ("tablespoon", "volume"),
    "floz": ("fluid_ounce", "volume"),
}
_BASE: dict[Kind, str] = {"mass": "milligram", "substance": "millimole", "volume": "milliliter"}
# Spellings read exactly as written; mmol and mEq in any case; all capitals (400MG, 5ML) as
# US prescription labels print them. Mixed case is refused with a hint: "Mg" is magnesium's
# symbol (pint would read megagrams).
_EXACT = {"mcg", "ug", "µg", "μg", "mg", "g", "mL", "ml", "L", "l", "cc", "tsp", "tbsp", "floz"}
_ANY_CASE = {"mmol", "meq"}
_SPELLING = {"ml": "mL", "l": "L", "meq": "mEq"}
_UNIT_LIST = "mcg, mg, g, mmol, mEq, mL, L, cc, tsp, tbsp or floz"
# The household words are read as pharmacy measures; a conversion says so.
MEASURES = {
    "tsp": "tsp is read as the pharmacy teaspoon, 5 mL (not a kitchen spoon).",
    "tbsp": "tbsp is read as the pharmacy tablespoon, 15 mL (not a kitchen spoon).",
    "floz": "floz is read as the US fluid ounce, 29.5735 mL.",
}
_MAX_TEXT = 200
# Above this many mg, mmol or mL an amount is a typo, and sums of such could overflow.
MAX_VALUE = 1e9
# Body weights mgcalc accepts, in kg: a premature newborn to the heaviest adults.
MIN_WEIGHT_KG, MAX_WEIGHT_KG = 0.3, 350.0
MAX_HOURS = 8760.0  # a year

_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_QUANTITY = re.compile(rf"(?P<number>{_NUMBER}) ?(?P<unit>[A-Za-zµμ]+)")
_COUNT = re.compile(r"(?P<count>[0-9]+(?:\.[0-9]+)?|\.[0-9]+) ?[xX×] ?(?P<rest>.*)", re.DOTALL)
_PER_KG = re.compile(r"(?P<quantity>[^/]+?) ?/ ?kg")
_PER_VOLUME = re.compile(rf"(?P<mass>[^/]+)/ ?(?P<volume>(?:{_NUMBER})? ?[A-Za-z]+)")
_PERCENT = re.compile(rf"(?P<number>{_NUMBER}) ?%")
_WEIGHT_UNITS = {"kg": "kilogram", "lb": "pound", "lbs": "pound"}
_DURATION_UNITS = {"min": "minute", "h": "hour"}


class Quantity(NamedTuple):
    """A number in the base unit of its kind: mg, mmol (of magnesium) or mL."""

    value: float
    kind: Kind
    unit: str = ""  # the unit as the user wrote it, spelled canonically (mg, mEq, tsp)
    number: float = 0.0  # the number as the user wrote it, in that unit


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed amount: *count* units of *quantity*, with a concentration for volumes."""

    text: str
    count: float  # whole or half (0.5x400mg)
    quantity: Quantity
    concentration: Quantity | None = None  # mg or mmol per mL
    percent: float | None = None  # a w/v concentration as typed: g of compound per 100 mL
    per_kg: bool = False  # the quantity is per kg of body weight

    @property
    def total(self) -> float:
        """Return count × quantity in the base unit (refused for a per-kg amount)."""
        if self.per_kg:
            raise BadAmount(
                f"amount '{self.text}' is per kg of body weight; give the weight, "
                "e.g. --weight 70kg"
            )
        return self.count * self.quantity.value

    @property
    def kind(self) -> Kind:
        """Return the kind of the quantity."""
        return self.quantity.kind

    def for_weight(self, weight_kg: float) -> Amount:
        """Return this per-kg amount as an absolute amount for *weight_kg*."""
        value = self.quantity.value * weight_kg
        if self.count * value > MAX_VALUE:
            raise BadAmount(f"amount '{self.text}' is implausibly large for {weight_kg:g} kg")
        return replace(self, quantity=self.quantity._replace(value=value), per_kg=False)


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
    per_kg = _PER_KG.fullmatch(quantity_text.strip())
    if per_kg is not None:
        quantity_text = per_kg["quantity"]
    quantity = _parse_quantity(quantity_text.strip(), text)
    concentration = percent = None
    if sep:
        concentration, percent = _parse_concentration(concentration_text.strip(), text)
    total = count * quantity.value
    if not math.isfinite(total) or total > MAX_VALUE:
        raise BadAmount(f"amount '{text}' is implausibly large (over 10⁹ mg, mmol or mL)")
    if concentration is not None:
        _check_concentration(text, quantity, total, concentration)
    return Amount(
        text=text,
        count=count,
        quantity=quantity,
        concentration=concentration,
        percent=percent,
        per_kg=per_kg is not None,
    )


def _check_concentration(text: str, quantity: Quantity, total: float, per_ml: Quantity) -> None:
    """Refuse a concentration whose dissolved amount, or volume (a bag by mass), is absurd."""
    if quantity.kind == "volume":
        if total * per_ml.value > MAX_VALUE:
            raise BadAmount(f"amount '{text}' is implausibly large (over 10⁹ mg or mmol)")
        return
    # A mass (or mmol, mEq) with a concentration asks for the volume that holds it.
    if per_ml.value <= 0:
        raise BadAmount(f"amount '{text}': a concentration of zero holds no amount")
    if total / per_ml.value > MAX_VALUE:
        raise BadAmount(f"amount '{text}' is implausibly large (over 10⁹ mL)")


def _split_count(text: str, original: str) -> tuple[float, str]:
    match = _COUNT.fullmatch(text)
    if match is None:
        return 1, text
    count = float(match["count"])
    if count <= 0 or not (2 * count).is_integer():
        raise BadAmount(
            f"amount '{original}': the count before 'x' must be a whole or half number "
            "above 0 (0.5, 1, 1.5, 2 …)"
        )
    return (int(count) if count.is_integer() else count), match["rest"]


def _parse_quantity(text: str, original: str) -> Quantity:
    number, unit_name, kind, shown = _read_number_and_unit(text, original)
    value = number * units.factor(unit_name, _BASE[kind])
    if not math.isfinite(value) or value > MAX_VALUE:
        raise BadAmount(f"amount '{original}' is implausibly large (over 10⁹ mg, mmol or mL)")
    return Quantity(value, kind, shown, number)


def _parse_concentration(text: str, original: str) -> tuple[Quantity, float | None]:
    """Return the concentration per mL, and the percent as typed for a w/v percent."""
    percent = _PERCENT.fullmatch(text)
    if percent is not None:
        value = float(percent["number"])
        if value > 100:
            raise BadAmount(f"concentration in '{original}' is above 100 % (w/v)")
        per_ml = value * units.factor("percent_wv", "milligram / milliliter")
        return Quantity(per_ml, "mass", "%", value), value
    match = _PER_VOLUME.fullmatch(text)
    if match is None:
        raise BadAmount(
            f"concentration '{text}' in '{original}' is not of the form 500mg/mL, 400mg/5mL or 50%"
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
    return Quantity(numerator.value / volume.value, numerator.kind), None


def _read_number_and_unit(text: str, original: str) -> tuple[float, str, Kind, str]:
    match = _QUANTITY.fullmatch(text)
    if match is None:
        raise BadAmount(_diagnose(text, original))
    unit = match["unit"]
    key = unit.lower()
    if unit not in _EXACT and key not in _ANY_CASE and not (unit.isupper() and key in _UNITS):
        if key in _UNITS:
            hint = _SPELLING.get(key, key)
            raise BadAmount(
                f"unit '{unit}' in '{original}' is not read as a unit; did you mean '{hint}'?"
            )
        raise BadAmount(f"unknown unit '{unit}' in '{original}'; use {_UNIT_LIST}")
    unit_name, kind = _UNITS[key]
    number = float(match["number"])
    if not math.isfinite(number):  # 1e400 overflows to infinity: still a number too large
        raise BadAmount(f"amount '{original}' is too large (at most 10⁹ mg, mmol or mL)")
    return number, unit_name, kind, _SPELLING.get(key, key)


def parse_weight(text: str | float) -> float:
    """Return a body weight in kg from ``70kg`` or ``154lb`` (a number is kg), checked."""
    if isinstance(text, bool):
        raise BadWeight("weight must be an amount such as 70kg or 154lb")
    if isinstance(text, (int, float)):
        return _checked_weight(float(text), str(text))
    stripped = text.strip()
    match = _QUANTITY.fullmatch(stripped) if len(text) <= _MAX_TEXT else None
    if match is None:
        shown = text if len(text) <= 40 else text[:40] + "…"
        if stripped.startswith("-"):
            raise BadWeight(f"weight '{shown}' is negative; write e.g. 70kg or 154lb")
        if re.fullmatch(_NUMBER, stripped):
            raise BadWeight(f"weight '{shown}' has no unit; write e.g. 70kg or 154lb")
        raise BadWeight(f"cannot read weight '{shown}'; write e.g. 70kg or 154lb")
    unit = match["unit"].lower()
    if unit not in _WEIGHT_UNITS:
        raise BadWeight(f"weight '{text}': unknown unit '{match['unit']}'; use kg or lb")
    kg = float(match["number"]) * units.factor(_WEIGHT_UNITS[unit], "kilogram")
    return _checked_weight(kg, text)


def _checked_weight(kg: float, text: str) -> float:
    if not math.isfinite(kg) or not MIN_WEIGHT_KG <= kg <= MAX_WEIGHT_KG:
        raise BadWeight(
            f"weight '{text}' is outside {MIN_WEIGHT_KG:g}–{MAX_WEIGHT_KG:g} kg; "
            "write e.g. 70kg or 154lb"
        )
    return kg


def parse_duration(text: str) -> float:
    """Return a duration in hours from ``30min`` or ``4h``, refusing zero and negatives."""
    return _duration(text)[0]


def duration_text(text: str) -> str:
    """Return a duration as given, spelled plainly: ``20min`` is "20 min", ``4H`` is "4 h"."""
    return _duration(text)[1]


def _duration(text: str) -> tuple[float, str]:
    stripped = text.strip()
    match = _QUANTITY.fullmatch(stripped) if len(text) <= _MAX_TEXT else None
    if match is None:
        if stripped.startswith("-"):
            raise BadDuration(f"duration '{text}' is negative; write e.g. 30min or 4h")
        raise BadDuration(f"cannot read duration '{text[:40]}'; write e.g. 30min or 4h")
    unit = match["unit"].lower()
    if unit not in _DURATION_UNITS:
        raise BadDuration(f"duration '{text}': unknown unit '{match['unit']}'; use min or h")
    hours = float(match["number"]) * units.factor(_DURATION_UNITS[unit], "hour")
    if hours <= 0:
        raise BadDuration(f"duration '{text}' must be more than zero; write e.g. 30min or 4h")
    if not math.isfinite(hours) or hours > MAX_HOURS:  # 1e400h overflows to infinity
        raise BadDuration(f"duration '{text}' is too long (at most a year, {MAX_HOURS:,.0f} h)")
    return hours, f"{float(match['number']):g} {unit}"


# Why a text is not "number unit": the first pattern that matches explains it. Plain
# strings, compiled (and cached by re) only when an amount is refused.
_DIAGNOSES = (
    (r"-", "is negative; amounts must be zero or more"),
    (r"(?i)[+]?(nan|inf)", "is not a finite number"),
    (r"[0-9]+,[0-9]", "has a comma; write a decimal point (1.5g), no thousands separator"),
    (r"[0-9.]+ +[0-9]", "has a space inside the number; write 1000mg"),
    (rf"{_NUMBER}$", f"has no unit; add one of {_UNIT_LIST}"),
    (r"[^0-9.]", "must start with a number (ASCII digits), e.g. 400mg"),
)


def _diagnose(text: str, original: str) -> str:
    """Say why *text* is not a number followed by a unit."""
    for pattern, reason in _DIAGNOSES:
        if re.match(pattern, text):
            return f"amount '{original}' {reason}"
    return (
        f"cannot read amount '{original}'; write e.g. 400mg, 2x500mg, 8mEq, 10mL@500mg/mL "
        "or 25mg/kg"
    )


def unit_pairs() -> list[tuple[str, str]]:
    """Return every (unit, to) pair this grammar asks units.factor for."""
    pairs = [(unit, _BASE[kind]) for unit, kind in _UNITS.values()]
    pairs += [(unit, "kilogram") for unit in _WEIGHT_UNITS.values()]
    pairs += [(unit, "hour") for unit in _DURATION_UNITS.values()]
    pairs += [("millimole", "milligram"), ("millimole", "milliequivalent")]
    pairs += [("percent_wv", "milligram / milliliter")]
    return list(dict.fromkeys(pairs))
