"""Every command's table output at 60, 80 and 120 columns: no line overflows, no word split.

Add a command here when it gains a table view: one line in COMMANDS.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from mgcalc.interfaces.cli import app

WOMAN = ["--age", "42", "--sex", "female"]
COMMANDS: list[list[str]] = [
    ["convert", "400mg", "oxide"],
    ["convert", "40mEq", "oxide", "--unit", "400mg"],
    ["convert", "0.5mEq/kg", "sulfate-injection-50", "--weight", "70kg", "--over", "4h"],
    ["convert", "2", "slow-mag"],
    ["forms"],
    ["forms", "citrate"],
    ["dose", "glycinate=500mg", "--diet", "250mg", *WOMAN],
    [
        "dose",
        "oxide=2x400mg",
        "elemental=200mg",
        "milk-of-magnesia=15mL",
        "--age",
        "67",
        "--sex",
        "male",
        "--diet",
        "100mg",
    ],
    ["dose", "oxide=1g", "--age", "8mo"],
    ["dose", "glycinate=500mg", "--food", "almonds=28g", *WOMAN, "--standard", "eu"],
    ["plan", "glycinate", "--unit", "500mg", "--diet", "200mg", *WOMAN],
    [
        "plan",
        "oxide",
        "--unit",
        "400mg",
        "--doses",
        "2",
        "--age",
        "70",
        "--sex",
        "male",
        "--diet",
        "0mg",
    ],
    ["reference", "--age", "8mo"],
    ["reference", "--age", "42"],
    ["reference", "--standard", "eu"],
    ["reference", "--standard", "who", "--all"],
    ["food", "almonds"],
    ["food", "milk"],
    ["food", "--top"],
    ["food", "--top", "--per", "portion", "--all"],
    ["food", "--top", "--per", "100kcal", "--group", "soups"],
    ["dose", "--food", "milk=2cup", "--food", "black beans cooked=1cup", "--age", "2"],
    ["plan", "glycinate", "--food", "18069=1 slice", *WOMAN],
    ["products"],
    ["products", "slow-mag"],
    ["interactions"],
    ["dose", "oxide=400mg", "--with", "levothyroxine", *WOMAN, "--diet", "250mg"],
    ["dose", "glycinate", "500mg"],
    ["dose", "oxide=1g", "--kidney-impairment", *WOMAN, "--diet", "250mg"],
    ["forms", "--factors"],
    ["serum", "2.0mg/dL"],
    ["serum", "0.5mmol/L"],
    ["interactions", "doxycycline"],
]
# Words are what lies between spaces and box-drawing lines; bars are drawn, not written.
_BETWEEN_WORDS = re.compile(r"[\s\u2500-\u257f•]+")
_BAR = set("=+#.|")


def _render(args: list[str], width: int) -> str:
    run = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": str(width)})
    assert run.exit_code == 0, run.stderr
    return run.stdout


def _words(text: str) -> set[str]:
    return {word for word in _BETWEEN_WORDS.split(text) if word and not set(word) <= _BAR}


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("width", [60, 80, 120])
def test_fits_without_splitting_words(args: list[str], width: int) -> None:
    shown = _render(args, width)
    assert max(len(line) for line in shown.splitlines()) <= width
    # Every word printed at this width is a word printed when nothing constrains the width.
    assert _words(shown) - _words(_render(args, 400)) == set()


def test_a_split_word_would_be_caught() -> None:
    folded = "│ milk-of-magnesi │\n│ a=15mL          │"
    assert _words(folded) - _words("│ milk-of-magnesia=15mL │") == {"milk-of-magnesi", "a=15mL"}
