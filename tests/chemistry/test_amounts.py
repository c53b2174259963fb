"""Strict amount parsing: what is read, and what is refused with which hint."""

from __future__ import annotations

import re
from typing import Any

import pytest

from mgcalc.chemistry.amounts import parse_amount, parse_duration, parse_weight
from mgcalc.errors import BadAmount, BadDuration, BadWeight


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
        ("0.5x400mg", 0.5, 400.0, "mass"),
        ("1.5 x 400mg", 1.5, 400.0, "mass"),
        ("3cc", 1, 3.0, "volume"),
        ("2tsp", 1, 10.0, "volume"),  # pharmacy teaspoon, 5 mL
        ("1tbsp", 1, 15.0, "volume"),  # pharmacy tablespoon, 15 mL
        ("1floz", 1, 29.5735, "volume"),  # US fluid ounce
        # All capitals, as US prescription labels print units.
        ("400MG", 1, 400.0, "mass"),
        ("1G", 1, 1000.0, "mass"),
        ("5ML", 1, 5.0, "volume"),
        ("250MCG", 1, 0.25, "mass"),
        ("2X500MG", 2, 500.0, "mass"),
        ("1TSP", 1, 5.0, "volume"),
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
        ("400mG", "did you mean 'mg'?"),
        ("5Ml", "did you mean 'mL'?"),
        ("250Mcg", "did you mean 'mcg'?"),
        ("-5mg", "is negative"),
        ("nan mg", "not a finite number"),
        ("inf mg", "not a finite number"),
        ("1e400mg", "too large (at most 10⁹ mg, mmol or mL)"),
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
        ("0x500mg", "whole or half number above 0"),
        ("0.3x400mg", "whole or half number above 0"),
        ("10mL@150%", "above 100 %"),
        ("10mL@50", "not of the form"),
        ("400mg@0mg/mL", "a concentration of zero"),
        ("5Tsp", "did you mean 'tsp'?"),
        ("５００mg", "ASCII digits"),
        ("500 ｍg", "cannot read amount"),
        ("900000000mg@0.5mg/mL", "over 10⁹ mL"),
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


def test_reads_a_percent_as_grams_per_100_ml() -> None:
    amount = parse_amount("10mL@50%")
    assert amount.percent == 50.0
    assert amount.concentration is not None
    assert amount.concentration.kind == "mass"
    assert amount.concentration.value == pytest.approx(500.0, rel=1e-12)  # 50 g / 100 mL


@pytest.mark.parametrize(
    ("text", "number", "unit", "base"),
    [
        ("25mg/kg", 25.0, "mg", 25.0),
        ("0.5mEq/kg", 0.5, "mEq", 0.25),
        ("0.1 mmol / kg", 0.1, "mmol", 0.1),
    ],
)
def test_reads_per_kg(text: str, number: float, unit: str, base: float) -> None:
    amount = parse_amount(text)
    assert amount.per_kg
    assert (amount.quantity.number, amount.quantity.unit) == (number, unit)
    assert amount.for_weight(70.0).total == pytest.approx(70 * base, rel=1e-12)


def test_a_per_kg_amount_has_no_total_without_a_weight() -> None:
    with pytest.raises(BadAmount, match="per kg of body weight"):
        _ = parse_amount("25mg/kg").total


@pytest.mark.parametrize(
    ("text", "kg"),
    [("70kg", 70.0), ("70 kg", 70.0), ("154lb", 69.853), ("154lbs", 69.853), (70, 70.0)],
)
def test_reads_weights(text: str | int, kg: float) -> None:
    # 1 lb = 0.45359237 kg (international pound), so 154 lb = 69.853 kg.
    assert parse_weight(text) == pytest.approx(kg, rel=1e-5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0.2kg", "outside 0.3–350 kg"),
        ("351kg", "outside 0.3–350 kg"),
        ("800lb", "outside 0.3–350 kg"),
        ("-70kg", "negative"),
        ("70", "has no unit"),
        ("70st", "unknown unit 'st'"),
        ("seventy", "cannot read weight"),
        (0, "outside"),
    ],
)
def test_refuses_weights(text: str | int, message: str) -> None:
    with pytest.raises(BadWeight) as caught:
        parse_weight(text)
    assert message in str(caught.value)


@pytest.mark.parametrize(("text", "hours"), [("30min", 0.5), ("4h", 4.0), ("90 min", 1.5)])
def test_reads_durations(text: str, hours: float) -> None:
    assert parse_duration(text) == pytest.approx(hours, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-30min", "negative"),
        ("0h", "more than zero"),
        ("4d", "unknown unit 'd'"),
        ("soon", "cannot read duration"),
        ("9000h", "too long (at most a year, 8,760 h)"),
        ("1e400h", "too long (at most a year, 8,760 h)"),  # overflows: not "zero"
        ("1e400min", "too long (at most a year, 8,760 h)"),
    ],
)
def test_refuses_durations(text: str, message: str) -> None:
    with pytest.raises(BadDuration) as caught:
        parse_duration(text)
    assert message in str(caught.value)


