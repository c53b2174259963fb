"""mgcalc: an exact, sourced magnesium intake calculator, as a command and a library."""

from mgcalc.interfaces.api import convert, dose, forms, plan, reference, use_forms

__version__ = "0.1.0"
__all__ = ["__version__", "convert", "dose", "forms", "plan", "reference", "use_forms"]
