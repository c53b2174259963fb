"""Files read whole: regular files only, read to their cap + 1 bytes, refused in one line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

from mgcalc import datafiles

DATA = Path(__file__).parents[1] / "data"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")


def _special(tmp_path: Path, kind: str) -> Path:
    """Return a FIFO (no writer: reading it would wait forever), a directory or a device."""
    path = tmp_path / "special.csv"
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero")
        path = Path("/dev/zero")
    return path


KINDS = pytest.mark.parametrize("kind", ["fifo", "directory", "device"])


@KINDS
@pytest.mark.parametrize(
    ("option", "command"), [("--forms", "forms"), ("--products", "products")], ids=str
)
def test_forms_and_products_files_must_be_regular_files(
    mgcalc: Any, tmp_path: Path, kind: str, option: str, command: str
) -> None:
    path = _special(tmp_path, kind)
    run = mgcalc(command, option, str(path))
    assert_refused(run, f"file '{path}'")


@KINDS
@pytest.mark.parametrize("table", ["forms.csv", "foods.csv", "reference.csv"])
def test_data_tables_must_be_regular_files(
    mgcalc: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str, table: str
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / table).unlink()
    special = _special(tmp_path, kind)
    if kind == "device":
        (folder / table).symlink_to(special)
    else:
        special.rename(folder / table)
    monkeypatch.setenv(datafiles.DATA_DIR_VARIABLE, str(folder))
    run = mgcalc("dose", "oxide=400mg", "--food", "almonds=28g", "--age", "40", "--sex", "f")
    assert_refused(run, f"{folder / table}: is not a regular file", code=1)


def test_reads_stop_at_the_cap_plus_one(tmp_path: Path) -> None:
    path = tmp_path / "big"
    with path.open("wb") as stream:
        stream.truncate(4 * 1024**3)  # 4 GB, sparse: read whole it would take minutes
    assert len(datafiles.read_capped(path, 1000)) == 1001
    assert len(datafiles.read_capped(path, 0)) == 1


@pytest.mark.parametrize(
    ("option", "command"), [("--forms", "forms"), ("--products", "products")], ids=str
)
def test_a_huge_forms_or_products_file_is_refused(
    mgcalc: Any, tmp_path: Path, option: str, command: str
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(4 * 1024**3)
    assert_refused(mgcalc(command, option, str(path)), "is larger than 10000000 bytes")


def test_a_huge_data_table_is_refused(
    mgcalc: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with (folder / "forms.csv").open("wb") as stream:
        stream.truncate(4 * 1024**3)
    monkeypatch.setenv(datafiles.DATA_DIR_VARIABLE, str(folder))
    run = mgcalc("forms")
    assert_refused(run, f"is larger than {datafiles.MAX_DATA_BYTES} bytes", code=1)


@needs_fifo
def test_a_batch_may_still_be_a_pipe(mgcalc: Any, tmp_path: Path) -> None:
    """Streamed inputs are not read whole: --batch and --input read from stdin too."""
    run = mgcalc("convert", "--batch", "-", input='{"amount": "400mg", "form": "oxide"}\n')
    assert run.exit_code == 0 and run.stdout.count("\n") == 1


@pytest.mark.parametrize("jobs", ["65", "1000", "99999999999999999999"])
def test_jobs_above_64_is_one_line(mgcalc: Any, tmp_path: Path, jobs: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"amount": "400mg", "form": "oxide"}\n')
    run = mgcalc("convert", "--batch", str(path), "--jobs", jobs)
    assert_refused(run, f"invalid value for '--jobs': {jobs} is not in the range 0<=x<=64")


def test_jobs_64_is_taken(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"amount": "400mg", "form": "oxide"}\n')
    assert mgcalc("convert", "--batch", str(path), "--jobs", "64").exit_code == 0
