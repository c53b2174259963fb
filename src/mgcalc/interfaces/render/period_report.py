"""The ``diet`` period report: figures, a chart of the days, foods, and the verdict.

The chart has one bar per day (newest last) up to 31 days, else one per ISO week. Lines
mark the EAR and the RDA (or AI). Colour-blind safe (Okabe–Ito blue and orange) and
readable without colour; with NO_COLOR or when the output is not a terminal it is drawn
with plain ASCII characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.segment import Segment
from rich.style import Style
from rich.table import Table

from mgcalc.interfaces.render.intake import ADEQUACY_STYLE, reference_table
from mgcalc.interfaces.render.lookup import notes, profile_used
from mgcalc.interfaces.render.period import REASONS, left_out_text
from mgcalc.nutrition.standards import STANDARD_INFO
from mgcalc.text import mg

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from mgcalc.dietary.assembly import DietDay
    from mgcalc.nutrition.period import DietReport

MAX_DAYS = 31
_MAX_BAR = 48
_MIN_BAR = 10
_FIGURES = 12  # "1,234.5 mg ≥"
# Made anew for each render, as in render/picture.py (rich keeps a Style's ANSI codes on it).
_STYLES: dict[str, dict[str, Any]] = {
    "below": {"color": "#E69F00", "bold": True},  # Okabe–Ito orange: below the EAR
    "fill": {"color": "#0072B2"},  # Okabe–Ito blue
    "good": {"color": "#009E73"},  # Okabe–Ito bluish green: past the RDA, as dose's bars
    "empty": {"dim": True},
    "ear": {"bold": True},
    "rda": {"bold": True},
}
# As dose's bars (render/picture.py): "=" up to the RDA, "+" above it (good). A day below
# the EAR has its own mark ("#" is dose's caution above the UL, which food does not have).
_FANCY = {"below": "▄", "fill": "█", "good": "▒", "empty": " ", "ear": "┊", "rda": "│"}
_PLAIN = {"below": "-", "fill": "=", "good": "+", "empty": " ", "ear": ":", "rda": "|"}


def report(result: DietReport) -> list[RenderableType]:
    """Lay out the verdict, the period's figures, the chart, the foods and the reference."""
    summary = result.summary
    adequacy = result.assessment.verdicts[0]
    used = [day for day in result.days if day.used and day.mg is not None]
    low = min(used, key=lambda day: (day.mg, day.date))
    high = max(used, key=lambda day: (day.mg or 0.0, day.date))
    left = left_out_text(result.days)
    app = f" ({escape(result.app)})" if result.app else ""
    out: list[RenderableType] = [
        f"[bold {ADEQUACY_STYLE[result.assessment.adequacy]}]{escape(adequacy)}[/]",
        f"[bold]{escape(result.path)}[/bold]{app}: {summary.days_in_file} day(s) in the file, "
        f"{summary.days_used} used" + (f"; left out: {left}." if left else "."),
        f"Logged {summary.days_used} of {summary.calendar_days} calendar day(s), "
        f"{summary.first} to {summary.last}.",
        f"Mean {mg(summary.mean_mg)} a day; lowest {mg(summary.min_mg)} ({low.date}), "
        f"highest {mg(summary.max_mg)} ({high.date}).",
        DietChart(result),
    ]
    if result.top_foods:
        out.append(_foods(result))
    if result.foods_without_value:
        shown = ", ".join(
            f"{escape(food.name)} ({food.times})" for food in result.foods_without_value[:10]
        )
        more = len(result.foods_without_value) - 10
        out.append(
            "Foods without a magnesium value (times logged): "
            + shown
            + (f", and {more} more" if more > 0 else "")
            + "."
        )
    out += [
        *reference_table(result.reference),
        *profile_used(result.profile_source),
        *notes(tuple(dict.fromkeys(result.notes))),
    ]
    return out


def _foods(result: DietReport) -> Table:
    table = Table(title="Top foods", title_justify="left")
    table.add_column("Food", overflow="fold")
    table.add_column("Magnesium", justify="right", no_wrap=True)
    table.add_column("Share", justify="right", no_wrap=True)
    for food in result.top_foods:
        table.add_row(escape(food.name), mg(food.mg), f"{food.share * 100:.1f} %")
    return table


@dataclass(frozen=True)
class _Line:
    label: str
    mg: float | None
    note: str  # shown instead of figures when there is no bar
    at_least: bool = False


