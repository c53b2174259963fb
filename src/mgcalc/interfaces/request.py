"""Requests as scripts send them: JSON objects whose keys mirror the command line."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)
from pydantic_core import ErrorDetails

from mgcalc.chemistry.conversion import Conversion
from mgcalc.chemistry.forms import clears_with_forms
from mgcalc.dietary.assembly import Diet, make_diet
from mgcalc.errors import InputError
from mgcalc.nutrition.intake import Dose, DoseFields, dose, dose_fields
from mgcalc.nutrition.planner import Plan, plan
from mgcalc.nutrition.profile import (
    SEX_ALIASES,
    STANDARD_ALIASES,
    Profile,
    make_profile,
)

Id = StrictStr | StrictInt | None
Age = StrictStr | StrictFloat | StrictInt | None
# One diet entry ("250mg", "1.5L@20mg/L", or a number of mg), or a list of them.
DietEntry = StrictStr | StrictFloat | StrictInt
DietValue = DietEntry | list[DietEntry] | None
# A body weight: "70kg", "154lb", or a number of kg.
Weight = StrictStr | StrictFloat | StrictInt | None


def _sex(value: object) -> object:
    return SEX_ALIASES.get(value.strip().lower(), value) if isinstance(value, str) else value


def _standard(value: object) -> object:
    return STANDARD_ALIASES.get(value.strip().lower(), value) if isinstance(value, str) else value


# Read as the command line reads --sex and --standard ("Female", "F", "EU", "efsa").
Sex = Annotated[Literal["female", "male"] | None, BeforeValidator(_sex)]
Standard = Annotated[
    Literal["us", "eu", "dach", "who", "uk", "anz", "nordic"], BeforeValidator(_standard)
]
MAX_REQUEST_BYTES = 1_000_000
# What a JSON value of a union should have been, by pydantic's error type.
_KINDS = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "list_type": "a list",
}
# Keys whose number means nothing without its unit, and the unit of their example.
_AMOUNTS = {"amount": "mg", "unit": "mg", "over": "min", "max": "g"}


class BadRequest(InputError):
    """A request is not valid JSON of the documented shape."""


class DoseRequest(BaseModel):
    """The ``dose`` command as JSON: ``{"items": ["glycinate=500mg"], "age": 42, ...}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id = None
    items: list[StrictStr] = Field(default_factory=list)  # none: the diet is checked alone
    foods: list[StrictStr] = Field(default_factory=list)
    diet: DietValue = None
    diet_days: StrictInt | None = Field(
        default=None, description="the typed diet is the mean of so many days (default 1)"
    )
    age: Age = None
    sex: Sex = None
    pregnant: StrictBool = False
    lactating: StrictBool = False
    standard: Standard = "us"
    with_: list[StrictStr] = Field(default_factory=list, alias="with")
    kidney_impairment: StrictBool = False


class PlanRequest(BaseModel):
    """The ``plan`` command as JSON: ``{"form": "glycinate", "unit": "500mg", ...}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id = None
    form: StrictStr
    unit: StrictStr | None = None
    foods: list[StrictStr] = Field(default_factory=list)
    diet: DietValue = None
    target: StrictStr = "rda"
    doses: StrictInt | None = None
    allow_above_ul: StrictBool = False
    halves: StrictBool = False
    age: Age = None
    sex: Sex = None
    pregnant: StrictBool = False
    lactating: StrictBool = False
    standard: Standard = "us"
    with_: list[StrictStr] = Field(default_factory=list, alias="with")
    kidney_impairment: StrictBool = False
    supervised: StrictBool = Field(
        default=False,
        description="with kidney_impairment, plan anyway: a clinician's plan, for medical "
        "supervision (allow_above_ul no longer lifts the kidney refusal)",
    )


class ConvertRequest(BaseModel):
    """The ``convert`` command as JSON: ``{"amount": "400mg", "form": "oxide", ...}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id = None
    amount: StrictStr = Field(
        description="400mg, 8mEq, 10mL, 25mg/kg …; without a form, the command line's words "
        "in either order: 400 mg magnesium oxide"
    )
    form: StrictStr | None = None
    elemental: StrictBool = False
    unit: StrictStr | None = None
    halves: StrictBool = False
    weight: Weight = Field(default=None, description="70kg, 154lb, or a number of kg")
    over: StrictStr | None = Field(default=None, description="a duration: 30min, 4h")
    max: StrictStr | None = Field(default=None, description="caps a per-kg amount: 2g, 40mEq")
    kidney_impairment: StrictBool = False


Request = DoseRequest | PlanRequest | ConvertRequest
RequestModel = type[DoseRequest] | type[PlanRequest] | type[ConvertRequest]
# The request each scripted command reads.
REQUESTS: dict[str, RequestModel] = {
    "dose": DoseRequest,
    "plan": PlanRequest,
    "convert": ConvertRequest,
}


def parse_request(text: str | bytes, model: RequestModel) -> Request:
    """Read one JSON request of *model*'s shape, or raise :class:`BadRequest`."""
    try:  # the validator itself: model_validate_json() adds only argument checks
        request: Request = model.__pydantic_validator__.validate_json(text)
    except ValidationError as error:
        raise _bad(error, model) from None
    return request


def validate_request(data: object, model: RequestModel) -> Request:
    """Validate decoded JSON (a dict) as a request, with a one-line message on failure."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _bad(error, model) from None


def request_id(text: str | bytes) -> str | int | None:
    """Return the id of a request that failed, if its JSON has a usable one."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    found = data.get("id") if isinstance(data, dict) else None
    return found if isinstance(found, (str, int)) and not isinstance(found, bool) else None


