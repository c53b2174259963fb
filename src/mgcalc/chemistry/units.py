"""Unit arithmetic with pint, from mgcalc's own definitions file, built lazily and cached.

Only canonical unit names reach pint (the amount parser whitelists them first), and
every factor is computed once: per-record work is a float multiplication. The factors
of the few unit pairs that ordinary amounts need are written out below, as pint
computes them, so that an ordinary run never imports pint (about 60 ms of start-up):
the tests check each against pint bit for bit, and pint computes any other pair.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pint import UnitRegistry

MAGNESIUM = "magnesium"

# (unit, to) -> how many *to* make one *unit*, exactly as pint computes it from
# units.txt: every pair the amount grammar asks for. After editing units.txt or adding
# a unit, regenerate (python -m mgcalc.chemistry.units) and paste the result here.
PRECOMPUTED: dict[tuple[str, str], float] = {
    ("microgram", "milligram"): 0.001,
    ("milligram", "milligram"): 1.0,
    ("gram", "milligram"): 1000.0,
    ("millimole", "millimole"): 1.0,
    ("milliequivalent", "millimole"): 0.5,
    ("milliliter", "milliliter"): 1.0,
    ("liter", "milliliter"): 1000.0,
    ("cubic_centimeter", "milliliter"): 1.0,
    ("teaspoon", "milliliter"): 5.0,
    ("tablespoon", "milliliter"): 15.0,
    ("fluid_ounce", "milliliter"): 29.5735,
    ("millimole", "milligram"): 24.305,
    ("millimole", "milliequivalent"): 2.0,
    ("percent_wv", "milligram / milliliter"): 10.0,
    ("kilogram", "kilogram"): 1.0,
    ("pound", "kilogram"): 0.45359237,
    ("hour", "hour"): 1.0,
    ("minute", "hour"): 0.016666666666666666,
}


@cache
def registry() -> UnitRegistry[float]:
    """Build the unit registry from mgcalc's definitions file."""
    from pint import UnitRegistry

    return UnitRegistry(str(Path(__file__).with_name("units.txt")), cache_folder=None)


@cache
def factor(unit: str, to: str) -> float:
    """Return how many *to* make one *unit* (for magnesium where dimensions differ)."""
    found = PRECOMPUTED.get((unit, to))
    return pint_factor(unit, to) if found is None else found


def pint_factor(unit: str, to: str) -> float:
    """Return the factor of :func:`factor`, computed by pint (the source of truth)."""
    ureg = registry()
    quantity = ureg.Quantity(1.0, unit)
    with ureg.context(MAGNESIUM):
        return float(quantity.to(to).magnitude)


def mg_per_mmol() -> float:
    """Return the mass of one millimole of magnesium in milligrams."""
    return factor("millimole", "milligram")


def meq_per_mmol() -> float:
    """Return the milliequivalents in one millimole of magnesium (its valence)."""
    return factor("millimole", "milliequivalent")


if __name__ == "__main__":  # print PRECOMPUTED afresh from pint
    print("PRECOMPUTED: dict[tuple[str, str], float] = {")
    from mgcalc.chemistry.amounts import unit_pairs

    for unit, to in dict.fromkeys([*PRECOMPUTED, *unit_pairs()]):
        print(f'    ("{unit}", "{to}"): {pint_factor(unit, to)!r},')
    print("}")
