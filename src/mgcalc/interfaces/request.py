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

from mgcalc.chemistry.forms import clears_with_forms
from mgcalc.diet.assembly import Diet, make_diet
from mgcalc.errors import InputError
from mgcalc.nutrition.intake import Dose, dose
from mgcalc.nutrition.planner import Plan, plan
from mgcalc.nutrition.profile import Profile, make_profile

Id = StrictStr | StrictInt | None
Age = StrictStr | StrictFloat | StrictInt | None
# One diet entry ("250mg", "1.5L@20mg/L", or a number of mg), or a list of them.
DietEntry = StrictStr | StrictFloat | StrictInt
DietValue = DietEntry | list[DietEntry] | None


def _sex(value: object) -> object:
    from mgcalc.nutrition.profile import SEX_ALIASES

    return SEX_ALIASES.get(value.strip().lower(), value) if isinstance(value, str) else value


def _standard(value: object) -> object:
    from mgcalc.nutrition.profile import STANDARD_ALIASES

    return STANDARD_ALIASES.get(value.strip().lower(), value) if isinstance(value, str) else value


# Read as the command line reads --sex and --standard ("Female", "F", "EU", "efsa").
Sex = Annotated[Literal["female", "male"] | None, BeforeValidator(_sex)]
Standard = Annotated[
    Literal["us", "eu", "dach", "who", "uk", "anz", "nordic"], BeforeValidator(_standard)
]
MAX_REQUEST_BYTES = 1_000_000


class BadRequest(InputError):
    """A request is not valid JSON of the documented shape."""


class DoseRequest(BaseModel):
    """The ``dose`` command as JSON: ``{"items": ["glycinate=500mg"], "age": 42, ...}``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id = None
    items: list[StrictStr] = Field(default_factory=list)  # none: the diet is checked alone
    foods: list[StrictStr] = Field(default_factory=list)
    diet: DietValue = None
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


Request = DoseRequest | PlanRequest


def parse_request(text: str | bytes, model: type[DoseRequest] | type[PlanRequest]) -> Request:
    """Read one JSON request of *model*'s shape, or raise :class:`BadRequest`."""
    try:
        return model.model_validate_json(text)
    except ValidationError as error:
        raise _bad(error, model) from None


def validate_request(data: object, model: type[DoseRequest] | type[PlanRequest]) -> Request:
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


def _bad(error: ValidationError, model: type[DoseRequest] | type[PlanRequest]) -> BadRequest:
    first = error.errors(include_url=False)[0]
    if first["type"] == "json_invalid":
        return BadRequest(
            f"request is not valid JSON: {first['msg'].removeprefix('Invalid JSON: ')}"
        )
    if first["type"] == "model_type" or not first["loc"]:
        return BadRequest("request must be a JSON object")
    field = ".".join(str(part) for part in first["loc"])
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = f"unknown key; the keys are {', '.join(request_keys(model))}"
    return BadRequest(f"request field '{field}': {message}")


def run_request(request: Request) -> Dose | Plan:
    """Run a request and return its result, carrying the request's id."""
    profile = _profile(
        request.age, request.sex, request.pregnant, request.lactating, request.standard
    )
    entries = tuple(request.diet) if isinstance(request.diet, list) else request.diet
    diet = _diet(entries, tuple(request.foods))
    if isinstance(request, DoseRequest):
        return dose(
            request.items, diet, profile, id=request.id, with_medicines=request.with_,
            kidney_impairment=request.kidney_impairment,
        )  # fmt: skip
    return plan(
        request.form, profile, unit=request.unit, diet=diet, target=request.target,
        doses=request.doses, allow_above_ul=request.allow_above_ul, halves=request.halves,
        id=request.id,
        with_medicines=request.with_, kidney_impairment=request.kidney_impairment,
    )  # fmt: skip


# A batch holds few distinct people (about 10,000 in 100,000 realistic requests).
# typed: True and 1, or 42 and 42.0, are different ages as far as validation goes.
@lru_cache(maxsize=4096, typed=True)
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


def request_keys(model: type[BaseModel]) -> list[str]:
    """Return a request's JSON keys (``with`` is spelled so, a Python keyword)."""
    return [field.alias or name for name, field in model.model_fields.items()]
