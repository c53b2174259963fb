"""Apple Health exports, written from the layout in foods.md ("Food-tracker exports")."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import pytest

from mgcalc.dietary.apple_health import fold
from mgcalc.dietary.trackers import read_tracker
from mgcalc.errors import BadDiet

MG = "HKQuantityTypeIdentifierDietaryMagnesium"
# An Apple export starts with an internal DOCTYPE (shortened here) that declares no entity.
PROLOG = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
]>
"""


def record(
    start: str, value: str, app: str = "Cronometer", unit: str = "mg", kind: str = MG
) -> str:
    """Return one Record as Apple writes it."""
    return (
        f'<Record type="{kind}" sourceName="{app}" sourceVersion="3.1" unit="{unit}" '
        f'creationDate="{start}" startDate="{start}" endDate="{start}" value="{value}"/>'
    )


def food(start: str, value: str, name: str, app: str = "Cronometer") -> str:
    """Return a food Correlation and the top-level copy of its member, as Apple lists both."""
    member = record(start, value, app)
    return (
        f'<Correlation type="HKCorrelationTypeIdentifierFood" sourceName="{app}" '
        f'creationDate="{start}" startDate="{start}" endDate="{start}">\n'
        f'  <MetadataEntry key="HKFoodType" value="{name}"/>\n  {member}\n'
        f"  {record(start, '100', app, 'kcal', 'HKQuantityTypeIdentifierDietaryEnergyConsumed')}\n"
        f"</Correlation>\n{member}"
    )


def export(*records: str, prolog: str = PROLOG) -> str:
    """Return an export.xml with *records* after the export date and the Me element."""
    return (
        f'{prolog}<HealthData locale="en_US">\n'
        ' <ExportDate value="2026-11-12 09:00:00 +0100"/>\n'
        ' <Me HKCharacteristicTypeIdentifierDateOfBirth="1984-02-01"/>\n'
        + "\n".join(f" {each}" for each in records)
        + "\n</HealthData>\n"
    )


WEEK = export(
    record("2026-11-09 08:00:00 +0100", "120"),
    record("2026-11-09 13:00:00 +0100", "0.08", unit="g"),  # 80 mg, in grams
    food("2026-11-10 19:00:00 +0100", "75", "Almonds"),
    record("2026-11-10 23:30:00 -0500", "50"),  # 05:30 UTC the next day: still the 10th
    record("2026-11-11 00:30:00 +0900", "30000", unit="mcg"),  # the 10th in UTC: the 11th
    record("2026-11-11 07:00:00 +0100", "200", kind="HKQuantityTypeIdentifierDietaryCalcium"),
)


