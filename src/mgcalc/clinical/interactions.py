"""Medicines that interact with magnesium (``data/interactions.csv``), each with its source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from mgcalc.clinical.matched import InteractionMatch, WithFound, fold
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
    brands: tuple[str, ...] = Field(default=(), description="brand names, for lookup only")
    effect: str = Field(min_length=1)
    medicine_before_h: float | None = Field(
        default=None, gt=0, allow_inf_nan=False,
        description="take the medicine at least this many hours before magnesium; null: "
        "no source gives it",
    )  # fmt: skip
    medicine_after_h: float | None = Field(
        default=None, gt=0, allow_inf_nan=False,
        description="take the medicine at least this many hours after magnesium; null: "
        "no source gives it",
    )  # fmt: skip
    spacing: str = Field(min_length=1, description="the sources' advice on spacing, paraphrased")
    injection_only: bool = Field(
        default=False, description="from the injection's label: shown with injection forms only"
    )
    oral_only: bool = Field(
        default=False,
        description="concerns magnesium taken by mouth (absorption, spacing the doses): not "
        "shown as a warning when every item is an injection or premix form",
    )
    source: str = Field(min_length=1)
    evidence: Literal["primary", "secondary"]

    @field_validator("key")
    @classmethod
    def _check_key(cls, key: str) -> str:
        if not _KEY.fullmatch(key):
            raise ValueError("a key is lower-case letters, digits and hyphens")
        return key

    @field_validator("classes", "medicines", "brands", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value if value is not None else ()


class Caution(BaseModel):
    """A caution mgcalc applies (``--kidney-impairment``, an infant's age …), with its sources."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="kidney, infant, eu-under-4")
    name: str
    text: str = Field(description="the caution in full, and when mgcalc gives it")
    source: str


class InteractionsListing(Result):
    """The interactions table, or the rows matching one name; and the cautions mgcalc applies."""

    query: str | None
    interactions: tuple[Interaction, ...]
    cautions: tuple[Caution, ...] = Field(
        default=(),
        description="the cautions mgcalc applies: all of them, or the one the query names (kidney)",
    )
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
        text_columns=("classes", "brands"),
    )  # fmt: skip
    index: dict[str, list[Interaction]] = {}
    keys: set[str] = set()
    for line, row in enumerate(rows, start=2):
        if row.key in keys:
            raise DataError(file, f"key '{row.key}' is used twice", row=line, field="key")
        keys.add(row.key)
        for name in dict.fromkeys(
            fold(name) for name in (row.key, row.name, *row.classes, *row.medicines, *row.brands)
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


def matches(names: Iterable[str], *, injection: bool = False, oral: bool = True) -> WithFound:
    """Return the rows *names* match (each row once), and the names not in the table.

    Rows from the injection's label are kept only when *injection* is true (an item is an
    injection or premix form); a name that matches only such rows is then listed apart.
    Rows on absorption and spacing concern magnesium taken by mouth: with *oral* false
    (every item is an injection or premix) they are left out, their names listed apart.
    """
    seen: dict[str, InteractionMatch] = {}
    unknown: list[str] = []
    injection_only: list[str] = []
    by_mouth: list[str] = []
    for name in names:
        try:
            rows = find(name)
        except UnknownMedicine:
            if not isinstance(name, str) or not name.strip():
                raise
            unknown.append(name.strip())
            continue
        shown = [row for row in rows if injection or not row.injection_only]
        if not shown:
            injection_only.append(name.strip())
        if not oral and any(row.oral_only for row in shown):
            by_mouth.append(name.strip())
            shown = [row for row in shown if not row.oral_only]
        for row in shown:
            if row.key not in seen:
                seen[row.key] = InteractionMatch(
                    name=row.name, matched=name.strip(), medicines=row.medicines,
                    effect=row.effect, medicine_before_h=row.medicine_before_h,
                    medicine_after_h=row.medicine_after_h, spacing=row.spacing,
                    source=row.source, evidence=row.evidence,
                )  # fmt: skip
    unknown = list(dict.fromkeys(unknown))
    index = interactions_table().index
    typos = ((name, tuple(typo_of(fold(name), index))) for name in unknown if len(name) <= 64)
    return WithFound(
        tuple(seen.values()),
        tuple(unknown),
        tuple(dict.fromkeys(injection_only)),
        tuple((name, close) for name, close in typos if close),
        tuple(dict.fromkeys(by_mouth)),
    )


def list_interactions(name: str | None = None) -> InteractionsListing:
    """Return every row and caution, or those matching a medicine, class or caution name."""
    cautions = _cautions(name)
    if name is None:
        rows = interactions_table().rows
    else:
        try:
            rows = find(name)
        except UnknownMedicine:
            if not cautions:
                raise
            rows = ()
    notes = (
        "Hours before / after: take the medicine at least so many hours before magnesium, or "
        "after it; hours are given only where a source gives them.",
        "Rows marked 'injection only' are from the magnesium sulfate injection's label: "
        "--with shows them with an injection or premix form.",
        "Rows marked 'magnesium by mouth' concern magnesium taken by mouth "
        "(absorption, spacing the doses): --with does not show them for an injection or "
        "premix form alone.",
    )
    return InteractionsListing(
        query=name,
        interactions=rows,
        cautions=cautions,
        notes=(
            *(notes if rows else ()),
            f"The list covers medicines named in mgcalc's sources; {NOT_EVIDENCE}.",
        ),
    )


def _cautions(name: str | None) -> tuple[Caution, ...]:
    """Return every caution, or those *name* names (none for a blank or a medicine's name)."""
    from mgcalc.clinical.cautions import listed_cautions

    wanted = None if name is None else fold(name)
    return tuple(
        Caution(key=found.key, name=found.name, text=found.text, source=found.source)
        for found in listed_cautions()
        if wanted is None or wanted in {fold(n) for n in (found.key, found.name, *found.names)}
    )


def _unknown(name: str) -> str:
    shown = name if len(name) <= 40 else name[:40] + "…"
    close = [] if len(name) > 64 else typo_of(fold(name), interactions_table().index)
    hint = f"; did you mean {' or '.join(repr(found) for found in close)}?" if close else ""
    return f"'{shown}' is not in mgcalc's interactions list{hint} ({NOT_EVIDENCE})"


def typo_of(name: str, known: Iterable[str], most: int = 2) -> list[str]:
    """Return up to *most* known names that *name* is a likely typo of, nearest first.

    A likely typo is at most 2 edits away (1 for names of 5 letters or fewer); an edit is
    a letter added, dropped, changed, or two letters swapped.
    """
    limit = 1 if len(name) <= 5 else 2
    found = sorted(
        (distance, candidate)
        for candidate in known
        if abs(len(candidate) - len(name)) <= limit
        and (distance := edits(name, candidate, limit)) <= limit
    )
    return [candidate for _, candidate in found[:most]]


def edits(first: str, second: str, limit: int) -> int:
    """Return the edits between two names (optimal string alignment), or limit + 1 beyond."""
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i, one in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, two in enumerate(second, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (one != two))
            if i > 1 and j > 1 and one == second[j - 2] and first[i - 2] == two:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
