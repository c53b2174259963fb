"""Judge an intake the IOM way: total intake against EAR/RDA/AI, supplements against the UL."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import math
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from mgcalc.nutrition.profile import Profile, Sex, Standard
from mgcalc.nutrition.standards import (
    ADULT_AGE_MONTHS,
    STANDARD_INFO,
    LabelValue,
    ReferenceRow,
    find_group,
    label_for,
)
from mgcalc.nutrition.terms import average_term, upper_words
from mgcalc.nutrition.variation import CRITERION_Z, confidence
from mgcalc.text import mg, share, shown_mg

if TYPE_CHECKING:
    from mgcalc.nutrition.variation import Confidence

Adequacy = Literal[
    "likely_inadequate",
    "possibly_inadequate",
    "likely_adequate",
    "adequate",
    "at_least_average_requirement",
    "cannot_assess",
    "not_assessed",
]
UlVerdict = Literal["within", "above", "not_established"]
# Why adequacy was not judged: no person, no diet, or no intake value for the person's group.
Reason = Literal["no_diet", "no_profile", "no_reference_value"]


class ReferenceUsed(BaseModel):
    """The reference values a judgement used; absent values are None."""

    model_config = ConfigDict(frozen=True)

    standard: str
    group: str
    ear_mg: float | None
    rda_mg: float | None
    ai_mg: float | None
    ul_mg: float | None
    ul_status: str
    label: LabelValue | None  # the label reference compared with (no profile), else None
    evidence: str
    source: str


class Assessment(BaseModel):
    """The verdicts, as codes for scripts and as sentences for people."""

    model_config = ConfigDict(frozen=True)

    adequacy: Adequacy
    reason: Reason | None = None  # set when adequacy is not_assessed
    ul: UlVerdict
    percent_of_reference: float | None
    percent_of_ul: float | None
    verdicts: tuple[str, ...]
    # IOM 2000 (Appendix B): confidence that usual intake is adequate, from the days observed.
    confidence: float | None = None
    days_observed: int = 1
    mean_needed_mg: float | None = None


class AssessmentFields(NamedTuple):
    """An :class:`Assessment`'s field values, in its order (a batch writes them unbuilt)."""

    adequacy: Adequacy
    reason: Reason | None
    ul: UlVerdict
    percent_of_reference: float | None
    percent_of_ul: float | None
    verdicts: tuple[str, ...]
    confidence: float | None = None
    days_observed: int = 1
    mean_needed_mg: float | None = None


def exceeds(amount_mg: float, limit_mg: float) -> bool:
    """Return whether *amount_mg* is above *limit_mg* as both are shown (to 0.1 mg).

    The one rule for "above": exactly at a limit is within it (25 × 4.4 mg is 110 mg, not
    110.00000000000001 mg), and no verdict contradicts the figures it prints.
    """
    return shown_mg(amount_mg) > shown_mg(limit_mg)


def reaches(amount_mg: float, reference_mg: float) -> bool:
    """Return whether *amount_mg* reaches *reference_mg* as both are shown (to 0.1 mg)."""
    return shown_mg(amount_mg) >= shown_mg(reference_mg)


def reference_for(profile: Profile) -> tuple[ReferenceUsed, list[str]]:
    """Return the reference values for *profile*, with notes on what was assumed."""
    used, notes = _reference_for(
        profile.age_years, profile.sex, profile.pregnant, profile.lactating, profile.standard
    )
    return used, list(notes)


# People repeat across a batch (about 10,000 in 100,000 realistic requests); the reference
# table is loaded once and never changes. Keyed by the values a group depends on: cheaper
# to hash than the Profile model, and a profile's weight does not change its group.
@lru_cache(maxsize=16384)
def _reference_for(
    age_years: float | None, sex: Sex | None, pregnant: bool, lactating: bool, standard: Standard
) -> tuple[ReferenceUsed, tuple[str, ...]]:
    """Return the reference values of a person (or, without an age, of the label), with notes."""
    if age_years is None:
        return _adult_reference(standard)
    person = Profile(
        age_years=age_years, sex=sex, pregnant=pregnant, lactating=lactating, standard=standard
    )
    group = find_group(person)
    return _row_reference(group.row), tuple(group.notes)


