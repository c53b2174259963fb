"""Results of the forms lookups: every form, one in detail, or the factor table."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from mgcalc.chemistry import units
from mgcalc.chemistry.forms import Form, forms_table
from mgcalc.chemistry.resolve import resolve_form
from mgcalc.result import Result


class FormsListing(Result):
    """Every form mgcalc knows."""

    forms: tuple[Form, ...]


class FormDetail(FormsListing):
    """One form, shown with its source."""


def list_forms() -> FormsListing:
    """Return every form in the table, the elemental pseudo-form first."""
    return FormsListing(forms=forms_table().forms)


def show_form(name: str) -> FormDetail:
    """Return the form called *name* (a key, an alias or ``formula:…``)."""
    return FormDetail(forms=(resolve_form(name),))


class PerMl(BaseModel):
    """What one mL of a liquid form holds, and the mL that hold a dose."""

    model_config = ConfigDict(frozen=True)

    compound_mg: float
    elemental_mg: float
    mmol: float
    meq: float
    ml_per_meq: float
    ml_per_100mg: float = Field(description="mL holding 100 mg of magnesium")


class FormFactors(BaseModel):
    """A form's conversion factors, per gram of the compound and per mEq or 100 mg of Mg."""

    model_config = ConfigDict(frozen=True)

    key: str
    name: str
    formula: str
    elemental_mg_per_g: float
    mmol_per_g: float
    meq_per_g: float
    compound_mg_per_meq: float
    compound_mg_per_100mg: float = Field(description="mg of compound holding 100 mg of Mg")
    per_ml: PerMl | None = Field(description="for liquid forms; null for solids")
    custom: bool


class FactorsListing(Result):
    """The factor table (``forms --factors``): one row per form."""

    forms: tuple[FormFactors, ...]


def form_factors(name: str | None = None) -> FactorsListing:
    """Return the factors of every form, or of the one called *name*."""
    chosen = forms_table().forms if name is None else (resolve_form(name),)
    return FactorsListing(forms=tuple(_factors(form) for form in chosen))


def _factors(form: Form) -> FormFactors:
    fraction = form.elemental_fraction
    mg_per_mmol, meq_per_mmol = units.mg_per_mmol(), units.meq_per_mmol()
    elemental_per_g = 1000 * fraction
    mmol_per_g = elemental_per_g / mg_per_mmol
    compound_per_meq = mg_per_mmol / meq_per_mmol / fraction
    per_ml = None
    compound_per_ml = form.compound_mg_per_ml
    if compound_per_ml is not None:
        meq_per_ml = compound_per_ml / compound_per_meq
        per_ml = PerMl(
            compound_mg=compound_per_ml,
            elemental_mg=compound_per_ml * fraction,
            mmol=meq_per_ml / meq_per_mmol,
            meq=meq_per_ml,
            ml_per_meq=1 / meq_per_ml,
            ml_per_100mg=100 / (compound_per_ml * fraction),
        )
    return FormFactors(
        key=form.key,
        name=form.name,
        formula=form.formula,
        elemental_mg_per_g=elemental_per_g,
        mmol_per_g=mmol_per_g,
        meq_per_g=mmol_per_g * meq_per_mmol,
        compound_mg_per_meq=compound_per_meq,
        compound_mg_per_100mg=100 / fraction,
        per_ml=per_ml,
        custom=form.custom,
    )
