"""Products as labelled: the declared magnesium per unit counts, never a salt's fraction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused, edit_csv

import mgcalc
from mgcalc.clinical.products import (
    COLUMNS,
    BadProductsFile,
    Product,
    ProductAmount,
    _build,
    convert_product,
    find_product,
    products_table,
)
from mgcalc.datafiles import data_file
from mgcalc.errors import DataError
from mgcalc.tables import read_table

# Transcribed from shared/reference/clinical.md, "Products as labelled":
# key -> (magnesium per unit as declared, unit, mL per unit or None, salt, evidence).
DECLARED = {
    "oxide-400-tablet": (241.3, "tablet", None, "oxide", "primary"),
    "uro-mag": (84.5, "capsule", None, "oxide", "secondary"),
    "mag-tab-sr": (84.0, "caplet", None, "lactate", "primary"),
    "slow-mag": (71.5, "tablet", None, "chloride", "secondary"),
    "mag-g": (27.0, "tablet", None, "gluconate", "secondary"),
    "magonate": (27.0, "tablet", None, "gluconate", "secondary"),
    "neomag": (97.2, "tablet", None, "glycerophosphate", "primary"),
    "verla-effervescent": (121.5, "effervescent tablet", None, "aspartate", "primary"),
    "verla-300": (300.0, "sachet", None, "citrate", "primary"),
    "magnespasmyl": (47.4, "tablet", None, "lactate", "primary"),
    "phillips-mom": (500.0, "15 mL", 15.0, "hydroxide", "primary"),
    "maalox": (85.0, "5 mL", 5.0, "hydroxide", "primary"),
    # clinical.md, "Additions and corrections, 2026-12-07", Products (declared magnesium).
    "mag-ox-400": (241.3, "tablet", None, "oxide", "primary"),
    "epsom-laxative": (495.0, "level teaspoon (5 mL)", 5.0, "sulfate", "primary"),
    "magnaspartate": (243.0, "sachet (6.5 g)", None, "aspartate", "primary"),
    "glycero-chewable": (97.2, "chewable tablet", None, "glycerophosphate", "primary"),
    "magne-b6": (48.0, "tablet", None, "lactate", "primary"),
    "magne-b6-solution": (100.0, "10 mL ampoule", 10.0, "pidolate", "primary"),
    "diasporal-300": (301.0, "sachet", None, "citrate", "primary"),
    "verla-kautabletten": (121.5, "chewable tablet", None, "aspartate", "primary"),
    "al-mg-hydroxide": (83.0, "5 mL", 5.0, "hydroxide", "primary"),
}
# mmol or mEq printed on the same labels, checked to one unit of the last digit printed or
# 0.5 %, whichever is larger (Uro-Mag's 6.93 mEq for 84.5 mg is 0.3 % below 84.5 / 12.1525).
DECLARED_MMOL = {
    "neomag": "4",
    "verla-effervescent": "5",
    "verla-300": "12.3",
    "magnespasmyl": "1.9",
    "magnaspartate": "10",
    "glycero-chewable": "4",
    "magne-b6": "1.97",
    "magne-b6-solution": "4.12",
    "diasporal-300": "12.4",
    "verla-kautabletten": "5",
}
DECLARED_MEQ = {"uro-mag": "6.93", "mag-tab-sr": "7"}


def _close(value: float, printed: str) -> bool:
    unit = 10.0 ** -len(printed.partition(".")[2])
    return abs(value - float(printed)) <= max(unit, 5e-3 * float(printed))


@pytest.fixture(autouse=True)
def shipped_products_after() -> Iterator[None]:
    yield
    mgcalc.use_products(None)


def test_every_product_of_the_reference_is_shipped() -> None:
    assert {product.key for product in products_table().products} == set(DECLARED)


@pytest.mark.parametrize(("key", "expected"), DECLARED.items())
def test_declared_figures(key: str, expected: tuple[object, ...]) -> None:
    product = find_product(key)
    assert product is not None
    row = (
        product.elemental_mg_per_unit, product.unit, product.per_volume_ml, product.salt,
        product.evidence,
    )  # fmt: skip
    assert row == expected
    assert product.source


@pytest.mark.parametrize("key", DECLARED)
def test_one_unit_gives_the_declared_magnesium(key: str) -> None:
    product = find_product(key)
    assert product is not None
    amount = "1" if product.per_volume_ml is None else f"{product.per_volume_ml:g}mL"
    result = convert_product(amount, product)
    assert result.elemental_mg == product.elemental_mg_per_unit
    assert (result.read_as, result.elemental_fraction, result.compound_mg) == (
        "declared", None, None,
    )  # fmt: skip
    if key in DECLARED_MMOL:
        assert _close(result.mmol, DECLARED_MMOL[key])
    if key in DECLARED_MEQ:
        assert _close(result.meq, DECLARED_MEQ[key])


@pytest.mark.parametrize("key", DECLARED)
def test_a_mass_is_refused_with_a_hint(mgcalc: Any, key: str) -> None:
    product = find_product(key)
    assert product is not None
    run = mgcalc("dose", f"{key}=535mg")
    assert_refused(run, f"or name the salt to give its weight ({product.salt}=535mg)")
    assert "give a count" in run.stderr or "give a volume" in run.stderr


def test_the_undercount_case(mgcalc: Any) -> None:
    # Two Mag-Tab SR caplets declare 2 × 84 mg; the lactate's fraction is never applied.
    data = mgcalc("dose", "mag-tab-sr=2", "--json").json()
    assert data["supplemental_mg"] == 168.0
    item = data["items"][0]
    assert item["read_as"] == "declared"
    assert (item["elemental_fraction"], item["compound_mg"]) == (None, None)
    assert item["formula"] == "Mg(C3H5O3)2·2H2O"
    assert item["product"] == {
        "key": "mag-tab-sr",
        "name": "Mag-Tab SR",
        "unit": "caplet",
        "per_volume_ml": None,
        "elemental_mg_per_unit": 84.0,
        "salt": "lactate",
        "other_minerals": [],
        "source": "Mag-Tab SR maker's product page; prescribing information (secondary copy)",
        "evidence": "primary",
        "custom": False,
    }


def test_convert_a_count(mgcalc: Any) -> None:
    run = mgcalc("convert", "2", "mag-tab-sr")
    assert run.exit_code == 0
    assert "168.0 mg" in run.stdout
    assert "as declared on the label" in run.stdout
    assert "Mag-Tab SR maker's product page" in run.stdout
    data = mgcalc("convert", "2", "mag-tab-sr", "--json").json()
    assert (data["count"], data["given_as"], data["elemental_mg"]) == (2, "count", 168.0)


def test_slow_mag_declares_calcium(mgcalc: Any) -> None:
    data = mgcalc("dose", "slow-mag=2", "--age", "70", "--sex", "male", "--json").json()
    assert data["supplemental_mg"] == 143.0
    assert data["items"][0]["product"]["other_minerals"] == [{"name": "calcium", "mg": 119.0}]
    assert any("calcium 119 mg per tablet: not magnesium" in note for note in data["notes"])
    assert any("secondary source" in note for note in data["notes"])


@pytest.mark.parametrize(
    ("item", "elemental_mg", "volume_ml"),
    [("phillips-mom=30mL", 1000.0, 30.0), ("maalox=10mL", 170.0, 10.0)],
)
def test_per_volume_products_take_a_volume(
    mgcalc: Any, item: str, elemental_mg: float, volume_ml: float
) -> None:
    data = mgcalc("dose", item, "--json").json()
    assert data["supplemental_mg"] == pytest.approx(elemental_mg)
    assert data["items"][0]["volume_ml"] == volume_ml


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("phillips-mom=2", "give a volume, e.g. phillips-mom=15mL"),
        ("slow-mag=10mL", "give a count (slow-mag=2 is two tablets)"),
        ("slow-mag=0", "give a count from 1"),
        ("slow-mag=2mmol", "(chloride=2mmol)"),
        ("maalox=10mL@5mg/mL", "give only the volume"),
        ("slow-mag=abc", "give a count"),
    ],
)
def test_amounts_a_label_cannot_answer(mgcalc: Any, item: str, message: str) -> None:
    assert_refused(mgcalc("dose", item), message)


def test_options_that_do_not_apply_to_a_product(mgcalc: Any) -> None:
    assert_refused(mgcalc("convert", "2", "slow-mag", "--elemental"), "do not apply")


def test_salt_aliases_read_a_mass_as_the_salt(mgcalc: Any) -> None:
    data = mgcalc("dose", "mag-ox=400mg", "epsom-salts=1g", "--json").json()
    assert [item["read_as"] for item in data["items"]] == ["compound", "compound"]
    assert [item["product"] for item in data["items"]] == [None, None]


def test_products_command(mgcalc: Any) -> None:
    run = mgcalc("products")
    assert run.exit_code == 0
    for key in DECLARED:
        assert key in run.stdout
    data = mgcalc("products", "verla", "--json").json()
    assert [product["key"] for product in data["products"]] == [
        "verla-effervescent", "verla-300", "verla-kautabletten",
    ]  # fmt: skip
    assert data["query"] == "verla"
    one = mgcalc("products", "Slow-Mag").stdout
    assert "Lexicomp copy" in one


def test_unknown_product(mgcalc: Any) -> None:
    assert_refused(mgcalc("products", "slow-mg"), "did you mean 'slow-mag'?")
    assert_refused(mgcalc("products", "unobtainium"), "'mgcalc products' lists them all")


def test_products_are_not_forms(mgcalc: Any) -> None:
    assert_refused(mgcalc("forms", "slow-mag"), "is a product")
    assert_refused(
        mgcalc("plan", "neomag", "--age", "40", "--sex", "male"), "--unit elemental=97.2mg"
    )
    assert "'mgcalc products'" in mgcalc("forms").stdout


def test_a_near_miss_suggests_the_product(mgcalc: Any) -> None:
    assert_refused(mgcalc("dose", "slowmg=2"), "did you mean the product 'slow-mag'?")


# The table's integrity.

TEXT = data_file("products.csv").read_text(encoding="utf-8")


def _rows(text: str) -> tuple[Product, ...]:
    from mgcalc.clinical.products import TEXT_COLUMNS, _prepare

    return read_table(
        text, "data/products.csv", Product, columns=COLUMNS, text_columns=TEXT_COLUMNS,
        prepare=_prepare,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (2, "elemental_mg_per_unit", "-1", "row 2, field 'elemental_mg_per_unit'"),
        (2, "evidence", "hearsay", "row 2, field 'evidence'"),
        (2, "key", "Bad Key", "row 2, field 'key'"),
        (2, "source", "", "row 2, field 'source'"),
        (5, "other_minerals", "calcium", "row 5, field 'other_minerals'"),
        (5, "other_minerals", "calcium:-3", "row 5, field 'other_minerals"),
    ],
)
def test_corrupt_rows_are_reported(line: int, column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected.replace("(", r"\(")):
        _rows(edit_csv(TEXT, line, column, value))


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (3, "key", "oxide-400-tablet", "row 3: name 'oxide-400-tablet' of 'oxide-400-tablet'"),
        (3, "aliases", "chloride", "is a form's name ('chloride')"),
        (3, "salt", "unobtainium", "row 3, field 'salt': salt 'unobtainium' is not a form's key"),
    ],
)
def test_names_and_salts_are_checked(line: int, column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        _build(_rows(edit_csv(TEXT, line, column, value)), "data/products.csv")


# A user's own products file.

HEADER = ",".join(COLUMNS)
BOTTLE = (
    "my-glycinate,My glycinate capsule,,capsule,,120,glycinate,,"
    "magnesium 120 mg per capsule,,The bottle in front of me,primary"
)


def _file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "products.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def test_custom_product_is_used_and_marked(mgcalc: Any, tmp_path: Path) -> None:
    path = str(_file(tmp_path, BOTTLE))
    data = mgcalc("dose", "my-glycinate=3", "--products", path, "--json").json()
    assert data["supplemental_mg"] == 360.0
    assert data["items"][0]["product"]["custom"] is True
    assert data["items"][0]["custom"] is True
    assert any("your own products file" in note for note in data["notes"])
    assert "(custom)" in mgcalc("products", "my-glycinate", "--products", path).stdout


def test_use_products_clears_the_memos_of_dose(tmp_path: Path) -> None:
    # dose memoises each item; the memo is registered in clinical.product_names, which
    # dose imports without the products table, and must still be forgotten on a switch.
    override = BOTTLE.replace("my-glycinate,", "slow-mag,", 1)
    path = tmp_path / "override.csv"
    path.write_text(f"{HEADER},override\n{override},true\n", encoding="utf-8")
    person = {"age": 42, "sex": "female"}
    assert mgcalc.dose(["slow-mag=1"], **person).supplemental_mg == 71.5
    mgcalc.use_products(path)
    assert mgcalc.dose(["slow-mag=1"], **person).supplemental_mg == 120.0
    mgcalc.use_products(None)
    assert mgcalc.dose(["slow-mag=1"], **person).supplemental_mg == 71.5


def test_products_environment_variable(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MGCALC_PRODUCTS", str(_file(tmp_path, BOTTLE)))
    assert mgcalc("convert", "2", "my-glycinate", "--json").json()["elemental_mg"] == 240.0


def test_a_custom_row_may_not_take_a_shipped_key_without_override(tmp_path: Path) -> None:
    row = BOTTLE.replace("my-glycinate,", "slow-mag,", 1)
    with pytest.raises(BadProductsFile, match="set override to true"):
        mgcalc.use_products(_file(tmp_path, row))
    path = tmp_path / "override.csv"
    path.write_text(f"{HEADER},override\n{row},true\n", encoding="utf-8")
    mgcalc.use_products(path)
    assert convert_product("1", find_product("slow-mag")).elemental_mg == 120.0  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (BOTTLE.replace(",120,", ",abc,"), "products.csv, row 2, field 'elemental_mg_per_unit'"),
        (BOTTLE.replace(",glycinate,", ",glycinat,"), "salt 'glycinat' is not a form's key"),
        (BOTTLE.replace("my-glycinate,", "oxide,", 1), "is a form's name ('oxide')"),
        (
            BOTTLE.replace("my-glycinate,", "slow-mag,", 1),
            "products.csv, row 2, field 'key': 'slow-mag' is a shipped product ('slow-mag'); "
            "give it another key, or set override to true to replace it",
        ),
    ],
)
def test_bad_custom_rows_are_refused(mgcalc: Any, tmp_path: Path, row: str, message: str) -> None:
    run = mgcalc("dose", "slow-mag=1", "--products", str(_file(tmp_path, row)))
    assert_refused(run, message)


def test_an_unreadable_products_file(mgcalc: Any, tmp_path: Path) -> None:
    run = mgcalc("products", "--products", str(tmp_path / "missing.csv"))
    assert_refused(run, "cannot read products file")


def test_amount_errors_are_input_errors() -> None:
    assert issubclass(ProductAmount, ValueError)


# Edges the mutation run looks at (tools/mutate.py): each asserts what a user reads.


@pytest.mark.parametrize(("count", "elemental_mg"), [("1", 71.5), ("10000", 715_000.0)])
def test_counts_from_1_to_10000(count: str, elemental_mg: float) -> None:
    assert convert_product(count, find_product("slow-mag")).elemental_mg == elemental_mg  # type: ignore[arg-type]


@pytest.mark.parametrize("count", ["0", "10001"])
def test_counts_outside_1_to_10000_are_refused(count: str) -> None:
    with pytest.raises(ProductAmount) as caught:
        convert_product(count, find_product("slow-mag"))  # type: ignore[arg-type]
    assert str(caught.value) == f"'slow-mag={count}': give a count from 1 to 10000 tablets"


def test_one_oxide_tablet_in_mmol_and_meq() -> None:
    # 241.3 mg / 24.305 mg per mmol = 9.928 mmol = 19.86 mEq (clinical.md: 1 mmol = 2 mEq).
    result = convert_product("1", find_product("oxide-400-tablet"))  # type: ignore[arg-type]
    assert result.mmol == pytest.approx(9.928, rel=1e-4)
    assert result.meq == pytest.approx(19.856, rel=1e-4)
    assert (result.read_as, result.given_as, result.count) == ("declared", "count", 1)


def test_what_the_label_cannot_answer_is_shown_up_to_20_characters() -> None:
    with pytest.raises(ProductAmount) as caught:
        convert_product("x" * 21, find_product("slow-mag"))  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"'slow-mag={'x' * 20}…': Slow-Mag is declared per tablet")
    with pytest.raises(ProductAmount) as caught:
        convert_product("x" * 20, find_product("slow-mag"))  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"'slow-mag={'x' * 20}': Slow-Mag")


def test_notes_of_a_primary_product_without_minerals() -> None:
    notes = convert_product("1", find_product("oxide-400-tablet")).notes  # type: ignore[arg-type]
    assert notes == (
        "'oxide-400-tablet' read as Magnesium oxide 400 mg tablet (generic), as declared on the "
        "label: magnesium 241.3 mg per tablet (magnesium oxide 400 mg). The salt (Magnesium "
        "oxide) only names the source; its fraction is not applied.",
        "Other generics print 240 or 241.2 mg.",
    )


def test_a_product_named_where_a_form_is_needed() -> None:
    from mgcalc.clinical.products import product_hint

    assert product_hint("Slow-Mag") == (
        "'Slow-Mag' is a product (71.5 mg magnesium per tablet, as declared on its label), "
        "not a form: 'mgcalc products slow-mag'"
    )
    assert product_hint("oxide") is None


def test_resolve_item_tells_forms_from_products() -> None:
    from mgcalc.clinical.products import resolve_item
    from mgcalc.errors import UnknownForm

    assert resolve_item("oxide") is None
    assert resolve_item("formula:MgO") is None
    product = resolve_item("Slow-Mag")
    assert product is not None and product.key == "slow-mag"
    with pytest.raises(UnknownForm) as caught:  # near a form: the form's hint stays
        resolve_item("oxde")
    assert str(caught.value) == "unknown form 'oxde'; did you mean 'oxide' or 'hydroxide'?"
    with pytest.raises(UnknownForm, match="did you mean the product 'slow-mag'"):
        resolve_item("slow-mg")
    with pytest.raises(UnknownForm) as caught:  # over 64 characters: no product looked for
        resolve_item("slow-mg" + " " * 60)
    assert "product" not in str(caught.value)


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("hydroxide", ["phillips-mom", "maalox", "al-mg-hydroxide"]),
        ("Maalox", ["maalox"]),
        ("MOM", ["phillips-mom"]),
    ],
)
def test_list_products_by_salt_name_or_alias(query: str, keys: list[str]) -> None:
    from mgcalc.clinical.products import list_products

    assert [product.key for product in list_products(query).products] == keys


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("  ", "no product matches '  ' ('mgcalc products' lists them all)"),
        ("x" * 41, f"no product matches '{'x' * 40}…' ('mgcalc products' lists them all)"),
        ("slow" + " " * 56 + "-mg", "did you mean 'slow-mag'?"),  # 63 characters
        ("slow" + " " * 58 + "-mg", "no product matches 'slow"),  # 65: no near miss looked for
    ],
)
def test_unknown_products(query: str, message: str) -> None:
    from mgcalc.clinical.products import UnknownProduct, list_products

    with pytest.raises(UnknownProduct) as caught:
        list_products(query)
    assert message in str(caught.value)
    if len(query) > 64:
        assert "did you mean" not in str(caught.value)


def test_custom_rows_are_named_by_their_own_line(tmp_path: Path) -> None:
    bad = BOTTLE.replace("my-glycinate,", "other,", 1).replace(",glycinate,", ",glycinat,")
    with pytest.raises(BadProductsFile, match="row 3, field 'salt'"):
        mgcalc.use_products(_file(tmp_path, BOTTLE, bad))


def test_an_empty_override_cell_is_false(tmp_path: Path) -> None:
    path = tmp_path / "override.csv"
    path.write_text(f"{HEADER},override\n{BOTTLE.replace('my-glycinate,', 'slow-mag,', 1)},\n")
    with pytest.raises(BadProductsFile, match="set override to true"):
        mgcalc.use_products(path)


def test_a_products_file_up_to_its_size_limit_is_read(tmp_path: Path) -> None:
    from mgcalc.clinical.products import MAX_PRODUCTS_FILE_BYTES

    rows = "".join(
        BOTTLE.replace("my-glycinate,", f"b{row},", 1).replace(
            "magnesium 120 mg per capsule,", f"magnesium 120 mg per capsule,{'n' * 100_000}"
        ) + "\n"
        for row in range(100)
    )  # fmt: skip
    text = f"{HEADER}\n{rows}"
    path = tmp_path / "products.csv"
    for size, accepted in ((MAX_PRODUCTS_FILE_BYTES, True), (MAX_PRODUCTS_FILE_BYTES + 1, False)):
        cut = text[:size]
        cut = cut[: cut.rindex("\n") + 1]  # whole rows, then blank lines to the size asked
        path.write_bytes(cut.encode() + b"\n" * (size - len(cut)))
        assert path.stat().st_size == size
        if accepted:
            mgcalc.use_products(path)
            assert convert_product("2", find_product("b0")).elemental_mg == 240.0  # type: ignore[arg-type]
        else:
            with pytest.raises(BadProductsFile, match="larger than 10000000 bytes"):
                mgcalc.use_products(path)


def test_a_products_file_in_another_encoding(tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_bytes(f"{HEADER}\n{BOTTLE.replace('My glycinate', 'Müller')}\n".encode("latin-1"))
    with pytest.raises(BadProductsFile, match="is not UTF-8 text"):
        mgcalc.use_products(path)


def test_a_volume_is_given_as_volume() -> None:
    result = convert_product("30mL", find_product("phillips-mom"))  # type: ignore[arg-type]
    assert (result.given_as, result.volume_ml, result.count) == ("volume_ml", 30.0, 1)


@pytest.mark.parametrize(
    ("key", "amount", "ending"),
    [
        ("slow-mag", "abc", "give a count (slow-mag=2 is two tablets), or name the salt to give "
         "its weight, e.g. chloride=500mg"),
        ("phillips-mom", "abc", "give a volume (phillips-mom=15mL), or name the salt to give its "
         "weight, e.g. hydroxide=500mg"),
        ("phillips-mom", "400mg", "give a volume (phillips-mom=15mL), or name the salt to give "
         "its weight (hydroxide=400mg)"),
    ],
)  # fmt: skip
def test_hints_say_what_to_give(key: str, amount: str, ending: str) -> None:
    with pytest.raises(ProductAmount) as caught:
        convert_product(amount, find_product(key))  # type: ignore[arg-type]
    assert str(caught.value).endswith(ending)


def test_a_custom_product_without_a_note_has_no_empty_note(tmp_path: Path) -> None:
    mgcalc.use_products(_file(tmp_path, BOTTLE))
    notes = convert_product("1", find_product("my-glycinate")).notes  # type: ignore[arg-type]
    assert notes == (
        "'my-glycinate' read as My glycinate capsule, as declared on the label: magnesium 120 mg "
        "per capsule. The salt (Magnesium bisglycinate) only names the source; its fraction is "
        "not applied.",
        "'my-glycinate' is a row of your own products file, not mgcalc's table.",
    )


def test_an_exact_name_lists_that_product_only(tmp_path: Path) -> None:
    from mgcalc.clinical.products import list_products

    mgcalc.use_products(_file(tmp_path, BOTTLE, BOTTLE.replace("my-glycinate,", "my-glycinate-2,")))
    assert [product.key for product in list_products("my-glycinate").products] == ["my-glycinate"]
    assert len(list_products("my-glyc").products) == 2


@pytest.mark.parametrize(("spaces", "hint"), [(57, True), (58, False)])
def test_a_product_is_suggested_for_names_up_to_64_characters(spaces: int, hint: bool) -> None:
    from mgcalc.clinical.products import UnknownProduct, list_products, resolve_item
    from mgcalc.errors import UnknownForm

    name = "slow" + " " * spaces + "-mg"  # 64, then 65 characters
    with pytest.raises(UnknownForm) as caught:
        resolve_item(name)
    assert ("did you mean the product 'slow-mag'?" in str(caught.value)) is hint
    if hint:
        assert str(caught.value).startswith(f"unknown form or product '{name[:40]}';")
    with pytest.raises(UnknownProduct) as listed:
        list_products(name)
    assert ("did you mean 'slow-mag'?" in str(listed.value)) is hint


def test_an_unknown_product_of_40_characters_is_shown_whole() -> None:
    from mgcalc.clinical.products import UnknownProduct, list_products

    with pytest.raises(UnknownProduct) as caught:
        list_products("x" * 40)
    assert str(caught.value).startswith(f"no product matches '{'x' * 40}' (")


# Products as labelled (clinical.md, 2026-12-07).


@pytest.mark.parametrize(
    ("words", "key", "elemental_mg"),
    [
        (["1tsp", "epsom"], "epsom-laxative", 495.0),  # "each teaspoon: magnesium 495 mg"
        (["1tbsp", "epsom"], "epsom-laxative", 1485.0),  # 3 level teaspoons
        (["2", "tsp", "Epsom", "salt"], "epsom-laxative", 990.0),
        (["1", "mag-ox"], "mag-ox-400", 241.3),  # a bare count of a salt alias: the tablet
        (["2", "mag-ox-400"], "mag-ox-400", 482.6),
        (["1", "magox-400"], "mag-ox-400", 241.3),
    ],
)
def test_salt_names_with_a_product_amount_read_the_product(
    mgcalc: Any, words: list[str], key: str, elemental_mg: float
) -> None:
    data = mgcalc("convert", *words, "--json").json()
    assert data["product"]["key"] == key
    assert data["elemental_mg"] == pytest.approx(elemental_mg, abs=1e-9)
    assert data["read_as"] == "declared"


@pytest.mark.parametrize(
    ("item", "key"),
    [("epsom=1tsp", "epsom-laxative"), ("mag-ox=1", "mag-ox-400"),
     ("mag-ox 400=2", "mag-ox-400"), ("magox 400=2", "mag-ox-400")],
)  # fmt: skip
def test_dose_items_read_the_product(mgcalc: Any, item: str, key: str) -> None:
    data = mgcalc("dose", item, "--json").json()
    assert data["items"][0]["product"]["key"] == key


def test_epsom_by_mass_stays_the_heptahydrate(mgcalc: Any) -> None:
    # MgSO4·7H2O: 24.305 / 246.466 = 9.8614 % magnesium.
    data = mgcalc("convert", "1g", "epsom", "--json").json()
    assert (data["form"], data["product"]) == ("sulfate", None)
    assert data["elemental_mg"] == pytest.approx(98.614, abs=1e-3)
    concentrated = mgcalc("convert", "1tsp@500mg/mL", "epsom", "--json").json()
    assert concentrated["product"] is None  # a strength given: the salt in solution
    salt = mgcalc("convert", "1", "oxide")
    assert salt.exit_code != 0  # only the label's name, mag-ox, counts tablets


def test_slow_mag_note_names_the_generics_that_differ() -> None:
    product = find_product("slow-mag")
    assert product is not None
    assert "64 mg" in product.note and "106 mg" in product.note


def test_a_volume_of_the_salt_points_to_the_epsom_product(mgcalc: Any) -> None:
    assert_refused(mgcalc("convert", "1tsp", "sulfate"), "as labelled: epsom-laxative)")
    oxide = mgcalc("convert", "1tsp", "oxide")
    assert_refused(oxide, "a volume needs a concentration")
    assert "epsom" not in oxide.stderr


def test_a_name_without_hyphens_two_products_share_finds_neither(tmp_path: Path) -> None:
    from mgcalc.clinical.product_names import find_product as find_by_name

    twin = BOTTLE.replace("my-glycinate,", "my-gly-cinate,", 1)
    mgcalc.use_products(_file(tmp_path, BOTTLE, twin))
    assert find_by_name("myglycinate") is None  # ambiguous: the exact name is needed
    assert find_by_name("my-gly-cinate").key == "my-gly-cinate"  # type: ignore[union-attr]
    assert find_by_name("my-glycinate").key == "my-glycinate"  # type: ignore[union-attr]


def test_a_product_whose_key_and_alias_squeeze_alike_is_found(tmp_path: Path) -> None:
    from mgcalc.clinical.product_names import find_product as find_by_name

    mgcalc.use_products(_file(tmp_path, BOTTLE.replace(",,capsule,", ",my-gly-cinate,capsule,", 1)))
    assert find_by_name("myglycinate").key == "my-glycinate"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([BOTTLE.replace("my-glycinate,", "My_Gly,", 1)],
         "row 2, field 'key': a key is lower-case letters, digits and hyphens, e.g. slow-mag"),
        ([BOTTLE, BOTTLE.replace("my-glycinate,My", "my-other,My", 1).replace(
            ",,capsule,", ",my-glycinate,capsule,", 1)],
         "row 3: name 'my-glycinate' of 'my-other' is already used by 'my-glycinate'"),
        ([BOTTLE.replace(",,capsule,", ",oxide,capsule,", 1)],
         "row 2: name 'oxide' of 'my-glycinate' is a form's name ('oxide'): a product name "
         "must not be a salt's"),
        ([BOTTLE.replace("magnesium 120 mg per capsule", "", 1)],
         "row 2, field 'declared': String should have at least 1 character"),
    ],
)  # fmt: skip
def test_a_bad_row_of_a_products_file_is_named_whole(
    tmp_path: Path, rows: list[str], message: str
) -> None:
    path = _file(tmp_path, *rows)
    with pytest.raises(BadProductsFile) as caught:
        mgcalc.use_products(path)
    assert str(caught.value) == f"{path}, {message}"


def test_a_declared_product_s_conversion_whole() -> None:
    # clinical.md, "Products as labelled": Slow-Mag declares magnesium 71.5 mg per tablet, with
    # calcium 119 mg (secondary source).
    converted = convert_product("2", find_product("slow-mag"))  # type: ignore[arg-type]
    assert (converted.input, converted.form, converted.name) == ("2", "chloride", "Slow-Mag")
    assert (converted.fraction_basis, converted.count, converted.elemental_mg) == (
        "declared", 2, 143.0,
    )  # fmt: skip
    assert converted.notes == (
        "'slow-mag' read as Slow-Mag, as declared on the label: magnesium 71.5 mg per tablet, "
        "with calcium 119 mg (magnesium chloride with calcium carbonate). The salt (Magnesium "
        "chloride hexahydrate) only names the source; its fraction is not applied.",
        "Slow-Mag also declares calcium 119 mg per tablet: not magnesium, not counted.",
        "Similarly named generics differ: 'Slow Magnesium/Calcium' and 'Mag-SR Plus Calcium' "
        "tablets declare magnesium 64 mg with calcium 106 mg (secondary source): the label in "
        "hand decides.",
        "Slow-Mag's declared figure is from a secondary source: the label in hand decides.",
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("1 mL", "'slow-mag=1 mL': Slow-Mag is declared per tablet (71.5 mg magnesium); give a "
         "count (slow-mag=2 is two tablets), or name the salt to give its weight, e.g. "
         "chloride=500mg"),
        ("x" * 20, f"'slow-mag={'x' * 20}': Slow-Mag is declared per tablet (71.5 mg magnesium); "
         "give a count (slow-mag=2 is two tablets), or name the salt to give its weight, e.g. "
         "chloride=500mg"),
    ],
)  # fmt: skip
def test_a_volume_of_a_tablet_is_refused_whole(amount: str, message: str) -> None:
    with pytest.raises(ProductAmount) as caught:
        convert_product(amount, find_product("slow-mag"))  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_two_near_products_are_offered_with_or() -> None:
    from mgcalc.clinical.products import UnknownProduct, list_products

    with pytest.raises(UnknownProduct) as caught:
        list_products("slo-mag")
    assert str(caught.value) == (
        "no product matches 'slo-mag'; did you mean 'slow-mag' or 'uro-mag'? ('mgcalc products' "
        "lists them all)"
    )