# Every limit at its edge: the limit itself is read, just past it is refused.
@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("1000000000mg", 1e9),  # MAX_VALUE, 10⁹ mg
        ("1000000g", 1e9),
        ("2x500000000mg", 1e9),  # the count times the quantity
        ("1000mL@1000000mg/mL", 1e3),  # 10⁹ mg dissolved
        ("1mL@100%", 1.0),  # 100 % w/v is the most a solution holds
        ("0.5x400mg", 200.0),
    ],
)
def test_limits_are_inclusive(text: str, total: float) -> None:
    assert parse_amount(text).total == total


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1000000001mg", "implausibly large"),
        ("2x500000001mg", "implausibly large"),
        ("1001mL@1000000mg/mL", "implausibly large (over 10⁹ mg or mmol)"),
        ("1mL@100.1%", "above 100 % (w/v)"),
        ("0x400mg", "whole or half number above 0"),
        ("0.25x400mg", "whole or half number above 0"),
        ("1mL@1mg/0mL", "per a zero volume"),
        ("x" * 201, "too long (201 characters)"),
    ],
)
def test_just_past_a_limit_is_refused(text: str, message: str) -> None:
    with pytest.raises(BadAmount, match=re.escape(message)):
        parse_amount(text)


def test_the_longest_amount_is_read() -> None:
    text = "400mg".rjust(200)  # 200 characters, spaces first
    assert parse_amount(text).total == 400


def test_per_kg_for_a_weight_at_the_limit() -> None:
    amount = parse_amount("10mg/kg")
    assert amount.for_weight(100_000_000).total == 1e9
    with pytest.raises(BadAmount, match=re.escape("implausibly large for 1e+08 kg")):
        amount.for_weight(100_000_001)
    assert parse_amount("2x5mg/kg").for_weight(70).total == 700


@pytest.mark.parametrize(("text", "kg"), [("0.3kg", 0.3), ("350kg", 350.0), (0.3, 0.3)])
def test_weight_limits_are_inclusive(text: str | float, kg: float) -> None:
    assert parse_weight(text) == pytest.approx(kg, rel=1e-12)


@pytest.mark.parametrize("text", ["0.29kg", "350.1kg", 350.01])
def test_weights_past_the_limits(text: str | float) -> None:
    with pytest.raises(BadWeight, match=re.escape("is outside 0.3–350 kg")):
        parse_weight(text)


def test_duration_limits() -> None:
    assert parse_duration("8760h") == 8760  # a year is allowed
    with pytest.raises(BadDuration, match=r"too long \(at most a year"):
        parse_duration("8760.1h")
    with pytest.raises(BadDuration, match="more than zero"):
        parse_duration("0min")
    assert parse_duration("1min") == pytest.approx(1 / 60, rel=1e-12)


def test_a_count_is_a_whole_number_when_whole() -> None:
    whole = parse_amount("2x500mg")
    assert (whole.count, type(whole.count), whole.total) == (2, int, 1000)
    assert parse_amount("1.5x500mg").count == 1.5


def test_an_implausible_concentration_is_refused_in_any_volume() -> None:
    # 2×10⁹ mg per mL is refused as it is read, though 0.001 mL of it would be only 2 g.
    with pytest.raises(BadAmount, match=re.escape("is implausibly large (over 10⁹ mg, mmol")):
        parse_amount("0.001mL@2000000000mg/mL")


@pytest.mark.parametrize("flag", [True, False])
def test_a_flag_is_no_weight(flag: bool) -> None:
    with pytest.raises(BadWeight, match=r"^weight must be an amount such as 70kg or 154lb$"):
        parse_weight(flag)


def test_weights_and_durations_up_to_200_characters_are_read() -> None:
    assert parse_weight("0" * 196 + "70kg") == 70
    assert parse_duration("0" * 195 + "30min") == 0.5
    with pytest.raises(BadWeight) as weight:
        parse_weight("0" * 197 + "70kg")
    assert str(weight.value) == f"cannot read weight '{'0' * 40}…'; write e.g. 70kg or 154lb"
    with pytest.raises(BadDuration) as duration:
        parse_duration("0" * 196 + "30min")
    assert str(duration.value) == f"cannot read duration '{'0' * 40}'; write e.g. 30min or 4h"


@pytest.mark.parametrize(
    ("text", "shown"), [("x" * 40, "x" * 40), ("x" * 41, "x" * 40 + "…")], ids=["40", "41"]
)
def test_an_unreadable_weight_is_shown_up_to_40_characters(text: str, shown: str) -> None:
    with pytest.raises(BadWeight) as caught:
        parse_weight(text)
    assert str(caught.value) == f"cannot read weight '{shown}'; write e.g. 70kg or 154lb"


