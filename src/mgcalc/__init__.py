"""mgcalc: an exact, sourced magnesium intake calculator."""

__version__ = "0.1.0"
