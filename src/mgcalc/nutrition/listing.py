"""Result of the ``reference`` lookup: a standard's values for one person or all groups."""

from __future__ import annotations

from mgcalc.nutrition.profile import Profile
from mgcalc.nutrition.standards import (
    STANDARD_INFO,
    LabelValue,
    ReferenceRow,
    find_group,
    label_values,
    rows_for,
)
from mgcalc.result import Result


class ReferenceListing(Result):
    """A standard's reference rows: one person's group, or the whole table."""

    standard: str
    title: str
    profile: Profile | None
    group: str | None
    rows: tuple[ReferenceRow, ...]
    label: LabelValue | None
    notes: tuple[str, ...]


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
