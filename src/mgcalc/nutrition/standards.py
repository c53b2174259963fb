"""Reference intakes by standard and life stage (``data/reference.csv``), validated lazily."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import bisect
import itertools
from functools import cache
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, model_validator
from pydantic_core import core_schema

from mgcalc.datafiles import data_label, data_text
from mgcalc.errors import DataError
from mgcalc.nutrition.profile import STANDARDS, BadProfile, Profile, Standard
from mgcalc.tables import read_table

REFERENCE_FILE = "reference.csv"
LABELS_FILE = "labels.csv"
ADULT_AGE_MONTHS = 30 * 12  # the adult assumed when no age is given

# Bounds of a daily reference value in mg: outside them a table's value is a typo (the shipped
# values run from 24 to 420), and percentages of it would overflow.
MIN_MG = 1.0
MAX_MG = 10_000.0

State = Literal["none", "pregnant", "lactating"]
UlStatus = Literal["set", "not_established", "not_set"]
Evidence = Literal["primary", "secondary"]


class StandardInfo(NamedTuple):
    """How a standard names its values."""

    title: str
    recommended: str  # what rda_mg holds: RDA, RNI
    upper: str  # what ul_mg is called


STANDARD_INFO: dict[str, StandardInfo] = {
    "us": StandardInfo("US/Canada, IOM 1997", "RDA", "UL"),
    "eu": StandardInfo("EU, EFSA 2015 (UL: SCF 2001)", "PRI", "UL"),
    "dach": StandardInfo("Germany, Austria, Switzerland: D-A-CH 2021 (UL: EFSA)", "RDA", "EFSA UL"),
    "who": StandardInfo("FAO/WHO 2004", "RNI", "UL"),
    "uk": StandardInfo("UK, COMA 1991 (UL: EVM 2003)", "RNI", "guidance level"),
    "anz": StandardInfo("Australia/New Zealand, NHMRC 2006 (partly secondary)", "RDI", "UL"),
    "nordic": StandardInfo("Nordic, NNR 2023 (secondary sources)", "RI", "UL"),
}


class _NullForBoth:
    """Write "any" (a row for both sexes, as the CSV says) as null in JSON, as sex is everywhere.

    A serializer in the core schema, not ``field_serializer``: that decorator's module costs
    about 2 ms of every start.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.literal_schema(
            ["any", "female", "male"],
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda sex: None if sex == "any" else sex,
                return_schema=core_schema.nullable_schema(
                    core_schema.literal_schema(["female", "male"])
                ),
            ),
        )


SexOrBoth = Annotated[Literal["any", "female", "male"], _NullForBoth()]


class ReferenceRow(BaseModel):
    """One standard's values for one life-stage group (mg of magnesium a day)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    standard: Standard
    group: str = Field(min_length=1)
    sex: SexOrBoth

    state: State
    age_from_months: int = Field(ge=0)
    age_to_months: int | None = Field(default=None, gt=0)
    ai_mg: float | None = Field(default=None, ge=MIN_MG, le=MAX_MG, allow_inf_nan=False)
    ear_mg: float | None = Field(default=None, ge=MIN_MG, le=MAX_MG, allow_inf_nan=False)
    rda_mg: float | None = Field(default=None, ge=MIN_MG, le=MAX_MG, allow_inf_nan=False)
    ul_mg: float | None = Field(default=None, ge=MIN_MG, le=MAX_MG, allow_inf_nan=False)
    ul_status: UlStatus
    evidence: Evidence
    source: str = Field(min_length=1)
    note: str = ""

    def covers(self, months: float) -> bool:
        """Return whether an age in months falls in this group (birthdays count)."""
        return self.age_from_months <= months and (
            self.age_to_months is None or months < self.age_to_months
        )

    @model_validator(mode="after")
    def _check(self) -> "ReferenceRow":
        if self.age_to_months is not None and self.age_to_months <= self.age_from_months:
            raise ValueError("age_to_months must be above age_from_months")
        if (self.ul_status == "set") != (self.ul_mg is not None):
            raise ValueError("ul_mg is given exactly when ul_status is 'set'")
        if self.ear_mg is not None and self.rda_mg is not None and self.ear_mg > self.rda_mg:
            raise ValueError("ear_mg is above rda_mg")
        if self.state != "none" and self.sex != "female":
            raise ValueError("pregnancy and lactation rows are for sex 'female'")
        return self


class LabelValue(BaseModel):
    """A label reference (US Daily Value, EU NRV) for a group: not a personal requirement."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    standard: Standard
    name: str = Field(min_length=1)
    group: str = Field(min_length=1)
    state: Literal["none", "pregnant", "lactating", "any"]
    age_from_months: int = Field(ge=0)
    age_to_months: int | None = Field(default=None, gt=0)
    value_mg: float = Field(ge=MIN_MG, le=MAX_MG, allow_inf_nan=False)
    evidence: Evidence
    source: str = Field(min_length=1)
    note: str = ""

    def applies(self, months: float, state: str) -> bool:
        """Return whether this value is the one for an age in months and a state."""
        return (
            self.state in ("any", state)
            and self.age_from_months <= months
            and (self.age_to_months is None or months < self.age_to_months)
        )


