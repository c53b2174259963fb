"""Locate mgcalc's data tables: inside the installed package, or in a source checkout."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from mgcalc.errors import DataError

DATA_DIR_VARIABLE = "MGCALC_DATA_DIR"
_HERE = Path(__file__).parent  # the installed package (or src/mgcalc in a checkout)
MAX_DATA_BYTES = 10_000_000  # a data table (foods.csv is 1.3 MB)
# Opened without blocking, so that a FIFO with no writer is refused rather than waited on.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """A FIFO, a device or a directory where a file read whole was expected."""


def read_capped(path: str | os.PathLike[str], limit: int) -> bytes:
    """Return the regular file *path*'s bytes, at most *limit* + 1 of them.

    Raises OSError: :class:`NotRegularFile` (strerror "not a regular file") for a FIFO,
    a device or a directory; a caller compares the length with *limit*.
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    with open(descriptor, "rb", closefd=True) as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        return stream.read(limit + 1)


def data_file(name: str) -> Path:
    """Return the data table *name*, shipped in the wheel as ``mgcalc/data/``.

    ``MGCALC_DATA_DIR`` points at another copy of the tables, to check an edited one.
    A path beside this module, not importlib.resources (a few ms of start-up): mgcalc is
    installed as files, never run from a zip archive.
    """
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        path = Path(override) / name
        if not path.exists():
            raise DataError(str(path), "file not found")
        if not path.is_file():
            raise DataError(str(path), "is not a regular file")
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


def data_bytes(name: str) -> bytes:
    """Return the bytes of the data table *name*, a regular file of at most 10,000,000 bytes."""
    try:
        data = read_capped(data_file(name), MAX_DATA_BYTES)
    except OSError as failure:
        raise DataError(data_label(name), f"cannot be read: {failure.strerror}") from None
    if len(data) > MAX_DATA_BYTES:
        raise DataError(data_label(name), f"is larger than {MAX_DATA_BYTES} bytes")
    return data


def data_text(name: str) -> str:
    """Return the text of the data table *name*: UTF-8, with or without a byte-order mark."""
    try:
        # An edited copy may come from a spreadsheet's "CSV UTF-8", which starts with a BOM.
        return data_bytes(name).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(data_label(name), "is not UTF-8 text") from None


def read_user_file(name: str, what: str, limit: int, error: type[Exception]) -> str:
    """Return the UTF-8 text of the user's *what* file *name*, at most *limit* bytes.

    The file must be a regular file: a FIFO, a device or a directory is refused.
    """
    try:
        data = read_capped(name, limit)
    except OSError as failure:
        raise error(f"cannot read {what} file '{name}': {failure.strerror}") from None
    if len(data) > limit:
        raise error(f"{what} file '{name}' is larger than {limit} bytes")
    try:
        return data.decode("utf-8-sig")  # spreadsheets often write a byte-order mark
    except UnicodeDecodeError:
        raise error(f"{what} file '{name}' is not UTF-8 text") from None
