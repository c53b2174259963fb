"""Helpers shared by the tests: a refused run's shape, and editing a CSV table."""

from __future__ import annotations

import csv
import io
from typing import Any


def assert_refused(run: Any, message: str, code: int = 2) -> None:
    """Assert *run* exited *code* with one ``error:`` line naming *message*, and no stdout."""
    assert run.exit_code == code, run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith("error: ")
    assert run.stderr.count("\n") == 1
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def edit_csv(text: str, line: int, column: str, value: str) -> str:
    """Return CSV *text* with the cell at *line* (1 is the header) and *column* replaced."""
    rows = list(csv.reader(io.StringIO(text)))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()
