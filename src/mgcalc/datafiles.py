"""Locate mgcalc's data tables: inside the installed package, or in a source checkout."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from mgcalc.errors import DataError


def data_file(name: str) -> Traversable:
    """Return the data table *name*, shipped in the wheel as ``mgcalc/data/``."""
    packaged = files("mgcalc").joinpath("data", name)
    if packaged.is_file():
        return packaged
    # An editable install runs from the source tree, where data/ sits at the top level.
    source = Path(__file__).resolve().parents[2] / "data" / name
    if source.is_file():
        return source
    raise DataError(f"data/{name}", "file not found in the installed package")
