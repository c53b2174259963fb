"""Amounts and forms as people write them: split units, either order, refused when unclear."""

from __future__ import annotations

import pytest

from mgcalc.chemistry.phrase import read_phrase
from mgcalc.errors import BadAmount


@pytest.mark.parametrize(
    ("words", "amount", "form"),
    [
        (["400mg", "oxide"], "400mg", "oxide"),
        (["400", "mg", "magnesium", "oxide"], "400 mg", "magnesium oxide"),
        (["500", "mg", "glycinate"], "500 mg", "glycinate"),
        (["oxide", "400mg"], "400mg", "oxide"),
        (["magnesium", "oxide", "400", "MG"], "400 MG", "magnesium oxide"),
        (["2x500", "mg", "glycinate"], "2x500 mg", "glycinate"),
        (["8mEq"], "8mEq", None),
        (["400", "mg"], "400 mg", None),
        (["400 Mg", "oxide"], "400 Mg", "oxide"),  # the amount parser refuses it later
        (["nan", "oxide"], "nan", "oxide"),  # no number: the first word is the amount
    ],
    ids=str,
)
def test_reads(words: list[str], amount: str, form: str | None) -> None:
    assert read_phrase(words, example="400mg oxide") == (amount, form)


@pytest.mark.parametrize(
    "words",
    [["400mg", "oxide", "glycinate", "500mg"], ["400mg", "200mg", "oxide"], []],
    ids=str,
)
def test_refuses_unclear_words(words: list[str]) -> None:
    with pytest.raises(BadAmount, match="400mg oxide"):
        read_phrase(words, example="400mg oxide")
