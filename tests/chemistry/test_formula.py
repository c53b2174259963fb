"""Forms given as formula:…, computed at run time."""

from __future__ import annotations

import pytest

from mgcalc.chemistry.formula import formula_form
from mgcalc.errors import BadFormula


@pytest.mark.parametrize(
    ("text", "display", "fraction", "water"),
    [
        ("formula:MgCl2.6H2O", "MgCl2·6H2O", 0.11955, 6),
        ("formula:MgCl2·6H2O", "MgCl2·6H2O", 0.11955, 6),
        ("formula:MgSO4+7H2O", "MgSO4·7H2O", 0.09861, 7),
        ("formula:MgSO4*7H2O", "MgSO4·7H2O", 0.09861, 7),
        ("formula:Mg(C4H7O5)2", "Mg(C4H7O5)2", 0.08253, 0),
        ("formula:4MgCO3·Mg(OH)2·4H2O", "4MgCO3·Mg(OH)2·4H2O", 0.25987, 4),
        ("formula:MgO", "MgO", 0.60304, 0),
    ],
)
def test_reads_hydrate_notations(text: str, display: str, fraction: float, water: int) -> None:
    form = formula_form(text)
    assert form.formula == display
    assert form.elemental_fraction == pytest.approx(fraction, rel=1e-4)
    assert form.water == water
    assert form.fraction_basis == "user formula"


@pytest.mark.parametrize("dot", [".", "·", "•", "∙", "⋅", "*"])
def test_all_hydrate_notations_agree(dot: str) -> None:
    # The middle dot, bullet, bullet operator and dot operator all read as a hydrate's dot.
    form = formula_form(f"formula:MgSO4{dot}7H2O")
    assert (form.key, form.formula, form.water) == ("formula:MgSO4.7H2O", "MgSO4·7H2O", 7)
    assert form.molar_mass_g_mol == formula_form("formula:MgSO4.7H2O").molar_mass_g_mol


def test_a_formula_form_says_where_it_came_from() -> None:
    import mgcalc

    result = mgcalc.convert("1g", "formula:MgCl2")
    assert result.notes[0].endswith(
        "(from the formula). Computed from the formula you gave; "
        "check it is the salt the label means."
    )
    assert result.source == "Computed at run time with molmass (standard atomic weights)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("formula:", "needs a chemical formula"),
        ("formula:MgSO4 7H2O", "has a space"),
        ("formula:NaCl", "contains no magnesium"),
        ("formula:Mg2+", "empty part"),
        ("formula:mgo", "capital letter"),
        ("formula:Mg(Gly)2", "cannot read formula"),
        # molmass's peptide and nucleotide sequences are not formulas: refused, never weighed.
        ("formula:Mg(peptide(G))", "cannot read formula 'Mg(peptide(G))': unknown symbol 'G'"),
        ("formula:MgCl2(ssdna(A))", "cannot read formula"),
        ("formula:MgSO4..H2O", "empty part"),
        ("formula:Mg-", "cannot read: '-'"),
        ("formula:Zz", "cannot read formula"),
        ("formula:((", "cannot read formula"),
        ("formula:" + "Mg" * 60, "too long"),
        # A stray number was dropped: MgSO4·7·H2O read as the monohydrate, MgSO4.7 anhydrous.
        ("formula:MgSO4·7·H2O", "a number with nothing to count ('7')"),
        ("formula:MgSO4.7", "a number with nothing to count ('7')"),
        ("formula:2.MgO", "a number with nothing to count ('2')"),
    ],
)
def test_refuses_ambiguous_or_wrong_formulas(text: str, message: str) -> None:
    with pytest.raises(BadFormula) as caught:
        formula_form(text)
    assert message in str(caught.value)


def test_water_counts_the_hydrate_parts_only() -> None:
    assert formula_form("formula:MgSO4.H2O").water == 1  # no number: one water
    assert formula_form("formula:MgSO4.7H2O").water == 7
    assert formula_form("formula:H2O.MgO").water == 0  # the first part is the compound


def test_groups_in_brackets_are_read() -> None:
    form = formula_form("formula:(MgO)2")
    assert (form.mg_atoms, form.elemental_fraction) == (2, pytest.approx(0.60304, rel=1e-4))


def test_the_longest_formula_is_read() -> None:
    longest = "MgO" + "O" * 97  # 100 characters
    assert formula_form(f"formula:{longest}").mg_atoms == 1
    with pytest.raises(BadFormula, match="too long"):
        formula_form(f"formula:{longest}O")


def test_molmass_errors_are_quoted_in_one_line() -> None:
    # molmass's message has three lines (the text, the formula, a caret): the first is shown.
    with pytest.raises(BadFormula) as caught:
        formula_form("formula:MgCAT")
    assert str(caught.value) == "cannot read formula 'MgCAT': unknown symbol 'T'"