@pytest.mark.parametrize(
    ("text", "shown"),
    [("20min", "20 min"), ("4h", "4 h"), ("4H", "4 h"), (" 1.5 h ", "1.5 h"), ("90MIN", "90 min")],
)
def test_a_duration_is_shown_as_given(text: str, shown: str) -> None:
    from mgcalc.chemistry.amounts import duration_text

    assert duration_text(text) == shown


def test_a_mass_with_a_concentration_is_a_bag_by_mass() -> None:
    amount = parse_amount("1g@20g/500mL")
    assert amount.kind == "mass"
    assert amount.total == 1000.0
    assert amount.concentration is not None
    assert amount.concentration.value == pytest.approx(40.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e400mg", "too large (at most 10⁹ mg, mmol or mL)"),
        ("1x1e400mg", "too large (at most 10⁹ mg, mmol or mL)"),
        ("1mL@1e400mg/mL", "too large (at most 10⁹ mg, mmol or mL)"),
        ("1e20mg", "implausibly large (over 10⁹ mg, mmol or mL)"),
    ],
)
def test_huge_amounts_name_the_bound(text: str, message: str) -> None:
    # An overflow to infinity is as large as any other: the message names the bound.
    with pytest.raises(BadAmount) as caught:
        parse_amount(text)
    assert message in str(caught.value)


def test_a_concentration_may_fill_10_to_the_9_ml() -> None:
    # 10⁹ mg at 1 mg/mL is 10⁹ mL: the bound itself is read (just past it is refused above).
    amount = parse_amount("1000000000mg@1mg/mL")
    assert amount.total == 1e9
    assert amount.concentration is not None
    assert amount.concentration.value == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5kg", "unknown unit 'kg' in '5kg'; use {units}"),
        ("500", "amount '500' has no unit; add one of {units}"),
        # After a count the rest is diagnosed, and the message names the whole amount.
        ("2x400", "amount '2x400' has no unit; add one of {units}"),
        ("2x-5mg", "amount '2x-5mg' is negative; amounts must be zero or more"),
    ],
)
def test_a_refusal_names_the_amount_and_the_units_in_full(text: str, message: str) -> None:
    units = "mcg, mg, g, mmol, mEq, mL, L, cc, tsp, tbsp or floz"
    with pytest.raises(BadAmount) as caught:
        parse_amount(text)
    assert str(caught.value) == message.format(units=units)


@pytest.mark.parametrize(
    ("text", "ml", "note"),
    [
        ("1tsp", 5.0, "tsp is read as the pharmacy teaspoon, 5 mL (not a kitchen spoon)."),
        ("1tbsp", 15.0, "tbsp is read as the pharmacy tablespoon, 15 mL (not a kitchen spoon)."),
        ("1floz", 29.5735, "floz is read as the US fluid ounce, 29.5735 mL."),
        ("1TSP", 5.0, "tsp is read as the pharmacy teaspoon, 5 mL (not a kitchen spoon)."),
    ],
)
def test_a_household_measure_is_read_as_the_pharmacy_one_and_said_so(
    mgcalc: Any, text: str, ml: float, note: str
) -> None:
    run = mgcalc("convert", text, "milk-of-magnesia", "--json")
    assert run.exit_code == 0, run.stderr
    result = run.json()
    assert result["volume_ml"] == pytest.approx(ml, rel=1e-12)
    assert [n for n in result["notes"] if " is read as the " in n] == [note]
    text_run = mgcalc("convert", text, "milk-of-magnesia")
    assert note in " ".join(text_run.stdout.split())


@pytest.mark.parametrize("text", ["1mL", "1l", "1L", "1cc"])
def test_a_metric_volume_has_no_measure_note(mgcalc: Any, text: str) -> None:
    notes = mgcalc("convert", text, "milk-of-magnesia", "--json").json()["notes"]
    assert not [n for n in notes if " is read as the " in n]


@pytest.mark.parametrize("litre", ["l", "L"])
def test_a_litre_in_either_case_is_shown_as_L(mgcalc: Any, litre: str) -> None:
    run = mgcalc(
        "convert", f"0.01{litre}/kg", "milk-of-magnesia", "--weight", "70kg",
        "--max", f"0.5{litre}", "--json",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    result = run.json()
    assert result["per_kg"] == {"weight_kg": 70.0, "per_kg": 0.01, "unit": "L/kg"}
    assert (result["max"]["limit"], result["max"]["unit"], result["max"]["capped"]) == (
        0.5, "L", True,
    )  # fmt: skip
    assert result["volume_ml"] == 500.0
    assert "0.01 L/kg × 70.00 kg of body weight." in result["notes"]
    assert "Capped at --max 0.5 L: the per-kg amount comes to 0.7 L." in result["notes"]
