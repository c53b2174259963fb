"""A user's own forms file: validated like the shipped table, marked in every result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

import mgcalc
from mgcalc.chemistry.forms import COLUMNS, BadFormsFile
from mgcalc.errors import BadAmount, UnknownForm

HEADER = ",".join(COLUMNS)
BUFFERED = (
    "buffered-glycinate,Buffered magnesium glycinate,buffered,Mg(C2H4NO2)2,0,1,172.423,"
    "declared,0.20,,,20 %,Contains magnesium oxide.,Maker's specification sheet"
)

# A row keyed by a shipped form's alias ('bisglycinate' is glycinate's).
AN_ALIAS_AS_KEY = BUFFERED.replace("buffered-glycinate,", "bisglycinate,", 1).replace(
    ",buffered,", ",,"
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
            "row 2, field 'key': 'elemental' cannot be replaced",
        ),
        (
            (AN_ALIAS_AS_KEY,),
            HEADER,
            "row 2, field 'key': 'bisglycinate' is a shipped form ('glycinate'); give it another "
            "key, or set override to true to replace it",
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


def test_dose_follows_a_switch_of_forms_files(tmp_path: Path) -> None:
    # dose memoises each item: the memo must be forgotten when the forms table changes.
    person = {"age": "42", "sex": "female"}
    first = tmp_path / "first"
    first.mkdir()
    second = tmp_path / "second"
    second.mkdir()
    mgcalc.use_forms(_file(first, BUFFERED))
    assert mgcalc.dose(["buffered=1g"], **person).supplemental_mg == pytest.approx(200.0)
    assert mgcalc.dose(["glycinate=1g"], **person).supplemental_mg == pytest.approx(
        140.96, rel=1e-4
    )
    override = BUFFERED.replace("buffered-glycinate,", "glycinate,", 1).replace(",buffered,", ",,")
    other = BUFFERED.replace("buffered-glycinate,", "other-salt,", 1).replace(",buffered,", ",,")
    mgcalc.use_forms(
        _file(second, override.replace(",0.20,", ",0.25,") + ",true", other + ",",
              header=HEADER + ",override")
    )  # fmt: skip
    switched = mgcalc.dose(["glycinate=1g", "other-salt=1g"], **person)
    assert [item.elemental_mg for item in switched.items] == [pytest.approx(250.0), 200.0]
    assert [item.custom for item in switched.items] == [True, True]
    with pytest.raises(UnknownForm):  # a key of the file no longer in use
        mgcalc.dose(["buffered=1g"], **person)
    mgcalc.use_forms(None)
    back = mgcalc.dose(["glycinate=1g"], **person).items[0]
    assert (back.elemental_mg, back.custom) == (pytest.approx(140.96, rel=1e-4), False)


MARKUP_NAMES = ["Mg [/bold] salt", "Magnesium glycinate [buffered]", "Mg[/x]", "[red]Mg[/red]"]


@pytest.mark.parametrize("name", MARKUP_NAMES)
def test_markup_in_a_custom_form_shows_literally(mgcalc: Any, tmp_path: Path, name: str) -> None:
    # Rich markup in a name crashed convert, forms and plan, or vanished ([buffered]).
    row = BUFFERED.replace("Buffered magnesium glycinate", f'"{name}"').replace(
        "Contains magnesium oxide.", f'"Note {name}."'
    )
    path = str(_file(tmp_path, row))
    person = ["--age", "42", "--sex", "female"]
    for args in (
        ["convert", "1g", "buffered"],
        ["forms"],
        ["forms", "buffered"],
        ["plan", "buffered", "--unit", "500mg", "--diet", "0mg", *person],
        ["dose", "buffered=1g", *person],
    ):
        run = mgcalc(*args, "--forms", path)
        assert run.exit_code == 0, (args, run.stderr)
        assert name in run.stdout.replace("\n│", "").replace(" │", ""), args
    table = mgcalc("convert", "1g", "buffered", "--forms", path).stdout
    assert any(line.startswith("│ Compound ") and name in line for line in table.splitlines())


def test_markup_in_a_custom_formula_shows_literally(mgcalc: Any, tmp_path: Path) -> None:
    row = BUFFERED.replace("Mg(C2H4NO2)2", "Mg[/x]")
    run = mgcalc("convert", "1g", "buffered", "--forms", str(_file(tmp_path, row)))
    assert run.exit_code == 0, run.stderr
    assert "Mg[/x]" in run.stdout


def test_only_elemental_is_magnesium_by_definition(mgcalc: Any, tmp_path: Path) -> None:
    # A custom row with fraction_basis=definition was read as magnesium itself: 1000 mg of a
    # salt at 10 % gave 1000 mg of magnesium.
    row = "fake,Fake salt,,MgX,0,1,243.05,definition,0.1,,,,,Made up"
    run = mgcalc("convert", "1000mg", "fake", "--forms", str(_file(tmp_path, row)))
    assert_refused(run, "fraction_basis 'definition' is only for 'elemental'")
    assert "row 2" in run.stderr


@pytest.mark.parametrize(
    ("compound", "volume", "field"),
    [
        ("1e308", "1e-308", "liquid_compound_mg"),
        ("1e10", "1", "liquid_compound_mg"),
        ("500", "1e10", "liquid_volume_ml"),
        ("1e9", "1e-3", "over 1e+09 mg per mL"),
    ],
)
def test_a_custom_liquid_has_the_bounds_of_an_amount(
    mgcalc: Any, tmp_path: Path, compound: str, volume: str, field: str
) -> None:
    # 1e308 mg per 1e-308 mL gave "elemental_mg": null with exit 0, and dose a traceback.
    row = (
        f"strong,Strong solution,,MgSO4·7H2O,7,1,246.47,formula,0.09861,{compound},{volume},"
        ",,Made up"
    )
    path = str(_file(tmp_path, row))
    for args in (["convert", "10mL", "strong"], ["dose", "strong=10mL", "--age", "42"]):
        run = mgcalc(*args, "--forms", path)
        assert_refused(run, field)


def test_a_strong_custom_liquid_in_a_large_volume_is_refused(tmp_path: Path) -> None:
    row = "strong,Strong solution,,MgSO4·7H2O,7,1,246.47,formula,0.09861,1e6,1,,,Made up"
    mgcalc.use_forms(_file(tmp_path, row))
    assert mgcalc.convert("1mL", "strong").compound_mg == pytest.approx(1e6)
    assert mgcalc.convert("1000mL", "strong").compound_mg == 1e9  # the limit is included
    with pytest.raises(BadAmount, match="implausibly large"):
        mgcalc.convert("10000mL", "strong")


def test_an_empty_override_cell_is_false(mgcalc: Any, tmp_path: Path) -> None:
    # A shipped key with the override cell left empty is refused, as without the column.
    row = BUFFERED.replace("buffered-glycinate,", "glycinate,", 1).replace(",buffered,", ",,")
    path = _file(tmp_path, row + ",", header=HEADER + ",override")
    run = mgcalc("convert", "1g", "glycinate", "--forms", str(path))
    assert_refused(run, "'glycinate' is a shipped form ('glycinate')")


def test_a_forms_file_up_to_its_size_limit_is_read(tmp_path: Path) -> None:
    # The cap (10,000,000 bytes, as the README says) is included: a file of exactly that size
    # is read, one byte more is not.
    limit = 10_000_000

    # 100 rows with a 100,000-character note each, the last note cut to the size asked.
    rows = "".join(
        f"b{row},Buffered,,Mg(C2H4NO2)2,0,1,172.423,declared,0.20,,,,Source,{'n' * 100_000}\n"
        for row in range(100)
    )
    text = HEADER.replace(",note,source", ",source,note") + "\n" + rows
    path = tmp_path / "forms.csv"
    for size, accepted in ((limit, True), (limit + 1, False)):
        path.write_bytes(text[: size - 1].encode() + b"\n")
        assert path.stat().st_size == size
        if accepted:
            mgcalc.use_forms(path)
            assert mgcalc.convert("1g", "b0").elemental_mg == pytest.approx(200.0)
        else:
            with pytest.raises(BadFormsFile, match="larger than 10000000 bytes"):
                mgcalc.use_forms(path)


def test_a_cell_too_long_for_csv_is_refused(mgcalc: Any, tmp_path: Path) -> None:
    # A note of 200 000 characters ended in a _csv.Error traceback.
    row = BUFFERED.replace("Contains magnesium oxide.", "n" * 200_000)
    path = _file(tmp_path, BUFFERED.replace("buffered", "other"), row)
    run = mgcalc("convert", "1g", "oxide", "--forms", str(path))
    assert_refused(run, f"{path}, row 3: not readable as CSV: field larger than field limit")


@pytest.mark.parametrize(
    "row",
    [
        "x,X salt,,MgX,0,1,1e308,declared,0.2,,,,,Made up",
        "x,X salt,,MgX,99999999999999999999999,1,1e-308,declared,0.001,,,,,Made up",
    ],
)
def test_huge_and_tiny_numbers_in_a_forms_file_never_crash(
    mgcalc: Any, tmp_path: Path, row: str
) -> None:
    # A declared row's molar mass and water are shown, never computed with.
    path = str(_file(tmp_path, row))
    fraction = float(row.split(",")[8])
    data = mgcalc("convert", "1g", "x", "--forms", path, "--json").json()
    assert data["elemental_mg"] == pytest.approx(1000 * fraction)
    for args in (
        ["forms", "x"],
        ["forms"],
        ["convert", "1e9mmol", "x"],
        ["plan", "x", "--unit", "1g", "--age", "40", "--sex", "male", "--diet", "100mg"],
    ):
        run = mgcalc(*args, "--forms", path)
        assert run.exit_code == 0, (args, run.stderr)


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("molar_mass_g_mol", "inf", "field 'molar_mass_g_mol': Input should be a finite number"),
        ("elemental_fraction", "nan", "field 'elemental_fraction': Input should be a finite"),
        ("elemental_fraction", "1e-300", "field 'elemental_fraction': Input should be greater"),
    ],
)
def test_infinite_and_tiny_cells_are_refused(
    mgcalc: Any, tmp_path: Path, cell: str, value: str, message: str
) -> None:
    cells = dict(zip(COLUMNS, BUFFERED.split(","), strict=True))
    path = _file(tmp_path, ",".join({**cells, cell: value}.values()))
    assert_refused(mgcalc("convert", "1g", "buffered", "--forms", str(path)), message)


def test_a_batch_after_the_forms_change_uses_the_new_table(tmp_path: Path) -> None:
    """The batch's caches of written parts never serve an item from the previous table."""
    import io
    import json

    from mgcalc.interfaces.batch import run_batch

    def batch() -> list[float]:
        out = io.StringIO()
        lines = [json.dumps({"items": ["glycinate=1g"], "diet": "100mg", "age": 40,
                             "sex": "male"})] * 3  # fmt: skip
        run_batch(io.BytesIO("\n".join(lines).encode()), out, "dose")
        return [json.loads(line)["result"]["items"][0]["elemental_mg"] for line in
                out.getvalue().splitlines()]  # fmt: skip

    assert batch() == pytest.approx([140.961] * 3, rel=1e-5)
    row = BUFFERED.replace("buffered-glycinate,", "glycinate,", 1).replace(",buffered,", ",,")
    mgcalc.use_forms(_file(tmp_path, row + ",true", header=HEADER + ",override"))
    assert batch() == [200.0] * 3
    mgcalc.use_forms(None)
    assert batch() == pytest.approx([140.961] * 3, rel=1e-5)
