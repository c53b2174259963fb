"""How fast mgcalc answers hostile input: the slowest inputs of tests/hostile-inputs.jsonl.

Runs every hand-picked input in every slot of tests/test_fuzz.py in-process and prints the
slowest ones with their CPU time (goal: each under one second). The tests only guard against
hangs; speed is measured here.  Usage: python benchmarks/hostile.py [SHOWN]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_fuzz import HOSTILE, PERSON, SLOTS  # after the path is set
from typer.testing import CliRunner

from mgcalc.interfaces.cli import app

GOAL_S = 1.0


def main() -> None:
    shown = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "200"}
    runner.invoke(app, ["dose", "oxide=400mg", *PERSON], env=env)  # load the tables once
    timings: list[tuple[float, str, str]] = []
    for slot, make in sorted(SLOTS.items()):
        for text in HOSTILE:
            start = time.process_time()
            runner.invoke(app, make(text), env=env)
            timings.append((time.process_time() - start, slot, text))
    timings.sort(reverse=True)
    slow = sum(1 for took, _, _ in timings if took >= GOAL_S)
    print(f"{len(timings)} runs, {slow} at or over {GOAL_S:g} s of CPU time; slowest:")
    for took, slot, text in timings[:shown]:
        print(f"{took:8.3f} s  {slot:14}  {text[:50]!r}")
    sys.exit(1 if slow else 0)


if __name__ == "__main__":
    main()
