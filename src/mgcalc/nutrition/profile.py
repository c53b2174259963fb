"""Who is being assessed: age, sex, pregnancy or lactation, and the standard to judge by."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mgcalc.chemistry.amounts import parse_weight
from mgcalc.errors import InputError

Standard = Literal["us", "eu", "dach", "who", "uk", "anz", "nordic"]
STANDARDS: tuple[Standard, ...] = ("us", "eu", "dach", "who", "uk", "anz", "nordic")
Sex = Literal["female", "male"]
MAX_AGE_YEARS = 120
# Pregnancy and lactation values are for ages 10 and over (the youngest groups start at 14).
MIN_PREGNANCY_AGE_YEARS = 10

# Other names people use, read in any case.
SEX_ALIASES: dict[str, Sex] = {
    "female": "female", "f": "female", "woman": "female", "w": "female",
    "male": "male", "m": "male", "man": "male",
}  # fmt: skip
STANDARD_ALIASES: dict[str, Standard] = {
    "us": "us", "iom": "us", "usa": "us", "nam": "us",
    "eu": "eu", "efsa": "eu",
    "dach": "dach", "d-a-ch": "dach", "dge": "dach",
    "who": "who", "fao": "who", "fao-who": "who", "fao/who": "who",
    "uk": "uk", "coma": "uk",
    "anz": "anz", "nhmrc": "anz",
    "nordic": "nordic", "nnr": "nordic",
}  # fmt: skip

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
    weight_kg: float | None = None

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


def read_sex(text: str) -> Sex:
    """Read a sex as people write it (Female, F, woman, m) as ``female`` or ``male``."""
    found = SEX_ALIASES.get(text.strip().lower())
    if found is None:
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise BadProfile(f"unknown sex '{shown}'; use female or male (also f, m, woman, man)")
    return found


def read_standard(text: str) -> Standard:
    """Read a standard by its key or another name for it (EU, efsa, iom), in any case."""
    found = STANDARD_ALIASES.get(text.strip().lower())
    if found is None:
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise BadProfile(
            f"unknown standard '{shown}'; use one of {', '.join(STANDARDS)} "
            "(also iom, efsa, dge, fao, coma, nhmrc, nnr)"
        )
    return found


def make_profile(
    *,
    age: str | float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    standard: str = "us",
    weight: str | float | None = None,
) -> Profile:
    """Validate the profile options together and return a :class:`Profile`."""
    for name, value in (("standard", standard), ("sex", sex)):
        if value is not None and not isinstance(value, str):
            raise BadProfile(f"{name} must be text, not {type(value).__name__}")
    chosen = read_standard(standard)
    sex = None if sex is None else read_sex(sex)
    for name, flag in (("pregnant", pregnant), ("lactating", lactating)):
        if not isinstance(flag, bool):
            raise BadProfile(f"{name} must be true or false, not {flag!r}")
    if pregnant and lactating:
        raise BadProfile("--pregnant and --lactating together: choose the one that applies")
    if (pregnant or lactating) and sex == "male":
        state = "pregnant" if pregnant else "lactating"
        raise BadProfile(f"--{state} does not go with --sex male")
    years = _years(age)
    if years is None and (sex is not None or pregnant or lactating):
        raise BadProfile("add --age: reference values depend on age (years, or months as 8mo)")
    if (pregnant or lactating) and years is not None and years < MIN_PREGNANCY_AGE_YEARS:
        state = "pregnant" if pregnant else "lactating"
        raise BadProfile(f"--{state} is for ages {MIN_PREGNANCY_AGE_YEARS} and over; check --age")
    if pregnant or lactating:
        sex = "female"
    return Profile(
        age_years=years,
        sex=sex,
        pregnant=pregnant,
        lactating=lactating,
        standard=chosen,
        weight_kg=None if weight is None else parse_weight(weight),
    )


def _years(age: str | float | None) -> float | None:
    if age is None:
        return None
    if isinstance(age, str):
        return parse_age(age)
    if not isinstance(age, (int, float)):
        raise BadProfile(f"age must be a number or text such as '8mo', not {type(age).__name__}")
    if isinstance(age, bool) or not math.isfinite(age) or not 0 <= age <= MAX_AGE_YEARS:
        raise BadProfile(f"age {age!r} must be between 0 and {MAX_AGE_YEARS} years")
    return float(age)
