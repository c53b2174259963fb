"""What --with found: no name given reads no interactions table; a name given does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused, tables_with_one_broken

from mgcalc.clinical.matched import found_with
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
