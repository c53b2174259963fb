"""Tables never pass a control character to the terminal: each shows as a visible escape."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mgcalc as api
from mgcalc.chemistry.forms import COLUMNS as FORM_COLUMNS
from mgcalc.clinical.products import COLUMNS as PRODUCT_COLUMNS

TITLE = "\x1b]0;owned\x07"  # retitles the terminal window
CLEAR = "\x1b[2J"  # clears the screen
C1 = "\x9b31m"  # the one-byte control sequence introducer
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORM = "sly,Mg {title} salt,,MgO,0,1,40.304,formula,0.603042,,,60.3 %,Note {clear} {c1}.,A sheet"
PRODUCT = "sly-tab,Tab {title},,tablet,,100,oxide,,magnesium {clear} 100 mg,,A label {c1},primary"
PERSON = ("--age", "40", "--sex", "female")


@pytest.fixture(autouse=True)
def shipped_tables_after() -> Iterator[None]:
    yield
    api.use_forms(None)
    api.use_products(None)


def _files(tmp_path: Path, command: str = "convert") -> tuple[str, ...]:
    forms = tmp_path / "forms.csv"
    row = FORM.format(title=TITLE, clear=CLEAR, c1=C1)
    forms.write_text(",".join(FORM_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    products = tmp_path / "products.csv"
    row = PRODUCT.format(title=TITLE, clear=CLEAR, c1=C1)
    products.write_text(",".join(PRODUCT_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    if command == "forms":
        return "--forms", str(forms)
    if command == "products":
        return "--products", str(products)
    return "--forms", str(forms), "--products", str(products)


def _assert_shown_escaped(stdout: str, *shown: str) -> None:
    assert not RAW.search(stdout), repr(stdout)
    flat = stdout.replace("│\n│", "").replace("\n", " ")
    for text in shown:
        assert text in flat or text in stdout, (text, stdout)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["forms"], ["Mg \\x1b]0;owned\\x07 salt"]),
        (["forms", "sly"], ["Mg \\x1b]0;owned\\x07 salt", "Note \\x1b[2J \\x9b31m."]),
        (["convert", "1g", "sly"], ["Mg \\x1b]0;owned\\x07 salt"]),
        (["dose", "sly=1g", "--diet", "100mg", *PERSON], ["sly"]),
        (["plan", "sly", "--unit", "500mg", "--diet", "100mg", *PERSON], ["Mg \\x1b]0;owned"]),
        (["products"], ["Tab \\x1b]0;owned\\x07"]),
        (["products", "sly-tab"], ["Tab \\x1b]0;owned\\x07"]),
        (["convert", "2", "sly-tab"], ["Tab \\x1b]0;owned\\x07"]),
        (["dose", "sly-tab=2", "--diet", "100mg", *PERSON], ["sly-tab"]),
    ],
    ids=["forms", "form", "convert", "dose", "plan", "products", "product", "label", "dose-label"],
)
def test_escapes_in_custom_files_are_shown_not_sent(
    mgcalc: Any, tmp_path: Path, args: list[str], shown: list[str]
) -> None:
    run = mgcalc(*args, *_files(tmp_path, args[0]))
    assert run.exit_code == 0, run.stderr
    _assert_shown_escaped(run.stdout, *shown)


def test_tables_with_escapes_stay_aligned(mgcalc: Any, tmp_path: Path) -> None:
    # The text is escaped before the table is laid out, so every row is as wide as its border.
    run = mgcalc("forms", "sly", *_files(tmp_path, "forms"))
    widths = {len(line) for line in run.stdout.splitlines() if line.startswith(("│", "┌", "└"))}
    assert len(widths) == 1, run.stdout


def test_a_typed_food_query_is_shown_escaped(mgcalc: Any) -> None:
    run = mgcalc("food", "almonds \x07\x1b\x9b")
    assert run.exit_code == 0, run.stderr
    _assert_shown_escaped(run.stdout, "almonds \\x07\\x1b\\x9b", "12061", "270 mg")


def test_json_keeps_the_text_as_it_is(mgcalc: Any, tmp_path: Path) -> None:
    run = mgcalc("convert", "1g", "sly", *_files(tmp_path), "--json")
    assert json.loads(run.stdout)["name"] == f"Mg {TITLE} salt"
    assert "\\u001b]0;owned\\u0007" in run.stdout  # JSON escapes them itself