class DietChart:
    """The per-day (or per-week) bars of a period, with the EAR and RDA (or AI) marked."""

    def __init__(self, result: DietReport) -> None:
        reference = result.reference
        info = STANDARD_INFO[reference.standard]
        self.marks: list[tuple[str, str, float]] = []
        if reference.ear_mg is not None:
            self.marks.append(("ear", "EAR", reference.ear_mg))
        if reference.rda_mg is not None:
            self.marks.append(("rda", info.recommended, reference.rda_mg))
        elif reference.ai_mg is not None:
            self.marks.append(("rda", "AI", reference.ai_mg))
        self.ear = reference.ear_mg
        self.rda = next((value for kind, _, value in self.marks if kind == "rda"), None)
        self.rda_name = next((name for kind, name, _ in self.marks if kind == "rda"), None)
        shown = [day for day in result.days if day.left_out != "outside_days"]
        if len(shown) <= MAX_DAYS:
            self.title = "Magnesium per day"
            self.lines = [_day_line(day) for day in shown]
        else:
            self.title = "Magnesium per ISO week (mean of the days used)"
            partly = {_monday(day.date) for day in shown if day.used and day.unknown_foods}
            self.lines = [
                _Line(
                    week.week + (f" ({week.days_in_period} d)" if week.days_in_period < 7 else ""),
                    week.mean_mg,
                    "no day used",
                    at_least=week.monday in partly,
                )
                for week in result.weeks
            ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = console.no_color or not console.is_terminal
        chars = _PLAIN if plain else _FANCY
        label = max(len(line.label) for line in self.lines)
        width = max(_MIN_BAR, min(_MAX_BAR, options.max_width - label - _FIGURES - 2))
        values = [line.mg for line in self.lines if line.mg is not None]
        top = max([*values, *(value for _, _, value in self.marks)]) * 1.05 or 1.0
        at = {kind: min(width - 1, round(value / top * width)) for kind, _, value in self.marks}
        yield Segment(self.title, Style(bold=True))
        yield Segment.line()
        for line in self.lines:
            yield Segment(f"{line.label:<{label}} ")
            if line.mg is None:
                yield Segment(line.note, Style(dim=True) if not plain else None)
                yield Segment.line()
                continue
            kind = "below" if self.ear is not None and line.mg < self.ear else "fill"
            above = kind == "fill" and self.rda is not None and line.mg > self.rda
            yield from _bar(line.mg, top, width, kind, at, chars, plain, above=above)
            more = " ≥" if line.at_least and not plain else (" >=" if line.at_least else "")
            yield Segment(f" {mg(line.mg)}{more}")
            yield Segment.line()
        legend = "   ".join(f"{chars[kind]} {name} {mg(value)}" for kind, name, value in self.marks)
        at_least = "≥" if not plain else ">="
        if any(line.at_least for line in self.lines):
            legend = "   ".join(part for part in (legend, f"{at_least} at least") if part)
        if legend:
            yield Segment(" " * (label + 1) + legend)
            yield Segment.line()
        yield from self._key(label, chars, plain)

    def _key(self, label: int, chars: dict[str, str], plain: bool) -> RenderResult:
        """Say what each kind of bar cell means, in dose's bars' words."""
        kinds = []
        if self.ear is not None:
            kinds.append(("below", "below the EAR"))
        if self.rda_name is not None:
            kinds += [
                ("fill", f"up to the {self.rda_name}"),
                ("good", f"above the {self.rda_name} (good)"),
            ]
        if not kinds:
            return
        yield Segment(" " * (label + 1))
        for index, (kind, meaning) in enumerate(kinds):
            if index:
                yield Segment(", ")
            yield Segment(chars[kind], None if plain else Style(**_STYLES[kind]))
            yield Segment(f" {meaning}")
        yield Segment.line()


def _monday(date: str) -> str:
    import datetime

    day = datetime.date.fromisoformat(date)
    return (day - datetime.timedelta(days=day.weekday())).isoformat()


def _day_line(day: DietDay) -> _Line:
    if day.left_out is None:
        return _Line(day.date, day.mg, "", at_least=day.unknown_foods > 0)
    figures = "" if day.mg is None else f" ({mg(day.mg)})"
    return _Line(day.date, None, REASONS[day.left_out] + figures)


def _bar(
    value: float,
    top: float,
    width: int,
    kind: str,
    at: dict[str, int],
    chars: dict[str, str],
    plain: bool,
    *,
    above: bool = False,
) -> list[Segment]:
    """Draw one bar; past the RDA's mark (*above* it), the cells are "good"."""
    filled = round(value / top * width)
    marks = {position: name for name, position in at.items()}
    # At least one "good" cell when above the RDA, whatever the rounding.
    good_from = min(at["rda"], filled - 1) if above and "rda" in at else width
    cells = []
    for position in range(width):
        if position < filled:
            cells.append("good" if position >= good_from else kind)
        else:
            cells.append(marks.get(position, "empty"))
    return [
        Segment(chars[cell] * len(list(run)), None if plain else Style(**_STYLES[cell]))
        for cell, run in groupby(cells)
    ]
