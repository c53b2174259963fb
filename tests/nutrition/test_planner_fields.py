"""A plan's identity fields, its interactions and its infant caution reach the result.

Each test kills a mutant that tools/mutate.py's call-argument operators found (issue #25).
"""

from __future__ import annotations

import json
from typing import Any


def test_a_plan_request_keeps_its_id_form_and_interactions(mgcalc: Any) -> None:
    request = {
        "id": "p7", "form": "glycinate", "unit": "500mg", "diet": "200mg", "age": 40,
        "sex": "female", "with": ["doxycycline"],
    }  # fmt: skip
    data = mgcalc("plan", "--input", "-", "--json", input=json.dumps(request)).json()
    assert (data["id"], data["form"], data["name"], data["formula"]) == (
        "p7", "glycinate", "Magnesium bisglycinate", "Mg(C2H4NO2)2",
    )  # fmt: skip
    assert [match["name"] for match in data["interactions"]] == ["Tetracyclines"]
    assert any(warning.startswith("With doxycycline") for warning in data["warnings"])


def test_a_supplement_planned_for_an_infant_carries_the_infant_caution(mgcalc: Any) -> None:
    # IOM 1997 sets no UL for infants; 8 units of 10 mg reach the AI of 75 mg (7-12 months).
    args = ("elemental", "--unit", "elemental=10mg", "--age", "8mo", "--diet", "0mg")
    data = mgcalc("plan", *args, "--allow-above-ul", "--json").json()
    assert (data["units"], data["supplemental_mg"]) == (8, 80.0)
    assert any(warning.startswith("Infant under 1 year") for warning in data["warnings"])
    assert not any("kidney" in warning.lower() for warning in data["warnings"])
