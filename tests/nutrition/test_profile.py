"""Profile options: ages, and the combinations that are refused."""

from __future__ import annotations

from typing import Any

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


@pytest.mark.parametrize(
    ("typed", "sex"),
    [
        ("female", "female"), ("f", "female"), ("woman", "female"), ("w", "female"),
        ("male", "male"), ("m", "male"), ("man", "male"),
        ("Female", "female"), (" F ", "female"), ("WOMAN", "female"), ("Man", "male"),
    ],
)  # fmt: skip
def test_every_name_of_a_sex_in_any_case(typed: str, sex: str) -> None:
    from mgcalc.nutrition.profile import read_sex

    assert read_sex(typed) == sex
    assert make_profile(age="40", sex=typed).sex == sex


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("us", "us"), ("iom", "us"), ("usa", "us"), ("nam", "us"),
        ("eu", "eu"), ("efsa", "eu"),
        ("dach", "dach"), ("d-a-ch", "dach"), ("dge", "dach"),
        ("who", "who"), ("fao", "who"), ("fao-who", "who"), ("fao/who", "who"),
        ("uk", "uk"), ("coma", "uk"),
        ("anz", "anz"), ("nhmrc", "anz"),
        ("nordic", "nordic"), ("nnr", "nordic"),
        ("EFSA", "eu"), (" IoM ", "us"), ("FAO/WHO", "who"), ("D-A-CH", "dach"), ("NNR", "nordic"),
    ],
)  # fmt: skip
def test_every_name_of_a_standard_in_any_case(typed: str, standard: str) -> None:
    from mgcalc.nutrition.profile import read_standard

    assert read_standard(typed) == standard
    assert make_profile(standard=typed).standard == standard


def test_the_standards_in_order() -> None:
    from mgcalc.nutrition.profile import STANDARDS

    assert STANDARDS == ("us", "eu", "dach", "who", "uk", "anz", "nordic")
    assert make_profile().standard == "us"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2yr", 2.0), ("2 yrs", 2.0), ("2 year", 2.0), ("2years", 2.0), ("2 y", 2.0),
        ("6mo", 0.5), ("6 month", 0.5), ("18months", 1.5), ("120", 120.0), (" 42 ", 42.0),
    ],
)  # fmt: skip
def test_every_unit_of_an_age(text: str, years: float) -> None:
    assert parse_age(text) == pytest.approx(years, rel=1e-12)


NO_AGE = "add --age: reference values depend on age (years, or months as 8mo)"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"age": "30", "standard": "mars"},
         "unknown standard 'mars'; use one of us, eu, dach, who, uk, anz, nordic "
         "(also iom, efsa, dge, fao, coma, nhmrc, nnr)"),
        ({"age": "30", "sex": "other"},
         "unknown sex 'other'; use female or male (also f, m, woman, man)"),
        ({"age": "-1"}, "age '-1' is below 0"),
        ({"age": "121"}, "age '121' is above 120 years"),
        ({"age": "1441mo"}, "age '1441mo' is above 120 years"),
        ({"age": "1e400"}, "cannot read age '1e400'; write years (42, 1.5) or months (8mo)"),
        ({"age": "forty"}, "cannot read age 'forty'; write years (42, 1.5) or months (8mo)"),
        ({"sex": "female"}, NO_AGE),
        ({"lactating": True}, NO_AGE),
        ({"age": "42", "pregnant": True, "lactating": True},
         "--pregnant and --lactating together: choose the one that applies"),
    ],
)  # fmt: skip
def test_refusals_word_for_word(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(BadProfile) as caught:
        make_profile(**kwargs)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_the_standard_and_sex_through_the_cli(mgcalc: Any) -> None:
    data = mgcalc("reference", "--age", "40", "--sex", "Woman", "--standard", "EFSA", "--json")
    assert data.exit_code == 0, data.stderr
    body = data.json()
    assert (body["standard"], body["profile"]["sex"]) == ("eu", "female")
