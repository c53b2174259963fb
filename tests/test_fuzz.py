"""Hostile input to every argument: a right answer or exit 2 with one line, never a hang.

Hand-picked inputs live in hostile-inputs.jsonl (one JSON string a line, or
{"prefix", "repeat", "times", "suffix"} for long ones): add every input that ever broke
mgcalc. Hypothesis adds generated text to the same slots. How fast each input is answered
is measured by benchmarks/hostile.py, not here: a test's timeout only catches hangs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcalc.interfaces.batch import run_batch

HOSTILE_FILE = Path(__file__).with_name("hostile-inputs.jsonl")
PERSON = ["--age", "42", "--sex", "female"]
# Each slot puts the input in one argument of one command.
SLOTS: dict[str, Any] = {
    "convert amount": lambda s: ["convert", s],
    "convert form": lambda s: ["convert", "400mg", s],
    "dose item": lambda s: ["dose", s, *PERSON],
    "dose amount": lambda s: ["dose", f"oxide={s}", *PERSON],
    "dose form": lambda s: ["dose", f"{s}=400mg", *PERSON],
    "dose age": lambda s: ["dose", "oxide=400mg", "--age", s, "--sex", "female"],
    "dose diet": lambda s: ["dose", "oxide=400mg", "--diet", s, *PERSON],
    "plan form": lambda s: ["plan", s, *PERSON],
    "plan unit": lambda s: ["plan", "oxide", "--unit", s, *PERSON],
    "plan target": lambda s: ["plan", "oxide", "--target", s, *PERSON],
    "reference age": lambda s: ["reference", "--age", s],
    "forms key": lambda s: ["forms", s],
    "food query": lambda s: ["food", s],
    "dose food": lambda s: ["dose", "--food", s, *PERSON],
    "dose food name": lambda s: ["dose", "--food", f"{s}=28g", *PERSON],
    "dose food amount": lambda s: ["dose", "--food", f"almonds={s}", *PERSON],
}


def _hostile() -> list[str]:
    found = []
    for line in HOSTILE_FILE.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if isinstance(item, dict):
            item = item["prefix"] + item["repeat"] * item["times"] + item["suffix"]
        found.append(item)
    return found


HOSTILE = _hostile()


# Generous: a busy machine is slow, a hang is endless (the benchmark measures speed).
HANG = pytest.mark.timeout(600)


def _check(mgcalc: Any, args: list[str]) -> None:
    run = mgcalc(*args)
    shown = repr(args)[:120]
    if run.exit_code == 0:
        assert run.stdout, shown
        return
    assert run.exit_code == 2, f"{shown}: exit {run.exit_code}: {run.stderr[:300]}"
    assert run.stdout == "", shown
    assert run.stderr.startswith("error: "), shown
    assert run.stderr.count("\n") == 1, shown
    assert len(run.stderr) < 600, shown


def test_the_hostile_list_is_long_and_distinct() -> None:
    assert len(HOSTILE) >= 150
    assert len(set(HOSTILE)) == len(HOSTILE)


@HANG
@pytest.mark.parametrize("slot", sorted(SLOTS))
def test_hand_picked_hostile_inputs(mgcalc: Any, slot: str) -> None:
    for text in HOSTILE:
        _check(mgcalc, SLOTS[slot](text))


@HANG
@pytest.mark.parametrize("slot", sorted(SLOTS))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40) | st.from_regex(r"[0-9.,x@/ ]{0,8}[a-zA-Zµ]{0,4}", fullmatch=True))
def test_generated_inputs(mgcalc: Any, slot: str, text: str) -> None:
    _check(mgcalc, SLOTS[slot](text))


REQUESTS = [
    "{",
    "[]",
    "null",
    "1",
    '"x"',
    "{}",
    '{"items": null}',
    '{"items": "oxide=1g"}',
    '{"items": [1]}',
    '{"items": [["oxide=1g"]]}',
    '{"items": ["oxide=1g"], "age": true}',
    '{"items": ["oxide=1g"], "age": [42]}',
    '{"items": ["oxide=1g"], "age": 1e999}',
    '{"items": ["oxide=1g"], "age": -1}',
    '{"items": ["oxide=1g"], "sex": 1}',
    '{"items": ["oxide=1g"], "standard": "mars"}',
    '{"items": ["oxide=1g"], "id": {"a": 1}}',
    '{"items": ["oxide=1g"], "id": true}',
    '{"items": ["oxide=1g"], "items": []}',
    '{"items": ["oxide=1g"], "diet": 250}',
    '{"items": ["\\u0000=1g"]}',
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 5000 + "1" + "}" * 5000,
    '{"items": ["oxide=1g"]}' * 2,
    '{"items": ["oxide=1g"], "age": "4' + "2" * 5000 + '"}',
]


@pytest.mark.parametrize("text", [*REQUESTS, *HOSTILE[:60]], ids=range(len(REQUESTS) + 60))
def test_hostile_single_requests(mgcalc: Any, text: str) -> None:
    for command in (["dose"], ["plan"]):
        run = mgcalc(*command, "--input", "-", input=text)
        assert run.exit_code in (0, 2), run.stderr
        if run.exit_code == 2:
            assert run.stdout == ""
            assert run.stderr.count("\n") == 1


@HANG
@pytest.mark.parametrize(
    ("data", "input_format"),
    [
        (b"\n".join(line.encode() for line in REQUESTS), "jsonl"),
        (b'{"items": ["oxide=1g"]}\n\xff\xfe\n{"items": ["oxide=', "jsonl"),
        (b'id,items,age\n1,oxide=1g,42\n2,"oxide=1g\n', "csv"),
        (b"id,items,age\n1,oxide=1g,42,extra\n2", "csv"),
        (b"\xff\xfe\x00i\x00d\x00\n", "csv"),
        (b"items\n" + b"oxide=1g;" * 10000 + b"\n", "csv"),
        (b"", "csv"),
        (b"", "jsonl"),
        (b"x" * 2_000_000, "jsonl"),
        ("id,items\n\u2028,oxide=1g\n".encode(), "csv"),
    ],
)
def test_hostile_batches_never_crash(data: bytes, input_format: str) -> None:
    import io

    out = io.StringIO()
    summary = run_batch(io.BytesIO(data), out, "dose", input_format=input_format)  # type: ignore[arg-type]
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == summary.read == summary.ok + summary.errors
    assert [line["line"] for line in lines] == sorted(line["line"] for line in lines)