class Group(NamedTuple):
    """The row a profile falls in, and what was assumed to find it."""

    row: ReferenceRow
    notes: tuple[str, ...] = ()


@cache
def reference_rows() -> tuple[ReferenceRow, ...]:
    """Load, validate and check the tiling of ``data/reference.csv`` once."""
    file = data_label(REFERENCE_FILE)
    text = data_text(REFERENCE_FILE)
    rows = read_table(
        text, file, ReferenceRow, columns=tuple(ReferenceRow.model_fields), text_columns=("note",)
    )
    check_tiling(rows, file)
    return rows


@cache
def label_values() -> tuple[LabelValue, ...]:
    """Load ``data/labels.csv``: label reference values by standard and group."""
    file = data_label(LABELS_FILE)
    text = data_text(LABELS_FILE)
    values = read_table(
        text, file, LabelValue, columns=tuple(LabelValue.model_fields), text_columns=("note",)
    )
    check_labels(values, file)
    return values


def check_labels(values: tuple[LabelValue, ...], file: str) -> None:
    """Fail unless a standard's label values are for ages and states that do not overlap."""
    for line, value in enumerate(values, start=2):
        if value.age_to_months is not None and value.age_to_months <= value.age_from_months:
            raise DataError(
                file, "age_to_months must be above age_from_months", row=line, field="age_to_months"
            )
        for other in values[: line - 2]:
            if other.standard == value.standard and _overlap(other, value):
                raise DataError(file, f"overlaps the value for '{other.group}'", row=line)


def _overlap(one: LabelValue, two: LabelValue) -> bool:
    if "any" not in (one.state, two.state) and one.state != two.state:
        return False
    end_one, end_two = one.age_to_months or 10**9, two.age_to_months or 10**9
    return one.age_from_months < end_two and two.age_from_months < end_one


def label_for(standard: str, months: float, state: str = "none") -> LabelValue | None:
    """Return the label value of *standard* for an age in months and a state, if any."""
    return next(
        (value for value in label_values() if value.standard == standard
         and value.applies(months, state)),
        None,
    )  # fmt: skip


def standard_labels(standard: str) -> tuple[LabelValue, ...]:
    """Return every label value of *standard*, in file order."""
    return tuple(value for value in label_values() if value.standard == standard)


@cache
def rows_for(standard: str, state: str | None = None) -> tuple[ReferenceRow, ...]:
    """Return the rows of one standard (and one state, if given), in file order."""
    return tuple(
        row
        for row in reference_rows()
        if row.standard == standard and (state is None or row.state == state)
    )


