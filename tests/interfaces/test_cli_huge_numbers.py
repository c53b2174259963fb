"""A number too large to hold (1e400) is refused as too large, naming the bound."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import assert_refused


def test_a_huge_duration_is_too_long(mgcalc: Any) -> None:
    run = mgcalc("convert", "1g@20g/500mL", "sulfate", "--over", "1e400h")
    assert_refused(run, "duration '1e400h' is too long (at most a year, 8,760 h)")


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "1e400mg", "oxide"],
        ["dose", "oxide=1e400mg"],
        ["convert", "50mg/kg", "sulfate", "--weight", "70kg", "--max", "1e400g"],
    ],
)
def test_a_huge_amount_names_the_bound(mgcalc: Any, args: list[str]) -> None:
    assert_refused(mgcalc(*args), "too large (at most 10⁹ mg, mmol or mL)")
