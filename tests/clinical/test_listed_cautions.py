"""`mgcalc interactions` lists the cautions mgcalc applies, in full with their sources."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused
from typer.testing import CliRunner

from mgcalc.clinical.cautions import KIDNEY, KIDNEY_SOURCE, listed_cautions
from mgcalc.interfaces.cli import app

CAUTION_KEYS = {"key", "name", "text", "source"}


def test_every_caution_is_listed_with_its_sources(mgcalc: Any) -> None:
    data = mgcalc("interactions", "--json").json()
    assert [caution["key"] for caution in data["cautions"]] == ["kidney", "infant", "eu-under-4"]
    assert all(set(caution) == CAUTION_KEYS for caution in data["cautions"])
    assert len(data["interactions"]) > 20  # the rows are still all there
    sources = [caution["source"] for caution in data["cautions"]]
    assert sources[1] == "IOM DRI summary tables, footnote"
    assert sources[2] == "SCF 2001, adopted by EFSA 2006"


def test_the_kidney_caution_in_full(mgcalc: Any) -> None:
    data = mgcalc("interactions", "kidney", "--json").json()
    assert data["query"] == "kidney"
    assert data["interactions"] == []
    [kidney] = data["cautions"]
    assert kidney["name"] == "Kidney impairment"
    # What the dose and plan caution says, and what it leaves to its sources (clinical.md):
    # IOM 1997 p. 244; the laxative labels; the injection label's 20 g in 48 h.
    assert (
        "ask a doctor before taking magnesium supplements, antacids or laxatives"
        in (kidney["text"])
    )
    assert "ask a doctor before taking magnesium supplements, antacids or laxatives" in KIDNEY
    assert (
        "Deaths from very large magnesium exposures occurred especially with renal "
        in (kidney["text"])
    )
    assert "the label's maximum is 20 g of magnesium sulfate in 48 hours" in kidney["text"]
    assert kidney["source"].startswith("IOM 1997, p. 244")
    assert "'Ask a doctor before use if you have kidney disease'" in kidney["source"]
    assert "the maximum dosage of magnesium sulfate is 20 grams/48 hours" in kidney["source"]
    # Only the notes that concern a listing without rows.
    assert data["notes"] == [
        "The list covers medicines named in mgcalc's sources; absence from mgcalc's list is not "
        "evidence of safety: ask a pharmacist."
    ]


def test_what_the_dose_note_leaves_to_the_sources_interactions_shows(mgcalc: Any) -> None:
    # The kidney caution of dose is short; its note and `interactions kidney` give the deaths.
    note = [n for n in mgcalc("dose", "oxide=400mg", "--kidney-impairment", "--json").json()[
        "notes"] if n == KIDNEY_SOURCE]  # fmt: skip
    assert note == [KIDNEY_SOURCE]
    assert "(IOM 1997, p. 244)" in KIDNEY_SOURCE
    shown = mgcalc("interactions", "kidney").stdout
    assert "Deaths from very large magnesium exposures" in shown
    assert "IOM 1997, p. 244" in shown


@pytest.mark.parametrize(
    "name", ["kidney", "Kidneys", "renal insufficiency", "kidney-impairment", "Kidney disease"]
)
def test_a_caution_is_found_by_its_names(mgcalc: Any, name: str) -> None:
    data = mgcalc("interactions", name, "--json").json()
    assert [caution["key"] for caution in data["cautions"]] == ["kidney"]


def test_a_medicine_s_listing_has_no_caution(mgcalc: Any) -> None:
    data = mgcalc("interactions", "omeprazole", "--json").json()
    assert [row["key"] for row in data["interactions"]] == ["proton-pump-inhibitors"]
    assert data["cautions"] == []
    infant = mgcalc("interactions", "infant", "--json").json()
    assert [caution["key"] for caution in infant["cautions"]] == ["infant"]


def test_an_unknown_name_is_still_refused(mgcalc: Any) -> None:
    assert_refused(mgcalc("interactions", "kidny"), "'kidny' is not in mgcalc's interactions list")
    assert_refused(mgcalc("interactions", " "), "give a medicine's generic name or class")


@pytest.mark.parametrize("args", [["interactions"], ["interactions", "kidney"]], ids=" ".join)
def test_the_cautions_table_fits_80_columns(args: list[str]) -> None:
    run = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert run.exit_code == 0
    assert "Cautions mgcalc applies" in run.stdout
    assert "Kidney impairment" in run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) <= 80


def test_the_listed_figures_are_the_injection_label_s() -> None:
    from mgcalc.clinical.injection import RENAL_HOURS, RENAL_MAX_G

    kidney = listed_cautions()[0]
    assert (RENAL_MAX_G, RENAL_HOURS) == (20.0, 48)
    assert f"{RENAL_MAX_G:g} g of magnesium sulfate in {RENAL_HOURS} hours" in kidney.text
