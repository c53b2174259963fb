"""A model's JSON from its field values, without building the model: what a batch writes.

Building a large result and serialising it is most of a batch line's cost, and most of
its parts recur from line to line (memoised items, people, diets, reference values).
:class:`Spliced` writes the bytes ``Model(**values).model_dump_json()`` would: each field
through pydantic's serialiser for its declared type, nested models the same way, and a
part that recurs (the very same object again) from a cache of its bytes. The shape stays
the model's: keys, order and types are read from it, and the tests compare the bytes.
"""

from __future__ import annotations

import operator
import types
import typing
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter
from pydantic_core import to_json

Encode = Callable[[Any], bytes]
# The most objects a recurring field's cache keeps (alive, with their bytes) at a time.
RECURRING_MAX = 16384
# operator.call is new in Python 3.11.
_call: Callable[[Encode, object], bytes] = getattr(operator, "call", lambda f, value: f(value))
# Model settings that change how fields serialise: a model with any of them is refused.
_SERIALISING = (
    "ser_json_timedelta", "ser_json_bytes", "ser_json_inf_nan", "use_enum_values",
    "serialize_by_alias",
)  # fmt: skip


class Spliced:
    """Writes the JSON of one model class from its field values, as pydantic would."""

    def __init__(
        self,
        model: type[BaseModel],
        *,
        nested: Mapping[str, Spliced] | None = None,
        by_identity: Collection[str] = (),
        each_by_identity: Collection[str] = (),
        by_value: Collection[str] = (),
    ) -> None:
        """Prepare *model*'s fields: *nested* ones given as field values of their own, and
        the bytes cached of those whose value is often the same object (*by_identity*; the
        elements of a tuple one by one: *each_by_identity*) or an equal, hashable value
        (*by_value*). A field of a few literal values has their bytes ready.
        """
        _refuse_custom_serialising(model)
        nested = nested or {}
        named = {*nested, *by_identity, *each_by_identity, *by_value}
        if not named <= set(model.model_fields):
            unknown = sorted(named - set(model.model_fields))
            raise ValueError(f"{model.__name__} has no field {', '.join(unknown)}")
        self.model = model
        self.fields = tuple(model.model_fields)
        keys: list[bytes] = []
        self._encoders: list[Encode] = []
        for name, field in model.model_fields.items():
            keys.append(to_json(name) + b":")  # model_dump_json() keys by name, not alias
            encode = _serialiser(field.annotation)
            if name in nested:
                encode = nested[name]
            elif name in each_by_identity:
                encode = _each(_by_identity(_serialiser(_element(field.annotation))))
            elif name in by_identity:
                encode = _by_identity(encode)
            elif name in by_value:
                encode = _by_value(encode, field.annotation)
            elif (choices := _literals(field.annotation)) is not None:
                encode = _ready(encode, choices)
            self._encoders.append(encode)
        # '{"a":%b,"b":%b}': one formatting per object, the values' bytes in their places.
        self._template = b"{" + b",".join(key.replace(b"%", b"%%") + b"%b" for key in keys) + b"}"

    def __call__(self, values: Sequence[object]) -> bytes:
        """Return the JSON of the model whose field values, in order, are *values*."""
        return self._template % tuple(map(_call, self._encoders, values))


def _refuse_custom_serialising(model: type[BaseModel]) -> None:
    decorators = model.__pydantic_decorators__
    custom = [key for key in _SERIALISING if model.model_config.get(key)]
    if decorators.field_serializers or decorators.model_serializers:
        custom.append("a serializer")
    if model.model_computed_fields:
        custom.append("a computed field")
    if custom:
        raise TypeError(f"{model.__name__} customises its JSON ({', '.join(custom)})")


def _serialiser(annotation: Any) -> Encode:
    encode: Encode = TypeAdapter(annotation).serializer.to_json
    return encode


def _element(annotation: Any) -> Any:
    """Return the element type of ``tuple[X, ...]``."""
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is not tuple or len(arguments) != 2 or arguments[1] != ...:
        raise TypeError(f"recurring_each needs a field of type tuple[X, ...], not {annotation}")
    return arguments[0]


def _literals(annotation: Any) -> tuple[object, ...] | None:
    """Return the values of ``Literal[...]`` (or of one ``| None``), else None."""
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    parts = typing.get_args(annotation) if union else ()
    if parts and type(None) in parts and len(parts) == 2:
        annotation = next(part for part in parts if part is not type(None))
        extra: tuple[object, ...] = (None,)
    else:
        extra = ()
    if typing.get_origin(annotation) is not Literal:
        return None
    values = (*typing.get_args(annotation), *extra)
    # bool is an int, and True == 1: a literal of both would share a key.
    return values if not any(isinstance(value, bool) for value in values) else None


class _Bytes(dict[Any, bytes]):
    """Values' bytes, made by *encode* when first asked for (at most RECURRING_MAX kept)."""

    def __init__(self, encode: Encode, values: tuple[object, ...] = ()) -> None:
        super().__init__((value, encode(value)) for value in values)
        self.encode = encode

    def __missing__(self, value: object) -> bytes:
        if len(self) >= RECURRING_MAX:
            self.clear()
        data = self[value] = self.encode(value)
        return data


def _ready(encode: Encode, choices: tuple[object, ...]) -> Encode:
    """Have the bytes of each of a few values ready (any other is serialised when asked)."""
    return _Bytes(encode, choices).__getitem__


def _by_identity(encode: Encode) -> Encode:
    """Cache *encode*'s bytes by the object's identity (the object is kept, so its id is)."""
    cache: dict[int, tuple[object, bytes]] = {}

    def encode_same_object(value: object) -> bytes:
        found = cache.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        if len(cache) >= RECURRING_MAX:
            cache.clear()
        data = encode(value)
        cache[id(value)] = (value, data)
        return data

    return encode_same_object


def _by_value(encode: Encode, annotation: Any) -> Encode:
    """Cache *encode*'s bytes by value: for text, where equal values have equal bytes."""
    if annotation not in (str, str | None, tuple[str, ...]):
        raise TypeError(f"by_value needs a field of text, not {annotation}")
    return _Bytes(encode).__getitem__


def _each(encode: Encode) -> Encode:
    def encode_each(values: Sequence[object]) -> bytes:
        return b"[" + b",".join(map(encode, values)) + b"]"

    return encode_each
