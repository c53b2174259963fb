"""The shipped forms table: complete, consistent with chemistry and with published figures."""

from __future__ import annotations

import re

import pytest
from helpers import edit_csv

from mgcalc.chemistry.forms import COLUMNS, Form, build_table, forms_table, read_forms
from mgcalc.chemistry.resolve import resolve_form
from mgcalc.datafiles import data_file
from mgcalc.errors import DataError, UnknownForm

TABLE = forms_table()
SHIPPED = [form for form in TABLE.forms if form.fraction_basis != "definition"]
REQUIRED_KEYS = (
    "oxide", "hydroxide", "carbonate", "chloride", "chloride-anhydrous", "sulfate",
    "sulfate-anhydrous", "citrate", "citrate-nonahydrate", "citrate-1-1", "glycinate",
    "threonate", "malate", "taurate", "lactate", "gluconate", "aspartate", "orotate",
    "pidolate", "glycerophosphate", "magtein", "elemental", "sulfate-injection-50",
    "milk-of-magnesia", "citrate-solution",
)  # fmt: skip

# Published magnesium percentages, transcribed from shared/reference/compounds.md
# (original sources in each data row). Checked to within one unit of the last digit
# the source gives, since sources round or truncate (sulfate 20.19 % is printed 20.1 %).
PUBLISHED_PERCENT = {
    "oxide": "60.3",
    "hydroxide": "41.7",
    "carbonate": "28.8",
    "chloride-anhydrous": "25.5",
    "chloride": "12",
    "sulfate-anhydrous": "20.1",
    "citrate": "16",
    "citrate-nonahydrate": "12",
    "citrate-1-1": "11.3",
    "glycinate": "14.1",
    "threonate": "8.3",
    "malate": "15.5",
    "taurate": "8.9",
    "lactate-anhydrous": "12",
    "gluconate-anhydrous": "5.8",
    "aspartate-anhydrous": "8.5",
    "orotate-anhydrous": "7.2",
    "pidolate": "8.7",
    "magtein": "7.2",
}


def test_required_keys_exist() -> None:
    assert set(REQUIRED_KEYS) <= {form.key for form in TABLE.forms}


def test_every_row_has_a_source() -> None:
    assert all(form.source.strip() for form in TABLE.forms)


@pytest.mark.parametrize(
    ("name", "key", "formula"),
    [
        ("citrate", "citrate", "Mg3(C6H5O7)2"),
        ("chloride", "chloride", "MgCl2·6H2O"),
        ("sulfate", "sulfate", "MgSO4·7H2O"),
        ("lactate", "lactate", "Mg(C3H5O3)2·2H2O"),
        ("gluconate", "gluconate", "Mg(C6H11O7)2·2H2O"),
        ("aspartate", "aspartate", "Mg(C4H6NO4)2·2H2O"),
        ("orotate", "orotate", "Mg(C5H3N2O4)2·2H2O"),
        ("threonate", "threonate", "Mg(C4H7O5)2"),
        ("L-Threonate", "threonate", "Mg(C4H7O5)2"),
        ("bisglycinate", "glycinate", "Mg(C2H4NO2)2"),
        ("Epsom", "sulfate", "MgSO4·7H2O"),
        ("epsom salt", "sulfate", "MgSO4·7H2O"),
        ("Magnesium Oxide", "oxide", "MgO"),
        ("magnesium_citrate", "citrate", "Mg3(C6H5O7)2"),
        ("MAGTEIN", "magtein", "Mg(C4H7O5)2"),
        ("magnesium", "elemental", "Mg"),
    ],
)
def test_bare_names_resolve_as_decided(name: str, key: str, formula: str) -> None:
    form = TABLE.get(name)
    assert (form.key, form.formula) == (key, formula)


def test_near_miss_gets_a_hint() -> None:
    with pytest.raises(UnknownForm, match=r"unknown form 'glycinat'; did you mean 'glycinate'"):
        TABLE.get("glycinat")


def test_far_miss_points_to_the_list() -> None:
    with pytest.raises(UnknownForm, match="'mgcalc forms' lists them all"):
        TABLE.get("unobtainium")


