"""A model's JSON from its field values: the same bytes as building and dumping the model."""

from __future__ import annotations

import json
import os
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, computed_field, field_serializer

from mgcalc.errors import MgcalcError
from mgcalc.interfaces import batch
from mgcalc.interfaces.render import spliced
from mgcalc.interfaces.render.spliced import Spliced
from mgcalc.interfaces.request import DoseRequest, dose_fields_of, run_request
from mgcalc.nutrition.assessment import Assessment, AssessmentFields
from mgcalc.nutrition.intake import Dose, DoseFields

PROFILES = int(os.environ.get("MGCALC_HYPOTHESIS_EXAMPLES", "150"))


class Part(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    mg: float | None


class Whole(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: Literal[2] = 2
    id: str | int | None
    kind: Literal["a", "b"] | None
    amount: float
    flag: bool
    texts: tuple[str, ...]
    part: Part
    parts: tuple[Part, ...]
    note: str = Field(serialization_alias="remark")


TEXT = st.text(max_size=12)  # every code point: quotes, backslashes, controls, non-ASCII
FLOAT = st.floats(allow_nan=True, allow_infinity=True)
PART = st.builds(Part, name=TEXT, mg=st.none() | FLOAT)
WHOLE = st.builds(
    Whole,
    id=st.none() | TEXT | st.integers(),
    kind=st.sampled_from(["a", "b", None]),
    amount=FLOAT,
    flag=st.booleans(),
    texts=st.tuples(TEXT, TEXT),
    part=PART,
    parts=st.lists(PART, max_size=3).map(tuple),
    note=TEXT,
)


def _values(model: BaseModel) -> tuple[object, ...]:
    return tuple(getattr(model, name) for name in type(model).model_fields)


@settings(max_examples=PROFILES, suppress_health_check=[HealthCheck.too_slow])
@given(WHOLE)
def test_the_bytes_are_pydantics(whole: Whole) -> None:
    plain = Spliced(Whole)
    cached = Spliced(
        Whole, by_identity=("part",), each_by_identity=("parts",), by_value=("texts", "note")
    )
    expected = whole.model_dump_json().encode()
    assert plain(_values(whole)) == expected
    assert cached(_values(whole)) == expected
    assert cached(_values(whole)) == expected  # from the caches


def test_keys_are_names_in_the_models_order() -> None:
    """As model_dump_json() writes them: by name, not by serialisation alias."""
    whole = Whole(id=1, kind=None, amount=1.0, flag=True, texts=(), part=Part(name="p", mg=None),
                  parts=(), note="n")  # fmt: skip
    data = json.loads(Spliced(Whole)(_values(whole)))
    assert list(data) == ["version", "id", "kind", "amount", "flag", "texts", "part", "parts",
                          "note"]  # fmt: skip


def test_a_cached_object_is_served_from_the_cache() -> None:
    calls: list[object] = []
    part = Part(name="p", mg=1.5)
    encode = spliced._by_identity(lambda value: calls.append(value) or b"x")
    assert (encode(part), encode(part)) == (b"x", b"x")
    assert calls == [part]
    encode(Part(name="p", mg=1.5))  # equal, but another object: its own entry
    assert len(calls) == 2


def test_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spliced, "RECURRING_MAX", 3)
    each = Spliced(Whole, by_value=("note",))
    for number in range(10):
        whole = Whole(id=number, kind="a", amount=number, flag=False, texts=(),
                      part=Part(name="p", mg=None), parts=(), note=f"note {number}")  # fmt: skip
        assert each(_values(whole)) == whole.model_dump_json().encode()
    cache = each._encoders[-1].__self__  # type: ignore[attr-defined]
    assert 0 < len(cache) <= 3


def test_a_model_that_customises_its_json_is_refused() -> None:
    class Custom(BaseModel):
        mg: float

        @field_serializer("mg")
        def _rounded(self, value: float) -> float:
            return round(value)

    with pytest.raises(TypeError, match="Custom customises its JSON"):
        Spliced(Custom)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"by_identity": ("colour",)}, ValueError, "Whole has no field colour"),
        ({"by_value": ("amount",)}, TypeError, "by_value needs a field of text"),
        ({"each_by_identity": ("part",)}, TypeError, r"tuple\[X, \.\.\.\]"),
    ],
)
def test_wrong_options_are_refused(options: dict[str, Any], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        Spliced(Whole, **options)


def test_the_fields_tuples_are_the_models_fields() -> None:
    assert DoseFields._fields == tuple(Dose.model_fields)
    assert AssessmentFields._fields == tuple(Assessment.model_fields)


SALTS = ["glycinate", "oxide", "citrate", "threonate", "elemental", "chloride", "lactate",
         "malate", "sulfate"]  # fmt: skip
AMOUNTS = ["500mg", "2x400mg", "1g", "4mmol", "8mEq", "0mg", "3.5mg", "2x84mg"]
LIQUIDS = ["milk-of-magnesia=15mL", "milk-of-magnesia=1tbsp", "maalox=10mL"]
ITEM = st.builds("{}={}".format, st.sampled_from(SALTS), st.sampled_from(AMOUNTS))
REQUEST = st.fixed_dictionaries(
    {"items": st.lists(ITEM | st.sampled_from(LIQUIDS), min_size=1, max_size=3)},
    optional={
        "id": st.text(max_size=5) | st.integers(),
        "diet": st.sampled_from(["250mg", "0mg", "1.5L@20mg/L", 120, 80.5, ["100mg", 20]]),
        "foods": st.sampled_from([["almonds=1oz"], ["spinach=100g", "tofu=100g"]]),
        "age": st.sampled_from([0.3, 0.5, 2, 8, 15, 19, 42.5, 71, "8mo", "30"]),
        "sex": st.sampled_from(["female", "male", "F"]),
        "pregnant": st.sampled_from([False, False, False, True]),
        "standard": st.sampled_from(["us", "eu", "dach", "who", "uk", "anz", "nordic"]),
        "with": st.sampled_from([["levothyroxine"], ["ciprofloxacin", "alendronate"]]),
        "kidney_impairment": st.booleans(),
    },
)  # fmt: skip


@settings(max_examples=PROFILES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(REQUEST)
def test_a_dose_is_written_as_its_model_is(data: dict[str, Any]) -> None:
    try:
        request = DoseRequest.model_validate(data)
        expected = run_request(request)
    except MgcalcError as error:  # a refused request is refused the same way on both paths
        with pytest.raises(type(error)):
            dose_fields_of(DoseRequest.model_validate(data))
        return
    assert batch._dose_json()(dose_fields_of(request)) == expected.model_dump_json().encode()


def test_every_field_may_be_named() -> None:
    """Options that name all of a model's fields are accepted, not refused as unknown."""
    part = Part(name="magnesium", mg=12.5)
    write = Spliced(Part, by_value=("name",), by_identity=("mg",))
    assert write(_values(part)) == b'{"name":"magnesium","mg":12.5}'


def test_a_model_with_a_computed_field_is_refused() -> None:
    """Its JSON has a key that no field value gives: it cannot be written from the fields."""

    class Computed(BaseModel):
        mg: float

        @computed_field  # type: ignore[prop-decorator]
        @property
        def mmol(self) -> float:
            return self.mg / 24.305

    with pytest.raises(TypeError, match=r"Computed customises its JSON \(a computed field\)"):
        Spliced(Computed)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Have every serialiser Spliced makes note the values it serialises, in order."""
    calls: list[object] = []
    real = spliced._serialiser

    def counting(annotation: Any) -> spliced.Encode:
        encode = real(annotation)

        def counted(value: Any) -> bytes:
            calls.append(value)
            return encode(value)

        return counted

    monkeypatch.setattr(spliced, "_serialiser", counting)
    return calls


def test_recurring_parts_are_serialised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the options are for: a batch line's recurring parts come from their cached bytes."""
    calls = _counting(monkeypatch)
    write = Spliced(
        Whole, by_identity=("part",), each_by_identity=("parts",), by_value=("texts", "note")
    )
    part, other = Part(name="p", mg=1.5), Part(name="q", mg=None)
    whole = Whole(id="r1", kind="b", amount=2.5, flag=False, texts=("x", "y"), part=part,
                  parts=(part, other), note="n")  # fmt: skip
    assert calls == [2, "a", "b", None]  # the literals' bytes are made with the writer
    calls.clear()
    expected = whole.model_dump_json().encode()
    assert write(_values(whole)) == expected
    assert calls == ["r1", 2.5, False, ("x", "y"), part, part, other, "n"]
    calls.clear()
    assert write(_values(whole)) == expected
    assert calls == ["r1", 2.5, False]  # the fields that are not cached


def test_full_caches_start_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache keeps up to RECURRING_MAX values, then empties: a long batch's memory is bounded."""
    monkeypatch.setattr(spliced, "RECURRING_MAX", 2)
    calls: list[object] = []

    def encode(value: object) -> bytes:
        calls.append(value)
        return b"x"

    by_value = spliced._by_value(encode, str)
    for text in ["a", "b", "a", "c", "a"]:
        assert by_value(text) == b"x"
    assert calls == ["a", "b", "c", "a"]  # 'a' again is cached; after 'c' filled it, not
    calls.clear()
    by_identity = spliced._by_identity(encode)
    a, b, c = (Part(name=name, mg=None) for name in "abc")
    for part in [a, b, a, c, a]:
        assert by_identity(part) == b"x"
    assert [part.name for part in calls] == ["a", "b", "c", "a"]  # type: ignore[attr-defined]


class Odd(BaseModel):
    model_config = ConfigDict(frozen=True)

    pick: Literal[1, True]  # True == 1: one key for both in a cache of literal values


@pytest.mark.parametrize(("pick", "expected"), [(1, b'{"pick":1}'), (True, b'{"pick":true}')])
def test_a_literal_of_an_int_and_a_bool_is_written_as_pydantic_writes_it(
    pick: Literal[1, True], expected: bytes
) -> None:
    odd = Odd(pick=pick)
    assert odd.model_dump_json().encode() == expected
    assert Spliced(Odd)(_values(odd)) == expected


def test_every_setting_that_changes_the_json_is_named_in_the_refusal() -> None:
    """Each model setting that changes how fields serialise is refused, named in order."""

    class Settings(BaseModel):
        model_config = ConfigDict(
            ser_json_timedelta="float", ser_json_bytes="base64", ser_json_inf_nan="constants",
            use_enum_values=True, serialize_by_alias=True,
        )  # fmt: skip
        mg: float

        @field_serializer("mg")
        def _rounded(self, value: float) -> float:
            return round(value)

        @computed_field  # type: ignore[prop-decorator]
        @property
        def mmol(self) -> float:
            return self.mg / 24.305

    with pytest.raises(TypeError) as raised:
        Spliced(Settings)
    assert str(raised.value) == (
        "Settings customises its JSON (ser_json_timedelta, ser_json_bytes, ser_json_inf_nan, "
        "use_enum_values, serialize_by_alias, a serializer, a computed field)"
    )


@pytest.mark.parametrize(
    "setting",
    [{"ser_json_timedelta": "float"}, {"ser_json_bytes": "base64"},
     {"ser_json_inf_nan": "constants"}, {"use_enum_values": True},
     {"serialize_by_alias": True}],
)  # fmt: skip
def test_each_setting_alone_is_refused(setting: dict[str, Any]) -> None:
    model = type("Alone", (BaseModel,), {"__annotations__": {"mg": float},
                                         "model_config": ConfigDict(**setting)})  # fmt: skip
    with pytest.raises(TypeError, match=rf"^Alone customises its JSON \({next(iter(setting))}\)$"):
        Spliced(model)


def test_every_unknown_field_is_named() -> None:
    with pytest.raises(ValueError, match=r"^Whole has no field colour, size$"):
        Spliced(Whole, by_identity=("size",), by_value=("colour",))


def test_a_percent_sign_in_a_field_name_is_written_as_is() -> None:
    """The keys go into a %-template: their own % signs must not be read as its places."""
    from pydantic import create_model

    fields: dict[str, Any] = {"a%b": (int, ...), "100%s": (str, ...)}
    model = create_model("Percent", **fields)
    value = model(**{"a%b": 1, "100%s": "x"})
    assert Spliced(model)(_values(value)) == value.model_dump_json().encode()
    assert value.model_dump_json() == '{"a%b":1,"100%s":"x"}'
