"""Foods, water and tracker files end to end: the food command, dose and plan, requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

WOMAN = ["--age", "30", "--sex", "female"]
FOOD_KEYS = {
    "schema_version", "query", "matched_by", "reason", "found", "foods", "portions", "notes",
}  # fmt: skip
FOOD_ROW_KEYS = {"ndb", "description", "food_group", "mg_per_100g", "data_points", "source"}
DIET_FOOD_KEYS = {
    "ndb", "description", "input", "grams", "portion", "mg_per_100g", "mg", "source",
    "matched_by", "variants", "reason", "notes",
}  # fmt: skip
CRONOMETER = "Date,Energy (kcal),Calcium (mg),Magnesium (mg),Protein (g),Completed\n"


def test_food_table_fits_80_columns(mgcalc: Any) -> None:
    run = mgcalc("food", "almonds")
    assert run.exit_code == 0
    for text in (
        "12061",
        "Nuts, almonds",
        "270 mg",
        "1 cup, whole",
        "143 g",
        "386.1 mg",
        "Release 28",
    ):
        assert text in run.stdout, text
    from mgcalc.interfaces.api import food
    from mgcalc.interfaces.render import renderables

    width = _widest(renderables(food("black beans cooked")))
    assert width <= 80


def _widest(parts: list[Any]) -> int:
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    console = Console(file=out, width=80, no_color=True)
    for part in parts:
        console.print(part)
    return max(len(line) for line in out.getvalue().splitlines())


def test_food_json_is_pinned(mgcalc: Any) -> None:
    data = mgcalc("food", "banana", "--json").json()
    assert set(data) == FOOD_KEYS
    assert (data["matched_by"], data["reason"]) == ("word_table", "bananas, raw")
    assert set(data["foods"][0]) == FOOD_ROW_KEYS
    assert data["foods"][0] == {
        "ndb": "09040", "description": "Bananas, raw", "food_group": "Fruits and Fruit Juices",
        "mg_per_100g": 27.0, "data_points": 45, "source": "USDA SR28 (2015) NDB 09040",
    }  # fmt: skip
    medium = [p for p in data["portions"] if p["description"].startswith("medium")]
    assert medium == [
        {"amount": 1.0, "description": 'medium (7" to 7-7/8" long)', "grams": 118.0,
         "mg": pytest.approx(31.86)},
    ]  # fmt: skip


def test_food_by_ndb_number_and_words_in_any_order(mgcalc: Any) -> None:
    assert mgcalc("food", "9040", "--json").json()["foods"][0]["description"] == "Bananas, raw"
    first = mgcalc("food", "cooked", "black", "beans", "--json").json()["foods"][0]
    assert first["ndb"] == "16015"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["food", "almnds"], "did you mean 'almond' for 'almnds'"),
        (["food", "99999"], "no food has NDB number 99999"),
        (["food"], "give words of a food's name (mgcalc food almonds) or --top"),
        (["dose", "--food", "almonds=1slice", *WOMAN], "has no portion 'slice'; its portions"),
        (["dose", "--food", "milk 2%=1cup", *WOMAN], "matches 2 foods equally well"),
        (["dose", "--food", "19065=1oz", *WOMAN], "unknown, not 0"),
        (["dose", "--food", "almonds", *WOMAN], "is not FOOD=AMOUNT"),
        (["dose", "--diet", "1.5L", *WOMAN], "is a volume: give the water's magnesium too"),
        (["dose", *WOMAN], "no items"),
        (["dose", "--days", "3", "--diet", "0mg", *WOMAN], "go with --diet-file"),
        (["dose", "--diet-file", "/nonexistent.csv", *WOMAN], "cannot read '/nonexistent.csv'"),
        (["plan", "glycinate", *WOMAN], "--target rda is a total intake"),
        (["plan", "glycinate"], "needs a person"),
    ],
)
def test_refusals(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc(*args), message)


def test_diet_only_dose_with_food_and_water(mgcalc: Any) -> None:
    args = ["dose", "--food", "spinach=1cup", "--diet", "1L@100mg/L", *WOMAN]
    data = mgcalc(*args, "--json").json()
    assert (data["items"], data["supplemental_mg"]) == ([], 0)
    diet = data["diet"]
    assert set(diet["foods"][0]) == DIET_FOOD_KEYS
    assert diet["foods"][0] == {
        "ndb": "11457", "description": "Spinach, raw", "input": "spinach=1cup", "grams": 30.0,
        "portion": "cup", "mg_per_100g": 79.0, "mg": pytest.approx(23.7),
        "source": "USDA SR28 (2015) NDB 11457", "matched_by": "word_table",
        "variants": [
            {"ndb": "11458", "description": "Spinach, cooked, boiled, drained, without salt",
             "mg": pytest.approx(180 * 87 / 100)},
        ],
        "reason": "spinach, raw (eaten raw in salads)", "notes": [],
    }  # fmt: skip
    assert diet["entries"] == [{"input": "1L@100mg/L", "mg": 100.0}]
    assert data["diet_mg"] == diet["mg"] == pytest.approx(123.7)
    assert data["assessment"]["adequacy"] == "likely_inadequate"  # < EAR 255
    table = mgcalc(*args).stdout
    for text in ("Spinach, raw", "NDB 11457", "30 g: cup", "23.7 mg", "water", "123.7 mg"):
        assert text in table, text


def test_repeatable_diet_and_three_foods_add_up(mgcalc: Any) -> None:
    data = mgcalc(
        "dose", "glycinate=500mg", "--diet", "100mg", "--diet", "1.5L@20mg/L",
        "--food", "almonds=1oz", "--food", "banana=1medium", "--food", "09040=0.5 cup, sliced",
        *WOMAN, "--json",
    ).json()  # fmt: skip
    foods = 0.28350 * 270 + 1.18 * 27 + 0.75 * 27
    assert data["diet_mg"] == pytest.approx(100 + 30 + foods, rel=1e-9)
    assert [food["portion"] for food in data["diet"]["foods"]] == [
        None, 'medium (7" to 7-7/8" long)', "cup, sliced",
    ]  # fmt: skip
    assert data["total_mg"] == pytest.approx(data["diet_mg"] + data["supplemental_mg"])


def test_no_diet_is_not_assessed_and_says_how_to_give_it(mgcalc: Any) -> None:
    run = mgcalc("dose", "glycinate=500mg", *WOMAN)
    assert "Adequacy not assessed: it needs the diet" in run.stdout
    data = mgcalc("dose", "glycinate=500mg", *WOMAN, "--json").json()
    assert any("--diet 0mg judges the supplements alone" in note for note in data["notes"])
    assert data["assessment"]["adequacy"] == "not_assessed"
    assert data["assessment"]["reason"] == "no_diet"
    assert data["assessment"]["ul"] == "within"
    assert (data["diet"], data["diet_mg"]) == (None, 0)
    judged = mgcalc("dose", "glycinate=500mg", "--diet", "0mg", *WOMAN, "--json").json()
    assert judged["assessment"]["adequacy"] == "likely_inadequate"


def test_plan_with_foods_and_explicit_target_without_diet(mgcalc: Any) -> None:
    data = mgcalc(
        "plan", "elemental", "--food", "almonds=1oz", "--diet", "100mg", *WOMAN, "--json"
    ).json()
    assert data["diet_mg"] == pytest.approx(176.545)
    assert data["needed_mg"] == pytest.approx(310 - 176.545)
    given = mgcalc("plan", "elemental", "--target", "200mg", *WOMAN, "--json").json()
    assert (given["diet"], given["needed_mg"]) == (None, 200)


def test_diet_file(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "dailysummary.csv"
    path.write_text(
        CRONOMETER + "2024-03-01,1900,800,250,70,true\n2024-03-02,2100,900,350,80,true\n"
        "2024-03-03,900,300,90,20,false\n",
        encoding="utf-8",
    )
    data = mgcalc("dose", "--diet-file", str(path), *WOMAN, "--json").json()
    file = data["diet"]["file"]
    assert (file["days_used"], file["days_left_out"], file["mean_mg"]) == (2, 1, 300)
    assert file["days"] == [
        {"date": "2024-03-01", "mg": 250, "used": True, "left_out": None, "unknown_foods": 0},
        {"date": "2024-03-02", "mg": 350, "used": True, "left_out": None, "unknown_foods": 0},
        {"date": "2024-03-03", "mg": 90, "used": False, "left_out": "not_completed",
         "unknown_foods": 0},
    ]  # fmt: skip
    assert (file["app"], file["layout"]) == (None, "daily")
    assert data["diet_mg"] == 300
    assert any("usual intake" in note for note in data["notes"])
    assert any("supplements logged in it" in note for note in data["notes"])
    every = mgcalc("dose", "--diet-file", str(path), "--include-incomplete", *WOMAN, "--json")
    assert every.json()["diet"]["file"]["days_used"] == 3
    latest = mgcalc("dose", "--diet-file", str(path), "--days", "1", *WOMAN, "--json").json()
    assert latest["diet_mg"] == 350
    table = mgcalc("dose", "--diet-file", str(path), *WOMAN).stdout
    assert "mean of 2 day(s)" in table
    assert "250–350 mg a day" in table


def test_myfitnesspal_file_is_refused(mgcalc: Any, tmp_path: Path) -> None:
    path = tmp_path / "nutrition.csv"
    path.write_text("Date,Meal,Calories,Fat (g),Note\n2024-01-01,Lunch,600,20,\n", "utf-8")
    assert_refused(mgcalc("dose", "--diet-file", str(path), *WOMAN), "MyFitnessPal export")


def test_requests_take_foods_and_diet_lists(mgcalc: Any) -> None:
    request = {"foods": ["almonds=1oz"], "diet": ["100mg", 50], "age": 30, "sex": "female"}
    data = mgcalc("dose", "--input", "-", "--json", input=json.dumps(request)).json()
    assert data["diet_mg"] == pytest.approx(76.545 + 150)
    assert [entry["input"] for entry in data["diet"]["entries"]] == ["100mg", "50mg"]
    plan = {"form": "elemental", "foods": ["banana=1medium"], "age": 30, "sex": "female"}
    planned = mgcalc("plan", "--input", "-", "--json", input=json.dumps(plan)).json()
    assert planned["needed_mg"] == pytest.approx(310 - 31.86)


def test_batch_lines_with_foods(mgcalc: Any) -> None:
    lines = [
        {"id": "a", "items": ["glycinate=500mg"], "foods": ["spinach=1cup"], "age": 30,
         "sex": "female"},
        {"id": "b", "diet": "250mg", "age": 30, "sex": "female"},
        {"id": "c", "items": ["glycinate=500mg"], "age": 30, "sex": "female"},
        {"id": "d", "foods": ["almnds=1cup"], "age": 30, "sex": "female"},
    ]  # fmt: skip
    run = mgcalc("dose", "--batch", "-", input="\n".join(json.dumps(line) for line in lines))
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert out[0]["result"]["diet"]["foods"][0]["ndb"] == "11457"
    assert out[1]["result"]["diet_mg"] == 250
    assert out[2]["result"]["assessment"]["reason"] == "no_diet"
    assert not out[3]["ok"]
    assert "did you mean 'almond'" in out[3]["error"]["message"]
    assert run.exit_code == 2


def test_csv_batch_splits_foods_and_diet(mgcalc: Any) -> None:
    text = "id,foods,diet,age,sex\nx,almonds=1oz;banana=1medium,100mg;1L@10mg/L,30,female\n"
    run = mgcalc("dose", "--batch", "-", "--batch-format", "csv", "--format", "csv", input=text)
    assert run.exit_code == 0, run.stderr
    header, row = run.stdout.splitlines()
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert float(values["diet_mg"]) == pytest.approx(76.545 + 31.86 + 110)
