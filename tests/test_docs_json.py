"""README's JSON section describes every command's schema, each top-level key by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mgcalc.interfaces.schemas import models

README = Path(__file__).resolve().parents[1] / "README.md"
pytestmark = pytest.mark.skipif(not README.exists(), reason="needs the source tree")
# The paragraph of README's "JSON output" that describes each command's --json object.
PARAGRAPHS = {"factors": "forms --factors"}
# Documents that are not one command's --json output: requests and batch lines.
NOT_COMMANDS = ("request", "batch")


def _json_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## JSON output") : text.index("## Exit codes")]


def _paragraph(name: str) -> str:
    start = f"`{PARAGRAPHS.get(name, name)}`"
    for paragraph in _json_section().split("\n\n"):
        if paragraph.startswith(start):
            return paragraph
    raise AssertionError(f"README's JSON section has no paragraph for {name}")


COMMANDS = [name for name in models() if not name.endswith(NOT_COMMANDS)]


def test_every_command_output_has_a_schema() -> None:
    assert set(COMMANDS) == {
        "convert", "forms", "factors", "dose", "plan", "reference", "food", "food-top", "diet",
        "products", "interactions", "serum", "profile",
    }  # fmt: skip


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_s_keys_are_described(name: str) -> None:
    paragraph = _paragraph(name)
    schema = models()[name].model_json_schema(mode="serialization")
    common = next(each for each in _json_section().split("\n\n") if each.startswith("Each "))
    named = set(re.findall(r"`([a-z_]+)`", paragraph + common))
    missing = [key for key in schema["properties"] if key != "schema_version" and key not in named]
    assert not missing, f"{name}: README does not describe {missing}"


def test_the_schema_list_names_every_schema() -> None:
    text = README.read_text(encoding="utf-8")
    (listed,) = re.findall(r"`mgcalc schema ([a-z|-]+)`", text)
    assert sorted(listed.split("|")) == sorted(models())
