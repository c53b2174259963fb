"""Table view of the ``reference`` command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.fit import Fit
from mgcalc.interfaces.render.lookup import notes, profile_used
from mgcalc.nutrition.standards import STANDARD_INFO

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.interfaces.saved import SavedProfile
    from mgcalc.nutrition.listing import ReferenceListing
    from mgcalc.nutrition.standards import ReferenceRow


def reference(listing: ReferenceListing) -> list[RenderableType]:
    """Lay out a standard's rows, the person's group in bold; narrower without evidence, ages."""
    table = Fit(
        _reference_table(listing, ages=True, evidence=True),
        _reference_table(listing, ages=True, evidence=False),
        _reference_table(listing, ages=False, evidence=False),
    )
    out: list[RenderableType] = [table]
    shown = (listing.label,) if listing.profile is not None and listing.label else listing.labels
    for label in shown:
        out.append(
            f"Label reference ({escape(label.group)}): {escape(label.name)} "
            f"{label.value_mg:g} mg ({label.evidence}). {escape(label.note)} "
            f"[dim]({escape(label.source)})[/dim]"
        )
    sources = dict.fromkeys(row.source for row in listing.rows)
    out.extend(f"[dim]Source: {escape(source)}[/dim]" for source in sources)
    row_notes = dict.fromkeys(row.note for row in listing.rows if row.note)
    out.extend(profile_used(listing.profile_source))
    out.extend(notes((*listing.notes, *row_notes)))
    return out


def saved_profile(saved: SavedProfile) -> list[RenderableType]:
    """Lay out the saved profile's values and where it is kept."""
    table = Table(title="Saved profile", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in saved.values().items():
        table.add_row(key, escape(value))
    return [table, f"[dim]Kept in {escape(saved.path)}[/dim]"]


def _reference_table(listing: ReferenceListing, *, ages: bool, evidence: bool) -> Table:
    info = STANDARD_INFO[listing.standard]
    table = Table(title=f"Reference values: {escape(listing.title)}", title_justify="left")
    for header in ("Group", "Sex", *(("Ages",) if ages else ())):
        table.add_column(header)
    # Only the kinds of value this standard sets, so EFSA shows no empty EAR column.
    kinds = [
        (name, field)
        for name, field in (("EAR", "ear_mg"), (info.recommended, "rda_mg"), ("AI", "ai_mg"))
        if any(getattr(row, field) is not None for row in listing.rows)
    ]
    for name, _ in kinds:
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column(info.upper, justify="right")
    if evidence:
        table.add_column("Evidence")
    for row in listing.rows:
        style = "bold" if row.group == listing.group and len(listing.rows) > 1 else None
        values = [_value(getattr(row, field)) for _, field in kinds]
        cells = [escape(row.group), _sex(row), *((_ages(row),) if ages else ())]
        cells += [*values, _upper(row), *((row.evidence,) if evidence else ())]
        table.add_row(*cells, style=style)
    return table


def _value(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _upper(row: ReferenceRow) -> str:
    if row.ul_mg is not None:
        return f"{row.ul_mg:g}"
    return "not established" if row.ul_status == "not_established" else "not set"


def _sex(row: ReferenceRow) -> str:
    return "all" if row.sex == "any" else row.sex


def _ages(row: ReferenceRow) -> str:
    def age(months: int) -> str:
        if months == 0:
            return "birth"
        return f"{months} mo" if months < 12 or months % 12 else f"{months // 12} y"

    end = "" if row.age_to_months is None else age(row.age_to_months)
    return f"{age(row.age_from_months)} to <{end}" if end else f"from {age(row.age_from_months)}"
