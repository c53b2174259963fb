"""The reference and label tables' edges: value bounds, empty notes, 'any' state, tiling order.

Each test kills a mutant that tools/mutate.py's data operators found (issue #25).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit_csv

from mgcalc.datafiles import data_file
from mgcalc.errors import DataError
from mgcalc.nutrition.standards import (
    MAX_MG,
    MIN_MG,
    LabelValue,
    ReferenceRow,
    check_labels,
    check_tiling,
    label_values,
    reference_rows,
)
from mgcalc.tables import read_table

LABELS = data_file("labels.csv").read_text(encoding="utf-8")


def _woman_40() -> ReferenceRow:
    return next(
        row for row in reference_rows()
        if (row.standard, row.group, row.sex) == ("us", "31–50 y", "female")
    )  # fmt: skip


@pytest.mark.parametrize(("value", "valid"), [(1.0, True), (0.99, False), (10_000.0, True),
                                              (10_000.5, False)])  # fmt: skip
def test_values_are_between_1_and_10000_mg(value: float, valid: bool) -> None:
    assert (MIN_MG, MAX_MG) == (1.0, 10_000.0)
    fields = {**_woman_40().model_dump(), "ul_mg": value}
    if valid:
        assert ReferenceRow.model_validate(fields).ul_mg == value
    else:
        with pytest.raises(ValueError, match="ul_mg"):
            ReferenceRow.model_validate(fields)


def test_a_label_value_with_an_empty_note_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("forms.csv", "reference.csv", "products.csv", "foods.csv", "interactions.csv"):
        (tmp_path / name).write_bytes(data_file(name).read_bytes())
    (tmp_path / "labels.csv").write_text(edit_csv(LABELS, 2, "note", ""), encoding="utf-8")
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tmp_path))
    first = label_values()[0]
    assert (first.name, first.value_mg, first.note) == ("US Daily Value", 420.0, "")


def test_a_label_for_any_state_overlaps_one_for_none() -> None:
    # Row 5 is the pregnancy and lactation value (from 0 months, open-ended); as "any" it
    # overlaps the adults' value of row 2.
    text = edit_csv(LABELS, 5, "state", "any")
    rows = read_table(
        text, "data/labels.csv", LabelValue, columns=tuple(LabelValue.model_fields),
        text_columns=("note",),
    )  # fmt: skip
    with pytest.raises(DataError, match="row 5: overlaps the value for 'adults and children"):
        check_labels(rows, "data/labels.csv")


def test_pregnancy_tiling_is_checked_before_lactation_and_names_the_file() -> None:
    gone = {("us", "Pregnancy 19–30 y"), ("us", "Lactation 19–30 y")}
    rows = tuple(row for row in reference_rows() if (row.standard, row.group) not in gone)
    with pytest.raises(DataError) as caught:
        check_tiling(rows, "data/reference.csv")
    message = str(caught.value)
    assert message.startswith("data/reference.csv")
    assert "gap between 'Pregnancy ≤18 y' and 'Pregnancy 31–50 y' for female" in message