def find_group(profile: Profile) -> Group:
    """Return the life-stage group *profile* falls in under its standard."""
    months = profile.age_months if profile.age_months is not None else ADULT_AGE_MONTHS
    state: State = "pregnant" if profile.pregnant else "lactating" if profile.lactating else "none"
    if state != "none":
        return _childbearing_group(profile.standard, months, state)
    sexes = [profile.sex] if profile.sex else ["female", "male"]
    found = [_row_at(profile.standard, state, sex, months) for sex in sexes]
    if found[-1] is not found[0]:
        age = _age_text(months)
        raise BadProfile(
            f"{profile.standard} values at age {age} differ by sex: add --sex female or --sex male"
        )
    if found[0] is None:  # the tiling check on load makes this unreachable
        raise DataError(data_label(REFERENCE_FILE), f"no group for age {_age_text(months)}")
    return Group(found[0])


@cache
def _ladder(
    standard: str, state: str, sex: str
) -> tuple[tuple[int, ...], tuple[ReferenceRow, ...]]:
    """Return one sex's groups sorted by age, with their starting ages, for bisection."""
    rows = sorted(
        (row for row in rows_for(standard, state) if row.sex in ("any", sex)),
        key=lambda row: row.age_from_months,
    )
    return tuple(row.age_from_months for row in rows), tuple(rows)


def _row_at(standard: str, state: str, sex: str, months: float) -> ReferenceRow | None:
    starts, rows = _ladder(standard, state, sex)
    index = bisect.bisect_right(starts, months) - 1
    if index < 0 or not rows[index].covers(months):
        return None
    return rows[index]


def _childbearing_group(standard: str, months: float, state: str) -> Group:
    found = _row_at(standard, state, "female", months)
    if found is not None:
        return Group(found)
    _, rows = _ladder(standard, state, "female")
    word = "pregnancy" if state == "pregnant" else "lactation"
    if months < rows[0].age_from_months:
        return Group(rows[0], (f"Below the youngest {word} group: '{rows[0].group}' used.",))
    return Group(rows[-1], (f"Above the oldest {word} group: '{rows[-1].group}' used.",))


def check_tiling(rows: tuple[ReferenceRow, ...], file: str) -> None:
    """Fail unless each standard's groups cover every age once, for each sex and state."""
    for standard in STANDARDS:
        lines = {id(row): line for line, row in enumerate(rows, start=2)}
        mine = [row for row in rows if row.standard == standard]
        if not mine:
            raise DataError(file, f"no rows for standard '{standard}'")
        for sex in ("female", "male"):
            _check_run(mine, "none", sex, file, lines, whole_life=True)
        for state in ("pregnant", "lactating"):
            _check_run(mine, state, "female", file, lines, whole_life=False)


def _check_run(
    rows: list[ReferenceRow],
    state: str,
    sex: str,
    file: str,
    lines: dict[int, int],
    *,
    whole_life: bool,
) -> None:
    run = sorted(
        (row for row in rows if row.state == state and row.sex in ("any", sex)),
        key=lambda row: row.age_from_months,
    )
    if not run:
        raise DataError(file, f"no '{state}' rows for {sex} in '{rows[0].standard}'")
    if whole_life and run[0].age_from_months != 0:
        raise DataError(file, "the first group must start at age 0", row=lines[id(run[0])])
    for before, after in itertools.pairwise(run):
        if before.age_to_months != after.age_from_months:
            gap = "overlaps" if (before.age_to_months or 10**9) > after.age_from_months else "gap"
            raise DataError(
                file,
                f"{gap} between '{before.group}' and '{after.group}' for {sex}",
                row=lines[id(after)],
                field="age_from_months",
            )
    if whole_life and run[-1].age_to_months is not None:
        raise DataError(
            file,
            "the last group must have no upper age",
            row=lines[id(run[-1])],
            field="age_to_months",
        )


def _age_text(months: float) -> str:
    return f"{months:g} months" if months < 24 else f"{months / 12:g}"
