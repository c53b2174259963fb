"""Results of the forms lookups: every form, or one in detail."""

from __future__ import annotations

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
