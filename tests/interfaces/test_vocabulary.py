"""One JSON vocabulary: shared keys agree across every schema; batch ids are the same everywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_refused

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
# Inputs mirror the command line (text, natural types); outputs are what mgcalc writes.
INPUTS = {"request", "plan-request", "convert-request", "profile"}
# The same name for two things, each with its reason.
KNOWN = {
    # convert's per_kg object holds the per-kg figure under the same name.
    "per_kg",
}


def _types(node: dict[str, Any]) -> frozenset[str]:
    """Return the JSON types a property takes, apart from null."""
    if "$ref" in node:
        return frozenset({"object"})
    if "anyOf" in node:
        return frozenset().union(*(_types(option) for option in node["anyOf"]))
    if "enum" in node or "const" in node:
        values = node.get("enum", [node.get("const")])
        return frozenset("string" if isinstance(value, str) else "value" for value in values)
    kind = node.get("type", "any")
    return frozenset({kind} if isinstance(kind, str) else kind) - {"null"}


def _properties(names: set[str] | None = None) -> dict[str, dict[frozenset[str], list[str]]]:
    found: dict[str, dict[frozenset[str], list[str]]] = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        if names is not None and path.stem not in names:
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        for owner, node in [("", schema), *schema.get("$defs", {}).items()]:
            for key, prop in node.get("properties", {}).items():
                kinds = _types(prop) - {"null"}
                found.setdefault(key, {}).setdefault(kinds, []).append(f"{path.stem}:{owner}")
    return found


def test_every_output_key_has_one_type_everywhere() -> None:
    outputs = {path.stem for path in SCHEMAS.glob("*.json")} - INPUTS
    disagree = {
        key: {"/".join(sorted(kinds)): where[:3] for kinds, where in by_type.items()}
        for key, by_type in _properties(outputs).items()
        if len(by_type) > 1 and key not in KNOWN
    }
    assert disagree == {}


def test_inputs_accept_what_outputs_write() -> None:
    # A request key that is also an output key accepts at least the output's type.
    outputs = _properties({path.stem for path in SCHEMAS.glob("*.json")} - INPUTS)
    for key, by_type in _properties({"request", "plan-request", "convert-request"}).items():
        # a diet entry; a dose count; an amount as typed (a food portion's is a count); a
        # maximum as typed (convert's output max is the cap it applied)
        if key not in outputs or key in {"diet", "doses", "amount", "max"}:
            continue
        accepted = frozenset().union(*by_type)
        for written in outputs[key]:
            assert written <= accepted | {"value"}, key


def test_sex_is_spelled_one_way() -> None:
    for path in SCHEMAS.glob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert '"Female"' not in text and '"F"' not in text


def test_the_walk_sees_shared_keys() -> None:
    found = _properties()
    assert {"id", "sex", "standard", "custom", "elemental_mg", "profile_source"} <= set(found)


BATCH = (
    '{"items": ["oxide=1g"], "diet": "100mg", "age": 42, "sex": "female"}\n'
    '{"id": "x", "items": ["oxide=1g"]}\n'
    '{"id": 7, "items": ["bogus=1g"]}\n'
)


def test_batch_lines_and_results_carry_the_same_id(mgcalc: Any) -> None:
    run = mgcalc("dose", "--batch", "-", input=BATCH)
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["id"] for line in lines] == [1, "x", 7]  # the line number when none is given
    assert [line["result"]["id"] for line in lines[:2]] == [1, "x"]
    assert lines[2]["result"] is None


def test_csv_output_names_the_reference(mgcalc: Any) -> None:
    run = mgcalc("dose", "--batch", "-", "--format", "csv", input=BATCH)
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    first = rows[0]
    # IOM women 31–50: RDA 320 mg, UL 350 mg.
    assert (first["standard"], first["group"], first["rda_mg"], first["ul_mg"]) == (
        "us", "31–50 y", "320.0", "350.0",
    )  # fmt: skip
    assert first["ai_mg"] == ""


@pytest.mark.parametrize("command", [["dose", "oxide=1g"], ["plan", "oxide", "--diet", "0mg"]])
def test_format_without_batch_is_refused(mgcalc: Any, command: list[str]) -> None:
    assert_refused(mgcalc(*command, "--format", "csv"), "--format chooses the output of --batch")
