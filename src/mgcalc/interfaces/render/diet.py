"""Table views of foods: the ``food`` command, and the diet's parts in ``dose`` and ``plan``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.lookup import notes
from mgcalc.text import mg, number

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.dietary.assembly import Diet
    from mgcalc.dietary.search import FoodSearch


def food(result: FoodSearch) -> list[RenderableType]:
    """Lay out the best matches, then the first one's portions."""
    table = Table(title=f"Foods matching '{escape(result.query)}'", title_justify="left")
    table.add_column("NDB", no_wrap=True)
    table.add_column("Food", overflow="fold")
    table.add_column("Mg per 100 g", justify="right", no_wrap=True)
    for row in result.foods:
        table.add_row(row.ndb, escape(row.description), _mg(row.mg_per_100g))
    out: list[RenderableType] = [table]
    if result.portions:
        first = result.foods[0]
        portions = Table(title=f"Portions of {first.ndb}", title_justify="left")
        portions.add_column("Portion", overflow="fold")
        portions.add_column("Grams", justify="right", no_wrap=True)
        portions.add_column("Magnesium", justify="right", no_wrap=True)
        for portion in result.portions:
            portions.add_row(
                f"{portion.amount:g} {escape(portion.description)}",
                f"{portion.grams:g} g",
                "unknown" if portion.mg is None else f"{number(portion.mg)} mg",
            )
        out.append(portions)
    out.extend(notes(result.notes))
    return out


def diet_rows(diet: Diet) -> list[tuple[str, str, str]]:
    """Return (part as typed, what it is, magnesium) for each part of *diet*."""
    rows = []
    for used in diet.foods:
        amount = f"{used.grams:g} g"
        if used.portion is not None:
            amount += f": {escape(used.portion)}"
        rows.append(
            (
                escape(used.input),
                f"{escape(used.description)}\n[dim]NDB {used.ndb} · {amount}[/dim]",
                mg(used.mg),
            )
        )
    for entry in diet.entries:
        what = "water" if "@" in entry.input else "diet, as given"
        rows.append((escape(entry.input), what, mg(entry.mg)))
    if diet.file is not None:
        file = diet.file
        rows.append(
            (
                escape(file.path),
                f"mean of {file.days_used} day(s)\n[dim]{file.min_mg:g}–{file.max_mg:g} mg a "
                "day[/dim]",
                mg(file.mean_mg),
            )
        )
    return rows


def _mg(value: float | None) -> str:
    return "unknown" if value is None else f"{value:g} mg"
