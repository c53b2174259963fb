"""Results of the lookup commands: ``forms`` and ``reference``."""

from __future__ import annotations

from mgcalc.formtable import Form, forms_table, resolve_form
from mgcalc.profile import Profile
from mgcalc.result import Result
from mgcalc.standards import (
    STANDARD_INFO,
    LabelValue,
    ReferenceRow,
    find_group,
    label_values,
    rows_for,
)


class FormsListing(Result):
    """Every form mgcalc knows."""

    forms: tuple[Form, ...]


class FormDetail(FormsListing):
    """One form, shown with its source."""


class ReferenceListing(Result):
    """A standard's reference rows: one person's group, or the whole table."""

    standard: str
    title: str
    profile: Profile | None
    group: str | None
    rows: tuple[ReferenceRow, ...]
    label: LabelValue | None
    notes: tuple[str, ...]


def list_forms() -> FormsListing:
    """Return every form in the table, the elemental pseudo-form first."""
    return FormsListing(forms=forms_table().forms)


def show_form(name: str) -> FormDetail:
    """Return the form called *name* (a key, an alias or ``formula:…``)."""
    return FormDetail(forms=(resolve_form(name),))


def reference_values(profile: Profile, *, show_all: bool = False) -> ReferenceListing:
    """Return *profile*'s group (or every group with *show_all* or without an age)."""
    rows = rows_for(profile.standard)
    group = None
    notes: list[str] = []
    if profile.is_personal:
        found = find_group(profile)
        group = found.row.group
        notes.extend(found.notes)
        if not show_all:
            rows = (found.row,)
    notes.append("Values are mg of magnesium a day. ULs count supplements and medicines, not food.")
    return ReferenceListing(
        standard=profile.standard,
        title=STANDARD_INFO[profile.standard].title,
        profile=profile if profile.is_personal else None,
        group=group,
        rows=rows,
        label=label_values().get(profile.standard),
        notes=tuple(notes),
    )