def write(tmp_path: Path, text: str, name: str = "export.xml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_days_sum_top_level_records_in_their_units_at_their_own_dates(tmp_path: Path) -> None:
    result = read_tracker(write(tmp_path, WEEK))
    assert [(day.date, day.mg) for day in result.days] == [
        ("2026-11-09", pytest.approx(200)),  # 120 mg + 0.08 g
        ("2026-11-10", pytest.approx(125)),  # the food once (not its nested copy) + 50
        ("2026-11-11", pytest.approx(30)),  # 30,000 mcg
    ]
    assert (result.app, result.layout, result.days_used, result.days_left_out) == (
        "Cronometer", "apple_health", 3, 0,
    )  # fmt: skip
    assert result.mean_mg == pytest.approx((200 + 125 + 30) / 3, abs=1e-9)


def test_micrograms_as_apple_writes_them(tmp_path: Path) -> None:
    text = export(record("2026-11-09 08:00:00 +0100", "5000", unit="\u00b5g"))
    assert read_tracker(write(tmp_path, text)).mean_mg == pytest.approx(5.0)


TWO_APPS = export(
    record("2026-11-09 08:00:00 +0100", "120"),
    record("2026-11-10 08:00:00 +0100", "150"),
    record("2026-11-10 08:00:00 +0100", "90", app="Lose\u00a0It!"),
)


def test_two_apps_are_refused_with_their_day_counts(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_APPS)
    with pytest.raises(BadDiet) as caught:
        read_tracker(path)
    assert str(caught.value) == (
        f"{path}: 2 apps wrote magnesium: Cronometer (2 days), Lose It! (1 day); "
        "choose one with --app NAME (app=NAME in Python)"
    )


@pytest.mark.parametrize(
    ("app", "mean"), [("cronometer", 135.0), ("  LOSE   it! ", 90.0), ("lose\u00a0it!", 90.0)]
)
def test_app_is_matched_folding_case_and_spaces(tmp_path: Path, app: str, mean: float) -> None:
    result = read_tracker(write(tmp_path, TWO_APPS), app=app)
    assert result.mean_mg == pytest.approx(mean)
    assert fold(result.app or "") == fold(app)


def test_an_unknown_app_names_those_that_wrote(tmp_path: Path) -> None:
    with pytest.raises(BadDiet, match=r"no app 'MacroFactor' wrote magnesium; apps: Cron"):
        read_tracker(write(tmp_path, TWO_APPS), app="MacroFactor")


def test_latest_days_and_the_rest_outside(tmp_path: Path) -> None:
    result = read_tracker(write(tmp_path, WEEK), days=2)
    assert [(day.date, day.used, day.left_out) for day in result.days] == [
        ("2026-11-09", False, "outside_days"),
        ("2026-11-10", True, None),
        ("2026-11-11", True, None),
    ]
    assert (result.days_used, result.days_left_out) == (2, 1)


def zipped(tmp_path: Path, members: dict[str, str], name: str = "export.zip") -> str:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return str(path)


CDA = '<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"></ClinicalDocument>\n'


@pytest.mark.parametrize("inside", ["export.xml", "exportar.xml"])
def test_the_zip_is_read_in_place(tmp_path: Path, inside: str) -> None:
    # export_cda.xml sits beside it with another root; a nested folder is not looked into.
    path = zipped(
        tmp_path,
        {
            "apple_health_export/export_cda.xml": CDA,
            "apple_health_export/workout-routes/route.xml": WEEK,
            f"apple_health_export/{inside}": WEEK,
        },
    )
    assert read_tracker(path).days_used == 3
    assert list(tmp_path.iterdir()) == [tmp_path / "export.zip"]  # nothing unpacked


def test_a_zip_from_a_pipe_is_refused(tmp_path: Path) -> None:
    data = Path(zipped(tmp_path, {"apple_health_export/export.xml": WEEK})).read_bytes()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with fifo.open("wb") as writer:
                writer.write(data)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        with pytest.raises(BadDiet) as caught:
            read_tracker(str(fifo))
    finally:
        writer.join(timeout=10)
    assert str(caught.value) == (
        f"{fifo}: a zip file cannot be read from a pipe; give the file itself, or the "
        "export.xml inside it"
    )


def test_the_xml_from_a_pipe_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(WEEK, encoding="utf-8"))
    writer.start()
    try:
        assert read_tracker(str(fifo)).days_used == 3
    finally:
        writer.join(timeout=10)


