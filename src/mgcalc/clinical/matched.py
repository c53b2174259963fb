"""What ``--with`` found: the interactions rows that the names given match, as results carry them.

Kept apart from the interactions table (``clinical.interactions``), which is read, and its
row model built, only when a name is given: most doses and plans name none.
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import re
from collections.abc import Sequence
from typing import NamedTuple

# Defined below the domains, so that chemistry's results may carry it; re-exported here.
from mgcalc.interaction_match import InteractionMatch

__all__ = [
    "INJECTION_KEYS", "NOTHING_WITH", "InteractionMatch", "WithFound", "apart", "fold",
    "found_with", "is_injection", "route_notes", "warning", "with_notes",
]  # fmt: skip


class WithFound(NamedTuple):
    """What ``--with`` names found: matched rows, names not in the list, and names whose
    only rows are the injection's (shown with an injection or premix form only)."""

    matches: tuple[InteractionMatch, ...] = ()
    unknown: tuple[str, ...] = ()
    injection_only: tuple[str, ...] = ()
    # An unknown name that looks like a typo of known ones: (name, the known names).
    typos: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Names whose rows on absorption and spacing were left out: no magnesium by mouth.
    by_mouth: tuple[str, ...] = ()


NOTHING_WITH = WithFound()
# Injection and premix forms: the rows from the injection's label apply to them.
INJECTION_KEYS = ("sulfate-injection", "sulfate-premix")


def is_injection(form: str | None) -> bool:
    """Return whether a form's key is an injection or premix form."""
    return form is not None and form.startswith(INJECTION_KEYS)


def found_with(names: Sequence[str], *, injection: bool = False, oral: bool = True) -> WithFound:
    """Return the rows *names* match (each row once) and the names not in the table.

    *injection*: an item is an injection or premix form (the injection label's rows apply);
    *oral*: some magnesium is taken by mouth (the rows on absorption and spacing apply).
    """
    if not names:
        return NOTHING_WITH
    from mgcalc.clinical.interactions import matches

    return matches(names, injection=injection, oral=oral)


def route_notes(found: WithFound) -> list[str]:
    """Say once that the spacing advice left out is for magnesium taken by mouth."""
    if not found.by_mouth:
        return []
    return [
        f"{', '.join(found.by_mouth)}: mgcalc's advice on absorption and on spacing the doses "
        "is for magnesium taken by mouth; it does not apply to an injection or premix "
        f"(it is in 'mgcalc interactions {found.by_mouth[0]}')."
    ]


def with_notes(found: WithFound) -> list[str]:
    """Return the warnings for what ``--with`` found: each row, then the names not found."""
    said = [warning(match) for match in found.matches]
    if found.unknown:
        typos = dict(found.typos)
        names = ", ".join(_with_typo(name, typos.get(name, ())) for name in found.unknown)
        said.append(
            f"Not in mgcalc's interactions list: {names}. Absence from the list is not "
            "evidence of safety: ask a pharmacist."
        )
    if found.injection_only:
        said.append(
            f"{', '.join(found.injection_only)}: in mgcalc's list only as a caution of the "
            "magnesium sulfate injection's label, which applies to injection and premix forms, "
            "not to the forms given."
        )
    return said


def _with_typo(name: str, close: tuple[str, ...]) -> str:
    """Return *name*, with the known names it is a likely typo of."""
    if not close:
        return name
    return f"{name} (did you mean {' or '.join(repr(known) for known in close)}?)"


def apart(match_name: str, before: float | None, after: float | None) -> str | None:
    """Say the spacing in both directions ("x ≥ 4 h before or ≥ 8 h after magnesium")."""
    sides = [
        f"≥ {hours:g} h {side}"
        for hours, side in ((before, "before"), (after, "after"))
        if hours is not None
    ]
    return f"{match_name} {' or '.join(sides)} magnesium" if sides else None


def fold(name: str) -> str:
    """Fold a medicine's name for lookup: case, spaces, hyphens, and a plural 's'."""
    folded = re.sub(r"[\s_-]+", " ", name.strip().lower())
    return folded.removesuffix("s") if len(folded) > 3 else folded


def warning(match: InteractionMatch) -> str:
    """Say what a matched row means, naming its source, as one warning sentence."""
    shown = match.matched if fold(match.matched) == fold(match.name) else (
        f"{match.matched} ({match.name.lower()})"
    )  # fmt: skip
    headline = apart(match.matched, match.medicine_before_h, match.medicine_after_h)
    spacing = f"{headline}. " if headline else ""
    return (
        f"With {shown}: {spacing}{match.effect} {match.spacing} "
        f"Source ({match.evidence}): {match.source}."
    )
