"""Food trackers' exports: which one a file is, its days, and the days a mean uses.

Cronometer's "Daily Nutrition" and a plain ``date,magnesium_mg`` CSV are read here;
Cronometer's "Food & Recipe Entries" in :mod:`mgcalc.dietary.servings`, Apple Health in
:mod:`mgcalc.dietary.apple_health`. A file is recognised by its content, not its name.
Columns are found by name, since a tracker's set and order of columns follow its settings.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import stat
import typing
from collections import Counter
from collections.abc import Iterator
from typing import IO

from mgcalc.dietary.assembly import DietDay, DietFile, LeftOut
from mgcalc.dietary.exports import Export, Rejoined, TrackerDay, read_date, read_mg
from mgcalc.errors import BadDiet

# The daily readers hold the whole file; streamed exports (Apple Health, per-food) have no cap.
MAX_BYTES = 10_000_000
STDIN = "<stdin>"  # the name of a file read from standard input ('-')
_HEAD = 65_536
_DATE = ("date",)
_MAGNESIUM = ("magnesium (mg)", "magnesium_mg")
_COMPLETED = ("completed",)
# A MyFitnessPal nutrition export starts so; it has no magnesium column at all.
_MYFITNESSPAL = ("date", "meal", "calories")
# Lose It's food-logs.csv: Date,Name,Meal,Quantity,Units,Calories,… (foods.md), no magnesium.
_LOSE_IT = ("date", "name", "meal", "quantity", "units", "calories")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def read_tracker(
    path: str, *, days: int | None = None, include_incomplete: bool = False, app: str | None = None
) -> DietFile:
    """Return the days of a tracker export and the mean of the days used.

    Days not completed are left out unless *include_incomplete*; *days* keeps the latest N
    days with a value; *app* chooses the app of an Apple Health export.
    """
    _check_days(days)
    return choose_days(read_export(path, include_incomplete=include_incomplete, app=app), days)


def read_export(path: str, *, include_incomplete: bool = False, app: str | None = None) -> Export:
    """Read every day of the tracker export at *path* ('-': stdin), whatever its kind."""
    with _open(path) as (stream, regular):
        path = STDIN if path == "-" else path  # the name said in messages and reports
        head = _peek(stream, path)
        kind = _kind(head)
        if kind in ("zip", "xml"):
            from mgcalc.dietary.apple_health import read_apple_health

            zipped = kind == "zip"
            return read_apple_health(stream, path, app=app, zipped=zipped, seekable=regular)
        if kind == "binary":
            raise BadDiet(
                f"{path}: a binary file, not a tracker's CSV or XML export; export CSV "
                "(Cronometer) or Apple Health's export.zip"
            )
        if app is not None:
            raise BadDiet(
                f"{path}: --app (app= in Python) chooses among the apps of an Apple Health export"
            )
        header = _header(head, path)
        if len(header) == 1 and ";" in header[0]:  # a spreadsheet set to a comma decimal
            raise BadDiet(f"{path}: the file is separated by ';'; mgcalc reads comma-separated CSV")
        names = [name.strip().lower() for name in header]
        _refuse_known(names, path)
        if "day" in names and "food name" in names:
            from mgcalc.dietary.servings import read_servings

            text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
            return read_servings(_lines(text, path), path)
        return _read_daily(stream, path, include_incomplete)


def choose_days(export: Export, days: int | None = None) -> DietFile:
    """Keep the *days* latest days with a value, and say why every other day is left out.

    A day is ``outside_days`` only when *days* dropped it: it lies before the first day
    kept, and *days* left out at least one day with a value. Other days keep their own
    reason (``missing``, ``not_completed``).
    """
    _check_days(days)
    usable = [day.date for day in export.days if day.left_out is None]
    if not usable:
        raise BadDiet(f"{export.path}: no days with magnesium{_why_none(export.days)}")
    kept = set(usable[-days:] if days else usable)
    # When --days drops days with a value, its window starts at the first day kept, and
    # every day before it is outside --days, whatever else it is. Otherwise (no --days, or
    # one that drops nothing) each day keeps its own reason.
    start = min(kept) if len(kept) < len(usable) else None
    listed = []
    for day in export.days:
        reason: LeftOut | None = day.left_out
        if start is not None and day.date < start:
            reason = "outside_days"
        listed.append(
            DietDay(
                date=day.date,
                mg=day.mg,
                used=reason is None,
                left_out=reason,
                unknown_foods=day.unknown_foods,
            )
        )
    values = [day.mg for day in listed if day.used and day.mg is not None]
    return DietFile(
        path=export.path,
        days=tuple(listed),
        days_used=len(values),
        days_left_out=len(listed) - len(values),
        mean_mg=sum(values) / len(values),
        min_mg=min(values),
        max_mg=max(values),
        app=export.app,
        layout=export.layout,
    )


def _check_days(days: int | None) -> None:
    if days is not None and days < 1:
        raise BadDiet(f"--days must be at least 1, not {days}")


def _why_none(days: tuple[TrackerDay, ...]) -> str:
    counts = Counter(day.left_out for day in days)
    why = []
    if counts["not_completed"]:
        why.append(f"{counts['not_completed']} not completed; --include-incomplete keeps them")
    if counts["missing"]:
        why.append(f"{counts['missing']} without a magnesium value")
    return f" ({'; '.join(why)})" if why else ""


@contextlib.contextmanager
def _open(path: str) -> Iterator[tuple[io.BufferedReader, bool]]:
    """Open *path* for bytes ('-' is standard input); say whether it is a regular file.

    A regular file can seek (a zip needs it); a pipe cannot. Standard input is not closed.
    """
    try:
        if path == "-":
            stream = _stdin()
        else:
            opened = open(path, "rb", buffering=_HEAD)  # noqa: SIM115 (closed below)
            stream = typing.cast("io.BufferedReader", opened)  # buffered, as asked
        try:
            regular = stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
        except io.UnsupportedOperation:  # an in-memory stdin (tests): read as a pipe
            regular = False
    except OSError as error:
        raise BadDiet(f"cannot read '{path}': {error.strerror}") from None
    with stream:
        if regular:
            yield stream, True
            return
        # A pipe gives what was written so far: read on until the first line is whole.
        head = b""
        while b"\n" not in head and len(head) < _HEAD:
            chunk = stream.read1(_HEAD - len(head))
            if not chunk:
                break
            head += chunk
        yield io.BufferedReader(Rejoined(head, stream), _HEAD), False


def _stdin() -> io.BufferedReader:
    """Return standard input for bytes, buffered as a file is; closing it leaves fd 0 open."""
    import sys

    buffer = sys.stdin.buffer
    try:
        number = buffer.fileno()
    except io.UnsupportedOperation:  # in memory (tests): wrapped, so that it stays open
        return io.BufferedReader(Rejoined(b"", buffer), _HEAD)
    return typing.cast("io.BufferedReader", open(number, "rb", buffering=_HEAD, closefd=False))


def _peek(stream: io.BufferedReader, path: str) -> bytes:
    """Return the first bytes of *stream* without consuming them."""
    try:
        head = stream.peek(_HEAD)
    except OSError as error:
        raise BadDiet(f"cannot read '{path}': {error.strerror}") from None
    if not head.strip():
        raise BadDiet(f"{path}: empty file; export daily totals with a header row")
    return head


def _kind(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return "xml"
    if b"\x00" in head:
        return "binary"
    return "csv"


def _header(head: bytes, path: str) -> list[str]:
    """Return the header row, read from the first bytes."""
    line = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise BadDiet(f"{path}: not UTF-8 text") from None
    try:
        header = next(csv.reader([text.rstrip("\r")]), [])
    except csv.Error as error:
        raise BadDiet(f"{path}: not a CSV file ({error})") from None
    if not any(cell.strip() for cell in header):
        raise BadDiet(f"{path}: empty file; export daily totals with a header row")
    return header


def _lines(text: io.TextIOWrapper, path: str) -> Iterator[str]:
    """Yield the lines of *text*, turning a decoding failure into one line."""
    try:
        yield from text
    except UnicodeDecodeError:
        raise BadDiet(f"{path}: not UTF-8 text") from None


def _refuse_known(names: list[str], path: str) -> None:
    """Refuse the exports known to carry no magnesium, saying what they are."""
    if tuple(names[:6]) == _LOSE_IT:
        raise BadDiet(
            f"{path}: a Lose It food log; Lose It exports no magnesium (Apple Health may "
            "hold it: give its export.zip)"
        )
    if tuple(names[:3]) == _MYFITNESSPAL:
        raise BadDiet(
            f"{path}: a MyFitnessPal export, which has no magnesium column; use Cronometer's "
            "Daily Nutrition export or a CSV with date and magnesium_mg columns"
        )


def _read_daily(stream: IO[bytes], path: str, include_incomplete: bool) -> Export:
    """Read daily totals (one row per date), holding at most MAX_BYTES of the file."""
    rows = _rows(stream, path)
    names = rows[0]
    header = [name.strip().lower() for name in names]
    date_at = _column(header, _DATE, path, "Date")
    mg_at = _column(header, _MAGNESIUM, path, "Magnesium (mg)' or 'magnesium_mg")
    completed_at = next((header.index(name) for name in _COMPLETED if name in header), None)
    found: dict[str, TrackerDay] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise BadDiet(f"{path}, row {line}: {len(row)} fields; the header has {len(header)}")
        where = f"{path}, row {line}, column"
        date = read_date(row[date_at].strip(), f"{where} '{names[date_at].strip()}'")
        if date in found:
            raise BadDiet(f"{where} '{names[date_at].strip()}': {date} is listed twice")
        cell = row[mg_at].strip()
        value = read_mg(cell, f"{where} '{names[mg_at].strip()}'") if cell else None
        left_out: LeftOut | None = None
        if completed_at is not None:
            done = _completed(row[completed_at].strip(), f"{where} '{names[completed_at]}'")
            if not done and not include_incomplete:
                left_out = "not_completed"
        if value is None:
            left_out = "missing"  # an empty cell: no value, not 0
        found[date] = TrackerDay(date, value, left_out)
    return Export(path=path, layout="daily", days=tuple(found[date] for date in sorted(found)))


def _rows(stream: IO[bytes], path: str) -> list[list[str]]:
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise BadDiet(f"cannot read '{path}': {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise BadDiet(
            f"{path}: larger than {MAX_BYTES:,} bytes; export a shorter period, or Cronometer's "
            "Food & Recipe Entries or Apple Health's export.zip, which are read as streams"
        )
    try:
        text = data.decode("utf-8-sig")  # spreadsheets often write a byte-order mark
    except UnicodeDecodeError:
        raise BadDiet(f"{path}: not UTF-8 text") from None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise BadDiet(f"{path}: not a CSV file ({error})") from None


def _column(header: list[str], names: tuple[str, ...], path: str, shown: str) -> int:
    for name in names:
        if name in header:
            return header.index(name)
    raise BadDiet(f"{path}, row 1: no '{shown}' column")


def _completed(text: str, where: str) -> bool:
    value = text.lower()
    if value not in _TRUE | _FALSE:
        raise BadDiet(f"{where}: '{text[:20]}' is not true or false")
    return value in _TRUE
