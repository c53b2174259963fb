"""The magnesium in an amount of a form, as dose, diets and plans read it (tolerance 0.1 %)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcalc.chemistry.amounts import parse_amount
from mgcalc.chemistry.content import content, content_of, nearest_count, resolve, unit_content
from mgcalc.chemistry.conversion import convert
from mgcalc.chemistry.forms import forms_table
from mgcalc.chemistry.item import Item, item_fields
from mgcalc.errors import InputError, UnknownForm

TOLERANCE = 1e-3  # 0.1 %
INJECTION_50 = "sulfate-injection-50"  # MgSO4·7H2O 500 mg/mL: 49.3 mg of magnesium per mL


@pytest.mark.parametrize(
    ("amount", "form"),
    [
        ("400mg", "oxide"),
        ("2x500mg", "glycinate"),
        ("8mEq", "sulfate"),
        ("10mL", INJECTION_50),
        ("10mL@50%", "sulfate"),
        ("1tsp", "milk-of-magnesia"),
        ("200mg", None),
        ("200mg", "elemental"),
        ("1g", "MgSO4"),  # a chemical name, with its note
    ],
)
def test_the_item_and_notes_are_the_ones_convert_gives(amount: str, form: str | None) -> None:
    converted = convert(amount, form)
    found = content(amount, form)
    fields = converted.model_dump(include=set(Item.model_fields))
    assert Item(**item_fields(found)) == Item(**fields)
    assert (found.notes, found.given_as, found.amount.count) == (
        converted.notes, converted.given_as, converted.count
    )  # fmt: skip


@pytest.mark.parametrize(
    ("amount", "form"),
    [("oxide", "400mg"), ("25mg/kg", "sulfate"), ("10mL", "oxide"), ("1g", "oxidee")],
)
def test_refusals_are_the_ones_convert_gives(amount: str, form: str) -> None:
    with pytest.raises(InputError) as by_convert:
        convert(amount, form)
    with pytest.raises(InputError) as by_content:
        content(amount, form)
    assert str(by_content.value) == str(by_convert.value)


def test_a_per_kg_amount_is_multiplied_by_the_weight() -> None:
    found = content_of(parse_amount("25mg/kg"), resolve("sulfate"), "sulfate", weight="70kg")
    assert found.per_kg == (70.0, 25.0, "mg/kg")
    assert (found.compound_mg, found.amount.text) == (pytest.approx(1750.0), "25mg/kg")
    assert found.notes[-2] == "25 mg/kg × 70.00 kg of body weight."


def test_a_new_forms_table_is_read_afresh(tmp_path: Path) -> None:
    import mgcalc

    path = tmp_path / "forms.csv"
    header = ",".join(
        ("key", "name", "aliases", "formula", "water", "mg_atoms", "molar_mass_g_mol",
         "fraction_basis", "elemental_fraction", "liquid_compound_mg", "liquid_volume_ml",
         "published", "note", "source")
    )  # fmt: skip
    path.write_text(f"{header}\nsalt,A salt,,MgX,0,1,100,declared,0.1,,,,,Made up\n")
    with pytest.raises(UnknownForm):
        content("100mg", "salt")
    mgcalc.use_forms(path)
    assert content("100mg", "salt").elemental_mg == pytest.approx(10.0)
    mgcalc.use_forms(None)
    with pytest.raises(UnknownForm):  # not the memo of the table before
        content("100mg", "salt")


@pytest.mark.parametrize(
    ("unit", "form", "expected"),
    [
        ("elemental=84mg", "elemental", (84.0, None, None)),
        ("100mg", "elemental", (100.0, None, None)),
        ("elemental=84mg", "lactate", (84.0, 824.3, None)),  # dihydrate, 10.19 % magnesium
        ("400mg", "oxide", (241.217, 400.0, None)),
        ("1mL", INJECTION_50, (49.31, 500.0, 1.0)),
    ],
)
def test_unit_content(
    unit: str, form: str, expected: tuple[float, float | None, float | None]
) -> None:
    found = unit_content(unit, forms_table().get(form))
    for value, wanted in zip(found, expected, strict=True):
        assert value == (None if wanted is None else pytest.approx(wanted, rel=TOLERANCE))


def test_within_the_slack_of_a_tie_is_a_tie() -> None:
    # 0.500000001 units is a tie as far as floats can tell: the smaller count.
    assert nearest_count(0.5 + 1e-9) == 0
    assert nearest_count(0.5 + 1e-8) == 1
