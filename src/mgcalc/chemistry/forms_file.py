"""A user's forms file (``--forms FILE``): its rows added to the shipped forms.

Apart from ``chemistry.forms`` so that its row model is built only when a file is given.
"""

from __future__ import annotations

from pydantic import field_validator

from mgcalc.chemistry.forms import (
    COLUMNS,
    ELEMENTAL,
    MAX_FORMS_FILE_BYTES,
    BadFormsFile,
    Form,
    FormsTable,
    _split_aliases,
    build_table,
    normalize,
    shipped_table,
)
from mgcalc.datafiles import read_user_file
from mgcalc.errors import DataError
from mgcalc.tables import read_rows


def read_forms_file(name: str) -> FormsTable:
    """Return the shipped forms with the rows of the forms file *name* added."""
    text = read_user_file(name, "forms", MAX_FORMS_FILE_BYTES, BadFormsFile)
    try:
        rows = read_rows(
            text, name, _CustomRow, columns=COLUMNS, optional=("override",),
            text_columns=("aliases", "published", "note", "override"), prepare=_prepare_custom,
        )  # fmt: skip
        return _merge(shipped_table(), rows, name)
    except DataError as error:
        raise BadFormsFile(str(error)) from None


class _CustomRow(Form):
    override: bool = False

    @field_validator("override", mode="before")
    @classmethod
    def _empty_is_false(cls, value: object) -> object:
        return value or False


def _prepare_custom(cells: dict[str, str | None]) -> dict[str, object]:
    return {**_split_aliases(cells), "custom": True}


def _merge(shipped: FormsTable, rows: tuple[tuple[int, _CustomRow], ...], file: str) -> FormsTable:
    """Return the shipped forms with the custom rows added (or replacing, when allowed)."""
    replaced: set[str] = set()
    for line, row in rows:
        existing = shipped.index.get(normalize(row.key))
        if existing is None:
            continue
        if existing.key == ELEMENTAL:
            raise DataError(file, "'elemental' cannot be replaced", row=line, field="key")
        if existing.key != row.key or not row.override:
            raise DataError(
                file,
                f"'{row.key}' is a shipped form ('{existing.key}'); give it another key, "
                "or set override to true to replace it",
                row=line,
                field="key",
            )
        replaced.add(existing.key)
    custom = tuple(Form(**row.model_dump(exclude={"override"})) for _, row in rows)
    kept = tuple(form for form in shipped.forms if form.key not in replaced)
    return build_table((*kept, *custom), file)
