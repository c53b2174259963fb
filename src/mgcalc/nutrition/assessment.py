"""Judge an intake the IOM way: total intake against EAR/RDA/AI, supplements against the UL."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

from functools import cache, lru_cache
from typing import Literal, NamedTuple

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
from mgcalc.text import mg, shown_mg

Adequacy = Literal[
    "likely_inadequate",
    "possibly_inadequate",
    "likely_adequate",
    "adequate",
    "cannot_assess",
    "not_assessed",
]
UlVerdict = Literal["within", "above", "not_established"]
# Why adequacy was not judged: no person, no diet, or no intake value for the person's group.
Reason = Literal["no_diet", "no_profile", "no_reference_value"]

_MEANING: dict[str, str] = {
    "likely_inadequate": "very likely inadequate (probability of adequacy 50 % or less)",
    "possibly_inadequate": "possibly inadequate (probability of adequacy below 97–98 %)",
    "likely_adequate": "low probability of inadequacy",
    "adequate": "almost certainly adequate",
    "cannot_assess": "adequacy cannot be assessed below an AI (no requirement is known)",
}


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
) -> Assessment:
    """Judge *total_mg* against intake values and *supplemental_mg* against the UL.

    Adequacy is judged only for a person (*personal*) whose diet is given (*diet_given*):
    without the diet the total is not known.
    """
    fields = assessment_fields(
        total_mg, supplemental_mg, reference, diet_given=diet_given, personal=personal
    )
    return Assessment(**fields._asdict())


def assessment_fields(
    total_mg: float,
    supplemental_mg: float,
    reference: ReferenceUsed,
    *,
    diet_given: bool = True,
    personal: bool = True,
) -> AssessmentFields:
    """Return what :func:`assess` judges, as field values (no model is built)."""
    info = STANDARD_INFO[reference.standard]
    adequacy, compared, verdict = _adequacy(total_mg, reference, info.recommended)
    reason: Reason | None = None
    if not personal:
        reason = "no_profile"
    elif compared is None:
        reason = "no_reference_value"
    elif not diet_given:
        adequacy, compared, reason = "not_assessed", None, "no_diet"
        verdict = (
            f"Adequacy not assessed: it needs the diet (food and water) as well as the "
            f"supplements' {mg(supplemental_mg)}"
        )
    ul: UlVerdict = "not_established"
    percent_of_ul = None
    if reference.ul_mg is not None:
        percent_of_ul = 100 * supplemental_mg / reference.ul_mg
        ul, sentence = _ul_verdict(supplemental_mg, reference.ul_mg, info.upper)
    elif reference.ul_status == "not_established":
        sentence = "No upper limit is established for this group: supplements not judged"
    else:
        sentence = "No upper limit is set in mgcalc's data for this group: supplements not judged"
    return AssessmentFields(
        adequacy=adequacy,
        reason=reason,
        ul=ul,
        percent_of_reference=None if compared is None else 100 * total_mg / compared,
        percent_of_ul=percent_of_ul,
        verdicts=(verdict, sentence),
    )


# A batch repeats its lists of items, and so their supplemental amounts (a pure function
# of three values: nothing to clear when tables change).
@lru_cache(maxsize=16384)
def _ul_verdict(supplemental_mg: float, ul_mg: float, upper: str) -> tuple[UlVerdict, str]:
    """Return the verdict on supplements against the upper limit, and its sentence."""
    name = f"{upper} {mg(ul_mg)}"
    if exceeds(supplemental_mg, ul_mg):
        return "above", f"Supplemental {mg(supplemental_mg)} > {name}: above the upper limit"
    return "within", f"Supplemental {mg(supplemental_mg)} ≤ {name}: within the upper limit"


def _adequacy(
    total: float, ref: ReferenceUsed, recommended: str
) -> tuple[Adequacy, float | None, str]:
    """Return the adequacy code, the value the percentage is of, and a sentence."""
    shown = f"Total {mg(total)}"
    if ref.label is not None:
        share = 100 * total / ref.label.value_mg
        return (
            "not_assessed",
            ref.label.value_mg,
            (
                f"{shown} is {share:.0f} % of the {ref.label.name} ({mg(ref.label.value_mg)}): "
                "a label reference, not a personal requirement"
            ),
        )
    code: Adequacy
    if ref.rda_mg is not None:
        if ref.ear_mg is not None and not reaches(total, ref.ear_mg):
            code = "likely_inadequate"
        elif not reaches(total, ref.rda_mg):
            code = "possibly_inadequate"
        else:
            code = "likely_adequate"
        compared = ref.rda_mg
    elif ref.ai_mg is not None:
        code = "adequate" if reaches(total, ref.ai_mg) else "cannot_assess"
        compared = ref.ai_mg
    else:
        return "not_assessed", None, f"{shown}: no intake reference is set for this group"
    return code, compared, f"{shown} {_comparison(code, ref.ear_mg, compared, recommended)}"


# Every person of a group shares these phrases: only the total differs.
@lru_cache(maxsize=1024)
def _comparison(code: Adequacy, ear_mg: float | None, compared: float, recommended: str) -> str:
    """Return the rest of an adequacy sentence after "Total N mg": the value and its meaning."""
    if code == "likely_inadequate":
        return f"< EAR {mg(ear_mg or 0)}: {_MEANING[code]}"
    if code == "possibly_inadequate":
        meaning = _MEANING[code] if ear_mg is not None else "below the recommended intake"
        return f"< {recommended} {mg(compared)}: {meaning}"
    if code == "likely_adequate":
        return f"≥ {recommended} {mg(compared)}: {_MEANING[code]}"
    sign = "≥" if code == "adequate" else "<"
    return f"{sign} AI {mg(compared)}: {_MEANING[code]}"
