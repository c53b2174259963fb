"""Products as their labels declare them (``data/products.csv``): magnesium per unit."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

from pydantic import Field, field_validator

from mgcalc.chemistry import units
from mgcalc.chemistry.amounts import parse_amount
from mgcalc.chemistry.conversion import Conversion
from mgcalc.chemistry.forms import Form, forms_table, normalize
from mgcalc.chemistry.item import ProductRef
from mgcalc.clinical.product_names import clear_memos
from mgcalc.datafiles import data_label, data_text
from mgcalc.errors import BadAmount, DataError, InputError, UnknownForm
from mgcalc.result import Result
from mgcalc.tables import read_table
from mgcalc.text import mg

PRODUCTS_FILE = "products.csv"
COLUMNS = (
    "key", "name", "aliases", "unit", "per_volume_ml", "elemental_mg_per_unit", "salt",
    "other_minerals", "declared", "note", "source", "evidence",
)  # fmt: skip
TEXT_COLUMNS = ("aliases", "other_minerals", "declared", "note")
MAX_PRODUCTS_FILE_BYTES = 10_000_000
MAX_COUNT = 10_000
_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_COUNT = re.compile(r"[0-9]+")


class Product(ProductRef):
    """One product row: what its label declares, with its source and evidence."""

    aliases: tuple[str, ...] = ()
    declared: str = Field(min_length=1, description="what the label says, as printed")
    note: str = ""

    @field_validator("key")
    @classmethod
    def _check_key(cls, key: str) -> str:
        if not _KEY.fullmatch(key):
            raise ValueError("a key is lower-case letters, digits and hyphens, e.g. slow-mag")
        return key

    @field_validator("other_minerals", mode="before")
    @classmethod
    def _read_minerals(cls, value: object) -> object:
        return _minerals(value) if isinstance(value, str) else value

    def ref(self) -> ProductRef:
        """Return the product as a result item carries it."""
        return ProductRef(**{name: getattr(self, name) for name in ProductRef.model_fields})


class ProductAmount(InputError):
    """A product was given an amount its label cannot answer (a mass, or the wrong kind)."""


class UnknownProduct(InputError, LookupError):
    """No product has that name."""


class BadProductsFile(InputError):
    """A user's products file cannot be used; the message names its file, row and field."""


class ProductsListing(Result):
    """The products mgcalc knows, or those matching a query."""

    query: str | None
    products: tuple[Product, ...]


@dataclass(frozen=True)
class ProductsTable:
    """All products, in file order, with an index of every normalised key and alias."""

    products: tuple[Product, ...]
    index: dict[str, Product]

    def find(self, name: str) -> Product | None:
        """Return the product called *name*, or None."""
        return self.index.get(normalize(name))


_custom: ProductsTable | None = None


def products_table() -> ProductsTable:
    """Return the products in use: the shipped table, plus a user's products file if set."""
    return _custom if _custom is not None else shipped_products()


@cache
def shipped_products() -> ProductsTable:
    """Load and validate ``data/products.csv`` once."""
    label = data_label(PRODUCTS_FILE)
    text = data_text(PRODUCTS_FILE)
    rows = read_table(
        text, label, Product, columns=COLUMNS, text_columns=TEXT_COLUMNS, prepare=_prepare
    )  # fmt: skip
    return _build(rows, label)


def find_product(name: str) -> Product | None:
    """Return the product called *name* (key or alias, case-insensitive), or None."""
    return products_table().find(name)


def use_products_file(path: str | os.PathLike[str] | None) -> None:
    """Add the rows of a user's products file (``data/products.csv`` columns, plus override).

    None goes back to the shipped table. A shipped key is refused unless the row's
    ``override`` cell is true; results that use a custom row say so.
    """
    global _custom  # noqa: PLW0603  # the one table in use, as forms have one
    clear_memos()
    if path is None:
        _custom = None
        return
    from mgcalc.clinical.products_file import read_products_file  # only a user's file needs it

    _custom = read_products_file(os.fspath(path))


