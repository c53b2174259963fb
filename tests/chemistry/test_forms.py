"""The shipped forms table: complete, consistent with chemistry and with published figures."""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers import edit_csv

from mgcalc.chemistry.forms import (
    COLUMNS,
    Form,
    build_table,
    chemical_note,
    elemental_form,
    forms_table,
    normalize,
    read_forms,
)
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
    "carbonate-anhydrous": "28.8",
    "chloride-anhydrous": "25.5",
    "sulfate-anhydrous": "20.1",
    "citrate": "16",
    "citrate-nonahydrate": "12",
    "citrate-1-1": "11.3",
    "glycinate": "14.1",
    "threonate": "8.3",
    "malate": "15.5",
    "taurate": "8.9",
    "aspartate-anhydrous": "8.42",
    "orotate-anhydrous": "7.2",
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
        if form.key == "carbonate":
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
    assert 24.1 <= TABLE.get("carbonate").elemental_fraction * 100 <= 26.2
    assert 14.5 <= TABLE.get("citrate").elemental_fraction * 100 <= 16.4


def test_declared_fraction_is_the_makers() -> None:
    # Magtein: 2 g = 144 mg magnesium.
    assert TABLE.get("magtein").elemental_fraction * 2000 == pytest.approx(144.0, rel=1e-9)


def test_liquids_carry_their_concentration() -> None:
    assert TABLE.get("sulfate-injection-50").compound_mg_per_ml == 500.0
    assert TABLE.get("milk-of-magnesia").compound_mg_per_ml == pytest.approx(80.0)
    assert TABLE.get("citrate-solution").compound_mg_per_ml == pytest.approx(1745 / 29.5735)
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
        (
            _edit(3, "key", "Bad Key"),
            "row 3, field 'key': a key is lower-case letters, digits and hyphens, e.g. citrate-1-1",
        ),
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


# The corrections of a source audit (shared/reference/clinical.md, last section).


def test_bare_carbonate_is_the_usp_hydrated_basic_salt() -> None:
    basic = TABLE.get("carbonate")
    assert (basic.formula, basic.mg_atoms) == ("4MgCO3·Mg(OH)2·4H2O", 5)
    assert basic.elemental_fraction * 100 == pytest.approx(25.99, abs=0.005)
    assert "24.1–26.2 %" in basic.note
    assert TABLE.get("carbonate-basic") is basic
    anhydrous = TABLE.get("carbonate-anhydrous")
    assert (anhydrous.formula, round(anhydrous.elemental_fraction * 100, 2)) == ("MgCO3", 28.83)


def test_glycerophosphate_cites_the_ph_eur() -> None:
    form = TABLE.get("glycerophosphate")
    assert form.molar_mass_g_mol == pytest.approx(194.4, abs=0.05)  # Ph. Eur. Mr 194.4
    assert form.elemental_fraction * 100 == pytest.approx(12.5, abs=0.01)  # top of 11.0–12.5 %
    assert "Ph. Eur." in form.published or "Pharmacopoeia" in form.source
    assert "hydrated" in form.note
    assert "neomag" not in form.aliases


def test_citrate_solution_is_per_fluid_ounce() -> None:
    form = TABLE.get("citrate-solution")
    assert (form.liquid_compound_mg, form.liquid_volume_ml) == (1745, 29.5735)
    # DailyMed labels: "magnesium 290 mg per 1 fl oz"; the declared figure, not the formula's.
    assert form.fraction_basis == "declared"
    assert form.elemental_fraction * 1745 == pytest.approx(290.0, abs=1e-4)
    assert "282 mg" in form.note


@pytest.mark.parametrize(
    ("key", "in_source"),
    [
        ("glycinate", "Molecules 2021 26:2419"),
        ("taurate", "PMC7397051"),
        ("aspartate-anhydrous", "288.49"),
        ("aspartate-hydrochloride", "615 mg = 61 mg"),
        ("chloride", "computed from the formula"),
        ("lactate-anhydrous", "computed from the formula"),
        ("gluconate-anhydrous", "computed from the formula"),
        ("pidolate", "computed from the formula"),
    ],
)
def test_no_published_figure_cites_only_mgcalcs_own_notes(key: str, in_source: str) -> None:
    form = TABLE.get(key)
    assert in_source in form.source
    assert "shared/reference" not in form.source + form.published


def test_no_row_cites_mgcalcs_own_reference_folder() -> None:
    assert not [form.key for form in TABLE.forms if "mgcalc shared/reference" in form.source]


def test_better_sources_agree_with_the_formula() -> None:
    # Molecules 2021 26:2419: M 172.42, 14.1 %; PMC7397051: taurate M 272.57, 8.9 %;
    # aspartate anhydrous M 288.49 gives 8.42 %; Maginex 615 mg = 61 mg [S].
    assert TABLE.get("glycinate").molar_mass_g_mol == pytest.approx(172.42, abs=0.005)
    assert TABLE.get("taurate").molar_mass_g_mol == pytest.approx(272.57, abs=0.005)
    assert TABLE.get("aspartate-anhydrous").elemental_fraction * 100 == pytest.approx(
        8.42, abs=0.005
    )
    assert 615 * TABLE.get("maginex").elemental_fraction == pytest.approx(61, abs=0.5)


