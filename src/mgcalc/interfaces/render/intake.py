"""Table view of the intake check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.diet import diet_rows, food_lines
from mgcalc.interfaces.render.fit import Fit
from mgcalc.interfaces.render.lookup import notes, profile_used
from mgcalc.interfaces.render.period import diet_file_lines
from mgcalc.interfaces.render.picture import dose_bars
from mgcalc.nutrition.standards import STANDARD_INFO
from mgcalc.text import mg, number

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.nutrition.assessment import ReferenceUsed
    from mgcalc.nutrition.intake import Dose

# Colours carry meaning: green fine, yellow attention, red a problem.
ADEQUACY_STYLE = {
    "likely_inadequate": "red",
    "possibly_inadequate": "yellow",
    "likely_adequate": "green",
    "adequate": "green",
    "cannot_assess": "yellow",
    "not_assessed": "default",
}
UL_STYLE = {"within": "green", "above": "bold red", "not_established": "default"}


def dose(result: Dose) -> list[RenderableType]:
    """Lay out the verdicts first, then what changes what to do, the picture, the details."""
    adequacy, upper = result.assessment.verdicts[0], result.assessment.verdicts[1:]
    out: list[RenderableType] = [
        f"[bold {ADEQUACY_STYLE[result.assessment.adequacy]}]{escape(adequacy)}[/]",
        *(f"[bold {UL_STYLE[result.assessment.ul]}]{escape(line)}[/]" for line in upper),
        f"[bold]Next:[/bold] {escape(result.next_step)}",
        *food_lines(result.diet),
        *(diet_file_lines(result.diet.file) if result.diet and result.diet.file else []),
        *notes(result.warnings, "bold"),
        *dose_bars(result),
        Fit(_intake(result), _intake(result, units=False), _intake(result, merged=True)),
        *reference_table(result.reference),
        *profile_used(result.profile_source),
        *notes(tuple(dict.fromkeys(result.notes))),
    ]
    return out


def _intake(result: Dose, *, units: bool = True, merged: bool = False) -> Table:
    """Return the items and totals; narrower without mmol and mEq, or with the compound
    under the item."""
    table = Table(title="Intake", title_justify="left")
    table.add_column("Item", overflow="fold")
    if not merged:
        table.add_column("Compound used")
    table.add_column("Compound", justify="right", no_wrap=True)
    table.add_column("Magnesium", justify="right", no_wrap=True)
    if units and not merged:
        table.add_column("mmol", justify="right", no_wrap=True)
        table.add_column("mEq", justify="right", no_wrap=True)
    width = len(table.columns)

    def row(*cells: str) -> None:
        table.add_row(*(list(cells) + [""] * width)[:width])

    for item in result.items:
        compound = "–" if item.compound_mg is None else f"{number(item.compound_mg)} mg"
        used = f"{escape(item.name)}\n[dim]{escape(item.formula)}[/dim]"
        magnesium = mg(item.elemental_mg)  # as the totals and the sentences round it
        extra = [number(item.mmol), number(item.meq)] if units and not merged else []
        if merged:
            row(f"{escape(item.input)}\n{used}", compound, magnesium)
        else:
            row(escape(item.input), used, compound, magnesium, *extra)
    table.add_section()
    gap = [] if merged else [""]
    totals = [
        number(sum(item.mmol for item in result.items)),
        number(sum(i.meq for i in result.items)),
    ]
    row("Supplemental", *gap, "", mg(result.supplemental_mg), *(totals if units else []))
    if result.diet is None:
        row("Diet", "not given", "", "–") if not merged else row("Diet: not given", "", "–")
    else:
        table.add_section()
        for part, what, magnesium in diet_rows(result.diet):
            if merged:
                row(f"{part}\n{what}", "", magnesium)
            else:
                row(part, what, "", magnesium)
        row("Diet", *(["food and water"] if not merged else []), "", mg(result.diet_mg))
    row("[bold]Total[/bold]", *gap, "", f"[bold]{mg(result.total_mg)}[/bold]")
    return table


def reference_table(reference: ReferenceUsed) -> list[RenderableType]:
    """Lay out the reference values a judgement used, with their source."""
    info = STANDARD_INFO[reference.standard]
    table = Table(title=f"Reference: {info.title}", title_justify="left")
    table.add_column("Group")
    values = [("EAR", reference.ear_mg), (info.recommended, reference.rda_mg)]
    values += [("AI", reference.ai_mg), (info.upper, reference.ul_mg)]
    if reference.label is not None:
        values.append(("Label", reference.label.value_mg))
    for name, _ in values:
        table.add_column(name, justify="right", no_wrap=True)
    cells = [escape(reference.group)]
    for name, value in values:
        if value is not None:
            cells.append(mg(value))
        elif name == info.upper:
            cells.append(
                "not established" if reference.ul_status == "not_established" else "not set"
            )
        else:
            cells.append("–")
    table.add_row(*cells)
    label = f"Label: {reference.label.name}. " if reference.label else ""
    return [
        table,
        f"[dim]{escape(label)}Source ({reference.evidence}): {escape(reference.source)}[/dim]",
    ]
