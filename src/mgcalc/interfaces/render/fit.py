"""Layouts that fit the terminal: the widest one whose words all fit, never a split word."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.measure import Measurement

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

_WIDE = 1000
# Words are what lies between spaces and box-drawing lines.
_BETWEEN_WORDS = re.compile(r"[\s\u2500-\u257f]+")


class Fit:
    """Render the first of *layouts* (widest first) that fits without splitting a word.

    Rich folds or truncates a word when a column is squeezed below it, so a layout is
    taken only if every word it prints at this width is a word it prints when unbounded.
    The last layout is the fallback.
    """

    def __init__(self, *layouts: RenderableType) -> None:
        self.layouts = layouts

    def choose(self, console: Console, options: ConsoleOptions) -> RenderableType:
        """Return the layout that fits *options*' width."""
        wide = options.update_width(_WIDE)
        for layout in self.layouts[:-1]:
            if Measurement.get(console, wide, layout).minimum > options.max_width:
                continue
            if words(console, options, layout) <= words(console, wide, layout):
                return layout
        return self.layouts[-1]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.choose(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.choose(console, options))


def words(console: Console, options: ConsoleOptions, layout: RenderableType) -> set[str]:
    """Return the words *layout* prints at *options*' width."""
    lines = console.render_lines(layout, options, pad=False)
    text = "\n".join("".join(segment.text for segment in line) for line in lines)
    return set(_BETWEEN_WORDS.split(text)) - {""}