def test_sulfate_premix_1_percent() -> None:
    # AHFS [S]: 1 % MgSO4·7H2O in 5 % dextrose, 10 mg/mL, 0.081 mEq/mL.
    form = TABLE.get("sulfate-premix-1")
    assert form.compound_mg_per_ml == 10
    assert form.formula == "MgSO4·7H2O"
    per_ml_meq = 10 * form.elemental_fraction / 24.305 * 2
    assert per_ml_meq == pytest.approx(0.081, abs=0.0005)


def test_lactate_note_says_the_dihydrate_is_the_default() -> None:
    assert "dihydrate" in TABLE.get("lactate").note
    assert "anhydrous" in TABLE.get("lactate").note


@pytest.mark.parametrize("name", ["slow-mag", "mag-tab-sr", "neomag", "uro-mag"])
def test_product_names_are_not_salt_aliases(name: str) -> None:
    with pytest.raises(UnknownForm):
        TABLE.get(name)


@pytest.mark.parametrize(
    ("alias", "key"),
    [
        ("mag-ox", "oxide"),
        ("maginex", "aspartate-hydrochloride"),
        ("magnerot", "orotate"),
        ("mom", "milk-of-magnesia"),
        ("epsom", "sulfate"),
        ("epsom-salt", "sulfate"),
        ("epsom-salts", "sulfate"),
    ],
)
def test_names_whose_labels_give_the_salt_weight_stay_aliases(alias: str, key: str) -> None:
    assert TABLE.get(alias).key == key


# Chemical names (MgSO4 for sulfate), the notes that say how they were read, and the hints of
# an unknown name: each rule at its edge.


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("MgSO4", "sulfate"),  # of MgSO4 and MgSO4·7H2O, the shorter key: the heptahydrate
        ("mgcl2", "chloride"),
        (" Mg(OH)2 ", "hydroxide"),  # not milk-of-magnesia: a liquid never matches
        ("4MgCO3", "carbonate"),
        ("MgO", "oxide"),
    ],
)
def test_a_chemical_name_is_the_form_people_mean(typed: str, key: str) -> None:
    assert TABLE.chemical(typed) is TABLE.get(key)


@pytest.mark.parametrize("typed", ["sulfate", "C4H5MgNO4", "MgXyz9", "Mg SO4"])
def test_only_a_known_name_starting_with_mg_is_a_chemical_name(typed: str) -> None:
    # C4H5MgNO4 is aspartate hydrochloride's formula, but a chemical name starts with Mg.
    assert TABLE.chemical(typed) is None


def _form(key: str, formula: str, fraction: float = 0.2) -> Form:
    return Form(
        key=key, name=key, formula=formula, water=0, mg_atoms=1, molar_mass_g_mol=100.0,
        fraction_basis="declared", elemental_fraction=fraction, source="test",
    )  # fmt: skip


def test_chemical_names_of_declared_rows_and_ties_match_nothing() -> None:
    # Declared rows never match; among formula rows, two keys of one length are a tie.
    declared = build_table((_form("aa", "MgZz"),))
    assert declared.chemical("MgZz") is None
    row = TABLE.get("glycinate").model_copy(update={"aliases": ()})
    tie = build_table((row.model_copy(update={"key": "g1"}), row.model_copy(update={"key": "g2"})))
    assert tie.chemical("Mg(C2H4NO2)2") is None
    single = build_table(
        (row.model_copy(update={"key": "g12"}), row.model_copy(update={"key": "g1"}))
    )
    assert single.chemical("Mg(C2H4NO2)2").key == "g1"


@pytest.mark.parametrize(
    ("typed", "key", "note"),
    [
        ("MgSO4", "sulfate",
         "'MgSO4' is a chemical name: read as 'sulfate', the form people mean by it "
         "(MgSO4·7H2O); for exactly MgSO4 write formula:MgSO4."),
        ("MgO", "oxide", "'MgO' is a chemical name: read as 'oxide', the form people mean by it."),
        ("sulfate", "sulfate", None),  # a key: nothing to say
        ("epsom", "sulfate", None),  # an alias
        ("MgSO4", "oxide", None),  # MgSO4 is not oxide
    ],
)  # fmt: skip
def test_chemical_notes(typed: str, key: str, note: str | None) -> None:
    assert chemical_note(typed, forms_table().get(key)) == note


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Magnesium Oxide", "oxide"),
        ("magnesium_citrate", "citrate"),
        ("magnesium", "magnesium"),
        ("magnesium_", "magnesium-"),  # nothing after the prefix: kept whole
    ],
)
def test_normalize(typed: str, folded: str) -> None:
    assert normalize(typed) == folded


def test_elemental_magnesium_is_the_element_itself() -> None:
    form = elemental_form()
    assert (form.water, form.mg_atoms, form.elemental_fraction) == (0, 1, 1.0)
    assert form.molar_mass_g_mol == pytest.approx(24.305, abs=1e-9)  # compounds.md


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("x" * 40, "x" * 40), ("x" * 41, "x" * 40 + "…")],
)
def test_an_unknown_name_is_shown_up_to_40_characters(typed: str, shown: str) -> None:
    with pytest.raises(UnknownForm) as caught:
        TABLE.get(typed)
    assert str(caught.value).startswith(f"unknown form '{shown}';")


