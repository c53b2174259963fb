"""Unit arithmetic with pint, from mgcalc's own definitions file, built lazily and cached.

Only canonical unit names reach pint (the amount parser whitelists them first), and
every factor is computed once: per-record work is a float multiplication.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pint import UnitRegistry

MAGNESIUM = "magnesium"


@cache
def registry() -> UnitRegistry[float]:
    """Build the unit registry from mgcalc's definitions file."""
    from pint import UnitRegistry

    path = files("mgcalc.chemistry").joinpath("units.txt")
    return UnitRegistry(str(path), cache_folder=None)


@cache
def factor(unit: str, to: str) -> float:
    """Return how many *to* make one *unit* (for magnesium where dimensions differ)."""
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
