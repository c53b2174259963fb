"""Requests on stdin and from files, and batches: order, errors per line, exit codes."""

from __future__ import annotations

import csv
import gc
import io
import json
from pathlib import Path
from typing import Any

import pytest

from mgcalc.errors import MgcalcError
from mgcalc.interfaces.batch import (
    BLOCK_BYTES,
    BLOCK_RECORDS,
    GC_THRESHOLDS,
    DoseLine,
    LineError,
    collect_garbage,
    run_batch,
)
from mgcalc.interfaces.request import DoseRequest, parse_request, request_id, run_request

GOOD = {"id": "a", "items": ["glycinate=500mg"], "diet": "250mg", "age": 42, "sex": "female"}
ABOVE = {"id": 7, "items": ["elemental=400mg"], "age": 30, "sex": "male"}
LINES = [
    json.dumps(GOOD),
    json.dumps({"items": ["glycinat=500mg"]}),
    "not json",
    "",
    json.dumps(ABOVE),
    json.dumps({"items": "glycinate=500mg"}),
    json.dumps({"id": "z", "items": ["oxide=400mg"], "dose": 1}),
    json.dumps([1, 2]),
]


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_single_request_from_stdin(mgcalc: Any) -> None:
    run = mgcalc("dose", "--input", "-", "--json", input=json.dumps(GOOD))
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["id"] == "a"
    assert data["total_mg"] == pytest.approx(320.48, rel=1e-4)
    table = mgcalc("dose", "--input", "-", input=json.dumps(GOOD))
    assert "Total 320.5 mg (1 day): at or above the recommended intake (RDA 320 mg)" in table.stdout
    three = mgcalc("dose", "--input", "-", "--json", input=json.dumps(GOOD | {"diet_days": 3}))
    assert three.json()["assessment"]["days_observed"] == 3


def test_single_request_from_a_file(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "request.json"
    path.write_text(json.dumps({"form": "glycinate", "unit": "500mg", "diet": "200mg", "age": 42,
                                "sex": "female", "id": 5}))  # fmt: skip
    data = mgcalc("plan", "--input", str(path), "--json").json()
    assert (data["id"], data["units"]) == (5, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "request is not valid JSON"),
        ("[1]", "request must be a JSON object"),
        ('{"items": []}', "no items"),
        ('{"items": ["oxide=1g"], "age": true}', "request field 'age"),
        ('{"items": ["oxide=1g"], "colour": "red"}', "unknown key; the keys are id, items"),
        ('{"items": ["oxide=1g"], "pregnant": "yes"}', "request field 'pregnant'"),
    ],
)
def test_bad_single_requests(mgcalc: Any, text: str, message: str) -> None:
    run = mgcalc("dose", "--input", "-", "--json", input=text)
    assert (run.exit_code, run.stdout) == (2, "")
    assert message in run.stderr
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dose", "oxide=1g", "--input", "-"], "not both"),
        (["dose", "--input", "-", "--batch", "-"], "give one"),
        (["dose", "--input", "/no/such/file"], "cannot read '/no/such/file'"),
        (["dose", "--batch", "/no/such/file"], "cannot read '/no/such/file'"),
        (["plan"], "missing argument 'FORM'"),
    ],
)
def test_conflicting_sources(mgcalc: Any, args: list[str], message: str) -> None:
    run = mgcalc(*args, input="{}")
    assert (run.exit_code, run.stdout) == (2, "")
    assert message in run.stderr


def test_batch_keeps_order_and_reports_each_bad_line(mgcalc: Any) -> None:
    run = mgcalc("dose", "--batch", "-", input="\n".join(LINES) + "\n")
    assert run.exit_code == 2
    assert run.stderr == "batch: 7 lines read, 2 ok, 5 errors, 1 above the upper limit\n"
    out = _lines(run.stdout)
    assert [(line["id"], line["line"], line["ok"]) for line in out] == [
        ("a", 1, True), (2, 2, False), (3, 3, False), (7, 5, True), (6, 6, False),
        ("z", 7, False), (8, 8, False),
    ]  # fmt: skip
    assert out[0]["result"]["total_mg"] == pytest.approx(320.48, rel=1e-4)
    assert out[1]["error"] == {
        "line": 2, "message": "unknown form 'glycinat'; did you mean 'glycinate' or 'gluconate'?"
    }  # fmt: skip
    assert "not valid JSON" in out[2]["error"]["message"]
    assert "unknown key" in out[5]["error"]["message"]
    assert out[3]["result"]["assessment"]["ul"] == "above"


@pytest.mark.parametrize(
    ("lines", "flag", "code"),
    [
        ([GOOD], [], 0),
        ([GOOD, ABOVE], [], 0),
        ([GOOD, ABOVE], ["--fail-above-ul"], 3),
        ([GOOD, {"items": []}, ABOVE], ["--fail-above-ul"], 2),
    ],
)
def test_batch_exit_codes(mgcalc: Any, lines: list[object], flag: list[str], code: int) -> None:
    text = "".join(json.dumps(line) + "\n" for line in lines)
    assert mgcalc("dose", "--batch", "-", *flag, input=text).exit_code == code


