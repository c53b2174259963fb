"""A product whose name holds a number (Mag-Ox 400) is read as one name, not two amounts."""

from __future__ import annotations

from typing import Any

import pytest

from mgcalc.chemistry.phrase import read_phrase
from mgcalc.clinical.product_names import find_product, is_product_name, resolve_item
from mgcalc.errors import BadAmount

# DailyMed generic magnesium oxide 400 mg tablet labels: 241.3 mg magnesium per tablet
# (data/products.csv, mag-ox-400).
PER_TABLET = 241.3


@pytest.mark.parametrize("name", ["magox 400", "mag-ox 400", "magox400", "MagOx400", "Mag Ox 400"])
def test_names_of_mag_ox_400(name: str) -> None:
    product = find_product(name)
    assert product is not None and product.key == "mag-ox-400"
    assert is_product_name(name)
    resolved = resolve_item(name)
    assert resolved is not None and resolved.key == "mag-ox-400"


@pytest.mark.parametrize("name", ["oxide 400", "epsom 400", "", "400"])
def test_other_words_are_not_product_names(name: str) -> None:
    assert not is_product_name(name)


def test_the_phrase_reader_asks_the_layer_above() -> None:
    words = ["1", "magox", "400"]
    with pytest.raises(BadAmount, match="cannot tell the amount from the form"):
        read_phrase(words, example="400mg oxide")
    assert read_phrase(words, example="x", known=is_product_name) == ("1", "magox 400")
    assert read_phrase(["mag-ox", "400", "2"], example="x", known=is_product_name) == (
        "2",
        "mag-ox 400",
    )
    with pytest.raises(BadAmount, match="cannot tell the amount from the form in '1 oxide 400'"):
        read_phrase(["1", "oxide", "400"], example="x", known=is_product_name)


@pytest.mark.parametrize(
    "words",
    [["1", "magox", "400"], ["1", "mag-ox", "400"], ["1", "magox400"], ["mag-ox", "400", "1"]],
)
def test_convert_reads_mag_ox_400(mgcalc: Any, words: list[str]) -> None:
    run = mgcalc("convert", *words, "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["product"]["key"] == "mag-ox-400"
    assert data["elemental_mg"] == pytest.approx(PER_TABLET, abs=0.05)


def test_two_tablets(mgcalc: Any) -> None:
    data = mgcalc("convert", "2", "magox", "400", "--json").json()
    assert data["elemental_mg"] == pytest.approx(2 * PER_TABLET, abs=0.05)


def test_a_request_reads_it_too(mgcalc: Any) -> None:
    run = mgcalc("convert", "--input", "-", "--json", input='{"amount": "1 magox 400"}')
    assert run.exit_code == 0, run.stderr
    assert run.json()["product"]["key"] == "mag-ox-400"


def test_a_salt_with_a_number_stays_unclear(mgcalc: Any) -> None:
    run = mgcalc("convert", "1", "oxide", "400")
    assert run.exit_code != 0 and run.stdout == ""
    assert run.stderr.startswith("error: cannot tell the amount from the form in '1 oxide 400'")
