"""The command line end to end (in-process): output, JSON shape, errors and exit codes."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused

from mgcalc import __version__

CONVERT_KEYS = {
    "schema_version", "input", "form", "name", "formula", "elemental_fraction",
    "fraction_basis", "read_as", "count", "compound_mg", "elemental_mg", "mmol", "meq",
    "volume_ml", "custom", "notes", "source", "given_as", "per_kg", "rate", "by_unit", "product",
    "profile_source", "id", "warnings", "max", "interactions", "unknown_with",
}  # fmt: skip
FORM_KEYS = {
    "key", "name", "aliases", "formula", "water", "mg_atoms", "molar_mass_g_mol",
    "fraction_basis", "elemental_fraction", "liquid_compound_mg", "liquid_volume_ml",
    "published", "note", "source", "custom",
}  # fmt: skip


@pytest.mark.parametrize(
    ("args", "elemental_mg"),
    [
        (["convert", "400mg", "oxide"], 241.2),
        (["convert", "1g", "sulfate"], 98.61),
        (["convert", "8mEq"], 97.22),
        (["convert", "20mEq", "oxide"], 243.05),
        (["convert", "10mL", "sulfate-injection-50"], 493.07),
        (["convert", "2x500mg", "glycinate"], 140.96),
        (["convert", "1g", "formula:MgCl2.6H2O"], 119.55),
    ],
)
def test_issue_examples(mgcalc: Any, args: list[str], elemental_mg: float) -> None:
    run = mgcalc(*args, "--json")
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.json()["elemental_mg"] == pytest.approx(elemental_mg, rel=1e-3)
    table = mgcalc(*args)
    assert table.exit_code == 0
    assert "Elemental magnesium" in table.stdout


def test_convert_json_is_pinned(mgcalc: Any) -> None:
    data = mgcalc("convert", "1g", "sulfate", "--json").json()
    assert set(data) == CONVERT_KEYS
    assert (data["schema_version"], data["id"]) == (3, None)  # an id comes from a request
    assert (data["form"], data["formula"], data["compound_mg"], data["volume_ml"]) == (
        "sulfate",
        "MgSO4·7H2O",
        1000.0,
        None,
    )
    assert data["elemental_fraction"] == pytest.approx(0.098614, rel=1e-5)
    assert data["mmol"] == pytest.approx(4.0574, rel=1e-4)
    assert data["meq"] == pytest.approx(8.1147, rel=1e-4)
    assert isinstance(data["notes"], list)


def test_convert_json_without_form(mgcalc: Any) -> None:
    data = mgcalc("convert", "8mEq", "--json").json()
    assert (data["form"], data["compound_mg"], data["formula"]) == (None, None, "Mg")


def test_convert_table_names_compound_and_assumption(mgcalc: Any) -> None:
    out = mgcalc("convert", "1g", "citrate").stdout
    assert "Trimagnesium dicitrate, anhydrous (3:2)" in out
    assert "Mg3(C6H5O7)2" in out
    assert "16.16 %" in out
    assert "compound's weight" in out


def test_forms_table_lists_every_form(mgcalc: Any) -> None:
    run = mgcalc("forms")
    assert run.exit_code == 0
    for key in ("oxide", "glycinate", "magtein", "milk-of-magnesia", "elemental"):
        assert key in run.stdout


def test_forms_json_is_pinned(mgcalc: Any) -> None:
    data = mgcalc("forms", "--json").json()
    assert set(data) == {"schema_version", "forms"}
    assert all(set(form) == FORM_KEYS for form in data["forms"])
    oxide = next(form for form in data["forms"] if form["key"] == "oxide")
    assert oxide["molar_mass_g_mol"] == pytest.approx(40.304)
    assert oxide["elemental_fraction"] == pytest.approx(0.6030, rel=1e-4)
    assert "PMC7397051" in oxide["source"]


def test_forms_detail_shows_source(mgcalc: Any) -> None:
    run = mgcalc("forms", "Magtein")
    assert run.exit_code == 0
    assert "2 g magnesium L-threonate = 144 mg magnesium" in run.stdout
    data = mgcalc("forms", "l-threonate", "--json").json()
    assert [form["key"] for form in data["forms"]] == ["threonate"]


def test_version(mgcalc: Any) -> None:
    assert mgcalc("--version").stdout == f"mgcalc {__version__}\n"


def test_no_arguments_shows_help(mgcalc: Any) -> None:
    run = mgcalc()
    assert run.exit_code == 0
    assert "convert" in run.stdout


@pytest.mark.parametrize("command", ["convert", "forms"])
def test_every_command_has_help(mgcalc: Any, command: str) -> None:
    run = mgcalc(command, "--help")
    assert run.exit_code == 0
    assert "--json" in run.stdout


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["convert", "400mg", "glycinat"], "unknown form 'glycinat'; did you mean 'glycinate'", 2),
        (["convert", "1,5g", "oxide"], "decimal point", 2),
        (["convert", "1 000 mg", "oxide"], "space inside the number", 2),
        (["convert", "400 Mg", "oxide"], "did you mean 'mg'?", 2),
        (["convert", "-5mg", "oxide"], "is negative", 2),
        (["convert", "nan mg"], "not a finite number", 2),
        (["convert", "1e400mg"], "too large", 2),
        (["convert", "10**10**10 mg"], "cannot read amount", 2),
        (["convert", "10mL", "oxide"], "needs a concentration", 2),
        (["convert", "1g", "formula:NaCl"], "contains no magnesium", 2),
        (["convert", "1g", "formula:MgSO4 7H2O"], "has a space", 2),
        (["convert"], "missing argument", 2),
        (["convert", "400mg", "oxide", "--jsn"], "unknown option '--jsn'; did you mean", 2),
        (["forms", "glycinat"], "did you mean 'glycinate'", 2),
        (["bogus"], "no such command 'bogus'", 2),
        (["convert", "400mg\nrm", "oxide"], "\\n", 2),
    ],
)
def test_bad_input_is_one_line_on_stderr(
    mgcalc: Any, args: list[str], message: str, code: int
) -> None:
    assert_refused(mgcalc(*args), message, code)


def test_bad_input_with_json_still_writes_nothing_on_stdout(mgcalc: Any) -> None:
    run = mgcalc("convert", "400mg", "glycinat", "--json")
    assert (run.exit_code, run.stdout) == (2, "")


def test_corrupt_data_is_a_failure_of_mgcalc(mgcalc: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from mgcalc.chemistry import forms, resolve
    from mgcalc.errors import DataError

    def corrupt() -> forms.FormsTable:
        raise DataError(
            "data/forms.csv", "could not convert string to float", row=4, field="molar_mass_g_mol"
        )

    from mgcalc.chemistry.conversion import convert

    monkeypatch.setattr(resolve, "forms_table", corrupt)
    convert.cache_clear()  # a memoised answer would hide the corrupt table
    run = mgcalc("convert", "400mg", "oxide")
    convert.cache_clear()
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr == (
        "error: data/forms.csv, row 4, field 'molar_mass_g_mol': "
        "could not convert string to float\n"
    )


def test_completion_offers_form_keys() -> None:
    from mgcalc.interfaces.cli import _complete_forms, _complete_items

    assert _complete_forms("gly") == ["glycinate", "glycerophosphate"]
    assert "oxide=" in _complete_items("ox")


def test_forms_factors_fit_80_columns(mgcalc: Any) -> None:
    from typer.testing import CliRunner

    from mgcalc.interfaces.cli import app

    run = CliRunner().invoke(app, ["forms", "--factors"], env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = {word for line in lines for word in line.split()}
    for key in ("aspartate-hydrochloride", "sulfate-injection-50", "milk-of-magnesia"):
        assert key in words, key  # keys are never split across lines
    assert "49.62" in run.stdout  # MgO mEq/g


def test_forms_factors_json(mgcalc: Any) -> None:
    data = mgcalc("forms", "oxide", "--factors", "--json").json()
    (row,) = data["forms"]
    assert set(row) == {
        "key", "name", "formula", "elemental_mg_per_g", "mmol_per_g", "meq_per_g",
        "compound_mg_per_meq", "compound_mg_per_100mg", "per_ml", "custom",
    }  # fmt: skip
    assert row["compound_mg_per_100mg"] == pytest.approx(165.83, rel=1e-4)  # 100 / 0.603042
