"""Saying it the way people say it: phrasing, aliases, and errors that point at the mistake."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused, every_command

PERSON = ["--age", "42", "--sex", "female"]


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "400mg", "oxide"],
        ["convert", "400", "mg", "magnesium", "oxide"],
        ["convert", "oxide", "400mg"],
        ["convert", "400MG", "oxide"],
        ["convert", "Magnesium", "Oxide", "400", "MG"],
        ["convert", "400mg", "MgO"],
    ],
    ids=" ".join,
)
def test_convert_reads_every_phrasing_the_same(mgcalc: Any, args: list[str]) -> None:
    run = mgcalc(*args, "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    # 400 mg MgO at 60.30 % (compounds.md): 241.2 mg; tolerance 0.1 mg.
    assert (data["form"], data["compound_mg"]) == ("oxide", 400.0)
    assert data["elemental_mg"] == pytest.approx(241.2, abs=0.1)


@pytest.mark.parametrize(
    ("args", "elemental_mg"),
    [
        (["1G"], 1000.0),
        (["5ML", "milk-of-magnesia"], 166.7),  # 400 mg Mg(OH)2 per 5 mL at 41.68 %
        (["250MCG"], 0.25),
        (["500", "mg", "glycinate"], 70.5),  # 14.10 %
    ],
    ids=str,
)
def test_capital_units_and_split_amounts(mgcalc: Any, args: list[str], elemental_mg: float) -> None:
    run = mgcalc("convert", *args, "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["elemental_mg"] == pytest.approx(elemental_mg, abs=0.1)


@pytest.mark.parametrize(
    ("name", "key", "percent"),
    [
        ("MgO", "oxide", 60.30),
        ("MgSO4", "sulfate", 9.86),  # the heptahydrate: Epsom salt, injections
        ("mgso4", "sulfate", 9.86),
        ("MgCl2", "chloride", 11.96),  # the hexahydrate
    ],
)
def test_chemical_names_mean_the_bare_name(
    mgcalc: Any, name: str, key: str, percent: float
) -> None:
    data = mgcalc("convert", "1g", name, "--json").json()
    assert data["form"] == key
    assert data["elemental_fraction"] * 100 == pytest.approx(percent, abs=0.01)
    assert f"'{name}' is a chemical name: read as '{key}'" in data["notes"][0]


def test_formula_prefix_stays_exact(mgcalc: Any) -> None:
    data = mgcalc("convert", "1g", "formula:MgSO4", "--json").json()
    assert data["elemental_fraction"] * 100 == pytest.approx(20.19, abs=0.01)  # anhydrous
    assert "MgSO4·7H2O" in mgcalc("convert", "1g", "MgSO4").stdout


def test_chemical_names_never_match_liquids() -> None:
    from mgcalc.chemistry.forms import forms_table

    table = forms_table()
    assert table.chemical("Mg(OH)2") is table.get("hydroxide")  # not milk-of-magnesia
    assert table.chemical("MgSO4") is table.get("sulfate")  # not an injection


@pytest.mark.parametrize(
    "items",
    [
        ["glycinate=500mg"],
        ["glycinate", "500mg"],
        ["500mg", "glycinate"],
        ["500", "mg", "glycinate"],
        ["500", "mg", "magnesium", "glycinate"],
    ],
    ids=" ".join,
)
def test_dose_reads_either_order(mgcalc: Any, items: list[str]) -> None:
    run = mgcalc("dose", *items, *PERSON, "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["supplemental_mg"] == pytest.approx(70.48, abs=0.01)


def test_dose_amount_then_form_is_bug_9(mgcalc: Any) -> None:
    run = mgcalc("dose", "400mg", "oxide", *PERSON, "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["items"][0]["form"] == "oxide"


def test_dose_mixes_pairs_and_words(mgcalc: Any) -> None:
    run = mgcalc("dose", "glycinate=500mg", "400mg", "oxide", *PERSON, "--json")
    assert [item["form"] for item in run.json()["items"]] == ["glycinate", "oxide"]


@pytest.mark.parametrize(
    ("sex", "standard"),
    [("F", "EU"), ("f", "efsa"), ("woman", "Eu"), ("Female", "eu")],
)
def test_sex_and_standard_aliases(mgcalc: Any, sex: str, standard: str) -> None:
    run = mgcalc("dose", "oxide=400mg", "--age", "42", "--sex", sex, "--standard", standard)
    data = mgcalc(
        "dose", "oxide=400mg", "--age", "42", "--sex", sex, "--standard", standard, "--json"
    ).json()
    assert run.exit_code == 0
    assert data["profile"]["sex"] == "female"
    assert data["profile"]["standard"] == "eu"
    assert data["reference"]["ai_mg"] == 300  # EFSA 2015 AI, women


@pytest.mark.parametrize(("alias", "key"), [("iom", "us"), ("M", "male"), ("man", "male")])
def test_more_aliases(mgcalc: Any, alias: str, key: str) -> None:
    option = "--standard" if key == "us" else "--sex"
    data = mgcalc("reference", "--age", "42", "--sex", "male", option, alias, "--json").json()
    assert key in (data["profile"]["standard"], data["profile"]["sex"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["dose", "oxide=400mg", "--diet", "250", *PERSON], "add a unit: 250mg"),
        (["dose", "oxide=400mg", "--age", "8", "--pregnant"], "ages 10 and over"),
        (["dose", "oxide=400mg", "--age", "9", "--lactating"], "--lactating is for ages 10"),
        (["dose", "oxide=400mg", "--age", "42", "--sex", "x"], "unknown sex 'x'"),
        (["dose", "oxide=400mg", "--standard", "mars"], "unknown standard 'mars'"),
        (
            ["dose", "glycinate=500mg,oxide=400mg"],
            "separate items with spaces, not commas: glycinate=500mg oxide=400mg",
        ),
        (["dose", "400mg", "oxide", "glycinate", "500mg"], "cannot tell the amount from the"),
        (["convert", "2", "x500mg", "oxide"], "amount '2' has no unit; add one of mcg, mg"),
        (["dose", "400mg", *PERSON], "item '400mg' is not FORM=AMOUNT"),
        (["schema"], "name a schema: convert, forms, dose, plan, reference"),
        (["convert", "400mg", "oxide", "--jsno"], "unknown option '--jsno'; did you mean '--json'"),
        (["dose", "glycinate=500mg", "--pregant"], "unknown option '--pregant'; did you mean"),
        (["dose", "glycinate=500mg", "--agee", "4"], "unknown option '--agee'; did you mean"),
        (["plan", "oxide", "--agee", "4"], "unknown option '--agee'; did you mean '--age'"),
        (["reference", "--jsno"], "unknown option '--jsno'; did you mean '--json'"),
        (["forms", "--jsno"], "unknown option '--jsno'; did you mean '--json'"),
        (["schema", "dose", "--jsno"], "unknown option '--jsno'"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_refusals_point_at_the_mistake(mgcalc: Any, args: list[str], message: str) -> None:
    run = mgcalc(*args)
    assert_refused(run, message)
    assert "not FORM=AMOUNT" not in run.stderr or "400mg" in args[1]


@pytest.mark.parametrize("command", ["forms", "convert", "dose", "plan", "reference", "schema"])
def test_short_help_everywhere(mgcalc: Any, command: str) -> None:
    run = mgcalc(command, "-h")
    assert run.exit_code == 0, run.stderr
    assert "Usage" in run.stdout


def test_help_lists_the_aliases(mgcalc: Any) -> None:
    text = " ".join(mgcalc("dose", "--help").stdout.split())
    assert "f, m, woman, man" in text
    assert "efsa" in text


def test_request_takes_natural_types(mgcalc: Any) -> None:
    request = (
        '{"items": ["glycinate=500mg"], "diet": 250, "age": 42, "sex": "Female", "standard": "EU"}'
    )
    data = mgcalc("dose", "--input", "-", "--json", input=request).json()
    assert data["diet_mg"] == 250.0
    assert (data["profile"]["sex"], data["profile"]["standard"]) == ("female", "eu")


def test_reference_without_sex_shows_both_sexes(mgcalc: Any) -> None:
    data = mgcalc("reference", "--age", "42", "--json").json()
    # IOM 31–50 y: women RDA 320 mg, men 420 mg.
    assert [(row["sex"], row["rda_mg"]) for row in data["rows"]] == [
        ("female", 320),
        ("male", 420),
    ]
    assert any("both are shown" in note for note in data["notes"])
    child = mgcalc("reference", "--age", "5", "--json").json()  # one row for both sexes
    assert [row["group"] for row in child["rows"]] == ["4–8 y"]


@pytest.mark.parametrize("command", every_command())
@pytest.mark.parametrize("where", ["first", "last"])
def test_every_command_names_an_unknown_option(mgcalc: Any, command: str, where: str) -> None:
    # Never read as an amount, an item or a query: an unknown option, before or after one.
    words = command.split()
    args = [*words, "--jsno", "x"] if where == "first" else [*words, "x", "--jsno"]
    if command in ("profile", "profile clear", "profile show"):  # no argument to take
        args = [*words, "--jsno"]
    run = mgcalc(*args)
    assert_refused(run, "unknown option '--jsno'")
    assert f"try 'mgcalc {command} --help'" in run.stderr
