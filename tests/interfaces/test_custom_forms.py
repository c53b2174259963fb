"""A user's own forms file: validated like the shipped table, marked in every result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import mgcalc
from mgcalc.chemistry.forms import COLUMNS, BadFormsFile
from mgcalc.errors import UnknownForm

HEADER = ",".join(COLUMNS)
BUFFERED = (
    "buffered-glycinate,Buffered magnesium glycinate,buffered,Mg(C2H4NO2)2,0,1,172.423,"
    "declared,0.20,,,20 %,Contains magnesium oxide.,Maker's specification sheet"
)


@pytest.fixture(autouse=True)
def shipped_forms_after() -> Iterator[None]:
    yield
    mgcalc.use_forms(None)


def _file(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "forms.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def test_custom_row_is_used_and_marked(mgcalc: Any, tmp_path: Path) -> None:
    path = _file(tmp_path, BUFFERED)
    data = mgcalc("convert", "1g", "buffered", "--forms", str(path), "--json").json()
    assert (data["form"], data["elemental_mg"], data["custom"]) == (
        "buffered-glycinate", 200.0, True,
    )  # fmt: skip
    assert any("your own forms file" in note for note in data["notes"])
    table = mgcalc("forms", "--forms", str(path)).stdout
    assert "Custom (Maker's specification sheet). Declared by the maker." in table
    assert "20.00 %" in table


def test_environment_variable(mgcalc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGCALC_FORMS", str(_file(tmp_path, BUFFERED)))
    data = mgcalc("dose", "buffered-glycinate=1g", "--json").json()
    assert data["items"][0]["custom"] is True
    assert data["supplemental_mg"] == 200.0


def test_shipped_forms_still_work_beside_custom_ones(tmp_path: Path) -> None:
    mgcalc.use_forms(_file(tmp_path, BUFFERED))
    assert mgcalc.convert("400mg", "oxide").custom is False


def test_override_replaces_a_shipped_form(tmp_path: Path) -> None:
    row = BUFFERED.replace("buffered-glycinate,", "glycinate,", 1).replace(",buffered,", ",,")
    with pytest.raises(BadFormsFile, match="set override to true"):
        mgcalc.use_forms(_file(tmp_path, row))
    mgcalc.use_forms(_file(tmp_path, row + ",true", header=HEADER + ",override"))
    result = mgcalc.convert("1g", "glycinate")
    assert (result.elemental_mg, result.custom) == (200.0, True)
    with pytest.raises(UnknownForm):  # the replaced row's aliases went with it
        mgcalc.convert("1g", "bisglycinate")
    mgcalc.use_forms(None)
    assert mgcalc.convert("1g", "glycinate").elemental_mg == pytest.approx(140.96, rel=1e-4)


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ((BUFFERED.replace(",0.20,", ",1.5,"),), HEADER, "row 2, field 'elemental_fraction'"),
        ((BUFFERED.replace("Maker's specification sheet", ""),), HEADER, "row 2, field 'source'"),
        ((BUFFERED, BUFFERED), HEADER, "already used by 'buffered-glycinate'"),
        ((BUFFERED.replace(",buffered,", ",epsom,"),), HEADER, "already used by 'sulfate'"),
        ((BUFFERED,), HEADER.replace(",source", ""), "row 1: missing column 'source'"),
        ((BUFFERED + ",maybe",), HEADER + ",override", "row 2, field 'override'"),
        (
            ("elemental" + BUFFERED[len("buffered-glycinate") :] + ",true",),
            HEADER + ",override",
            "'elemental' cannot be replaced",
        ),
        ((BUFFERED.replace(",declared,0.20,", ",formula,0.20,"),), HEADER, "does not match"),
        (("a,b",), HEADER, "row 2: wrong number of fields"),
    ],
)
def test_bad_rows_name_file_row_and_field(
    mgcalc: Any,
    tmp_path: Path,
    rows: tuple[str, ...],
    header: str,
    message: str,
) -> None:
    path = _file(tmp_path, *rows, header=header)
    run = mgcalc("convert", "1g", "oxide", "--forms", str(path))
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.startswith(f"error: {path}")
    assert message in run.stderr
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read forms file"), (b"\xff\xfe\x00", "is not UTF-8 text")],
)
def test_unreadable_files(mgcalc: Any, tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "forms.csv"
    if content is not None:
        path.write_bytes(content)
    run = mgcalc("convert", "1g", "oxide", "--forms", str(path))
    assert run.exit_code == 2
    assert message in run.stderr


def test_use_forms_clears_every_memo_of_dose_and_batch(tmp_path: Path) -> None:
    # The issue-13 bug: dose() returned the previous table's items (603 mg, not 200 mg).
    from mgcalc.interfaces.request import DoseRequest, run_request

    request = DoseRequest(items=["glycinate=1g", "oxide=1g"], age=42, sex="female")
    before = mgcalc.dose(["glycinate=1g", "oxide=1g"], age=42, sex="female")
    assert run_request(request).supplemental_mg == before.supplemental_mg  # memos warm
    row = BUFFERED.replace("buffered-glycinate,", "glycinate,", 1).replace(",buffered,", ",,")
    mgcalc.use_forms(_file(tmp_path, row + ",true", header=HEADER + ",override"))
    after = mgcalc.dose(["glycinate=1g", "oxide=1g"], age=42, sex="female")
    assert after.items[0].elemental_mg == 200.0
    assert after.supplemental_mg == pytest.approx(200.0 + 603.042, rel=1e-6)
    assert run_request(request).supplemental_mg == after.supplemental_mg
    mgcalc.use_forms(None)
    assert run_request(request).supplemental_mg == before.supplemental_mg
