"""Why each day of a tracker file is left out: its own reason, or outside --days."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcalc.dietary.assembly import LeftOut
from mgcalc.dietary.exports import Export, TrackerDay
from mgcalc.dietary.trackers import choose_days
from mgcalc.errors import BadDiet
from mgcalc.nutrition.period import period, weeks

START = datetime.date(2026, 11, 2)  # a Monday


def export(kinds: str) -> Export:
    """A daily export, one day per letter: v a value, m missing, n not completed."""
    days = []
    for n, kind in enumerate(kinds):
        date = (START + datetime.timedelta(days=n)).isoformat()
        left: LeftOut | None = {"v": None, "m": "missing", "n": "not_completed"}[kind]
        days.append(TrackerDay(date, None if kind == "m" else 100.0 + n, left))
    return Export(path="f.csv", layout="daily", days=tuple(days))


def reasons(kinds: str, days: int | None = None) -> str:
    code = {None: "u", "missing": "m", "not_completed": "n", "outside_days": "o"}
    return "".join(code[day.left_out] for day in choose_days(export(kinds), days).days)


@pytest.mark.parametrize(
    ("kinds", "days", "expected"),
    [
        ("mvv", None, "muu"),  # a leading gap keeps its reason (it was "outside_days")
        ("nvv", None, "nuu"),  # so does a leading day not completed
        ("vvm", None, "uum"),  # and a trailing gap
        ("mnvmvm", None, "mnumum"),
        ("mvv", 2, "muu"),  # --days dropped no day with a value: no window
        ("mvv", 5, "muu"),
        ("vmvv", 2, "oouu"),  # --days dropped one: every day before its window is outside
        ("vnmvmv", 2, "oooumu"),
        ("mvvnv", 1, "oooou"),
    ],
)
def test_a_day_keeps_its_reason_unless_days_dropped_it(
    kinds: str, days: int | None, expected: str
) -> None:
    assert reasons(kinds, days) == expected


def test_the_period_spans_every_day_not_outside_days() -> None:
    file = choose_days(export("mvvm"))
    assert period(file) == ("2026-11-02", "2026-11-05")
    assert [(w.days_in_period, w.days_used) for w in weeks(file)] == [(4, 2)]
    windowed = choose_days(export("vmvvm"), 2)
    assert period(windowed) == ("2026-11-04", "2026-11-06")


@given(st.text(alphabet="vmn", min_size=1, max_size=40), st.none() | st.integers(1, 45))
def test_outside_days_only_before_the_window_of_a_days_that_dropped_one(
    kinds: str, days: int | None
) -> None:
    if "v" not in kinds:
        with pytest.raises(BadDiet):
            choose_days(export(kinds), days)
        return
    file = choose_days(export(kinds), days)
    values = kinds.count("v")
    kept = min(values, days or values)
    assert file.days_used == kept
    outside = [day for day in file.days if day.left_out == "outside_days"]
    if kept == values:
        assert not outside  # nothing dropped: every day keeps its own reason
    else:
        start = min(day.date for day in file.days if day.used)
        assert [day.date for day in outside] == [d.date for d in file.days if d.date < start]
    for day, kind in zip(file.days, kinds, strict=True):
        if day.left_out != "outside_days":
            own = {"v": None, "m": "missing", "n": "not_completed"}[kind]
            assert day.left_out == own
    used = [day.mg for day in file.days if day.used and day.mg is not None]
    assert file.mean_mg == pytest.approx(sum(used) / len(used))
