"""Start-up cost of mgcalc's commands against the imports of the stack it is built on.

Runs each command and the baseline ``python -c "import typer, pydantic, pint"`` in
turn, interleaved (so a busy machine slows both alike), and prints for each command its
median wall time and CPU time (user + system of the child, which other processes
disturb less) and their ratios to the baseline's (goal: every ratio <= 0.9). The food
table's cost is shown apart: ``food`` and ``dose`` with three foods against ``convert``
(goal: each <= 1.3 times convert's wall time; ``food milk`` and ``food --top`` too).  No saved
profile is read (MGCALC_CONFIG points at a missing file), and PYTHONDONTWRITEBYTECODE is
unset for the runs, so that mgcalc runs from its byte-code as an installed copy does.  The
load average is printed before and after, to say how busy the machine was.

Usage: python benchmarks/startup.py [RUNS]   (default 30)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 0.9
FOOD_GOAL = 1.3  # the food table may cost at most 30 % over convert (issue 9)
FOOD_COMMANDS = (
    "food almonds --json", "food milk --json", "dose, three foods --json", "food --top --json",
)  # fmt: skip
COMMANDS = {
    "convert 400mg oxide --json": ["convert", "400mg", "oxide", "--json"],
    "dose --json": [
        "dose", "glycinate=500mg", "--diet", "250mg", "--age", "42", "--sex", "female",
        "--no-profile", "--json",
    ],
    "plan --json": [
        "plan", "glycinate", "--unit", "500mg", "--diet", "200mg", "--age", "42", "--sex",
        "female", "--no-profile", "--json",
    ],
    "food almonds --json": ["food", "almonds", "--json"],
    "food milk --json": ["food", "milk", "--json"],
    "food --top --json": ["food", "--top", "--json"],
    "dose, three foods --json": [
        "dose", "--food", "almonds=1oz", "--food", "banana=1medium", "--food", "spinach=1cup",
        "--age", "42", "--sex", "female", "--json",
    ],
    "diet FILE --json": ["diet", "{days}", "--age", "42", "--sex", "female", "--json"],
    "--version": ["--version"],
}  # fmt: skip
# The diet command's file: four weeks of a plain date,magnesium_mg CSV.
DAYS = "date,magnesium_mg\n" + "".join(f"2026-11-{day:02d},{250 + day}\n" for day in range(1, 29))


def _time(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return (wall seconds, CPU seconds) of one run of *command*."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _available(mgcalc: str, args: list[str], env: dict[str, str]) -> bool:
    done = subprocess.run([mgcalc, *args], capture_output=True, env=env, check=False)
    return done.returncode == 0


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    mgcalc = shutil.which("mgcalc", path=str(Path(sys.executable).parent)) or shutil.which("mgcalc")
    if mgcalc is None:
        sys.exit("mgcalc is not installed beside this Python")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MGCALC_CONFIG": str(Path(folder) / "none.toml")}
        env.pop("MGCALC_FORMS", None)
        # An installed mgcalc has its byte-code; with this set, every run would compile
        # mgcalc's sources again (about 50 ms). The warm-up run below writes the byte-code.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {"baseline: import typer, pydantic, pint": [
            sys.executable, "-c", "import typer, pydantic, pint"
        ]}  # fmt: skip
        days = Path(folder) / "days.csv"
        days.write_text(DAYS, encoding="utf-8")
        for name, given in COMMANDS.items():
            args = [str(days) if arg == "{days}" else arg for arg in given]
            if _available(mgcalc, args, env):
                commands[f"mgcalc {name}"] = [mgcalc, *args]
            else:
                print(f"skipped (fails on this mgcalc): mgcalc {name}")
        load_before = _load()
        for command in commands.values():  # warm the file cache and byte-code
            _time(command, env)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                samples[name].append(_time(command, env))
    load_after = _load()
    wall = {name: statistics.median(w for w, _ in runs_) for name, runs_ in samples.items()}
    cpu = {name: statistics.median(c for _, c in runs_) for name, runs_ in samples.items()}
    base = next(iter(commands))
    print(f"runs: {runs}, interleaved; load average {load_before} before, {load_after} after")
    print(f"{'':44} {'wall ms':>8} {'ratio':>6} {'CPU ms':>8} {'ratio':>6}")
    worst = 0.0
    for name in commands:
        ratio_wall, ratio_cpu = wall[name] / wall[base], cpu[name] / cpu[base]
        if name != base:
            worst = max(worst, ratio_wall)
        print(
            f"{name:44} {wall[name] * 1000:8.1f} {ratio_wall:6.3f} "
            f"{cpu[name] * 1000:8.1f} {ratio_cpu:6.3f}"
        )
    verdict = "met" if worst <= GOAL else "not met"
    print(f"worst wall ratio: {worst:.3f} (goal <= {GOAL}: {verdict})")
    convert = f"mgcalc {next(iter(COMMANDS))}"
    for name in FOOD_COMMANDS:
        if f"mgcalc {name}" in wall and convert in wall:
            ratio = wall[f"mgcalc {name}"] / wall[convert]
            met = "met" if ratio <= FOOD_GOAL else "not met"
            print(f"{name} / convert: wall {ratio:.3f} (goal <= {FOOD_GOAL}: {met})")


if __name__ == "__main__":
    main()
