"""The interactions row as results carry it: below every domain, so chemistry's results may too.

Re-exported from ``mgcalc.clinical.matched``, where ``--with`` fills it in.
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class InteractionMatch(BaseModel):
    """A row matched by a name the user gave (``--with``)."""

    model_config = ConfigDict(frozen=True)

    name: str
    matched: str = Field(description="the name as given that matched this row")
    medicines: tuple[str, ...]
    effect: str
    medicine_before_h: float | None = Field(
        description="take the medicine at least this many hours before magnesium; null: not given"
    )
    medicine_after_h: float | None = Field(
        description="take the medicine at least this many hours after magnesium; null: not given"
    )
    spacing: str
    source: str
    evidence: Literal["primary", "secondary"]
