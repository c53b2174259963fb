"""Start-up cost of mgcalc against the imports it cannot avoid.

Prints the median wall time of ``mgcalc convert 400mg oxide --json`` and of
``python -c "import typer, pydantic, pint"`` over paired, interleaved runs, and
their ratio (goal: at most 1.25).  Usage: python benchmarks/startup.py [RUNS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    mgcalc = shutil.which("mgcalc", path=str(Path(sys.executable).parent)) or shutil.which("mgcalc")
    if mgcalc is None:
        sys.exit("mgcalc is not installed beside this Python")
    ours = [mgcalc, "convert", "400mg", "oxide", "--json"]
    baseline = [sys.executable, "-c", "import typer, pydantic, pint"]
    # `import pydantic` is lazy; a model needs pydantic.main, which the baseline never loads.
    with_models = [sys.executable, "-c", "import typer, pint; from pydantic import BaseModel"]
    commands = (ours, baseline, with_models)
    for command in commands:  # warm the file cache and byte-code
        _time(command)
    times: list[list[float]] = [[], [], []]
    for _ in range(runs):
        for command, samples in zip(commands, times, strict=True):
            samples.append(_time(command))
    m, b, w = (statistics.median(samples) for samples in times)
    print(f"runs: {runs} interleaved")
    print(f"mgcalc convert 400mg oxide --json: median {m * 1000:.1f} ms")
    print(f"python -c 'import typer, pydantic, pint': median {b * 1000:.1f} ms")
    print(f"ratio: {m / b:.3f} (goal <= 1.25)")
    print(f"for scale, with pydantic.BaseModel imported too: median {w * 1000:.1f} ms")
    print(f"ratio to that: {m / w:.3f}")


if __name__ == "__main__":
    main()
