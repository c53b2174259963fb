"""Table view of ``mgcalc food --top``: the foods richest in magnesium."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.lookup import notes
from mgcalc.text import number

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.dietary.top import FoodTop

_TITLE = {"100g": "per 100 g", "portion": "per portion", "100kcal": "per 100 kcal"}


def food_top(result: FoodTop) -> list[RenderableType]:
    """Lay out the ranked foods, then what was ranked and left out."""
    where = "" if result.food_group is None else f" in {escape(result.food_group)}"
    scope = "survey foods" if result.survey_only else "all foods"
    table = Table(
        title=f"Magnesium {_TITLE[result.per]}: top {len(result.foods)} of {result.ranked} "
        f"{scope}{where}",
        title_justify="left",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("NDB", no_wrap=True)
    table.add_column("Food", overflow="fold")
    if result.per == "portion":
        table.add_column("Portion", overflow="fold")
    table.add_column("Mg", justify="right", no_wrap=True)
    for food in result.foods:
        cells = [str(food.rank), food.ndb, escape(food.description)]
        if result.per == "portion":
            cells.append(escape(food.portion or ""))
        table.add_row(*cells, f"{number(food.mg)} mg")
    return [table, *notes(result.notes)]
