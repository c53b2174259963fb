"""Commands' help reads as paragraphs at 80 columns: no line broken off after a word or two.

typer keeps a docstring's line breaks after its first paragraph, so those lines are written to
fit an 80-column terminal whole.
"""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from mgcalc.interfaces import cli

COMMANDS = ["dose", "plan", "convert", "serum", "products", "interactions"]


def _help(command: str) -> list[str]:
    result = CliRunner().invoke(
        cli.app, [command, "--help"], env={"NO_COLOR": "1", "COLUMNS": "80", "TERM": "dumb"}
    )
    assert result.exit_code == 0, result.output
    text = result.stdout.split("╭")[0]  # the description, before the panels
    return [line.strip() for line in text.splitlines()]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_paragraphs_fit_80_columns(command: str) -> None:
    shown = _help(command)
    assert all(len(line) <= 78 for line in shown)
    doc = inspect.cleandoc(getattr(cli, command).__doc__ or "")
    later = [line.strip() for paragraph in doc.split("\n\n")[1:] for line in paragraph.split("\n")]
    assert later, command
    for line in later:
        assert line in shown, (command, line)  # whole, not wrapped again


def test_dose_help_is_not_broken_mid_sentence() -> None:
    shown = _help("dose")
    assert "the diet is given (--food, --diet, --diet-file); supplements, antacids and" in shown
    assert not any(line in {"the diet", "alone", "AI Adequate", "evidence"} for line in shown)
