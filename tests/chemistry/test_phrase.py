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
        # Only a word that is all unit joins the number: 'x500mg' starts the form, and the
        # amount parser then says that '2' has no unit (no guess at "2 x500mg").
        (["2", "x500mg", "oxide"], "2", "x500mg oxide"),
        (["8mEq"], "8mEq", None),
        (["400", "mg"], "400 mg", None),
        (["400 Mg", "oxide"], "400 Mg", "oxide"),  # the amount parser refuses it later
        (["nan", "oxide"], "nan", "oxide"),  # no number: the first word is the amount
        (["magnesium", "oxide", "400mg"], "400mg", "magnesium oxide"),
        (["oxide", "400", "mg"], "400 mg", "oxide"),
        (["400", "oxide"], "400", "oxide"),  # 'oxide' is no unit: the parser says '400' has none
        (["400", "Mg", "oxide"], "400 Mg", "oxide"),  # a unit mistyped: its parser explains
        # An amount with its unit takes no second one: 'Mg' begins the form's name.
        (["400mg", "Mg", "citrate"], "400mg", "Mg citrate"),
        (["mg"], "mg", None),
        (["citrate-1-1", "mg"], "citrate-1-1", "mg"),  # a name ending in a digit is no number
        # Units with /kg or their own concentration, as one word (they were left to the form).
        (["25", "mg/kg", "sulfate"], "25 mg/kg", "sulfate"),
        (["sulfate", "2", "mEq/kg"], "2 mEq/kg", "sulfate"),
        (["10", "mL@500mg/mL", "sulfate"], "10 mL@500mg/mL", "sulfate"),
        (["10", "@500mg/mL", "sulfate"], "10", "@500mg/mL sulfate"),  # '@…' alone is no unit
    ],
    ids=str,
)
def test_reads(words: list[str], amount: str, form: str | None) -> None:
    assert read_phrase(words, example="400mg oxide") == (amount, form)


@pytest.mark.parametrize(
    "words",
    [
        ["400mg", "oxide", "glycinate", "500mg"],
        ["400mg", "200mg", "oxide"],
        ["citrate", "400mg", "Mg"],  # '400mg' has its unit: 'Mg' is no second one
        [],
    ],
    ids=str,
)
def test_refuses_unclear_words(words: list[str]) -> None:
    with pytest.raises(BadAmount, match="400mg oxide"):
        read_phrase(words, example="400mg oxide")


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        (["400mg", "oxide", "x" * 44, "2mg"], "400mg oxide " + "x" * 44 + " 2mg"),  # 60
        (["400mg", "oxide", "x" * 45, "2mg"], "400mg oxide " + "x" * 45 + " 2m…"),  # 61
    ],
)
def test_unclear_words_are_shown_up_to_60_characters(words: list[str], shown: str) -> None:
    with pytest.raises(BadAmount) as caught:
        read_phrase(words, example="400mg oxide")
    assert str(caught.value) == (
        f"cannot tell the amount from the form in '{shown}'; write e.g. 400mg oxide"
    )


def test_a_name_with_a_number_in_it_is_asked_of_the_higher_layer() -> None:
    # 'known' (the products, for the CLI) is asked about the other words joined by spaces.
    asked: list[str] = []

    def known(name: str) -> bool:
        asked.append(name)
        return name == "magox 400"

    assert read_phrase(["1", "magox", "400"], example="1 slow-mag", known=known) == (
        "1",
        "magox 400",
    )
    assert asked == ["magox 400"]
    with pytest.raises(BadAmount, match="cannot tell the amount from the form in '1 mag 2 x'"):
        read_phrase(["1", "mag", "2", "x"], example="1 slow-mag", known=known)
    assert asked == ["magox 400", "mag 2 x"]
