"""The magnesium sulfate injection label's limits, as warnings (clinical.md, 2026-12-07)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgcalc.chemistry.forms import HEPTAHYDRATE

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mgcalc.chemistry.conversion import Conversion
    from mgcalc.chemistry.item import Item

__all__ = [
    "HEPTAHYDRATE", "LABEL", "MAX_INFUSION_PERCENT", "MAX_MG_PER_MIN", "RENAL_HOURS",
    "RENAL_MAX_G", "conversion_warnings", "dilution_warning", "heptahydrate_g", "iv_sulfate_g",
    "rate_warning", "renal_limit",
]  # fmt: skip
LABEL = "magnesium sulfate injection label, DailyMed"
# "should generally not exceed 150 mg/minute" (of MgSO4·7H2O).
MAX_MG_PER_MIN = 150.0
# The 50 % injection "must be diluted to a concentration of 20 % or less prior to
# intravenous infusion" (w/v, g of MgSO4·7H2O per 100 mL).
MAX_INFUSION_PERCENT = 20.0
# "In the presence of severe renal insufficiency, the maximum dosage of magnesium sulfate
# is 20 grams/48 hours".
RENAL_MAX_G, RENAL_HOURS = 20.0, 48
# Bounds are included; the slack only absorbs float rounding (4 g over 26.6667 min).
_SLACK = 1e-9


def rate_warning(mg_per_min: float) -> str | None:
    """Warn when an IV rate of MgSO4·7H2O is above the label's 150 mg/minute."""
    if mg_per_min <= MAX_MG_PER_MIN * (1 + _SLACK):
        return None
    return (
        f"{mg_per_min:.4g} mg/min of {HEPTAHYDRATE} is above the label's rate: it "
        f"'should generally not exceed {MAX_MG_PER_MIN:g} mg/minute' ({LABEL}). Higher rates "
        "are used under supervision (e.g. eclampsia loading of 4 g over 15–20 min)."
    )


def dilution_warning(percent: float) -> str | None:
    """Give the label's note for an infusion stronger than 20 % (the undiluted 50 %)."""
    if percent <= MAX_INFUSION_PERCENT * (1 + _SLACK):
        return None
    return (
        f"Infused at {percent:.3g} % w/v of {HEPTAHYDRATE}: the 50 % injection 'must be "
        f"diluted to a concentration of {MAX_INFUSION_PERCENT:g} % or less prior to "
        f"intravenous infusion' ({LABEL})."
    )


def renal_limit(heptahydrate_g: float) -> str:
    """Give the label's limit in severe renal insufficiency, and where this amount stands."""
    text = (
        f"Severe renal insufficiency: the label's maximum is {RENAL_MAX_G:g} g of magnesium "
        f"sulfate in {RENAL_HOURS} hours ('In the presence of severe renal insufficiency, the "
        f"maximum dosage of magnesium sulfate is {RENAL_MAX_G:g} grams/{RENAL_HOURS} hours', "
        f"{LABEL})."
    )
    if heptahydrate_g > RENAL_MAX_G * (1 + _SLACK):
        text += f" This amount alone, {heptahydrate_g:.4g} g of {HEPTAHYDRATE}, is above it."
    return text


def conversion_warnings(result: Conversion, kidney: bool) -> tuple[str, ...]:
    """Return the injection label's limits that a conversion meets, and the kidney caution.

    For an IV sulfate: a rate above 150 mg/min, an infusion above 20 %, and with *kidney*
    the limit in severe renal insufficiency; for any other form, the kidney caution.
    """
    heptahydrate_mg = result.heptahydrate_mg
    if heptahydrate_mg is None:
        if not kidney:
            return ()
        from mgcalc.clinical.cautions import KIDNEY

        return (KIDNEY,)
    found: list[str | None] = []
    rate = result.rate
    if rate is not None and rate.compound_mg_per_min is not None:
        found.append(rate_warning(rate.compound_mg_per_min))
        if result.volume_ml:
            found.append(dilution_warning(heptahydrate_mg / result.volume_ml / 10))
    if kidney:
        found.append(renal_limit(heptahydrate_mg / 1000))
    return tuple(text for text in found if text is not None)


def iv_sulfate_g(items: Sequence[Item]) -> float | None:
    """Return the MgSO4·7H2O, in g, of the items that are sulfate solutions; None if none is.

    A sulfate solution is a sulfate injection or premix, or a sulfate with a concentration:
    a sulfate item with a volume. Anhydrous amounts are converted to the heptahydrate.
    """
    solutions = [
        item for item in items
        if item.product is None and item.formula.startswith("MgSO4") and item.volume_ml
    ]  # fmt: skip
    if not solutions:
        return None
    return heptahydrate_g(sum(item.mmol for item in solutions))


def heptahydrate_g(mmol: float) -> float:
    """Return the g of MgSO4·7H2O that hold *mmol* of magnesium."""
    from mgcalc.chemistry.forms import forms_table

    salt = forms_table().get("sulfate")  # MgSO4·7H2O
    return mmol * salt.molar_mass_g_mol / salt.mg_atoms / 1000
