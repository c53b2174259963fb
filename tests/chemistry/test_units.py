"""pint does the unit arithmetic from mgcalc's own definitions file."""

from __future__ import annotations

import pytest

from mgcalc.chemistry import units


def test_magnesium_molar_mass_is_the_conventional_atomic_weight() -> None:
    # CIAAW conventional value, shared/reference/compounds.md
    assert units.mg_per_mmol() == pytest.approx(24.305, rel=1e-12)


def test_magnesium_is_divalent() -> None:
    assert units.meq_per_mmol() == pytest.approx(2.0, rel=1e-12)
    assert units.factor("milliequivalent", "milligram") == pytest.approx(12.1525, rel=1e-12)


@pytest.mark.parametrize(
    ("unit", "to", "expected"),
    [
        ("gram", "milligram", 1000.0),
        ("microgram", "milligram", 0.001),
        ("liter", "milliliter", 1000.0),
        ("milligram", "millimole", 1 / 24.305),
    ],
)
def test_factors(unit: str, to: str, expected: float) -> None:
    assert units.factor(unit, to) == pytest.approx(expected, rel=1e-12)


def test_registry_has_no_megagram() -> None:
    from pint.errors import UndefinedUnitError

    with pytest.raises(UndefinedUnitError):
        units.registry().Unit("Mg")
