"""Convert one amount of one form to compound mass, elemental magnesium, mmol and mEq."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mgcalc.chemistry import units
from mgcalc.chemistry.amounts import (
    MAX_VALUE,
    MEASURES,
    Amount,
    Quantity,
    parse_amount,
    parse_duration,
    parse_weight,
)
from mgcalc.chemistry.forms import Form, chemical_note, clears_with_forms, forms_table
from mgcalc.chemistry.resolve import resolve_form
from mgcalc.errors import BadAmount, InputError
from mgcalc.result import ProfileSource, Result
from mgcalc.text import number

GivenAs = Literal["compound_mg", "elemental_mg", "mmol", "meq", "volume_ml", "count"]
# Counts of units are chosen with this slack, so 2.0000000001 units is 2.
_SLACK = 1e-9


class BadUnit(InputError):
    """A unit (one tablet, capsule or mL) cannot be read or holds no magnesium."""


class Mineral(BaseModel):
    """Another mineral a product's label declares (Slow-Mag: calcium 119 mg)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    mg: float = Field(gt=0, allow_inf_nan=False, description="mg per unit, as declared")


class ProductRef(BaseModel):
    """A product as its label declares it: magnesium per unit (or per volume), never a salt."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1, description="what one unit is: tablet, caplet, 15 mL …")
    per_volume_ml: float | None = Field(
        default=None, gt=0, allow_inf_nan=False,
        description="mL in one unit of a product declared per volume; null per tablet etc.",
    )  # fmt: skip
    elemental_mg_per_unit: float = Field(gt=0, allow_inf_nan=False)
    salt: str = Field(min_length=1, description="the key of the salt's form")
    other_minerals: tuple[Mineral, ...] = ()
    source: str = Field(min_length=1)
    evidence: Literal["primary", "secondary"]
    custom: bool = False


class Item(BaseModel):
    """One amount of one form, in every unit a pharmacist uses (a ``dose`` item)."""

    model_config = ConfigDict(frozen=True)

    input: str
    form: str | None
    name: str
    formula: str
    elemental_fraction: float | None = Field(
        description="mass of magnesium per mass of the form; null for a product read as declared"
    )
    read_as: Literal["compound", "magnesium", "declared"]
    compound_mg: float | None
    elemental_mg: float
    mmol: float
    meq: float
    volume_ml: float | None = Field(
        description="mL of the liquid: set for every amount of a liquid form (whatever unit it "
        "was given in) and for a volume typed with its concentration; null for solids"
    )
    custom: bool
    product: ProductRef | None = Field(
        default=None, description="the product, when the item is a product read as declared"
    )


class Delivered(BaseModel):
    """What a whole (or half) number of units delivers."""

    model_config = ConfigDict(frozen=True)

    elemental_mg: float
    mmol: float
    meq: float
    volume_ml: float | None


class ByUnit(BaseModel):
    """How many units of one size deliver the amount asked (``convert --unit``)."""

    model_config = ConfigDict(frozen=True)

    unit: str
    exact: float = Field(description="units that deliver exactly the amount asked")
    count: int | float = Field(
        description="the nearest whole number of units (a tie goes to the smaller), or the "
        "nearest half with halves"
    )
    halves: bool
    delivered: Delivered
    percent_of_asked: float | None


class PerKg(BaseModel):
    """An amount asked per kg of body weight, and the weight it was multiplied by."""

    model_config = ConfigDict(frozen=True)

    weight_kg: float
    per_kg: float
    unit: str = Field(description="the unit per kg as typed: mg/kg, mmol/kg, mEq/kg, mL/kg …")


class Rate(BaseModel):
    """The amount spread over a duration (``convert --over``)."""

    model_config = ConfigDict(frozen=True)

    duration_h: float
    ml_per_h: float | None
    mg_per_h: float = Field(description="mg of magnesium itself per hour")
    meq_per_h: float


class Conversion(Item, Result):
    """The ``convert`` result: an item, with how it was read and the source of its fraction."""

    id: str | int | None = None  # echoed from a request
    fraction_basis: str
    count: int | float = Field(
        description="how many units the amount counted (2x500mg); may be fractional: half "
        "units are written 0.5x400mg"
    )
    given_as: GivenAs = Field(description="the key that holds the amount as it was asked")
    per_kg: PerKg | None
    rate: Rate | None
    by_unit: ByUnit | None
    notes: tuple[str, ...]
    source: str
    profile_source: ProfileSource | None = None  # set when the saved profile's weight was used


# Conversions are pure and their inputs repeat (batches of the same products): memoised.
@lru_cache(maxsize=8192)
def convert(
    amount: str | Amount,
    form: str | Form | None = None,
    *,
    elemental: bool = False,
    unit: str | None = None,
    halves: bool = False,
    weight: str | float | None = None,
    over: str | None = None,
) -> Conversion:
    """Convert *amount* of *form* (elemental magnesium when no form is given).

    *elemental* reads a mass as magnesium itself; *unit* counts units of that size;
    *weight* scales a per-kg amount; *over* adds the rate over that duration.
    """
    parsed = _parse(amount, form)
    resolved = _resolve(form)
    if halves and unit is None:
        raise BadUnit("--halves counts half units: give the unit too, e.g. --unit 400mg")
    notes: list[str] = []
    if form is not None and not resolved.is_elemental:
        if isinstance(form, str):
            notes.extend(filter(None, [chemical_note(form, resolved)]))
        notes.append(meaning(form, resolved))
    if resolved.custom:
        notes.append(f"'{resolved.key}' is a row of your own forms file, not mgcalc's table.")
    per_kg = None
    if parsed.per_kg:
        if weight is None:
            raise BadAmount(
                f"amount '{parsed.text}' is per kg of body weight; give the weight, "
                "e.g. --weight 70kg"
            )
        weight_kg = parse_weight(weight)
        per_kg = PerKg(
            weight_kg=weight_kg,
            per_kg=parsed.count * parsed.quantity.number,
            unit=f"{parsed.quantity.unit}/kg",
        )
        parsed = parsed.for_weight(weight_kg)
        notes.append(f"{_ml(per_kg.per_kg)} {per_kg.unit} × {number(weight_kg)} kg of body weight.")
    if parsed.quantity.unit in MEASURES:
        notes.append(MEASURES[parsed.quantity.unit])
    elemental = _elemental(elemental, parsed, resolved, notes)
    volume_ml = None
    quantity = Quantity(parsed.total, parsed.kind)
    if parsed.kind == "volume":
        volume_ml = parsed.total
        quantity = _dissolved(parsed, resolved, notes)
    compound_mg, elemental_mg = _split(
        quantity, resolved, notes, parsed, given=form is not None, elemental=elemental
    )
    per_ml = resolved.compound_mg_per_ml
    if volume_ml is None and per_ml is not None and compound_mg is not None:
        volume_ml = compound_mg / per_ml
    mmol = elemental_mg / units.mg_per_mmol()
    meq = mmol * units.meq_per_mmol()
    return Conversion(
        input=parsed.text,
        form=None if form is None else resolved.key,
        name=resolved.name,
        formula=resolved.formula,
        elemental_fraction=resolved.elemental_fraction,
        fraction_basis=resolved.fraction_basis,
        read_as=(
            "compound"
            if compound_mg is not None and quantity.kind == "mass" and not elemental
            else "magnesium"
        ),
        count=parsed.count,
        given_as=_given_as(parsed, resolved, elemental),
        compound_mg=compound_mg,
        elemental_mg=elemental_mg,
        mmol=mmol,
        meq=meq,
        volume_ml=volume_ml,
        custom=resolved.custom,
        per_kg=per_kg,
        rate=None if over is None else _rate(over, volume_ml, elemental_mg, meq),
        by_unit=None if unit is None else _by_unit(unit, resolved, elemental_mg, halves),
        notes=tuple(notes),
        source=resolved.source,
    )


clears_with_forms(convert.cache_clear)


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


def _rate(over: str, volume_ml: float | None, elemental_mg: float, meq: float) -> Rate:
    hours = parse_duration(over)
    return Rate(
        duration_h=hours,
        ml_per_h=None if volume_ml is None else volume_ml / hours,
        mg_per_h=elemental_mg / hours,
        meq_per_h=meq / hours,
    )


def _by_unit(text: str, form: Form, asked_mg: float, halves: bool) -> ByUnit:
    elemental, _, volume = unit_content(text, form)
    exact = asked_mg / elemental
    count = nearest_count(exact, halves=halves)
    mmol = count * elemental / units.mg_per_mmol()
    return ByUnit(
        unit=text,
        exact=exact,
        count=count,
        halves=halves,
        delivered=Delivered(
            elemental_mg=count * elemental,
            mmol=mmol,
            meq=mmol * units.meq_per_mmol(),
            volume_ml=None if volume is None else count * volume,
        ),
        percent_of_asked=100 * count * elemental / asked_mg if asked_mg > 0 else None,
    )


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
        elemental = convert(amount).elemental_mg
        compound = None if form.is_elemental else elemental / form.elemental_fraction
        per_ml = form.compound_mg_per_ml
        volume = None if compound is None or per_ml is None else compound / per_ml
    else:
        converted = convert(amount, form)
        elemental, compound, volume = (
            converted.elemental_mg, converted.compound_mg, converted.volume_ml
        )  # fmt: skip
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


def _parse(amount: str | Amount, form: str | Form | None) -> Amount:
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


def _resolve(form: str | Form | None) -> Form:
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
        raise BadAmount(
            f"a volume needs a concentration: write e.g. {amount.text.strip()}@500mg/mL, "
            f"or use a liquid form such as milk-of-magnesia or sulfate-injection-50"
        )
    dissolved = amount.total * per_ml
    if dissolved > MAX_VALUE:  # the limit of '@…' amounts, for a custom liquid's own strength
        raise BadAmount(f"amount '{amount.text}' of {form.key} is implausibly large (over 10⁹ mg)")
    notes.append(f"{_ml(amount.total)} mL at {_liquid(form)} of {form.formula}.")
    return Quantity(dissolved, "mass")


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