# Rows live as long as the cached table, so their identity is a cheap, safe key
# (hashing a row hashes every field). The row is stored to check that identity.
_BY_ROW: dict[int, tuple[ReferenceRow, ReferenceUsed]] = {}


def _row_reference(row: ReferenceRow) -> ReferenceUsed:
    stored = _BY_ROW.get(id(row))
    if stored is None or stored[0] is not row:
        stored = _BY_ROW[id(row)] = (row, _used(row, None))
    return stored[1]


@cache
def _adult_reference(standard: str) -> tuple[ReferenceUsed, tuple[str, ...]]:
    """Return the label reference and adult UL used when no age is given."""
    adult = find_group(Profile(age_years=30.0, sex="female", standard=standard)).row
    label = label_for(standard, ADULT_AGE_MONTHS)
    notes = [
        "No age given: an adult was assumed and compared with the label reference and the adult "
        "upper limit. Give --age and --sex (and --pregnant or --lactating) for personal values."
    ]
    group = "adult (no profile)"
    if label is None:
        notes.append(f"Standard '{standard}' has no label reference value in mgcalc's data.")
        return _used(adult, None, group=group, intake=False), tuple(notes)
    used = _used(
        adult, label, group=group, intake=False,
        source=f"{label.source}; upper limit: {adult.source}", evidence=label.evidence,
    )  # fmt: skip
    return used, tuple(notes)


def _used(
    row: ReferenceRow,
    label: LabelValue | None,
    *,
    group: str | None = None,
    intake: bool = True,
    source: str | None = None,
    evidence: str | None = None,
) -> ReferenceUsed:
    return ReferenceUsed(
        standard=row.standard,
        group=group or row.group,
        ear_mg=row.ear_mg if intake else None,
        rda_mg=row.rda_mg if intake else None,
        ai_mg=row.ai_mg if intake else None,
        ul_mg=row.ul_mg,
        ul_status=row.ul_status,
        label=label,
        evidence=evidence or row.evidence,
        source=source or row.source,
    )


def assess(
    total_mg: float,
    supplemental_mg: float,
    reference: ReferenceUsed,
    *,
    diet_given: bool = True,
    personal: bool = True,
    days: int = 1,
    sd_mg: float | None = None,
) -> Assessment:
    """Judge *total_mg* against intake values and *supplemental_mg* against the UL.

    Adequacy is judged only for a person (*personal*) whose diet is given (*diet_given*):
    without the diet the total is not known. *days* is how many days the diet's mean is of;
    with the group's day-to-day SD of intake (*sd_mg*) the IOM's confidence is given.
    """
    fields = assessment_fields(
        total_mg, supplemental_mg, reference, diet_given=diet_given, personal=personal,
        days=days, sd_mg=sd_mg,
    )  # fmt: skip
    return Assessment(**fields._asdict())


