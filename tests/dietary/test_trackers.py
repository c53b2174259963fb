"""Tracker exports: Cronometer's Daily Nutrition layout (foods.md), a plain CSV, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcalc.dietary.trackers import read_tracker
from mgcalc.errors import BadDiet

# Cronometer "Daily Nutrition" (dailysummary.csv), shortened as in foods.md; columns vary.
CRONOMETER = (
    "Date,Energy (kcal),Alcohol (g),Caffeine (mg),Calcium (mg),Copper (mg),Iron (mg),"
    "Magnesium (mg),Manganese (mg),Protein (g),Completed"
)
MYFITNESSPAL = (
    "Date,Meal,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,Monounsaturated Fat,"
    "Trans Fat,Cholesterol,Sodium (mg),Potassium,Carbohydrates (g),Fiber,Sugar,Protein (g),"
    "Vitamin A,Vitamin C,Calcium,Iron,Note"
)


LOSE_IT = (
    "Date,Name,Meal,Quantity,Units,Calories,Fat,Protein,Carbohydrates,Saturated Fat,Sugars,"
    "Fiber,Cholesterol,Sodium"
)


def cronometer(days: list[tuple[str, str, str]]) -> str:
    """Return a Cronometer export with one row per (date, magnesium, completed)."""
    rows = [f"{date},1850.5,0,95,800,1.1,12,{mg},2.5,70,{done}" for date, mg, done in days]
    return "\n".join([CRONOMETER, *rows]) + "\n"


WEEK = [
    ("2024-03-04", "310.2", "true"),
    ("2024-03-01", "250", "true"),
    ("2024-03-02", "120", "false"),
    ("2024-03-03", "280.8", "true"),
]


def write(tmp_path: Path, text: str, name: str = "dailysummary.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_cronometer_mean_leaves_out_incomplete_days(tmp_path: Path) -> None:
    result = read_tracker(write(tmp_path, cronometer(WEEK)))
    assert [(day.date, day.mg) for day in result.days if day.used] == [
        ("2024-03-01", 250), ("2024-03-03", 280.8), ("2024-03-04", 310.2),
    ]  # fmt: skip
    assert (result.days_used, result.days_left_out) == (3, 1)
    assert result.mean_mg == pytest.approx((250 + 280.8 + 310.2) / 3)
    assert (result.min_mg, result.max_mg) == (250, 310.2)


def test_include_incomplete_and_latest_days(tmp_path: Path) -> None:
    path = write(tmp_path, cronometer(WEEK))
    every = read_tracker(path, include_incomplete=True)
    assert (every.days_used, every.days_left_out) == (4, 0)
    assert every.mean_mg == pytest.approx((250 + 120 + 280.8 + 310.2) / 4)
    latest = read_tracker(path, days=2)
    assert [day.date for day in latest.days if day.used] == ["2024-03-03", "2024-03-04"]
    assert latest.mean_mg == pytest.approx((280.8 + 310.2) / 2)


def test_plain_csv_with_a_bom_and_columns_in_any_order(tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_bytes("\ufeffmagnesium_mg,date\r\n300,2024-01-02\r\n200,2024-01-01\r\n".encode())
    result = read_tracker(str(path))
    assert (result.days_used, result.days_left_out, result.mean_mg) == (2, 0, 250)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("\n", "empty file"),
        (MYFITNESSPAL + "\n2024-01-01,Breakfast,400" + ",0" * 17 + "\n", "MyFitnessPal export"),
        ("Date,Energy (kcal),Completed\n2024-01-01,2000,true\n", "row 1: no 'Magnesium (mg)'"),
        ("Energy (kcal),Magnesium (mg)\n2000,300\n", "row 1: no 'Date' column"),
        (cronometer([("01/03/2024", "300", "true")]), "row 2, column 'Date': '01/03/2024' is not"),
        (cronometer([("2024-02-30", "300", "true")]), "row 2, column 'Date'"),
        (cronometer([("20240301", "300", "true")]), "row 2, column 'Date'"),
        (cronometer([("2024-03-01", "-1", "true")]), "row 2, column 'Magnesium (mg)': '-1' must"),
        (cronometer([("2024-03-01", "lots", "true")]), "column 'Magnesium (mg)': 'lots' is not"),
        (cronometer([("2024-03-01", "", "true")]), "no days with magnesium (1 without a"),
        (cronometer([("2024-03-01", "nan", "true")]), "'nan' must be zero or more"),
        # Two days of 1e308 mg made the mean infinite: a table's traceback, "Total inf mg".
        (cronometer([("2024-03-01", "1e308", "true")]), "'1e308' is implausibly large"),
        (cronometer([("2024-03-01", "1000000001", "true")]), "over 10⁹ mg"),
        (cronometer([("2024-03-01", "1,200", "true")]), "row 2: 12 fields; the header has 11"),
        (cronometer([("2024-03-01", "300", "maybe")]), "column 'Completed': 'maybe' is not"),
        (cronometer([("2024-03-01", "300", "true")] * 2), "row 3, column 'Date': 2024-03-01 is"),
        (cronometer([("2026-W45-1", "300", "true")]), "column 'Date': '2026-W45-1' is an ISO week"),
        (cronometer([("2026W451", "300", "true")]), "column 'Date': '2026W451' is an ISO week"),
        (
            cronometer([("2024-03-01", "", "true"), ("2024-03-01", "300", "true")]),
            "row 3, column 'Date': 2024-03-01 is listed twice",
        ),
        (
            LOSE_IT + "\n2024-01-01,Oats,Breakfast,40,g,150,3,5,27,0.5,1,4,0,2\n",
            "Lose It exports no",
        ),
        (cronometer([("2024-03-01", "300", "false")]), "no days with magnesium (1 not completed"),
        (CRONOMETER + "\n", "no days with magnesium"),
    ],
)
def test_bad_files_name_file_row_and_column(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadDiet, match="^" + str(path).replace("\\", "\\\\")) as caught:
        read_tracker(path)
    assert message in str(caught.value)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(BadDiet, match="cannot read"):
        read_tracker(str(tmp_path / "missing.csv"))
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"date,magnesium_mg\n2024-01-01,\xe9\n")
    with pytest.raises(BadDiet, match="not UTF-8"):
        read_tracker(str(path))
    with pytest.raises(BadDiet, match="--days must be at least 1"):
        read_tracker(str(path), days=0)


def test_a_day_of_exactly_a_billion_mg_is_read(tmp_path: Path) -> None:
    # The bound of any amount (10⁹ mg) is included, as for '@…' concentrations.
    read = read_tracker(write(tmp_path, cronometer([("2024-03-01", "1000000000", "true")])))
    assert read.mean_mg == 1e9


def test_one_day_is_the_latest(tmp_path: Path) -> None:
    latest = read_tracker(write(tmp_path, cronometer(WEEK)), days=1)
    assert [(day.date, day.mg) for day in latest.days if day.used] == [("2024-03-04", 310.2)]
    assert (latest.days_used, latest.mean_mg, latest.min_mg, latest.max_mg) == (
        1, 310.2, 310.2, 310.2,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("done", "kept"), [("yes", True), ("1", True), ("TRUE", True), ("No", False), ("0", False)]
)
def test_completed_reads_yes_and_no(tmp_path: Path, done: str, kept: bool) -> None:
    text = cronometer([("2024-03-01", "300", done), ("2024-03-02", "200", "true")])
    assert read_tracker(write(tmp_path, text)).days_used == (2 if kept else 1)


def test_rows_of_empty_cells_are_skipped(tmp_path: Path) -> None:
    text = "date,magnesium_mg\n2024-01-01,300\n , \n\n2024-01-02,100\n"
    result = read_tracker(write(tmp_path, text))
    assert (result.days_used, result.mean_mg) == (2, 200.0)


@pytest.mark.parametrize(
    ("date", "mg", "message"),
    [
        ("x" * 25, "300", f"'{'x' * 20}' is not a date (YYYY-MM-DD)"),
        ("2024-03-01", "y" * 25, f"'{'y' * 20}' is not a number of mg"),
        ("2024-03-01", "-" + "9" * 24, f"'-{'9' * 19}' must be zero or more mg"),
        ("2024-03-01", "9" * 25, f"'{'9' * 20}' is implausibly large"),
    ],
)
def test_bad_cells_are_shown_up_to_20_characters(
    tmp_path: Path, date: str, mg: str, message: str
) -> None:
    with pytest.raises(BadDiet) as caught:
        read_tracker(write(tmp_path, f"date,magnesium_mg\n{date},{mg}\n"))
    assert message in str(caught.value)


def test_a_file_up_to_its_size_limit_is_read(tmp_path: Path) -> None:
    import datetime

    from mgcalc.dietary.trackers import MAX_BYTES

    # About 100 days with a 100,000-character note each, the last note cut to the size asked.
    first = datetime.date(2024, 1, 1)
    rows = [f"{first + datetime.timedelta(days=day)},300,{'n' * 100_000}\n" for day in range(100)]
    text = "date,magnesium_mg,note\n" + "".join(rows)
    path = tmp_path / "days.csv"
    for size, accepted in ((MAX_BYTES, True), (MAX_BYTES + 1, False)):
        path.write_bytes(text[: size - 1].encode() + b"\n")
        assert path.stat().st_size == size
        if accepted:
            assert read_tracker(str(path)).mean_mg == 300
        else:
            with pytest.raises(BadDiet, match="larger than 10,000,000 bytes"):
                read_tracker(str(path))


def test_days_of_zero_and_half_a_mg_are_read(tmp_path: Path) -> None:
    result = read_tracker(write(tmp_path, "date,magnesium_mg\n2024-01-01,0\n2024-01-02,0.5\n"))
    assert (result.mean_mg, result.min_mg, result.max_mg) == (0.25, 0.0, 0.5)


def test_no_days_says_why_only_when_days_were_left_out(tmp_path: Path) -> None:
    path = write(tmp_path, CRONOMETER + "\n")
    with pytest.raises(BadDiet) as caught:
        read_tracker(path)
    assert str(caught.value) == f"{path}: no days with magnesium"


def test_a_bad_completed_cell_is_shown_up_to_20_characters(tmp_path: Path) -> None:
    with pytest.raises(BadDiet) as caught:
        read_tracker(write(tmp_path, cronometer([("2024-03-01", "300", "z" * 25)])))
    assert str(caught.value).endswith(f"column 'Completed': '{'z' * 20}' is not true or false")


def test_a_day_without_a_value_is_missing_and_counted(tmp_path: Path) -> None:
    week = [
        ("2024-03-01", "250", "true"),
        ("2024-03-02", "", "true"),
        ("2024-03-03", "350", "true"),
    ]
    result = read_tracker(write(tmp_path, cronometer(week)), days=1)
    assert [(day.date, day.mg, day.used, day.left_out) for day in result.days] == [
        ("2024-03-01", 250, False, "outside_days"),
        ("2024-03-02", None, False, "outside_days"),
        ("2024-03-03", 350, True, None),
    ]
    every = read_tracker(write(tmp_path, cronometer(week)))
    assert [day.left_out for day in every.days] == [None, "missing", None]
    assert (every.days_used, every.days_left_out, every.mean_mg) == (2, 1, 300)


def test_dates_may_be_apple_timestamps(tmp_path: Path) -> None:
    text = "date,magnesium_mg\n2026-11-09 23:30:00 -0500,300\n2026-11-10,100\n"
    result = read_tracker(write(tmp_path, text))
    assert [day.date for day in result.days] == ["2026-11-09", "2026-11-10"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "a binary file, not a tracker's CSV"),
        (b"\x00\x01\x02", "a binary file"),
    ],
)
def test_binary_files_are_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes(data)
    with pytest.raises(BadDiet) as caught:
        read_tracker(str(path))
    assert str(caught.value).startswith(f"{path}: {message}")


def test_an_xlsx_is_one_line(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "dailysummary.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    with pytest.raises(BadDiet, match=r"an Office document \(\.xlsx\), not an export"):
        read_tracker(str(path))


def test_a_pipe_that_gives_the_header_in_pieces_is_read(tmp_path: Path) -> None:
    import os
    import threading
    import time

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb", buffering=0) as writer:
            writer.write(b"date,magn")
            time.sleep(0.2)  # the reader has the first piece alone by now
            writer.write(b"esium_mg\n2024-01-01,300\n2024-01-02,100\n")

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        result = read_tracker(str(fifo))
    finally:
        writer.join(timeout=10)
    assert (result.days_used, result.mean_mg) == (2, 200)
