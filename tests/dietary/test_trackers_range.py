"""A tracker file's range is of the days used: --days keeps the latest, and so does the range.

Kills a mutant the whole suite once let through (issue #25).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mgcalc.dietary.trackers import read_tracker

# The oldest day is the largest: it must leave the range when --days 2 leaves it out.
DAYS = "date,magnesium_mg\n2024-03-01,900\n2024-03-02,200\n2024-03-03,300\n"


def test_the_range_is_of_the_days_used(tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_text(DAYS, encoding="utf-8")
    latest = read_tracker(str(path), days=2)
    assert [day.mg for day in latest.days if day.used] == [200.0, 300.0]
    assert [day.left_out for day in latest.days] == ["outside_days", None, None]
    assert (latest.min_mg, latest.max_mg, latest.mean_mg) == (200.0, 300.0, 250.0)
    every = read_tracker(str(path))
    assert (every.min_mg, every.max_mg, every.mean_mg) == (200.0, 900.0, 1400 / 3)


def test_the_range_line_shows_the_days_used(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_text(DAYS, encoding="utf-8")
    args = ("dose", "--diet-file", str(path), "--days", "2", "--age", "40", "--sex", "female")
    data = mgcalc(*args, "--json").json()
    assert (data["diet"]["file"]["min_mg"], data["diet"]["file"]["max_mg"]) == (200.0, 300.0)
    assert data["diet_mg"] == 250.0
    table = mgcalc(*args).stdout
    assert "200–300 mg" in table
    assert "900" not in table


def test_cronometer_s_column_is_taken_before_a_plain_one(tmp_path: Path) -> None:
    # A file with both names: "Magnesium (mg)" (Cronometer's) is the one read.
    path = tmp_path / "both.csv"
    path.write_text(
        "Date,magnesium_mg,Magnesium (mg)\n2024-03-01,1,250\n2024-03-02,2,350\n", encoding="utf-8"
    )
    assert read_tracker(str(path)).mean_mg == 300.0