def _prepare(cells: dict[str, str | None]) -> dict[str, object]:
    aliases = (cells["aliases"] or "").split(";")
    return {
        **cells,
        "aliases": tuple(alias.strip() for alias in aliases if alias.strip()),
    }


def _minerals(text: str) -> tuple[dict[str, object], ...]:
    """Read ``calcium:119;potassium:50`` (mg per unit) into mineral rows."""
    minerals: list[dict[str, object]] = []
    for part in (piece.strip() for piece in text.split(";")):
        if not part:
            continue
        name, sep, amount = part.partition(":")
        if not sep:
            raise ValueError(f"other_minerals '{part}' is not NAME:MG, e.g. calcium:119")
        minerals.append({"name": name.strip(), "mg": amount.strip()})
    return tuple(minerals)


def _build(
    products: tuple[Product, ...], file: str, lines: dict[str, int] | None = None
) -> ProductsTable:
    """Index *products*, refusing a name used twice, a form's name, or an unknown salt."""
    forms = forms_table()
    index: dict[str, Product] = {}
    for position, product in enumerate(products, start=2):
        line = position if lines is None else lines.get(product.key)
        if product.salt not in {form.key for form in forms.forms}:
            raise DataError(
                file, f"salt '{product.salt}' is not a form's key", row=line, field="salt"
            )
        for name in (product.key, *product.aliases):
            folded = normalize(name)
            other = index.get(folded)
            if other is not None:
                raise DataError(
                    file, f"name '{name}' of '{product.key}' is already used by '{other.key}'",
                    row=line,
                )  # fmt: skip
            if folded in forms.index:
                raise DataError(
                    file,
                    f"name '{name}' of '{product.key}' is a form's name "
                    f"('{forms.index[folded].key}'): a product name must not be a salt's",
                    row=line,
                )
            index[folded] = product
    return ProductsTable(products=products, index=index)


def convert_product(amount: str, product: Product, typed: str | None = None) -> Conversion:
    """Read *amount* of *product* as its label declares it: a count, or a volume."""
    count, volume = _read_amount(amount, product)
    per_unit = product.elemental_mg_per_unit
    if volume is None:
        elemental = count * per_unit
    else:
        elemental = volume * per_unit / (product.per_volume_ml or 1)
    salt = forms_table().get(product.salt)
    mmol = elemental / units.mg_per_mmol()
    return Conversion(
        input=amount,
        form=salt.key,
        name=product.name,
        formula=salt.formula,
        elemental_fraction=None,
        fraction_basis="declared",
        read_as="declared",
        count=count,
        given_as="count" if volume is None else "volume_ml",
        compound_mg=None,
        elemental_mg=elemental,
        mmol=mmol,
        meq=mmol * units.meq_per_mmol(),
        volume_ml=volume,
        custom=product.custom,
        product=product.ref(),
        per_kg=None,
        rate=None,
        by_unit=None,
        notes=tuple(_notes(product, salt, typed or product.key)),
        source=product.source,
    )


def _read_amount(text: str, product: Product) -> tuple[int, float | None]:
    """Return (count, volume in mL or None) for an amount of *product*."""
    stripped = text.strip()
    if _COUNT.fullmatch(stripped):
        count = int(stripped)
        if not 1 <= count <= MAX_COUNT:
            raise ProductAmount(
                f"'{product.key}={text}': give a count from 1 to {MAX_COUNT} {product.unit}s"
            )
        if product.per_volume_ml is not None:
            raise ProductAmount(
                f"'{product.key}' is declared per {product.unit}: give a volume, "
                f"e.g. {product.key}={product.per_volume_ml:g}mL"
            )
        return count, None
    try:
        amount = parse_amount(stripped)
    except BadAmount:
        raise ProductAmount(_hint(product, text, salt_weight=False)) from None
    if amount.kind == "volume" and product.per_volume_ml is not None:
        if amount.concentration is not None or amount.percent is not None or amount.per_kg:
            raise ProductAmount(
                f"'{product.key}={text}': the label gives the strength; give only the volume, "
                f"e.g. {product.key}={product.per_volume_ml:g}mL"
            )
        return 1, amount.total
    raise ProductAmount(_hint(product, text, salt_weight=amount.kind != "volume"))