ENTITY = PROLOG.replace("]>", '<!ENTITY lol "lol">\n]>')
EXTERNAL = PROLOG.replace("]>", '<!ENTITY x SYSTEM "file:///etc/passwd">\n]>')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (export(record("2026-11-09 08:00:00 +0100", "1"), prolog=ENTITY), "declares an entity"),
        (export(record("2026-11-09 08:00:00 +0100", "&x;"), prolog=EXTERNAL), "('x')"),
        ('<?xml version="1.0"?>\n<svg><g/></svg>\n', "is XML but not an Apple Health export"),
        (export(), "an Apple Health export without magnesium records"),
        (export(record("2026-11-09 08:00:00 +0100", "1", unit="kg")), "'kg' is not mg, g"),
        (export(record("2026-11-09 08:00:00 +0100", "x")), "record 1, attribute 'value'"),
        (export(record("2026-W45-1", "1")), "'2026-W45-1' is an ISO week date"),
        (export(record("9 Nov 2026", "1")), "attribute 'startDate': '9 Nov 2026' is not a date"),
        (export(record("2026-11-09 08:00:00 +0100", "1")).replace("</HealthData>", ""), "not well"),
        ("<?xml version='1.0'?>\n<!--" + "x" * 1_100_000 + "-->\n<a/>", "no root element in"),
        ("<?xml version='1.0'?>\n<!-- nothing -->\n", "not well-formed XML (no element found"),
    ],
)
def test_bad_xml_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadDiet) as caught:
        read_tracker(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(path)
    assert "\n" not in str(caught.value)


def test_other_zips_and_workbooks_are_refused(tmp_path: Path) -> None:
    xlsx = zipped(
        tmp_path, {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}, "a.xlsx"
    )
    with pytest.raises(BadDiet, match=r"an Office document \(\.xlsx\)"):
        read_tracker(xlsx)
    other = zipped(tmp_path, {"apple_health_export/export_cda.xml": CDA}, "other.zip")
    with pytest.raises(BadDiet, match="a zip file but not an Apple Health export"):
        read_tracker(other)
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(BadDiet, match="not a readable zip file"):
        read_tracker(str(tmp_path / "bad.zip"))


def test_app_is_refused_for_files_that_are_not_apple_health(tmp_path: Path) -> None:
    path = write(tmp_path, "date,magnesium_mg\n2026-11-09,300\n", "days.csv")
    with pytest.raises(
        BadDiet, match=r"--app \(app= in Python\) chooses among the apps of an Apple Health export"
    ):
        read_tracker(path, app="Cronometer")


def test_only_xml_files_at_the_top_of_the_export_folder_are_looked_at(tmp_path: Path) -> None:
    # Each decoy is a HealthData of other days: only apple_health_export/export.xml is read.
    other = export(record("2025-01-01 08:00:00 +0100", "999"))
    path = zipped(
        tmp_path,
        {
            "export.xml": other,  # outside the export's folder
            "apple_health_export/notes.txt": "not XML at all",
            "apple_health_export/workout-routes/route.xml": other,  # a nested folder
            "apple_health_export/export.xml": WEEK,
        },
    )
    result = read_tracker(path)
    assert [day.date for day in result.days] == ["2026-11-09", "2026-11-10", "2026-11-11"]


LONG = "x" * 45  # names are shown up to 40 characters, units up to 20


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            export(prolog=PROLOG.replace("]>", f'<!ENTITY {LONG} "lol">\n]>')),
            f": its DOCTYPE declares an entity ('{'x' * 40}'); an Apple Health export "
            "declares none",
        ),
        (
            f'<?xml version="1.0"?>\n<{LONG}/>\n',
            f" is XML but not an Apple Health export (its root is <{'x' * 40}>, not <HealthData>)",
        ),
        (
            export(record("2026-11-09 08:00:00 +0100", "1", unit=LONG)),
            f", magnesium record 1, attribute 'unit': '{'x' * 20}' is not mg, g, mcg or µg",
        ),
    ],
)
def test_long_names_are_cut_in_messages(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadDiet) as caught:
        read_tracker(path)
    assert str(caught.value) == path + message


def test_a_long_app_name_is_cut_in_the_message(tmp_path: Path) -> None:
    with pytest.raises(BadDiet) as caught:
        read_tracker(write(tmp_path, TWO_APPS), app=LONG)
    assert f"no app '{'x' * 40}' wrote magnesium; apps: Cronometer (2 days)" in str(caught.value)


def test_apps_are_listed_by_days_then_by_name(tmp_path: Path) -> None:
    text = export(
        record("2026-11-09 08:00:00 +0100", "120"),
        record("2026-11-09 08:00:00 +0100", "90", app="Lose It!"),
        record("2026-11-10 08:00:00 +0100", "90", app="Lose It!"),
        record("2026-11-10 08:00:00 +0100", "5", app="Apple Watch"),
        record("2026-11-10 08:00:00 +0100", "6", app="LoseIt!"),  # another app: no space
        record("2026-11-11 08:00:00 +0100", "7").replace(' sourceName="Cronometer"', ""),
    )
    path = write(tmp_path, text)
    with pytest.raises(BadDiet) as caught:
        read_tracker(path)
    assert str(caught.value) == (
        f"{path}: 5 apps wrote magnesium: Lose It! (2 days), (no app name) (1 day), "
        "Apple Watch (1 day), Cronometer (1 day), LoseIt! (1 day); choose one with --app NAME "
        "(app=NAME in Python)"
    )


def test_micrograms_with_the_greek_mu(tmp_path: Path) -> None:
    text = export(record("2026-11-09 08:00:00 +0100", "5000", unit="\u03bcg"))
    assert read_tracker(write(tmp_path, text)).mean_mg == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (1_000_000, "not well-formed XML (no element found"),  # read to its end
        (1_000_001, "no root element in the first 1,000,000 bytes"),
    ],
)
def test_the_root_is_looked_for_in_the_first_million_bytes(
    tmp_path: Path, size: int, message: str
) -> None:
    head, tail = "<?xml version='1.0'?>\n<!--", "-->\n" if size == 1_000_000 else ""
    text = head + "x" * (size - len(head) - len(tail)) + tail
    path = write(tmp_path, text)
    assert Path(path).stat().st_size == size
    with pytest.raises(BadDiet) as caught:
        read_tracker(path)
    assert str(caught.value).startswith(f"{path}: {message}")
