"""An upper limit of 1 mg, the least the reference table accepts, still caps a plan.

tests/mutation-survivors.md once called `0 < cap` and `cap > 0` with `0 -> 1` equivalent; at a
UL of exactly 1 mg both mutants change `capped_by_ul` and the sentence (issue #25).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import edit_csv

from mgcalc.datafiles import data_file

WOMAN_40_LINE = 12  # data/reference.csv: us, 31–50 y, female (RDA 320 mg, UL 350 mg)
WOMAN_40 = ("--age", "40", "--sex", "female")


@pytest.fixture
def ul_of_1_mg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("forms.csv", "reference.csv", "labels.csv", "products.csv", "foods.csv",
                 "interactions.csv"):  # fmt: skip
        (tmp_path / name).write_bytes(data_file(name).read_bytes())
    reference = tmp_path / "reference.csv"
    text = reference.read_text(encoding="utf-8")
    assert text.splitlines()[WOMAN_40_LINE - 1].startswith("us,31–50 y,female,none,")
    reference.write_text(edit_csv(text, WOMAN_40_LINE, "ul_mg", "1"), encoding="utf-8")
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tmp_path))


@pytest.mark.usefixtures("ul_of_1_mg")
def test_a_plan_held_to_a_1_mg_limit_is_capped(mgcalc: Any) -> None:
    run = mgcalc("plan", "elemental", "--target", "300mg", "--diet", "0mg", *WOMAN_40, "--json")
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert (data["ul_mg"], data["supplemental_mg"], data["capped_by_ul"]) == (1.0, 1.0, True)
    assert data["reaches_target"] is False
    assert any("upper limit of 1 mg" in note for note in data["notes"]), data["notes"]


@pytest.mark.usefixtures("ul_of_1_mg")
def test_a_plan_short_of_its_target_under_a_1_mg_limit_says_so(mgcalc: Any) -> None:
    # 0.4 mg needed in units of 1 mg: the nearest whole count is 0, which the limit allows.
    args = ("--unit", "elemental=1mg", "--target", "300mg", "--diet", "299.6mg", *WOMAN_40)
    data = mgcalc("plan", "elemental", *args, "--json").json()
    assert (data["units"], data["capped_by_ul"], data["total_mg"]) == (0, False, 299.6)
    assert any("299.6 mg" in note for note in data["notes"]), data["notes"]
