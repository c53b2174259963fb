"""Table views of ``convert`` and ``forms`` results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.text import number, percent

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.chemistry.conversion import Conversion
    from mgcalc.chemistry.listing import FormDetail, FormsListing


def conversion(result: Conversion) -> list[RenderableType]:
    """Lay out one conversion as a two-column table with its notes and source."""
    table = Table(title="Conversion", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("Input", result.input)
    form = result.form or "none (elemental magnesium)"
    table.add_row("Form", f"{form} (custom)" if result.custom else form)
    table.add_row("Compound", result.name)
    table.add_row("Formula", result.formula)
    table.add_row("Magnesium fraction", percent(result.elemental_fraction))
    if result.volume_ml is not None:
        table.add_row("Volume", f"{number(result.volume_ml)} mL")
    if result.compound_mg is not None:
        table.add_row("Compound mass", f"{number(result.compound_mg)} mg")
    table.add_row("Elemental magnesium", f"[bold]{number(result.elemental_mg)} mg[/bold]")
    table.add_row("Magnesium (mmol)", f"{number(result.mmol)} mmol")
    table.add_row("Magnesium (mEq)", f"{number(result.meq)} mEq")
    return [table, *notes(result.notes), f"[dim]Source: {escape(result.source)}[/dim]"]


def forms(listing: FormsListing) -> list[RenderableType]:
    """Lay out every form, one row each."""
    table = Table(title="Magnesium forms", title_justify="left")
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Compound", ratio=3)
    table.add_column("Formula", ratio=2, overflow="fold")
    table.add_column("% Mg", justify="right", no_wrap=True)
    table.add_column("Note", ratio=3, overflow="fold")
    for form in listing.forms:
        note = _first_sentence(form.note)
        if form.fraction_basis == "declared":
            note = f"Declared by the maker. {note}"
        if form.custom:
            note = f"[bold]Custom[/bold] ({escape(form.source)}). {note}"
        table.add_row(
            form.key, escape(form.name), form.formula, percent(form.elemental_fraction), note
        )
    return [table, "[dim]'mgcalc forms KEY' shows one form with its whole note and source.[/dim]"]


def _first_sentence(text: str) -> str:
    head, _, rest = text.partition(". ")
    return escape(head + ("." if rest else "") + (" …" if rest else ""))


def form_detail(detail: FormDetail) -> list[RenderableType]:
    """Lay out one form with every column of its row."""
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
        table.add_row(label, escape(value))
    return [table]


def notes(lines: tuple[str, ...], style: str = "dim") -> list[RenderableType]:
    """Return one bulleted line per note."""
    return [f"[{style}]• {escape(line)}[/{style}]" for line in lines]
