"""Find the form a user names: a key, an alias, or ``formula:<formula>``."""

from __future__ import annotations

from mgcalc.chemistry.forms import FORMULA_PREFIX, Form, forms_table


def resolve_form(name: str) -> Form:
    """Return the form called *name*: a key, an alias, or ``formula:<formula>``."""
    if name.strip().lower().startswith(FORMULA_PREFIX):
        from mgcalc.chemistry.formula import formula_form  # molmass loads only when needed

        return formula_form(name.strip())
    return forms_table().get(name)
