"""Profile options: ages, and the combinations that are refused."""

from __future__ import annotations

import pytest

from mgcalc.nutrition.profile import BadProfile, make_profile, parse_age


@pytest.mark.parametrize(
    ("text", "years"),
    [("42", 42.0), ("18.99", 18.99), ("42y", 42.0), ("8mo", 8 / 12), ("6 months", 0.5), ("0", 0.0)],
)
def test_parse_age(text: str, years: float) -> None:
    assert parse_age(text) == pytest.approx(years)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"age": "42", "pregnant": True, "lactating": True}, "choose the one that applies"),
        ({"age": "30", "sex": "male", "pregnant": True}, "does not go with --sex male"),
        ({"age": "30", "sex": "male", "lactating": True}, "does not go with --sex male"),
        ({"age": "-1"}, "below 0"),
        ({"age": "121"}, "above 120"),
        ({"age": "forty"}, "cannot read age"),
        ({"age": "4x"}, "cannot read age"),
        ({"age": ""}, "cannot read age"),
        ({"sex": "female"}, "add --age"),
        ({"pregnant": True}, "add --age"),
        ({"age": "30", "standard": "mars"}, "unknown standard"),
        ({"age": "30", "sex": "other"}, "unknown sex"),
    ],
)
def test_refusals(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(BadProfile) as caught:
        make_profile(**kwargs)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert caught.value.exit_code == 2


def test_pregnancy_implies_female() -> None:
    assert make_profile(age="30", pregnant=True).sex == "female"


def test_no_age_is_not_personal() -> None:
    assert not make_profile(standard="eu").is_personal
