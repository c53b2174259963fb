"""Daily totals exported by food trackers: Cronometer's "Daily Nutrition", or a plain CSV.

Columns are found by name, since a tracker's set and order of columns follow its settings.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
from pathlib import Path

from mgcalc.chemistry.amounts import MAX_VALUE
from mgcalc.dietary.assembly import DietDay, DietFile
from mgcalc.errors import BadDiet

MAX_BYTES = 10_000_000
_DATE = ("date",)
_MAGNESIUM = ("magnesium (mg)", "magnesium_mg")
_COMPLETED = ("completed",)
# A MyFitnessPal nutrition export starts so; it has no magnesium column at all.
_MYFITNESSPAL = ("date", "meal", "calories")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def read_tracker(
    path: str, *, days: int | None = None, include_incomplete: bool = False
) -> DietFile:
    """Return the days of a tracker export and their mean magnesium.

    Days not completed are left out unless *include_incomplete*; *days* keeps the latest N.
    """
    if days is not None and days < 1:
        raise BadDiet(f"--days must be at least 1, not {days}")
    rows = _rows(path)
    header = [name.strip().lower() for name in rows[0]]
    if tuple(header[:3]) == _MYFITNESSPAL:
        raise BadDiet(
            f"{path}: a MyFitnessPal export, which has no magnesium column; use Cronometer's "
            "Daily Nutrition export or a CSV with date and magnesium_mg columns"
        )
    date_at = _column(header, _DATE, path, "Date")
    mg_at = _column(header, _MAGNESIUM, path, "Magnesium (mg)' or 'magnesium_mg")
    completed_at = next((header.index(name) for name in _COMPLETED if name in header), None)
    names = rows[0]
    found: dict[str, float] = {}
    left_out = 0
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise BadDiet(f"{path}, row {line}: {len(row)} fields; the header has {len(header)}")
        where = f"{path}, row {line}, column"
        date = _date(row[date_at].strip(), f"{where} '{names[date_at].strip()}'")
        if completed_at is not None:
            done = _completed(row[completed_at].strip(), f"{where} '{names[completed_at]}'")
            if not done and not include_incomplete:
                left_out += 1
                continue
        if date in found:
            raise BadDiet(f"{where} '{names[date_at].strip()}': {date} is listed twice")
        found[date] = _magnesium(row[mg_at].strip(), f"{where} '{names[mg_at].strip()}'")
    if not found:
        why = f" ({left_out} not completed; --include-incomplete keeps them)" if left_out else ""
        raise BadDiet(f"{path}: no days with magnesium{why}")
    used = sorted(found.items())[-days:] if days else sorted(found.items())
    values = [mg for _, mg in used]
    return DietFile(
        path=path,
        days=tuple(DietDay(date=date, mg=mg) for date, mg in used),
        days_used=len(used),
        days_left_out=left_out,
        mean_mg=sum(values) / len(values),
        min_mg=min(values),
        max_mg=max(values),
    )


def _rows(path: str) -> list[list[str]]:
    try:
        with Path(path).open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise BadDiet(f"cannot read '{path}': {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise BadDiet(f"{path}: larger than {MAX_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")  # spreadsheets often write a byte-order mark
    except UnicodeDecodeError:
        raise BadDiet(f"{path}: not UTF-8 text") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise BadDiet(f"{path}: not a CSV file ({error})") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise BadDiet(f"{path}: empty file; export daily totals with a header row")
    return rows


def _column(header: list[str], names: tuple[str, ...], path: str, shown: str) -> int:
    for name in names:
        if name in header:
            return header.index(name)
    raise BadDiet(f"{path}, row 1: no '{shown}' column")


def _date(text: str, where: str) -> str:
    try:
        # fromisoformat alone would also take 20240105 or 2024-W01-1 on newer Pythons.
        if len(text) != len("YYYY-MM-DD"):
            raise ValueError(text)
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise BadDiet(f"{where}: '{text[:20]}' is not a date (YYYY-MM-DD)") from None


def _completed(text: str, where: str) -> bool:
    value = text.lower()
    if value not in _TRUE | _FALSE:
        raise BadDiet(f"{where}: '{text[:20]}' is not true or false")
    return value in _TRUE


def _magnesium(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        shown = f"'{text[:20]}' is not a number of mg" if text else "is empty"
        raise BadDiet(f"{where}: {shown}") from None
    if not math.isfinite(value) or value < 0:
        raise BadDiet(f"{where}: '{text[:20]}' must be zero or more mg")
    if value > MAX_VALUE:  # a day's total of 1e308 mg made the mean infinite
        raise BadDiet(f"{where}: '{text[:20]}' is implausibly large (over 10⁹ mg)")
    return value
