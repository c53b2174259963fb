"""A corrupted or edited shipped data file is a failure of mgcalc (exit 1), never an answer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import edit_csv

from mgcalc.datafiles import data_file

TABLES = (
    "forms.csv",
    "reference.csv",
    "labels.csv",
    "products.csv",
    "interactions.csv",
    "intake-variation.csv",
)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in TABLES:
        (tmp_path / name).write_text(data_file(name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def _edit(path: Path, line: int, column: str, value: str) -> None:
    path.write_text(
        edit_csv(path.read_text(encoding="utf-8"), line, column, value), encoding="utf-8"
    )


def _mgcalc(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    mgcalc = shutil.which("mgcalc", path=str(Path(sys.executable).parent))
    assert mgcalc is not None
    env = dict(os.environ, MGCALC_DATA_DIR=str(data))
    return subprocess.run([mgcalc, *args], capture_output=True, text=True, env=env, check=False)


def test_a_clean_copy_works(data_copy: Path) -> None:
    assert _mgcalc(data_copy, "convert", "400mg", "oxide", "--json").returncode == 0


@pytest.mark.parametrize(
    ("table", "edit", "args", "message"),
    [
        ("forms.csv", (1, "source", "origin"), ["convert", "1g", "oxide"],
         "forms.csv, row 1: missing column 'source'"),
        ("forms.csv", (3, "key", "oxide"), ["convert", "1g", "oxide"],
         "name 'oxide' of 'oxide' is already used by 'oxide'"),
        ("forms.csv", (2, "elemental_fraction", "1.6"), ["forms"],
         "forms.csv, row 2, field 'elemental_fraction'"),
        ("reference.csv", (5, "age_from_months", "50"), ["reference", "--age", "5"],
         "reference.csv, row 5, field 'age_from_months': gap between '1–3 y' and '4–8 y'"),
        ("reference.csv", (4, "ul_mg", ""), ["dose", "elemental=1mg", "--age", "2"],
         "reference.csv, row 4: ul_mg is given exactly when ul_status is 'set'"),
        ("labels.csv", (2, "value_mg", "-420"), ["dose", "elemental=1mg"],
         "labels.csv, row 2, field 'value_mg'"),
    ],
)  # fmt: skip
def test_corruption_is_exit_1_with_file_row_and_field(
    data_copy: Path, table: str, edit: tuple[int, str, str], args: list[str], message: str
) -> None:
    _edit(data_copy / table, *edit)
    run = _mgcalc(data_copy, *args)
    assert run.returncode == 1, run.stderr
    assert run.stdout == ""
    assert message in run.stderr
    assert run.stderr.startswith(f"error: {data_copy / table}")
    assert run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_a_missing_table(data_copy: Path) -> None:
    (data_copy / "forms.csv").unlink()
    run = _mgcalc(data_copy, "forms")
    assert run.returncode == 1
    assert "forms.csv: file not found" in run.stderr


# Hostile values in an edited copy of the tables, run in-process (MGCALC_DATA_DIR is read
# on each load; the fresh_caches fixture makes each test load the tables again).
@pytest.fixture
def data_dir(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MGCALC_DATA_DIR", str(data_copy))
    return data_copy


def test_a_byte_order_mark_starts_any_table(mgcalc: Any, data_dir: Path) -> None:
    # A table saved as a spreadsheet's "CSV UTF-8" begins with one.
    for name in TABLES:
        path = data_dir / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    run = mgcalc("dose", "oxide=400mg", "--diet", "100mg", "--age", "42", "--sex", "female")
    assert run.exit_code == 0, run.stderr
    assert "Total 341.2 mg (1 day): at or above the recommended intake (RDA 320 mg)" in run.stdout
    assert mgcalc("dose", "oxide=400mg", "--json").json()["reference"]["label"]["value_mg"] == 420


# A free-text column of each table, and a dose that reads the table: products only when an
# item is not a form's name; interactions only with --with; the day-to-day SDs only for a
# person whose group has an EAR, with a diet.
_TEXT_COLUMN = {"interactions.csv": "effect", "intake-variation.csv": "derivation"}
_READS = {
    "products.csv": ["not-a-form=1"],
    "interactions.csv": ["oxide=1g", "--with", "iron"],
    "intake-variation.csv": ["oxide=400mg", "--diet", "250mg", "--age", "42", "--sex", "female"],
}


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_table_in_another_encoding_is_exit_1(
    mgcalc: Any, data_dir: Path, table: str, encoding: str
) -> None:
    path = data_dir / table
    column = _TEXT_COLUMN.get(table, "note")
    _edit(path, 2, column, "Müller")  # a letter Latin-1 writes as one byte, not UTF-8's two
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode(encoding, errors="replace"))
    # without an age, the forms, reference and label tables are read; products only when
    # an item is not a form's name (a product never is); interactions only with --with
    run = mgcalc("dose", *_READS.get(table, ["oxide=400mg"]))
    assert run.exit_code == 1, run.stdout
    assert run.stderr == f"error: {path}: is not UTF-8 text\n"
    if table == "products.csv":  # loaded lazily: a dose of forms alone never reads it
        assert mgcalc("dose", "oxide=400mg").exit_code == 0


@pytest.mark.parametrize("table", TABLES)
def test_a_cell_too_long_for_csv_is_exit_1(mgcalc: Any, data_dir: Path, table: str) -> None:
    # A cell over the csv module's limit (131 072 characters) ended in a _csv.Error traceback.
    path = data_dir / table
    _edit(path, 2, _TEXT_COLUMN.get(table, "note"), "n" * 200_000)
    run = mgcalc("dose", *_READS.get(table, ["oxide=400mg"]))
    assert run.exit_code == 1, run.stdout
    assert run.stderr == (
        f"error: {path}, row 2: not readable as CSV: field larger than field limit (131072)\n"
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("ul_mg", "1e308", "field 'ul_mg': Input should be less than or equal to 10000"),
        ("ul_mg", "1e-300", "field 'ul_mg': Input should be greater than or equal to 1"),
        ("ul_mg", "inf", "field 'ul_mg'"),
        ("ul_mg", "nan", "field 'ul_mg'"),
        ("rda_mg", "1e308", "field 'rda_mg'"),
        ("ear_mg", "0.0000001", "field 'ear_mg'"),
        ("age_to_months", "1e308", "field 'age_to_months'"),
    ],
)
def test_huge_and_tiny_reference_values_are_refused(
    mgcalc: Any, data_dir: Path, column: str, value: str, message: str
) -> None:
    # Row 4 is us 1–3 y (EAR 65, RDA 80, UL 65).
    _edit(data_dir / "reference.csv", 4, column, value)
    run = mgcalc("dose", "elemental=60mg", "--age", "2")
    assert run.exit_code == 1, run.stdout
    assert run.stdout == ""
    assert run.stderr.startswith(f"error: {data_dir / 'reference.csv'}, row 4, ")
    assert message in run.stderr


def test_huge_label_values_are_refused(mgcalc: Any, data_dir: Path) -> None:
    _edit(data_dir / "labels.csv", 2, "value_mg", "1e308")
    run = mgcalc("dose", "elemental=60mg")
    assert run.exit_code == 1
    assert "labels.csv, row 2, field 'value_mg'" in run.stderr


MARKUP = "[bold red]loud[/] [/x] [buffered]"


def test_markup_in_a_table_shows_literally(mgcalc: Any, data_dir: Path) -> None:
    _edit(data_dir / "reference.csv", 4, "group", MARKUP)
    _edit(data_dir / "reference.csv", 4, "source", f"Source {MARKUP}")
    _edit(data_dir / "reference.csv", 4, "note", f"Note {MARKUP}")
    _edit(data_dir / "labels.csv", 2, "name", f"Label {MARKUP}")
    _edit(data_dir / "forms.csv", 2, "name", f"Oxide {MARKUP}")
    _edit(data_dir / "forms.csv", 2, "note", f"Note {MARKUP}")
    _edit(data_dir / "forms.csv", 2, "source", f"Source {MARKUP}")
    for args in (
        ["dose", "oxide=100mg", "--age", "2"],
        ["dose", "oxide=100mg"],
        ["plan", "oxide", "--age", "2", "--unit", "100mg", "--diet", "0mg"],
        ["reference", "--age", "2"],
        ["reference"],
        ["convert", "100mg", "oxide"],
        ["forms"],
        ["forms", "oxide"],
    ):
        run = mgcalc(*args)
        assert run.exit_code == 0, (args, run.stderr)
        flat = " ".join(run.stdout.replace("│", " ").split())
        assert MARKUP in flat, args


def test_intake_variation_rows_are_checked(mgcalc: Any, data_dir: Path) -> None:
    path = data_dir / "intake-variation.csv"
    _edit(path, 2, "sd_mg", "-3")
    run = mgcalc("dose", *_READS["intake-variation.csv"])
    assert run.exit_code == 1, run.stdout
    assert run.stderr.startswith(f"error: {path}, row 2, field 'sd_mg'")


def test_overlapping_intake_variation_groups_are_refused(mgcalc: Any, data_dir: Path) -> None:
    path = data_dir / "intake-variation.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    run = mgcalc("dose", *_READS["intake-variation.csv"])
    assert run.exit_code == 1, run.stdout
    assert f"{path}, row 3: overlaps an earlier row's group" in run.stderr
