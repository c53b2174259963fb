"""The committed JSON Schemas in schemas/ match the models; each document validates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mgcalc.interfaces.schemas import models, schema_text

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


@pytest.mark.skipif(not SCHEMAS.exists(), reason="needs the source tree")
@pytest.mark.parametrize("name", sorted(models()))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (SCHEMAS / f"{name}.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), (
        f"schemas/{name}.json is stale: run `mgcalc schema {name} > schemas/{name}.json`, "
        "and bump schema_version if a field was renamed or removed"
    )


def test_schema_command(mgcalc: Any) -> None:
    run = mgcalc("schema", "dose")
    assert run.exit_code == 0
    schema = json.loads(run.stdout)
    assert {"items", "assessment", "reference", "schema_version"} <= set(schema["properties"])
    assert mgcalc("schema", "nothing").exit_code == 2


def test_outputs_have_the_documented_top_level_keys(mgcalc: Any) -> None:
    schema = json.loads(mgcalc("schema", "convert").stdout)
    data = mgcalc("convert", "400mg", "oxide", "--json").json()
    assert set(data) == set(schema["properties"])
    assert set(schema["required"]) <= set(data)


def test_convert_request_and_batch_line_schemas(mgcalc: Any) -> None:
    request = json.loads(mgcalc("schema", "convert-request").stdout)
    assert set(request["properties"]) == {
        "id", "amount", "form", "elemental", "unit", "halves", "weight", "over", "max",
        "kidney_impairment",
    }  # fmt: skip
    assert (request["required"], request["additionalProperties"]) == (["amount"], False)
    weight = {option.get("type") for option in request["properties"]["weight"]["anyOf"]}
    assert weight == {"string", "number", "integer", "null"}  # a number is kg
    line = json.loads(mgcalc("schema", "convert-batch").stdout)
    assert set(line["properties"]) == {"schema_version", "id", "line", "ok", "result", "error"}
    assert "Conversion" in line["$defs"]
    assert "id" in line["$defs"]["Conversion"]["properties"]