def test_batch_matches_single_requests(mgcalc: Any) -> None:
    out = _lines(mgcalc("dose", "--batch", "-", input=json.dumps(GOOD) + "\n").stdout)
    single = mgcalc("dose", "--input", "-", "--json", input=json.dumps(GOOD)).json()
    assert out[0]["result"] == single


def test_csv_batch_in_and_out(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "id,items,diet,age,sex,pregnant\n"
        "p1,glycinate=500mg;oxide=400mg,250mg,42,female,false\n"
        "p2,glycinate=500mg,,42,,\n"
        "p3,elemental=100mg,200mg,30,female,yes\n"
        "p4,elemental=100mg,200mg,30,female,maybe\n"
        "p5,too,few\n",
        encoding="utf-8",
    )
    run = mgcalc("dose", "--batch", str(path), "--format", "csv")
    assert run.exit_code == 2
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [row["id"] for row in rows] == ["p1", "p2", "p3", "p4", "p5"]
    assert rows[0]["ok"] == "true"
    assert float(rows[0]["total_mg"]) == pytest.approx(250 + 70.48 + 241.22, rel=1e-3)
    assert (rows[0]["adequacy"], rows[0]["ul"]) == ("likely_adequate", "within")
    assert "differ by sex" in rows[1]["error"]
    assert rows[2]["ok"] == "true"  # pregnant: yes
    assert "not true or false" in rows[3]["error"]
    assert "has 3 fields" in rows[4]["error"]


def test_csv_header_must_name_request_keys(mgcalc: Any) -> None:
    run = mgcalc("dose", "--batch", "-", "--batch-format", "csv", input="id,colour\n1,red\n")
    assert run.exit_code == 2
    assert "unknown column 'colour'" in _lines(run.stdout)[0]["error"]["message"]


def test_plan_batch(mgcalc: Any) -> None:
    text = json.dumps({"form": "glycinate", "unit": "500mg", "diet": "0mg", "age": 42,
                       "sex": "female"}) + "\n"  # fmt: skip
    out = _lines(mgcalc("plan", "--batch", "-", input=text).stdout)
    assert (out[0]["result"]["units"], out[0]["result"]["capped_by_ul"]) == (4, True)


def test_lines_that_are_not_utf8_are_errors_not_crashes() -> None:
    data = (json.dumps(GOOD) + "\n").encode() + b'{"items": ["\xff"]}\n' + b"\n"
    out = io.StringIO()
    summary = run_batch(io.BytesIO(data), out, "dose")
    assert (summary.read, summary.ok, summary.errors) == (2, 1, 1)
    assert "not UTF-8" in _lines(out.getvalue())[1]["error"]["message"]
    csv_data = b"id,items\n1,oxide=1g\n2,\xff\n3,oxide=2g\n"
    out = io.StringIO()
    summary = run_batch(io.BytesIO(csv_data), out, "dose", input_format="csv")
    assert (summary.read, summary.ok, summary.errors) == (3, 2, 1)


def test_batch_streams_in_blocks() -> None:
    """Results are written as the requests are read: at most two blocks are held."""
    written: list[int] = []

    class Source(io.BytesIO):
        def __iter__(self) -> Any:
            for number in range(200):
                written.append(len(out.getvalue().splitlines()))
                yield (json.dumps({"items": [f"elemental={number}mg"]}) + "\n").encode()

    out = io.StringIO()
    run_batch(Source(), out, "dose")
    lines = out.getvalue().splitlines(keepends=True)
    assert len(lines) == 200
    held = [sum(len(line) for line in lines[done:read]) for read, done in enumerate(written)]
    longest = max(len(line) for line in lines)
    assert 0 < max(held) < BLOCK_BYTES + BLOCK_RECORDS * longest
    assert written[-1] > 100  # most of it was out before the last request was read


