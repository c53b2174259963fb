"""One renderer: every result prints as one JSON object or as rich tables."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import RenderableType

# Result class -> "module:function" that lays it out; imported only for table output.
_VIEWS = {
    "Conversion": "mgcalc.interfaces.render.lookup:conversion",
    "FormsListing": "mgcalc.interfaces.render.lookup:forms",
    "FormDetail": "mgcalc.interfaces.render.lookup:form_detail",
    "ProductsListing": "mgcalc.interfaces.render.lookup:products",
    "InteractionsListing": "mgcalc.interfaces.render.lookup:interactions",
    "FactorsListing": "mgcalc.interfaces.render.lookup:factors",
    "Dose": "mgcalc.interfaces.render.intake:dose",
    "ReferenceListing": "mgcalc.interfaces.render.standards:reference",
    "Plan": "mgcalc.interfaces.render.planner:plan",
    "FoodSearch": "mgcalc.interfaces.render.diet:food",
    "FoodTop": "mgcalc.interfaces.render.food_top:food_top",
    "SavedProfile": "mgcalc.interfaces.render.standards:saved_profile",
    "Serum": "mgcalc.interfaces.render.serum:serum",
    "DietReport": "mgcalc.interfaces.render.period_report:report",
}


def emit(result: BaseModel, *, as_json: bool, brief: bool = False) -> None:
    """Write *result* to stdout: JSON with a plain write, tables through rich.

    *brief* prints only the first sections of a dose or a plan (JSON is always whole).
    """
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # The CLI says so in one line; rich's own way exits silently.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    console = _Console(highlight=False)
    for renderable in renderables(result, brief=brief):
        console.print(renderable)


def renderables(result: BaseModel, *, brief: bool = False) -> list[RenderableType]:
    """Return what the table view of *result* shows, in order (*brief*: dose and plan)."""
    view = _VIEWS.get(type(result).__name__)
    if view is None:
        raise TypeError(f"no table view for {type(result).__name__}")
    module, function = view.split(":")
    layout = getattr(importlib.import_module(module), function)
    return list(layout(result, brief=True) if brief and view in _BRIEF else layout(result))


# The views that have a brief form (cautions, verdicts, next step, what was counted).
_BRIEF = frozenset((_VIEWS["Dose"], _VIEWS["Plan"]))
