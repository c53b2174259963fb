"""assess() passes its diet_given and personal flags on, each to its own reason."""

from __future__ import annotations

import pytest

from mgcalc.nutrition.assessment import assess, reference_for
from mgcalc.nutrition.profile import make_profile

# IOM 1997, women 31-50 y: EAR 265 mg, RDA 320 mg, UL 350 mg (supplements).
WOMAN_42 = reference_for(make_profile(age="42", sex="female"))[0]


@pytest.mark.parametrize(
    ("diet_given", "personal", "adequacy", "reason"),
    [
        (True, True, "likely_adequate", None),
        (False, True, "not_assessed", "no_diet"),
        # Without a person (the label reference in practice), the reason says so first.
        (True, False, "likely_adequate", "no_profile"),
        (False, False, "likely_adequate", "no_profile"),
    ],
)
def test_each_flag_gives_its_reason(
    diet_given: bool, personal: bool, adequacy: str, reason: str | None
) -> None:
    result = assess(330.0, 100.0, WOMAN_42, diet_given=diet_given, personal=personal)
    assert (result.adequacy, result.reason) == (adequacy, reason)
    assert (result.ul, result.percent_of_ul) == ("within", pytest.approx(100 / 3.5, abs=1e-9))
