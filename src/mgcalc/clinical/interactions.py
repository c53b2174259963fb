"""Medicines that interact with magnesium (``data/interactions.csv``), each with its source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mgcalc.clinical.matched import InteractionMatch, fold
from mgcalc.datafiles import data_label, data_text
from mgcalc.errors import DataError, InputError
from mgcalc.result import Result
from mgcalc.tables import read_table

INTERACTIONS_FILE = "interactions.csv"
_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
NOT_EVIDENCE = "absence from mgcalc's list is not evidence of safety: ask a pharmacist"


class UnknownMedicine(InputError, LookupError):
    """No row of the interactions table names that medicine or class."""


class Interaction(BaseModel):
    """One medicine or class of medicines, what magnesium does with it, and its source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    name: str = Field(min_length=1)
    classes: tuple[str, ...] = ()
    medicines: tuple[str, ...] = Field(min_length=1, description="generic names covered")
    effect: str = Field(min_length=1)
    spacing_hours: float | None = Field(
        default=None, gt=0, allow_inf_nan=False,
        description="the least separation in hours the first source gives; null: none given",
    )  # fmt: skip
    spacing: str = Field(min_length=1, description="the sources' advice on spacing, paraphrased")
    source: str = Field(min_length=1)
    evidence: Literal["primary", "secondary"]

    @field_validator("key")
    @classmethod
    def _check_key(cls, key: str) -> str:
        if not _KEY.fullmatch(key):
            raise ValueError("a key is lower-case letters, digits and hyphens")
        return key

    @field_validator("classes", "medicines", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value if value is not None else ()


class InteractionsListing(Result):
    """The interactions table, or the rows matching one name."""

    query: str | None
    interactions: tuple[Interaction, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class InteractionsTable:
    """Every row, and an index from each folded name (key, class, medicine) to its rows."""

    rows: tuple[Interaction, ...]
    index: dict[str, tuple[Interaction, ...]]


@cache
def interactions_table() -> InteractionsTable:
    """Load and validate ``data/interactions.csv`` once."""
    file = data_label(INTERACTIONS_FILE)
    text = data_text(INTERACTIONS_FILE)
    rows = read_table(
        text, file, Interaction, columns=tuple(Interaction.model_fields),
        text_columns=("classes",),
    )  # fmt: skip
    index: dict[str, list[Interaction]] = {}
    keys: set[str] = set()
    for line, row in enumerate(rows, start=2):
        if row.key in keys:
            raise DataError(file, f"key '{row.key}' is used twice", row=line, field="key")
        keys.add(row.key)
        for name in dict.fromkeys(
            fold(name) for name in (row.key, row.name, *row.classes, *row.medicines)
        ):
            index.setdefault(name, []).append(row)
    return InteractionsTable(rows, {name: tuple(found) for name, found in index.items()})


def find(name: str) -> tuple[Interaction, ...]:
    """Return the rows for a medicine or class name, or raise :class:`UnknownMedicine`."""
    if not isinstance(name, str) or not name.strip():
        raise UnknownMedicine(f"give a medicine's generic name or class; {NOT_EVIDENCE}")
    found = interactions_table().index.get(fold(name))
    if found is None:
        raise UnknownMedicine(_unknown(name))
    return found


def matches(names: Iterable[str]) -> tuple[InteractionMatch, ...]:
    """Return the rows each of *names* matches (each row once), refusing unknown names."""
    seen: dict[str, InteractionMatch] = {}
    for name in names:
        for row in find(name):
            if row.key not in seen:
                seen[row.key] = InteractionMatch(
                    name=row.name, matched=name.strip(), medicines=row.medicines,
                    effect=row.effect, spacing_hours=row.spacing_hours, spacing=row.spacing,
                    source=row.source, evidence=row.evidence,
                )  # fmt: skip
    return tuple(seen.values())


def list_interactions(name: str | None = None) -> InteractionsListing:
    """Return every row, or those matching a medicine or class name."""
    rows = interactions_table().rows if name is None else find(name)
    notes = (
        "Spacing hours are given only where a source gives them.",
        f"The list covers medicines named in mgcalc's sources; {NOT_EVIDENCE}.",
    )
    return InteractionsListing(query=name, interactions=rows, notes=notes)


def _unknown(name: str) -> str:
    import difflib

    shown = name if len(name) <= 40 else name[:40] + "…"
    index = interactions_table().index
    close = [] if len(name) > 64 else difflib.get_close_matches(fold(name), list(index), n=3)
    hint = f"; did you mean {' or '.join(repr(found) for found in close)}?" if close else ""
    return f"'{shown}' is not in mgcalc's interactions list{hint} ({NOT_EVIDENCE})"
