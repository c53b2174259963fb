"""``mgcalc diet``: leading gaps, '-' for stdin, refusals with a hint, the plain chart's marks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mgcalc as library
from mgcalc.errors import BadDiet
from mgcalc.interfaces.cli import app

WOMAN = ("--age", "45", "--sex", "female", "--no-profile")
FIRST_GAP = (
    "Date,Magnesium (mg),Completed\n2026-11-01,,true\n2026-11-02,300,true\n2026-11-03,280,true\n"
)
MG = "HKQuantityTypeIdentifierDietaryMagnesium"


def test_a_leading_gap_is_missing_and_in_the_period(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(FIRST_GAP, "utf-8")
    data = mgcalc("diet", str(path), *WOMAN, "--json").json()
    assert [d["left_out"] for d in data["days"]] == ["missing", None, None]
    summary = data["summary"]
    assert (summary["missing"], summary["outside_days"], summary["calendar_days"]) == (1, 0, 3)
    assert (summary["first"], summary["last"]) == ("2026-11-01", "2026-11-03")
    assert summary["mean_mg"] == pytest.approx(290)
    out = mgcalc("diet", str(path), *WOMAN).stdout
    assert "3 day(s) in the file, 2 used; left out: 1 without a magnesium value." in out
    assert "Logged 2 of 3 calendar day(s), 2026-11-01 to 2026-11-03." in out
    assert "2026-11-01 without a magnesium value" in out
    assert "outside --days" not in out
    # A leading day not completed keeps its reason too.
    path.write_text(FIRST_GAP.replace("2026-11-01,,true", "2026-11-01,100,false"), "utf-8")
    data = mgcalc("diet", str(path), *WOMAN, "--json").json()
    assert [d["left_out"] for d in data["days"]] == ["not_completed", None, None]


def test_days_drops_everything_before_its_window(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(FIRST_GAP, "utf-8")
    data = mgcalc("diet", str(path), "--days", "1", *WOMAN, "--json").json()
    assert [d["left_out"] for d in data["days"]] == ["outside_days", "outside_days", None]
    assert (data["summary"]["first"], data["summary"]["calendar_days"]) == ("2026-11-03", 1)
    # A --days that drops no day with a value sets no window.
    data = mgcalc("diet", str(path), "--days", "2", *WOMAN, "--json").json()
    assert [d["left_out"] for d in data["days"]] == ["missing", None, None]


def test_dash_reads_stdin_for_diet_and_diet_file(mgcalc: Any) -> None:
    data = mgcalc("diet", "-", *WOMAN, "--json", input=FIRST_GAP).json()
    assert (data["path"], data["summary"]["mean_mg"]) == ("<stdin>", pytest.approx(290))
    dose = mgcalc("dose", "--diet-file", "-", *WOMAN, "--json", input=FIRST_GAP).json()
    assert dose["diet_mg"] == pytest.approx(290)
    assert dose["diet"]["file"]["path"] == "<stdin>"
    xml = (
        f'<?xml version="1.0"?>\n<HealthData locale="en_US">\n<Record type="{MG}" '
        'sourceName="Cronometer" unit="mg" startDate="2026-11-09 08:00:00 +0100" '
        'endDate="2026-11-09 08:00:00 +0100" value="310"/>\n</HealthData>\n'
    )
    data = mgcalc("diet", "-", *WOMAN, "--json", input=xml).json()
    assert (data["app"], data["summary"]["mean_mg"]) == ("Cronometer", 310)


def test_a_zip_from_stdin_is_one_line() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("apple_health_export/export.xml", "<HealthData/>")
    run = CliRunner().invoke(app, ["diet", "-", *WOMAN], input=buffer.getvalue())
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == (
        "error: <stdin>: a zip file cannot be read from a pipe; give the file itself, or the "
        "export.xml inside it\n"
    )


def test_refusals_say_what_to_do(mgcalc: Any, tmp_path: Path) -> None:
    semi = tmp_path / "semi.csv"
    semi.write_text("date;magnesium_mg\n2026-11-01;300\n", "utf-8")
    run = mgcalc("diet", str(semi), *WOMAN)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        f"error: {semi}: the file is separated by ';'; mgcalc reads comma-separated CSV\n"
    )
    big = tmp_path / "big.csv"
    big.write_text("date,magnesium_mg\n" + "2026-11-01,300\n" * 700_000, "utf-8")
    run = mgcalc("diet", str(big), *WOMAN)
    assert run.exit_code == 2
    assert "larger than 10,000,000 bytes; export a shorter period" in run.stderr
    assert "read as streams" in run.stderr


def test_several_apps_name_the_python_argument_too(tmp_path: Path) -> None:
    records = "".join(
        f'<Record type="{MG}" sourceName="{name}" unit="mg" startDate="2026-11-09 08:00:00 '
        f'+0100" endDate="2026-11-09 08:00:00 +0100" value="300"/>\n'
        for name in ("Cronometer", "Lose It")
    )
    path = tmp_path / "export.xml"
    path.write_text(f"<HealthData>\n{records}</HealthData>\n", "utf-8")
    with pytest.raises(BadDiet, match=r"--app NAME \(app=NAME in Python\)$"):
        library.diet_report(path, age=45, sex="female")
    assert library.diet_report(path, app="lose it", age=45, sex="female").app == "Lose It"


def test_the_plain_chart_has_a_mark_for_each_band(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    # IOM 1997, women 31-50 y: EAR 265, RDA 320 (reference.md).
    rows = [("2026-11-01", 200), ("2026-11-02", 300), ("2026-11-03", 400)]
    path.write_text("date,magnesium_mg\n" + "".join(f"{d},{v}\n" for d, v in rows), "utf-8")
    lines = mgcalc("diet", str(path), *WOMAN).stdout.splitlines()
    bar = {d: next(line for line in lines if line.startswith(d))[11:] for d, _ in rows}
    assert set(bar["2026-11-01"].split()[0]) == {"-"}  # below the EAR
    assert set(bar["2026-11-02"].split()[0]) == {"="}  # between the EAR and the RDA
    assert "+" in bar["2026-11-03"] and "=" in bar["2026-11-03"]  # past the RDA: "+"
    assert "#" not in "".join(bar.values())  # "#" is the dose bars' caution (above the UL)
    assert "- below the EAR, = up to the RDA, + above the RDA (good)" in "\n".join(lines)


def test_the_diet_summary_in_help_is_whole(mgcalc: Any) -> None:
    from mgcalc.interfaces import diet_command

    doc = diet_command.diet.__doc__ or ""
    first = doc.split("\n\n")[0].strip()
    assert "\n" not in first and first.endswith(".")
    assert first in " ".join(mgcalc("--help").stdout.split()).replace("│ ", "")
