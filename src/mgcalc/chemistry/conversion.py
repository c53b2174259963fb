"""Convert one amount of one form to compound mass, elemental magnesium, mmol and mEq."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mgcalc.chemistry import units
from mgcalc.chemistry.amounts import Amount, Quantity, parse_amount
from mgcalc.chemistry.forms import Form, clears_with_forms, forms_table
from mgcalc.chemistry.resolve import resolve_form
from mgcalc.errors import BadAmount
from mgcalc.result import Result


class Item(BaseModel):
    """One amount of one form, in every unit a pharmacist uses (a ``dose`` item)."""

    model_config = ConfigDict(frozen=True)

    input: str
    form: str | None
    name: str
    formula: str
    elemental_fraction: float
    read_as: Literal["compound", "magnesium"]
    compound_mg: float | None
    elemental_mg: float
    mmol: float
    meq: float
    volume_ml: float | None
    custom: bool


class Conversion(Item, Result):
    """The ``convert`` result: an item, with how it was read and the source of its fraction."""

    fraction_basis: str
    count: int
    notes: tuple[str, ...]
    source: str


# Conversions are pure and their inputs repeat (batches of the same products): memoised.
@lru_cache(maxsize=8192)
def convert(amount: str | Amount, form: str | Form | None = None) -> Conversion:
    """Convert *amount* of *form* (elemental magnesium when no form is given)."""
    parsed = _parse(amount, form)
    resolved = _resolve(form)
    notes: list[str] = []
    if form is not None and not resolved.is_elemental:
        notes.append(meaning(form, resolved))
    if resolved.custom:
        notes.append(f"'{resolved.key}' is a row of your own forms file, not mgcalc's table.")
    volume_ml = None
    quantity = Quantity(parsed.total, parsed.kind)
    if parsed.kind == "volume":
        volume_ml = parsed.total
        quantity = _dissolved(parsed, resolved, notes)
    compound_mg, elemental_mg = _split(quantity, resolved, notes, parsed, given=form is not None)
    mmol = elemental_mg / units.mg_per_mmol()
    return Conversion(
        input=parsed.text,
        form=None if form is None else resolved.key,
        name=resolved.name,
        formula=resolved.formula,
        elemental_fraction=resolved.elemental_fraction,
        fraction_basis=resolved.fraction_basis,
        read_as="compound" if compound_mg is not None and quantity.kind == "mass" else "magnesium",
        count=parsed.count,
        compound_mg=compound_mg,
        elemental_mg=elemental_mg,
        mmol=mmol,
        meq=mmol * units.meq_per_mmol(),
        volume_ml=volume_ml,
        custom=resolved.custom,
        notes=tuple(notes),
        source=resolved.source,
    )


clears_with_forms(convert.cache_clear)


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
        return Quantity(amount.total * amount.concentration.value, amount.concentration.kind)
    if per_ml is None:
        raise BadAmount(
            f"a volume needs a concentration: write e.g. {amount.text.strip()}@500mg/mL, "
            f"or use a liquid form such as milk-of-magnesia or sulfate-injection-50"
        )
    notes.append(f"{_ml(amount.total)} mL at {_liquid(form)} of {form.formula}.")
    return Quantity(amount.total * per_ml, "mass")


def _split(
    quantity: Quantity, form: Form, notes: list[str], amount: Amount, *, given: bool
) -> tuple[float | None, float]:
    """Return (compound mg or None, elemental mg) for a mass or an amount of magnesium."""
    fraction = form.elemental_fraction
    if quantity.kind == "substance":
        elemental = quantity.value * units.mg_per_mmol()
        if form.is_elemental:
            return None, elemental
        notes.append("mmol and mEq count magnesium itself; the compound mass is what holds it.")
        return elemental / fraction, elemental
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
