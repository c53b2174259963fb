"""A corrupted or edited shipped data file is a failure of mgcalc (exit 1), never an answer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import edit_csv

from mgcalc.datafiles import data_file

TABLES = ("forms.csv", "reference.csv", "labels.csv", "products.csv")


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
