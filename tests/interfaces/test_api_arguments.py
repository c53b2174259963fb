"""The Python API refuses arguments of the wrong type as the command line refuses bad text."""

from __future__ import annotations

import doctest
import math
import pydoc
from collections.abc import Callable
from typing import Any

import pytest

import mgcalc
from mgcalc.errors import BadDiet, BadWeight, InputError
from mgcalc.nutrition.intake import BadItem
from mgcalc.nutrition.profile import BadProfile

ITEMS = ["oxide=400mg"]
DIET = "an amount such as '250mg', a number of mg, or a list of these"

CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # items: one text is not split into letters; other types are named.
    ("items text", lambda: mgcalc.dose("oxide=400mg"), BadItem,
     "items must be a list of FORM=AMOUNT texts, not one text"),
    ("items dict", lambda: mgcalc.dose({"oxide": "400mg"}), BadItem,
     "items must be a list of FORM=AMOUNT texts, not dict"),
    ("items bytes", lambda: mgcalc.dose(b"oxide=400mg"), BadItem,
     "items must be a list of FORM=AMOUNT texts, not bytes"),
    ("items None", lambda: mgcalc.dose(None), BadItem,
     "items must be a list of FORM=AMOUNT texts, not NoneType"),
    ("items number", lambda: mgcalc.dose([400]), BadItem,
     "items must be a list of FORM=AMOUNT texts, not a list holding int"),
    # diet: text, a number of mg, or a list of these (a request's natural types).
    ("diet dict", lambda: mgcalc.dose(ITEMS, diet={"mg": 250}), BadDiet,
     f"diet must be {DIET}, not dict"),
    ("diet bytes", lambda: mgcalc.dose(ITEMS, diet=b"250mg"), BadDiet,
     f"diet must be {DIET}, not bytes"),
    ("diet bool", lambda: mgcalc.dose(ITEMS, diet=True), BadDiet, f"diet must be {DIET}, not True"),
    ("diet set", lambda: mgcalc.dose(ITEMS, diet={"250mg"}), BadDiet,
     f"diet must be {DIET}, not set"),
    ("diet list bool", lambda: mgcalc.dose(ITEMS, diet=["250mg", False]), BadDiet,
     f"diet must be {DIET}, not a list holding bool"),
    ("diet list None", lambda: mgcalc.dose(ITEMS, diet=["250mg", None]), BadDiet,
     f"diet must be {DIET}, not a list holding NoneType"),
    ("diet negative", lambda: mgcalc.dose(ITEMS, diet=-1), BadDiet,
     "diet -1: a number of mg must be zero or more"),
    ("diet nan", lambda: mgcalc.dose(ITEMS, diet=math.nan), BadDiet,
     "diet nan: not a number; give a number of mg"),
    ("diet inf", lambda: mgcalc.dose(ITEMS, diet=[math.inf]), BadDiet,
     "diet inf: too large (at most 10⁹ mg)"),
    ("diet no unit", lambda: mgcalc.dose(ITEMS, diet="250"), BadDiet,
     "diet '250' has no unit; add a unit: 250mg"),
    # foods, the tracker file and its options.
    ("foods text", lambda: mgcalc.dose(ITEMS, foods="almonds=28g"), BadDiet,
     "foods must be a list of FOOD=AMOUNT texts, not one text"),
    ("foods dict", lambda: mgcalc.dose(ITEMS, foods={"almonds": "28g"}), BadDiet,
     "foods must be a list of FOOD=AMOUNT texts, not dict"),
    ("foods bytes", lambda: mgcalc.plan("oxide", foods=b"almonds=28g"), BadDiet,
     "foods must be a list of FOOD=AMOUNT texts, not bytes"),
    ("foods number", lambda: mgcalc.diet(foods=[28]), BadDiet,
     "foods must be a list of FOOD=AMOUNT texts, not a list holding int"),
    ("diet_file number", lambda: mgcalc.dose(ITEMS, diet_file=3), BadDiet,
     "diet_file must be a file's path, not 3"),
    ("diet_file bytes", lambda: mgcalc.diet(diet_file=b"days.csv"), BadDiet,
     "diet_file must be a file's path, not bytes"),
    ("days bool", lambda: mgcalc.diet(diet_file="days.csv", days=True), BadDiet,
     "days must be a whole number of days, not True"),
    ("days fraction", lambda: mgcalc.diet(diet_file="days.csv", days=2.5), BadDiet,
     "days must be a whole number of days, not 2.5"),
    ("days zero", lambda: mgcalc.diet(diet_file="days.csv", days=0), BadDiet,
     "--days must be at least 1, not 0"),
    ("include_incomplete", lambda: mgcalc.diet(diet_file="d.csv", include_incomplete="yes"),
     BadDiet, "include_incomplete must be true or false, not 'yes'"),
    ("days without a file", lambda: mgcalc.dose(ITEMS, days=3), BadDiet,
     "--days, --include-incomplete and --app go with --diet-file"),
    # the person
    ("age bool", lambda: mgcalc.dose(ITEMS, age=True), BadProfile,
     "age True must be between 0 and 120 years"),
    ("age negative", lambda: mgcalc.reference(age=-1), BadProfile,
     "age -1 must be between 0 and 120 years"),
    ("age nan", lambda: mgcalc.dose(ITEMS, age=math.nan), BadProfile,
     "age nan must be between 0 and 120 years"),
    ("sex number", lambda: mgcalc.dose(ITEMS, age=42, sex=1), BadProfile,
     "sex must be text, not int"),
    ("pregnant text", lambda: mgcalc.dose(ITEMS, age=30, pregnant="yes"), BadProfile,
     "pregnant must be true or false, not 'yes'"),
    ("weight bool", lambda: mgcalc.dose(ITEMS, weight=True), BadWeight,
     "weight must be an amount such as '70kg', or a number of kg, not True"),
    ("weight dict", lambda: mgcalc.plan("oxide", weight={}), BadWeight,
     "weight must be an amount such as '70kg', or a number of kg, not dict"),
    ("weight negative", lambda: mgcalc.convert("25mg/kg", "sulfate", weight=-70), BadWeight,
     "weight '-70' is outside 0.3–350 kg"),
    ("weight nan", lambda: mgcalc.convert("25mg/kg", "sulfate", weight=math.nan), BadWeight,
     "weight 'nan' is outside 0.3–350 kg"),
    # options and flags
    ("with text", lambda: mgcalc.dose(ITEMS, with_medicines="doxycycline"), InputError,
     "with_medicines must be a list of medicine names, not one text"),
    ("kidney text", lambda: mgcalc.dose(ITEMS, kidney_impairment="no"), InputError,
     "kidney_impairment must be true or false, not 'no'"),
    ("doses fraction", lambda: mgcalc.plan("oxide", target="300mg", doses=1.5), InputError,
     "doses must be a whole number of doses, not 1.5"),
    ("halves text", lambda: mgcalc.plan("oxide", halves="no"), InputError,
     "halves must be true or false, not 'no'"),
    ("amount number", lambda: mgcalc.convert(400, "oxide"), InputError,
     "amount must be text such as '400mg', not 400"),
    ("elemental text", lambda: mgcalc.convert("400mg", elemental="no"), InputError,
     "elemental must be true or false, not 'no'"),
    ("food bytes", lambda: mgcalc.food(b"almonds"), InputError,
     "query must be text, not bytes"),
    ("serum number", lambda: mgcalc.serum(2.0), InputError,
     "value must be text such as '2.0mg/dL', not 2.0"),
    ("forms file number", lambda: mgcalc.use_forms(1), InputError,
     "path must be a file's path, not 1"),
    ("show_all text", lambda: mgcalc.reference(show_all="no"), InputError,
     "show_all must be true or false, not 'no'"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "message"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])  # fmt: skip
