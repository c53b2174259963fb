"""Confidence from the days observed (IOM 2000, Appendix B), with ``data/intake-variation.csv``.

The IOM judges usual intake; the mean of a few days only estimates it. For a person whose
group has an EAR and a sourced day-to-day SD of intake, z = (mean − EAR) / √(SDr² + SD²/n),
with SDr 10 % of the EAR, and the confidence that usual intake is adequate is Φ(z).
"""

import math
from functools import cache, lru_cache
from typing import NamedTuple

# The IOM's criterion: its printed "97.5 %" figures all use z = 2.00 (Φ(2.00) = 0.977).
CRITERION_Z = 2.0
# SDr, the SD of the requirement, is 10 % of the EAR for magnesium (IOM 2000, p. 54).
REQUIREMENT_CV = 0.10


# People repeat across a batch (about 10,000 distinct in 100,000 realistic requests).
@lru_cache(maxsize=16384)
def sd_for(months: float, sex: str | None, state: str) -> float | None:
    """Return the sourced day-to-day SD of intake for a person's group, or None."""
    from mgcalc.nutrition.variation_file import variation_rows  # its model: only when needed

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
