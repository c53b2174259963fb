"""What ``--with`` found: the interactions rows that the names given match, as results carry them.

Kept apart from the interactions table (``clinical.interactions``), which is read, and its
row model built, only when a name is given: most doses and plans name none.
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class InteractionMatch(BaseModel):
    """A row matched by a name the user gave (``--with``)."""

    model_config = ConfigDict(frozen=True)

    name: str
    matched: str = Field(description="the name as given that matched this row")
    medicines: tuple[str, ...]
    effect: str
    spacing_hours: float | None
    spacing: str
    source: str
    evidence: Literal["primary", "secondary"]


def found_with(names: Sequence[str]) -> tuple[InteractionMatch, ...]:
    """Return the rows each of *names* matches (each row once), refusing unknown names."""
    if not names:
        return ()
    from mgcalc.clinical.interactions import matches

    return matches(names)


def fold(name: str) -> str:
    """Fold a medicine's name for lookup: case, spaces, hyphens, and a plural 's'."""
    folded = re.sub(r"[\s_-]+", " ", name.strip().lower())
    return folded.removesuffix("s") if len(folded) > 3 else folded


def warning(match: InteractionMatch) -> str:
    """Say what a matched row means, naming its source, as one warning sentence."""
    shown = match.matched if fold(match.matched) == fold(match.name) else (
        f"{match.matched} ({match.name.lower()})"
    )  # fmt: skip
    return (
        f"With {shown}: {match.effect} {match.spacing} Source ({match.evidence}): {match.source}."
    )
