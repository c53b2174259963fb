"""Which item names are products: a form's name is answered without the products table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused, tables_with_one_broken

from mgcalc.clinical.product_names import (
    find_product,
    is_product_name,
    product_by_amount,
    resolve_item,
)
from mgcalc.errors import DataError


@pytest.fixture
def broken_products(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point MGCALC_DATA_DIR at the shipped tables with a products table that cannot be read."""
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tables_with_one_broken(tmp_path, "products.csv")))


@pytest.mark.usefixtures("broken_products")
@pytest.mark.parametrize("name", ["oxide", "Oxide", "magnesium oxide", "elemental"])
def test_a_form_name_never_reads_the_products_table(name: str) -> None:
    assert find_product(name) is None
    assert resolve_item(name) is None


@pytest.mark.usefixtures("broken_products")
def test_any_other_name_reads_the_products_table() -> None:
    with pytest.raises(DataError, match=r"products\.csv: is not UTF-8 text"):
        find_product("slow-mag")
    with pytest.raises(DataError, match=r"products\.csv: is not UTF-8 text"):
        resolve_item("slow-mag")


@pytest.mark.usefixtures("broken_products")
def test_doses_of_forms_work_without_the_products_table(mgcalc: Any) -> None:
    # DailyMed: a 400 mg magnesium oxide tablet gives 241.3 mg of magnesium (compounds.md).
    data = mgcalc("dose", "oxide=400mg", "--age", "30", "--sex", "female", "--json").json()
    assert data["supplemental_mg"] == pytest.approx(241.3, abs=0.1)
    converted = mgcalc("convert", "400mg", "oxide", "--json").json()
    assert converted["elemental_mg"] == pytest.approx(241.3, abs=0.1)
    assert_refused(mgcalc("dose", "slow-mag=1"), "products.csv", code=1)


def test_a_form_name_does_not_even_import_the_products_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Start-up time: most items are forms, and the products module builds its row model.
    import mgcalc.clinical

    monkeypatch.delitem(sys.modules, "mgcalc.clinical.products", raising=False)
    monkeypatch.delattr(mgcalc.clinical, "products", raising=False)
    assert (find_product("oxide"), resolve_item("Oxide")) == (None, None)
    assert "mgcalc.clinical.products" not in sys.modules


def test_the_names_without_hyphens_are_forgotten_with_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A memo the tests' clear_caches cannot see would answer from the shipped table after
    # MGCALC_DATA_DIR changed (it did, in a random test order).
    from helpers import clear_caches

    assert resolve_item("slow-mag") is not None
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tables_with_one_broken(tmp_path, "products.csv")))
    clear_caches()
    with pytest.raises(DataError, match=r"products\.csv: is not UTF-8 text"):
        resolve_item("slow-mag")


# clinical.md, "Additions and corrections, 2026-12-07": Epsom salt's label declares magnesium
# per level teaspoon (495 mg), Mag-Ox 400 per tablet (241.3 mg): a spoon of the salt or a
# count of Mag-Ox means that product; a mass stays the salt's weight.
@pytest.mark.parametrize(
    ("name", "amount", "key"),
    [
        ("epsom", "1tsp", "epsom-laxative"),
        ("Epsom-Salt", "15 mL", "epsom-laxative"),
        ("epsom-salts", "1tsp", "epsom-laxative"),
        ("mag-ox", "2", "mag-ox-400"),
        ("mag-ox", " 2 ", "mag-ox-400"),
        ("epsom", "1g", None),  # a mass: the salt
        ("epsom-salt", "1g", None),
        ("epsom-salts", "2", None),
        ("mag-ox", "400mg", None),
        ("epsom", "2", None),  # a count of a salt measured by the spoon
        ("epsom", "1tsp@5%", None),  # a strength given: a solution, not the label's spoon
        ("epsom", "5mL@100mg/mL", None),
        ("epsom", "1 mL/kg", None),
        ("epsom", "xx", None),
        ("mag-ox", "1tsp", None),  # a volume of a tablet
        ("mag-ox", "2.5", None),  # tablets are whole
        ("oxide", "1", None),  # not a salt name a product's label answers
    ],
)
def test_a_salt_s_name_with_a_label_s_amount_means_the_product(
    name: str, amount: str, key: str | None
) -> None:
    found = product_by_amount(name, amount)
    assert (found.key if found else None) == key


def test_an_amount_that_is_not_text_means_no_product() -> None:
    assert product_by_amount("epsom", 3) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("words", "known"), [("magox 400", True), ("  ", False), ("", False)])
def test_which_words_name_a_product(words: str, known: bool) -> None:
    assert is_product_name(words) is known
