"""The picture of the intake: bars against the reference and the UL, plain without colour."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

from mgcalc.interfaces.render import renderables
from mgcalc.interfaces.render.picture import Bar, Bars, dose_bars, plan_bars
from mgcalc.nutrition.intake import dose
from mgcalc.nutrition.planner import plan
from mgcalc.nutrition.profile import make_profile

WOMAN = make_profile(age="42", sex="female")


def _print(renderable: Any, width: int = 80, **console: Any) -> str:
    out = io.StringIO()
    Console(file=out, width=width, highlight=False, **console).print(renderable)
    return out.getvalue()


def test_plain_characters_when_not_a_terminal() -> None:
    # 160 mg of a 320 mg RDA: half the bar filled, the mark at its end.
    text = _print(Bars([Bar("Total", 160.0, 320.0, "RDA")]), force_terminal=False)
    assert text.startswith("Total        " + "=" * 20 + "." * 19 + "|")
    assert text.splitlines()[0].rstrip().endswith("160 mg < RDA 320 mg (50 %)")
    assert text.splitlines()[1].strip() == "= up to it, + above the RDA (good)"  # the legend
    assert "█" not in text


def test_blocks_and_colour_on_a_terminal() -> None:
    text = _print(
        Bars([Bar("Supplements", 700.0, 350.0, "UL", limit=True)]),
        force_terminal=True,
        color_system="truecolor",
    )
    assert "█" in text and "▓" in text  # past the mark the character changes too
    assert "\x1b[1;" in text.split("│")[-1]  # past the mark: bold, in colour
    assert "▓\x1b[0m above the UL (caution)" in text


def test_above_a_reference_and_above_a_limit_look_different() -> None:
    # Above the RDA is good, above the UL a caution: other characters, other colours.
    bars = Bars([Bar("Total", 640.0, 320.0, "RDA"), Bar("Supplements", 700.0, 350.0, "UL", True)])
    plain = _print(bars, force_terminal=False).splitlines()
    assert plain[0].split()[1] == "=" * 20 + "|" + "+" * 18
    assert plain[1].split()[1] == "=" * 20 + "|" + "#" * 18
    assert plain[2].strip() == "= up to it, + above the RDA (good), # above the UL (caution)"
    colour = _print(bars, force_terminal=True, color_system="truecolor").splitlines()
    assert "▒" in colour[0] and "▓" not in colour[0]
    assert "▓" in colour[1] and "▒" not in colour[1]
    assert "0;158;115" in colour[0] and "230;159;0" in colour[1]  # bluish green, orange


def test_a_bar_below_the_mark_never_reads_100_percent() -> None:
    text = _print(Bars([Bar("Total", 319.0, 320.0, "RDA")]), force_terminal=False)
    assert "319 mg < RDA 320 mg (99 %)" in text
    at = _print(Bars([Bar("Total", 319.96, 320.0, "RDA")]), force_terminal=False)
    assert "320 mg = RDA 320 mg (100 %)" in at


def test_no_color_on_a_terminal_is_plain(monkeypatch: Any) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    text = _print(Bars([Bar("Total", 320.0, 320.0, "RDA")]), force_terminal=True)
    assert "█" not in text and "=" in text


def test_past_the_mark_shows_without_colour() -> None:
    text = _print(Bars([Bar("Supplements", 700.0, 350.0, "UL", True)]), force_terminal=False)
    bar = text.split()[1]
    assert bar == "=" * 20 + "|" + "#" * 19  # the UL halfway: everything after it is above
    assert "700 mg > UL 350 mg (200 %)" in text


def test_narrow_puts_the_figures_below() -> None:
    text = _print(Bars([Bar("Total", 160.0, 320.0, "RDA")]), width=40, force_terminal=False)
    first, second, *legend = text.splitlines()
    assert len(first) <= 40
    assert second.strip() == "160 mg < RDA 320 mg (50 %)"
    assert " ".join(line.strip() for line in legend) == "= up to it, + above the RDA (good)"
    assert all(len(line) <= 40 for line in legend)


def test_dose_draws_total_against_rda_and_supplements_against_ul() -> None:
    result = dose(["elemental=100mg"], "220mg", WOMAN)
    (bars,) = dose_bars(result)
    assert [(bar.label, bar.value, bar.mark, bar.mark_name, bar.limit) for bar in bars.bars] == [
        ("Total", 320.0, 320.0, "RDA", False),  # IOM women 31–50
        ("Supplements", 100.0, 350.0, "UL", True),
    ]


def test_dose_without_a_diet_draws_only_the_ul_bar() -> None:
    (bars,) = dose_bars(dose(["elemental=100mg"], None, WOMAN))
    assert [bar.label for bar in bars.bars] == ["Supplements"]


def test_dose_names_the_ai_where_only_an_ai_exists() -> None:
    result = dose(["elemental=10mg"], "50mg", make_profile(age="8mo"))
    (bars,) = dose_bars(result)
    assert (bars.bars[0].mark, bars.bars[0].mark_name) == (75.0, "AI")  # IOM 7–12 months
    assert [bar.label for bar in bars.bars] == ["Total"]  # no UL for infants


def test_plan_draws_new_total_against_target() -> None:
    result = plan("glycinate", WOMAN, unit="500mg", diet="200mg")
    (bars,) = plan_bars(result)
    assert bars.bars[0].mark == 320.0
    assert bars.bars[1].mark == 350.0


def _table(result: Any) -> str:
    out = io.StringIO()
    printer = Console(file=out, width=80, highlight=False, force_terminal=True)
    for renderable in renderables(result):
        printer.print(renderable)
    return out.getvalue()


def test_verdict_first_and_above_ul_warning_bold_not_dim() -> None:
    result = dose(["elemental=400mg"], "0mg", WOMAN)
    text = _table(result)
    assert text.index("Supplements 400 mg: above the safe upper limit") < text.index("Intake")
    # Cautions first: the warning comes before the verdicts.
    assert text.index("• Supplemental magnesium (400 mg) is above") < text.index("Total 400")
    warning = text[text.index("• Supplemental magnesium (400 mg) is above") - 10 :]
    assert "\x1b[1m• Supplemental magnesium (400 mg) is above" in text
    assert not warning.startswith("\x1b[2m")


def test_capped_plan_is_said_first_in_bold() -> None:
    result = plan("oxide", make_profile(age="70", sex="male"), unit="400mg", diet="0mg")
    text = _table(result)
    assert text.index("Capped by the upper limit") < text.index("Plan")
    assert "\x1b[1;33m• Capped by the upper limit" in text


def test_infant_warning_is_bold_and_first() -> None:
    text = _table(dose(["oxide=100mg"], "50mg", make_profile(age="8mo")))
    assert "\x1b[1m• Infant under 1 year" in text
    assert text.index("Infant under 1 year") < text.index("Total 110.3 mg")  # cautions first


def test_colours_do_not_depend_on_an_earlier_console() -> None:
    # rich keeps a Style's ANSI codes on the object: a console of 8 colours first must not
    # leave its codes for a true-colour one (a random test order once showed cyan).
    bars = Bars([Bar("Total", 640.0, 320.0, "RDA"), Bar("Supplements", 700.0, 350.0, "UL", True)])
    colour = _print(bars, force_terminal=True, color_system="truecolor").splitlines()
    standard = _print(bars, force_terminal=True, color_system="standard")
    # No true-colour codes in the bars of an 8-colour console (the legend's Text goes through
    # rich's own cache of combined styles, which only consoles in one process share).
    assert not any("38;2;" in line for line in standard.splitlines()[:2])
    colour = _print(bars, force_terminal=True, color_system="truecolor").splitlines()
    assert "0;158;115" in colour[0] and "230;159;0" in colour[1]
