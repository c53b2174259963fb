"""One renderer: every result prints as one JSON object or as rich tables.

Tables show text from data files and from what the user typed: every control character in
it (but newline and tab) is shown as a visible escape, here, for every view at once.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

from mgcalc.text import printable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pydantic import BaseModel
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.measure import Measurement
    from rich.segment import Segment

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
    shown = _shown(result)
    parts = layout(shown, brief=True) if brief and view in _BRIEF else layout(shown)
    return [_Printable(part) for part in parts]


# The views that have a brief form (cautions, verdicts, next step, what was counted).
_BRIEF = frozenset((_VIEWS["Dose"], _VIEWS["Plan"]))


def _shown(value: object) -> Any:
    """Return *value* (a result, or a part of one) with its text made printable.

    Done before layout, so tables are measured with the escapes they show. Parts that need
    no change are kept as they are (the same objects).
    """
    from pydantic import BaseModel

    if isinstance(value, str):
        return printable(value)
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            if (new := _shown(old)) is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, dict):
        shown = dict(_shown(list(value.items())))
        return value if shown.keys() == value.keys() and shown == value else shown
    if isinstance(value, (tuple, list)):
        items = [_shown(item) for item in value]
        same = all(new is old for new, old in zip(items, value, strict=True))
        return value if same else type(value)(items)
    return value


class _Printable:
    """A renderable whose text segments have their control characters escaped.

    The last guard: text a view takes from anywhere but its result (a table it looks up, say)
    is caught here too. Control segments (cursor moves rich itself makes) pass unchanged.
    """

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        for segment in console.render(self.inner, options):
            if segment.control:
                yield segment
                continue
            text = printable(segment.text)
            yield segment if text is segment.text else Segment(text, segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.inner)