@pytest.mark.parametrize("form", SHIPPED, ids=lambda form: form.key)
def test_molar_mass_and_fraction_match_molmass(form: Form) -> None:
    """Recompute M and the fraction from the formula with an independent library (100 ppm)."""
    from molmass import Formula

    text = form.formula.replace("·", ".")
    parsed = Formula(text, parse_groups=False, parse_oligos=False, parse_fractions=False)
    assert form.molar_mass_g_mol == pytest.approx(parsed.mass, rel=100e-6)
    assert form.mg_atoms == parsed.composition()["Mg"].count
    if form.fraction_basis == "formula":
        expected = parsed.composition()["Mg"].fraction
        assert form.elemental_fraction == pytest.approx(expected, rel=100e-6)


def test_water_of_hydration_matches_formula() -> None:
    for form in SHIPPED:
        hydrate = re.search(r"·([0-9]*)H2O$", form.formula)
        expected = int(hydrate[1] or 1) if hydrate else 0
        if form.key == "carbonate-basic":
            expected = 4
        assert form.water == expected, form.key


@pytest.mark.parametrize(("key", "published"), PUBLISHED_PERCENT.items())
def test_fraction_matches_published_percentage(key: str, published: str) -> None:
    decimals = len(published.partition(".")[2])
    unit = 10.0**-decimals
    percent = TABLE.get(key).elemental_fraction * 100
    assert abs(percent - float(published)) <= unit, f"{key}: {percent:.3f} % vs {published} %"


def test_published_ranges() -> None:
    # USP 24.1–26.2 % Mg for basic carbonate; USP 14.5–16.4 % for dried citrate.
    assert 24.1 <= TABLE.get("carbonate-basic").elemental_fraction * 100 <= 26.2
    assert 14.5 <= TABLE.get("citrate").elemental_fraction * 100 <= 16.4


def test_declared_fraction_is_the_makers() -> None:
    # Magtein: 2 g = 144 mg magnesium.
    assert TABLE.get("magtein").elemental_fraction * 2000 == pytest.approx(144.0, rel=1e-9)


def test_liquids_carry_their_concentration() -> None:
    assert TABLE.get("sulfate-injection-50").compound_mg_per_ml == 500.0
    assert TABLE.get("milk-of-magnesia").compound_mg_per_ml == pytest.approx(80.0)
    assert TABLE.get("citrate-solution").compound_mg_per_ml == pytest.approx(1745 / 30)
    assert TABLE.get("oxide").compound_mg_per_ml is None


def test_resolve_form_reads_formulas() -> None:
    form = resolve_form("FORMULA:MgCl2.6H2O")
    assert form.formula == "MgCl2·6H2O"


def test_header_has_every_column_in_order() -> None:
    header = data_file("forms.csv").read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == COLUMNS


# Corrupted tables are failures of mgcalc, named by file, row and field.

GOOD = data_file("forms.csv").read_text(encoding="utf-8")


def _edit(line: int, column: str, value: str) -> str:
    return edit_csv(GOOD, line, column, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("elemental_fraction,", "fraction,", 1),
            "row 1: missing column 'elemental_fraction'",
        ),
        (_edit(2, "elemental_fraction", "1.2"), "row 2, field 'elemental_fraction'"),
        (_edit(2, "elemental_fraction", "0.5"), "does not match"),
        (_edit(2, "elemental_fraction", "abc"), "row 2, field 'elemental_fraction'"),
        (_edit(3, "molar_mass_g_mol", "-1"), "row 3, field 'molar_mass_g_mol'"),
        (_edit(3, "source", ""), "row 3, field 'source'"),
        (_edit(3, "key", "Bad Key"), "row 3, field 'key'"),
        (_edit(3, "fraction_basis", "guess"), "row 3, field 'fraction_basis'"),
        (_edit(3, "liquid_compound_mg", "400"), "go together"),
        (GOOD.rstrip("\n") + "\ntruncated,row\n", "wrong number of fields"),
    ],
)
def test_corrupt_rows_are_reported(text: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        read_forms(text, "data/forms.csv")
    assert caught.value.exit_code == 1
    assert expected in str(caught.value)
    assert str(caught.value).startswith("data/forms.csv")


def test_duplicate_keys_are_reported() -> None:
    forms = read_forms(_edit(3, "key", "oxide"), "data/forms.csv")
    with pytest.raises(DataError, match=r"'oxide' .* already used by 'oxide'"):
        build_table(forms)
