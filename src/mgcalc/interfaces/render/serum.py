"""Table view of a serum magnesium level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.lookup import notes

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.clinical.serum import Serum

_STYLE = {"below": "bold yellow", "within": "bold green", "above": "bold yellow"}


def serum(result: Serum) -> list[RenderableType]:
    """Lay out the level in every unit, where it falls, the label levels passed and next."""
    table = Table(title="Serum magnesium", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("Input", escape(result.input))
    table.add_row("mmol/L", f"{result.mmol_per_l:.3f}")
    table.add_row("mg/dL", f"{result.mg_per_dl:.3f}")
    table.add_row("mEq/L", f"{result.meq_per_l:.3f}")
    table.add_row("mg/L", f"{result.mg_per_l:.2f}")
    interval = result.interval
    table.add_row(
        "Reference interval", f"{interval.low_mmol_per_l:g}–{interval.high_mmol_per_l:g} mmol/L"
    )
    style = _STYLE[result.status]
    table.add_row("Status", f"[{style}]{result.status}[/]")
    passed = tuple(each.text for each in result.thresholds if each.passed != "next")
    following = tuple(each.text for each in result.thresholds if each.passed == "next")
    return [
        table,
        *notes(passed, "bold red"),
        *notes(following, "bold yellow"),
        *notes(result.notes),
        f"[dim]Interval: {escape(interval.source)}[/dim]",
    ]
