"""The magnesium in an amount of a form, as dose, diets and plans read it (tolerance 0.1 %)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def _convert(mgcalc: Any, *args: str) -> Any:
    run = mgcalc("convert", *args, "--json")
    assert run.exit_code == 0, run.stderr
    return run.json()


SULFATE = (
    "'sulfate' read as Magnesium sulfate heptahydrate, MgSO4·7H2O: 9.86 % magnesium (from the "
    "formula). Bare 'sulfate' means the heptahydrate (Epsom salt, injections); the anhydrous "
    "salt is sulfate-anhydrous."
)
NO_FORM = (
    "No form given: the mass was read as elemental magnesium. Name a form (e.g. oxide) to read "
    "it as a salt's weight."
)
ELEMENTAL = "--elemental: the mass is magnesium itself; the compound mass is what delivers it."


@pytest.mark.parametrize(
    ("args", "fields", "notes"),
    [
        # A bag by mass holds the compound's mass, or magnesium's with no form or --elemental.
        (
            ("1g@40mg/mL", "sulfate"),
            ("compound", "compound_mg", 1000.0, 98.614, 25.0),
            [SULFATE, "The mass was read as the compound's weight (as on an ingredient list); "
             "for a label's 'Magnesium (as …)' figure use the form elemental.",
             "At 40 mg/mL, the amount is in 25.00 mL."],
        ),
        (
            ("400mg@40mg/mL",),
            ("magnesium", "elemental_mg", None, 400.0, 10.0),
            [NO_FORM, "At 40 mg/mL, the amount is in 10.00 mL."],
        ),
        (
            ("100mg@40mg/mL", "sulfate", "--elemental"),
            ("magnesium", "elemental_mg", 1014.0548, 100.0, 2.5),
            [SULFATE, ELEMENTAL, "At 40 mg/mL, the amount is in 2.500 mL."],
        ),
        # mmol at mmol per mL: the strength is shown in mEq per mL (2 mEq a mmol).
        (
            ("4mmol@0.5mmol/mL", "chloride"),
            ("magnesium", "mmol", 813.1822, 97.22, 8.0),
            ["'chloride' read as Magnesium chloride hexahydrate, MgCl2·6H2O: 11.96 % magnesium "
             "(from the formula). Bare 'chloride' means the hexahydrate, the salt in tablets; the "
             "anhydrous salt is chloride-anhydrous.",
             "mmol and mEq count magnesium itself; the compound mass is what holds it.",
             "At 1 mEq/mL, the amount is in 8.000 mL."],
        ),
        # A liquid form's volume holds the compound, read as such.
        (
            ("5mL", "milk-of-magnesia"),
            ("compound", "volume_ml", 400.0, 166.704, 5.0),
            None,
        ),
        # 10⁹ mg of magnesium at 1 mg/mL: the largest volume (10⁹ mL) is allowed.
        (
            ("1000000000mg@1mg/mL",),
            ("magnesium", "elemental_mg", None, 1e9, 1e9),
            [NO_FORM, "At 1 mg/mL, the amount is in 1,000,000,000 mL."],
        ),
    ],
)  # fmt: skip
def test_a_bag_by_mass_and_a_liquid_in_full(
    mgcalc: Any,
    args: tuple[str, ...],
    fields: tuple[str, str, float | None, float, float],
    notes: list[str] | None,
) -> None:
    data = _convert(mgcalc, *args)
    read_as, given_as, compound, elemental, volume = fields
    assert (data["read_as"], data["given_as"]) == (read_as, given_as)
    if compound is None:
        assert data["compound_mg"] is None
    else:
        assert data["compound_mg"] == pytest.approx(compound, rel=1e-6)
    assert data["elemental_mg"] == pytest.approx(elemental, rel=1e-6)
    assert data["volume_ml"] == pytest.approx(volume, rel=1e-12)
    if notes is not None:
        assert data["notes"] == notes


def test_a_bag_of_more_than_10_to_the_9_ml_is_refused(mgcalc: Any) -> None:
    # 4×10⁷ mmol of magnesium is 9.9×10⁹ mg of the heptahydrate: at 1 mg/mL, too many mL.
    run = mgcalc("convert", "40000000mmol@1mg/mL", "sulfate")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == "error: amount '40000000mmol@1mg/mL' is implausibly large (over 10⁹ mL)\n"


@pytest.mark.parametrize(
    ("form", "epsom"),
    [("sulfate", " (Epsom salt by the spoon, as labelled: epsom-laxative)"), ("oxide", "")],
)
def test_a_spoon_of_a_solid_asks_for_a_concentration(mgcalc: Any, form: str, epsom: str) -> None:
    run = mgcalc("convert", "1tsp", form)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        "error: a volume needs a concentration: write e.g. 1tsp@500mg/mL, or use a liquid form "
        f"such as milk-of-magnesia or sulfate-injection-50{epsom}\n"
    )


def test_elemental_says_the_mass_is_magnesium(mgcalc: Any) -> None:
    data = _convert(mgcalc, "100mg", "oxide", "--elemental")
    assert data["notes"] == [
        "'oxide' read as Magnesium oxide, MgO: 60.30 % magnesium (from the formula).",
        ELEMENTAL,
    ]
    assert data["compound_mg"] == pytest.approx(100 / 0.603042, rel=1e-6)


@pytest.mark.parametrize(
    ("per_kg", "capped"),
    # Within a billionth of the cap is float error, not above it; beyond, it is capped.
    [
        ("1000.0000005mg/kg", False),
        (f"{1000.0 * (1 + 1e-9)!r}mg/kg", False),  # exactly the cap and its slack
        ("1000.0000015mg/kg", True),
        ("1001mg/kg", True),
    ],
)
def test_the_cap_allows_a_billionth_for_float_error(mgcalc: Any, per_kg: str, capped: bool) -> None:
    data = _convert(mgcalc, per_kg, "sulfate", "--weight", "1kg", "--max", "1g")
    assert data["max"]["capped"] is capped
    assert data["compound_mg"] == pytest.approx(1000.0, rel=1e-6)


@pytest.mark.parametrize(
    ("amount", "form", "maximum", "message"),
    [
        ("1mL/kg", "milk-of-magnesia", "2g", "--max '2g' is a mass, but '1mL/kg' is a volume"),
        ("50mg/kg", "sulfate", "40mL", "--max '40mL' is a volume, but '50mg/kg' is a mass"),
        ("0.1mmol/kg", "sulfate", "40mL",
         "--max '40mL' is a volume, but '0.1mmol/kg' is mmol or mEq"),
        ("0.1mEq/kg", "sulfate", "2g", "--max '2g' is a mass, but '0.1mEq/kg' is mmol or mEq"),
    ],
)  # fmt: skip
def test_max_of_another_kind_is_refused_naming_both(
    mgcalc: Any, amount: str, form: str, maximum: str, message: str
) -> None:
    run = mgcalc("convert", amount, form, "--weight", "50kg", "--max", maximum)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"error: {message}: give the maximum in the amount's kind\n"


def test_a_volume_at_a_percent_is_the_volume_typed(mgcalc: Any) -> None:
    # The volume is typed: no "the amount is in … mL" note, as for a bag by mass.
    data = _convert(mgcalc, "10mL@50%", "sulfate")
    assert (data["volume_ml"], data["compound_mg"], data["given_as"]) == (10.0, 5000.0, "volume_ml")
    assert data["notes"] == [SULFATE, "50 % w/v: 50 g of MgSO4·7H2O per 100 mL (500 mg/mL)."]


def test_a_bag_at_a_percent_names_the_percent(mgcalc: Any) -> None:
    data = _convert(mgcalc, "1g@5%", "sulfate")
    assert data["volume_ml"] == 20.0
    assert data["notes"][-1] == "At 5 % w/v, the amount is in 20.00 mL."


def test_a_capped_count_shares_the_cap(mgcalc: Any) -> None:
    # Two doses of 25 mg/kg for 50 kg ask 2.5 g; held to 2 g, each dose is 1 g.
    data = _convert(mgcalc, "2x25mg/kg", "sulfate", "--weight", "50kg", "--max", "2g")
    assert data["max"] == {"input": "2g", "limit": 2.0, "unit": "g", "asked": 2.5, "capped": True}
    assert (data["count"], data["compound_mg"]) == (2, 2000.0)


@pytest.mark.parametrize(
    ("amount", "form", "maximum", "key", "value"),
    [
        ("50mg/kg", "sulfate", "1mg", "compound_mg", 1.0),
        ("0.5mEq/kg", "sulfate-injection-50", "1mEq", "meq", 1.0),
    ],
)
def test_a_cap_of_one_unit_or_less_is_a_cap(
    mgcalc: Any, amount: str, form: str, maximum: str, key: str, value: float
) -> None:
    data = _convert(mgcalc, amount, form, "--weight", "50kg", "--max", maximum)
    assert data["max"]["capped"] is True
    assert data[key] == pytest.approx(value, rel=1e-12)
