"""Cronometer's "Food & Recipe Entries" export (servings.csv): one row per food eaten.

Read as a stream (a multi-year file passes 10 MB), summed per ``Day``. A food with an empty
magnesium cell is unknown, not 0: its day's total is then at least the sum of the others.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable

from mgcalc.dietary.exports import Export, TrackerDay, read_date, read_mg
from mgcalc.errors import BadDiet

_MAGNESIUM = "magnesium (mg)"


def read_servings(lines: Iterable[str], path: str) -> Export:
    """Sum magnesium per day and per food from the lines of a servings export."""
    rows = csv.reader(lines)
    try:
        names = next(rows)
    except csv.Error as error:
        raise BadDiet(f"{path}: not a CSV file ({error})") from None
    header = [name.strip().lower() for name in names]
    if _MAGNESIUM not in header:
        raise BadDiet(
            f"{path}: Cronometer's Food & Recipe Entries without nutrients (no 'Magnesium "
            "(mg)' column); export Daily Nutrition instead"
        )
    day_at, food_at, mg_at = (header.index(n) for n in ("day", "food name", _MAGNESIUM))
    day_column, mg_column = names[day_at].strip(), names[mg_at].strip()
    foods: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    unknown: dict[str, Counter[str]] = defaultdict(Counter)
    try:
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            where = f"{path}, row {rows.line_num}"
            if len(row) != len(header):
                raise BadDiet(f"{where}: {len(row)} fields; the header has {len(header)}")
            date = read_date(row[day_at].strip(), f"{where}, column '{day_column}'")
            food = " ".join(row[food_at].split()) or "(no name)"
            cell = row[mg_at].strip()
            if cell:
                foods[date][food] += read_mg(cell, f"{where}, column '{mg_column}'")
            else:
                unknown[date][food] += 1
    except csv.Error as error:
        raise BadDiet(f"{path}, row {rows.line_num}: not CSV ({error})") from None
    days = []
    for date in sorted(foods.keys() | unknown.keys()):
        known = foods.get(date)
        count = sum(unknown[date].values()) if date in unknown else 0
        if known:
            days.append(TrackerDay(date, sum(known.values()), None, count))
        else:
            days.append(TrackerDay(date, None, "missing", count))
    return Export(
        path=path, layout="per_food", days=tuple(days),
        foods={date: dict(each) for date, each in foods.items()}, unknown=dict(unknown),
    )  # fmt: skip
