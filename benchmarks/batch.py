"""Throughput of ``mgcalc dose --batch`` on generated, realistic requests.

Generates N requests (1–3 items each, mixed forms, amounts, ages, sexes, standards,
pregnancy and lactation), runs the installed mgcalc over them in one process, and
prints records per second (of wall time, and of the child's CPU time, which a busy
shared machine disturbs less) and the child's peak memory (goal: ≥ 20,000 records/s,
peak < 100 MB at any N).  Usage: python benchmarks/batch.py [N ...]  (default 100000)
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMS = {
    "glycinate": ["500mg", "2x500mg", "1350mg", "3x400mg"],
    "oxide": ["400mg", "2x400mg", "250mg"],
    "citrate": ["500mg", "1g", "2x300mg"],
    "threonate": ["2g", "1g"],
    "magtein": ["2g"],
    "malate": ["1250mg", "2x625mg"],
    "taurate": ["1121mg", "500mg"],
    "chloride": ["535mg", "2x535mg"],
    "elemental": ["100mg", "200mg", "250mg", "4mmol", "8mEq"],
    "milk-of-magnesia": ["5mL", "15mL", "30mL"],
    "lactate": ["2x84mg", "500mg"],
    "aspartate": ["500mg"],
    "sulfate": ["1g"],
}
STANDARDS = ["us", "us", "us", "eu", "dach", "who", "uk"]


def request(rng: random.Random, number: int) -> dict[str, object]:
    """Return one realistic dose request."""
    chosen = rng.sample(sorted(FORMS), rng.randint(1, 3))
    items = [f"{form}={rng.choice(FORMS[form])}" for form in chosen]
    age = rng.choice([rng.uniform(19, 90), rng.uniform(19, 90), rng.uniform(1, 18), 0.5])
    data: dict[str, object] = {
        "id": f"r{number}",
        "items": items,
        "diet": f"{rng.randint(50, 450)}mg",
        "age": round(age, 1),
        "sex": rng.choice(["female", "male"]),
        "standard": rng.choice(STANDARDS),
    }
    if data["sex"] == "female" and 18 < age < 45 and rng.random() < 0.1:
        data[rng.choice(["pregnant", "lactating"])] = True
    return data


def run(count: int, mgcalc: str, folder: Path) -> None:
    """Generate *count* requests, run the batch, print the figures."""
    rng = random.Random(count)
    path = folder / f"requests-{count}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number in range(1, count + 1):
            out.write(json.dumps(request(rng, number)) + "\n")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    done = subprocess.run(
        [mgcalc, "dose", "--batch", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )  # fmt: skip
    took = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "(no summary)"
    peak = f"{peak_kb / 1024:.1f} MB" if peak_kb > before else "not above an earlier run's"
    print(
        f"{count:>9} requests: {took:6.2f} s wall, {count / took:>8,.0f} records/s; "
        f"{cpu:6.2f} s CPU, {count / cpu:>8,.0f} records per CPU second; peak RSS {peak}"
    )
    print(f"           exit {done.returncode}; {summary}")


def main() -> None:
    counts = [int(arg) for arg in sys.argv[1:]] or [100_000]
    mgcalc = shutil.which("mgcalc", path=str(Path(sys.executable).parent)) or shutil.which("mgcalc")
    if mgcalc is None:
        sys.exit("mgcalc is not installed beside this Python")
    with tempfile.TemporaryDirectory() as folder:
        for count in sorted(counts):  # ascending, so each peak is that run's own
            run(count, mgcalc, Path(folder))


if __name__ == "__main__":
    main()
