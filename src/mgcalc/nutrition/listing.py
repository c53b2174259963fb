"""Result of the ``reference`` lookup: a standard's values for one person or all groups."""

from __future__ import annotations

from mgcalc.nutrition.profile import Profile
from mgcalc.nutrition.standards import (
    ADULT_AGE_MONTHS,
    STANDARD_INFO,
    Group,
    LabelValue,
    ReferenceRow,
    find_group,
    label_for,
    rows_for,
    standard_labels,
)
from mgcalc.result import ProfileSource, Result


class ReferenceListing(Result):
    """A standard's reference rows: one person's group, or the whole table."""

    standard: str
    title: str
    profile: Profile | None
    profile_source: ProfileSource | None = None  # set when a saved profile was used
    group: str | None
    rows: tuple[ReferenceRow, ...]
    label: LabelValue | None  # the person's group's (without an age: an adult's)
    labels: tuple[LabelValue, ...]  # every label value of the standard
    notes: tuple[str, ...]


def _both_sexes(profile: Profile) -> list[Group]:
    """Return *profile*'s group, or each sex's when no sex is given and they differ."""
    if profile.sex is not None or profile.pregnant or profile.lactating:
        return [find_group(profile)]
    found = [find_group(profile.model_copy(update={"sex": sex})) for sex in ("female", "male")]
    return found if found[0].row is not found[1].row else found[:1]


def reference_values(profile: Profile, *, show_all: bool = False) -> ReferenceListing:
    """Return *profile*'s group (or every group with *show_all* or without an age)."""
    rows = rows_for(profile.standard)
    group = None
    notes: list[str] = []
    label = label_for(profile.standard, ADULT_AGE_MONTHS)
    if profile.is_personal:
        both = _both_sexes(profile)
        found = both[0]
        group = found.row.group
        notes.extend(found.notes)
        if not show_all:
            rows = tuple(dict.fromkeys(each.row for each in both))
        if len(both) > 1:
            notes.append(
                "Values differ by sex at this age: both are shown; add --sex female or "
                "--sex male for one."
            )
        state = "pregnant" if profile.pregnant else "lactating" if profile.lactating else "none"
        label = label_for(profile.standard, profile.age_months or 0, state)
    if any(row.evidence == "secondary" for row in rows):
        notes.append("Rows marked secondary come from secondary sources only.")
    notes.append("Values are mg of magnesium a day. ULs count supplements and medicines, not food.")
    return ReferenceListing(
        standard=profile.standard,
        title=STANDARD_INFO[profile.standard].title,
        profile=profile if profile.is_personal else None,
        group=group,
        rows=rows,
        label=label,
        labels=standard_labels(profile.standard),
        notes=tuple(notes),
    )
