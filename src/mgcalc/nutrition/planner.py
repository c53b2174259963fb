"""The dose planner: how much of a form reaches a target without passing the upper limit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from mgcalc.chemistry.amounts import parse_amount
from mgcalc.chemistry.conversion import convert, meaning
from mgcalc.chemistry.forms import Form
from mgcalc.chemistry.resolve import resolve_form
from mgcalc.clinical.cautions import KIDNEY, KIDNEY_NO_PLAN, age_cautions
from mgcalc.clinical.interactions import InteractionMatch, matches, warning
from mgcalc.clinical.products import find_product
from mgcalc.diet.assembly import Diet, make_diet
from mgcalc.errors import InputError
from mgcalc.nutrition.assessment import ReferenceUsed, exceeds, reaches, reference_for
from mgcalc.nutrition.intake import diet_notes
from mgcalc.nutrition.profile import Profile, ProfileSource
from mgcalc.result import Result
from mgcalc.text import mg

TargetKind = Literal["rda", "ear", "ai", "custom"]
# Whole units are counted with this slack, so 2.0000000001 units of need is 2.
_SLACK = 1e-9


class BadPlan(InputError):
    """The plan cannot be made from these options."""


class Plan(Result):
    """How much of one form to take, and what it gives."""

    id: str | int | None = None  # echoed from a request
    form: str
    name: str
    formula: str
    elemental_fraction: float
    target_mg: float
    target_kind: TargetKind
    diet_mg: float  # the diet's total, 0 when no diet is given
    diet: Diet | None  # its parts; None when no diet is given
    needed_mg: float
    ul_mg: float | None
    capped_by_ul: bool
    reaches_target: bool
    units: int | None
    unit_compound_mg: float | None
    unit_elemental_mg: float | None
    compound_mg: float
    supplemental_mg: float
    total_mg: float
    percent_of_target: float | None
    percent_of_ul: float | None
    doses: tuple[int, ...] | None
    profile: Profile
    profile_source: ProfileSource | None = None  # set when a saved profile was used
    reference: ReferenceUsed
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    interactions: tuple[InteractionMatch, ...] = Field(
        default=(), description="rows of the interactions table matched by --with names"
    )

    @property
    def above_ul(self) -> bool:
        """Return whether the planned supplemental magnesium is above the upper limit."""
        return self.ul_mg is not None and exceeds(self.supplemental_mg, self.ul_mg)


def plan(
    form: str,
    profile: Profile,
    *,
    unit: str | None = None,
    diet: Diet | str | None = None,
    target: str = "rda",
    doses: int | None = None,
    allow_above_ul: bool = False,
    id: str | int | None = None,
    with_medicines: Sequence[str] = (),
    kidney_impairment: bool = False,
) -> Plan:
    """Plan supplemental magnesium of *form* for *profile* (see the README's rules).

    A reference value is a total intake, so planning toward one needs *diet* (a string is
    one diet entry, as ``--diet`` takes it); an amount as target is planned as given.
    """
    if isinstance(diet, str):
        diet = make_diet(diet)
    _refuse_product(form)
    found = matches(with_medicines)
    chosen = resolve_form(form)
    if doses is not None and doses < 1:
        raise BadPlan(f"--doses must be at least 1, not {doses}")
    reference, notes = reference_for(profile)
    if not chosen.is_elemental:
        notes.insert(0, meaning(form, chosen))
    warnings: list[str] = []
    target_mg, kind = _target(target, reference, profile)
    if diet is None and kind != "custom":
        raise BadPlan(NEEDS_DIET.format(target=target.strip().lower()))
    diet_mg = 0.0 if diet is None else diet.mg
    if diet is None:
        notes.append("No diet given: the target is planned from supplements alone.")
    else:
        notes.extend(diet_notes(diet))
    needed = max(0.0, target_mg - diet_mg)
    cap = _cap(reference, allow_above_ul, needed, notes, warnings, profile, kidney_impairment)
    unit_elemental, unit_compound = _unit(unit, chosen)
    if unit_elemental is None:
        units = None
        supplemental = min(needed, cap)
    else:
        units = _count(needed, unit_elemental, cap)
        supplemental = units * unit_elemental
    capped = not reaches(supplemental, needed) and 0 < cap < math.inf
    total = diet_mg + supplemental
    if needed == 0:
        notes.append(
            f"The diet already reaches the target ({mg(target_mg)}): no supplement needed."
        )
    elif capped:
        notes.append(
            f"Capped by the upper limit of {mg(cap)} for supplements: the plan gives "
            f"{mg(total)} of the {mg(target_mg)} target."
        )
    if reference.ul_mg is not None and exceeds(supplemental, reference.ul_mg):
        warnings.append(
            f"This plan puts supplemental magnesium above the upper limit ({mg(reference.ul_mg)}): "
            "for medical supervision only. Its critical effect is diarrhoea; antacids and "
            "laxatives count toward it."
        )
    warnings.extend(_cautions(profile, supplemental, kidney_impairment, found))
    if profile.standard in ("eu", "dach") and supplemental > 0:
        notes.append("BfR advice: split supplemental magnesium into at least two doses a day.")
    split = _split(units, doses, notes, chosen, supplemental)
    return Plan(
        id=id,
        form=chosen.key,
        name=chosen.name,
        formula=chosen.formula,
        elemental_fraction=chosen.elemental_fraction,
        target_mg=target_mg,
        target_kind=kind,
        diet_mg=diet_mg,
        diet=diet,
        needed_mg=needed,
        ul_mg=reference.ul_mg,
        capped_by_ul=capped,
        reaches_target=reaches(total, target_mg),
        units=units,
        unit_compound_mg=unit_compound,
        unit_elemental_mg=unit_elemental,
        compound_mg=(
            units * unit_compound
            if units is not None and unit_compound is not None
            else _compound(supplemental, chosen)
        ),
        supplemental_mg=supplemental,
        total_mg=total,
        percent_of_target=100 * total / target_mg if target_mg else None,
        percent_of_ul=None if reference.ul_mg is None else 100 * supplemental / reference.ul_mg,
        doses=split,
        profile=profile,
        reference=reference,
        notes=tuple(notes),
        warnings=tuple(warnings),
        interactions=found,
    )


def _cautions(
    profile: Profile, supplemental: float, kidney: bool, found: tuple[InteractionMatch, ...]
) -> list[str]:
    """Return the age and kidney cautions for a planned supplement, and the interactions."""
    cautions = age_cautions(profile.age_months, profile.standard, supplemental)
    if kidney and supplemental > 0:
        cautions.append(KIDNEY)
    cautions.extend(warning(match) for match in found)
    return cautions


NEEDS_DIET = (
    "--target {target} is a total intake, food and supplements: give the diet "
    "(--diet 250mg, --food almonds=1oz, --diet 1.5L@20mg/L or --diet-file FILE), "
    "or --diet 0mg to plan the supplements alone"
)


def _refuse_product(form: str) -> None:
    """Refuse a product: the planner counts units of a form; say how to plan one."""
    product = find_product(form)
    if product is not None:
        per = "" if product.per_volume_ml is None else f" ({product.unit})"
        raise BadPlan(
            f"'{form}' is a product, declared per {product.unit}: plan it as its magnesium "
            f"per unit{per}: mgcalc plan elemental --unit "
            f"elemental={product.elemental_mg_per_unit:g}mg"
        )


def _target(text: str, reference: ReferenceUsed, profile: Profile) -> tuple[float, TargetKind]:
    name = text.strip().lower()
    if name in ("rda", "ear", "ai"):
        if not profile.is_personal:
            raise BadPlan(
                f"--target {name} needs a person: add --age (and --sex), or give an amount, "
                "e.g. --target 300mg"
            )
        values = {"rda": reference.rda_mg, "ear": reference.ear_mg, "ai": reference.ai_mg}
        if name == "rda" and values["rda"] is None and values["ai"] is not None:
            return values["ai"], "ai"
        value = values[name]
        if value is None:
            raise BadPlan(
                f"{reference.standard} sets no {name.upper()} for group '{reference.group}'; "
                "choose another --target or give an amount, e.g. --target 300mg"
            )
        return value, name  # type: ignore[return-value]  # one of the three names
    amount = parse_amount(text)
    if amount.kind == "volume":
        raise BadPlan(f"--target '{text}' is a volume; give magnesium, e.g. 300mg")
    return convert(amount).elemental_mg, "custom"


def _cap(
    reference: ReferenceUsed,
    allow_above_ul: bool,
    needed: float,
    notes: list[str],
    warnings: list[str],
    profile: Profile,
    kidney: bool = False,
) -> float:
    """Return the most supplemental magnesium the plan may hold."""
    if kidney and not allow_above_ul:
        if needed > 0:
            warnings.append(KIDNEY_NO_PLAN)
        return 0.0
    if allow_above_ul:
        if needed > 0:
            warnings.append(
                "--allow-above-ul: the upper limit is not applied. Plans above it are for "
                "medical supervision only."
            )
        return math.inf
    if reference.ul_mg is not None:
        return reference.ul_mg
    if needed > 0:
        why = (
            "no upper limit is established for this group"
            if reference.ul_status == "not_established"
            else "mgcalc's data sets no upper limit for this group"
        )
        elsewhere = _standards_with_ul(profile)
        hint = (
            f" (--standard {' or '.join(elsewhere)} sets one for this person)" if elsewhere else ""
        )
        notes.append(
            f"No supplement planned: {why}{hint}, so no safe amount can be given. "
            "A clinician can plan one with --allow-above-ul."
        )
    return 0.0


def _standards_with_ul(profile: Profile) -> list[str]:
    """Return the other standards that set an upper limit for this person."""
    found = []
    for standard in ("us", "eu"):
        if standard == profile.standard:
            continue
        try:
            other, _ = reference_for(profile.model_copy(update={"standard": standard}))
        except InputError:  # e.g. that standard needs --sex here
            continue
        if other.ul_mg is not None:
            found.append(standard)
    return found


def _unit(text: str | None, form: Form) -> tuple[float | None, float | None]:
    """Return (elemental mg, compound mg) in one unit of the product."""
    if text is None:
        return None, None
    unit_form, sep, amount_text = text.rpartition("=")
    if sep and unit_form.strip().lower() != "elemental":
        raise BadPlan(f"--unit '{text}': only elemental= may name what the amount is")
    amount = parse_amount(amount_text if sep else text)
    if amount.count != 1:
        raise BadPlan(f"--unit '{text}' is one tablet, capsule, scoop or mL; drop the count")
    if sep or form.is_elemental:
        if amount.kind == "volume":
            raise BadPlan(f"--unit '{text}': elemental= takes the magnesium per unit, e.g. 100mg")
        elemental = convert(amount).elemental_mg
        compound = None if form.is_elemental else elemental / form.elemental_fraction
    else:
        converted = convert(amount, form)
        elemental, compound = converted.elemental_mg, converted.compound_mg
    if elemental <= 0:
        raise BadPlan(f"--unit '{text}' holds no magnesium")
    return elemental, compound


def _count(needed: float, per_unit: float, cap: float) -> int:
    """Return the fewest units reaching *needed* within *cap*, else the most within *cap*."""
    reach = math.ceil(needed / per_unit - _SLACK) if needed > 0 else 0
    if not exceeds(reach * per_unit, cap):
        return reach
    most = math.floor(cap / per_unit + _SLACK)
    return most + 1 if not exceeds((most + 1) * per_unit, cap) else most


def _split(
    units: int | None, doses: int | None, notes: list[str], form: Form, supplemental: float
) -> tuple[int, ...] | None:
    if doses is None:
        return None
    if units is None:
        per = supplemental / doses
        compound = (
            "" if form.is_elemental else f" ({mg(per / form.elemental_fraction)} of compound)"
        )
        notes.append(f"Per dose: {mg(per)} of magnesium{compound}; give --unit for whole units.")
        return None
    base, extra = divmod(units, doses)
    if units and units < doses:
        notes.append(f"{units} unit(s) cannot fill {doses} doses: some doses are empty.")
    return tuple(base + (1 if index < extra else 0) for index in range(doses))


def _compound(elemental: float, form: Form) -> float:
    return elemental if form.is_elemental else elemental / form.elemental_fraction
