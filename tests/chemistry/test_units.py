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


@pytest.mark.parametrize(("unit", "to"), list(units.PRECOMPUTED), ids="→".join)
def test_precomputed_factors_are_pints_bit_for_bit(unit: str, to: str) -> None:
    # If this fails, units.txt changed: regenerate with `python -m mgcalc.chemistry.units`.
    assert units.PRECOMPUTED[unit, to].hex() == units.pint_factor(unit, to).hex()


def test_every_pair_the_amount_grammar_asks_for_is_precomputed() -> None:
    # So that ordinary amounts never import pint. A new unit: add its pair to
    # PRECOMPUTED as `python -m mgcalc.chemistry.units` prints it.
    from mgcalc.chemistry.amounts import unit_pairs

    assert [pair for pair in unit_pairs() if pair not in units.PRECOMPUTED] == []


def test_precomputed_holds_exactly_the_pairs_the_grammar_names() -> None:
    # Both ways: no stale pair in PRECOMPUTED, and every pair mgcalc converts by (mmol to mg
    # and to mEq among them) named in unit_pairs, so the test above guards it.
    from mgcalc.chemistry.amounts import unit_pairs

    assert set(unit_pairs()) == set(units.PRECOMPUTED)
    assert len(unit_pairs()) == len(units.PRECOMPUTED)


def test_a_pair_not_precomputed_is_asked_of_pint() -> None:
    assert ("milligram", "millimole") not in units.PRECOMPUTED
    assert units.factor("milligram", "millimole") == units.pint_factor("milligram", "millimole")


def test_a_precomputed_pair_never_builds_pints_registry() -> None:
    # The point of PRECOMPUTED: ordinary amounts do not pay for pint (about 60 ms).
    units.registry.cache_clear()
    units.factor.cache_clear()
    assert units.factor("gram", "milligram") == 1000.0
    assert units.registry.cache_info().currsize == 0
