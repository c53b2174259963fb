"""Safety cautions shown as warnings, each naming its source (clinical.md)."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

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
# Proportionate: the caution says what to do and why; what happened with very large
# exposures is the source's, in KIDNEY_SOURCE (a note) and in 'mgcalc interactions'.
KIDNEY = (
    "Kidney impairment: the kidneys clear magnesium, so ask a doctor before taking magnesium "
    "supplements, antacids or laxatives (magnesium laxative labels: 'Ask a doctor before use "
    "if you have kidney disease', DailyMed)."
)
KIDNEY_SOURCE = (
    "The kidney caution's sources: deaths from very large magnesium exposures occurred "
    "especially with renal insufficiency (IOM 1997, p. 244); magnesium laxative labels say "
    "'Ask a doctor before use if you have kidney disease' (DailyMed)."
)
KIDNEY_NO_PLAN = (
    "No supplement planned: with kidney impairment the kidneys may not clear magnesium, so "
    "whether to take a supplement, and how much, is for a doctor to say (DailyMed OTC labels: "
    "'Ask a doctor before use if you have kidney disease'). A clinician can plan one with "
    "--supervised."
)
KIDNEY_SUPERVISED = (
    "--supervised: planned with kidney impairment, for medical supervision; the upper limit "
    "still caps the plan unless --allow-above-ul."
)


class Listed(NamedTuple):
    """A caution as ``mgcalc interactions`` lists it: in full, with its sources."""

    key: str
    name: str
    text: str
    source: str
    names: tuple[str, ...]  # what finds it besides its key and name (folded like a medicine's)


def listed_cautions() -> tuple[Listed, ...]:
    """Return the cautions mgcalc applies, each in full with its sources (clinical.md)."""
    from mgcalc.clinical.injection import LABEL, RENAL_HOURS, RENAL_MAX_G

    kidney = Listed(
        "kidney",
        "Kidney impairment",
        "The kidneys clear magnesium: ask a doctor before taking magnesium supplements, "
        "antacids or laxatives. Deaths from very large magnesium exposures occurred especially "
        "with renal insufficiency. For magnesium sulfate injection, in severe renal "
        f"insufficiency the label's maximum is {RENAL_MAX_G:g} g of magnesium sulfate in "
        f"{RENAL_HOURS} hours. "
        "mgcalc gives this caution with --kidney-impairment (dose, plan, convert), the "
        "injection's limit with an injection, premix or bag; plan then plans no supplement "
        "unless --supervised.",
        "IOM 1997, p. 244 (deaths, especially with renal insufficiency); magnesium laxative "
        "labels, DailyMed ('Ask a doctor before use if you have kidney disease'); "
        f"{LABEL} ('In the presence of severe renal insufficiency, the maximum dosage of "
        f"magnesium sulfate is {RENAL_MAX_G:g} grams/{RENAL_HOURS} hours')",
        ("kidney impairment", "kidney disease", "renal", "renal insufficiency",
         "renal impairment"),
    )  # fmt: skip
    infant = Listed(
        "infant",
        "Infant under 1 year",
        "The IOM sets no upper limit for infants because of concern about their ability to "
        "handle excess magnesium, and advises that it come from food and formula only; "
        "supplements for an infant are for medical advice only. mgcalc gives this caution when "
        "a supplement is counted for an age under 12 months.",
        "IOM DRI summary tables, footnote",
        ("infants", "baby"),
    )
    eu_under_4 = Listed(
        "eu-under-4",
        "Child under 4 years (eu, dach)",
        "The EU sets no upper level for magnesium below 4 years, so no amount of supplement can "
        "be judged safe; supplements are for medical advice only. mgcalc gives this caution "
        "with the standards eu and dach when a supplement is counted for an age under 4 years.",
        "SCF 2001, adopted by EFSA 2006",
        ("child under 4", "under 4"),
    )
    return (kidney, infant, eu_under_4)


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