def _hint(product: Product, text: str, *, salt_weight: bool) -> str:
    """Say how to give an amount of *product*: a count or a volume, or the salt by name."""
    shown = text if len(text) <= 20 else text[:20] + "…"
    if product.per_volume_ml is None:
        give = f"give a count ({product.key}=2 is two {product.unit}s)"
    else:
        give = f"give a volume ({product.key}={product.per_volume_ml:g}mL)"
    salt = f" ({product.salt}={shown})" if salt_weight else f", e.g. {product.salt}=500mg"
    return (
        f"'{product.key}={shown}': {product.name} is declared per {product.unit} "
        f"({mg(product.elemental_mg_per_unit)} magnesium); {give}, "
        f"or name the salt to give its weight{salt}"
    )


def _notes(product: Product, salt: Form, typed: str) -> list[str]:
    per = product.unit
    notes = [
        f"'{typed}' read as {product.name}, as declared on the label: {product.declared}. "
        f"The salt ({salt.name}) only names the source; its fraction is not applied."
    ]
    notes.extend(
        f"{product.name} also declares {mineral.name} {mg(mineral.mg)} per {per}: "
        "not magnesium, not counted."
        for mineral in product.other_minerals
    )
    if product.note:
        notes.append(product.note)
    if product.evidence == "secondary":
        notes.append(
            f"{product.name}'s declared figure is from a secondary source: "
            "the label in hand decides."
        )
    if product.custom:
        notes.append(f"'{product.key}' is a row of your own products file, not mgcalc's table.")
    return notes


def list_products(query: str | None = None) -> ProductsListing:
    """Return every product, or those whose key, alias, name or salt contains *query*."""
    products = products_table().products
    if query is None:
        return ProductsListing(query=None, products=products)
    folded = normalize(query)
    exact = products_table().find(query)
    found = (exact,) if exact is not None else tuple(
        product for product in products if folded and any(
            folded in normalize(name)
            for name in (product.key, product.name, product.salt, *product.aliases)
        )
    )  # fmt: skip
    if not found:
        raise UnknownProduct(_unknown(query))
    return ProductsListing(query=query, products=found)


def _unknown(name: str) -> str:
    import difflib

    shown = name if len(name) <= 40 else name[:40] + "…"
    table = products_table()
    close = [] if len(name) > 64 else difflib.get_close_matches(normalize(name), list(table.index))
    keys = list(dict.fromkeys(table.index[candidate].key for candidate in close))[:3]
    hint = f"; did you mean {' or '.join(repr(key) for key in keys)}?" if keys else ""
    return f"no product matches '{shown}'{hint} ('mgcalc products' lists them all)"


def product_hint(name: str) -> str | None:
    """Return a hint when *name* is a product given where a form is needed, else None."""
    product = find_product(name)
    if product is None:
        return None
    return (
        f"'{name}' is a product ({mg(product.elemental_mg_per_unit)} magnesium per "
        f"{product.unit}, as declared on its label), not a form: 'mgcalc products {product.key}'"
    )


def resolve_item(name: str) -> Product | None:
    """Return the product *name* means, None for a form; unknown names get both hints."""
    if normalize(name) in forms_table().index:
        return None  # a form: no product may take a form's name (see _build)
    product = find_product(name)
    if product is not None:
        return product
    from mgcalc.chemistry.resolve import resolve_form

    try:
        resolve_form(name)
    except UnknownForm as error:
        suggestion = _close_product(name)
        if suggestion is not None and "did you mean" not in str(error):
            raise UnknownForm(
                f"unknown form or product '{name[:40]}'; did you mean the product '{suggestion}'?"
            ) from None
        raise
    return None


def _close_product(name: str) -> str | None:
    import difflib

    if len(name) > 64:
        return None
    index = products_table().index
    close = difflib.get_close_matches(normalize(name), list(index), n=1)
    return index[close[0]].key if close else None
