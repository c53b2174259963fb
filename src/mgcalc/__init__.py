"""mgcalc: an exact, sourced magnesium intake calculator, as a command and a library."""

import sys
import types

from mgcalc.errors import MgcalcError
from mgcalc.interfaces.api import (
    convert,
    diet,
    dose,
    factors,
    food,
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
    "MgcalcError", "__version__", "convert", "diet", "dose", "factors", "food", "forms",
    "interactions", "plan", "products", "reference", "serum", "use_forms", "use_products",
]  # fmt: skip


class _Package(types.ModuleType):
    """Keep ``mgcalc.diet`` the function when the subpackage of that name is imported."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "diet" and isinstance(value, types.ModuleType):
            return  # the import system binds a loaded subpackage here; sys.modules keeps it
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
