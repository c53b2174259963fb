"""Helpers shared by the tests: a refused run's shape, editing a CSV table, fresh caches."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
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


def clear_caches() -> None:
    """Forget every memo in mgcalc (tables, conversions, groups) and go back to shipped forms.

    Found by walking mgcalc's loaded modules, so a memo added later is cleared too.
    """
    from mgcalc.chemistry.forms import use_forms_file

    use_forms_file(None)
    for name, module in list(sys.modules.items()):
        if name != "mgcalc" and not name.startswith("mgcalc."):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", "") == name:
                clear()


def every_command() -> list[str]:
    """Return every command and subcommand of the CLI, as typed (``profile set``)."""
    import typer

    from mgcalc.interfaces.cli import app

    def walk(group: Any, prefix: str) -> list[str]:
        found = []
        for name, command in sorted(group.commands.items()):
            found.append(prefix + name)
            if hasattr(command, "commands"):
                found.extend(walk(command, f"{prefix}{name} "))
        return found

    return walk(typer.main.get_command(app), "")


SHIPPED_TABLES = ("forms.csv", "reference.csv", "labels.csv", "products.csv",
                  "interactions.csv", "foods.csv")  # fmt: skip


def tables_with_one_broken(folder: Path, broken: str) -> Path:
    """Copy every shipped table into *folder*, with *broken* replaced by one that is not UTF-8."""
    from mgcalc.datafiles import data_file

    for name in SHIPPED_TABLES:
        (folder / name).write_bytes(data_file(name).read_bytes())
    (folder / broken).write_bytes(b"key\n\xff\xfe not UTF-8\n")
    return folder
