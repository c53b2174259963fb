"""A picture of the intake: bars against the reference value and the upper limit.

Colour-blind safe (blue for within, from the Okabe–Ito palette) and readable without colour.
Past a reference value is good (bluish green, ``▒``; ``+`` without colour); past the upper
limit is a caution (orange, ``▓``; ``#`` without colour): the two never look alike. With
NO_COLOR or when the output is not a terminal the bar is drawn with plain ASCII characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from rich.style import Style

from mgcalc.text import mg, share, shown_mg

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

    from mgcalc.nutrition.intake import Dose
    from mgcalc.nutrition.planner import Plan

_LABEL = 12
_MAX_BAR = 40
_MIN_BAR = 10
# Each bar's style is made anew: rich keeps a Style's ANSI codes on the object for the first
# console that renders it, so a style shared by consoles of other colour systems (tests, an
# embedding program) would show the first one's colours.
_STYLES: dict[str, dict[str, Any]] = {
    "fill": {"color": "#0072B2"},  # Okabe–Ito blue
    "good": {"color": "#009E73"},  # Okabe–Ito bluish green: past a reference value
    "past": {"color": "#E69F00", "bold": True},  # Okabe–Ito orange: past the upper limit
    "empty": {"dim": True},
    "mark": {"bold": True},
}


def _style(kind: str) -> Style:
    return Style(**_STYLES[kind])


_FANCY = {"fill": "█", "good": "▒", "past": "▓", "empty": "░", "mark": "│"}
_PLAIN = {"fill": "=", "good": "+", "past": "#", "empty": ".", "mark": "|"}


@dataclass(frozen=True)
class Bar:
    """One bar: *value* against the *mark* (a reference value, or a *limit*)."""

    label: str
    value: float
    mark: float
    mark_name: str
    limit: bool = False  # past a limit is a caution; past a reference value is good

    @property
    def text(self) -> str:
        """Return the figures the bar shows, as a sentence fragment; the % agrees with < and >."""
        sign = (
            "<"
            if shown_mg(self.value) < shown_mg(self.mark)
            else (">" if shown_mg(self.value) > shown_mg(self.mark) else "=")
        )
        percent = f" ({share(self.value, self.mark)})" if self.mark > 0 else ""
        return f"{mg(self.value)} {sign} {self.mark_name} {mg(self.mark)}{percent}"


class Bars:
    """Bars drawn one under another, at one scale of width so that they line up."""

    def __init__(self, bars: list[Bar]) -> None:
        self.bars = bars

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = console.no_color or not console.is_terminal
        chars = _PLAIN if plain else _FANCY
        room = options.max_width - _LABEL - 1
        width = min(_MAX_BAR, room - max(len(bar.text) for bar in self.bars) - 1)
        below = width < _MIN_BAR  # too narrow: the figures go on their own line
        if below:
            width = max(_MIN_BAR, min(_MAX_BAR, room))
        for bar in self.bars:
            yield from _draw(bar, width, chars, plain)
            if below:
                yield Segment.line()
                yield Segment(" " * (_LABEL + 1) + bar.text)
            else:
                yield Segment(" " + bar.text)
            yield Segment.line()
        yield _key(self.bars, chars, plain)


def _key(bars: list[Bar], chars: dict[str, str], plain: bool) -> Text:
    """Return the line that says what each kind of bar cell means, for the bars drawn."""
    from rich.text import Text

    kinds = [("fill", "up to it")]
    marks = [bar.mark_name for bar in bars if not bar.limit]
    if marks:
        kinds.append(("good", f"above the {marks[0]} (good)"))
    limits = [bar.mark_name for bar in bars if bar.limit]
    if limits:
        kinds.append(("past", f"above the {limits[0]} (caution)"))
    key = Text(" " * (_LABEL + 1))
    for index, (kind, meaning) in enumerate(kinds):
        if index:
            key.append(", ")
        key.append(chars[kind], None if plain else _style(kind))
        key.append(f" {meaning}")
    return key


def _draw(bar: Bar, width: int, chars: dict[str, str], plain: bool) -> list[Segment]:
    top = max(bar.value, bar.mark) or 1.0
    mark_at = min(width - 1, round(bar.mark / top * width))
    filled = round(bar.value / top * width)
    cells = []
    for position in range(width):
        if position == mark_at:
            cells.append("mark")
        elif position < filled:
            past = "past" if bar.limit else "good"
            cells.append(past if position > mark_at else "fill")
        else:
            cells.append("empty")
    segments = [Segment(f"{bar.label:<{_LABEL}} ")]
    for kind, run in groupby(cells):
        segments.append(Segment(chars[kind] * len(list(run)), None if plain else _style(kind)))
    return segments


def dose_bars(result: Dose) -> list[Bars]:
    """Return the total against the RDA or AI (when a diet is known) and supplements vs UL."""
    from mgcalc.nutrition.standards import STANDARD_INFO

    reference = result.reference
    bars = []
    recommended = STANDARD_INFO[reference.standard].recommended
    label_mg = None if reference.label is None else reference.label.value_mg
    target = _target(reference.rda_mg, reference.ai_mg, label_mg, recommended)
    if result.diet is not None and target is not None:
        bars.append(Bar("Total", result.total_mg, *target))
    if reference.ul_mg is not None:
        upper = STANDARD_INFO[reference.standard].upper
        bars.append(Bar("Supplements", result.supplemental_mg, reference.ul_mg, upper, True))
    return [Bars(bars)] if bars else []


def plan_bars(result: Plan) -> list[Bars]:
    """Return the new total against the target and the supplements against the UL."""
    from mgcalc.nutrition.standards import STANDARD_INFO

    bars = [Bar("New total", result.total_mg, result.target_mg, "target")]
    if result.ul_mg is not None:
        upper = STANDARD_INFO[result.reference.standard].upper
        bars.append(Bar("Supplements", result.supplemental_mg, result.ul_mg, upper, True))
    return [Bars(bars)]


def _target(
    rda: float | None, ai: float | None, label: float | None, recommended: str
) -> tuple[float, str] | None:
    if rda is not None:
        return rda, recommended
    if ai is not None:
        return ai, "AI"
    if label is not None:
        return label, "label reference"
    return None
