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
from mgcalc.nutrition.intake import reaches_needed
from mgcalc.nutrition.standards import STANDARD_INFO
from mgcalc.nutrition.terms import average_term
from mgcalc.nutrition.terms import legend as terms_legend
from mgcalc.text import mg, number

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.nutrition.assessment import ReferenceUsed
    from mgcalc.nutrition.intake import Dose
    from mgcalc.nutrition.planner import Plan

# Colours carry meaning: green fine, yellow attention, red a problem.
ADEQUACY_STYLE = {
    "likely_inadequate": "red",
    "possibly_inadequate": "yellow",
    "likely_adequate": "green",
    "adequate": "green",
    "at_least_average_requirement": "green",
    "cannot_assess": "yellow",
    "not_assessed": "default",
}
UL_STYLE = {"within": "green", "above": "bold red", "not_established": "default"}
CLOSING = (
    "mgcalc does arithmetic on published references; it is not medical advice. Ask a "
    "doctor or pharmacist before changing what you take."
)


def dose(result: Dose, *, brief: bool = False) -> list[RenderableType]:
    """Lay out the check in the order people need it: cautions, verdicts, next step, what
    was counted; then (not *brief*) the bars with their legend, the tables, notes, closing."""
    adequacy, upper = result.assessment.verdicts[0], result.assessment.verdicts[1:]
    confident = result.assessment.confidence is not None and reaches_needed(result.assessment)
    style = ADEQUACY_STYLE[result.assessment.adequacy]
    if style == "green" and not confident:
        style = "default"  # "likely adequate" is for the IOM's criterion only: no green
    out: list[RenderableType] = [
        *notes(result.warnings, "bold"),
        f"[bold {style}]{escape(adequacy)}[/]",
        *(f"[bold {UL_STYLE[result.assessment.ul]}]{escape(line)}[/]" for line in upper),
        f"[bold]Next:[/bold] {escape(result.next_step)}",
        *_counted(result),
    ]
    if brief:
        return out
    return [
        *out,
        *dose_bars(result),
        *legend(result.reference),
        Fit(_intake(result), _intake(result, units=False), _intake(result, merged=True)),
        *reference_table(result.reference),
        *notes(tuple(dict.fromkeys(result.notes))),
        f"[italic]{CLOSING}[/italic]",
    ]


def _counted(result: Dose | Plan) -> list[RenderableType]:
    """Return the lines on what was counted: the standard and group the verdict used, each
    item as read, the diet's parts, the days.

    Foods given by words say which SR28 row they counted (food_lines); a diet file, its days.
    """
    reference = result.reference  # what the verdict used, said next to it
    used = f"Reference values: {STANDARD_INFO[reference.standard].title} — {reference.group}"
    if reference.label is not None:
        used += f"; label reference: {reference.label.name} ({reference.label.group})"
    lines: list[str] = [used]
    from mgcalc.nutrition.planner import Plan as Plan_

    if isinstance(result, Plan_):
        per = ""
        if result.unit_elemental_mg is not None:
            per = f"; one unit: {mg(result.unit_elemental_mg)} of magnesium"
        lines.append(f"{result.form}: read as {result.name} ({result.formula}){per}")
    for item in getattr(result, "items", ()):
        read = f"{item.name} ({item.formula})" if item.product is None else item.name
        if item.form == "elemental" and not item.input.lower().startswith("elemental"):
            read = "magnesium itself (elemental), as a label's figure"
        lines.append(f"{item.input}: read as {read}, {mg(item.elemental_mg)} of magnesium")
    out: list[RenderableType] = [*notes(tuple(lines), "default")]
    if result.diet is None:
        out.extend(notes(("Diet: not given",), "default"))
    else:
        diet = result.diet
        out.extend(food_lines(diet))  # each food: the words, the SR28 row, its variants
        entries = tuple(
            f"Diet {entry.input}: {'water' if '@' in entry.input else 'diet as given'}, "
            f"{mg(entry.mg)}"
            for entry in diet.entries
        )
        out.extend(notes(entries, "default"))
        if diet.file is not None:
            out.extend(diet_file_lines(diet.file))  # the days used, left out and why
    source = result.profile_source
    if source is not None and source.diet_replaced is not None:
        out.extend(
            notes(
                (
                    f"The diet given here replaces your saved profile's diet "
                    f"({source.diet_replaced}, in {source.path}): it is not counted",
                ),
                "default",
            )
        )
    return [*out, *profile_used(source)]


def legend(reference: ReferenceUsed) -> list[RenderableType]:
    """Return the line that spells out each term the output uses, in its source's words."""
    info = STANDARD_INFO[reference.standard]
    used = []
    if reference.ear_mg is not None:
        used.append(average_term(reference.standard))
    if reference.rda_mg is not None:
        used.append(info.recommended)
    if reference.ai_mg is not None:
        used.append("AI")
    if reference.ul_mg is not None:
        used.append(info.upper)
    line = terms_legend(reference.standard, tuple(used))
    if reference.label is not None:
        line = f"{line}; " if line else ""
        line += f"label reference: {reference.label.name}"
    return [f"[dim]Terms: {escape(line)}[/dim]"] if line else []


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
    values = [(average_term(reference.standard), reference.ear_mg)]
    values.append((info.recommended, reference.rda_mg))
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
