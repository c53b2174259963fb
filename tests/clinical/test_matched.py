"""What --with found: no name given reads no interactions table; a name given does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused, tables_with_one_broken

from mgcalc.clinical.matched import (
    WithFound,
    apart,
    fold,
    found_with,
    is_injection,
    route_notes,
    warning,
    with_notes,
)
from mgcalc.errors import DataError


@pytest.fixture
def broken_interactions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point MGCALC_DATA_DIR at the shipped tables with an interactions table that is corrupt."""
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tables_with_one_broken(tmp_path, "interactions.csv")))


@pytest.mark.usefixtures("broken_interactions")
def test_no_name_reads_no_interactions_table() -> None:
    assert found_with([]) == ((), (), (), (), ())
    assert found_with(()) == ((), (), (), (), ())
    with pytest.raises(DataError, match=r"interactions\.csv: is not UTF-8 text"):
        found_with(["iron"])


@pytest.mark.usefixtures("broken_interactions")
def test_a_dose_without_with_works_without_the_interactions_table(mgcalc: Any) -> None:
    # DailyMed: a 400 mg magnesium oxide tablet gives 241.3 mg of magnesium (compounds.md).
    data = mgcalc("dose", "oxide=400mg", "--age", "30", "--sex", "female", "--json").json()
    assert data["supplemental_mg"] == pytest.approx(241.3, abs=0.1)
    assert data["interactions"] == []
    assert_refused(mgcalc("dose", "oxide=400mg", "--with", "iron"), "interactions.csv", code=1)


def test_with_names_are_matched_once_per_row() -> None:
    found = found_with(["Tetracyclines", "tetracycline"]).matches
    assert [(match.name, match.matched) for match in found] == [("Tetracyclines", "Tetracyclines")]
    # NIH ODS: at least 2 hours before or 4–6 hours after (the upper end, 6).
    assert (found[0].medicine_before_h, found[0].medicine_after_h) == (2, 6)


def test_no_name_does_not_even_import_the_interactions_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Start-up time: most doses and plans name no medicine.
    import mgcalc.clinical

    monkeypatch.delitem(sys.modules, "mgcalc.clinical.interactions", raising=False)
    monkeypatch.delattr(mgcalc.clinical, "interactions", raising=False)
    assert found_with([]) == ((), (), (), (), ())
    assert "mgcalc.clinical.interactions" not in sys.modules


# The sentences --with gives, checked whole: their names, hours and wording reach the user.
# NIH ODS (clinical.md): tetracyclines at least 2 hours before or 4–6 hours after (6 kept).
TETRACYCLINE_SPACING = (
    "NIH ODS (secondary): take the antibiotic at least 2 hours before or 4–6 hours after a "
    "magnesium supplement. The UK SmPC's 2–3 hours or more is shorter, so the ODS figure is used."
)


def test_a_row_found_by_one_of_its_medicines_names_the_row_too() -> None:
    (match,) = found_with(["Doxycycline"]).matches
    assert warning(match) == (
        "With Doxycycline (tetracyclines): Doxycycline ≥ 2 h before or ≥ 6 h after magnesium. "
        f"Magnesium lowers their absorption. {TETRACYCLINE_SPACING} Source (secondary): NIH ODS "
        "Magnesium fact sheet (secondary); UK SmPC of a magnesium product (medicines.org.uk)."
    )


def test_a_row_found_by_its_own_name_is_named_once() -> None:
    found = found_with(["tetracycline", "ironn", "xyz"])
    assert found.unknown == ("ironn", "xyz")
    assert with_notes(found) == [
        "With tetracycline: tetracycline ≥ 2 h before or ≥ 6 h after magnesium. Magnesium "
        f"lowers their absorption. {TETRACYCLINE_SPACING} Source (secondary): NIH ODS "
        "Magnesium fact sheet (secondary); UK SmPC of a magnesium product (medicines.org.uk).",
        "Not in mgcalc's interactions list: ironn (did you mean 'iron'?), xyz. Absence from "
        "the list is not evidence of safety: ask a pharmacist.",
    ]


def test_a_name_known_only_from_the_injection_label() -> None:
    found = found_with(["neuromuscular blockers", "CNS depressants"])
    assert (found.matches, found.injection_only) == (
        (),
        ("neuromuscular blockers", "CNS depressants"),
    )
    assert with_notes(found) == [
        "neuromuscular blockers, CNS depressants: in mgcalc's list only as a caution of the "
        "magnesium sulfate injection's label, which applies to injection and premix forms, not "
        "to the forms given."
    ]
    (match,) = found_with(["neuromuscular blockers"], injection=True).matches
    assert match.name == "Neuromuscular blockers, with magnesium injection"


def test_no_magnesium_by_mouth_leaves_out_the_spacing_once() -> None:
    found = found_with(["tetracycline", "ciprofloxacin"], injection=True, oral=False)
    assert (found.matches, found.by_mouth) == ((), ("tetracycline", "ciprofloxacin"))
    assert route_notes(found) == [
        "tetracycline, ciprofloxacin: mgcalc's advice on absorption and on spacing the doses is "
        "for magnesium taken by mouth; it does not apply to an injection or premix (it is in "
        "'mgcalc interactions tetracycline')."
    ]
    assert with_notes(found) == []
    assert route_notes(found_with(["tetracycline"])) == []


def test_typos_are_offered_with_or() -> None:
    found = WithFound(unknown=("ab",), typos=(("ab", ("iron", "zinc")),))
    assert with_notes(found) == [
        "Not in mgcalc's interactions list: ab (did you mean 'iron' or 'zinc'?). Absence from "
        "the list is not evidence of safety: ask a pharmacist."
    ]


def test_injection_forms_are_the_sulfate_injection_and_premix() -> None:
    assert is_injection("sulfate-injection")
    assert is_injection("sulfate-premix")
    assert not is_injection("sulfate")
    assert not is_injection(None)


def test_spacing_said_for_each_side_given() -> None:
    assert apart("x", 4, 8) == "x ≥ 4 h before or ≥ 8 h after magnesium"
    assert apart("x", 4, None) == "x ≥ 4 h before magnesium"
    assert apart("x", None, 8) == "x ≥ 8 h after magnesium"
    assert apart("x", None, None) is None


def test_fold_ignores_case_spacing_and_a_plural() -> None:
    assert fold(" Tetra_Cyclines ") == "tetra cycline"
    assert fold("Tetra--cyclines") == "tetra cycline"
    assert fold("abs") == "abs"  # three letters or fewer keep their 's'
    assert fold("abcs") == "abc"


def test_a_row_without_hours_says_no_spacing_headline() -> None:
    # The UK SmPC (emc 4841) gives no hours for digoxin.
    (match,) = found_with(["digoxin"]).matches
    assert (match.medicine_before_h, match.medicine_after_h) == (None, None)
    assert warning(match) == (
        "With digoxin: A UK magnesium SmPC says magnesium may reduce its absorption. No hours "
        "are given: separate the doses; ask a pharmacist. Source (primary): UK magnesium SmPC "
        "(medicines.org.uk emc 4841)."
    )
