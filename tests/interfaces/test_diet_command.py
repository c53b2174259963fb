"""``mgcalc diet FILE``: the period report, as JSON and as text, and its refusals."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mgcalc as library
from mgcalc.errors import BadDiet

WOMAN = ("--age", "40", "--sex", "female", "--no-profile")
DAILY = "Date,Energy (kcal),Magnesium (mg),Completed\n"
SERVINGS_HEADER = "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg)\n"
MG = "HKQuantityTypeIdentifierDietaryMagnesium"


def daily(tmp_path: Path, rows: list[tuple[str, str, str]]) -> str:
    path = tmp_path / "dailysummary.csv"
    path.write_text(DAILY + "".join(f"{d},2000,{mg},{done}\n" for d, mg, done in rows), "utf-8")
    return str(path)


FIVE = [
    ("2026-11-02", "250", "true"),
    ("2026-11-03", "", "true"),
    ("2026-11-04", "300", "false"),
    ("2026-11-06", "410.5", "true"),
    ("2026-11-07", "120", "true"),
]


def test_json_pins_days_weeks_summary_and_the_verdict(mgcalc: Any, tmp_path: Path) -> None:
    run = mgcalc("diet", daily(tmp_path, FIVE), *WOMAN, "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert set(data) == {
        "schema_version", "path", "app", "layout", "days", "weeks", "top_foods",
        "foods_without_value", "summary", "profile", "profile_source", "reference",
        "assessment", "notes",
    }  # fmt: skip
    assert [(d["date"], d["mg"], d["used"], d["left_out"]) for d in data["days"]] == [
        ("2026-11-02", 250, True, None),
        ("2026-11-03", None, False, "missing"),
        ("2026-11-04", 300, False, "not_completed"),
        ("2026-11-06", 410.5, True, None),
        ("2026-11-07", 120, True, None),
    ]
    assert data["summary"] == {
        "days_in_file": 5, "days_used": 3, "not_completed": 1, "missing": 1, "outside_days": 0,
        "first": "2026-11-02", "last": "2026-11-07", "calendar_days": 6, "days_at_least": 0,
        "mean_mg": pytest.approx((250 + 410.5 + 120) / 3), "min_mg": 120, "max_mg": 410.5,
    }  # fmt: skip
    # 2026-11-02 is a Monday (ISO week 45); the period ends on Saturday the 7th: 6 days.
    assert data["weeks"] == [
        {"week": "2026-W45", "monday": "2026-11-02", "days_in_period": 6, "days_used": 3,
         "mean_mg": pytest.approx((250 + 410.5 + 120) / 3)},
    ]  # fmt: skip
    assert (data["top_foods"], data["foods_without_value"], data["app"]) == ([], [], None)
    # IOM 1997, women 31-50 y: EAR 265, RDA 320 (reference.md); mean 260.2 < EAR.
    assert (data["reference"]["ear_mg"], data["reference"]["rda_mg"]) == (265, 320)
    assert data["assessment"]["adequacy"] == "likely_inadequate"
    dose = mgcalc("dose", "--diet-file", daily(tmp_path, FIVE), *WOMAN, "--json").json()
    assert data["assessment"] == dose["assessment"]  # the same core, with no supplements
    assert dose["diet"]["file"]["days"] == data["days"]


def test_days_keeps_the_latest_and_counts_the_rest_outside(mgcalc: Any, tmp_path: Path) -> None:
    data = mgcalc("diet", daily(tmp_path, FIVE), "--days", "2", *WOMAN, "--json").json()
    assert [d["left_out"] for d in data["days"]] == [
        "outside_days", "outside_days", "outside_days", None, None,
    ]  # fmt: skip
    assert (data["summary"]["outside_days"], data["summary"]["days_used"]) == (3, 2)


def test_text_shows_the_days_and_the_marks(mgcalc: Any, tmp_path: Path) -> None:
    out = mgcalc("diet", daily(tmp_path, FIVE), *WOMAN).stdout
    assert "5 day(s) in the file, 3 used; left out: 1 not completed, 1 without a" in out
    assert "Logged 3 of 6 calendar day(s), 2026-11-02 to 2026-11-07." in out
    assert "lowest 120 mg (2026-11-07), highest 410.5 mg (2026-11-06)" in out
    lines = out.splitlines()
    assert next(line for line in lines if line.startswith("2026-11-03")).endswith(
        "without a magnesium value"
    )
    assert next(line for line in lines if line.startswith("2026-11-06")).endswith("410.5 mg")
    assert ": EAR 265 mg   | RDA 320 mg\n" in out  # plain: not a terminal
    assert "- below the EAR, = up to the RDA, + above the RDA (good)" in out
    assert all(ord(char) < 128 for line in lines[:12] for char in line)


def render(result: Any, *, width: int = 80, terminal: bool) -> str:
    from rich.console import Console

    from mgcalc.interfaces.render import renderables

    stream = io.StringIO()
    console = Console(
        file=stream, width=width, force_terminal=terminal, no_color=not terminal,
        color_system="truecolor" if terminal else None, highlight=False,
    )  # fmt: skip
    for each in renderables(result):
        console.print(each)
    return stream.getvalue()


def test_the_chart_fits_80_columns_with_colour_and_without(tmp_path: Path) -> None:
    rows = [(f"2026-10-{day:02d}", str(100 + day * 10), "true") for day in range(1, 32)]
    result = library.diet_report(daily(tmp_path, rows), age=40, sex="female")
    coloured = render(result, terminal=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert "┊ EAR 265 mg   │ RDA 320 mg" in plain
    assert plain.count("█") > 100
    for text in (plain, render(result, terminal=False)):
        assert max(len(line) for line in text.splitlines()) <= 80
        assert sum(line.startswith("2026-10-") for line in text.splitlines()) == 31


def test_beyond_31_days_the_chart_has_iso_weeks(tmp_path: Path) -> None:
    first = datetime.date(2026, 10, 1)  # a Thursday: the first week is partial (4 days)
    rows = [((first + datetime.timedelta(days=n)).isoformat(), "300", "true") for n in range(40)]
    result = library.diet_report(daily(tmp_path, rows), age=40, sex="female")
    assert [(w.week, w.days_in_period, w.days_used) for w in result.weeks] == [
        ("2026-W40", 4, 4), ("2026-W41", 7, 7), ("2026-W42", 7, 7), ("2026-W43", 7, 7),
        ("2026-W44", 7, 7), ("2026-W45", 7, 7), ("2026-W46", 1, 1),
    ]  # fmt: skip
    text = render(result, terminal=False)
    assert "2026-W40 (4 d) " in text
    assert "2026-W41      " in text
    assert not any(line.startswith("2026-10-") for line in text.splitlines())
    coloured = re.sub(r"\x1b\[[0-9;]*m", "", render(result, terminal=True))
    assert max(len(line) for line in coloured.splitlines()) <= 80


SERVINGS = (
    SERVINGS_HEADER
    + "2026-11-09,08:00,Breakfast,Oats,40 g,150,55\n"
    + "2026-11-09,09:00,Breakfast,Almonds,28 g,164,76.5\n"
    + "2026-11-09,13:00,Lunch,Soup,1 bowl,200,\n"
    + "2026-11-10,08:00,Breakfast,Almonds,28 g,164,76.5\n"
    + "2026-11-10,19:00,Dinner,Spinach,100 g,23,79\n"
)


def test_per_food_exports_get_top_foods_and_foods_without_a_value(
    mgcalc: Any, tmp_path: Path
) -> None:
    path = tmp_path / "servings.csv"
    path.write_text(SERVINGS, encoding="utf-8")
    data = mgcalc("diet", str(path), *WOMAN, "--json").json()
    whole = 55 + 76.5 * 2 + 79
    assert data["top_foods"] == [
        {"name": "Almonds", "mg": 153, "share": pytest.approx(153 / whole)},
        {"name": "Spinach", "mg": 79, "share": pytest.approx(79 / whole)},
        {"name": "Oats", "mg": 55, "share": pytest.approx(55 / whole)},
    ]
    assert data["foods_without_value"] == [{"name": "Soup", "times": 1}]
    assert data["summary"]["days_at_least"] == 1
    assert data["days"][0]["unknown_foods"] == 1
    assert any("half-logged day lowers the mean" in note for note in data["notes"])
    assert any("at least the sum shown" in note for note in data["notes"])
    text = mgcalc("diet", str(path), *WOMAN).stdout
    assert "Foods without a magnesium value (times logged): Soup (1)." in text
    assert "131.5 mg >=" in text
    assert "Almonds" in text


def apple(tmp_path: Path) -> str:
    records = [
        f'<Record type="{MG}" sourceName="{app}" unit="mg" startDate="{d} 08:00:00 +0100" '
        f'endDate="{d} 08:00:00 +0100" value="{mg}"/>'
        for app, d, mg in [
            ("Cronometer", "2026-11-09", 300),
            ("Cronometer", "2026-11-10", 200),
            ("Apple\u00a0Watch", "2026-11-10", 5),
        ]
    ]
    path = tmp_path / "export.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<HealthData locale="en_US">\n' + "\n".join(records)
        + "\n</HealthData>\n", encoding="utf-8",
    )  # fmt: skip
    return str(path)


def test_app_on_diet_dose_and_plan(mgcalc: Any, tmp_path: Path) -> None:
    path = apple(tmp_path)
    refused = mgcalc("diet", path, *WOMAN)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"error: {path}: 2 apps wrote magnesium: Cronometer (2 days), Apple Watch (1 day); "
        "choose one with --app NAME (app=NAME in Python)\n"
    )
    assert refused.stdout == ""
    data = mgcalc("diet", path, "--app", "cronometer", *WOMAN, "--json").json()
    assert (data["app"], data["layout"], data["summary"]["mean_mg"]) == (
        "Cronometer", "apple_health", 250,
    )  # fmt: skip
    dose = mgcalc("dose", "--diet-file", path, "--app", "APPLE WATCH", *WOMAN, "--json").json()
    assert (dose["diet"]["file"]["app"], dose["diet_mg"]) == ("Apple Watch", 5)
    plan = mgcalc("plan", "glycinate", "--diet-file", path, "--app", "Cronometer", *WOMAN)
    assert "Diet file:" in plan.stdout and "(Cronometer): 2 of 2 day(s) used" in plan.stdout
    text = mgcalc("dose", "glycinate=100mg", "--diet-file", path, "--app", "cronometer", *WOMAN)
    assert "(Cronometer): 2 of 3 day(s) used" not in text.stdout
    assert "2 of 2 day(s) used, mean 250 mg a day (200 mg to 300 mg)." in text.stdout
    lone = mgcalc("dose", "glycinate=100mg", "--app", "Cronometer", *WOMAN)
    assert (lone.exit_code, lone.stderr) == (
        2, "error: --days, --include-incomplete and --app go with --diet-file\n",
    )  # fmt: skip


def test_dose_text_says_the_days_left_out_and_why(mgcalc: Any, tmp_path: Path) -> None:
    out = mgcalc("dose", "--diet-file", daily(tmp_path, FIVE), "--days", "1", *WOMAN).stdout
    assert "1 of 5 day(s) used, mean 120 mg a day" in out
    assert "Left out: 4 outside --days." in out  # before the days kept, whatever else
    every = mgcalc("dose", "--diet-file", daily(tmp_path, FIVE), *WOMAN).stdout
    assert "Left out: 1 not completed, 1 without a magnesium value." in every


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ('<?xml version="1.0"?>\n<gpx/>\n', "route.gpx", "is XML but not an Apple Health export"),
        ("Date,Name,Meal,Quantity,Units,Calories\n", "food-logs.csv", "Lose It exports no mag"),
        ("date,magnesium_mg\n2026-W45-1,300\n", "d.csv", "row 2, column 'date': '2026-W45-1'"),
        ("date,magnesium_mg\n2026-11-02,300\n2026-11-02,1\n", "d.csv", "row 3, column 'date'"),
    ],
)
def test_bad_files_are_one_line_and_exit_2(
    mgcalc: Any, tmp_path: Path, text: str, name: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = mgcalc("diet", str(path), *WOMAN, "--json")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.startswith(f"error: {path}") and message in run.stderr
    assert run.stderr.count("\n") == 1


def test_the_api_refuses_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(BadDiet, match=r"days must be a whole number of days, not 2\.5"):
        library.diet_report("x.csv", days=2.5)  # type: ignore[arg-type]
    with pytest.raises(BadDiet, match="app must be text such as 'Cronometer', not 3"):
        library.diet_report("x.csv", app=3)  # type: ignore[arg-type]
    with pytest.raises(BadDiet, match="--days must be at least 1, not 0"):
        library.diet_report("x.csv", days=0)
    assert library.diet_report(daily(tmp_path, FIVE)).summary.days_used == 3


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.floats(0, 2000, allow_nan=False)),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    ),
    st.one_of(st.none(), st.integers(1, 40)),
    st.booleans(),
)
def test_the_mean_is_the_mean_of_the_days_listed_as_used(
    tmp_path_factory: pytest.TempPathFactory,
    days: list[tuple[float | None, bool]],
    latest: int | None,
    include_incomplete: bool,
) -> None:
    first = datetime.date(2026, 1, 1)
    rows = [
        ((first + datetime.timedelta(days=n)).isoformat(), "" if mg is None else repr(mg),
         "true" if done else "false")
        for n, (mg, done) in enumerate(days)
    ]  # fmt: skip
    path = daily(tmp_path_factory.mktemp("property"), rows)
    try:
        result = library.diet_report(path, days=latest, include_incomplete=include_incomplete)
    except BadDiet as error:
        assert "no days with magnesium" in str(error)
        assert not any(mg is not None and (done or include_incomplete) for mg, done in days)
        return
    used = [day.mg for day in result.days if day.used]
    assert all(value is not None for value in used)
    assert (
        result.summary.days_used
        == len(used)
        == min(
            latest or len(days),
            sum(1 for mg, done in days if mg is not None and (done or include_incomplete)),
        )
    )
    assert result.summary.mean_mg == pytest.approx(sum(used) / len(used))  # type: ignore[arg-type]
    assert result.summary.min_mg == min(used)  # type: ignore[type-var]


def test_the_json_path_imports_neither_rich_nor_pint(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = daily(tmp_path, FIVE)
    env = {**os.environ, "NO_COLOR": "1", "MGCALC_CONFIG": str(tmp_path / "none.toml")}
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mgcalc", "diet", path, *WOMAN,
         "--json"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert "mgcalc.interfaces.diet_command" in imported
    assert sorted(name for name in imported if name.split(".")[0] in ("rich", "pint")) == []


def test_app_in_the_python_api(tmp_path: Path) -> None:
    path = apple(tmp_path)
    checked = library.dose([], diet_file=path, app="cronometer", age=40, sex="female")
    assert checked.diet is not None and checked.diet.file is not None
    assert (checked.diet.file.app, checked.diet_mg) == ("Cronometer", 250)
    planned = library.plan("glycinate", diet_file=path, app="Apple Watch", age=40, sex="female")
    assert planned.diet_mg == 5
    assert library.diet(diet_file=path, app="apple watch") is not None
    with pytest.raises(BadDiet, match="2 apps wrote magnesium"):
        library.diet(diet_file=path)
