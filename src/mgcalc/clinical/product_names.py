"""Which item names are products, answered without the products table for a form's name.

No product may take a form's name (``clinical.products`` refuses one), so for the names of
forms, which most items use, neither the products table nor its row model is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Literal

from mgcalc.chemistry.forms import forms_table, normalize

if TYPE_CHECKING:
    from mgcalc.clinical.products import Product

_memos: list[Callable[[], None]] = []

# A salt's name that, with an amount only a product's label answers, means that product:
# Epsom salt is measured by the spoon (its label declares magnesium per level teaspoon) and
# Mag-Ox counted in tablets. A mass of either stays the salt's weight.
SALT_NAME_PRODUCTS: dict[str, tuple[Literal["volume", "count"], str]] = {
    "epsom": ("volume", "epsom-laxative"),
    "epsom-salt": ("volume", "epsom-laxative"),
    "epsom-salts": ("volume", "epsom-laxative"),
    "mag-ox": ("count", "mag-ox-400"),
}
_COUNT = re.compile(r"\s*[0-9]+\s*")


def clears_with_products(clear: Callable[[], None]) -> None:
    """Register *clear*, called whenever the products in use change."""
    _memos.append(clear)


def clear_memos() -> None:
    """Clear every memo registered with :func:`clears_with_products`."""
    for clear in _memos:
        clear()


def find_product(name: str) -> Product | None:
    """Return the product called *name* (key or alias, any case), or None for a form.

    A name written without its hyphens (``magox400`` for ``mag-ox-400``) finds the product
    too, when only one product's key or alias squeezes to it.
    """
    if normalize(name) in forms_table().index:
        return None
    from mgcalc.clinical.products import find_product as find

    return find(name) or _squeezed().get(_squeeze(name))


def resolve_item(name: str) -> Product | None:
    """Return the product *name* means, None for a form; unknown names get both hints."""
    if normalize(name) in forms_table().index:
        return None
    squeezed = _squeezed().get(_squeeze(name))
    if squeezed is not None:
        return squeezed
    from mgcalc.clinical.products import resolve_item as resolve

    return resolve(name)


def is_product_name(words: str) -> bool:
    """Return whether *words* name a product: ``magox 400``, ``mag-ox 400`` (Mag-Ox 400).

    The phrase reader asks this when the words after a count hold a number, so that a
    product whose name has a number in it is not taken for a second amount.
    """
    return bool(words.strip()) and find_product(words) is not None


def _squeeze(name: str) -> str:
    return re.sub(r"-+", "", normalize(name))


@cache
def _squeezed() -> dict[str, Product]:
    """Return the products by key and alias without hyphens; a name two products share is left
    out (it stays ambiguous: the exact name is needed)."""
    from mgcalc.clinical.products import products_table

    found: dict[str, Product | None] = {}
    for name, product in products_table().index.items():
        squeezed = _squeeze(name)
        if squeezed not in found:
            found[squeezed] = product
        elif (other := found[squeezed]) is not None and other.key != product.key:
            found[squeezed] = None
    return {name: p for name, p in found.items() if p is not None}


clears_with_products(_squeezed.cache_clear)


def product_by_amount(name: str, amount: str) -> Product | None:
    """Return the product a salt's name means with *amount* (epsom=1tsp, mag-ox=1), or None."""
    found = SALT_NAME_PRODUCTS.get(normalize(name))
    if found is None or not isinstance(amount, str):
        return None
    kind, key = found
    if kind == "count" and not _COUNT.fullmatch(amount):
        return None
    if kind == "volume" and not _plain_volume(amount):
        return None
    from mgcalc.clinical.products import find_product as find

    return find(key)


def _plain_volume(text: str) -> bool:
    """Return whether *text* is a volume alone (1tsp, 15 mL), with no strength given."""
    from mgcalc.chemistry.amounts import parse_amount
    from mgcalc.errors import BadAmount

    try:
        amount = parse_amount(text)
    except BadAmount:
        return False
    return (
        amount.kind == "volume"
        and amount.concentration is None
        and amount.percent is None
        and not amount.per_kg
    )
