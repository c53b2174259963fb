"""The foods richest in magnesium (``mgcalc food --top``), from data/food-top.csv.

tools/build_foods.py ranks the foods of data/foods.csv once (per 100 g, per first listed
portion, per 100 kcal; the survey's foods or all; all groups or one) and keeps the top 20 of
each, with how many were ranked and left out. Only the lines of the ranking asked for are
parsed: reading all 8,789 foods would cost more than the rest of the command.
"""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import csv
import io
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from mgcalc.datafiles import data_file, data_label
from mgcalc.errors import DataError, UnknownFood
from mgcalc.result import Result

FILE = "food-top.csv"
COLUMNS = ("per", "scope", "food_group", "rank", "ndb", "description", "value", "portion",
           "source")  # fmt: skip
Per = Literal["100g", "portion", "100kcal"]
_UNIT = {"100g": "per 100 g", "portion": "per first listed portion", "100kcal": "per 100 kcal"}
_LEFT_OUT = {
    "100g": "",
    "portion": "foods with no portion listed",
    "100kcal": "foods under 5 kcal per 100 g (0 kcal cannot be divided by)",
}


class TopFood(BaseModel):
    """One of the foods richest in magnesium, and its magnesium per the unit asked."""

    model_config = ConfigDict(frozen=True)

    rank: int
    ndb: str
    description: str
    mg: float
    portion: str | None  # the first listed portion, with its grams, for --per portion
    source: str


class FoodTop(Result):
    """The foods richest in magnesium, best first, and how many were ranked or left out."""

    per: Per
    food_group: str | None  # the SR28 food group, None: all groups
    survey_only: bool  # only foods of USDA's survey database (FNDDS); --all takes every row
    ranked: int
    not_ranked: int  # left out: no portion listed (--per portion), under 5 kcal (--per 100kcal)
    not_ranked_reason: str | None
    foods: tuple[TopFood, ...]
    notes: tuple[str, ...]


@cache
def _body() -> str:
    """Return the file's lines after its header, read once."""
    text = data_file(FILE).read_bytes().decode("utf-8")
    header, _, body = text.partition("\n")
    if header != ",".join(COLUMNS):
        raise DataError(data_label(FILE), f"the header must be {','.join(COLUMNS)}", row=1)
    return body


def _rows(prefix: str) -> list[list[str]]:
    """Return the parsed lines that start with *prefix* (a ranking's lines are together)."""
    body = _body()
    start = 0 if body.startswith(prefix) else body.find("\n" + prefix) + 1
    if start == 0 and not body.startswith(prefix):
        return []
    end = start
    while body.startswith(prefix, end):
        end = body.find("\n", end) + 1 or len(body)
    return list(csv.reader(io.StringIO(body[start:end])))


def groups() -> list[str]:
    """Return SR28's food group names."""
    return [row[2] for row in _rows("group,")]


def _group(prefix: str | None) -> str | None:
    """Return the one SR28 food group whose name starts with *prefix* (any case)."""
    if prefix is None:
        return None
    wanted = prefix.strip().lower()
    names = groups()
    found = [name for name in names if name.lower().startswith(wanted)] if wanted else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnknownFood(
            f"no food group starts with '{prefix.strip()}'; groups: {'; '.join(names)}"
        )
    raise UnknownFood(
        f"food group '{prefix.strip()}' matches {len(found)} groups: {'; '.join(found)}; "
        "give more of its name"
    )


def _key(per: str, scope: str, group: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([per, scope, group])
    return out.getvalue() + ","


def top_foods(per: Per = "100g", group: str | None = None, *, every: bool = False) -> FoodTop:
    """Return the 20 foods richest in magnesium *per* unit, in *group*; survey foods unless
    *every*."""
    name = _group(group)
    scope = "all" if every else "survey"
    rows = _rows(_key(per, scope, name or ""))
    label = data_label(FILE)
    foods, counts = [], {}
    for row in rows:
        if len(row) != len(COLUMNS):
            raise DataError(label, f"a line of the ranking {per}/{scope} has the wrong fields")
        _, _, _, rank, ndb, description, value, portion, source = row
        try:
            if rank in ("ranked", "left_out"):
                counts[rank] = int(value)
                continue
            foods.append(
                TopFood(
                    rank=int(rank),
                    ndb=ndb,
                    description=description,
                    mg=float(value),
                    portion=portion or None,
                    source=source,
                )
            )
        except ValueError:
            message = f"ranking {per}/{scope}: '{rank}' / '{value}' is not a number"
            raise DataError(label, message) from None
    if set(counts) != {"ranked", "left_out"}:
        raise DataError(label, f"the ranking {per}/{scope}/{name or 'all groups'} is missing")
    notes = [
        f"Magnesium {_UNIT[per]}, USDA SR28 (2015); "
        + (
            "foods of USDA's survey database (FNDDS) only; --all for every food."
            if not every
            else "every SR28 food with a magnesium value."
        )
    ]
    if counts["left_out"]:
        notes.append(f"Left out: {counts['left_out']} {_LEFT_OUT[per]}.")
    notes.append("Foods SR28 gives no magnesium for are not ranked: unknown, not 0.")
    return FoodTop(
        per=per, food_group=name, survey_only=not every, ranked=counts["ranked"],
        not_ranked=counts["left_out"], not_ranked_reason=_LEFT_OUT[per] or None,
        foods=tuple(foods), notes=tuple(notes),
    )  # fmt: skip
