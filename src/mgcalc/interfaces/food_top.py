"""The ``food`` command: find foods by words, or rank them by magnesium (``--top``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from mgcalc.errors import UsageError

TopPer = Literal["100g", "portion", "100kcal"]


def food(
    query: Sequence[str],
    *,
    top: bool = False,
    per: TopPer | None = None,
    group: str | None = None,
    every: bool = False,
    as_json: bool = False,
) -> None:
    """Print the foods matching *query*, or with *top* the richest in magnesium."""
    from mgcalc.interfaces import api
    from mgcalc.interfaces.render import emit

    if top:
        if query:
            raise UsageError(
                f"food --top ranks every food: drop '{' '.join(query)}', or drop --top to search"
            )
        emit(api.food_top(per or "100g", group, every=every), as_json=as_json)
        return
    given = [name for name, value in (("--per", per), ("--group", group)) if value is not None]
    if every:
        given.append("--all")
    if given:
        raise UsageError(f"{', '.join(given)} go{'es' if len(given) == 1 else ''} with --top")
    if not query:
        raise UsageError("give words of a food's name (mgcalc food almonds) or --top")
    emit(api.food(" ".join(query)), as_json=as_json)
