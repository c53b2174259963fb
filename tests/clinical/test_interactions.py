"""Interactions: lookup by generic or class name, and --with in dose, plan and requests."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused, edit_csv

from mgcalc.clinical.interactions import (
    Interaction,
    UnknownMedicine,
    find,
    interactions_table,
    matches,
)
from mgcalc.datafiles import data_file
from mgcalc.errors import DataError
from mgcalc.tables import read_table

# Every medicine or class clinical.md names, with the least spacing in hours a source gives
# (None: no source gives one) and the mark of its first source.
EXPECTED = {
    "tetracyclines": (2, "primary"),
    "quinolones": (2, "primary"),
    "bisphosphonates": (3, "primary"),
    "dolutegravir": (2, "secondary"),
    "raltegravir": (None, "secondary"),
    "levothyroxine": (4, "secondary"),
    "aminoquinolines": (3, "primary"),
    "quinidine": (3, "primary"),
    "nitrofurantoin": (3, "primary"),
    "penicillamine": (3, "primary"),
    "iron": (3, "primary"),
    "eltrombopag": (3, "primary"),
    "nitroxoline": (3, "primary"),
    "fluorides": (2, "primary"),
    "proton-pump-inhibitors": (None, "primary"),
    "loop-diuretics": (None, "primary"),
    "thiazide-diuretics": (None, "primary"),
    "potassium-sparing-diuretics": (None, "secondary"),
}


def test_every_row_of_the_reference_and_no_other() -> None:
    rows = {row.key: (row.spacing_hours, row.evidence) for row in interactions_table().rows}
    assert rows == EXPECTED
    assert all(row.source and row.effect and row.spacing for row in interactions_table().rows)


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("doxycycline", ["tetracyclines"]),
        ("Ciprofloxacin", ["quinolones"]),
        ("fluoroquinolones", ["quinolones"]),
        ("alendronate", ["bisphosphonates"]),
        ("dolutegravir", ["dolutegravir"]),
        ("integrase inhibitors", ["dolutegravir", "raltegravir"]),
        ("Omeprazole", ["proton-pump-inhibitors"]),
        ("PPIs", ["proton-pump-inhibitors"]),
        ("furosemide", ["loop-diuretics"]),
        ("hydrochlorothiazide", ["thiazide-diuretics"]),
        ("spironolactone", ["potassium-sparing-diuretics"]),
        ("diuretics", ["loop-diuretics", "thiazide-diuretics", "potassium-sparing-diuretics"]),
        ("levothyroxine", ["levothyroxine"]),
        ("ferrous sulfate", ["iron"]),
        ("hydroxychloroquine", ["aminoquinolines"]),
        ("  Tetracycline  ", ["tetracyclines"]),
    ],
)
def test_lookup_by_generic_or_class_name(name: str, keys: list[str]) -> None:
    assert [row.key for row in find(name)] == keys


def test_no_hour_is_invented() -> None:
    # Rows whose sources give no spacing say so in words and carry no number.
    for row in interactions_table().rows:
        if row.spacing_hours is None:
            assert "No spacing" in row.spacing or "not recommended" in row.spacing
        else:
            assert f"{row.spacing_hours:g} hour" in row.spacing or f"{row.spacing_hours:g}–" in (
                row.spacing
            )


def test_unknown_names_say_absence_is_not_safety() -> None:
    with pytest.raises(UnknownMedicine, match="did you mean 'doxycycline'") as caught:
        find("doxycyclin")
    assert "not evidence of safety" in str(caught.value)
    with pytest.raises(UnknownMedicine, match="not evidence of safety"):
        find("warfarin")


def test_matches_lists_each_row_once() -> None:
    found = matches(["doxycycline", "minocycline", "furosemide"])
    assert [(match.name, match.matched) for match in found] == [
        ("Tetracyclines", "doxycycline"), ("Loop diuretics", "furosemide"),
    ]  # fmt: skip


def test_interactions_command(mgcalc: Any) -> None:
    run = mgcalc("interactions")
    assert run.exit_code == 0
    assert "not evidence of safety" in run.stdout
    data = mgcalc("interactions", "doxycycline", "--json").json()
    assert data["query"] == "doxycycline"
    assert [row["key"] for row in data["interactions"]] == ["tetracyclines"]
    assert data["interactions"][0]["spacing_hours"] == 2
    assert_refused(mgcalc("interactions", "warfarin"), "absence from mgcalc's list is not")


def test_dose_with_prints_matching_rows_as_warnings(mgcalc: Any) -> None:
    data = mgcalc(
        "dose", "oxide=400mg", "--with", "doxycycline", "--with", "omeprazole", "--json"
    ).json()
    assert [row["name"] for row in data["interactions"]] == [
        "Tetracyclines", "Proton pump inhibitors",
    ]  # fmt: skip
    assert set(data["interactions"][0]) == {
        "name", "matched", "medicines", "effect", "spacing_hours", "spacing", "source",
        "evidence",
    }  # fmt: skip
    assert any(
        line.startswith("With doxycycline (tetracyclines): Magnesium lowers their absorption")
        and "Source (primary): UK SmPC" in line
        for line in data["warnings"]
    )
    table = mgcalc("dose", "oxide=400mg", "--with", "furosemide").stdout
    assert "With furosemide (loop diuretics)" in table


def test_without_with_there_are_no_interactions(mgcalc: Any) -> None:
    assert mgcalc("dose", "oxide=400mg", "--json").json()["interactions"] == []


@pytest.mark.parametrize(
    "command", [["dose", "oxide=400mg"], ["plan", "oxide", "--target", "300mg"]]
)
def test_an_unknown_with_is_refused(mgcalc: Any, command: list[str]) -> None:
    assert_refused(mgcalc(*command, "--with", "warfarin"), "not evidence of safety")


def test_plan_with(mgcalc: Any) -> None:
    data = mgcalc(
        "plan", "oxide", "--unit", "400mg", "--target", "300mg", "--with", "alendronate",
        "--json",
    ).json()  # fmt: skip
    assert [row["name"] for row in data["interactions"]] == ["Bisphosphonates"]
    assert any("3–4 hours" in line for line in data["warnings"])


def test_requests_and_batches_take_with(mgcalc: Any, tmp_path: Any) -> None:
    request = '{"items": ["oxide=400mg"], "with": ["ciprofloxacin"], "kidney_impairment": true}'
    data = mgcalc("dose", "--input", "-", "--json", input=request).json()
    assert data["interactions"][0]["name"] == "Quinolone antibiotics"
    assert any(line.startswith("Kidney impairment") for line in data["warnings"])
    batch = tmp_path / "batch.csv"
    batch.write_text(
        "id,form,unit,target,with,kidney_impairment\na,oxide,400mg,300mg,iron;levothyroxine,no\n",
        encoding="utf-8",
    )
    line = mgcalc("plan", "--batch", str(batch)).stdout.splitlines()[0]
    assert '"name":"Iron"' in line
    assert '"name":"Levothyroxine"' in line
    bad = mgcalc("dose", "--input", "-", input='{"items": ["oxide=1g"], "with": "iron"}')
    assert_refused(bad, "request field 'with'")


# The table's integrity.

TEXT = data_file("interactions.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("spacing_hours", "-2", "row 2, field 'spacing_hours'"),
        ("evidence", "hearsay", "row 2, field 'evidence'"),
        ("medicines", "", "row 2, field 'medicines'"),
        ("source", "", "row 2, field 'source'"),
    ],
)
def test_corrupt_rows_are_reported(column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected):
        read_table(
            edit_csv(TEXT, 2, column, value), "data/interactions.csv", Interaction,
            columns=tuple(Interaction.model_fields), text_columns=("classes",),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("key", "Bad Key", "row 2, field 'key': a key is lower-case letters"),
        ("medicines", "", "row 2, field 'medicines': Tuple should have at least 1 item"),
    ],
)
def test_corrupt_keys_and_lists_are_reported(column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected):
        read_table(
            edit_csv(TEXT, 2, column, value), "data/interactions.csv", Interaction,
            columns=tuple(Interaction.model_fields), text_columns=("classes",),
        )  # fmt: skip


def test_a_key_used_twice_names_its_row(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "interactions.csv").write_text(
        edit_csv(TEXT, 3, "key", "tetracyclines"), encoding="utf-8"
    )
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tmp_path))
    interactions_table.cache_clear()
    with pytest.raises(DataError, match="row 3, field 'key': key 'tetracyclines' is used twice"):
        interactions_table()
    interactions_table.cache_clear()


def test_rows_built_in_python_keep_their_lists() -> None:
    row = interactions_table().rows[0]
    rebuilt = Interaction(**{**row.model_dump(), "classes": None})
    assert (rebuilt.classes, rebuilt.medicines) == ((), row.medicines)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Tetracyclines", "tetracycline"),
        ("PPIs", "ppi"),  # four letters: the plural 's' goes
        ("gas", "gas"),  # three letters: kept whole
        ("Loop-Diuretics", "loop diuretic"),
        ("  proton_pump   inhibitors ", "proton pump inhibitor"),
    ],
)
def test_fold(name: str, folded: str) -> None:
    from mgcalc.clinical.matched import fold

    assert fold(name) == folded


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused(name: str) -> None:
    with pytest.raises(UnknownMedicine) as caught:
        find(name)
    assert str(caught.value) == (
        "give a medicine's generic name or class; absence from mgcalc's list is not evidence "
        "of safety: ask a pharmacist"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("warfarin", "'warfarin' is not in mgcalc's interactions list (absence"),
        ("alendronat", "'alendronat' is not in mgcalc's interactions list; did you mean "
         "'alendronate' or 'ibandronate' or 'alendronic acid'? (absence"),  # three at most
        ("x" * 40, f"'{'x' * 40}' is not in mgcalc's interactions list (absence"),
        ("x" * 41, f"'{'x' * 40}…' is not in mgcalc's interactions list (absence"),
        ("doxy" + " " * 54 + "cyclin", "did you mean 'doxycycline'"),  # 64 characters
        ("doxy" + " " * 55 + "cyclin", "' is not in mgcalc's interactions list (absence"),  # 65
    ],
)  # fmt: skip
def test_unknown_medicine_messages(name: str, message: str) -> None:
    with pytest.raises(UnknownMedicine) as caught:
        find(name)
    assert message in str(caught.value)
    assert str(caught.value).endswith(
        "(absence from mgcalc's list is not evidence of safety: ask a pharmacist)"
    )


def test_a_name_given_as_the_rows_is_not_repeated() -> None:
    from mgcalc.clinical.matched import warning

    assert warning(matches(["Iron"])[0]).startswith("With Iron: ")
    assert warning(matches(["ferrous sulfate"])[0]).startswith("With ferrous sulfate (iron): ")
