"""Strict amount parsing: what is read, and what is refused with which hint."""

from __future__ import annotations

import pytest

from mgcalc.chemistry.amounts import parse_amount
from mgcalc.errors import BadAmount


@pytest.mark.parametrize(
    ("text", "count", "value", "kind"),
    [
        ("400mg", 1, 400.0, "mass"),
        ("400 mg", 1, 400.0, "mass"),
        ("1g", 1, 1000.0, "mass"),
        ("1.5 g", 1, 1500.0, "mass"),
        (".5g", 1, 500.0, "mass"),
        ("250mcg", 1, 0.25, "mass"),
        ("250ug", 1, 0.25, "mass"),
        ("250µg", 1, 0.25, "mass"),
        ("250μg", 1, 0.25, "mass"),
        ("0mg", 1, 0.0, "mass"),
        ("2x500mg", 2, 500.0, "mass"),
        ("2 x 500 mg", 2, 500.0, "mass"),
        ("3×400mg", 3, 400.0, "mass"),
        ("4mmol", 1, 4.0, "substance"),
        ("4MMOL", 1, 4.0, "substance"),
        ("8mEq", 1, 4.0, "substance"),
        ("8meq", 1, 4.0, "substance"),
        ("8MEQ", 1, 4.0, "substance"),
        ("10mL", 1, 10.0, "volume"),
        ("10ml", 1, 10.0, "volume"),
        ("0.5L", 1, 500.0, "volume"),
        ("5e2mg", 1, 500.0, "mass"),
    ],
)
def test_reads(text: str, count: int, value: float, kind: str) -> None:
    amount = parse_amount(text)
    assert (amount.count, amount.kind) == (count, kind)
    assert amount.quantity.value == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "per_ml", "kind"),
    [
        ("10mL@500mg/mL", 500.0, "mass"),
        ("15mL@400mg/5mL", 80.0, "mass"),
        ("10 mL @ 4.06mEq/mL", 2.03, "substance"),
        ("1L@2g/L", 2.0, "mass"),
    ],
)
def test_reads_concentrations(text: str, per_ml: float, kind: str) -> None:
    amount = parse_amount(text)
    assert amount.concentration is not None
    assert amount.concentration.kind == kind
    assert amount.concentration.value == pytest.approx(per_ml, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,5 g", "has a comma; write a decimal point"),
        ("1,500mg", "has a comma"),
        ("1 000 mg", "space inside the number"),
        ("400 Mg", "did you mean 'mg'?"),
        ("400MG", "did you mean 'mg'?"),
        ("5G", "did you mean 'g'?"),
        ("5ML", "did you mean 'mL'?"),
        ("-5mg", "is negative"),
        ("nan mg", "not a finite number"),
        ("inf mg", "not a finite number"),
        ("1e400mg", "too large"),
        ("1e10mg", "implausibly large"),
        ("99999999999x500mg", "implausibly large"),
        ("1e308g", "implausibly large"),
        ("10**10**10 mg", "cannot read amount"),
        ("2*3mg", "cannot read amount"),
        ("500", "has no unit"),
        ("mg", "must start with a number"),
        ("", "empty amount"),
        ("   ", "empty amount"),
        ("5kg", "unknown unit 'kg'"),
        ("5 lb", "unknown unit 'lb'"),
        ("0x500mg", "at least 1"),
        ("５００mg", "ASCII digits"),
        ("500 ｍg", "cannot read amount"),
        ("400mg@5mg/mL", "goes with a volume"),
        ("10mL@5mL/mL", "needs a mass, mmol or mEq per volume"),
        ("10mL@5mg/mg", "must be per volume"),
        ("10mL@5mg/0mL", "zero volume"),
        ("10mL@5mg", "not of the form"),
        ("400  mg", "cannot read amount"),
        ("5.mg", "cannot read amount"),
        ("1_000mg", "cannot read amount"),
        ("x" * 201, "too long"),
    ],
)
def test_refuses(text: str, message: str) -> None:
    with pytest.raises(BadAmount, match=None) as caught:
        parse_amount(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
