"""What every tracker reader returns, and the dates and amounts they all read."""

from __future__ import annotations

import datetime
import io
import math
import re
from collections import Counter
from typing import IO, NamedTuple

from mgcalc.chemistry.amounts import MAX_VALUE
from mgcalc.dietary.assembly import LeftOut, TrackerLayout
from mgcalc.errors import BadDiet

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WEEK_DATE = re.compile(r"[0-9]{4}-?W[0-9]{2}(?:-?[1-7])?", re.IGNORECASE)
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}")


class TrackerDay(NamedTuple):
    """One day of an export as read, before a window of days is chosen."""

    date: str
    mg: float | None  # None: no value that day (missing)
    left_out: LeftOut | None  # not_completed or missing; outside_days is chosen later
    unknown_foods: int = 0


class Export(NamedTuple):
    """Everything read from a tracker export, per day and (per-food exports) per food."""

    path: str
    layout: TrackerLayout
    days: tuple[TrackerDay, ...]  # by date
    app: str | None = None
    foods: dict[str, dict[str, float]] | None = None  # per-food: date -> food -> mg
    unknown: dict[str, Counter[str]] | None = None  # date -> food -> rows without a value


def read_date(text: str, where: str) -> str:
    """Read a date as YYYY-MM-DD, or as an Apple Health timestamp (its calendar date)."""
    if _WEEK_DATE.fullmatch(text):
        raise BadDiet(f"{where}: '{text[:20]}' is an ISO week date; give YYYY-MM-DD")
    day = text[:10]
    timestamp = len(text) > 10 and is_timestamp(text)
    try:
        # fromisoformat alone would also take 20240105 or 2024-W01-1 on newer Pythons.
        if not _ISO_DATE.fullmatch(day) or (len(text) > 10 and not timestamp):
            raise ValueError(text)
        return datetime.date.fromisoformat(day).isoformat()
    except ValueError:
        raise BadDiet(f"{where}: '{text[:20]}' is not a date (YYYY-MM-DD)") from None


def is_timestamp(text: str) -> bool:
    """Return whether *text* is an Apple Health timestamp: 2026-11-10 08:00:00 +0100."""
    return _TIMESTAMP.fullmatch(text) is not None


def read_mg(text: str, where: str, scale: float = 1.0) -> float:
    """Read a day's or a food's magnesium in mg (times *scale* for other units)."""
    try:
        value = float(text) * scale
    except ValueError:
        shown = f"'{text[:20]}' is not a number of mg" if text else "is empty"
        raise BadDiet(f"{where}: {shown}") from None
    if not math.isfinite(value) or value < 0:
        raise BadDiet(f"{where}: '{text[:20]}' must be zero or more mg")
    if value > MAX_VALUE:  # a day's total of 1e308 mg made the mean infinite
        raise BadDiet(f"{where}: '{text[:20]}' is implausibly large (over 10⁹ mg)")
    return value


class Rejoined(io.RawIOBase):
    """A stream whose first bytes were already read: they are given back first."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
