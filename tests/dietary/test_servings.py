"""Cronometer's "Food & Recipe Entries" (servings.csv), in the layouts foods.md gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcalc.dietary.trackers import read_export, read_tracker
from mgcalc.errors import BadDiet

# The newer layout: Day,Time,Group,Food Name,Amount,…,Category (foods.md).
HEADER = "Day,Time,Group,Food Name,Amount,Energy (kcal),Calcium (mg),Magnesium (mg),Category"
SERVINGS = "\n".join(
    [
        HEADER,
        "2026-11-09,08:00,Breakfast,Oats,40 g,150,20,55.2,Grains",
        "2026-11-09,08:00,Breakfast,Almonds,28 g,164,76,76.5,Nuts",
        '2026-11-09,13:00,Lunch,"Soup, homemade",1 bowl,200,40,,Custom',  # unknown, not 0
        "2026-11-10,08:00,Breakfast,Almonds,28 g,164,76,76.5,Nuts",
        "2026-11-10,19:00,Dinner,Spinach,100 g,23,99,79,Vegetables",
        "2026-11-11,19:00,Dinner,Soup  homemade,1 bowl,200,40,,Custom",  # no value that day
        "",
    ]
)


def write(tmp_path: Path, text: str, name: str = "servings.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_magnesium_is_summed_per_day_and_empty_cells_are_unknown(tmp_path: Path) -> None:
    result = read_tracker(write(tmp_path, SERVINGS))
    assert [(d.date, d.mg, d.used, d.left_out, d.unknown_foods) for d in result.days] == [
        ("2026-11-09", pytest.approx(131.7), True, None, 1),  # at least 131.7 mg
        ("2026-11-10", pytest.approx(155.5), True, None, 0),
        ("2026-11-11", None, False, "missing", 1),
    ]
    assert (result.layout, result.days_used, result.days_left_out) == ("per_food", 2, 1)
    assert result.mean_mg == pytest.approx((131.7 + 155.5) / 2)


def test_foods_are_kept_per_day(tmp_path: Path) -> None:
    read = read_export(write(tmp_path, SERVINGS))
    assert read.foods == {
        "2026-11-09": {"Oats": pytest.approx(55.2), "Almonds": 76.5},
        "2026-11-10": {"Almonds": 76.5, "Spinach": 79.0},
    }
    assert {date: dict(names) for date, names in (read.unknown or {}).items()} == {
        "2026-11-09": {"Soup, homemade": 1},
        "2026-11-11": {"Soup homemade": 1},
    }


def test_the_older_layout_is_read(tmp_path: Path) -> None:
    text = "Day,Food Name,Amount,Energy (kcal),Magnesium (mg)\n2026-11-09,Oats,40 g,150,55\n"
    assert read_tracker(write(tmp_path, text)).mean_mg == 55


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Day,Time,Group,Food Name,Amount,Category\n2026-11-09,08:00,B,Oats,40 g,Grains\n",
            "Food & Recipe Entries without nutrients (no 'Magnesium (mg)' column); export "
            "Daily Nutrition instead",
        ),
        (HEADER + "\n2026-W45-1,08:00,B,Oats,40 g,1,1,1,G\n", "row 2, column 'Day': '2026-W45-1'"),
        (HEADER + "\n2026-11-09,08:00,B,Oats,40 g,1,1,-5,G\n", "row 2, column 'Magnesium (mg)'"),
        (HEADER + "\n2026-11-09,08:00,B,Oats\n", "row 2: 4 fields; the header has 9"),
        (HEADER + "\n2026-11-09,08:00,B,Oats,40 g,1,1,,G\n", "no days with magnesium (1 without"),
    ],
)
def test_bad_servings_are_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadDiet) as caught:
        read_tracker(path)
    assert str(caught.value).startswith(path)
    assert message in str(caught.value)


def test_a_per_food_export_has_no_size_cap(tmp_path: Path) -> None:
    from mgcalc.dietary.trackers import MAX_BYTES

    row = "2026-11-09,08:00,Breakfast,Oats,40 g,150,20,1,Grains\n"
    path = tmp_path / "servings.csv"
    path.write_text(HEADER + "\n" + row * (MAX_BYTES // len(row) + 10), encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    assert read_tracker(str(path)).mean_mg == pytest.approx(MAX_BYTES // len(row) + 10)


def test_a_row_of_empty_cells_is_skipped_and_a_food_without_a_name_is_named(
    tmp_path: Path,
) -> None:
    text = "\n".join(
        [
            HEADER,
            ",,,,,,,,",  # as a spreadsheet saves an empty row: as many empty cells as columns
            "2026-11-09,08:00,Breakfast,,40 g,150,20,55.2,Grains",
            "2026-11-09,09:00,Breakfast,  ,1 bowl,200,40,,Custom",
            "",
        ]
    )
    read = read_export(write(tmp_path, text))
    assert read.foods == {"2026-11-09": {"(no name)": pytest.approx(55.2)}}
    assert {date: dict(names) for date, names in (read.unknown or {}).items()} == {
        "2026-11-09": {"(no name)": 1}
    }
