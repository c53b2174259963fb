"""Table view of the intake check."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.diet import diet_rows
from mgcalc.interfaces.render.lookup import notes, profile_used
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
    """Lay out the items, totals, reference values, verdicts, warnings and notes."""
    out: list[RenderableType] = [_intake(result), *reference_table(result.reference)]
    adequacy, upper = result.assessment.verdicts[0], result.assessment.verdicts[1:]
    out.append(f"[{ADEQUACY_STYLE[result.assessment.adequacy]}]{escape(adequacy)}[/]")
    out.extend(f"[{UL_STYLE[result.assessment.ul]}]{escape(line)}[/]" for line in upper)
    out.extend(notes(result.warnings, "bold yellow"))
    out.extend(profile_used(result.profile_source))
    out.extend(notes(result.notes))
    return out


def _intake(result: Dose) -> Table:
    table = Table(title="Intake", title_justify="left")
    table.add_column("Item", overflow="fold")
    table.add_column("Compound used", overflow="fold")
    for header in ("Compound", "Magnesium", "mmol", "mEq"):
        table.add_column(header, justify="right", no_wrap=True)
    for item in result.items:
        compound = "–" if item.compound_mg is None else f"{number(item.compound_mg)} mg"
        table.add_row(
            escape(item.input),
            f"{escape(item.name)}\n[dim]{escape(item.formula)}[/dim]",
            compound,
            f"{number(item.elemental_mg)} mg",
            number(item.mmol),
            number(item.meq),
        )
    table.add_section()
    supplemental = sum(item.mmol for item in result.items)
    table.add_row(
        "Supplemental", "", "", mg(result.supplemental_mg),
        number(supplemental), number(sum(item.meq for item in result.items)),
    )  # fmt: skip
    if result.diet is None:
        table.add_row("Diet", "not given", "", "–")
    else:
        table.add_section()
        for part, what, magnesium in diet_rows(result.diet):
            table.add_row(part, what, "", magnesium)
        table.add_row("Diet", "food and water", "", mg(result.diet_mg))
    table.add_row("[bold]Total[/bold]", "", "", f"[bold]{mg(result.total_mg)}[/bold]")
    return table


def reference_table(reference: ReferenceUsed) -> list[RenderableType]:
    """Lay out the reference values a judgement used, with their source."""
    info = STANDARD_INFO[reference.standard]
    table = Table(title=f"Reference: {info.title}", title_justify="left")
    table.add_column("Group")
    values = [("EAR", reference.ear_mg), (info.recommended, reference.rda_mg)]
    values += [("AI", reference.ai_mg), (info.upper, reference.ul_mg)]
    if reference.label_mg is not None:
        values.append(("Label", reference.label_mg))
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
    label = f"Label: {reference.label}. " if reference.label else ""
    return [
        table,
        f"[dim]{escape(label)}Source ({reference.evidence}): {escape(reference.source)}[/dim]",
    ]