def assessment_fields(
    total_mg: float,
    supplemental_mg: float,
    reference: ReferenceUsed,
    *,
    diet_given: bool = True,
    personal: bool = True,
    days: int = 1,
    sd_mg: float | None = None,
) -> AssessmentFields:
    """Return what :func:`assess` judges, as field values (no model is built)."""
    info = STANDARD_INFO[reference.standard]
    found = None
    if personal and diet_given and reference.ear_mg is not None and sd_mg is not None:
        found = confidence(total_mg, reference.ear_mg, sd_mg, days)
    adequacy, compared, verdict = _adequacy(total_mg, reference, info.recommended, days, found)
    reason: Reason | None = None
    if not personal:
        reason = "no_profile"
    elif compared is None:
        reason = "no_reference_value"
    elif not diet_given:
        adequacy, compared, reason, found = "not_assessed", None, "no_diet", None
        verdict = (
            f"Adequacy not assessed: it needs the diet (food and water) as well as the "
            f"supplements' {mg(supplemental_mg)}"
        )
    ul: UlVerdict = "not_established"
    percent_of_ul = None
    if reference.ul_mg is not None:
        percent_of_ul = 100 * supplemental_mg / reference.ul_mg
        ul, sentence = _ul_verdict(supplemental_mg, reference.ul_mg, info.upper, reference.standard)
    elif reference.ul_status == "not_established":
        sentence = "No upper limit is established for this group: supplements not judged"
    else:
        sentence = "No upper limit is set in mgcalc's data for this group: supplements not judged"
    # By position, in its order: keyword arguments to a class make a dict (see dose_fields).
    return AssessmentFields(
        adequacy,
        reason,
        ul,
        None if compared is None else 100 * total_mg / compared,  # percent_of_reference
        percent_of_ul,
        (verdict, sentence),  # verdicts
        None if found is None else found.confidence,
        days,  # days_observed
        None if found is None else found.mean_needed_mg,
    )


# A batch repeats its lists of items, and so their supplemental amounts (a pure function
# of four values: nothing to clear when tables change).
@lru_cache(maxsize=16384)
def _ul_verdict(
    supplemental_mg: float, ul_mg: float, upper: str, standard: str
) -> tuple[UlVerdict, str]:
    """Return the verdict on supplements against the upper limit, and its sentence."""
    name = f"{upper_words(standard)} ({upper} {mg(ul_mg)})"
    if exceeds(supplemental_mg, ul_mg):
        return "above", (
            f"Supplements {mg(supplemental_mg)}: above {name} by "
            f"{mg(supplemental_mg - ul_mg)}; the supplements are {share(supplemental_mg, ul_mg)} "
            f"of the {upper}"
        )
    return "within", f"Supplements {mg(supplemental_mg)}: within {name}"


def days_text(days: int) -> str:
    """Return "1 day" or "3 days"."""
    return "1 day" if days == 1 else f"{days} days"


def _adequacy(
    total: float,
    ref: ReferenceUsed,
    recommended: str,
    days: int = 1,
    found: "Confidence | None" = None,
) -> tuple[Adequacy, float | None, str]:
    """Return the adequacy code, the value the percentage is of, and a sentence."""
    if ref.label is not None:
        share_of = 100 * total / ref.label.value_mg
        return (
            "not_assessed",
            ref.label.value_mg,
            (
                f"Total {mg(total)} is {share_of:.0f} % of the {ref.label.name} "
                f"({mg(ref.label.value_mg)}): a label reference, not a personal requirement"
            ),
        )
    code: Adequacy
    shown = shown_mg(total)  # compared as shown (see reaches), each value once
    if ref.rda_mg is not None:
        if ref.ear_mg is not None and shown < _shown(ref.ear_mg):
            code = "likely_inadequate"
        elif shown < _shown(ref.rda_mg):
            code = "possibly_inadequate"
        else:
            code = "likely_adequate"
        compared = ref.rda_mg
    elif ref.ai_mg is not None:
        code = "adequate" if shown >= _shown(ref.ai_mg) else "cannot_assess"
        compared = ref.ai_mg
    elif ref.ear_mg is not None:
        reached = shown >= _shown(ref.ear_mg)
        code = "at_least_average_requirement" if reached else "likely_inadequate"
        compared = ref.ear_mg
    else:
        return "not_assessed", None, f"Total {mg(total)}: no intake reference is set for this group"
    sure = None if found is None else found.z >= CRITERION_Z
    body = _comparison(code, ref.ear_mg, compared, recommended, ref.standard, days, sure)
    if found is None:
        return code, compared, f"Total {mg(total)} {body}"
    return code, compared, f"Total {mg(total)} {body}{_confidence_text(found, total, days)}"


# A reference table's few values, as shown (a batch compares every total with them).
_SHOWN: dict[float, float] = {}


