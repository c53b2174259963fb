"""Bytecodes a batch runs per record, by function, against a baseline tree: a count, not a time.

On a shared machine two timed runs of the same code can differ by 15 %; the number of
Python bytecodes a record executes does not change from run to run. This script generates
the requests ``benchmarks/batch.py`` does, runs the first WARM of them (so memos are as warm
as in a long batch), then traces the next N with ``sys.settrace`` (opcode events) and prints
bytecodes and Python calls per record: in all, and for the functions where the two trees
differ most. Bytecodes are not the whole cost (C code, memory and pydantic's Rust run
outside them; ``valgrind --tool=cachegrind`` counts every instruction), but they show which
Python function a change made longer.

Usage: python benchmarks/bytecodes.py [--baseline DIR] [--warm W] [-n N] [--top K]
       (defaults: W 20000, N 2000, K 25; DIR an export: git archive COMMIT | tar -x -C DIR)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from batch import generate  # the same requests as the throughput benchmark


def _name(frame: FrameType) -> str:
    code = frame.f_code
    path = code.co_filename
    for marker in ("/src/", "site-packages/"):
        path = path.rsplit(marker, 1)[-1]
    return f"{path}:{code.co_name}"


def count(path: Path, warm: int, number: int) -> dict[str, dict[str, float]]:
    """Run a batch over *path*'s first *warm* lines, then count what the next *number* run."""
    import gc
    import io

    from mgcalc.interfaces.batch import run_batch

    gc.disable()  # the collector's passes would be counted against whichever record ran them
    lines = path.read_bytes().splitlines(keepends=True)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    run_batch(io.BytesIO(b"".join(lines[:warm])), out, "dose")
    ops: Counter[str] = Counter()
    calls: Counter[str] = Counter()

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        frame.f_trace_opcodes = True
        if event == "opcode":
            ops[_name(frame)] += 1
        elif event == "call":
            calls[_name(frame)] += 1
        return trace

    piece = io.BytesIO(b"".join(lines[warm : warm + number]))
    sys.settrace(trace)
    try:
        run_batch(piece, out, "dose", first_line=warm + 1)
    finally:
        sys.settrace(None)
    return {
        "ops": {name: value / number for name, value in ops.items()},
        "calls": {name: value / number for name, value in calls.items()},
    }


def _run(tree: Path | None, path: Path, options: argparse.Namespace) -> dict[str, Any]:
    """Count in a fresh process that imports the mgcalc of *tree* (None: this checkout's)."""
    env = {**os.environ, "MGCALC_CONFIG": str(path.with_suffix(".no-profile.toml"))}
    env.pop("MGCALC_FORMS", None)
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "src")
    command = [sys.executable, __file__, "--child", str(path), "--warm", str(options.warm)]
    output = subprocess.run(
        [*command, "-n", str(options.n)], env=env, check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="DIR", type=Path)
    parser.add_argument("--warm", type=int, default=20_000, metavar="W")
    parser.add_argument("-n", type=int, default=2_000, metavar="N")
    parser.add_argument("--top", type=int, default=25, metavar="K")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child is not None:
        print(json.dumps(count(options.child, options.warm, options.n)))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "requests.jsonl"
        generate(max(100_000, options.warm + options.n), path, mixed=False)
        mine = _run(None, path, options)
        base = _run(options.baseline, path, options) if options.baseline else None
    ours = sum(mine["ops"].values())
    print(f"records {options.warm + 1:,}–{options.warm + options.n:,}, memos warmed by the first")
    print(f"  mgcalc    {ours:8.1f} bytecodes, {sum(mine['calls'].values()):5.1f} calls a record")
    if base is None:
        rows = sorted(mine["ops"].items(), key=lambda item: -item[1])[: options.top]
        for name, value in rows:
            print(f"  {value:8.1f}  {name}")
        return
    theirs = sum(base["ops"].values())
    print(f"  baseline  {theirs:8.1f} bytecodes, {sum(base['calls'].values()):5.1f} calls a record")
    print(f"  ratio {theirs / ours:.3f} (baseline / mgcalc: above 1, mgcalc runs fewer)")
    names = set(mine["ops"]) | set(base["ops"])
    by_change = sorted(names, key=lambda n: -abs(mine["ops"].get(n, 0) - base["ops"].get(n, 0)))
    print(f"  {'mgcalc':>8} {'baseline':>8} {'change':>8}  function")
    for name in by_change[: options.top]:
        ours_here, theirs_here = mine["ops"].get(name, 0.0), base["ops"].get(name, 0.0)
        print(f"  {ours_here:8.1f} {theirs_here:8.1f} {ours_here - theirs_here:+8.1f}  {name}")


if __name__ == "__main__":
    main()