def test_a_request_file_that_is_not_utf8(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "request.json"
    path.write_bytes(b'{"items": ["oxide=1g\xff"]}')
    run = mgcalc("dose", "--input", str(path))
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == "error: request is not UTF-8 text\n"


@pytest.mark.parametrize("binary", [True, False], ids=["bytes", "text"])
def test_lines_are_the_bytes_of_the_batch_line_model(binary: bool) -> None:
    """The writer assembles each line itself; it must equal BatchLine.model_dump_json()."""
    from mgcalc.interfaces.batch import DoseLine, LineError
    from mgcalc.interfaces.request import DoseRequest, run_request

    data = "\n".join([json.dumps(GOOD), json.dumps({"id": 'é\u2028"', "items": ["x=1g"]})])
    raw = io.BytesIO()
    out: Any = io.TextIOWrapper(raw, encoding="utf-8", newline="") if binary else io.StringIO()
    run_batch(io.BytesIO(data.encode()), out, "dose")
    out.flush()
    text = raw.getvalue().decode() if binary else out.getvalue()
    good = run_request(DoseRequest.model_validate(GOOD))
    message = "unknown form 'x'; 'mgcalc forms' lists them all, or give formula:MgCl2.6H2O"
    expected = [
        DoseLine(id="a", line=1, ok=True, result=good).model_dump_json(),
        DoseLine(
            id='é\u2028"', line=2, ok=False, error=LineError(line=2, message=message)
        ).model_dump_json(),
    ]
    assert text.split("\n") == [*expected, ""]  # not splitlines(): U+2028 is in a line


def test_exactly_at_the_ul_is_not_counted_above_it() -> None:
    # 25 × 4.4 mg is 110.00000000000001 mg: at the UL of 110 mg at age 6, not above it.
    lines = [
        json.dumps({"id": 1, "items": ["elemental=25x4.4mg"], "age": 6}),
        json.dumps({"id": 2, "items": ["elemental=110.1mg"], "age": 6}),
    ]
    out = io.StringIO()
    summary = run_batch(io.BytesIO("\n".join(lines).encode()), out, "dose", input_format="jsonl")
    assert (summary.ok, summary.above_ul) == (2, 1)
    plans = [json.dumps({"form": "elemental", "unit": "4.4mg", "target": "200mg", "age": 6})]
    summary = run_batch(io.BytesIO(plans[0].encode()), io.StringIO(), "plan", input_format="jsonl")
    assert (summary.ok, summary.above_ul) == (1, 0)


BOM = "\ufeff".encode()


def test_a_byte_order_mark_starts_a_csv_batch(mgcalc: Any) -> None:
    # Excel's "CSV UTF-8" writes one; it was read as part of the first column's name.
    data = BOM + b"id,items,age,sex\n1,glycinate=500mg,42,female\n"
    out = io.StringIO()
    summary = run_batch(io.BytesIO(data), out, "dose", input_format="csv")
    assert (summary.ok, summary.errors) == (1, 0)
    line = json.loads(out.getvalue())
    assert (line["id"], line["result"]["supplemental_mg"]) == ("1", pytest.approx(70.48, rel=1e-3))


def test_a_byte_order_mark_starts_a_jsonl_batch() -> None:
    data = BOM + json.dumps(GOOD).encode() + b"\n" + json.dumps(ABOVE).encode() + b"\n"
    out = io.StringIO()
    summary = run_batch(io.BytesIO(data), out, "dose", input_format="jsonl")
    assert (summary.ok, summary.errors, summary.above_ul) == (2, 0, 1)


def test_a_byte_order_mark_starts_a_request_file(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "request.json"
    path.write_bytes(BOM + json.dumps(GOOD).encode())
    run = mgcalc("dose", "--input", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["total_mg"] == pytest.approx(320.48, rel=1e-4)
    stdin = mgcalc("dose", "--input", "-", "--json", input=BOM.decode() + json.dumps(GOOD))
    assert stdin.exit_code == 0, stdin.stderr


def test_dose_lines_are_the_bytes_of_their_models() -> None:
    """A dose line is written from the result's fields: the bytes its BatchLine model has."""
    extra = [{"items": ["oxide=400mg"], "diet": 100, "age": 8}, {**GOOD, "with": ["levothyroxine"]}]
    text = "\n".join(LINES + [json.dumps(request) for request in extra]) + "\n"
    out = io.StringIO()
    run_batch(io.BytesIO(text.encode()), out, "dose")
    expected = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            result = run_request(parse_request(line, DoseRequest))
        except MgcalcError as error:
            found = request_id(line)
            message = LineError(line=number, message=str(error))
            expected.append(DoseLine(id=number if found is None else found, line=number,
                                     ok=False, error=message))  # fmt: skip
            continue
        result = result if result.id is not None else result.model_copy(update={"id": number})
        assert result.id is not None
        expected.append(DoseLine(id=result.id, line=number, ok=True, result=result))
    assert out.getvalue().splitlines() == [line.model_dump_json() for line in expected]


def test_a_batch_turns_on_the_collector_the_program_turned_off(mgcalc: Any) -> None:
    thresholds = gc.get_threshold()
    gc.disable()
    try:
        line = '{"items": ["oxide=400mg"], "age": 40, "sex": "female"}\n'
        result = mgcalc("dose", "--batch", "-", input=line)
        assert result.exit_code == 0
        assert gc.isenabled()
        assert gc.get_threshold() == GC_THRESHOLDS == (10_000, 1_000, 1_000)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        gc.enable()


def test_a_process_with_the_collector_on_keeps_its_thresholds() -> None:
    thresholds = gc.get_threshold()
    assert gc.isenabled()
    collect_garbage()
    assert gc.get_threshold() == thresholds
