"""Safety cautions shown as warnings, each naming its source (clinical.md)."""

from __future__ import annotations

from functools import lru_cache

from mgcalc.text import mg, share

INFANT_MONTHS = 12
EU_NO_UL_MONTHS = 48
# Standards whose upper level is EFSA's, which sets none below 4 years.
EFSA_UL_STANDARDS = ("eu", "dach")

INFANT = (
    "Infant under 1 year: the IOM sets no upper limit for infants because of concern about "
    "their ability to handle excess magnesium, and advises that it come from food and formula "
    "only; supplements for an infant are for medical advice only (IOM DRI summary tables, "
    "footnote)."
)
EU_UNDER_4 = (
    "Child under 4 years: the EU sets no upper level for magnesium below 4 years (SCF 2001, "
    "adopted by EFSA 2006), so no amount of supplement can be judged safe here; supplements "
    "are for medical advice only."
)
KIDNEY = (
    "Kidney impairment: deaths from very large magnesium exposures occurred especially with "
    "renal insufficiency (IOM 1997, p. 244), and magnesium laxatives carry 'Ask a doctor "
    "before use if you have kidney disease' (DailyMed). Take magnesium supplements, antacids "
    "and laxatives only on medical advice."
)
KIDNEY_NO_PLAN = (
    "No supplement planned: with kidney impairment magnesium supplements are for medical "
    "advice only (IOM 1997, p. 244; DailyMed OTC labels: 'Ask a doctor before use if you have "
    "kidney disease'). A clinician can plan one with --allow-above-ul."
)


def age_cautions(months: float | None, standard: str, supplemental_mg: float) -> list[str]:
    """Return the cautions for supplements given to an infant or a young child."""
    if months is None or supplemental_mg <= 0:
        return []
    found = []
    if months < INFANT_MONTHS:
        found.append(INFANT)
    if standard in EFSA_UL_STANDARDS and months < EU_NO_UL_MONTHS:
        found.append(EU_UNDER_4)
    return found


# A batch repeats its lists of items and so these amounts (a pure function: nothing to clear).
@lru_cache(maxsize=4096)
def above_ul(supplemental_mg: float, ul_mg: float, form: str | None = None) -> str:
    """Say by how much supplements exceed the upper limit, why it matters, and what to do."""
    excess = supplemental_mg - ul_mg
    plan = f"mgcalc plan {form or 'FORM'}"
    # One base for both figures: the excess in mg, and the whole amount as a share of the UL.
    return (
        f"Supplemental magnesium ({mg(supplemental_mg)}) is above the upper limit "
        f"({mg(ul_mg)}) by {mg(excess)}: it is {share(supplemental_mg, ul_mg)} of the upper "
        "limit. Excess magnesium from "
        "supplements shows first as diarrhoea (IOM 1997); antacids and laxatives "
        "count toward the limit. Doses above it are for medical supervision, especially with "
        f"kidney impairment; '{plan}' (with the same profile and diet) gives an amount "
        "within it."
    )
