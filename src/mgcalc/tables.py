"""Read a CSV data table into validated models, naming file, row and field on any error."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from mgcalc.errors import DataError

Model = TypeVar("Model", bound=BaseModel)
Prepare = Callable[[dict[str, str | None]], dict[str, object]]


def read_table(
    text: str,
    file: str,
    model: type[Model],
    *,
    columns: Sequence[str],
    text_columns: Sequence[str] = (),
    prepare: Prepare | None = None,
) -> tuple[Model, ...]:
    """Validate every row of CSV *text* (with exactly *columns*) as *model*.

    Empty cells become None, except in *text_columns*, which keep "".
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = tuple(reader.fieldnames or ())
    missing = [column for column in columns if column not in header]
    if missing:
        raise DataError(file, f"missing column '{missing[0]}'", row=1)
    unknown = [column for column in header if column not in columns]
    if unknown:
        raise DataError(file, f"unknown column '{unknown[0]}'", row=1)
    rows = []
    for row in reader:
        line = reader.line_num
        if None in row or any(value is None for value in row.values()):
            raise DataError(file, "wrong number of fields", row=line)
        cells: dict[str, str | None] = {
            column: value.strip() if column in text_columns else (value.strip() or None)
            for column, value in row.items()
        }
        values: dict[str, object] = dict(cells) if prepare is None else prepare(cells)
        try:
            rows.append(model.model_validate(values))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or None
            message = first["msg"].removeprefix("Value error, ")
            raise DataError(file, message, row=line, field=field) from None
    return tuple(rows)
