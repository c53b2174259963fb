"""Confidence from the days observed (IOM 2000, Appendix B), with ``data/intake-variation.csv``.

The IOM judges usual intake; the mean of a few days only estimates it. For a person whose
group has an EAR and a sourced day-to-day SD of intake, z = (mean − EAR) / √(SDr² + SD²/n),
with SDr 10 % of the EAR, and the confidence that usual intake is adequate is Φ(z).
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import math
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mgcalc.datafiles import data_label, data_text
from mgcalc.errors import DataError
from mgcalc.tables import read_table

VARIATION_FILE = "intake-variation.csv"
# The IOM's criterion: its printed "97.5 %" figures all use z = 2.00 (Φ(2.00) = 0.977).
CRITERION_Z = 2.0
# SDr, the SD of the requirement, is 10 % of the EAR for magnesium (IOM 2000, p. 54).
REQUIREMENT_CV = 0.10


class VariationRow(BaseModel):
    """The day-to-day SD of magnesium intake for one group, with its source and derivation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    age_from_months: int = Field(ge=0)
    age_to_months: int | None = Field(default=None, gt=0)
    sex: Literal["any", "female", "male"]
    state: Literal["none", "pregnant", "lactating"]
    sd_mg: float = Field(gt=0, le=10_000, allow_inf_nan=False)
    source: str = Field(min_length=1)
    derivation: str = Field(min_length=1)

    def covers(self, months: float, sex: str | None, state: str) -> bool:
        """Return whether a person of this age, sex and state is in this row's group."""
        return (
            self.state == state
            and self.sex in ("any", sex)
            and self.age_from_months <= months
            and (self.age_to_months is None or months < self.age_to_months)
        )

    @model_validator(mode="after")
    def _check(self) -> "VariationRow":
        if self.age_to_months is not None and self.age_to_months <= self.age_from_months:
            raise ValueError("age_to_months must be above age_from_months")
        return self


@cache
def variation_rows() -> tuple[VariationRow, ...]:
    """Load and validate ``data/intake-variation.csv`` once; groups may not overlap."""
    file = data_label(VARIATION_FILE)
    rows = read_table(data_text(VARIATION_FILE), file, VariationRow,
                      columns=tuple(VariationRow.model_fields))  # fmt: skip
    for line, row in enumerate(rows, start=2):
        for other in rows[: line - 2]:
            if _overlap(row, other):
                raise DataError(file, "overlaps an earlier row's group", row=line)
    return rows


def _overlap(one: VariationRow, two: VariationRow) -> bool:
    if one.state != two.state or ("any" not in (one.sex, two.sex) and one.sex != two.sex):
        return False
    end_one, end_two = one.age_to_months or 10**9, two.age_to_months or 10**9
    return one.age_from_months < end_two and two.age_from_months < end_one


@lru_cache(maxsize=1024)
def sd_for(months: float, sex: str | None, state: str) -> float | None:
    """Return the sourced day-to-day SD of intake for a person's group, or None."""
    row = next((row for row in variation_rows() if row.covers(months, sex, state)), None)
    return None if row is None else row.sd_mg


class Confidence(NamedTuple):
    """What the days observed say about usual intake, by the IOM's method."""

    confidence: float  # Φ(z): the confidence that usual intake is adequate
    z: float
    mean_needed_mg: float  # the mean giving the IOM's 97.5 % (z = 2.00) with these days
    days_needed: float | None  # days at this mean for that confidence; None: no number does


@cache
def criterion() -> float:
    """Return the confidence at the IOM's criterion, Φ(2.00) = 0.977."""
    return normal_cdf(CRITERION_Z)


def normal_cdf(z: float) -> float:
    """Return Φ(z), the standard normal distribution (the IOM's Table B-1)."""
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def confidence(mean_mg: float, ear_mg: float, sd_mg: float, days: int) -> Confidence:
    """Return the IOM 2000 confidence that usual intake is adequate, from *days* at *mean_mg*.

    Supplements taken every day are a constant: they are in *mean_mg*, not in the variance.
    """
    requirement = (REQUIREMENT_CV * ear_mg) ** 2
    spread = math.sqrt(requirement + sd_mg**2 / days)
    z = (mean_mg - ear_mg) / spread
    margin = ((mean_mg - ear_mg) / CRITERION_Z) ** 2 - requirement
    days_needed = sd_mg**2 / margin if mean_mg > ear_mg and margin > 0 else None
    return Confidence(
        confidence=normal_cdf(z),
        z=z,
        mean_needed_mg=ear_mg + CRITERION_Z * spread,
        days_needed=days_needed,
    )