def test_a_near_miss_names_at_most_three_forms() -> None:
    with pytest.raises(UnknownForm) as caught:
        TABLE.get("sulfate-premix")
    assert str(caught.value) == (
        "unknown form 'sulfate-premix'; did you mean 'sulfate-premix-8' or "
        "'sulfate-premix-4' or 'sulfate-premix-1'?"
    )


def test_a_liquid_exactly_at_the_largest_concentration_is_allowed() -> None:
    # The bound of an '@…' amount, 10⁹ mg per mL, is included.
    at = _form("strong", "MgZz").model_dump()
    form = Form(**{**at, "liquid_compound_mg": 1e9, "liquid_volume_ml": 1.0})
    assert form.compound_mg_per_ml == 1e9
    with pytest.raises(ValueError, match="over 1e"):
        Form(**{**at, "liquid_compound_mg": 1e9, "liquid_volume_ml": 0.5})


@pytest.mark.parametrize(("spaces", "hint"), [(56, True), (57, False)])
def test_names_over_64_characters_get_no_near_miss(spaces: int, hint: bool) -> None:
    # Runs of spaces fold to one hyphen, so 'glyc … inat' is a near miss of 'glyc-inat'; at
    # 65 characters mgcalc no longer looks (difflib takes seconds on long text).
    typed = "glyc" + " " * spaces + "inat"
    with pytest.raises(UnknownForm) as caught:
        TABLE.get(typed)
    assert ("did you mean 'glycinate'" in str(caught.value)) is hint
    assert ("'mgcalc forms' lists them all" in str(caught.value)) is not hint


def test_an_edited_table_may_leave_a_text_cell_empty() -> None:
    # MGCALC_DATA_DIR reads an edited copy: an empty published, note or aliases cell is "".
    edited = GOOD
    for column in ("published", "note", "aliases"):
        edited = edit_csv(edited, 2, column, "")
    oxide = read_forms(edited, "data/forms.csv")[0]
    assert (oxide.key, oxide.published, oxide.note, oxide.aliases) == ("oxide", "", "", ())


@pytest.mark.parametrize(("off", "read"), [(0.5e-4, True), (-0.5e-4, True), (1.5e-4, False)])
def test_a_formula_fraction_agrees_to_one_part_in_10_000(off: float, read: bool) -> None:
    # Oxide, MgO: 24.305 / 40.304 = 0.603042; a fraction off by more than 1e-4 of it is refused.
    fraction = 24.305 / 40.304 * (1 + off)
    edited = _edit(2, "elemental_fraction", repr(fraction))
    if read:
        assert read_forms(edited, "data/forms.csv")[0].elemental_fraction == fraction
    else:
        with pytest.raises(DataError) as caught:
            read_forms(edited, "data/forms.csv")
        assert str(caught.value) == (
            f"data/forms.csv, row 2: elemental_fraction {fraction} does not match "
            "mg_atoms × 24.305 / molar_mass_g_mol = 0.603042"
        )


def test_the_elemental_row_in_full(mgcalc: Any) -> None:
    (row,) = mgcalc("forms", "elemental", "--json").json()["forms"]
    assert row == {
        "key": "elemental",
        "name": "Elemental magnesium",
        "aliases": ["magnesium", "mg", "elemental-magnesium"],
        "formula": "Mg",
        "water": 0,
        "mg_atoms": 1,
        "molar_mass_g_mol": 24.305,
        "fraction_basis": "definition",
        "elemental_fraction": 1.0,
        "liquid_compound_mg": None,
        "liquid_volume_ml": None,
        "published": "",
        "note": "The amount is magnesium itself, as on a US Supplement Facts line "
        "'Magnesium (as …) 200 mg'.",
        "source": "Definition; 21 CFR 101.36(d): Supplement Facts declare the dietary ingredient",
        "custom": False,
    }
    converted = mgcalc("convert", "400mg", "--json").json()
    assert converted["source"] == row["source"]


@pytest.mark.parametrize(
    "name", ["magnesium", "Magnesium", "mg", "MG", "elemental-magnesium", "elemental magnesium"]
)
def test_the_element_by_each_of_its_names(mgcalc: Any, name: str) -> None:
    data = mgcalc("convert", "400mg", name, "--json").json()
    assert (data["form"], data["elemental_mg"], data["compound_mg"]) == ("elemental", 400.0, None)


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        # The three forms named are of the eight nearest names, keys and aliases alike: the
        # nearest three names here hold only two forms.
        ("slfate", "'sulfate' or 'malate' or 'lactate'"),
        ("citrat", "'citrate' or 'citrate-1-1' or 'taurate'"),
    ],
)
def test_a_typo_names_three_forms(mgcalc: Any, typed: str, hint: str) -> None:
    run = mgcalc("convert", "400mg", typed)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"error: unknown form '{typed}'; did you mean {hint}?\n"
