"""The day-to-day SDs of intake (``data/intake-variation.csv``), validated lazily.

Apart from :mod:`mgcalc.nutrition.variation` so that its pydantic model is built only when a
person's group has an EAR and a diet is given, not at every start.
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import math
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mgcalc.datafiles import data_label, data_text
from mgcalc.errors import DataError
from mgcalc.tables import read_table

VARIATION_FILE = "intake-variation.csv"


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
    # No upper age: no end at all (a stand-in such as 10**9 months would let later rows by).
    end_one, end_two = one.age_to_months or math.inf, two.age_to_months or math.inf
    return one.age_from_months < end_two and two.age_from_months < end_one
