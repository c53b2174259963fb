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


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: parse_age("x" * 20), f"cannot read age '{'x' * 20}'; write years"),
        (lambda: parse_age("x" * 21), f"cannot read age '{'x' * 20}…'; write years"),
        (lambda: make_profile(age="42", sex="q" * 20), f"unknown sex '{'q' * 20}'; use female"),
        (lambda: make_profile(age="42", sex="q" * 21), f"unknown sex '{'q' * 20}…'; use female"),
        (lambda: make_profile(standard="z" * 20), f"unknown standard '{'z' * 20}'; use one of"),
        (lambda: make_profile(standard="z" * 21), f"unknown standard '{'z' * 20}…'; use one of"),
        (lambda: make_profile(standard=1), "standard must be text, not int"),
        (lambda: make_profile(age="42", sex=1), "sex must be text, not int"),
        (lambda: make_profile(age="42", pregnant=1), "pregnant must be true or false, not 1"),
        (lambda: make_profile(age="42", lactating="yes"), "lactating must be true or false"),
        (lambda: make_profile(age="42", sex="male", pregnant=True),
         "--pregnant does not go with --sex male"),
        (lambda: make_profile(age="42", sex="male", lactating=True),
         "--lactating does not go with --sex male"),
        (lambda: make_profile(age="9.99", pregnant=True),
         "--pregnant is for ages 10 and over; check --age"),
        (lambda: make_profile(age="9.99", lactating=True),
         "--lactating is for ages 10 and over; check --age"),
        (lambda: make_profile(age=[42]), "age must be a number or text such as '8mo', not list"),
        (lambda: make_profile(age=True), "age True must be between 0 and 120 years"),
        (lambda: make_profile(age=-0.1), "age -0.1 must be between 0 and 120 years"),
        (lambda: make_profile(age=120.1), "age 120.1 must be between 0 and 120 years"),
        (lambda: make_profile(age=float("nan")), "age nan must be between 0 and 120 years"),
    ],
)  # fmt: skip
def test_refusals_in_full(call: object, message: str) -> None:
    with pytest.raises(BadProfile) as caught:
        call()  # type: ignore[operator]
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("age", "years"), [(0, 0.0), (120, 120.0), (42.5, 42.5)])
def test_numeric_ages_at_their_limits(age: float, years: float) -> None:
    profile = make_profile(age=age)
    assert profile.age_years == years
    assert profile.age_months == years * 12


def test_pregnancy_at_the_youngest_age_and_the_profile_fields() -> None:
    profile = make_profile(age="10", pregnant=True, weight="70kg")
    assert (profile.sex, profile.pregnant, profile.weight_kg) == ("female", True, 70.0)
    assert make_profile(age="10", lactating=True).sex == "female"
    assert make_profile().age_months is None
    assert make_profile(age="42").weight_kg is None
    assert make_profile(age="8mo").age_months == pytest.approx(8.0, rel=1e-12)
