"""The docs cannot drift: README examples run, every command has help, exit codes are listed."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
pytestmark = pytest.mark.skipif(not README.exists(), reason="needs the source tree")


def _examples() -> list[str]:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    lines = re.findall(r"^\$ (mgcalc [^\n]*)$", text, re.MULTILINE)
    return [line.split(" #")[0].strip() for line in lines]


@pytest.mark.parametrize("command", _examples())
def test_readme_example_runs(mgcalc: Any, command: str) -> None:
    run = mgcalc(*shlex.split(command)[1:])
    assert run.exit_code == 0, run.stderr
    assert run.stdout


def test_readme_has_examples() -> None:
    assert len(_examples()) >= 15


@pytest.mark.parametrize("command", ["forms", "convert", "dose", "plan", "reference", "schema"])
def test_every_command_has_help(mgcalc: Any, command: str) -> None:
    run = mgcalc(command, "--help")
    assert run.exit_code == 0
    assert "Usage" in run.stdout


def test_every_exit_code_is_documented() -> None:
    from mgcalc import errors

    text = README.read_text(encoding="utf-8")
    table = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    codes = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    for code in codes:
        assert re.search(rf"^\| {code} \|", table, re.MULTILINE), code
