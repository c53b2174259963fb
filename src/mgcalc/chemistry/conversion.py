"""Convert one amount of one form to compound mass, elemental magnesium, mmol and mEq."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from mgcalc.chemistry import units
from mgcalc.chemistry.amounts import Amount, parse_duration
from mgcalc.chemistry.content import (
    BadUnit,
    GivenAs,
    content_of,
    nearest_count,
    parse,
    resolve,
    unit_content,
)
from mgcalc.chemistry.forms import Form, clears_with_forms
from mgcalc.chemistry.item import Item, item_fields
from mgcalc.clinical.matched import InteractionMatch
from mgcalc.result import ProfileSource, Result


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
    # What --with found (set by the interface: the conversion itself knows no medicines).
    warnings: tuple[str, ...] = Field(default=(), description="cautions: --with interactions")
    interactions: tuple[InteractionMatch, ...] = Field(
        default=(), description="rows of the interactions table matched by --with names"
    )
    unknown_with: tuple[str, ...] = Field(
        default=(),
        description="--with names not in mgcalc's interactions list (not evidence of safety)",
    )


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
    parsed = parse(amount, form)
    resolved = resolve(form)
    if halves and unit is None:
        raise BadUnit("--halves counts half units: give the unit too, e.g. --unit 400mg")
    found = content_of(parsed, resolved, form, elemental=elemental, weight=weight)
    return Conversion(
        **item_fields(found),
        fraction_basis=resolved.fraction_basis,
        count=found.amount.count,
        given_as=found.given_as,
        per_kg=None if found.per_kg is None else PerKg(**found.per_kg._asdict()),
        rate=None if over is None else _rate(over, found.volume_ml, found.elemental_mg, found.meq),
        by_unit=None if unit is None else _by_unit(unit, resolved, found.elemental_mg, halves),
        notes=found.notes,
        source=resolved.source,
    )


clears_with_forms(convert.cache_clear)


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
