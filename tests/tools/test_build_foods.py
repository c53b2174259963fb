"""tools/build_foods.py on SR28-shaped records: what it keeps, and what it refuses."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "build_foods.py"
pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="needs the source tree")


@pytest.fixture(scope="module")
def build_foods() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_foods", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def records(nutrient: str = "Magnesium, Mg") -> dict[str, list[list[str]]]:
    """Two foods as SR28's files give them (fields already unwrapped)."""
    return {
        "NUTR_DEF.txt": [
            ["304", "mg", "MG", nutrient, "0", "6000"],
            ["208", "kcal", "ENERC_KCAL", "Energy", "0", "300"],
        ],
        "FD_GROUP.txt": [["1200", "Nut and Seed Products"]],
        "FOOD_DES.txt": [
            ["12061", "1200", "Nuts, almonds", "ALMONDS", "", "", "Y"],
            ["12999", "1200", "Nuts, unknown", "UNKNOWN", "nut, mystery", "", ""],
        ],
        "NUT_DATA.txt": [
            ["12061", "203", "21.15", "88"],
            ["12061", "304", "270", "88"],
            ["12061", "208", "579", "0"],
        ],
        "WEIGHT.txt": [
            ["12061", "2", "1", "cup, sliced", "92", "", ""],
            ["12061", "1", "1", "cup, whole", "143", "23", "6.098"],
        ],
    }


def test_rows_keep_sr28_values_and_leave_unknown_magnesium_empty(build_foods: ModuleType) -> None:
    almonds, unknown = build_foods.build(records())
    assert almonds == {
        "ndb": "12061", "description": "Nuts, almonds", "common_name": "",
        "food_group": "Nut and Seed Products", "survey": "Y", "mg_per_100g": "270",
        "data_points": "88", "kcal_per_100g": "579",
        "portions": "1|cup, whole|143;1|cup, sliced|92", "source": "USDA SR28 (2015) NDB 12061",
    }  # fmt: skip
    assert (unknown["mg_per_100g"], unknown["data_points"], unknown["portions"]) == ("", "", "")
    assert (unknown["survey"], unknown["common_name"], unknown["kcal_per_100g"]) == (
        "", "nut, mystery", "",
    )  # fmt: skip


def test_refuses_what_is_not_sr28(build_foods: ModuleType) -> None:
    with pytest.raises(SystemExit, match="not magnesium"):
        build_foods.build(records(nutrient="Calcium, Ca"))
    twice = records()
    twice["NUT_DATA.txt"].append(["12061", "304", "271", "1"])
    with pytest.raises(SystemExit, match="two magnesium rows for 12061"):
        build_foods.build(twice)
    energy = records()
    energy["NUTR_DEF.txt"][1][1] = "kJ"
    with pytest.raises(SystemExit, match="not energy in kcal"):
        build_foods.build(energy)
    survey = records()
    survey["FOOD_DES.txt"][0][6] = "N"
    with pytest.raises(SystemExit, match="Survey of 12061 is 'N'"):
        build_foods.build(survey)


def test_fields_unwrap_text_and_keep_numbers(build_foods: ModuleType) -> None:
    assert build_foods.field("~cup, whole~") == "cup, whole"
    assert (build_foods.field("143"), build_foods.field("")) == ("143", "")


def test_a_file_that_is_not_the_sdist_is_refused(build_foods: ModuleType, tmp_path: Path) -> None:
    fake = tmp_path / build_foods.SDIST_NAME
    fake.write_bytes(b"not the sdist")
    with pytest.raises(SystemExit, match="is not the expected sdist"):
        build_foods.read_sr28(fake)


def test_top_ranks_each_way_and_counts_what_it_leaves_out(build_foods: ModuleType) -> None:
    rows = build_foods.build(records())
    top = build_foods.top(rows)
    assert [row["food_group"] for row in top if row["per"] == "group"] == ["Nut and Seed Products"]
    ranked = {
        (row["per"], row["scope"], row["food_group"], row["rank"]): row for row in top
        if row["per"] != "group"
    }  # fmt: skip
    portion = ranked[("portion", "survey", "", "1")]
    assert (portion["ndb"], portion["value"], portion["portion"]) == (
        "12061", "386.1", "1 cup, whole (143 g)",
    )  # fmt: skip
    kcal = ranked[("100kcal", "all", "Nut and Seed Products", "1")]
    assert kcal["value"] == f"{270 / 579 * 100:.6g}"
    # the food with no magnesium is never ranked nor counted (unknown, not 0)
    assert ranked[("100g", "all", "", "ranked")]["value"] == "1"
    assert ranked[("100g", "all", "", "left_out")]["value"] == "0"
