"""CSV batches as spreadsheets save them: a ';'-separated file is named, CR-only lines are read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from mgcalc.interfaces.batch import BLOCK_BYTES, run_batch

SEMICOLON = "the file is separated by ';'; mgcalc reads comma-separated CSV"


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("convert", "id;amount;form\r\na;1g;oxide\r\n"),
        ("convert", "\ufeffamount;form\na;1g\n"),  # Excel's byte-order mark first
        ("dose", "id;items;diet;age;sex\n1;oxide=400mg;250mg;40;female\n"),
        ("plan", '"form";"unit";"age"\nglycinate;500mg;40\n'),
    ],
    ids=["crlf", "bom", "dose", "quoted"],
)
def test_a_semicolon_separated_file_is_named(mgcalc: Any, command: str, text: str) -> None:
    run = mgcalc(command, "--batch", "-", "--batch-format", "csv", input=text)
    assert run.exit_code == 2
    (line,) = [json.loads(each) for each in run.stdout.splitlines()]
    assert (line["line"], line["ok"]) == (1, False)
    assert line["error"]["message"] == f"CSV header: {SEMICOLON}"
    assert "did you mean" not in run.stdout
    assert run.stderr == "batch: 1 lines read, 0 ok, 1 errors\n"


def test_a_semicolon_in_an_unknown_header_is_still_an_unknown_column(mgcalc: Any) -> None:
    run = mgcalc("convert", "--batch", "-", "--batch-format", "csv", input="colour;size\nred;1\n")
    assert "unknown column 'colour;size'" in json.loads(run.stdout)["error"]["message"]


@pytest.mark.parametrize("end", ["\r", ""], ids=["last-cr", "no-last-end"])
def test_lines_ending_in_cr_alone_are_read(mgcalc: Any, tmp_path: Path, end: str) -> None:
    path = tmp_path / "labels.csv"
    path.write_bytes(f"id,amount,form\ra,1g,oxide\r\rb,400mg,oxide{end}".encode())
    run = mgcalc("convert", "--batch", str(path), "--format", "csv")
    assert run.exit_code == 0, run.stdout
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    # Magnesium oxide is 60.3042 % magnesium (data/forms.csv): 603.0 mg and 241.2 mg.
    assert [(row["id"], row["line"], row["elemental_mg"][:5]) for row in rows] == [
        ("a", "2", "603.0"), ("b", "4", "241.2"),
    ]  # fmt: skip


def test_a_long_cr_only_file_is_read_in_blocks() -> None:
    rows = [f"r{number},{number + 1}mg,elemental" for number in range(BLOCK_BYTES // 8)]
    data = ("id,amount,form\r" + "\r".join(rows) + "\r").encode()
    assert len(data) > 2 * BLOCK_BYTES
    out = io.StringIO()
    summary = run_batch(io.BytesIO(data), out, "convert", input_format="csv")
    assert (summary.read, summary.ok, summary.errors) == (len(rows), len(rows), 0)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == [f"r{number}" for number in range(len(rows))]
    assert lines[-1]["line"] == len(rows) + 1
    assert lines[-1]["result"]["elemental_mg"] == len(rows)
