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
    for command in (ours, baseline):  # warm the file cache and byte-code
        _time(command)
    mine, base = [], []
    for _ in range(runs):
        mine.append(_time(ours))
        base.append(_time(baseline))
    m, b = statistics.median(mine), statistics.median(base)
    print(f"runs: {runs} pairs")
    print(f"mgcalc convert 400mg oxide --json: median {m * 1000:.1f} ms")
    print(f"python -c 'import typer, pydantic, pint': median {b * 1000:.1f} ms")
    print(f"ratio: {m / b:.3f} (goal <= 1.25)")


if __name__ == "__main__":
    main()