def test_a_wrong_argument_is_refused_with_the_clis_words(
    call: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, mgcalc.MgcalcError)
    assert message in str(caught.value)


def test_the_cli_says_the_same(mgcalc: Any) -> None:
    import mgcalc as api

    run = mgcalc("dose", "oxide=400mg", "--diet", "250")
    with pytest.raises(BadDiet) as caught:
        api.dose(ITEMS, diet="250")
    assert run.stderr == f"error: {caught.value}\n"


def test_natural_types_are_read_as_the_cli_reads_text() -> None:
    # IOM 1997 women 31–50: RDA 320 mg; 250 mg diet as a number of mg.
    result = mgcalc.dose(ITEMS, diet=250, age=42, sex="Female")
    assert (result.profile.sex, result.diet_mg, result.reference.rda_mg) == ("female", 250, 320)
    assert mgcalc.dose(ITEMS, diet=[200, "50mg"], age=42, sex="F").diet_mg == 250
    assert mgcalc.dose(ITEMS, foods=("almonds=28g",)).diet is not None
    assert mgcalc.reference(age=42, sex="woman", standard="EFSA").standard == "eu"


def test_diet_stays_the_function_after_the_dietary_code_loads() -> None:
    # The subpackage is named dietary so that loading it never rebinds mgcalc.diet.
    from mgcalc.dietary import assembly

    mgcalc.dose(ITEMS, diet="250mg")
    entries = mgcalc.diet("250mg")
    assert entries is not None and entries.mg == 250
    assert assembly.__name__ == "mgcalc.dietary.assembly" and callable(mgcalc.diet)


def test_help_is_useful() -> None:
    text = pydoc.render_doc(mgcalc.dose)
    for word in ("items", "FORM=AMOUNT", "diet", "sex", "standard", "MgcalcError", "-> "):
        assert word in text, word
    for name in mgcalc.__all__:
        value = getattr(mgcalc, name)
        if callable(value) and name != "MgcalcError":
            assert value.__doc__ and value.__annotations__.get("return"), name


def test_the_api_examples_are_true() -> None:
    from mgcalc.interfaces import api

    failed, tried = doctest.testmod(api, optionflags=doctest.ELLIPSIS)
    assert (failed, tried > 0) == (0, True)
