"""One renderer: every result model prints as a rich table or as one JSON object."""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.convert import Conversion
    from mgcalc.listing import FormDetail, FormsListing


def emit(result: BaseModel, *, as_json: bool) -> None:
    """Write *result* to stdout: JSON with a plain write, tables through rich."""
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    from rich.console import Console

    console = Console(highlight=False)
    for renderable in renderables(result):
        console.print(renderable)


def renderables(result: BaseModel) -> list[RenderableType]:
    """Return what a table view of *result* shows, in order."""
    from mgcalc.convert import Conversion
    from mgcalc.listing import FormDetail, FormsListing

    if isinstance(result, Conversion):
        return _conversion(result)
    if isinstance(result, FormDetail):
        return _form_detail(result)
    if isinstance(result, FormsListing):
        return _forms(result)
    raise TypeError(f"no table view for {type(result).__name__}")


def number(value: float, digits: int = 4) -> str:
    """Format *value* to *digits* significant figures, grouping thousands."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    return f"{value:,.{decimals}f}"


def percent(fraction: float) -> str:
    """Format an elemental fraction as a percentage with two decimals."""
    return f"{fraction * 100:.2f} %"


def _conversion(result: Conversion) -> list[RenderableType]:
    from rich.table import Table

    table = Table(title="Conversion", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("Input", result.input)
    table.add_row("Form", result.form or "none (elemental magnesium)")
    table.add_row("Compound", result.name)
    table.add_row("Formula", result.formula)
    table.add_row("Magnesium fraction", percent(result.elemental_fraction))
    if result.volume_ml is not None:
        table.add_row("Volume", f"{number(result.volume_ml)} mL")
    if result.compound_mg is not None:
        table.add_row("Compound mass", f"{number(result.compound_mg)} mg")
    table.add_row("Elemental magnesium", f"[bold]{number(result.elemental_mg)} mg[/bold]")
    table.add_row("Magnesium", f"{number(result.mmol)} mmol")
    table.add_row("Magnesium", f"{number(result.meq)} mEq")
    return [table, *_notes(result.notes), f"[dim]Source: {_escape(result.source)}[/dim]"]


def _forms(listing: FormsListing) -> list[RenderableType]:
    from rich.table import Table

    table = Table(title="Magnesium forms", title_justify="left")
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Compound")
    table.add_column("Formula", no_wrap=True)
    table.add_column("% Mg", justify="right", no_wrap=True)
    table.add_column("Note")
    for form in listing.forms:
        fraction = percent(form.elemental_fraction)
        if form.fraction_basis == "declared":
            fraction += " (declared)"
        table.add_row(form.key, _escape(form.name), form.formula, fraction, _escape(form.note))
    return [table, "[dim]'mgcalc forms KEY' shows one form with its source.[/dim]"]


def _form_detail(detail: FormDetail) -> list[RenderableType]:
    from rich.table import Table

    form = detail.forms[0]
    table = Table(title=form.key, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("Compound", form.name),
        ("Formula", form.formula),
        ("Aliases", ", ".join(form.aliases) or "–"),
        ("Water of hydration", str(form.water)),
        ("Mg atoms per formula unit", str(form.mg_atoms)),
        ("Molar mass", f"{form.molar_mass_g_mol:.3f} g/mol"),
        ("Magnesium fraction", f"{percent(form.elemental_fraction)} ({form.fraction_basis})"),
    ]
    if form.liquid_compound_mg is not None and form.liquid_volume_ml is not None:
        rows.append(
            ("Concentration", f"{form.liquid_compound_mg:g} mg per {form.liquid_volume_ml:g} mL")
        )
    rows += [
        ("Published", form.published or "–"),
        ("Note", form.note or "–"),
        ("Source", form.source),
    ]
    for label, value in rows:
        table.add_row(label, _escape(value))
    return [table]


def _notes(notes: tuple[str, ...]) -> list[RenderableType]:
    return [f"[dim]• {_escape(note)}[/dim]" for note in notes]


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
