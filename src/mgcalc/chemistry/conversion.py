"""Convert one amount of one form to compound mass, elemental magnesium, mmol and mEq."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from mgcalc.chemistry import units
from mgcalc.chemistry.amounts import Amount, duration_text, parse_duration
from mgcalc.chemistry.content import (
    BadUnit,
    Content,
    GivenAs,
    content_of,
    nearest_count,
    parse,
    resolve,
    unit_content,
)
from mgcalc.chemistry.forms import HEPTAHYDRATE, Form, clears_with_forms
from mgcalc.chemistry.item import Item, item_fields
from mgcalc.interaction_match import InteractionMatch
from mgcalc.result import ProfileSource, Result
from mgcalc.text import number


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

    duration: str = Field(description="the duration as given: 20 min, 4 h")
    duration_h: float
    ml_per_h: float | None
    mg_per_h: float = Field(description="mg of magnesium itself per hour")
    meq_per_h: float
    compound_g_per_h: float | None = Field(
        default=None,
        description="g of MgSO4·7H2O per hour, as orders and the label write IV rates: for "
        "the sulfate injections and premixes, and a sulfate given with a concentration "
        "(anhydrous amounts converted to the heptahydrate); else null",
    )
    compound_mg_per_min: float | None = Field(
        default=None, description="mg of MgSO4·7H2O per minute, when compound_g_per_h is set"
    )


class Max(BaseModel):
    """A per-kg amount held to ``convert --max``."""

    model_config = ConfigDict(frozen=True)

    input: str = Field(description="the maximum as given: 2g, 40mEq")
    limit: float = Field(description="the maximum, in its own unit")
    unit: str = Field(description="the maximum's unit: mg, g, mmol, mEq, mL …")
    asked: float = Field(description="the per-kg amount times the weight, in that unit")
    capped: bool = Field(description="whether the amount was held to the maximum")


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
    # Set by the interface (clinical.injection): the arithmetic itself gives no advice.
    warnings: tuple[str, ...] = Field(
        default=(),
        description="the injection label's limits: a rate above 150 mg/min, an infusion "
        "above 20 %, severe renal insufficiency; the kidney caution; --with interactions",
    )
    max: Max | None = Field(default=None, description="the cap of --max, if given")
    source: str
    profile_source: ProfileSource | None = None  # set when the saved profile's weight was used
    # What --with found (set by the interface: the conversion itself knows no medicines).
    interactions: tuple[InteractionMatch, ...] = Field(
        default=(), description="rows of the interactions table matched by --with names"
    )
    unknown_with: tuple[str, ...] = Field(
        default=(),
        description="--with names not in mgcalc's interactions list (not evidence of safety)",
    )
    # Not a field (neither in the JSON nor in the schema): what the label's limits are read on.
    _heptahydrate_mg: float | None = PrivateAttr(default=None)

    @property
    def heptahydrate_mg(self) -> float | None:
        """Return the amount as mg of MgSO4·7H2O for an IV sulfate, else None."""
        return self._heptahydrate_mg


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
    maximum: str | None = None,
) -> Conversion:
    """Convert *amount* of *form* (elemental magnesium when no form is given).

    *elemental* reads a mass as magnesium itself; *unit* counts units of that size;
    *weight* scales a per-kg amount, *maximum* caps it; *over* adds the rate over that
    duration. The injection label's limits and the cautions are the clinical layer's
    (``clinical.injection.conversion_warnings``).
    """
    parsed = parse(amount, form)
    resolved = resolve(form)
    if halves and unit is None:
        raise BadUnit("--halves counts half units: give the unit too, e.g. --unit 400mg")
    found = content_of(parsed, resolved, form, elemental=elemental, weight=weight, maximum=maximum)
    heptahydrate_mg = _heptahydrate_mg(resolved, parsed, found)
    rate = None if over is None else _rate(over, found, heptahydrate_mg)
    result = Conversion(
        **item_fields(found),
        fraction_basis=resolved.fraction_basis,
        count=found.amount.count,
        given_as=found.given_as,
        per_kg=None if found.per_kg is None else PerKg(**found.per_kg._asdict()),
        rate=rate,
        by_unit=None if unit is None else _by_unit(unit, resolved, found.elemental_mg, halves),
        notes=_salt_note(resolved, heptahydrate_mg, found.notes, rate),
        max=None if found.cap is None else Max(**found.cap._asdict()),
        source=resolved.source,
    )
    result._heptahydrate_mg = heptahydrate_mg
    return result


clears_with_forms(convert.cache_clear)


def _heptahydrate_mg(form: Form, amount: Amount, found: Content) -> float | None:
    """Return the amount as mg of MgSO4·7H2O for an IV sulfate, else None.

    An IV sulfate is a sulfate injection or premix (a sulfate form with its own
    concentration), or a sulfate given with a concentration (``1g@20g/500mL``).
    """
    if not form.formula.startswith("MgSO4"):
        return None
    if form.compound_mg_per_ml is None and amount.concentration is None:
        return None
    if form.formula == HEPTAHYDRATE and found.compound_mg is not None:
        return found.compound_mg
    from mgcalc.chemistry.forms import forms_table

    salt = forms_table().get("sulfate")  # MgSO4·7H2O, the salt the label's rates are in
    return found.mmol * salt.molar_mass_g_mol / salt.mg_atoms


def _salt_note(
    form: Form, heptahydrate_mg: float | None, notes: tuple[str, ...], rate: Rate | None
) -> tuple[str, ...]:
    if heptahydrate_mg is None or rate is None or form.formula == HEPTAHYDRATE:
        return notes
    return (
        *notes,
        f"The rate in the salt is of {HEPTAHYDRATE}, as the injection label writes it: "
        f"{number(heptahydrate_mg / 1000)} g of it holds the same magnesium as this "
        f"{form.formula}.",
    )


def _rate(over: str, found: Content, heptahydrate_mg: float | None) -> Rate:
    hours = parse_duration(over)
    return Rate(
        duration=duration_text(over),
        duration_h=hours,
        ml_per_h=None if found.volume_ml is None else found.volume_ml / hours,
        mg_per_h=found.elemental_mg / hours,
        meq_per_h=found.meq / hours,
        compound_g_per_h=None if heptahydrate_mg is None else heptahydrate_mg / 1000 / hours,
        compound_mg_per_min=None if heptahydrate_mg is None else heptahydrate_mg / 60 / hours,
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