def _bad(error: ValidationError, model: RequestModel) -> BadRequest:
    errors = error.errors(include_url=False)
    # A misspelt key is the mistake to name, before the required key it leaves missing.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    if first["type"] == "json_invalid":
        return BadRequest(
            f"request is not valid JSON: {first['msg'].removeprefix('Invalid JSON: ')}"
        )
    if first["type"] == "model_type" or not first["loc"]:
        return BadRequest("request must be a JSON object")
    field = ".".join(str(part) for part in first["loc"])
    message = first["msg"]
    if len(first["loc"]) > 1 and isinstance(first["loc"][1], str):
        field, message = _union(first, errors)
    keys = request_keys(model)
    if first["type"] == "extra_forbidden":
        close = did_you_mean(str(first["loc"][-1]), keys)
        message = "unknown key" + (close or f"; the keys are {', '.join(keys)}")
    elif first["type"] == "string_type" and first["loc"][0] in _AMOUNTS:
        value = first["input"]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            message = f'add a unit, as text: "{value:g}{_AMOUNTS[str(first["loc"][0])]}"'
    return BadRequest(f"request field '{field}': {message}")


def _union(first: ErrorDetails, errors: list[ErrorDetails]) -> tuple[str, str]:
    """Say what a value of a union (text or a number, …) should have been, in one phrase.

    In a request's flat keys, a text part of an error's location after the key names a
    type of the union; the deepest errors are those of a list's item.
    """
    same = [error for error in errors if error["loc"][:1] == first["loc"][:1]]
    depth = max(len(error["loc"]) for error in same)
    deepest = [error for error in same if len(error["loc"]) == depth]
    where = [part for part in deepest[0]["loc"][1:] if isinstance(part, int)]
    named = list(dict.fromkeys(_KINDS[e["type"]] for e in deepest if e["type"] in _KINDS))
    if "a number" in named and "a whole number" in named:
        named.remove("a whole number")
    kinds = " or ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    shown = json.dumps(deepest[0]["input"], ensure_ascii=False)
    shown = shown if len(shown) <= 20 else shown[:20] + "…"
    field = ".".join(str(part) for part in (deepest[0]["loc"][0], *where))
    return field, f"should be {kinds or 'of another type'}, not {shown}"


def run_request(request: Request) -> Dose | Plan | Conversion:
    """Run a request and return its result, carrying the request's id."""
    if isinstance(request, ConvertRequest):
        return _convert(request)
    profile = _profile(
        request.age, request.sex, request.pregnant, request.lactating, request.standard
    )
    entries = tuple(request.diet) if isinstance(request.diet, list) else request.diet
    diet = _diet(entries, tuple(request.foods))
    if isinstance(request, DoseRequest):
        return dose(
            request.items, diet, profile, id=request.id, with_medicines=request.with_,
            kidney_impairment=request.kidney_impairment, diet_days=request.diet_days,
        )  # fmt: skip
    return plan(
        request.form, profile, unit=request.unit, diet=diet, target=request.target,
        doses=request.doses, allow_above_ul=request.allow_above_ul, halves=request.halves,
        id=request.id,
        with_medicines=request.with_, kidney_impairment=request.kidney_impairment,
        supervised=request.supervised,
    )  # fmt: skip


def dose_fields_of(request: DoseRequest) -> DoseFields:
    """Run a dose request to its result's field values (a batch writes them unbuilt)."""
    profile = _profile(
        request.age, request.sex, request.pregnant, request.lactating, request.standard
    )
    entries = tuple(request.diet) if isinstance(request.diet, list) else request.diet
    return dose_fields(
        request.items, _diet(entries, tuple(request.foods)), profile, id=request.id,
        with_medicines=request.with_, kidney_impairment=request.kidney_impairment,
        diet_days=request.diet_days,
    )  # fmt: skip


# A batch holds few distinct people (about 10,000 in 100,000 realistic requests).
# typed: True and 1, or 42 and 42.0, are different ages as far as validation goes.
@lru_cache(maxsize=16384, typed=True)
def _profile(
    age: str | float | None, sex: str | None, pregnant: bool, lactating: bool, standard: str
) -> Profile:
    return make_profile(age=age, sex=sex, pregnant=pregnant, lactating=lactating, standard=standard)


# Diets repeat too ("250mg"); a diet's foods and amounts do not depend on the forms in
# use, but the memo is cleared with them, as every memo of a conversion is.
@lru_cache(maxsize=4096, typed=True)
def _diet(
    entries: str | float | tuple[str | float, ...] | None, foods: tuple[str, ...]
) -> Diet | None:
    return make_diet(entries, foods)


clears_with_forms(_diet.cache_clear)


def _convert(request: ConvertRequest) -> Conversion:
    from mgcalc.chemistry.phrase import read_phrase
    from mgcalc.interfaces.api import convert

    amount, form = request.amount, request.form
    if form is None:  # the amount may be the command line's words: 400 mg magnesium oxide
        from mgcalc.clinical.product_names import is_product_name

        example = '"amount": "400mg", "form": "oxide"'
        amount, form = read_phrase(amount.split(), example=example, known=is_product_name)
    result = convert(
        amount, form, elemental=request.elemental, unit=request.unit, halves=request.halves,
        weight=request.weight, over=request.over, max=request.max,
        kidney_impairment=request.kidney_impairment,
    )  # fmt: skip
    return result if request.id is None else result.model_copy(update={"id": request.id})


def request_keys(model: type[BaseModel]) -> list[str]:
    """Return a request's JSON keys (``with`` is spelled so, a Python keyword)."""
    return [field.alias or name for name, field in model.model_fields.items()]


def did_you_mean(name: str, keys: list[str]) -> str:
    """Return "; did you mean 'key'?" for the key nearest *name*, or nothing."""
    import difflib

    close = difflib.get_close_matches(name, keys, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
