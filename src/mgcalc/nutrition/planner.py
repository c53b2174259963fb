"""The dose planner: how much of a form reaches a target without passing the upper limit."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import math
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from mgcalc.chemistry import units as chemistry_units
from mgcalc.chemistry.amounts import parse_amount
from mgcalc.chemistry.content import content, meaning, nearest_count, unit_content
from mgcalc.chemistry.forms import Form
from mgcalc.chemistry.resolve import resolve_form
from mgcalc.clinical.cautions import KIDNEY, KIDNEY_NO_PLAN, age_cautions
from mgcalc.clinical.matched import (
    InteractionMatch,
    WithFound,
    found_with,
    is_injection,
    route_notes,
    with_notes,
)
from mgcalc.clinical.product_names import find_product
from mgcalc.dietary.assembly import Diet, diet_notes, make_diet
from mgcalc.errors import InputError
from mgcalc.nutrition.assessment import ReferenceUsed, exceeds, reaches, reference_for
from mgcalc.nutrition.profile import Profile
from mgcalc.result import ProfileSource, Result
from mgcalc.text import mg

TargetKind = Literal["rda", "ear", "ai", "custom"]
TargetUnit = Literal["mg", "mmol", "mEq"]
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
    target_unit: TargetUnit = Field(
        description="the unit the target was given in (mg for reference values)"
    )
    target_mmol: float
    target_meq: float
    diet_mg: float  # the diet's total, 0 when no diet is given
    diet: Diet | None  # its parts; None when no diet is given
    needed_mg: float
    ul_mg: float | None
    capped_by_ul: bool
    reaches_target: bool
    units: int | float | None = Field(
        description="units a day: whole, or whole and half with halves; null without a unit"
    )
    halves: bool
    unit_compound_mg: float | None
    unit_elemental_mg: float | None
    compound_mg: float
    supplemental_mg: float
    supplemental_mmol: float
    supplemental_meq: float
    total_mg: float
    percent_of_target: float | None
    percent_of_ul: float | None
    doses: tuple[int | float, ...] | None
    profile: Profile
    profile_source: ProfileSource | None = None  # set when a saved profile was used
    reference: ReferenceUsed
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    interactions: tuple[InteractionMatch, ...] = Field(
        default=(), description="rows of the interactions table matched by --with names"
    )
    unknown_with: tuple[str, ...] = Field(
        default=(),
        description="--with names not in mgcalc's interactions list (not evidence of safety)",
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
    halves: bool = False,
    id: str | int | None = None,
    with_medicines: Sequence[str] = (),
    kidney_impairment: bool = False,
    supervised: bool = False,
) -> Plan:
    """Plan supplemental magnesium of *form* for *profile* (see the README's rules).

    A reference value is a total intake, so planning toward one needs *diet* (a string is
    one diet entry, as ``--diet`` takes it); an amount as target is planned as given.
    With *kidney_impairment* nothing is planned unless *supervised*.
    """
    if isinstance(diet, str):
        diet = make_diet(diet)
    _refuse_product(form)
    chosen = resolve_form(form)
    injection = is_injection(chosen.key)  # the plan's one form: nothing by mouth if so
    found = found_with(with_medicines, injection=injection, oral=not injection)
    if doses is not None and doses < 1:
        raise BadPlan(f"--doses must be at least 1, not {doses}")
    reference, notes = reference_for(profile)
    notes.extend(route_notes(found))
    if not chosen.is_elemental:
        notes.insert(0, meaning(form, chosen))
    warnings: list[str] = []
    target_mg, kind, target_unit = _target(target, reference, profile)
    if diet is None and kind != "custom":
        raise BadPlan(NEEDS_DIET.format(target=target.strip().lower()))
    diet_mg = 0.0 if diet is None else diet.mg
    if diet is None:
        notes.append("No diet given: the target is planned from supplements alone.")
    else:
        notes.extend(diet_notes(diet))
    # The diet reaches the target as both are shown: nothing to plan (319.96 mg is 320 mg).
    needed = 0.0 if reaches(diet_mg, target_mg) else target_mg - diet_mg
    cap = _cap(
        reference, allow_above_ul, needed, notes, warnings, profile, kidney_impairment,
        supervised=supervised,
    )  # fmt: skip
    if halves and unit is None:
        raise BadPlan("--halves counts half units: give the unit too, e.g. --unit 400mg")
    unit_elemental, unit_compound = _unit(unit, chosen)
    units: int | float | None
    if unit_elemental is None:
        units = None
        supplemental = min(needed, cap)
        held = exceeds(needed, cap)
    else:
        units, held = _count(needed, unit_elemental, cap, nearest=kind == "custom", halves=halves)
        supplemental = units * unit_elemental
    capped = held and 0 < cap < math.inf
    total = diet_mg + supplemental
    outcome = _outcome(
        target_mg, total, cap, needed=needed, capped=capped, counted=units is not None,
        halves=halves,
    )  # fmt: skip
    if outcome is not None:
        notes.append(outcome)
    if reference.ul_mg is not None and exceeds(supplemental, reference.ul_mg):
        warnings.append(
            f"This plan puts supplemental magnesium above the upper limit ({mg(reference.ul_mg)}): "
            "for medical supervision only. Its critical effect is diarrhoea; antacids and "
            "laxatives count toward it."
        )
    warnings.extend(_cautions(profile, supplemental, kidney_impairment, found, chosen))
    if profile.standard in ("eu", "dach") and supplemental > 0:
        notes.append("BfR advice: split supplemental magnesium into at least two doses a day.")
    split = _split(units, doses, notes, chosen, supplemental, halves)
    mmol = supplemental / chemistry_units.mg_per_mmol()
    target_mmol = target_mg / chemistry_units.mg_per_mmol()
    meq_per_mmol = chemistry_units.meq_per_mmol()
    return Plan(
        id=id,
        form=chosen.key,
        name=chosen.name,
        formula=chosen.formula,
        elemental_fraction=chosen.elemental_fraction,
        target_mg=target_mg,
        target_kind=kind,
        target_unit=target_unit,
        target_mmol=target_mmol,
        target_meq=target_mmol * meq_per_mmol,
        diet_mg=diet_mg,
        diet=diet,
        needed_mg=needed,
        ul_mg=reference.ul_mg,
        capped_by_ul=capped,
        reaches_target=reaches(total, target_mg),
        units=units,
        halves=halves,
        unit_compound_mg=unit_compound,
        unit_elemental_mg=unit_elemental,
        compound_mg=(
            units * unit_compound
            if units is not None and unit_compound is not None
            else _compound(supplemental, chosen)
        ),
        supplemental_mg=supplemental,
        supplemental_mmol=mmol,
        supplemental_meq=mmol * meq_per_mmol,
        total_mg=total,
        percent_of_target=100 * total / target_mg if target_mg else None,
        percent_of_ul=None if reference.ul_mg is None else 100 * supplemental / reference.ul_mg,
        doses=split,
        profile=profile,
        reference=reference,
        notes=tuple(notes),
        warnings=tuple(warnings),
        interactions=found.matches,
        unknown_with=found.unknown,
    )


def _cautions(
    profile: Profile, supplemental: float, kidney: bool, found: WithFound, chosen: Form
) -> list[str]:
    """Return the age and kidney cautions for a planned supplement, and the interactions.

    A sulfate injection or premix (a sulfate form with its own concentration) adds the
    label's limit in severe renal insufficiency, as dose and convert do.
    """
    cautions = age_cautions(profile.age_months, profile.standard, supplemental)
    if kidney and supplemental > 0:
        if chosen.formula.startswith("MgSO4") and chosen.compound_mg_per_ml is not None:
            from mgcalc.clinical.injection import heptahydrate_g, renal_limit

            mmol = supplemental / chemistry_units.mg_per_mmol()
            cautions.append(renal_limit(heptahydrate_g(mmol)))
        cautions.append(KIDNEY)
    cautions.extend(with_notes(found))
    return cautions


def _outcome(
    target_mg: float,
    total: float,
    cap: float,
    *,
    needed: float,
    capped: bool,
    counted: bool,
    halves: bool,
) -> str | None:
    """Say when the plan falls short of its target, and why."""
    short = target_mg - total
    if needed == 0:
        return f"The diet already reaches the target ({mg(target_mg)}): no supplement needed."
    if capped and not reaches(total, target_mg):
        return (
            f"Capped by the upper limit of {mg(cap)} for supplements: the plan gives "
            f"{mg(total)} of the {mg(target_mg)} target, {mg(short)} below it."
        )
    if counted and not reaches(total, target_mg) and cap > 0:
        nearest = "half unit" if halves else "whole number of units"
        return (
            f"The nearest {nearest} gives {mg(total)}: {mg(short)} "
            f"({100 * short / target_mg:.1f} %) below the {mg(target_mg)} target."
        )
    return None


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


def _target(
    text: str, reference: ReferenceUsed, profile: Profile
) -> tuple[float, TargetKind, TargetUnit]:
    name = text.strip().lower()
    if name in ("rda", "ear", "ai"):
        if not profile.is_personal:
            raise BadPlan(
                f"--target {name} needs a person: add --age (and --sex), or give an amount, "
                "e.g. --target 300mg"
            )
        values = {"rda": reference.rda_mg, "ear": reference.ear_mg, "ai": reference.ai_mg}
        if name == "rda" and values["rda"] is None and values["ai"] is not None:
            return values["ai"], "ai", "mg"
        value = values[name]
        if value is None:
            raise BadPlan(
                f"{reference.standard} sets no {name.upper()} for group '{reference.group}'; "
                "choose another --target or give an amount, e.g. --target 300mg"
            )
        return value, name, "mg"  # type: ignore[return-value]  # one of the three names
    amount = parse_amount(text)
    if amount.kind == "volume":
        raise BadPlan(f"--target '{text}' is a volume; give magnesium, e.g. 300mg")
    unit: TargetUnit = "mg"
    if amount.kind == "substance":
        unit = "mEq" if amount.quantity.unit == "mEq" else "mmol"
    return content(amount).elemental_mg, "custom", unit


def _cap(
    reference: ReferenceUsed,
    allow_above_ul: bool,
    needed: float,
    notes: list[str],
    warnings: list[str],
    profile: Profile,
    kidney: bool = False,
    *,
    supervised: bool = False,
) -> float:
    """Return the most supplemental magnesium the plan may hold.

    With kidney impairment (*kidney*) nothing is planned, unless *supervised*.
    """
    if kidney:
        from mgcalc.clinical.cautions import KIDNEY_SOURCE, KIDNEY_SUPERVISED

        notes.append(KIDNEY_SOURCE)
        if not supervised:
            if needed > 0:
                warnings.append(KIDNEY_NO_PLAN)
            return 0.0
        if needed > 0:
            notes.append(KIDNEY_SUPERVISED)
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
    elemental, compound, _ = unit_content(text, form)
    return elemental, compound


def _count(
    needed: float, per_unit: float, cap: float, *, nearest: bool, halves: bool
) -> tuple[int | float, bool]:
    """Return the count of units, and whether the cap held it down.

    An explicit target (a dose) takes the count nearest to it; a reference value (a floor)
    the fewest units reaching it. Either way no more than *cap* allows.
    """
    if needed <= 0:
        return 0, False
    step = 0.5 if halves else 1.0
    if nearest:
        wanted = float(nearest_count(needed / per_unit, halves=halves))
    else:
        wanted = math.ceil(needed / per_unit / step - _SLACK) * step
    if not exceeds(wanted * per_unit, cap):
        return _whole(wanted), False
    most = math.floor(cap / per_unit / step + _SLACK) * step
    if not exceeds((most + step) * per_unit, cap):  # at the limit as shown is within it
        most += step
    return _whole(most), True


def _whole(count: float) -> int | float:
    return int(count) if count.is_integer() else count


def _split(
    units: int | float | None,
    doses: int | None,
    notes: list[str],
    form: Form,
    supplemental: float,
    halves: bool,
) -> tuple[int | float, ...] | None:
    if doses is None:
        return None
    if units is None:
        per = supplemental / doses
        compound = (
            "" if form.is_elemental else f" ({mg(per / form.elemental_fraction)} of compound)"
        )
        notes.append(f"Per dose: {mg(per)} of magnesium{compound}; give --unit for whole units.")
        return None
    step = 0.5 if halves else 1.0
    pieces = round(units / step)
    base, extra = divmod(pieces, doses)
    if pieces and pieces < doses:
        shown = f"{units:g} unit" + ("" if units == 1 else "s")
        notes.append(
            f"{shown} cannot be split into {doses} doses: some doses are empty; take fewer doses."
        )
    return tuple(_whole((base + (1 if index < extra else 0)) * step) for index in range(doses))


def _compound(elemental: float, form: Form) -> float:
    return elemental if form.is_elemental else elemental / form.elemental_fraction
