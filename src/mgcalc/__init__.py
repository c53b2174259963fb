"""mgcalc: an exact, sourced magnesium intake calculator, as a command and a library."""

from mgcalc.errors import MgcalcError
from mgcalc.interfaces.api import (
    convert,
    diet,
    diet_report,
    dose,
    factors,
    food,
    food_top,
    forms,
    interactions,
    plan,
    products,
    reference,
    serum,
    use_forms,
    use_products,
)

__version__ = "0.1.0"
__all__ = [
    "MgcalcError", "__version__", "convert", "diet", "diet_report", "dose", "factors", "food",
    "food_top", "forms", "interactions", "plan", "products", "reference", "serum", "use_forms",
    "use_products",
]  # fmt: skip
