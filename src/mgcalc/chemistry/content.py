"""The magnesium in an amount of a form: the arithmetic of ``convert``, without its models.

``dose`` items, diets and plans need only these numbers and notes; building the
``convert`` result's models too would cost them about 10 ms of every start.
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import math
from dataclasses import replace
from functools import lru_cache
from typing import Literal, NamedTuple

from mgcalc.chemistry import units
from mgcalc.chemistry.amounts import (
    MAX_VALUE,
    MEASURES,
    Amount,
    Quantity,
    parse_amount,
    parse_weight,
)
from mgcalc.chemistry.forms import Form, chemical_note, clears_with_forms, forms_table
from mgcalc.chemistry.resolve import resolve_form
from mgcalc.errors import BadAmount, InputError
from mgcalc.text import number

GivenAs = Literal["compound_mg", "elemental_mg", "mmol", "meq", "volume_ml", "count"]
# Counts of units are chosen with this slack, so 2.0000000001 units is 2.
_SLACK = 1e-9


class BadUnit(InputError):
    """A unit (one tablet, capsule or mL) cannot be read or holds no magnesium."""


class PerKgAmount(NamedTuple):
    """An amount asked per kg of body weight, and the weight it was multiplied by."""

    weight_kg: float
    per_kg: float
    unit: str


class Cap(NamedTuple):
    """A per-kg amount held to ``--max``: the limit as typed, and what was asked, in its unit."""

    input: str
    limit: float
    unit: str
    asked: float
    capped: bool


class Content(NamedTuple):
    """An amount of a form as compound, magnesium, mmol, mEq and mL, with how it was read."""

    amount: Amount  # a per-kg amount already multiplied by the weight
    form: Form
    named: bool  # whether a form was named (else the amount is magnesium itself)
    read_as: Literal["compound", "magnesium"]
    given_as: GivenAs
    compound_mg: float | None
    elemental_mg: float
    mmol: float
    meq: float
    volume_ml: float | None
    per_kg: PerKgAmount | None
    notes: tuple[str, ...]
    cap: Cap | None = None


# Pure, and their inputs repeat (batches of the same products): memoised.
@lru_cache(maxsize=8192)
def content(amount: str | Amount, form: str | Form | None = None) -> Content:
    """Return the magnesium in *amount* of *form* (magnesium itself when no form is given)."""
    return content_of(parse(amount, form), resolve(form), form)


clears_with_forms(content.cache_clear)


def content_of(
    amount: Amount,
    form: Form,
    named: str | Form | None,
    *,
    elemental: bool = False,
    weight: str | float | None = None,
    maximum: str | None = None,
) -> Content:
    """Return the magnesium in *amount* of *form*, which the user *named* (None: none named).

    *elemental* reads a mass as magnesium itself; *weight* scales a per-kg amount, which
    *maximum* (an amount of the same kind) caps.
    """
    notes: list[str] = []
    if named is not None and not form.is_elemental:
        if isinstance(named, str):
            notes.extend(filter(None, [chemical_note(named, form)]))
        notes.append(meaning(named, form))
    if form.custom:
        notes.append(f"'{form.key}' is a row of your own forms file, not mgcalc's table.")
    per_kg = None
    if amount.per_kg:
        if weight is None:
            raise BadAmount(
                f"amount '{amount.text}' is per kg of body weight; give the weight, "
                "e.g. --weight 70kg"
            )
        weight_kg = parse_weight(weight)
        per_kg = PerKgAmount(
            weight_kg=weight_kg,
            per_kg=amount.count * amount.quantity.number,
            unit=f"{amount.quantity.unit}/kg",
        )
        amount = amount.for_weight(weight_kg)
        notes.append(f"{_ml(per_kg.per_kg)} {per_kg.unit} × {number(weight_kg)} kg of body weight.")
    cap = None
    if maximum is not None:
        if per_kg is None:
            raise BadAmount(
                f"--max caps a per-kg amount (e.g. 50mg/kg); '{amount.text}' is not per kg"
            )
        amount, cap = _capped(amount, maximum, notes)
    if amount.quantity.unit in MEASURES:
        notes.append(MEASURES[amount.quantity.unit])
    elemental = _elemental(elemental, amount, form, notes)
    volume_ml = None
    quantity = Quantity(amount.total, amount.kind)
    if amount.kind == "volume":
        volume_ml = amount.total
        quantity = _dissolved(amount, form, notes)
    compound_mg, elemental_mg = _split(
        quantity, form, notes, amount, given=named is not None, elemental=elemental
    )
    per_ml = form.compound_mg_per_ml
    mmol = elemental_mg / units.mg_per_mmol()
    if amount.kind != "volume" and amount.concentration is not None:
        held = elemental_mg if elemental or compound_mg is None else compound_mg
        volume_ml = _bag_volume(amount, form, held, mmol, notes)
    elif volume_ml is None and per_ml is not None and compound_mg is not None:
        volume_ml = compound_mg / per_ml
    return Content(
        amount=amount,
        form=form,
        named=named is not None,
        read_as=(
            "compound"
            if compound_mg is not None and quantity.kind == "mass" and not elemental
            else "magnesium"
        ),
        given_as=_given_as(amount, form, elemental),
        compound_mg=compound_mg,
        elemental_mg=elemental_mg,
        mmol=mmol,
        meq=mmol * units.meq_per_mmol(),
        volume_ml=volume_ml,
        per_kg=per_kg,
        notes=tuple(notes),
        cap=cap,
    )


def _capped(amount: Amount, maximum: str, notes: list[str]) -> tuple[Amount, Cap]:
    """Hold a per-kg amount (already multiplied by the weight) to *maximum*, saying so."""
    limit = parse_amount(maximum)
    kinds = {"mass": "a mass", "substance": "mmol or mEq", "volume": "a volume"}
    if limit.count != 1 or limit.per_kg or limit.concentration is not None:
        raise BadAmount(f"--max '{maximum}' is one amount, such as 2g, 40mEq or 100mL")
    if limit.kind != amount.kind:
        raise BadAmount(
            f"--max '{maximum}' is {kinds[limit.kind]}, but '{amount.text}' is "
            f"{kinds[amount.kind]}: give the maximum in the amount's kind"
        )
    if limit.total <= 0:
        raise BadAmount(f"--max '{maximum}' must be more than zero")
    per_unit = limit.quantity.value / limit.quantity.number  # base units in one typed unit
    asked = amount.total / per_unit
    capped = amount.total > limit.total * (1 + _SLACK)
    shown = f"{_ml(limit.quantity.number)} {limit.quantity.unit}"
    if capped:
        notes.append(
            f"Capped at --max {shown}: the per-kg amount comes to {asked:.4g} "
            f"{limit.quantity.unit}."
        )
        value = limit.total / amount.count
        amount = replace(amount, quantity=amount.quantity._replace(value=value))
    else:
        notes.append(
            f"--max {shown}: the per-kg amount ({asked:.4g} {limit.quantity.unit}) is within it."
        )
    return amount, Cap(
        input=maximum.strip(), limit=limit.quantity.number, unit=limit.quantity.unit,
        asked=asked, capped=capped,
    )  # fmt: skip


def _elemental(asked: bool, amount: Amount, form: Form, notes: list[str]) -> bool:
    """Return whether a mass is to be read as magnesium itself, saying when that is moot."""
    if not asked:
        return False
    if amount.percent is not None:
        raise BadAmount(
            f"'{amount.text}': a percent (w/v) is grams of the compound per 100 mL, "
            "so --elemental does not apply"
        )
    if form.is_elemental:
        notes.append("--elemental changes nothing: the amount is magnesium itself already.")
        return False
    if amount.kind == "substance":
        notes.append("--elemental changes nothing: mmol and mEq count magnesium itself.")
        return False
    if amount.kind == "volume" and amount.concentration is None:
        notes.append(f"--elemental changes nothing: a volume of {form.key} is of the solution.")
        return False
    notes.append(
        "--elemental: the mass is magnesium itself; the compound mass is what delivers it."
    )
    return True


def _given_as(amount: Amount, form: Form, elemental: bool) -> GivenAs:
    if amount.kind == "volume":
        return "volume_ml"
    if amount.kind == "substance":
        return "meq" if amount.quantity.unit == "mEq" else "mmol"
    return "elemental_mg" if elemental or form.is_elemental else "compound_mg"


def unit_content(text: str, form: Form) -> tuple[float, float | None, float | None]:
    """Return (elemental mg, compound mg, mL) in one unit: 400mg, 5mL or elemental=84mg."""
    unit_form, sep, amount_text = text.rpartition("=")
    if sep and unit_form.strip().lower() != "elemental":
        raise BadUnit(f"--unit '{text}': only elemental= may name what the amount is")
    amount = parse_amount(amount_text if sep else text)
    if amount.count != 1:
        raise BadUnit(f"--unit '{text}' is one tablet, capsule, scoop or mL; drop the count")
    if sep or form.is_elemental:
        if amount.kind == "volume":
            raise BadUnit(f"--unit '{text}': elemental= takes the magnesium per unit, e.g. 100mg")
        elemental = content(amount).elemental_mg
        compound = None if form.is_elemental else elemental / form.elemental_fraction
        per_ml = form.compound_mg_per_ml
        volume = None if compound is None or per_ml is None else compound / per_ml
    else:
        found = content(amount, form)
        elemental, compound, volume = found.elemental_mg, found.compound_mg, found.volume_ml
    if elemental <= 0:
        raise BadUnit(f"--unit '{text}' holds no magnesium")
    return elemental, compound, volume


def nearest_count(exact: float, *, halves: bool = False) -> int | float:
    """Return the whole (or half) number nearest to *exact*; a tie goes to the smaller."""
    step = 0.5 if halves else 1.0
    steps = exact / step
    lower = math.floor(steps + _SLACK)
    if steps - lower > 0.5 + _SLACK:
        lower += 1
    return _count_value(lower * step)


def _count_value(count: float) -> int | float:
    return int(count) if float(count).is_integer() else count


def parse(amount: str | Amount, form: str | Form | None) -> Amount:
    """Parse *amount*, saying so when the form and the amount were swapped."""
    if not isinstance(amount, str):
        return amount
    try:
        return parse_amount(amount)
    except BadAmount:
        if isinstance(form, str) and _is_amount(form):
            raise BadAmount(
                f"'{amount}' is not an amount; the amount comes first: {form} {amount}"
            ) from None
        raise


def _is_amount(text: str) -> bool:
    try:
        parse_amount(text)
    except BadAmount:
        return False
    return True


def resolve(form: str | Form | None) -> Form:
    """Return the form named (magnesium itself when none is)."""
    if form is None:
        return forms_table().get("elemental")
    if isinstance(form, Form):
        return form
    return resolve_form(form)


def meaning(typed: str | Form, form: Form) -> str:
    """Say which compound a typed name was read as, with its fraction and note."""
    name = typed if isinstance(typed, str) else typed.key
    text = (
        f"'{name}' read as {form.name}, {form.formula}: "
        f"{form.elemental_fraction * 100:.2f} % magnesium ({_basis(form)})."
    )
    return f"{text} {form.note}" if form.note else text


def _basis(form: Form) -> str:
    if form.fraction_basis == "declared":
        return "declared by the maker"
    return "from the formula"


def _dissolved(amount: Amount, form: Form, notes: list[str]) -> Quantity:
    """Turn a volume into the mass or mmol it holds."""
    per_ml = form.compound_mg_per_ml
    if amount.concentration is not None:
        if per_ml is not None:
            raise BadAmount(
                f"form '{form.key}' has its own concentration ({_liquid(form)}); "
                f"drop '@…' or give the compound's form with your concentration"
            )
        if amount.percent is not None:
            if form.is_elemental:
                raise BadAmount(
                    f"'{amount.text}': a percent (w/v) is grams of a compound per 100 mL; "
                    f"name the compound's form, e.g. {amount.text.strip()} sulfate"
                )
            notes.append(
                f"{_ml(amount.percent)} % w/v: {_ml(amount.percent)} g of {form.formula} per "
                f"100 mL ({_ml(amount.concentration.value)} mg/mL)."
            )
        return Quantity(amount.total * amount.concentration.value, amount.concentration.kind)
    if per_ml is None:
        # Epsom salt is spooned as a powder: its laxative label declares magnesium per teaspoon.
        epsom = " (Epsom salt by the spoon, as labelled: epsom-laxative)" * (form.key == "sulfate")
        raise BadAmount(
            f"a volume needs a concentration: write e.g. {amount.text.strip()}@500mg/mL, "
            f"or use a liquid form such as milk-of-magnesia or sulfate-injection-50{epsom}"
        )
    dissolved = amount.total * per_ml
    if dissolved > MAX_VALUE:  # the limit of '@…' amounts, for a custom liquid's own strength
        raise BadAmount(f"amount '{amount.text}' of {form.key} is implausibly large (over 10⁹ mg)")
    notes.append(f"{_ml(amount.total)} mL at {_liquid(form)} of {form.formula}.")
    return Quantity(dissolved, "mass")


def _bag_volume(amount: Amount, form: Form, held_mg: float, mmol: float, notes: list[str]) -> float:
    """Return the volume of a concentration that holds a mass, mmol or mEq (a bag by mass)."""
    per_ml = amount.concentration
    assert per_ml is not None
    if form.compound_mg_per_ml is not None:
        raise BadAmount(
            f"form '{form.key}' has its own concentration ({_liquid(form)}); "
            f"drop '@…' or give the compound's form with your concentration"
        )
    if amount.percent is not None and form.is_elemental:
        raise BadAmount(
            f"'{amount.text}': a percent (w/v) is grams of a compound per 100 mL; "
            f"name the compound's form, e.g. {amount.text.strip()} sulfate"
        )
    volume = (held_mg if per_ml.kind == "mass" else mmol) / per_ml.value
    if volume > MAX_VALUE:
        raise BadAmount(f"amount '{amount.text}' is implausibly large (over 10⁹ mL)")
    strength = f"{_ml(amount.percent)} % w/v" if amount.percent is not None else _per_ml(per_ml)
    notes.append(f"At {strength}, the amount is in {number(volume)} mL.")
    return volume


def _per_ml(per_ml: Quantity) -> str:
    if per_ml.kind == "mass":
        return f"{per_ml.value:.4g} mg/mL"
    return f"{per_ml.value * units.meq_per_mmol():.4g} mEq/mL"


def _split(
    quantity: Quantity,
    form: Form,
    notes: list[str],
    amount: Amount,
    *,
    given: bool,
    elemental: bool = False,
) -> tuple[float | None, float]:
    """Return (compound mg or None, elemental mg) for a mass or an amount of magnesium."""
    fraction = form.elemental_fraction
    if elemental and quantity.kind == "mass":
        return quantity.value / fraction, quantity.value
    if quantity.kind == "substance":
        magnesium = quantity.value * units.mg_per_mmol()
        if form.is_elemental:
            return None, magnesium
        notes.append("mmol and mEq count magnesium itself; the compound mass is what holds it.")
        return magnesium / fraction, magnesium
    if form.is_elemental:
        if not given and amount.kind == "mass":
            notes.append(
                "No form given: the mass was read as elemental magnesium. "
                "Name a form (e.g. oxide) to read it as a salt's weight."
            )
        return None, quantity.value
    if amount.kind == "mass":
        notes.append(
            "The mass was read as the compound's weight (as on an ingredient list); for a "
            "label's 'Magnesium (as …)' figure use the form elemental."
        )
    return quantity.value, quantity.value * fraction


def _liquid(form: Form) -> str:
    compound, volume = form.liquid_compound_mg, form.liquid_volume_ml
    per = "mL" if volume == 1 else f"{_ml(volume or 0)} mL"
    return f"{_ml(compound or 0)} mg per {per}"


def _ml(value: float) -> str:
    return f"{value:g}"
