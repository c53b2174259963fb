"""Who is being assessed: age, sex, pregnancy or lactation, and the standard to judge by."""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mgcalc.errors import InputError

Standard = Literal["us", "eu", "dach", "who", "uk", "anz", "nordic"]
STANDARDS: tuple[Standard, ...] = ("us", "eu", "dach", "who", "uk", "anz", "nordic")
Sex = Literal["female", "male"]
MAX_AGE_YEARS = 120

_AGE = re.compile(
    r"(?P<number>[0-9]+(?:\.[0-9]+)?) ?(?P<unit>y|yr|yrs|year|years|mo|month|months)?"
)


class BadProfile(InputError):
    """The profile options contradict each other or cannot be read."""


class Profile(BaseModel):
    """A person to assess; with no age, label values for an adult are used."""

    model_config = ConfigDict(frozen=True)

    age_years: float | None = None
    sex: Sex | None = None
    pregnant: bool = False
    lactating: bool = False
    standard: Standard = "us"

    @property
    def age_months(self) -> float | None:
        """Return the age in months, or None without an age."""
        return None if self.age_years is None else self.age_years * 12

    @property
    def is_personal(self) -> bool:
        """Return whether the profile names a person (an age), not just a standard."""
        return self.age_years is not None


def parse_age(text: str) -> float:
    """Read an age in years (``42``, ``18.5``, ``42y``) or months (``8mo``) as years."""
    match = _AGE.fullmatch(text.strip())
    if text.strip().startswith("-"):
        raise BadProfile(f"age '{text}' is below 0")
    if match is None:
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise BadProfile(f"cannot read age '{shown}'; write years (42, 1.5) or months (8mo)")
    value = float(match["number"])
    unit = match["unit"] or "y"
    years = value / 12 if unit.startswith("mo") else value
    if not math.isfinite(years) or years > MAX_AGE_YEARS:
        raise BadProfile(f"age '{text}' is above {MAX_AGE_YEARS} years")
    return years


def make_profile(
    *,
    age: str | float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    standard: str = "us",
) -> Profile:
    """Validate the profile options together and return a :class:`Profile`."""
    if standard not in STANDARDS:
        raise BadProfile(f"unknown standard '{standard}'; use one of {', '.join(STANDARDS)}")
    if sex is not None and sex not in ("female", "male"):
        raise BadProfile(f"unknown sex '{sex}'; use female or male")
    if pregnant and lactating:
        raise BadProfile("--pregnant and --lactating together: choose the one that applies")
    if (pregnant or lactating) and sex == "male":
        state = "pregnant" if pregnant else "lactating"
        raise BadProfile(f"--{state} does not go with --sex male")
    years = _years(age)
    if years is None and (sex is not None or pregnant or lactating):
        raise BadProfile("add --age: reference values depend on age (years, or months as 8mo)")
    if pregnant or lactating:
        sex = "female"
    return Profile(
        age_years=years,
        sex=sex,
        pregnant=pregnant,
        lactating=lactating,
        standard=standard,
    )


def _years(age: str | float | None) -> float | None:
    if age is None:
        return None
    if isinstance(age, str):
        return parse_age(age)
    if isinstance(age, bool) or not math.isfinite(age) or not 0 <= age <= MAX_AGE_YEARS:
        raise BadProfile(f"age {age!r} must be between 0 and {MAX_AGE_YEARS} years")
    return float(age)
