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


_MATCHED = {
    "ndb": "given by NDB number",
    "word_table": "the everyday meaning (data/food-words.csv)",
    "search": "the best match of the words in SR28",
}


def food_lines(diet: Diet | None) -> list[str]:
    """Say, for each food given by words, which SR28 food was counted and its variants."""
    if diet is None:
        return []
    lines = []
    for used in diet.foods:
        words, _, amount = used.input.partition("=")
        portion = "" if used.portion is None else f" (SR28 portion '{escape(used.portion)}')"
        reason = f": {escape(used.reason)}" if used.reason else ""
        lines.append(
            f"[bold]{escape(words.strip())}[/bold] → {escape(used.description)}, "
            f"NDB {used.ndb}: {escape(amount.strip())}{portion} = {used.grams:g} g, "
            f"{mg(used.mg)}; {_MATCHED[used.matched_by]}{reason}"
        )
        lines.extend(f"  [dim]{escape(note)}[/dim]" for note in used.notes)
        for variant in used.variants:
            if variant.mg is None:
                figure = _why_none(variant.ndb, amount.strip())
            elif abs(variant.mg - used.mg) <= 1e-9 * max(used.mg, 1):
                figure = f"{mg(variant.mg)}, the same figure"
            else:
                figure = mg(variant.mg)
            lines.append(f"  [dim]or {variant.ndb} {escape(variant.description)}: {figure}[/dim]")
    return lines


def _why_none(ndb: str, amount: str) -> str:
    """Say why a variant has no figure: SR28 gives it no magnesium, or lists no such portion."""
    import re

    from mgcalc.dietary.foods import foods_table

    food = foods_table().by_ndb(ndb)
    if food is None or food.mg_per_100g is None:
        return "magnesium not given in SR28"
    unit = re.sub(r"^[0-9./]+\s*", "", amount)
    return f"no '{escape(unit)}' portion listed"
