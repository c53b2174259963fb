"""The day-to-day SD table (data/intake-variation.csv): which person each row covers, and
which edited tables are refused (MGCALC_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mgcalc.datafiles import data_file
from mgcalc.errors import DataError
from mgcalc.nutrition.variation import sd_for
from mgcalc.nutrition.variation_file import variation_rows

HEADER = "age_from_months,age_to_months,sex,state,sd_mg,source,derivation\n"
SOURCE = ",A test source,A test derivation\n"


def _table(folder: Path, monkeypatch: pytest.MonkeyPatch, *rows: str) -> Path:
    """Put a table of *rows* ("from,to,sex,state,sd") where mgcalc reads its tables."""
    path = folder / "intake-variation.csv"
    path.write_text(HEADER + "".join(row + SOURCE for row in rows), encoding="utf-8")
    monkeypatch.setenv("MGCALC_DATA_DIR", str(folder))
    return path


GROUPS = (
    "0,12,any,none,10",  # infants, either sex
    "228,612,female,none,85.9",  # the shipped row
    "228,,female,lactating,70",  # no upper age
    "612,,male,none,90",
)


@pytest.mark.parametrize(
    ("months", "sex", "state", "expected"),
    [
        (0, "male", "none", 10),  # the first month of a row is in it; "any" is either sex
        (11.9, None, "none", 10),  # no sex given: only a row for any sex
        (12, "female", "none", None),  # the end month is the next row's
        (228, "female", "none", 85.9),
        (611, "female", "none", 85.9),
        (612, "female", "none", None),
        (40 * 12, "male", "none", None),  # a row for women only
        (40 * 12, "female", "pregnant", None),  # a row for another state
        (40 * 12, "female", "lactating", 70),
        (120 * 12, "female", "lactating", 70),  # no upper age: every age from 19 y
        (611, "male", "none", None),
        (612, "male", "none", 90),
    ],
)
def test_each_row_covers_its_group(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    months: float,
    sex: str | None,
    state: str,
    expected: float | None,
) -> None:
    _table(tmp_path, monkeypatch, *GROUPS)
    assert sd_for(months, sex, state) == expected


@pytest.mark.parametrize(
    "rows",
    [
        ("0,12,female,none,10", "12,24,female,none,11"),  # one ends where the next begins
        ("228,612,female,none,85.9", "228,612,female,pregnant,80"),  # another state
        ("228,612,female,none,85.9", "228,612,male,none,95"),  # the other sex
        ("228,,female,none,85.9", "0,228,any,none,10"),  # before an open-ended row
        ("0,1,any,none,10", "1,,any,none,10", "0,1,any,lactating,10"),
    ],
)
def test_groups_that_do_not_overlap_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: tuple[str, ...]
) -> None:
    _table(tmp_path, monkeypatch, *rows)
    assert len(variation_rows()) == len(rows)


@pytest.mark.parametrize(
    ("rows", "row"),
    [
        (("228,612,female,none,85.9", "0,229,female,none,10"), 3),  # one month in common
        (("228,612,female,none,85.9", "611,700,female,none,10"), 3),
        (("228,612,female,none,85.9", "300,400,any,none,10"), 3),  # any sex is also women
        (("300,400,any,none,10", "228,612,female,none,85.9"), 3),
        (("228,,female,none,85.9", "900,1000,female,none,10"), 3),  # open-ended: no end
        (("900,1000,female,none,10", "228,,female,none,85.9"), 3),
        # the third row overlaps the first only: the row named is the third
        (("0,12,any,none,10", "12,24,any,none,11", "6,7,male,none,12"), 4),
    ],
)
def test_overlapping_groups_are_refused_at_their_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: tuple[str, ...], row: int
) -> None:
    path = _table(tmp_path, monkeypatch, *rows)
    with pytest.raises(DataError) as raised:
        variation_rows()
    assert str(raised.value) == f"{path}, row {row}: overlaps an earlier row's group"


@pytest.mark.parametrize(("start", "end"), [(12, 12), (12, 6)])
def test_an_age_range_must_end_after_it_begins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: int, end: int
) -> None:
    path = _table(tmp_path, monkeypatch, "0,6,any,none,10", f"{start},{end},any,none,10")
    with pytest.raises(DataError) as raised:
        variation_rows()
    assert str(raised.value) == f"{path}, row 3: age_to_months must be above age_from_months"


def test_a_one_month_range_and_an_open_one_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _table(tmp_path, monkeypatch, "12,13,any,none,10", "13,,any,none,11")
    assert [(row.age_from_months, row.age_to_months) for row in variation_rows()] == [
        (12, 13), (13, None),
    ]  # fmt: skip
    assert (sd_for(12.5, "male", "none"), sd_for(13, "female", "none")) == (10, 11)


def test_a_bad_table_is_one_line_naming_it(
    mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read only for a person whose group has an EAR, with a diet: then exit 1."""
    for name in ("forms.csv", "reference.csv", "labels.csv", "products.csv", "foods.csv"):
        (tmp_path / name).write_bytes(data_file(name).read_bytes())
    path = _table(tmp_path, monkeypatch, "228,612,female,none,85.9", "300,301,any,none,10")
    run = mgcalc("dose", "oxide=400mg", "--diet", "250mg", "--age", "42", "--sex", "female")
    assert run.exit_code == 1 and run.stdout == ""
    assert run.stderr == f"error: {path}, row 3: overlaps an earlier row's group\n"


def test_an_open_ended_row_overlaps_any_later_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No upper age is no end at all, not 10⁹ months (a row from then on was let through)."""
    path = _table(
        tmp_path, monkeypatch, "228,,female,none,85.9", "1000000000,1000000001,female,none,10"
    )
    with pytest.raises(DataError) as raised:
        variation_rows()
    assert str(raised.value) == f"{path}, row 3: overlaps an earlier row's group"
