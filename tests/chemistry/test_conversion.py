"""Conversions against published figures (tolerance 0.1 %)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mgcalc.chemistry.conversion import convert
from mgcalc.errors import BadAmount, InputError, UnknownForm

TOLERANCE = 1e-3  # 0.1 %


@pytest.mark.parametrize(
    ("amount", "form", "elemental_mg"),
    [
        ("400mg", "oxide", 241.2),  # MgO 400 mg → 241.2 mg
        ("1g", "sulfate", 98.61),  # MgSO4·7H2O 1 g → 98.61 mg
        ("5mL", "milk-of-magnesia", 166.7),  # Mg(OH)2 400 mg / 5 mL
        ("1350mg", "glycinate", 190.3),
        ("1121mg", "taurate", 100.0),
        ("535mg", "chloride", 64.0),  # chloride hexahydrate
        ("2g", "magtein", 144.0),  # maker's declaration
        ("500mg", "gluconate", 27.0),  # drug references: 500 mg = 27 mg
        ("1floz", "citrate-solution", 290.0),  # labels: magnesium 290 mg per fl oz (declared)
        ("300mL", "citrate-solution", 2941.8),  # 300 / 29.5735 × 290 (not 2,862 by the formula)
        ("200mg", "elemental", 200.0),
        ("200mg", None, 200.0),
    ],
)
def test_elemental_magnesium(amount: str, form: str | None, elemental_mg: float) -> None:
    # Published figures are rounded; tolerance 0.1 % (0.2 % for figures given to 2-3 digits).
    tolerance = TOLERANCE if elemental_mg != 27.0 else 2e-3
    assert convert(amount, form).elemental_mg == pytest.approx(elemental_mg, rel=tolerance)


def test_sulfate_rule_of_thumb_exact_values() -> None:
    result = convert("1g", "sulfate")
    assert result.mmol == pytest.approx(4.057, rel=TOLERANCE)
    assert result.meq == pytest.approx(8.115, rel=TOLERANCE)
    assert result.compound_mg == 1000.0
    assert result.read_as == "compound"


def test_sulfate_injection_50_percent_per_ml() -> None:
    result = convert("1mL", "sulfate-injection-50")
    assert result.meq == pytest.approx(4.057, rel=TOLERANCE)
    assert result.elemental_mg == pytest.approx(49.31, rel=TOLERANCE)
    assert result.volume_ml == 1.0
    assert result.compound_mg == pytest.approx(500.0)


@pytest.mark.parametrize(
    ("key", "meq_per_ml"),
    [("sulfate-premix-8", 0.65), ("sulfate-premix-4", 0.325)],
)
def test_premix_strengths_match_their_labels(key: str, meq_per_ml: float) -> None:
    assert convert("1mL", key).meq == pytest.approx(meq_per_ml, rel=2e-3)


def test_meq_with_no_form_is_magnesium() -> None:
    result = convert("8mEq")
    assert result.form is None
    assert result.compound_mg is None
    assert result.mmol == pytest.approx(4.0)
    assert result.elemental_mg == pytest.approx(97.22, rel=TOLERANCE)
    assert not any("read as elemental" in note for note in result.notes)


def test_meq_with_a_form_gives_the_compound_needed() -> None:
    result = convert("20mEq", "oxide")
    assert result.mmol == pytest.approx(10.0)
    assert result.elemental_mg == pytest.approx(243.05)
    assert result.compound_mg == pytest.approx(243.05 / (24.305 / 40.304), rel=1e-4)
    assert result.read_as == "magnesium"


def test_count_multiplies() -> None:
    assert convert("2x500mg", "glycinate").elemental_mg == pytest.approx(
        2 * convert("500mg", "glycinate").elemental_mg
    )


def test_volume_with_concentration() -> None:
    result = convert("10mL@500mg/mL", "sulfate")
    assert result.compound_mg == pytest.approx(5000.0)
    assert result.meq == pytest.approx(40.57, rel=TOLERANCE)
    assert convert("10mL@290mg/30mL", "elemental").elemental_mg == pytest.approx(96.667, rel=1e-4)
    assert convert("10mL@2mmol/mL", "sulfate").mmol == pytest.approx(20.0)


def test_formula_form() -> None:
    result = convert("1g", "formula:MgCl2.6H2O")
    assert result.elemental_mg == pytest.approx(119.55, rel=TOLERANCE)
    assert result.form == "formula:MgCl2.6H2O"
    assert result.formula == "MgCl2·6H2O"


def test_assumptions_are_stated() -> None:
    notes = " ".join(convert("1g", "citrate").notes)
    assert "Trimagnesium dicitrate, anhydrous" in notes
    assert "compound's weight" in notes
    bare = " ".join(convert("400mg").notes)
    assert "read as elemental magnesium" in bare


@pytest.mark.parametrize(
    ("amount", "form", "error", "message"),
    [
        ("10mL", "oxide", BadAmount, "a volume needs a concentration"),
        ("10mL", None, BadAmount, "a volume needs a concentration"),
        ("10mL@1mg/mL", "milk-of-magnesia", BadAmount, "has its own concentration"),
        ("oxide", "400mg", BadAmount, "the amount comes first: 400mg oxide"),
        ("400mg", "glycinat", UnknownForm, "did you mean 'glycinate'"),
    ],
)
def test_refusals(amount: str, form: str | None, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        convert(amount, form)
    assert message in str(caught.value)


# Issue 10: from the amount wanted to the dose. Hand-computed from compounds.md
# (MgSO4·7H2O 500 mg/mL; Mg(OH)2 400 mg per 5 mL; MgO 60.3042 % Mg; 1 mEq = 12.1525 mg).
@pytest.mark.parametrize(
    ("amount", "form", "volume_ml"),
    [
        ("2g", "sulfate-injection-50", 4.0),  # 2000 mg / 500 mg/mL
        ("40mEq", "sulfate-injection-50", 9.86),  # 486.1 mg / 0.098614 / 500
        ("500mg", "milk-of-magnesia", 6.25),  # 500 mg / 80 mg/mL
        ("10mL", "sulfate-injection-50", 10.0),
        ("1745mg", "citrate-solution", 29.5735),  # a mass is of the citrate: 1.745 g per fl oz
    ],
)
def test_every_liquid_result_has_its_volume(amount: str, form: str, volume_ml: float) -> None:
    assert convert(amount, form).volume_ml == pytest.approx(volume_ml, rel=1e-3)


def test_a_solid_has_no_volume() -> None:
    assert convert("400mg", "oxide").volume_ml is None


@pytest.mark.parametrize(
    ("amount", "form", "key", "expected"),
    [
        ("300mg", "oxide", "compound_mg", 497.5),  # 300 / 0.603042
        ("200mg", "sulfate-injection-50", "volume_ml", 4.056),  # 200 / 0.098614 / 500
        ("10mL@49.3mg/mL", "sulfate", "elemental_mg", 493.0),  # the concentration is of Mg
    ],
)
def test_elemental_asks_for_the_form_that_delivers_it(
    amount: str, form: str, key: str, expected: float
) -> None:
    result = convert(amount, form, elemental=True)
    assert getattr(result, key) == pytest.approx(expected, rel=1e-3)
    assert result.read_as == "magnesium"


@pytest.mark.parametrize(
    ("amount", "form", "note"),
    [("200mg", "elemental", "magnesium itself already"), ("8mEq", "oxide", "mmol and mEq")],
)
def test_elemental_is_a_no_op_for_magnesium_itself(amount: str, form: str, note: str) -> None:
    plain, asked = convert(amount, form), convert(amount, form, elemental=True)
    assert asked.elemental_mg == plain.elemental_mg
    assert asked.compound_mg == plain.compound_mg
    assert any(note in line for line in asked.notes)


@pytest.mark.parametrize(
    ("amount", "form", "given_as"),
    [
        ("40mEq", "oxide", "meq"),
        ("20mmol", "oxide", "mmol"),
        ("400mg", "oxide", "compound_mg"),
        ("400mg", None, "elemental_mg"),
        ("5mL", "milk-of-magnesia", "volume_ml"),
    ],
)
def test_given_as_names_the_unit_asked(amount: str, form: str | None, given_as: str) -> None:
    assert convert(amount, form).given_as == given_as


def test_by_unit_counts_the_nearest_whole_unit() -> None:
    by_unit = convert("40mEq", "oxide", unit="400mg").by_unit
    assert by_unit is not None
    assert by_unit.exact == pytest.approx(2.0152, rel=1e-4)  # 486.1 / 241.217
    assert by_unit.count == 2
    assert by_unit.delivered.elemental_mg == pytest.approx(482.4, rel=1e-4)
    assert by_unit.delivered.meq == pytest.approx(39.70, rel=1e-3)
    assert by_unit.percent_of_asked == pytest.approx(99.25, rel=1e-3)


@pytest.mark.parametrize(
    ("amount", "unit", "halves", "count"),
    [
        ("250mg", "100mg", False, 2),  # 2.5: a tie goes to the smaller count
        ("250mg", "100mg", True, 2.5),
        ("275mg", "100mg", True, 2.5),
        ("275mg", "100mg", False, 3),
        ("40mg", "100mg", False, 0),
        ("175mg", "100mg", True, 1.5),  # 1.75: a tie between halves, the smaller
    ],
)
def test_by_unit_rounding(amount: str, unit: str, halves: bool, count: float) -> None:
    by_unit = convert(amount, unit=unit, halves=halves).by_unit
    assert by_unit is not None
    assert by_unit.count == count


@pytest.mark.parametrize(
    ("amount", "form", "unit", "exact", "volume_ml"),
    [
        ("40mEq", "sulfate-injection-50", "1mL", 9.859, 10.0),  # 4.057 mEq per mL
        ("14mEq", "lactate", "elemental=84mg", 2.025, None),  # Mag-Tab SR declares 84 mg
        ("500mg", "elemental", "241.3mg", 2.072, None),
    ],
)
def test_by_unit_sizes(
    amount: str, form: str, unit: str, exact: float, volume_ml: float | None
) -> None:
    by_unit = convert(amount, form, unit=unit).by_unit
    assert by_unit is not None
    assert by_unit.exact == pytest.approx(exact, rel=1e-3)
    assert by_unit.delivered.volume_ml == volume_ml


def test_percent_is_grams_of_the_compound_per_100_ml() -> None:
    result = convert("10mL@50%", "sulfate")
    assert result.compound_mg == pytest.approx(5000.0)
    assert result.meq == pytest.approx(40.57, rel=1e-3)  # 10 mL × 4.057 mEq/mL
    assert result.volume_ml == 10.0


def test_teaspoon_is_five_ml_and_says_so() -> None:
    result = convert("1tsp", "milk-of-magnesia")
    assert result.volume_ml == 5.0
    assert result.elemental_mg == pytest.approx(166.7, rel=1e-3)  # compounds.md
    assert any("pharmacy teaspoon, 5 mL" in note for note in result.notes)


@pytest.mark.parametrize(
    ("amount", "weight", "key", "expected"),
    [
        ("25mg/kg", "70kg", "compound_mg", 1750.0),
        ("0.5mEq/kg", "70kg", "meq", 35.0),
        ("0.1mmol/kg", "154lb", "mmol", 6.985),  # 154 lb = 69.85 kg
    ],
)
def test_per_kg(amount: str, weight: str, key: str, expected: float) -> None:
    result = convert(amount, "sulfate", weight=weight)
    assert getattr(result, key) == pytest.approx(expected, rel=1e-3)
    assert result.per_kg is not None
    assert result.per_kg.unit == amount.lstrip("0123456789.")


def test_rate_over_a_duration() -> None:
    result = convert("4g", "sulfate-injection-50", over="30min")
    assert result.rate is not None
    assert result.rate.duration_h == 0.5
    assert result.rate.ml_per_h == pytest.approx(16.0)  # 8 mL in half an hour
    assert result.rate.mg_per_h == pytest.approx(2 * 394.456, rel=1e-4)
    assert result.rate.meq_per_h == pytest.approx(2 * 32.46, rel=1e-3)
    assert convert("400mg", "oxide", over="4h").rate is not None


def test_half_counts() -> None:
    result = convert("0.5x400mg", "oxide")
    assert result.count == 0.5
    assert result.elemental_mg == pytest.approx(120.6, rel=1e-3)


@pytest.mark.parametrize(
    ("amount", "form", "options", "message"),
    [
        ("10mL@50%", None, {}, "percent (w/v) is grams of a compound"),
        ("10mL@50%", "elemental", {}, "percent (w/v) is grams of a compound"),
        ("10mL@50%", "sulfate", {"elemental": True}, "--elemental does not apply"),
        ("10mL@50%", "sulfate-injection-50", {}, "has its own concentration"),
        ("25mg/kg", "sulfate", {}, "per kg of body weight"),
        ("25mg/kg", "sulfate", {"weight": "400kg"}, "outside 0.3–350 kg"),
        ("1g", "sulfate", {"over": "-30min"}, "negative"),
        ("1g", "sulfate", {"over": "0min"}, "more than zero"),
        ("1g", "sulfate", {"halves": True}, "give the unit too"),
        ("1g", "sulfate", {"unit": "2x1g"}, "drop the count"),
        ("1g", "sulfate", {"unit": "0mg"}, "holds no magnesium"),
        ("1g", "sulfate", {"unit": "5mL"}, "a volume needs a concentration"),
    ],
)
def test_pharmacist_refusals(
    amount: str, form: str | None, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        convert(amount, form, **options)
    assert message in str(caught.value)


COMPOUND_WEIGHT = (
    "The mass was read as the compound's weight (as on an ingredient list); for a label's "
    "'Magnesium (as …)' figure use the form elemental."
)


@pytest.mark.parametrize(
    ("amount", "form", "read_as", "notes"),
    [
        ("400mg", "oxide", "compound", (
            "'oxide' read as Magnesium oxide, MgO: 60.30 % magnesium (from the formula).",
            COMPOUND_WEIGHT,
        )),
        ("2g", "magtein", "compound", (
            "'magtein' read as Magtein (magnesium L-threonate), maker-declared, Mg(C4H7O5)2: "
            "7.20 % magnesium (declared by the maker). Fraction as declared by the maker, below "
            "the anhydrous formula value of 8.25 %.",
            COMPOUND_WEIGHT,
        )),
        ("400mg", None, "magnesium", (
            "No form given: the mass was read as elemental magnesium. Name a form (e.g. oxide) "
            "to read it as a salt's weight.",
        )),
        ("300mg", "elemental", "magnesium", ()),
        ("8mEq", None, "magnesium", ()),
        ("10mmol", "oxide", "magnesium", (
            "'oxide' read as Magnesium oxide, MgO: 60.30 % magnesium (from the formula).",
            "mmol and mEq count magnesium itself; the compound mass is what holds it.",
        )),
    ],
)  # fmt: skip
def test_every_result_says_how_its_amount_was_read(
    amount: str, form: str | None, read_as: str, notes: tuple[str, ...]
) -> None:
    result = convert(amount, form)
    assert (result.read_as, result.notes) == (read_as, notes)


def test_a_liquid_says_its_strength() -> None:
    result = convert("15mL", "milk-of-magnesia")
    assert result.notes[-1] == "15 mL at 400 mg per 5 mL of Mg(OH)2."
    assert result.notes[0].startswith(
        "'milk-of-magnesia' read as Milk of magnesia (Mg(OH)2 400 mg per 5 mL), Mg(OH)2: "
        "41.68 % magnesium (from the formula)."
    )


# Edges the mutation run found (tools/mutate.py): each asserts what a user reads.

INJECTION_50 = "sulfate-injection-50"  # MgSO4·7H2O 500 mg/mL: 49.3 mg of magnesium per mL


@pytest.mark.parametrize(
    ("amount", "form", "note"),
    [
        ("8mEq", "oxide", "--elemental changes nothing: mmol and mEq count magnesium itself."),
        ("5mL", "milk-of-magnesia",
         "--elemental changes nothing: a volume of milk-of-magnesia is of the solution."),
    ],
)  # fmt: skip
def test_elemental_changes_nothing_and_says_why(amount: str, form: str, note: str) -> None:
    plain, asked = convert(amount, form), convert(amount, form, elemental=True)
    assert (asked.elemental_mg, asked.compound_mg) == (plain.elemental_mg, plain.compound_mg)
    assert asked.notes == (plain.notes[0], note, *plain.notes[1:])
    assert asked.read_as == plain.read_as


def test_milk_of_magnesia_by_volume_stays_the_solution_with_elemental() -> None:
    # 5 mL of 400 mg/5 mL Mg(OH)2 holds 166.7 mg of magnesium (compounds.md), --elemental or not.
    assert convert("5mL", "milk-of-magnesia", elemental=True).elemental_mg == pytest.approx(
        166.7, rel=TOLERANCE
    )


def test_a_chemical_name_says_how_it_was_read() -> None:
    notes = convert("1g", "MgSO4").notes
    assert notes[0] == (
        "'MgSO4' is a chemical name: read as 'sulfate', the form people mean by it "
        "(MgSO4·7H2O); for exactly MgSO4 write formula:MgSO4."
    )
    assert notes[1].startswith("'MgSO4' read as Magnesium sulfate heptahydrate, MgSO4·7H2O:")


def test_a_form_given_as_a_row_is_named_by_its_key() -> None:
    from mgcalc.chemistry.forms import forms_table

    result = convert("400mg", forms_table().get("oxide"))
    assert result.notes[0] == (
        "'oxide' read as Magnesium oxide, MgO: 60.30 % magnesium (from the formula)."
    )


def test_a_liquid_per_ml_says_per_ml() -> None:
    assert convert("10mL", INJECTION_50).notes[-1] == "10 mL at 500 mg per mL of MgSO4·7H2O."


def test_by_unit_of_a_volume_delivers_that_many_times_the_volume() -> None:
    by_unit = convert("40mEq", INJECTION_50, unit="2mL").by_unit
    assert by_unit is not None
    # 40 mEq / 4.06 mEq per mL = 9.86 mL: 4.93 units of 2 mL, 5 of them (10 mL, 40.6 mEq).
    assert by_unit.exact == pytest.approx(4.93, rel=TOLERANCE)
    assert (by_unit.count, by_unit.delivered.volume_ml) == (5, 10.0)
    assert by_unit.delivered.meq == pytest.approx(40.57, rel=TOLERANCE)


def test_an_elemental_unit_of_a_liquid_is_its_volume() -> None:
    # 49.3 mg of magnesium is about 1 mL of the 50 % injection (4.06 mEq): 40 mEq is about
    # 10 such units, about 10 mL.
    by_unit = convert("40mEq", INJECTION_50, unit="elemental=49.3mg").by_unit
    assert by_unit is not None
    assert by_unit.count == 10
    assert by_unit.delivered.volume_ml == pytest.approx(10.0, rel=TOLERANCE)


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("oxide=400mg", "--unit 'oxide=400mg': only elemental= may name what the amount is"),
        ("elemental=5mL", "--unit 'elemental=5mL': elemental= takes the magnesium per unit"),
    ],
)
def test_unit_refusals(unit: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        convert("1g", "oxide", unit=unit)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("amount", "unit", "count", "percent"),
    [
        ("0mg", "100mg", 0, None),  # nothing asked: no share of it
        ("1mg", "1mg", 1, 100.0),  # a 1 mg unit holds magnesium
        ("10mg", "0.5mg", 20, 100.0),
        ("250mg", "100mg", 2, 80.0),
    ],
)
def test_by_unit_percent_of_what_was_asked(
    amount: str, unit: str, count: int, percent: float | None
) -> None:
    by_unit = convert(amount, unit=unit).by_unit
    assert by_unit is not None
    assert repr(by_unit.count) == repr(count)  # a whole count is an integer in JSON
    assert by_unit.percent_of_asked == (None if percent is None else pytest.approx(percent))


def test_an_iv_anhydrous_sulfate_is_counted_in_the_heptahydrate() -> None:
    # The injection label's rates are in MgSO4·7H2O: 1 g of the anhydrous salt is the
    # heptahydrate's mass of the same millimoles (its molar mass in the shipped table).
    from mgcalc.chemistry.forms import forms_table

    result = convert("1g@100mg/mL", "sulfate-anhydrous", over="2h")
    expected = result.mmol * forms_table().get("sulfate").molar_mass_g_mol
    assert result.heptahydrate_mg == pytest.approx(expected, rel=1e-12)
    assert result.rate is not None
    assert result.rate.compound_g_per_h == pytest.approx(expected / 1000 / 2, rel=1e-12)
    assert result.notes[-1] == (
        "The rate in the salt is of MgSO4·7H2O, as the injection label writes it: "
        "2.048 g of it holds the same magnesium as this MgSO4."
    )


def test_a_salt_other_than_sulfate_has_no_rate_in_the_salt() -> None:
    # Only a sulfate given by vein is weighed as the label's MgSO4·7H2O.
    result = convert("1g@100mg/mL", "chloride", over="2h")
    assert result.heptahydrate_mg is None
    assert result.rate is not None
    assert (result.rate.compound_g_per_h, result.rate.compound_mg_per_min) == (None, None)
    assert result.rate.mg_per_h == pytest.approx(result.elemental_mg / 2, rel=1e-12)
    assert not any("rate in the salt" in note for note in result.notes)


def test_the_heptahydrate_is_weighed_per_magnesium_atom(tmp_path: Path) -> None:
    # A forms file may replace 'sulfate' with the same salt written per two magnesium atoms
    # (twice the molar mass): the heptahydrate holding the same magnesium weighs the same.
    import csv
    import io

    import mgcalc
    from mgcalc.chemistry.forms import COLUMNS, forms_table

    shipped = forms_table().get("sulfate")
    before = convert("1g@100mg/mL", "sulfate-anhydrous").heptahydrate_mg
    row = {
        **shipped.model_dump(include=set(COLUMNS)),
        "aliases": "",
        "formula": "Mg2(SO4)2·14H2O",
        "water": 14,
        "mg_atoms": 2,
        "molar_mass_g_mol": 2 * shipped.molar_mass_g_mol,
        "liquid_compound_mg": "",
        "liquid_volume_ml": "",
    }
    text = io.StringIO()
    writer = csv.DictWriter(text, [*COLUMNS, "override"])
    writer.writeheader()
    writer.writerow({**row, "override": "true"})
    path = tmp_path / "forms.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    mgcalc.use_forms(path)
    try:
        assert forms_table().get("sulfate").mg_atoms == 2
        after = convert("1g@100mg/mL", "sulfate-anhydrous").heptahydrate_mg
    finally:
        mgcalc.use_forms(None)
    assert after == pytest.approx(before, rel=1e-12)
