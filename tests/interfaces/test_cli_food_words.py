"""Foods given by words, end to end: which food was used, shown near the verdict and in JSON."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused

WOMAN = ["--age", "45", "--sex", "female", "--no-profile"]


def test_dose_names_each_food_before_the_bars_and_tables(mgcalc: Any) -> None:
    text = mgcalc("dose", "--food", "black beans=1cup", "--food", "milk=2cup", *WOMAN).stdout
    lines = text.splitlines()
    bars = next(n for n, line in enumerate(lines) if line.startswith("Total ") and "|" in line)
    table = next(n for n, line in enumerate(lines) if line.startswith("Intake"))
    said = " ".join(" ".join(lines[:bars]).split())  # lines wrap at 80 columns
    for shown in ("black beans", "Beans, black, mature seeds, cooked, boiled, without salt",
                  "NDB 16015", "172 g", "120.4 mg", "milk", "NDB 01077", "488 g", "48.8 mg",
                  "01079", "53.7 mg"):  # fmt: skip
        assert shown in said, shown
    assert next(n for n, line in enumerate(lines) if line.startswith("Next:")) < bars < table


def test_plan_names_each_food_before_its_table(mgcalc: Any) -> None:
    text = " ".join(mgcalc("plan", "glycinate", "--food", "oatmeal=1cup", *WOMAN).stdout.split())
    assert text.index("NDB 08121") < text.index("New total") < text.index("Plan ")


def test_a_tie_with_the_same_figure_says_so(mgcalc: Any) -> None:
    text = mgcalc("dose", "--food", "black beans cooked=1cup", *WOMAN).stdout
    assert "16315" in text and "the same figure" in text
    foods = mgcalc("dose", "--food", "black beans cooked=1cup", *WOMAN, "--json").json()
    food = foods["diet"]["foods"][0]
    assert (food["ndb"], food["matched_by"]) == ("16015", "search")
    salted = [v for v in food["variants"] if v["ndb"] == "16315"]
    assert salted == [
        {"ndb": "16315", "description": "Beans, black, mature seeds, cooked, boiled, with salt",
         "mg": pytest.approx(food["mg"])},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("food", "matched_by"),
    [("milk=1cup", "word_table"), ("01077=1cup", "ndb"), ("whole milk vitamin d=1cup", "search")],
)
def test_json_says_how_each_food_was_matched(mgcalc: Any, food: str, matched_by: str) -> None:
    used = mgcalc("dose", "--food", food, *WOMAN, "--json").json()["diet"]["foods"][0]
    assert (used["ndb"], used["matched_by"]) == ("01077", matched_by)
    assert (used["variants"] == []) == (matched_by == "ndb")


def test_a_portion_listed_twice_says_sr28_lists_another_weight(mgcalc: Any) -> None:
    text = mgcalc("dose", "--food", "18069=1 slice", *WOMAN).stdout
    assert "SR28 lists another weight for '1 slice'" in text


@pytest.mark.parametrize(
    ("food", "message"),
    [
        ("xyzzyq=1cup", "no food matches 'xyzzyq'"),
        ("milk 2%=1cup", "matches 2 foods equally well: 01079 "),
        ("almonds=1slice", "has no portion 'slice'"),
        ("19065=1oz", "SR28 gives no magnesium for 19065"),
    ],
)
def test_refusals_keep_their_line(mgcalc: Any, food: str, message: str) -> None:
    assert_refused(mgcalc("dose", "--food", food, *WOMAN), message)


def test_a_real_tie_lists_each_candidate_with_its_mg(mgcalc: Any) -> None:
    run = mgcalc("dose", "--food", "milk 2%=1cup", *WOMAN)
    assert "(26.8 mg); 01174 " in run.stderr and "(27.1 mg)" in run.stderr


def test_food_ranks_as_food_resolves(mgcalc: Any) -> None:
    for words in ("milk", "rice", "black beans cooked", "chickpeas", "walnut oil", "spinach"):
        first = mgcalc("food", *words.split(), "--json").json()["foods"][0]["ndb"]
        dose = mgcalc("dose", "--food", f"{words}=100g", *WOMAN, "--json").json()
        assert dose["diet"]["foods"][0]["ndb"] == first, words


def test_a_variant_without_a_figure_says_why(mgcalc: Any) -> None:
    run = mgcalc("dose", "--food", "yogurt=1cup", *WOMAN)
    # 01256 has magnesium in SR28 but lists only "container"
    assert "or 01256 Yogurt, Greek, plain, nonfat: no 'cup' portion listed" in run.stdout
    assert "no such portion, or" not in run.stdout


def test_fish_is_refused_with_candidates(mgcalc: Any) -> None:
    assert_refused(mgcalc("dose", "--food", "fish=100g", *WOMAN), "names no one food in SR28")
    found = mgcalc("food", "fish", "--json").json()
    assert [row["ndb"] for row in found["foods"][:2]] == ["15237", "15121"]
    assert any(note.startswith("--food refuses 'fish'") for note in found["notes"])


@pytest.mark.parametrize(
    ("food", "message"),
    [
        ("rice=1,5 cup", "the decimal mark is a point (write 1.5cup)"),
        ("egg=2 eggs", "SR28 lists it in several sizes"),
    ],
)
def test_newcomer_refusals_keep_their_line(mgcalc: Any, food: str, message: str) -> None:
    assert_refused(mgcalc("dose", "--food", food, *WOMAN), message)


def test_almond_milk_in_json(mgcalc: Any) -> None:
    used = mgcalc("dose", "--food", "almond milk=240g", *WOMAN, "--json").json()
    food = used["diet"]["foods"][0]
    # SR28 14091: 7 mg per 100 g
    assert (food["ndb"], food["matched_by"]) == ("14091", "word_table")
    assert food["mg"] == pytest.approx(16.8, abs=1e-9)
