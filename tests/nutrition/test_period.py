"""A tracker file's period (`mgcalc diet FILE`): its summary, its top foods and the foods
logged without a value, over the days used and the days --days keeps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

WOMAN = ("--age", "40", "--sex", "female", "--no-profile")
HEADER = "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg)\n"


def servings(tmp_path: Path, rows: list[tuple[str, str, str]]) -> str:
    """Write a Cronometer servings export of (day, food, magnesium) rows."""
    path = tmp_path / "servings.csv"
    path.write_text(
        HEADER + "".join(f"{day},08:00,Breakfast,{food},1 g,10,{mg}\n" for day, food, mg in rows),
        encoding="utf-8",
    )
    return str(path)


def report(mgcalc: Any, path: str, *options: str) -> Any:
    run = mgcalc("diet", path, *WOMAN, *options, "--json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def test_days_outside_days_give_no_top_food_and_no_food_without_value(
    mgcalc: Any, tmp_path: Path
) -> None:
    path = servings(
        tmp_path,
        [
            ("2026-11-02", "Spinach", "200"),  # outside --days 2
            ("2026-11-02", "Soup", ""),
            ("2026-11-03", "Oats", "60"),
            ("2026-11-04", "Almonds", "80"),
            ("2026-11-04", "Bread", ""),
        ],
    )
    data = report(mgcalc, path, "--days", "2")
    assert data["top_foods"] == [
        {"name": "Almonds", "mg": 80, "share": pytest.approx(80 / 140)},
        {"name": "Oats", "mg": 60, "share": pytest.approx(60 / 140)},
    ]
    assert data["foods_without_value"] == [{"name": "Bread", "times": 1}]
    summary = data["summary"]
    assert (summary["first"], summary["last"], summary["calendar_days"]) == (
        "2026-11-03", "2026-11-04", 2,
    )  # fmt: skip
    assert [(week["week"], week["days_in_period"]) for week in data["weeks"]] == [("2026-W45", 2)]


def test_foods_of_equal_magnesium_or_times_are_in_order_of_name(
    mgcalc: Any, tmp_path: Path
) -> None:
    path = servings(
        tmp_path,
        [
            ("2026-11-02", "Oats", "50"),
            ("2026-11-02", "Soup", ""),
            ("2026-11-02", "Tea", ""),
            ("2026-11-02", "Almonds", "50"),
            ("2026-11-02", "Tea", ""),
            ("2026-11-02", "Bread", ""),
            ("2026-11-02", "Kale", "70"),
        ],
    )
    data = report(mgcalc, path)
    assert [(food["name"], food["mg"]) for food in data["top_foods"]] == [
        ("Kale", 70), ("Almonds", 50), ("Oats", 50),
    ]  # fmt: skip
    assert data["foods_without_value"] == [
        {"name": "Tea", "times": 2},
        {"name": "Bread", "times": 1},
        {"name": "Soup", "times": 1},
    ]


def test_foods_of_no_magnesium_have_no_share(mgcalc: Any, tmp_path: Path) -> None:
    path = servings(tmp_path, [("2026-11-02", "Water", "0"), ("2026-11-02", "Tea", "0")])
    data = report(mgcalc, path)
    assert data["top_foods"] == [
        {"name": "Tea", "mg": 0, "share": 0.0},
        {"name": "Water", "mg": 0, "share": 0.0},
    ]


def test_the_ten_foods_that_gave_most_are_listed(mgcalc: Any, tmp_path: Path) -> None:
    rows = [("2026-11-02", f"Food {n:02d}", str(10 + n)) for n in range(12)]
    data = report(mgcalc, servings(tmp_path, rows))
    whole = sum(10 + n for n in range(12))
    assert [(food["name"], food["mg"]) for food in data["top_foods"]] == [
        (f"Food {n:02d}", 10 + n) for n in range(11, 1, -1)
    ]
    assert data["top_foods"][0]["share"] == pytest.approx(21 / whole)


def test_the_summary_counts_days_not_completed_and_missing_apart(
    mgcalc: Any, tmp_path: Path
) -> None:
    path = tmp_path / "dailysummary.csv"
    path.write_text(
        "Date,Energy (kcal),Magnesium (mg),Completed\n"
        "2026-11-02,2000,250,true\n"
        "2026-11-03,2000,,true\n"  # missing
        "2026-11-04,2000,300,false\n"  # not completed
        "2026-11-05,2000,310,false\n"  # not completed
        "2026-11-06,2000,410,true\n",
        encoding="utf-8",
    )
    summary = report(mgcalc, str(path))["summary"]
    assert (summary["not_completed"], summary["missing"], summary["days_used"]) == (2, 1, 2)
