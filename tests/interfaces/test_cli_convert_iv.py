"""convert at the hospital bench: IV rates in the salt, bags by mass, --max, kidneys (#24).

Figures: MgSO4·7H2O 246.466 g/mol (compounds.md); the injection label's 150 mg/minute,
20 % for infusion and 20 g/48 h in severe renal insufficiency (clinical.md, 2026-12-07).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import assert_refused

HEPTAHYDRATE_G_PER_MOL = 246.466
RATE_KEYS = {
    "duration", "duration_h", "ml_per_h", "mg_per_h", "meq_per_h", "compound_g_per_h",
    "compound_mg_per_min",
}  # fmt: skip
MAX_KEYS = {"input", "limit", "unit", "asked", "capped"}


def _json(mgcalc: Any, *args: str) -> dict[str, Any]:
    run = mgcalc("convert", *args, "--json")
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    data: dict[str, Any] = run.json()
    return data


def test_4g_over_20min_is_200mg_per_min_of_the_salt_and_warns(mgcalc: Any) -> None:
    # The finding: 4 g over 20 min passed with no remark.
    data = _json(mgcalc, "4g", "sulfate-injection-50", "--over", "20min")
    rate = data["rate"]
    assert set(rate) == RATE_KEYS
    assert rate["duration"] == "20 min"
    assert rate["compound_g_per_h"] == pytest.approx(12.0, rel=1e-9)
    assert rate["compound_mg_per_min"] == pytest.approx(200.0, rel=1e-9)
    assert any("150 mg/minute" in text and "eclampsia" in text for text in data["warnings"])
    assert any("20 % or less" in text for text in data["warnings"])  # undiluted 50 %


def test_the_rate_warning_is_a_warning_not_a_refusal(mgcalc: Any) -> None:
    run = mgcalc("convert", "4g", "sulfate-injection-50", "--over", "20min")
    assert (run.exit_code, run.stderr) == (0, "")
    for text in ("20 min", "12.00 g/h", "200.0 mg/min", "150 mg/minute", "under supervision"):
        assert text in run.stdout, text
    assert "0.333333 h" not in run.stdout


def test_exactly_150mg_per_min_does_not_warn(mgcalc: Any) -> None:
    # 4.5 g over 30 min = 150 mg/min, at the label's rate, not above it; 10 % is diluted.
    data = _json(mgcalc, "4.5g", "sulfate-injection-10", "--over", "30min")
    assert data["rate"]["compound_mg_per_min"] == pytest.approx(150.0, rel=1e-9)
    assert data["warnings"] == []


def test_a_20_percent_infusion_needs_no_dilution_note(mgcalc: Any) -> None:
    data = _json(mgcalc, "10mL", "sulfate-injection-20", "--over", "1h")
    assert data["rate"]["compound_mg_per_min"] == pytest.approx(2000 / 60, rel=1e-9)
    assert data["warnings"] == []


def test_a_sulfate_with_a_50_percent_concentration_gets_the_dilution_note(mgcalc: Any) -> None:
    data = _json(mgcalc, "10mL@50%", "sulfate", "--over", "4h")
    assert data["rate"]["compound_g_per_h"] == pytest.approx(5.0 / 4, rel=1e-9)
    assert [text for text in data["warnings"] if "20 % or less" in text]


def test_anhydrous_sulfate_rates_are_given_as_the_heptahydrate(mgcalc: Any) -> None:
    # 1 g MgSO4 (120.361 g/mol) = 8.3083 mmol = 2.0477 g of MgSO4·7H2O.
    data = _json(mgcalc, "10mL@10%", "sulfate-anhydrous", "--over", "1h")
    expected_g = 1.0 / 120.361 * HEPTAHYDRATE_G_PER_MOL
    assert data["rate"]["compound_g_per_h"] == pytest.approx(expected_g, rel=1e-5)
    assert data["rate"]["compound_mg_per_min"] == pytest.approx(expected_g * 1000 / 60, rel=1e-5)
    assert any("MgSO4·7H2O, as the injection label writes it" in note for note in data["notes"])


@pytest.mark.parametrize(
    ("args", "duration"),
    [
        (["2g", "oxide", "--over", "4h"], "4 h"),  # an oral salt: no rate in the salt
        (["2g", "sulfate", "--over", "90min"], "90 min"),  # a sulfate without a concentration
        (["200mg", "--over", "1.5h"], "1.5 h"),  # magnesium itself
    ],
)
def test_no_salt_rate_outside_iv_sulfates(mgcalc: Any, args: list[str], duration: str) -> None:
    rate = _json(mgcalc, *args)["rate"]
    assert rate["duration"] == duration
    assert rate["compound_g_per_h"] is None
    assert rate["compound_mg_per_min"] is None


@pytest.mark.parametrize(
    "bag", ["1g@20g/500mL", "1g@2g/50mL", "1g@40mg/mL", "1 g@20 g/500 mL", "8.115mEq@20g/500mL"]
)
def test_a_bag_by_mass_gives_the_volume_and_the_rate(mgcalc: Any, bag: str) -> None:
    # The bench question: 1 g an hour from a 20 g/500 mL bag is 25 mL, 25 mL/h.
    data = _json(mgcalc, bag, "sulfate", "--over", "1h")
    assert data["volume_ml"] == pytest.approx(25.0, rel=1e-3)
    assert data["rate"]["ml_per_h"] == pytest.approx(25.0, rel=1e-3)
    assert data["rate"]["compound_g_per_h"] == pytest.approx(1.0, rel=1e-3)
    assert data["warnings"] == []


def test_a_bag_by_mass_in_the_table(mgcalc: Any) -> None:
    run = mgcalc("convert", "1g@20g/500mL", "sulfate", "--over", "1h")
    assert run.exit_code == 0, run.stderr
    for text in ("25.00 mL", "25.00 mL/h", "1.000 g/h", "16.67 mg/min", "At 40 mg/mL"):
        assert text in run.stdout, text


def test_a_bag_by_mass_of_mmol(mgcalc: Any) -> None:
    # 4 mmol from a 0.5 mmol/mL solution is 8 mL.
    data = _json(mgcalc, "4mmol@0.5mmol/mL", "chloride")
    assert data["volume_ml"] == pytest.approx(8.0, rel=1e-9)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1g@40mg/mL", "sulfate-injection-50"], "has its own concentration"),
        (["1g@50%"], "name the compound's form"),
        (["1g@0mg/mL", "sulfate"], "a concentration of zero"),
    ],
)
def test_bags_by_mass_refused(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc("convert", *args), message)


def test_max_caps_a_per_kg_amount(mgcalc: Any) -> None:
    # 50 mg/kg for 50 kg is 2.5 g; the usual paediatric order caps at 2 g (clinical.md).
    data = _json(mgcalc, "50mg/kg", "sulfate", "--weight", "50kg", "--max", "2g")
    assert data["compound_mg"] == pytest.approx(2000.0, rel=1e-12)
    assert data["max"] == {"input": "2g", "limit": 2.0, "unit": "g", "asked": 2.5, "capped": True}
    assert set(data["max"]) == MAX_KEYS
    assert any("Capped at --max 2 g" in note for note in data["notes"])


def test_max_within_changes_nothing_and_says_so(mgcalc: Any) -> None:
    data = _json(mgcalc, "50mg/kg", "sulfate", "--weight", "30kg", "--max", "2g")
    assert data["compound_mg"] == pytest.approx(1500.0, rel=1e-12)
    assert data["max"]["capped"] is False
    assert data["max"]["asked"] == pytest.approx(1.5)


def test_max_caps_elemental_and_meq_amounts(mgcalc: Any) -> None:
    elemental = _json(
        mgcalc, "10mg/kg", "oxide", "--elemental", "--weight", "70kg", "--max", "500mg"
    )
    assert elemental["elemental_mg"] == pytest.approx(500.0, rel=1e-12)
    meq = _json(mgcalc, "0.5mEq/kg", "sulfate-injection-50", "--weight", "100kg", "--max", "40mEq")
    assert meq["meq"] == pytest.approx(40.0, rel=1e-12)
    assert meq["volume_ml"] == pytest.approx(40 / 4.057, rel=1e-3)  # 4.06 mEq/mL, the label


def test_max_in_the_table(mgcalc: Any) -> None:
    run = mgcalc("convert", "50mg/kg", "sulfate", "--weight", "50kg", "--max", "2g")
    assert "capped at 2 g" in run.stdout
    assert "2,000 mg" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["50mg/kg", "sulfate", "--weight", "50kg", "--max", "40mEq"], "is mmol or mEq"),
        (["0.5mEq/kg", "sulfate", "--weight", "50kg", "--max", "2g"], "is a mass"),
        (["1g", "sulfate", "--max", "2g"], "caps a per-kg amount"),
        (["50mg/kg", "sulfate", "--weight", "50kg", "--max", "0g"], "more than zero"),
        (["50mg/kg", "sulfate", "--weight", "50kg", "--max", "2"], "has no unit"),
        (["50mg/kg", "sulfate", "--weight", "50kg", "--max", "2x1g"], "is one amount"),
    ],
)
def test_max_refused(mgcalc: Any, args: list[str], message: str) -> None:
    assert_refused(mgcalc("convert", *args), message)


def test_kidney_impairment_with_an_injection_gives_the_label_s_limit(mgcalc: Any) -> None:
    data = _json(mgcalc, "4g", "sulfate-injection-50", "--kidney-impairment")
    assert len(data["warnings"]) == 1
    assert "20 grams/48 hours" in data["warnings"][0]
    assert "above it" not in data["warnings"][0]
    above = _json(mgcalc, "500mL@5%", "sulfate", "--kidney-impairment")  # 25 g
    assert "25 g of MgSO4·7H2O, is above it" in above["warnings"][0]


def test_kidney_impairment_with_an_oral_form_gives_the_kidney_caution(mgcalc: Any) -> None:
    warnings = _json(mgcalc, "400mg", "oxide", "--kidney-impairment")["warnings"]
    assert len(warnings) == 1
    assert "kidney" in warnings[0].lower()
    assert "20 grams" not in warnings[0]
    assert _json(mgcalc, "400mg", "oxide")["warnings"] == []


def test_convert_request_takes_max_and_kidney_impairment(mgcalc: Any) -> None:
    request = (
        '{"amount": "50mg/kg", "form": "sulfate-injection-50", "weight": "50kg", '
        '"max": "2g", "kidney_impairment": true}'
    )
    run = mgcalc("convert", "--input", "-", "--json", input=request)
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["max"]["capped"] is True
    assert data["volume_ml"] == pytest.approx(4.0, rel=1e-9)
    assert "20 grams/48 hours" in data["warnings"][0]


def test_api_convert_takes_max(mgcalc: Any) -> None:
    from mgcalc import convert

    result = convert("50mg/kg", "sulfate", weight="50kg", max="2g")
    assert result.max is not None
    assert result.compound_mg == pytest.approx(2000.0)


def test_a_convert_batch_takes_max_and_kidney_impairment_as_csv_columns(mgcalc: Any) -> None:
    text = (
        "id,amount,form,weight,max,over,kidney_impairment\n"
        "child,50mg/kg,sulfate-injection-50,50kg,2g,20min,yes\n"
        "bag,1g@20g/500mL,sulfate,,,1h,\n"
        "odd,50mg/kg,sulfate,50kg,40mEq,,\n"
    )
    run = mgcalc("convert", "--batch", "-", "--batch-format", "csv", input=text)
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    child, bag = (line["result"] for line in lines[:2])
    odd = lines[2]
    assert child["max"]["capped"] is True
    assert child["rate"]["compound_mg_per_min"] == pytest.approx(100.0, rel=1e-9)
    assert "20 grams/48 hours" in child["warnings"][-1]
    assert bag["rate"]["ml_per_h"] == pytest.approx(25.0, rel=1e-9)
    assert odd["ok"] is False
    assert "is mmol or mEq" in odd["error"]["message"]


def test_a_plan_batch_takes_supervised(mgcalc: Any) -> None:
    text = (
        "id,form,unit,diet,age,sex,kidney_impairment,supervised,allow_above_ul\n"
        "refused,elemental,100mg,0mg,42,female,true,,true\n"
        "supervised,elemental,100mg,0mg,42,female,true,true,\n"
    )
    run = mgcalc("plan", "--batch", "-", "--batch-format", "csv", input=text)
    assert run.exit_code == 0, run.stdout
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    refused, supervised = (line["result"] for line in lines)
    assert refused["units"] == 0
    assert supervised["units"] == 3  # RDA 320 mg for a woman of 42 (us): 3 × 100 mg, UL 350


def test_a_per_kg_bag_capped_by_max(mgcalc: Any) -> None:
    # 50 mg/kg × 50 kg = 2.5 g, capped at 2 g: 50 mL of a 40 mg/mL bag over 1 h.
    data = _json(mgcalc, "50mg/kg@40mg/mL", "sulfate", "--weight", "50kg", "--max", "2g",
                 "--over", "1h")  # fmt: skip
    assert data["volume_ml"] == pytest.approx(50.0, rel=1e-12)
    assert data["rate"]["ml_per_h"] == pytest.approx(50.0, rel=1e-12)


def test_a_product_takes_kidney_impairment_but_not_max(mgcalc: Any) -> None:
    warnings = _json(mgcalc, "2", "mag-tab-sr", "--kidney-impairment")["warnings"]
    assert len(warnings) == 1 and "kidneys clear magnesium" in warnings[0]
    assert_refused(mgcalc("convert", "2", "mag-tab-sr", "--max", "2g"), "--max")
