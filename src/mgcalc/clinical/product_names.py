"""Which item names are products, answered without the products table for a form's name.

No product may take a form's name (``clinical.products`` refuses one), so for the names of
forms, which most items use, neither the products table nor its row model is needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mgcalc.chemistry.forms import forms_table, normalize

if TYPE_CHECKING:
    from mgcalc.clinical.products import Product

_memos: list[Callable[[], None]] = []


def clears_with_products(clear: Callable[[], None]) -> None:
    """Register *clear*, called whenever the products in use change."""
    _memos.append(clear)


def clear_memos() -> None:
    """Clear every memo registered with :func:`clears_with_products`."""
    for clear in _memos:
        clear()


def find_product(name: str) -> Product | None:
    """Return the product called *name* (key or alias, any case), or None for a form."""
    if normalize(name) in forms_table().index:
        return None
    from mgcalc.clinical.products import find_product as find

    return find(name)


def resolve_item(name: str) -> Product | None:
    """Return the product *name* means, None for a form; unknown names get both hints."""
    if normalize(name) in forms_table().index:
        return None
    from mgcalc.clinical.products import resolve_item as resolve

    return resolve(name)
