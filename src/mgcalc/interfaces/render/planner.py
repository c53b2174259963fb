"""Table view of the dose planner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.diet import diet_rows
from mgcalc.interfaces.render.intake import CLOSING, _counted, legend, reference_table
from mgcalc.interfaces.render.lookup import notes
from mgcalc.interfaces.render.picture import plan_bars
from mgcalc.text import mg, number, percent, share

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.nutrition.planner import Plan

_CAPPED = "Capped by the upper limit"
_TARGET = {"rda": "recommended intake", "ear": "EAR", "ai": "AI", "custom": "your target"}


def plan(result: Plan, *, brief: bool = False) -> list[RenderableType]:
    """Lay out the plan as the dose check is: cautions, the outcome, the next step, what
    was counted; then (not *brief*) bars with their legend, tables, notes, closing line."""
    capped = tuple(note for note in result.notes if note.startswith(_CAPPED))
    rest = tuple(note for note in dict.fromkeys(result.notes) if not note.startswith(_CAPPED))
    first: list[RenderableType] = [
        *notes(result.warnings, "bold red"),
        *notes(capped, "bold yellow"),
        f"[bold]{escape(_outcome(result))}[/bold]",
        f"[bold]Next:[/bold] {escape(_next(result))}",
        *_counted(result),
    ]
    if brief:
        return first
    return [
        *first,
        *plan_bars(result),
        *legend(result.reference),
        _table(result),
        *reference_table(result.reference),
        *notes(rest),
        f"[italic]{CLOSING}[/italic]",
    ]


def _outcome(result: Plan) -> str:
    """Return the plan in one sentence: what it gives, and against which target."""
    target = f"the {mg(result.target_mg)} target ({_TARGET[result.target_kind]})"
    reached = "reaches" if result.reaches_target else "falls short of"
    if result.units is not None and result.unit_elemental_mg is not None:
        units = f"{result.units:g} unit" + ("" if result.units == 1 else "s")
        what = f"{units} of {result.name} a day ({mg(result.unit_elemental_mg)} magnesium each)"
    else:
        what = f"{mg(result.supplemental_mg)} of magnesium as {result.name} a day"
    return (
        f"Plan: {what} gives {mg(result.supplemental_mg)}; with the diet the total "
        f"{mg(result.total_mg)} {reached} {target}"
    )


def _next(result: Plan) -> str:
    """Return what to do with the plan: it is arithmetic, not a prescription."""
    if result.warnings:
        return "Read the cautions above first; check any supplement with a doctor or pharmacist."
    if result.reaches_target and not result.supplemental_mg > 0:
        return (
            "Nothing to add: the diet alone reaches the target. This is arithmetic toward a "
            "reference value, not a prescription."
        )
    return (
        "This is arithmetic toward a reference value, not a prescription: check it with a "
        "pharmacist or doctor before you start."
    )


def _table(result: Plan) -> Table:
    """Return the plan's table: form, target, diet, units, and what they give."""
    table = Table(title="Plan", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    table.add_row(
        "Form",
        escape(f"{result.name} ({result.formula}, {percent(result.elemental_fraction)} Mg)"),
    )
    target = mg(result.target_mg)
    if result.target_unit != "mg":
        given = result.target_meq if result.target_unit == "mEq" else result.target_mmol
        target = f"{number(given)} {result.target_unit} = {target}"
    table.add_row("Target", f"{target} ({_TARGET[result.target_kind]})")
    if result.diet is None:
        table.add_row("Diet", "not given (0 mg)")
    else:
        for part, what, magnesium in diet_rows(result.diet):
            table.add_row(f"Diet: {part}", f"{magnesium}: {what.replace(chr(10), ', ')}")
        table.add_row("Diet", mg(result.diet_mg))
    table.add_row("Needed from supplements", mg(result.needed_mg))
    table.add_row("Upper limit (supplements)", "–" if result.ul_mg is None else mg(result.ul_mg))
    if result.units is not None and result.unit_elemental_mg is not None:
        per = f"{mg(result.unit_elemental_mg)} Mg"
        if result.unit_compound_mg is not None:
            per = f"{number(result.unit_compound_mg)} mg compound, {per}"
        table.add_row("Units a day", f"[bold]{result.units:g}[/bold] × ({per})")
    if result.doses is not None:
        split = " + ".join(f"{count:g}" for count in result.doses)
        if result.units is not None and 0 in result.doses and result.units > 0:
            units = f"{result.units:g} unit" + ("" if result.units == 1 else "s")
            split += f" [bold yellow]({units} cannot be split into {len(result.doses)} doses)[/]"
        table.add_row("Doses", split)
    style = "bold red" if result.warnings else "bold yellow" if result.capped_by_ul else "bold"
    table.add_row("Compound", f"{number(result.compound_mg)} mg")
    supplemental = mg(result.supplemental_mg)
    if result.target_unit == "mEq":
        supplemental = f"{number(result.supplemental_meq)} mEq = {supplemental}"
    elif result.target_unit == "mmol":
        supplemental = f"{number(result.supplemental_mmol)} mmol = {supplemental}"
    table.add_row("Supplemental magnesium", f"[{style}]{supplemental}[/]")
    table.add_row("New total", mg(result.total_mg))
    if result.percent_of_target is not None:
        colour = "green" if result.reaches_target else "yellow"
        shown = share(result.total_mg, result.target_mg)
        table.add_row("Of target", f"[{colour}]{shown}[/]")
    if result.percent_of_ul is not None and result.ul_mg is not None:
        table.add_row("Of upper limit", share(result.supplemental_mg, result.ul_mg))
    return table
