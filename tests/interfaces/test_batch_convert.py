"""convert --batch: bulk label conversion in JSON Lines or CSV, the same ids and errors as dose."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from mgcalc.chemistry.forms import COLUMNS
from mgcalc.interfaces import parallel
from mgcalc.interfaces.api import use_forms
from mgcalc.interfaces.batch import ConvertLine, run_batch

# compounds.md: magnesium oxide, DailyMed label "400 mg = 241.3 mg" (60.3 %).
OXIDE_LABEL_MG = 241.3
LINES = [
    json.dumps({"id": "label-1", "amount": "400mg", "form": "oxide"}),
    json.dumps({"amount": "1g", "form": "glycinat"}),
    "",
    "not json",
    json.dumps({"id": 7, "amount": "500 mg magnesium glycinate"}),
    "   ",
    json.dumps({"id": "z", "amount": "1g", "from": "oxide"}),
    json.dumps({"amount": "10mL", "form": "sulfate-injection-50"}),
]
CSV_COLUMNS = [
    "id", "line", "ok", "input", "form", "product", "name", "read_as", "compound_mg",
    "elemental_mg", "mmol", "meq", "volume_ml", "unit", "units", "weight_kg", "ml_per_h",
    "mg_per_h", "meq_per_h", "error",
]  # fmt: skip


def _lines(text: str) -> list[dict[str, Any]]:
    # Lines end at "\n" only: JSON text may hold U+2028, which str.splitlines also breaks at.
    return [json.loads(line) for line in text.split("\n") if line]


def test_each_line_carries_its_id_and_its_result_the_same(mgcalc: Any) -> None:
    run = mgcalc("convert", "--batch", "-", input="\n".join(LINES) + "\n")
    assert run.exit_code == 2  # bad lines
    assert run.stderr == "batch: 6 lines read, 3 ok, 3 errors\n"  # blank lines are not read
    out = _lines(run.stdout)
    assert [(line["id"], line["line"], line["ok"]) for line in out] == [
        ("label-1", 1, True), (2, 2, False), (4, 4, False), (7, 5, True), ("z", 7, False),
        (8, 8, True),
    ]  # fmt: skip
    for line in out:
        assert line["result"] is None or line["result"]["id"] == line["id"]
    assert out[0]["result"]["elemental_mg"] == pytest.approx(OXIDE_LABEL_MG, abs=0.1)
    assert out[1]["error"] == {
        "line": 2, "message": "unknown form 'glycinat'; did you mean 'glycinate' or 'gluconate'?"
    }  # fmt: skip
    assert out[2]["error"]["message"].startswith("request is not valid JSON")
    assert out[3]["result"]["form"] == "glycinate"
    assert out[4]["error"]["message"] == "request field 'from': unknown key; did you mean 'form'?"
    assert out[5]["result"]["volume_ml"] == 10.0


def test_a_batch_line_is_the_single_request_with_its_id(mgcalc: Any) -> None:
    request = {"id": "x", "amount": "2g", "form": "sulfate-injection-50", "over": "30min"}
    line = _lines(mgcalc("convert", "--batch", "-", input=json.dumps(request)).stdout)[0]
    single = mgcalc("convert", "--input", "-", "--json", input=json.dumps(request)).json()
    assert line["result"] == single
    # compounds.md / the README: 2 g of the 50 % injection is 4.000 mL; over 30 min, 8 mL/h.
    assert (single["volume_ml"], single["rate"]["ml_per_h"]) == (
        pytest.approx(4.0, rel=1e-9), pytest.approx(8.0, rel=1e-9),
    )  # fmt: skip


def test_a_good_batch_exits_0(mgcalc: Any) -> None:
    run = mgcalc("convert", "--batch", "-", input=LINES[0] + "\n" + LINES[4] + "\n")
    assert (run.exit_code, run.stderr) == (0, "batch: 2 lines read, 2 ok, 0 errors\n")


def test_lines_are_the_bytes_of_the_convert_line_model() -> None:
    out = io.StringIO()
    run_batch(io.BytesIO("\n".join(LINES).encode()), out, "convert")
    for text in out.getvalue().splitlines():
        assert ConvertLine.model_validate_json(text).model_dump_json() == text


def test_csv_in_and_out(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text(
        "id,amount,form,elemental,unit,halves,weight,over\n"
        "a,400mg,oxide,,,,,\n"
        ",1350 mg magnesium glycinate,,,,,,\n"
        "c,300mg,oxide,yes,400mg,true,,\n"
        "d,0.5mEq/kg,sulfate-injection-50,,,,70kg,4h\n"
        "e,1g,oxide,maybe,,,,\n"
        "f,too,few\n"
        ",,,,,,,\n",
        encoding="utf-8",
    )
    run = mgcalc("convert", "--batch", str(path), "--format", "csv")
    assert run.exit_code == 2
    assert run.stdout.splitlines()[0].split(",") == CSV_COLUMNS
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [(row["id"], row["line"], row["ok"]) for row in rows] == [
        ("a", "2", "true"), ("3", "3", "true"), ("c", "4", "true"), ("d", "5", "true"),
        ("e", "6", "false"), ("f", "7", "false"),
    ]  # fmt: skip
    assert float(rows[0]["elemental_mg"]) == pytest.approx(OXIDE_LABEL_MG, abs=0.1)
    assert (rows[0]["unit"], rows[0]["units"], rows[0]["error"]) == ("", "", "")
    # compounds.md: glycinate 14.1 %; a maker's label says 1350 mg = 190 mg.
    assert float(rows[1]["elemental_mg"]) == pytest.approx(190, abs=0.5)
    # 300 mg of magnesium as oxide is 497.5 mg of MgO: 1.24 units of 400 mg, 1 as halves.
    assert (rows[2]["read_as"], rows[2]["unit"], rows[2]["units"]) == ("magnesium", "400mg", "1")
    assert float(rows[2]["compound_mg"]) == pytest.approx(497.5, abs=0.05)
    # 0.5 mEq/kg × 70 kg = 35 mEq over 4 h: 8.75 mEq/h.
    assert (rows[3]["weight_kg"], rows[3]["meq"], rows[3]["meq_per_h"]) == ("70.0", "35.0", "8.75")
    assert rows[4]["error"] == "column 'elemental': 'maybe' is not true or false"
    assert rows[5]["error"] == "line 7 has 3 fields; the header has 8"
    assert all(row["input"] == "" for row in rows[4:])


def test_a_product_is_read_as_its_label_declares(mgcalc: Any) -> None:
    text = "id,amount,form\nmts,2,mag-tab-sr\nbad,400mg,mag-tab-sr\n"
    run = mgcalc("convert", "--batch", "-", "--batch-format", "csv", "--format", "csv", input=text)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    # Mag-Tab SR declares 84 mg of magnesium per caplet (data/products.csv).
    assert (rows[0]["product"], rows[0]["form"], rows[0]["read_as"]) == (
        "mag-tab-sr", "lactate", "declared",
    )  # fmt: skip
    assert (rows[0]["elemental_mg"], rows[0]["compound_mg"]) == ("168.0", "")
    assert rows[1]["ok"] == "false" and "mag-tab-sr" in rows[1]["error"]


def test_a_csv_header_names_request_keys(mgcalc: Any) -> None:
    run = mgcalc("convert", "--batch", "-", "--batch-format", "csv", input="id,amont\n1,1g\n")
    assert run.exit_code == 2
    message = _lines(run.stdout)[0]["error"]["message"]
    assert message == "CSV header: unknown column 'amont'; did you mean 'amount'?"
    run = mgcalc("convert", "--batch", "-", "--batch-format", "csv", input="colour\nred\n")
    assert _lines(run.stdout)[0]["error"]["message"] == (
        "CSV header: unknown column 'colour'; the columns are id, amount, form, elemental, "
        "unit, halves, weight, over, max, kidney_impairment"
    )


def test_jobs_give_the_same_bytes_as_one_process(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(LINES * 40), encoding="utf-8")
    monkeypatch.setattr(parallel, "PIECE_BYTES", 500)  # many pieces from a small file
    for output in ("jsonl", "csv"):
        one = mgcalc("convert", "--batch", str(path), "--format", output)
        assert one.stderr == "batch: 240 lines read, 120 ok, 120 errors\n"
        many = mgcalc("convert", "--batch", str(path), "--format", output, "--jobs", "2")
        assert (many.exit_code, many.stdout, many.stderr) == (2, one.stdout, one.stderr)


def test_a_forms_file_reaches_the_workers(mgcalc: Any, tmp_path: Path) -> None:
    forms = tmp_path / "forms.csv"
    # A maker's own row (a user's file), declared at 20 % magnesium.
    row = (
        "buffered-glycinate,Buffered magnesium glycinate,buffered,Mg(C2H4NO2)2,0,1,172.423,"
        "declared,0.20,,,20 %,Contains magnesium oxide.,Maker's specification sheet"
    )
    forms.write_text(",".join(COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"amount": "1g", "form": "buffered"}) + "\n", encoding="utf-8")
    try:
        one = mgcalc("convert", "--batch", str(path), "--forms", str(forms))
        many = mgcalc("convert", "--batch", str(path), "--forms", str(forms), "--jobs", "2")
    finally:
        use_forms(None)
    assert (one.exit_code, many.stdout) == (0, one.stdout)
    result = _lines(one.stdout)[0]["result"]
    assert (result["custom"], result["elemental_mg"]) == (True, 200.0)


def test_requests_and_batches_never_read_the_saved_profile(mgcalc: Any) -> None:
    mgcalc("profile", "set", "--age", "42", "--sex", "female", "--weight", "70kg")
    request = json.dumps({"id": "p", "amount": "25mg/kg", "form": "sulfate"})
    single = mgcalc("convert", "--input", "-", input=request)
    assert (single.exit_code, single.stdout) == (2, "")
    assert "per kg of body weight" in single.stderr
    line = _lines(mgcalc("convert", "--batch", "-", input=request).stdout)[0]
    assert (line["id"], line["ok"]) == ("p", False)
    assert "per kg of body weight" in line["error"]["message"]
    given = mgcalc("convert", "--input", "-", "--json", input=request[:-1] + ', "weight": 60}')
    assert (given.json()["per_kg"]["weight_kg"], given.json()["profile_source"]) == (60.0, None)


HOSTILE = [
    '{"amount": "-5mg", "form": "oxide"}',
    '{"amount": "1e309mg"}',
    '{"amount": "400mg", "weight": 1e308}',
    '{"amount": "25mg/kg", "weight": -70}',
    '{"amount": "400mg", "weight": NaN}',
    '{"amount": "400mg", "halves": true}',
    '{"amount": "400mg", "form": ["oxide"]}',
    '{"amount": "' + "9" * 5000 + 'mg"}',
    '{"amount": "400mg", "form": "\\u0000oxide\\u2028"}',
    '{"amount": "", "id": true}',
    '{"amount": "   "}',
    '{"id": 1.5, "amount": "400mg"}',
    '"400mg oxide"',
    "null",
]


def test_hostile_lines_are_errors_in_place_never_crashes() -> None:
    out = io.StringIO()
    summary = run_batch(io.BytesIO("\n".join(HOSTILE).encode()), out, "convert")
    lines = _lines(out.getvalue())
    assert [line["line"] for line in lines] == list(range(1, len(HOSTILE) + 1))
    # A weight is read only for a per-kg amount, as on the command line: lines 3 and 5 pass.
    assert [line["line"] for line in lines if line["ok"]] == [3, 5]
    assert (summary.read, summary.ok, summary.errors) == (len(HOSTILE), 2, len(HOSTILE) - 2)
    assert all(line["error"]["message"] for line in lines if not line["ok"])
    assert lines[3]["error"]["message"].startswith("weight '-70' is outside")
    assert lines[9]["id"] == 10  # an id of the wrong type: the line number stands in
