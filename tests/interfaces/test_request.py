"""Requests as JSON: the convert request, its keys, its refusals and the id it carries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

from mgcalc.interfaces.request import (
    BadRequest,
    ConvertRequest,
    DoseRequest,
    PlanRequest,
    RequestModel,
    parse_request,
    request_keys,
    run_request,
)

# compounds.md: magnesium oxide, DailyMed label "400 mg = 241.3 mg" (60.3 %).
OXIDE_LABEL_MG = 241.3


def _convert(**request: object) -> Any:
    return run_request(parse_request(json.dumps(request), ConvertRequest))


def test_convert_request_keys_mirror_the_command_line() -> None:
    assert request_keys(ConvertRequest) == [
        "id", "amount", "form", "elemental", "unit", "halves", "weight", "over", "max",
        "kidney_impairment",
    ]  # fmt: skip


def test_a_convert_request_gives_the_published_figure_and_its_id() -> None:
    result = _convert(id="label-1", amount="400mg", form="oxide")
    assert result.elemental_mg == pytest.approx(OXIDE_LABEL_MG, abs=0.1)
    assert (result.id, result.form, result.read_as) == ("label-1", "oxide", "compound")


def test_without_a_form_the_amount_may_be_the_command_lines_words() -> None:
    # compounds.md: glycinate 14.1 %, "1350 mg = 190 mg" on a maker's label.
    words = _convert(amount="1350 mg magnesium glycinate")
    assert (words.form, words.elemental_mg) == ("glycinate", pytest.approx(190, abs=0.5))
    either = _convert(amount="glycinate 1350mg")
    assert (either.input, either.form, either.elemental_mg) == (
        "1350mg",
        "glycinate",
        words.elemental_mg,
    )


def test_every_option_of_convert_is_a_key() -> None:
    given = _convert(
        id=3, amount="0.5mEq/kg", form="sulfate-injection-50", weight=70, over="4h", unit="1mL",
        halves=True,
    )  # fmt: skip
    assert (given.id, given.meq) == (3, pytest.approx(35.0, rel=1e-9))  # 0.5 mEq/kg × 70 kg
    assert given.per_kg is not None and given.per_kg.weight_kg == 70.0
    assert given.rate is not None and given.rate.meq_per_h == pytest.approx(8.75, rel=1e-9)
    assert given.by_unit is not None and given.by_unit.halves
    # 300 mg of magnesium as oxide: 300 / 0.603042 mg of MgO.
    elemental = _convert(amount="300mg", form="oxide", elemental=True)
    assert elemental.compound_mg == pytest.approx(497.5, abs=0.05)


def test_a_bare_weight_is_in_kg_as_the_schema_says() -> None:
    as_number = _convert(amount="25mg/kg", weight=70)
    assert as_number == _convert(amount="25mg/kg", weight="70kg")
    assert as_number.elemental_mg == pytest.approx(1750.0, rel=1e-12)


def test_no_id_is_null_in_the_result() -> None:
    assert _convert(amount="8mEq").id is None


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ({"amout": "400mg"}, "request field 'amout': unknown key; did you mean 'amount'?"),
        (
            {"amount": "400mg", "colour": "red"},
            "request field 'colour': unknown key; the keys are "
            "id, amount, form, elemental, unit, halves, weight, over",
        ),
        ({}, "request field 'amount': Field required"),
        (
            {"amount": 400, "form": "oxide"},
            "request field 'amount': add a unit, as text: \"400mg\"",
        ),
        ({"amount": "400mg", "over": 30}, "request field 'over': add a unit, as text: \"30min\""),
        ({"amount": "400mg", "elemental": "yes"}, "request field 'elemental'"),
        ({"amount": "400mg", "weight": True}, "request field 'weight': should be text or a number"),
    ],
    ids=["misspelt", "unknown", "missing", "bare amount", "bare duration", "flag", "weight"],
)
def test_bad_convert_requests(request_: dict[str, object], message: str) -> None:
    with pytest.raises(BadRequest) as caught:
        parse_request(json.dumps(request_), ConvertRequest)
    assert str(caught.value).startswith(message)


def test_a_misspelt_key_is_named_before_the_key_it_leaves_missing(mgcalc: Any) -> None:
    run = mgcalc("plan", "--input", "-", input='{"from": "glycinate"}')
    assert_refused(run, "request field 'from': unknown key; did you mean 'form'?")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "request is not valid JSON"),
        ('{"amount": "400mg", "form": "bogus"}', "unknown form 'bogus'"),
        ('{"amount": "400mg oxide", "form": "oxide"}', "cannot read amount '400mg oxide'"),
        ('{"amount": "mg oxide 400 glycinate"}', "cannot tell the amount from the form"),
        ('{"amount": "2", "form": "mag-tab-sr", "unit": "1mL"}', "do not apply"),
    ],
)
def test_convert_input_errors_are_one_line(mgcalc: Any, text: str, message: str) -> None:
    assert_refused(mgcalc("convert", "--input", "-", "--json", input=text), message)


def test_convert_input_from_a_file_with_a_byte_order_mark(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "request.json"
    path.write_bytes(b'\xef\xbb\xbf{"id": 9, "amount": "400mg", "form": "oxide"}')
    run = mgcalc("convert", "--input", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert (data["id"], data["elemental_mg"]) == (9, pytest.approx(OXIDE_LABEL_MG, abs=0.1))
    assert data == {**mgcalc("convert", "400mg", "oxide", "--json").json(), "id": 9}


def test_convert_input_prints_the_table_without_json(mgcalc: Any) -> None:
    run = mgcalc("convert", "--input", "-", input='{"amount": "400mg", "form": "oxide"}')
    assert run.exit_code == 0, run.stderr
    assert "241.2 mg" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["400mg", "oxide", "--input", "-"], "give an amount or its options on the command line"),
        (["--unit", "400mg", "--input", "-"], "or with --input/--batch, not both"),
        (["--weight", "70kg", "--batch", "-"], "or with --input/--batch, not both"),
        (["--input", "-", "--batch", "-"], "--input and --batch together: give one"),
        (["400mg", "oxide", "--format", "csv"], "--format chooses the output of --batch"),
        (["--input", "-", "--format", "csv"], "--format chooses the output of --batch"),
        (["--input", "/no/such/file"], "cannot read '/no/such/file'"),
        ([], "missing argument 'AMOUNT' (or give --input or --batch)"),
    ],
)
def test_convert_input_refusals(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc("convert", *args, input="{}"), message)


@pytest.mark.parametrize(
    ("model", "text", "message"),
    [
        (
            ConvertRequest,
            '{"amount": "1g", "weight": true}',
            "request field 'weight': should be text or a number, not true",
        ),
        (
            ConvertRequest,
            '{"amount": "1g", "id": 1.5}',
            "request field 'id': should be text or a whole number, not 1.5",
        ),
        (
            DoseRequest,
            '{"diet": {"a": 1}}',
            "request field 'diet': should be text, a number or a list, not {\"a\": 1}",
        ),
        (
            DoseRequest,
            '{"diet": ["1g", true]}',
            "request field 'diet.1': should be text or a number, not true",
        ),
        (
            PlanRequest,
            '{"form": "oxide", "age": ["42"]}',
            "request field 'age': should be text or a number, not [\"42\"]",
        ),
    ],
    ids=["weight", "id", "diet", "diet item", "age"],
)
def test_a_value_of_the_wrong_type_says_what_the_key_takes(
    model: RequestModel, text: str, message: str
) -> None:
    with pytest.raises(BadRequest) as caught:
        parse_request(text, model)
    assert str(caught.value) == message
