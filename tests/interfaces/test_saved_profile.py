"""The saved profile: set, show, clear, override option by option, and refusing a bad file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

SET = ["profile", "set", "--age", "42", "--sex", "female", "--standard", "eu"]


def test_the_suite_never_sees_a_real_profile(no_saved_profile: Path) -> None:
    import os

    assert os.environ["MGCALC_CONFIG"] == str(no_saved_profile)
    assert not no_saved_profile.exists()


def test_set_writes_toml_and_show_reads_it(mgcalc: Any, no_saved_profile: Path) -> None:
    run = mgcalc(*SET, "--diet", "250mg", "--weight", "70kg", "--sex", "F")
    assert run.exit_code == 0, run.stderr
    text = no_saved_profile.read_text(encoding="utf-8")
    assert 'sex = "female"' in text  # stored as read, not as typed
    assert 'standard = "eu"' in text
    shown = mgcalc("profile", "show", "--json").json()
    assert shown == {
        "schema_version": 3,
        "path": str(no_saved_profile),
        "age": "42",
        "sex": "female",
        "standard": "eu",
        "diet": "250mg",
        "weight": "70kg",
    }
    assert "Saved profile" in mgcalc("profile", "show").stdout


def test_a_dose_uses_the_profile_and_says_so(mgcalc: Any, no_saved_profile: Path) -> None:
    mgcalc(*SET, "--diet", "250mg")
    data = mgcalc("dose", "glycinate=500mg", "--json").json()
    assert data["profile"]["age_years"] == 42
    assert data["profile"]["standard"] == "eu"
    assert data["profile_source"] == {
        "path": str(no_saved_profile),
        "fields": ["age", "sex", "standard", "diet"],
        "diet_replaced": None,
    }
    # The profile's diet is diet information: EFSA AI 300 mg for women, 250 + 70.5 mg.
    assert data["diet_mg"] == 250.0
    assert data["assessment"]["adequacy"] == "adequate"
    assert "From your saved profile" in mgcalc("dose", "glycinate=500mg").stdout


def test_command_line_wins_option_by_option(mgcalc: Any) -> None:
    mgcalc(*SET, "--diet", "250mg")
    data = mgcalc("dose", "glycinate=500mg", "--standard", "us", "--json").json()
    assert (data["profile"]["standard"], data["profile"]["sex"]) == ("us", "female")
    assert data["reference"]["rda_mg"] == 320  # IOM, women 31–50
    assert data["profile_source"]["fields"] == ["age", "sex", "diet"]


@pytest.mark.parametrize(
    "diet", [["--diet", "100mg"], ["--food", "almonds=28g"], ["--diet", "0mg"]], ids=str
)
def test_any_diet_on_the_command_line_replaces_the_profiles(mgcalc: Any, diet: list[str]) -> None:
    mgcalc(*SET, "--diet", "250mg")
    data = mgcalc("dose", "glycinate=500mg", *diet, "--json").json()
    assert data["diet_mg"] != 250.0
    assert "diet" not in data["profile_source"]["fields"]


def test_plan_and_reference_use_it(mgcalc: Any) -> None:
    mgcalc(*SET, "--diet", "200mg")
    plan = mgcalc("plan", "glycinate", "--unit", "500mg", "--json").json()
    assert plan["target_mg"] == 300  # EFSA AI, women
    assert plan["diet_mg"] == 200
    assert plan["profile_source"]["fields"] == ["age", "sex", "standard", "diet"]
    listing = mgcalc("reference", "--json").json()
    assert listing["group"] is not None
    assert listing["profile_source"]["fields"] == ["age", "sex", "standard"]


def test_no_profile_scripts_and_the_api_ignore_it(mgcalc: Any) -> None:
    import mgcalc as api

    mgcalc(*SET)
    data = mgcalc("dose", "glycinate=500mg", "--no-profile", "--json").json()
    assert (data["profile"]["age_years"], data["profile_source"]) == (None, None)
    request = '{"items": ["glycinate=500mg"]}'
    scripted = mgcalc("dose", "--input", "-", "--json", input=request).json()
    assert (scripted["profile"]["age_years"], scripted["profile_source"]) == (None, None)
    batch = mgcalc("dose", "--batch", "-", input=request + "\n")
    assert '"age_years": null' in batch.stdout.replace('":null', '": null')
    assert api.dose(["glycinate=500mg"]).profile.age_years is None


def test_without_a_profile_nothing_is_said(mgcalc: Any) -> None:
    data = mgcalc("dose", "glycinate=500mg", "--json").json()
    assert data["profile_source"] is None
    assert "saved profile" not in mgcalc("dose", "glycinate=500mg").stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("# nothing\n", "is empty"),
        ('age = "4', "not TOML"),
        ('age = "forty"', "cannot read age 'forty'"),
        ('colour = "blue"', "unknown key 'colour'"),
        ("age = true", "'age' must be text"),
        (b"\xff\xfe", "not UTF-8"),
    ],
    ids=str,
)
def test_a_bad_file_is_one_line_and_exit_2(
    mgcalc: Any, no_saved_profile: Path, content: str | bytes, message: str
) -> None:
    if isinstance(content, bytes):
        no_saved_profile.write_bytes(content)
    else:
        no_saved_profile.write_text(content, encoding="utf-8")
    for args in (["dose", "oxide=1g"], ["plan", "oxide"], ["reference"], ["profile", "show"]):
        assert_refused(mgcalc(*args), message)
    assert mgcalc("dose", "oxide=1g", "--no-profile").exit_code == 0


def test_numbers_in_the_file_are_in_the_keys_unit(mgcalc: Any, no_saved_profile: Path) -> None:
    no_saved_profile.write_text('age = 42\nsex = "F"\ndiet = 250\nweight = 70\n')
    data = mgcalc("dose", "glycinate=500mg", "--json").json()
    assert (data["profile"]["age_years"], data["diet_mg"]) == (42, 250)
    assert data["profile"]["weight_kg"] == 70


def test_show_without_a_profile_and_clear(mgcalc: Any, no_saved_profile: Path) -> None:
    assert_refused(mgcalc("profile", "show"), "no saved profile at")
    mgcalc(*SET)
    assert no_saved_profile.exists()
    run = mgcalc("profile", "clear")
    assert (run.exit_code, no_saved_profile.exists()) == (0, False)
    assert "Deleted" in run.stdout
    assert "No saved profile" in mgcalc("profile", "clear").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["profile", "set"], "nothing to save"),
        (["profile", "set", "--age", "-3"], "below 0"),
        (["profile", "set", "--sex", "x"], "unknown sex"),
        (["profile", "set", "--standard", "mars"], "unknown standard"),
        (["profile", "set", "--diet", "250"], "add a unit: 250mg"),
        (["profile", "set", "--weight", "70"], "has no unit"),
        (["profile", "set", "--agee", "4"], "unknown option '--agee'"),
    ],
    ids=str,
)
def test_set_refuses_what_the_options_refuse(
    mgcalc: Any, no_saved_profile: Path, args: list[str], message: str
) -> None:
    assert_refused(mgcalc(*args), message)
    assert not no_saved_profile.exists()


def test_convert_takes_the_weight_for_a_per_kg_amount(mgcalc: Any, no_saved_profile: Path) -> None:
    mgcalc(*SET, "--weight", "70kg")
    # 0.1 mmol/kg × 70 kg = 7 mmol = 14 mEq (2 mEq per mmol of Mg²⁺).
    data = mgcalc("convert", "0.1mmol/kg", "elemental", "--json").json()
    assert (data["mmol"], data["meq"], data["per_kg"]["weight_kg"]) == (7.0, 14.0, 70.0)
    assert data["profile_source"] == {
        "path": str(no_saved_profile), "fields": ["weight"], "diet_replaced": None,
    }  # fmt: skip
    table = mgcalc("convert", "0.1mmol/kg", "elemental").stdout
    assert "From your saved profile" in table and "weight" in table
    given = mgcalc("convert", "0.1mmol/kg", "elemental", "--weight", "50kg", "--json").json()
    assert (given["mmol"], given["profile_source"]) == (5.0, None)  # the command line wins
    plain = mgcalc("convert", "400mg", "oxide", "--json").json()
    assert plain["profile_source"] is None  # not per kg: the weight is not used
    assert_refused(
        mgcalc("convert", "0.1mmol/kg", "elemental", "--no-profile"), "per kg of body weight"
    )


def test_convert_without_a_saved_weight_asks_for_one(mgcalc: Any) -> None:
    mgcalc(*SET)
    assert_refused(mgcalc("convert", "25mg/kg", "sulfate"), "give the weight, e.g. --weight")


def test_convert_reports_a_bad_file_only_when_it_needs_it(
    mgcalc: Any, no_saved_profile: Path
) -> None:
    no_saved_profile.write_text('age = "4', encoding="utf-8")
    assert_refused(mgcalc("convert", "25mg/kg", "sulfate"), "not TOML")
    assert mgcalc("convert", "400mg", "oxide").exit_code == 0


def test_convert_scripts_and_the_api_never_read_it(mgcalc: Any) -> None:
    import mgcalc as api

    mgcalc(*SET, "--weight", "70kg")
    with pytest.raises(api.MgcalcError, match="per kg of body weight"):
        api.convert("25mg/kg", "sulfate")


def test_a_diet_given_replaces_the_saved_diet_and_says_so(
    mgcalc: Any, no_saved_profile: Path
) -> None:
    mgcalc(*SET, "--diet", "120mg")
    data = mgcalc("dose", "glycinate=500mg", "--diet", "200mg", "--json").json()
    assert data["diet_mg"] == 200.0  # the saved 120 mg is not added
    assert data["profile_source"]["diet_replaced"] == "120mg"
    assert "diet" not in data["profile_source"]["fields"]
    text = mgcalc("dose", "glycinate=500mg", "--diet", "200mg").stdout
    assert "replaces your saved profile's diet (120mg" in text
    kept = mgcalc("dose", "glycinate=500mg", "--json").json()
    assert kept["profile_source"]["diet_replaced"] is None
