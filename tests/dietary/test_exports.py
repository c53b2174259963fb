"""The dates and amounts every tracker reader reads, and a stream read past its first bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcalc.dietary.exports import read_date, read_mg
from mgcalc.dietary.trackers import read_tracker
from mgcalc.errors import BadDiet


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2026-11-09", "2026-11-09"),
        ("2026-11-09 23:30:00 -0500", "2026-11-09"),  # an Apple Health timestamp: its date
    ],
)
def test_a_date_or_an_apple_timestamp_is_read(text: str, date: str) -> None:
    assert read_date(text, "f, row 2") == date


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-09x",  # one character past the date
        "2026-11-09T08:00",  # ISO date and time: not Apple's timestamp
        "2026-11-09 08:00:00",  # a timestamp without its offset
        "20261109",
    ],
)
def test_anything_else_after_a_date_is_refused(text: str) -> None:
    with pytest.raises(BadDiet) as caught:
        read_date(text, "f, row 2")
    assert str(caught.value) == f"f, row 2: '{text}' is not a date (YYYY-MM-DD)"


def test_an_iso_week_date_is_refused_with_the_form_to_give() -> None:
    with pytest.raises(BadDiet) as caught:
        read_date("2026-W45-1", "f, row 2")
    assert str(caught.value) == "f, row 2: '2026-W45-1' is an ISO week date; give YYYY-MM-DD"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "f, row 2: is empty"),
        ("lots", "f, row 2: 'lots' is not a number of mg"),
        ("-1", "f, row 2: '-1' must be zero or more mg"),
    ],
)
def test_an_amount_that_is_not_mg_is_refused(text: str, message: str) -> None:
    with pytest.raises(BadDiet) as caught:
        read_mg(text, "f, row 2")
    assert str(caught.value) == message


def test_an_apple_export_past_its_first_read_is_read_whole(tmp_path: Path) -> None:
    # The reader looks for the root element in the first 64 KiB, then reads the rest: an
    # export of 1,000 days (about 180 KB) must give every day, the last ones too.
    records = "\n".join(
        f' <Record type="HKQuantityTypeIdentifierDietaryMagnesium" sourceName="Cronometer" '
        f'unit="mg" startDate="{day} 08:00:00 +0100" endDate="{day} 08:00:00 +0100" '
        f'value="{n % 300}"/>'
        for n, day in enumerate(_days(1000))
    )
    path = tmp_path / "export.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n'
        f"{records}\n</HealthData>\n",
        encoding="utf-8",
    )
    assert path.stat().st_size > 2 * 65_536
    result = read_tracker(str(path))
    assert len(result.days) == 1000
    assert (result.days[-1].date, result.days[-1].mg) == ("2029-09-26", 999 % 300)
    assert result.mean_mg == pytest.approx(sum(n % 300 for n in range(1000)) / 1000)


def _days(count: int) -> list[str]:
    import datetime

    first = datetime.date(2027, 1, 1)
    return [(first + datetime.timedelta(days=n)).isoformat() for n in range(count)]
