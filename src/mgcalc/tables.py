"""Read a CSV data table into validated models, naming file, row and field on any error."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mgcalc.errors import DataError

Model = TypeVar("Model", bound=BaseModel)
Prepare = Callable[[dict[str, str | None]], dict[str, object]]


def read_table(text: str, file: str, model: type[Model], **options: Any) -> tuple[Model, ...]:
    """Validate every row of CSV *text* as *model* (options as for :func:`read_rows`)."""
    return tuple(row for _, row in read_rows(text, file, model, **options))


def read_rows(
    text: str,
    file: str,
    model: type[Model],
    *,
    columns: Sequence[str],
    text_columns: Sequence[str] = (),
    optional: Sequence[str] = (),
    prepare: Prepare | None = None,
) -> tuple[tuple[int, Model], ...]:
    """Validate every row of CSV *text* (with *columns*, and any of *optional*) as *model*.

    Return each row with its line number. Empty cells become None, except in
    *text_columns*, which keep "".
    """
    # csv.reader, not DictReader: tables are read at every start, and zipping each record
    # with the header here costs half as much.
    records = _records(csv.reader(io.StringIO(text, newline="")), file)
    header = tuple(next(records, (0, []))[1])
    missing = [column for column in columns if column not in header]
    if missing:
        raise DataError(file, f"missing column '{missing[0]}'", row=1)
    if len(set(header)) != len(header):
        raise DataError(file, "a column is named twice", row=1)
    unknown = [column for column in header if column not in (*columns, *optional)]
    if unknown:
        raise DataError(file, f"unknown column '{unknown[0]}'", row=1)
    keep = frozenset(text_columns)
    rows: list[tuple[int, Model]] = []
    for line, fields in records:
        if len(fields) != len(header):
            raise DataError(file, "wrong number of fields", row=line)
        cells: dict[str, str | None] = {
            column: value.strip() if column in keep else (value.strip() or None)
            for column, value in zip(header, fields, strict=True)
        }
        values: Mapping[str, object] = cells if prepare is None else prepare(cells)
        try:
            rows.append((line, model.model_validate(values)))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or None
            message = first["msg"].removeprefix("Value error, ")
            raise DataError(file, message, row=line, field=field) from None
    return tuple(rows)


def _records(reader: Iterator[list[str]], file: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each record that is not a blank line, with the number of its last line."""
    line = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a cell over the csv module's limit (131 072 characters)
            # The record that fails starts on the line after the last one read whole.
            raise DataError(file, f"not readable as CSV: {error}", row=line + 1) from None
        line = reader.line_num  # type: ignore[attr-defined]  # csv's reader counts lines
        if fields:
            yield line, fields
