"""The base of every result mgcalc prints: frozen, and versioned for scripts."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    """A command's result; ``schema_version`` changes when a field is renamed or removed."""

    model_config = ConfigDict(frozen=True)

    schema_version: Literal[3] = 3


class ProfileSource(BaseModel):
    """Which values of a result came from the saved profile, and from which file."""

    model_config = ConfigDict(frozen=True)

    path: str
    fields: tuple[str, ...]
    # The saved diet not used because a diet was given on the command line (None: none).
    diet_replaced: str | None = None