def _shown(reference_mg: float) -> float:
    shown = _SHOWN.get(reference_mg)
    if shown is None:
        if len(_SHOWN) >= 4096:
            _SHOWN.clear()
        shown = _SHOWN[reference_mg] = shown_mg(reference_mg)
    return shown


def _confidence_text(found: "Confidence", total: float, days: int) -> str:
    """Return the sentences on the IOM's confidence, and what would give 97.5 %."""
    percent = found.confidence * 100
    if found.z < CRITERION_Z:  # 97.5 % to 97.7 % is still below it: never "About 98 %"
        percent = min(percent, 97.0)
    shown = (
        "Over 99 %"
        if percent > 99.5
        else "Under 1 %"
        if percent < 0.5
        else (f"About {percent:.0f} %")
    )
    text = f". {shown} confidence that usual intake is adequate (IOM 2000 method)"
    if found.z >= CRITERION_Z:
        return text
    # Whole mg, as the IOM prints them (445, 377, 349 mg); JSON keeps the exact figure.
    needed = mg(round(found.mean_needed_mg))
    text += f". 97.5 % confidence needs about {needed} over {days_text(days)}"
    if found.days_needed is not None:
        text += f", or about {math.ceil(found.days_needed)} days at {mg(total)}"
    return text


# Each code's words after "Total N mg (n days): ", in plain words first and the standard's
# own term after them. {usual} is "your usual intake", or for one day "if this day is usual,
# your intake"; {known} is "3 days known".
_PHRASES: dict[str, str] = {
    "likely_inadequate": (
        "below the average requirement ({average} {ear}): {usual} very likely needs to improve"
    ),
    "possibly_inadequate": (
        "between the average requirement ({average} {ear}) and the recommended intake "
        "({recommended} {value}): {usual} probably needs to improve"
    ),
    "below_recommended": (
        "below the recommended intake ({recommended} {value}): {usual} may need to improve"
    ),
    "likely_adequate": (
        "at or above the recommended intake ({recommended} {value}): likely adequate"
    ),
    "likely_adequate_unsure": (
        "at or above the recommended intake ({recommended} {value}), but {days} only "
        "{estimate} usual intake"
    ),
    "likely_adequate_usual": (
        "at or above the recommended intake ({recommended} {value}): likely adequate only if "
        "this is your usual intake over many days (IOM 2000); {known}"
    ),
    "at_least_average_requirement": (
        "at least the average requirement ({average} {value}); no recommended intake is set"
    ),
    "adequate": (
        "at or above the adequate intake (AI {value}): likely adequate if this is your usual "
        "intake (IOM 2000); {known}"
    ),
    "cannot_assess": (
        "below the adequate intake (AI {value}): adequacy cannot be judged below an AI "
        "(no average requirement is known)"
    ),
}


# Every person of a group shares these phrases: only the total differs.
@lru_cache(maxsize=1024)
def _comparison(
    code: Adequacy,
    ear_mg: float | None,
    compared: float,
    recommended: str,
    standard: str,
    days: int,
    sure: bool | None,
) -> str:
    """Return the rest of an adequacy sentence after "Total N mg", in plain words.

    *sure* is None where no day-to-day SD is sourced, else whether the IOM's confidence
    reaches its criterion (z ≥ 2.00).
    """
    key: str = code
    if code == "possibly_inadequate" and ear_mg is None:
        key = "below_recommended"
    elif code == "likely_adequate" and sure is None:
        key = "likely_adequate_usual"
    elif code == "likely_adequate" and not sure:
        key = "likely_adequate_unsure"
    text = _PHRASES[key].format(
        average=average_term(standard),
        ear=mg(ear_mg or 0),
        recommended=recommended,
        value=mg(compared),
        usual="your usual intake" if days > 1 else "if this day is usual, your intake",
        days=days_text(days),
        estimate="estimates" if days == 1 else "estimate",
        known=f"{days_text(days)} known",
    )
    if code == "at_least_average_requirement" and sure is None:
        text += f"; {days_text(days)} known"
    return f"({days_text(days)}): {text}"
