"""The Python API takes any real number but a bool, None for a default, and says why it refuses."""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import mgcalc
from mgcalc.errors import BadDiet
from mgcalc.nutrition.profile import BadProfile

ITEMS = ["elemental=100mg"]
WOMAN: dict[str, Any] = {"age": 40, "sex": "female"}


def _number_class(base: type, name: str, convert: Any) -> Any:
    """Make a user's own numeric class: only *convert* and ``>`` work (mgcalc needs no more)."""
    stubs = dict.fromkeys(base.__abstractmethods__)  # type: ignore[attr-defined]

    def init(self: Any, value: float) -> None:
        self.value = value

    def convert_it(self: Any) -> Any:
        return convert(self.value)

    def greater(self: Any, other: Any) -> bool:
        return bool(self.value > other)

    methods = {"__init__": init, "__gt__": greater, f"__{convert.__name__}__": convert_it}
    if convert is int:
        methods["__index__"] = convert_it
    return type(name, (base,), {**stubs, **methods})


# A numbers.Real that is neither int nor float, and a numbers.Integral that is not int.
Grams = _number_class(numbers.Real, "Grams", float)
Count = _number_class(numbers.Integral, "Count", int)


@pytest.mark.parametrize("function", ["dose", "plan", "reference"])
def test_standard_none_is_the_default(function: str) -> None:
    person = {"age": 40, "sex": "female"}
    if function == "dose":
        result: Any = mgcalc.dose(ITEMS, diet="230mg", standard=None, **person)
        default: Any = mgcalc.dose(ITEMS, diet="230mg", **person)
    elif function == "plan":
        result = mgcalc.plan("glycinate", unit="500mg", diet="200mg", standard=None, **person)
        default = mgcalc.plan("glycinate", unit="500mg", diet="200mg", **person)
    else:
        result = mgcalc.reference(standard=None, **person)
        default = mgcalc.reference(**person)
    assert result == default
    # IOM 1997: women 31-50 y, RDA 320 mg.
    assert result.profile.standard == "us"


@pytest.mark.parametrize(
    "number",
    [Fraction(230), Decimal("230"), Decimal("230.0"), Grams(230.0)],
    ids=["fraction", "decimal", "decimal-point", "own-real"],
)
def test_any_real_number_is_a_diet(number: object) -> None:
    result = mgcalc.dose(ITEMS, diet=number, age=40, sex="female")
    assert result.diet is not None
    assert result.diet.mg == 230.0
    assert result.total_mg == 330.0
    assert mgcalc.dose(ITEMS, diet=[number, "20mg"], age=40, sex="female").total_mg == 350.0


def test_numbers_of_other_types_for_age_weight_days_and_doses() -> None:
    result = mgcalc.dose(ITEMS, diet="0mg", age=Fraction(81, 2), sex="female", weight=Decimal(70))
    assert (result.profile.age_years, result.profile.weight_kg) == (40.5, 70.0)
    planned = mgcalc.plan(
        "glycinate", unit="500mg", target="300mg", doses=Count(2), age=40, sex="female"
    )
    assert planned.doses == (2, 2)  # 4 units of 500 mg (281.9 mg) in 2 doses


def test_numpy_numbers_are_numbers() -> None:
    numpy = pytest.importorskip("numpy")
    result = mgcalc.dose(ITEMS, diet=numpy.int64(230), age=numpy.int32(40), sex="female")
    assert (result.total_mg, result.profile.age_years) == (330.0, 40.0)
    result = mgcalc.dose(ITEMS, diet=[numpy.float32(230)], age=40, sex="female")
    assert result.total_mg == 330.0
    planned = mgcalc.plan(
        "glycinate", unit="500mg", target="300mg", doses=numpy.int8(2), age=40, sex="female"
    )
    assert planned.doses == (2, 2)  # 4 units of 500 mg (281.9 mg) in 2 doses
    with pytest.raises(BadDiet, match="not bool"):
        mgcalc.dose(ITEMS, diet=numpy.bool_(True))


@pytest.mark.parametrize(
    ("diet", "message"),
    [
        (1e9 + 1, "diet 1000000001.0: too large (at most 10⁹ mg)"),
        (1e308, "diet 1e+308: too large (at most 10⁹ mg)"),
        (math.inf, "diet inf: too large (at most 10⁹ mg)"),
        (Fraction(10**400), "too large (at most 10⁹ mg)"),
        (Decimal("1e400"), "too large (at most 10⁹ mg)"),
        (-0.5, "diet -0.5: a number of mg must be zero or more"),
        (Decimal("NaN"), "diet nan: not a number; give a number of mg"),
    ],
)
def test_a_numeric_diet_out_of_range_says_why(diet: object, message: str) -> None:
    with pytest.raises(BadDiet) as caught:
        mgcalc.dose(ITEMS, diet=diet, age=40, sex="female")
    assert message in str(caught.value)


def test_the_largest_numeric_diet_is_read() -> None:
    assert mgcalc.diet(1e9) is not None


def test_whole_numbers_stay_whole_and_bools_stay_refused() -> None:
    # A Fraction is a numbers.Rational, not a numbers.Integral, even when it is whole.
    with pytest.raises(mgcalc.MgcalcError, match=r"whole number of doses, not Fraction\(2, 1\)"):
        mgcalc.plan("oxide", target="300mg", doses=Fraction(2))
    with pytest.raises(BadProfile, match="age True"):
        mgcalc.reference(age=True)


def test_diet_report_takes_none_and_any_number(tmp_path: Any) -> None:
    # The same rules as dose: standard=None is the default, a numbers.Real age and an
    # Integral count of days are numbers. IOM 1997: women 31-50 y, EAR 265 mg, RDA 320 mg.
    path = tmp_path / "days.csv"
    path.write_text("date,magnesium_mg\n2026-11-01,250\n2026-11-02,350\n", encoding="utf-8")
    result = mgcalc.diet_report(path, age=Grams(40), sex="female", standard=None, days=Count(1))
    assert result.profile.standard == "us"
    assert (result.reference.ear_mg, result.reference.rda_mg) == (265.0, 320.0)
    assert [day.used for day in result.days] == [False, True]
