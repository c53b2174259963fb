"""Parse time and peak memory of the Apple Health reader on generated exports.

Generates ``export.xml`` files of the sizes asked (default 200 MB and 1 GB) in the layout of
foods.md: mostly other records (heart rate with metadata, steps), food Correlations whose
magnesium member is listed twice (nested and at the top level), two apps. Each file is read
in a child process, so that its peak memory (``ru_maxrss``) is its own, by:

- the baseline, a bare ``iterparse`` loop that only counts ``Record`` elements, clearing
  each element so that it fits in memory (the empty elements stay: 16 MB per 200,000);
- a tighter baseline: the same count, with ``start`` events to find the root and the root
  cleared after each record, as mgcalc's reader does, without its depth and type checks;
- mgcalc's reader (``read_tracker(path, app=...)``).

The two alternate (--repeat K times each) and the best run of each is compared.
Goals: peak under 100 MB, and at most 1.5 times the baseline's time. The files are deleted
afterwards.

Usage: python benchmarks/apple_health.py [SIZE_MB ...] [--repeat K] [--dir DIR]
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEAK_GOAL_MB = 100
RATIO_GOAL = 1.5
MG = "HKQuantityTypeIdentifierDietaryMagnesium"
PROLOG = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record type CDATA #REQUIRED unit CDATA #IMPLIED value CDATA #IMPLIED
  sourceName CDATA #REQUIRED sourceVersion CDATA #IMPLIED device CDATA #IMPLIED
  creationDate CDATA #IMPLIED startDate CDATA #REQUIRED endDate CDATA #REQUIRED>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-11-12 09:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1984-02-01"/>
"""
BASELINE = """
import sys
from xml.etree.ElementTree import iterparse
count = 0
for _, element in iterparse(sys.argv[1]):
    if element.tag == "Record":
        count += 1
    element.clear()
print(count)
"""
ROOT_CLEARED = """
import sys
from xml.etree.ElementTree import iterparse
count = 0
events = iterparse(sys.argv[1], events=("start", "end"))
_, root = next(events)
for event, element in events:
    if event == "end" and element.tag == "Record":
        count += 1
        root.clear()
print(count)
"""
READER = """
import sys
from mgcalc.dietary.trackers import read_tracker
file = read_tracker(sys.argv[1], app="Cronometer")
print(file.days_used, round(file.mean_mg, 3))
"""


RUNS = {"baseline iterparse": BASELINE, "root-cleared count": ROOT_CLEARED, "mgcalc reader": READER}


def day_block(date: datetime.date) -> str:
    """Return one day of records: 400 heart rates, 48 step counts, 6 foods from 2 apps."""
    day = date.isoformat()
    out = []
    for minute in range(0, 24 * 60, 60 * 24 // 400):
        stamp = f"{day} {minute // 60:02d}:{minute % 60:02d}:00 +0100"
        out.append(
            f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple\u00a0Watch" '
            f'sourceVersion="11.1" device="&lt;&lt;HKDevice&gt;&gt;" unit="count/min" '
            f'creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}" '
            f'value="{60 + minute % 40}">\n'
            f'  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n'
            f" </Record>\n"
        )
    for half in range(48):
        stamp = f"{day} {half // 2:02d}:{half % 2 * 30:02d}:00 +0100"
        out.append(
            f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone" '
            f'unit="count" creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}" '
            f'value="{half * 7}"/>\n'
        )
    for meal, app in enumerate(("Cronometer", "Cronometer", "Cronometer", "Lose It!") * 2):
        stamp = f"{day} {7 + meal * 2:02d}:00:00 +0100"
        member = (
            f'<Record type="{MG}" sourceName="{app}" sourceVersion="3" unit="mg" '
            f'creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}" value="{40 + meal}"/>'
        )
        out.append(
            f' <Correlation type="HKCorrelationTypeIdentifierFood" sourceName="{app}" '
            f'creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}">\n'
            f'  <MetadataEntry key="HKFoodMeal" value="Meal {meal}"/>\n  {member}\n'
            f" </Correlation>\n {member}\n"
        )
    return "".join(out)


def generate(path: Path, size: int) -> int:
    """Write an export of about *size* bytes; return the number of days written."""
    day = datetime.date(2000, 1, 1)
    days = 0
    with path.open("w", encoding="utf-8") as stream:
        written = stream.write(PROLOG)  # characters: bytes but for the non-breaking spaces
        while written < size:
            written += stream.write(day_block(day))
            day += datetime.timedelta(days=1)
            days += 1
        stream.write("</HealthData>\n")
    return days


def run(code: str, path: Path) -> tuple[float, float, float, str]:
    """Return (wall s, CPU s, peak MB, output) of *code* run on *path* in a child."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )
    output = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the child failed on {path}")
    peak = usage.ru_maxrss / 1024  # kB on Linux
    return wall, usage.ru_utime + usage.ru_stime, peak, output.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 1000], help="sizes in MB")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dir", default=None, help="where to write the files (default /tmp)")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mgcalc-apple-", dir=options.dir))
    print(f"load average {os.getloadavg()[0]:.2f}; files in {folder}")
    try:
        for size_mb in options.sizes:
            path = folder / f"export-{size_mb}MB.xml"
            days = generate(path, size_mb * 1_000_000)
            print(f"\n{path.name}: {path.stat().st_size / 1e6:.0f} MB, {days} days")
            best: dict[str, tuple[float, float, float, str]] = {}
            for _ in range(options.repeat):
                for name, code in RUNS.items():
                    result = run(code, path)
                    if name not in best or result[1] < best[name][1]:
                        best[name] = result
            for name, (wall, cpu, peak, output) in best.items():
                print(
                    f"  {name:20} wall {wall:7.2f} s  CPU {cpu:7.2f} s  peak {peak:6.1f} MB"
                    f"  ({output})"
                )
            ours = best["mgcalc reader"]
            for base in ("baseline iterparse", "root-cleared count"):
                ratio_wall, ratio_cpu = ours[0] / best[base][0], ours[1] / best[base][1]
                met = "met" if ratio_cpu <= RATIO_GOAL else "not met"
                print(
                    f"  mgcalc / {base}: wall {ratio_wall:.3f}, CPU {ratio_cpu:.3f} "
                    f"(goal <= {RATIO_GOAL}: {met})"
                )
            met = "met" if ours[2] < PEAK_GOAL_MB else "not met"
            print(f"  mgcalc peak {ours[2]:.1f} MB (goal < {PEAK_GOAL_MB}: {met})")
            path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.2f}; files deleted")


if __name__ == "__main__":
    main()
