"""Locate mgcalc's data tables: inside the installed package, or in a source checkout."""

from __future__ import annotations

import os
from pathlib import Path

from mgcalc.errors import DataError

DATA_DIR_VARIABLE = "MGCALC_DATA_DIR"
_HERE = Path(__file__).parent  # the installed package (or src/mgcalc in a checkout)


def data_file(name: str) -> Path:
    """Return the data table *name*, shipped in the wheel as ``mgcalc/data/``.

    ``MGCALC_DATA_DIR`` points at another copy of the tables, to check an edited one.
    A path beside this module, not importlib.resources (a few ms of start-up): mgcalc is
    installed as files, never run from a zip archive.
    """
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        path = Path(override) / name
        if not path.is_file():
            raise DataError(str(path), "file not found")
        return path
    packaged = _HERE / "data" / name
    if packaged.is_file():
        return packaged
    # An editable install runs from the source tree, where data/ sits at the top level.
    source = _HERE.parents[1] / "data" / name
    if source.is_file():
        return source
    raise DataError(f"data/{name}", "file not found in the installed package")


def data_label(name: str) -> str:
    """Return how errors name the data table *name*: its override path, or data/NAME."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    return str(Path(override) / name) if override else f"data/{name}"


def data_text(name: str) -> str:
    """Return the text of the data table *name*: UTF-8, with or without a byte-order mark."""
    try:
        # An edited copy may come from a spreadsheet's "CSV UTF-8", which starts with a BOM.
        return data_file(name).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(data_label(name), "is not UTF-8 text") from None


def read_user_file(name: str, what: str, limit: int, error: type[Exception]) -> str:
    """Return the UTF-8 text of the user's *what* file *name*, at most *limit* bytes."""
    try:
        with open(name, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as failure:
        raise error(f"cannot read {what} file '{name}': {failure.strerror}") from None
    if len(data) > limit:
        raise error(f"{what} file '{name}' is larger than {limit} bytes")
    try:
        return data.decode("utf-8-sig")  # spreadsheets often write a byte-order mark
    except UnicodeDecodeError:
        raise error(f"{what} file '{name}' is not UTF-8 text") from None
