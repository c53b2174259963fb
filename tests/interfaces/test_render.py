"""The renderer: colours that mean something, none when asked not to, no rich for JSON."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from mgcalc.interfaces.render import renderables
from mgcalc.nutrition.intake import dose
from mgcalc.nutrition.profile import make_profile


def _render(result: object, **console: object) -> str:
    out = io.StringIO()
    printer = Console(file=out, width=120, highlight=False, **console)  # type: ignore[arg-type]
    for renderable in renderables(result):  # type: ignore[arg-type]
        printer.print(renderable)
    return out.getvalue()


def test_above_the_ul_is_red_on_a_terminal() -> None:
    result = dose(["elemental=400mg"], "0mg", make_profile(age="42", sex="female"))
    text = _render(result, force_terminal=True, color_system="standard")
    assert "\x1b[1;31mSupplements 400 mg: above the safe upper limit" in text


def test_no_color_turns_colour_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    result = dose(["elemental=400mg"], "0mg", make_profile(age="42", sex="female"))
    text = _render(result, force_terminal=True)
    assert "\x1b[31m" not in text
    assert "\x1b[1;31m" not in text


def test_no_table_view_for_unknown_results() -> None:
    with pytest.raises(TypeError, match="no table view"):
        renderables(make_profile())
