"""The ``diet`` command: the period report of a tracker file.

It is registered on the command line's app when :mod:`mgcalc.interfaces.cli` is imported,
and shares that module's options, so that the two cannot drift apart.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mgcalc.interfaces import api
from mgcalc.interfaces.cli import (
    Age,
    App,
    Days,
    IncludeIncomplete,
    Json,
    Lactating,
    NoProfile,
    Pregnant,
    Sex,
    Standard,
    _person,
    app,
)


@app.command("diet")
def diet(
    file: Annotated[
        str,
        typer.Argument(
            help="A tracker's export: Apple Health (export.zip or export.xml), Cronometer "
            "(Daily Nutrition or Food & Recipe Entries), or a CSV with date and magnesium_mg.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    days: Days = None,
    include_incomplete: IncludeIncomplete = False,
    app_name: App = None,
    age: Age = None,
    sex: Sex = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    standard: Standard = None,
    no_profile: NoProfile = False,
    json: Json = False,
) -> None:
    """Report a tracker file's days: a chart, top foods and the mean's verdict.

    FILE is a tracker's export ('-' reads standard input). The report shows the days used
    and left out (and why), the top foods, and the mean's verdict as dose gives it (no
    supplements).
    """
    from mgcalc.interfaces.render import emit

    person = _person(no_profile, age, sex, standard, diet_given=True)
    result = api.diet_report(
        file, days=days, include_incomplete=include_incomplete, app=app_name, age=person.age,
        sex=person.sex, pregnant=pregnant, lactating=lactating, standard=person.standard,
    )  # fmt: skip
    if person.source is not None:
        result = result.model_copy(update={"profile_source": person.source})
    emit(result, as_json=json)
