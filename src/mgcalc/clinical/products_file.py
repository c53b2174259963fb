"""A user's products file (``--products FILE``): its rows added to the shipped products.

Apart from ``clinical.products`` so that its row model is built only when a file is given.
"""

from __future__ import annotations

from pydantic import field_validator

from mgcalc.clinical.products import (
    COLUMNS,
    MAX_PRODUCTS_FILE_BYTES,
    TEXT_COLUMNS,
    BadProductsFile,
    Product,
    ProductsTable,
    _build,
    _prepare,
    shipped_products,
)
from mgcalc.datafiles import read_user_file
from mgcalc.errors import DataError
from mgcalc.tables import read_rows


def read_products_file(name: str) -> ProductsTable:
    """Return the shipped products with the rows of the products file *name* added."""
    text = read_user_file(name, "products", MAX_PRODUCTS_FILE_BYTES, BadProductsFile)
    try:
        rows = read_rows(
            text, name, _CustomRow, columns=COLUMNS, optional=("override",),
            text_columns=(*TEXT_COLUMNS, "override"), prepare=_prepare_custom,
        )  # fmt: skip
        return _merge(shipped_products(), rows, name)
    except DataError as error:
        raise BadProductsFile(str(error)) from None


class _CustomRow(Product):
    override: bool = False

    @field_validator("override", mode="before")
    @classmethod
    def _empty_is_false(cls, value: object) -> object:
        return value or False


def _prepare_custom(cells: dict[str, str | None]) -> dict[str, object]:
    return {**_prepare(cells), "custom": True}


def _merge(
    shipped: ProductsTable, rows: tuple[tuple[int, _CustomRow], ...], file: str
) -> ProductsTable:
    replaced: set[str] = set()
    for line, row in rows:
        existing = shipped.find(row.key)
        if existing is None:
            continue
        if existing.key != row.key or not row.override:
            raise DataError(
                file,
                f"'{row.key}' is a shipped product ('{existing.key}'); give it another key, "
                "or set override to true to replace it",
                row=line,
                field="key",
            )
        replaced.add(existing.key)
    custom = tuple(Product(**row.model_dump(exclude={"override"})) for _, row in rows)
    lines = {row.key: line for line, row in rows}
    kept = tuple(product for product in shipped.products if product.key not in replaced)
    return _build((*kept, *custom), file, lines)
