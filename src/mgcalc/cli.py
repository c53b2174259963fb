"""The command line: parse, call the core once, render, exit. Errors are caught once, here."""

from __future__ import annotations

import sys
from typing import Annotated, Any, Literal

import typer
from typer.core import TyperGroup

from mgcalc import __version__
from mgcalc.errors import EXIT_ABOVE_UL, EXIT_BAD_INPUT, EXIT_FAILURE, MgcalcError

_MAX_MESSAGE = 400


class _Group(TyperGroup):
    """Turn every expected error into one line on stderr and a documented exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except MgcalcError as error:
            _fail(str(error), error.exit_code)
        except typer.Abort:
            _fail("aborted", EXIT_FAILURE)
        except typer.TyperException as error:  # typer's usage errors
            _usage_error(error)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_error(error: typer.TyperException) -> None:
    context = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and context is not None:
        sys.stdout.write(context.get_help() + "\n")
        sys.exit(0)
    message = error.format_message().rstrip(".")
    if context is not None:
        message += f"; try '{context.command_path} --help'"
    _fail(message[:1].lower() + message[1:], getattr(error, "exit_code", EXIT_BAD_INPUT))


def _fail(message: str, code: int) -> None:
    """Write one sanitised line on stderr and exit with *code*."""
    line = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
    if len(line) > _MAX_MESSAGE:
        line = line[: _MAX_MESSAGE - 1] + "…"
    sys.stderr.write(f"error: {line}\n")
    sys.exit(code)


app = typer.Typer(
    cls=_Group,
    name="mgcalc",
    help="Exact, sourced magnesium arithmetic: salts, elemental mg, mmol, mEq.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Json = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]
Age = Annotated[str | None, typer.Option("--age", help="Age in years (42, 18.5) or months (8mo).")]
Sex = Annotated[Literal["female", "male"] | None, typer.Option("--sex", help="female or male.")]
Pregnant = Annotated[bool, typer.Option("--pregnant", help="Use the pregnancy values.")]
Lactating = Annotated[bool, typer.Option("--lactating", help="Use the lactation values.")]
Standard = Annotated[
    Literal["us", "eu", "dach", "who", "uk"],
    typer.Option(
        "--standard", help="us (IOM), eu (EFSA), dach (D-A-CH), who (FAO/WHO), uk (COMA)."
    ),
]


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mgcalc {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Exact, sourced magnesium arithmetic: salts, elemental mg, mmol, mEq."""


@app.command()
def forms(
    key: Annotated[
        str | None, typer.Argument(help="A form's key, alias or formula:…; omit for all.")
    ] = None,
    json: Json = False,
) -> None:
    """List the magnesium forms, or show one in detail with its source."""
    from mgcalc.listing import list_forms, show_form
    from mgcalc.render import emit

    emit(list_forms() if key is None else show_form(key), as_json=json)


# Lets "-5mg" reach the amount parser, which explains why it is refused.
_NEGATIVE_AMOUNTS = {"ignore_unknown_options": True}


@app.command(context_settings=_NEGATIVE_AMOUNTS)
def convert(
    amount: Annotated[
        str, typer.Argument(help="e.g. 400mg, 1g, 2x500mg, 8mEq, 10mL, 10mL@500mg/mL.")
    ],
    form: Annotated[
        str | None,
        typer.Argument(help="A form (oxide, citrate, …) or formula:…; omit for magnesium itself."),
    ] = None,
    json: Json = False,
) -> None:
    """Convert an amount between compound mass, elemental magnesium, mmol and mEq.

    A mass with a form is the compound's weight; mmol and mEq always count magnesium.
    """
    from mgcalc.convert import convert as run
    from mgcalc.render import emit

    emit(run(amount, form), as_json=json)


@app.command(context_settings=_NEGATIVE_AMOUNTS)
def dose(
    items: Annotated[
        list[str],
        typer.Argument(help="What is taken: FORM=AMOUNT ... (glycinate=500mg elemental=200mg)."),
    ],
    diet: Annotated[
        str | None, typer.Option("--diet", help="Magnesium from food and water, e.g. 250mg.")
    ] = None,
    age: Age = None,
    sex: Sex = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    standard: Standard = "us",
    fail_above_ul: Annotated[
        bool,
        typer.Option(
            "--fail-above-ul", help="Exit with 3 when supplements exceed the upper limit."
        ),
    ] = False,
    json: Json = False,
) -> None:
    """Check a day's magnesium: total intake against your reference values, supplements
    against the upper limit."""
    from mgcalc.dose import dose as run
    from mgcalc.profile import make_profile
    from mgcalc.render import emit

    profile = make_profile(
        age=age, sex=sex, pregnant=pregnant, lactating=lactating, standard=standard
    )
    result = run(items, diet, profile)
    emit(result, as_json=json)
    if fail_above_ul and result.assessment.ul == "above":
        raise typer.Exit(EXIT_ABOVE_UL)


@app.command()
def reference(
    age: Age = None,
    sex: Sex = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    standard: Standard = "us",
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every group of the standard.")
    ] = False,
    json: Json = False,
) -> None:
    """Show reference intakes with their sources: one person's group, or a whole standard."""
    from mgcalc.listing import reference_values
    from mgcalc.profile import make_profile
    from mgcalc.render import emit

    profile = make_profile(
        age=age, sex=sex, pregnant=pregnant, lactating=lactating, standard=standard
    )
    emit(reference_values(profile, show_all=show_all), as_json=json)


@app.command()
def plan(
    form: Annotated[str, typer.Argument(help="The form to take: glycinate, oxide, formula:…")],
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="One tablet, capsule, scoop or mL: 500mg (of the compound), 5mL, "
            "or elemental=100mg when the label gives magnesium per unit.",
        ),
    ] = None,
    diet: Annotated[
        str | None, typer.Option("--diet", help="Magnesium from food and water, e.g. 250mg.")
    ] = None,
    target: Annotated[
        str, typer.Option("--target", help="rda (default), ear, ai, or an amount such as 300mg.")
    ] = "rda",
    doses: Annotated[
        int | None, typer.Option("--doses", min=1, help="Split the day's units into N doses.")
    ] = None,
    allow_above_ul: Annotated[
        bool,
        typer.Option("--allow-above-ul", help="For clinicians: do not cap at the upper limit."),
    ] = False,
    age: Age = None,
    sex: Sex = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    standard: Standard = "us",
    json: Json = False,
) -> None:
    """Plan how much of a form to take, in whole units, without passing the upper limit."""
    from mgcalc.plan import plan as run
    from mgcalc.profile import make_profile
    from mgcalc.render import emit

    profile = make_profile(
        age=age, sex=sex, pregnant=pregnant, lactating=lactating, standard=standard
    )
    result = run(
        form, profile, unit=unit, diet=diet, target=target, doses=doses,
        allow_above_ul=allow_above_ul,
    )  # fmt: skip
    emit(result, as_json=json)


def main() -> None:
    """Run the mgcalc command line."""
    app()
