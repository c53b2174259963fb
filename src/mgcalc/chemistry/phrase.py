"""Amounts and forms as people write them: ``400 mg magnesium oxide``, ``oxide 400mg``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from mgcalc.errors import BadAmount

# A word that begins an amount: a number, possibly signed (the amount parser explains signs).
_NUMERIC = re.compile(r"[+-]?\.?[0-9]")
# A unit written as its own word: mg, mEq, mg/kg, mL@500mg/mL (not '@…' alone: no unit).
_UNIT_WORD = re.compile(r"[A-Za-zµμ]+(?:/[A-Za-z]+)?(?:@\S+)?")


def looks_numeric(word: str) -> bool:
    """Return whether *word* starts like an amount (a digit, or a sign or point and a digit)."""
    return _NUMERIC.match(word.strip()) is not None


def read_phrase(
    words: Sequence[str], *, example: str, known: Callable[[str], bool] | None = None
) -> tuple[str, str | None]:
    """Return (amount, form or None) from words in either order; the unit may be a word.

    ``["400", "mg", "magnesium", "oxide"]`` gives ``("400 mg", "magnesium oxide")`` and
    ``["oxide", "400mg"]`` gives ``("400mg", "oxide")``. Words that leave it unclear which is
    the amount are refused with *example*, the way to write it, unless *known* (asked by a
    higher layer, which knows the products) says the other words are a name with a number
    in it: ``["1", "magox", "400"]`` gives ``("1", "magox 400")``.
    """
    words = [word.strip() for word in words if word.strip()]
    if not words:
        raise BadAmount(f"no amount given; write e.g. {example}")
    size = _amount_at_start(words)
    if size:
        amount, rest = " ".join(words[:size]), words[size:]
    else:
        size = _amount_at_end(words)
        if size:
            amount, rest = " ".join(words[-size:]), words[:-size]
        else:  # no number anywhere: the amount parser says why the first word is none
            amount, rest = words[0], words[1:]
    if any(looks_numeric(word) for word in rest):
        if known is not None and known(" ".join(rest)):
            return amount, " ".join(rest)
        shown = " ".join(words)
        shown = shown if len(shown) <= 60 else shown[:60] + "…"
        raise BadAmount(f"cannot tell the amount from the form in '{shown}'; write e.g. {example}")
    return amount, " ".join(rest) or None


def _amount_at_start(words: list[str]) -> int:
    if not looks_numeric(words[0]):
        return 0
    return 2 if len(words) > 1 and _is_unit_word(words[1]) and _bare_number(words[0]) else 1


def _amount_at_end(words: list[str]) -> int:
    if looks_numeric(words[-1]):
        return 1
    if len(words) > 1 and _is_unit_word(words[-1]) and _bare_number(words[-2]):
        return 2
    return 0


def _bare_number(word: str) -> bool:
    """Return whether *word* is a number (with a count, ``2x500``) still missing its unit."""
    return looks_numeric(word) and re.search(r"[0-9.]$", word) is not None


def _is_unit_word(word: str) -> bool:
    from mgcalc.chemistry.amounts import parse_amount

    if _UNIT_WORD.fullmatch(word) is None:
        return False
    try:
        parse_amount(f"1{word}")
    except BadAmount as error:
        return "did you mean" in str(error)  # "400 Mg": let the amount parser explain it
    return True
