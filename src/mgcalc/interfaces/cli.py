"""The command line: parse, call the core once, render, exit. Errors are caught once, here."""

from __future__ import annotations

import contextlib
import copy
import errno
import os
import sys
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, TypeVar

import typer
from typer.core import TyperGroup
from typer.main import get_command_name
from typer.models import CommandInfo

from mgcalc import __version__
from mgcalc.errors import (
    EXIT_ABOVE_UL,
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    MAX_JOBS,
    InputError,
    MgcalcError,
    UsageError,
)
from mgcalc.interfaces import api

if TYPE_CHECKING:
    from mgcalc.chemistry.conversion import Conversion
    from mgcalc.nutrition.intake import Dose
    from mgcalc.nutrition.listing import ReferenceListing
    from mgcalc.nutrition.planner import Plan
    from mgcalc.result import ProfileSource

# A result that can say which of its values came from the saved profile.
_Marked = TypeVar("_Marked", "Dose", "Plan", "ReferenceListing")

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
    if type(error).__name__ == "NoSuchOption":
        message = _unknown_option(
            getattr(error, "option_name", ""), getattr(error, "possibilities", None) or ()
        )
    if context is not None:
        message += f"; try '{context.command_path} --help'"
    _fail(message[:1].lower() + message[1:], getattr(error, "exit_code", EXIT_BAD_INPUT))


def _unknown_option(name: str, close: Sequence[str]) -> str:
    hint = " or ".join(f"'{option}'" for option in close[:3])  # the closest first
    return f"unknown option '{name}'" + (f"; did you mean {hint}?" if hint else "")


def _refuse_options(ctx: typer.Context, words: Sequence[str]) -> None:
    """Refuse a word that is an option mgcalc does not know (kept for negative amounts)."""
    import difflib

    for word in words:
        name = word.split("=", 1)[0]
        if name.startswith("--") or (name.startswith("-") and name[1:2].isalpha()):
            known = [option for param in ctx.command.params for option in param.opts]
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
            raise UsageError(
                f"{_unknown_option(name[:40], close)}; try '{ctx.command_path} --help'"
            )


def _fail(message: str, code: int) -> None:
    """Write one sanitised line on stderr and exit with *code*."""
    line = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
    if len(line) > _MAX_MESSAGE:
        line = line[: _MAX_MESSAGE - 1] + "…"
    sys.stderr.write(f"error: {line}\n")
    sys.exit(code)


def _complete_forms(incomplete: str) -> list[str]:
    from mgcalc.chemistry.forms import forms_table

    keys = [form.key for form in forms_table().forms]
    return [key for key in keys if key.startswith(incomplete.lower())]


def _complete_items(incomplete: str) -> list[str]:
    return [f"{key}=" for key in _complete_forms(incomplete)]


app = typer.Typer(
    cls=_Group,
    name="mgcalc",
    help="Exact, sourced magnesium arithmetic: salts, elemental mg, mmol, mEq.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Lets "-5mg" reach the amount parser, which explains why it is refused.
_NEGATIVE_AMOUNTS = {"ignore_unknown_options": True}

Json = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]
Age = Annotated[str | None, typer.Option("--age", help="Age in years (42, 18.5) or months (8mo).")]
Sex = Annotated[
    str | None,
    typer.Option("--sex", help="female or male (also f, m, woman, man).", metavar="SEX"),
]
Pregnant = Annotated[bool, typer.Option("--pregnant", help="Use the pregnancy values.")]
Lactating = Annotated[bool, typer.Option("--lactating", help="Use the lactation values.")]
Standard = Annotated[
    str | None,
    typer.Option(
        "--standard",
        help="us (also iom), eu (efsa), dach (dge), who (fao), uk (coma), anz (nhmrc), "
        "nordic (nnr); any case.",
        metavar="STANDARD",
        autocompletion=lambda: ["us", "eu", "dach", "who", "uk", "anz", "nordic"],
        show_default="us",
    ),
]
Diet = Annotated[
    list[str] | None,
    typer.Option(
        "--diet",
        help="Magnesium from food and water, repeatable: 250mg (a known total), "
        "1.5L@20mg/L (water at its label's mg/L). --diet 0mg judges supplements alone.",
        show_default=False,
    ),
]
Foods = Annotated[
    list[str] | None,
    typer.Option(
        "--food",
        metavar="FOOD=AMOUNT",
        help="A food eaten, repeatable: almonds=28g, banana=1medium, 09040=1cup (an NDB "
        "number); cup, tbsp, medium are the food's own USDA portions; oz is 28.35 g.",
        show_default=False,
    ),
]
DietFile = Annotated[
    str | None,
    typer.Option(
        "--diet-file",
        metavar="FILE",
        help="A tracker's export (Apple Health export.zip or export.xml, Cronometer Daily "
        "Nutrition or Food & Recipe Entries, or a CSV with date and magnesium_mg; '-' for "
        "stdin): the mean of its days is the diet.",
    ),
]
Days = Annotated[
    int | None,
    typer.Option("--days", min=1, help="With a diet file: the N latest days with a value only."),
]
DietDays = Annotated[
    int | None,
    typer.Option(
        "--diet-days",
        min=1,
        metavar="N",
        help="The typed diet (--diet, --food) is the mean of N days (default 1): the "
        "confidence that usual intake is adequate grows with the days (IOM 2000).",
    ),
]
Brief = Annotated[
    bool,
    typer.Option(
        "--brief",
        help="Print only cautions, verdicts, the next step and what was counted (not --json).",
    ),
]
IncludeIncomplete = Annotated[
    bool,
    typer.Option("--include-incomplete", help="With a diet file: keep days not marked completed."),
]
App = Annotated[
    str | None,
    typer.Option(
        "--app",
        metavar="NAME",
        help="With an Apple Health export: the app whose magnesium to read, when several "
        "wrote it (case and spaces ignored).",
    ),
]
NoProfile = Annotated[
    bool,
    typer.Option("--no-profile", help="Do not read the saved profile ('mgcalc profile')."),
]
FailAboveUl = Annotated[
    bool,
    typer.Option("--fail-above-ul", help="Exit with 3 when supplements exceed the upper limit."),
]
Input = Annotated[
    str | None,
    typer.Option(
        "--input", help="Read one JSON request from FILE ('-' for stdin).", metavar="FILE"
    ),
]
Batch = Annotated[
    str | None,
    typer.Option(
        "--batch", help="Run JSON Lines or CSV requests from FILE ('-': stdin).", metavar="FILE"
    ),
]
BatchFormat = Annotated[
    Literal["jsonl", "csv"] | None,
    typer.Option("--batch-format", help="Input format of --batch (default: by extension)."),
]
FormsFile = Annotated[
    str | None,
    typer.Option(
        "--forms",
        envvar="MGCALC_FORMS",
        metavar="FILE",
        help="Add your own forms: a CSV with the columns of data/forms.csv (and override).",
    ),
]
Halves = Annotated[
    bool, typer.Option("--halves", help="Allow half units (scored tablets) when counting units.")
]
Weight = Annotated[
    str | None,
    typer.Option("--weight", help="Body weight for per-kg amounts: 70kg or 154lb."),
]
WithMedicines = Annotated[
    list[str] | None,
    typer.Option(
        "--with",
        metavar="NAME",
        help="A medicine taken (generic, class or brand name, repeatable): its interactions "
        "are shown; names not in mgcalc's list are listed, not refused.",
        show_default=False,
    ),
]
KidneyImpairment = Annotated[
    bool,
    typer.Option(
        "--kidney-impairment",
        help="Kidney impairment: adds the caution (an injection: the label's limit); plan "
        "then plans no supplement unless --supervised.",
    ),
]
ProductsFile = Annotated[
    str | None,
    typer.Option(
        "--products",
        envvar="MGCALC_PRODUCTS",
        metavar="FILE",
        help="Add your own products: a CSV with the columns of data/products.csv (and override).",
    ),
]
OutputFormat = Annotated[
    Literal["jsonl", "csv"] | None,
    typer.Option("--format", help="Output format of --batch: jsonl or csv."),
]
Jobs = Annotated[
    int,
    typer.Option(
        "--jobs",
        min=0,
        max=MAX_JOBS,
        metavar="N",
        help="Worker processes for a JSON Lines --batch FILE (0: one per core, at most "
        "64); stdin and CSV run in one process.",
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
        str | None,
        typer.Argument(
            help="A form's key, alias or formula:…; omit for all.", autocompletion=_complete_forms
        ),
    ] = None,
    factors: Annotated[
        bool,
        typer.Option(
            "--factors", help="Show mg, mmol and mEq per g (and per mL), mg per mEq and 100 mg."
        ),
    ] = False,
    forms_file: FormsFile = None,
    json: Json = False,
) -> None:
    """List the magnesium forms, or show one in detail with its source."""
    from mgcalc.interfaces.render import emit

    _use_forms(forms_file)
    emit(api.factors(key) if factors else api.forms(key), as_json=json)


@app.command(context_settings=_NEGATIVE_AMOUNTS)
def convert(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            help="AMOUNT [FORM] in either order: 400mg oxide, 400 mg magnesium oxide, "
            "oxide 400mg; amounts such as 2x500mg, 0.5x400mg, 8mEq, 10mL, 2tsp, "
            "10mL@500mg/mL, 10mL@50%, 1g@20g/500mL (a bag by mass), 25mg/kg. No form: "
            "magnesium itself.",
            metavar="AMOUNT [FORM]",
            autocompletion=_complete_forms,
            show_default=False,
        ),
    ] = None,
    elemental: Annotated[
        bool,
        typer.Option(
            "--elemental", help="The mass is magnesium itself: how much of the form holds it?"
        ),
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="Count units of this size: 400mg (of the compound), 5mL, or elemental=84mg.",
        ),
    ] = None,
    halves: Halves = False,
    weight: Weight = None,
    over: Annotated[
        str | None,
        typer.Option("--over", help="Give the rate over a duration: 30min, 4h."),
    ] = None,
    max_amount: Annotated[
        str | None,
        typer.Option("--max", help="Cap a per-kg amount: 2g (of the same kind as the amount)."),
    ] = None,
    kidney_impairment: KidneyImpairment = False,
    with_medicines: WithMedicines = None,
    input: Input = None,
    batch: Batch = None,
    batch_format: BatchFormat = None,
    output_format: OutputFormat = None,
    jobs: Jobs = 1,
    forms_file: FormsFile = None,
    products_file: ProductsFile = None,
    no_profile: NoProfile = False,
    json: Json = False,
) -> None:
    """Convert an amount between compound mass, elemental magnesium, mmol, mEq and mL.

    A mass with a form is the compound's weight (with --elemental, magnesium
    itself); mmol and mEq always count magnesium. Liquids are given in mL too.
    """
    from mgcalc.chemistry.phrase import read_phrase
    from mgcalc.clinical.product_names import is_product_name
    from mgcalc.interfaces.render import emit

    _refuse_options(ctx, words or [])
    _use_forms(forms_file, products_file)
    given = bool(words or elemental or unit or halves or weight or over)
    given = given or bool(max_amount or kidney_impairment or with_medicines)
    scripted = _scripted(
        "convert", given, input, batch, batch_format, output_format,
        jobs=jobs, files=(forms_file, products_file),
    )  # fmt: skip
    if scripted is not None:  # requests and batches never read the saved profile
        _finish(scripted, json=json, fail_above_ul=False)
        return
    if not words:
        raise UsageError(
            "missing argument 'AMOUNT' (or give --input or --batch); try 'mgcalc convert --help'"
        )
    amount, form = read_phrase(words, example="400mg oxide", known=is_product_name)
    saved_weight, source = _saved_weight(no_profile, amount) if weight is None else (None, None)
    result = api.convert(
        amount, form, elemental=elemental, unit=unit, halves=halves,
        weight=weight or saved_weight, over=over,
        max=max_amount, kidney_impairment=kidney_impairment,
        with_medicines=with_medicines or (),
    )  # fmt: skip
    if source is not None:
        result = result.model_copy(update={"profile_source": source})
    emit(result, as_json=json)


@app.command(context_settings=_NEGATIVE_AMOUNTS)
def dose(
    ctx: typer.Context,
    items: Annotated[
        list[str] | None,
        typer.Argument(
            help="What is taken: FORM=AMOUNT ... (glycinate=500mg elemental=200mg); "
            "one item may be words: 400mg oxide, 500 mg magnesium glycinate.",
            autocompletion=_complete_items,
            show_default=False,
        ),
    ] = None,
    food: Foods = None,
    diet: Diet = None,
    diet_file: DietFile = None,
    days: Days = None,
    diet_days: DietDays = None,
    include_incomplete: IncludeIncomplete = False,
    app_name: App = None,
    age: Age = None,
    sex: Sex = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    standard: Standard = None,
    no_profile: NoProfile = False,
    fail_above_ul: FailAboveUl = False,
    input: Input = None,
    batch: Batch = None,
    batch_format: BatchFormat = None,
    output_format: OutputFormat = None,
    jobs: Jobs = 1,
    forms_file: FormsFile = None,
    products_file: ProductsFile = None,
    with_medicines: WithMedicines = None,
    kidney_impairment: KidneyImpairment = False,
    brief: Brief = False,
    json: Json = False,
) -> None:
    """Check a day's magnesium against your reference values and the upper limit.

    Total intake (diet + supplements) is judged against EAR/RDA or AI, only when
    the diet is given (--food, --diet, --diet-file); supplements, antacids and
    laxatives alone against the upper limit. With the days observed (a diet
    file's, or --diet-days) it says how sure that is (IOM 2000).

    Terms: EAR Estimated Average Requirement, RDA Recommended Dietary Allowance,
    AI Adequate Intake, UL Tolerable Upper Intake Level (IOM, D-A-CH); AR
    Average Requirement, PRI Population Reference Intake (EFSA); RNI Reference
    Nutrient Intake (UK) or Recommended Nutrient Intake (FAO/WHO); RDI
    Recommended Dietary Intake (NHMRC); RI Recommended Intake (NNR); the UK's
    upper figure is the EVM's (2003) guidance level. mgcalc does arithmetic on
    published references; it is not medical advice.
    """
    _refuse_options(ctx, items or [])
    _use_forms(forms_file, products_file)
    given = bool(items or food or diet or diet_file or diet_days)
    scripted = _scripted(
        "dose", given, input, batch, batch_format, output_format,
        jobs=jobs, files=(forms_file, products_file),
    )  # fmt: skip
    if scripted is not None:
        _finish(scripted, json=json, fail_above_ul=fail_above_ul, brief=brief)
        return
    person = _person(no_profile, age, sex, standard, diet_given=bool(food or diet or diet_file))
    result = api.dose(
        items or [], diet=person.diet or diet, foods=food or (), diet_file=diet_file, days=days,
        include_incomplete=include_incomplete, app=app_name, age=person.age, sex=person.sex,
        pregnant=pregnant, lactating=lactating, standard=person.standard, weight=person.weight,
        with_medicines=with_medicines or (), kidney_impairment=kidney_impairment,
        diet_days=diet_days,
    )  # fmt: skip
    _finish(person.mark(result), json=json, fail_above_ul=fail_above_ul, brief=brief)


@app.command()
def plan(
    form: Annotated[
        str | None,
        typer.Argument(
            help="The form to take: glycinate, oxide, formula:…",
            autocompletion=_complete_forms,
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="One tablet, capsule, scoop or mL: 500mg (of the compound), 5mL, "
            "or elemental=100mg when the label gives magnesium per unit.",
        ),
    ] = None,
    food: Foods = None,
    diet: Diet = None,
    diet_file: DietFile = None,
    days: Days = None,
    include_incomplete: IncludeIncomplete = False,
    app_name: App = None,
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
    supervised: Annotated[
        bool,
        typer.Option("--supervised", help="For clinicians: plan even with --kidney-impairment."),
    ] = False,
    halves: Halves = False,
    age: Age = None,
    sex: Sex = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    standard: Standard = None,
    no_profile: NoProfile = False,
    fail_above_ul: FailAboveUl = False,
    input: Input = None,
    batch: Batch = None,
    batch_format: BatchFormat = None,
    output_format: OutputFormat = None,
    jobs: Jobs = 1,
    forms_file: FormsFile = None,
    products_file: ProductsFile = None,
    with_medicines: WithMedicines = None,
    kidney_impairment: KidneyImpairment = False,
    brief: Brief = False,
    json: Json = False,
) -> None:
    """Plan how much of a form to take, in whole units, without passing the upper limit.

    A reference value (rda, ear, ai) is a total intake: planning toward one
    needs the diet (--food, --diet, --diet-file; --diet 0mg plans supplements
    alone), and gets the fewest units that reach it; a target amount (a dose)
    gets the nearest number of units.

    Terms: EAR Estimated Average Requirement, RDA Recommended Dietary Allowance,
    AI Adequate Intake, UL Tolerable Upper Intake Level (IOM); other standards'
    terms: see 'mgcalc dose --help'. A plan is arithmetic on published
    references, not a prescription.
    """
    _use_forms(forms_file, products_file)
    given = form is not None or bool(food or diet or diet_file)
    scripted = _scripted(
        "plan", given, input, batch, batch_format, output_format,
        jobs=jobs, files=(forms_file, products_file),
    )  # fmt: skip
    if scripted is not None:
        _finish(scripted, json=json, fail_above_ul=fail_above_ul, brief=brief)
        return
    if form is None:
        raise InputError("missing argument 'FORM' (or give --input or --batch)")
    person = _person(no_profile, age, sex, standard, diet_given=bool(food or diet or diet_file))
    result = api.plan(
        form, unit=unit, diet=person.diet or diet, foods=food or (), diet_file=diet_file,
        days=days, include_incomplete=include_incomplete, app=app_name, target=target,
        doses=doses,
        allow_above_ul=allow_above_ul, halves=halves, age=person.age, sex=person.sex,
        pregnant=pregnant, lactating=lactating, standard=person.standard, weight=person.weight,
        with_medicines=with_medicines or (), kidney_impairment=kidney_impairment,
        supervised=supervised,
    )  # fmt: skip
    _finish(person.mark(result), json=json, fail_above_ul=fail_above_ul, brief=brief)


@app.command("food")
def food_command(
    query: Annotated[
        list[str] | None,
        typer.Argument(help="Words of the food's name, in any order, or its NDB number."),
    ] = None,
    top: Annotated[bool, typer.Option("--top", help="The 20 foods richest in magnesium.")] = False,
    per: Annotated[
        Literal["100g", "portion", "100kcal"] | None,
        typer.Option("--per", help="With --top: per 100g (default), portion or 100kcal."),
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="With --top: an SR28 food group, or its start.")
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="With --top: every food, not only the survey's.")
    ] = False,
    json: Json = False,
) -> None:
    """Find foods (USDA SR28) with their magnesium, and the first one's portions; or rank them."""
    from mgcalc.interfaces.food_top import food

    food(query or (), top=top, per=per, group=group, every=every, as_json=json)


@app.command()
def reference(
    age: Age = None,
    sex: Sex = None,
    pregnant: Pregnant = False,
    lactating: Lactating = False,
    standard: Standard = None,
    no_profile: NoProfile = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Show every group of the standard.")
    ] = False,
    json: Json = False,
) -> None:
    """Show reference intakes with their sources: one person's group, or a whole standard."""
    from mgcalc.interfaces.render import emit

    person = _person(no_profile, age, sex, standard, diet_given=True)
    result = api.reference(
        age=person.age, sex=person.sex, pregnant=pregnant, lactating=lactating,
        standard=person.standard, show_all=show_all,
    )  # fmt: skip
    emit(person.mark(result), as_json=json)


@app.command()
def products(
    query: Annotated[
        str | None,
        typer.Argument(help="A product's key or part of its name or salt; omit for all."),
    ] = None,
    products_file: ProductsFile = None,
    forms_file: FormsFile = None,
    json: Json = False,
) -> None:
    """List products as their labels declare them: magnesium per tablet, caplet or mL.

    Give a product by its key with a count (mag-tab-sr=2) or, if declared per
    volume, a volume (phillips-mom=30mL); never with a mass.
    """
    from mgcalc.interfaces.render import emit

    _use_forms(forms_file, products_file)
    emit(api.products(query), as_json=json)


@app.command()
def interactions(
    name: Annotated[
        str | None,
        typer.Argument(
            help="A medicine's generic name or class (doxycycline, PPIs), or a caution "
            "(kidney); omit for all."
        ),
    ] = None,
    json: Json = False,
) -> None:
    """List medicines that interact with magnesium, and the cautions mgcalc applies.

    Each with its sources. A name missing from the list is refused: absence is
    not evidence of safety.
    """
    from mgcalc.interfaces.render import emit

    emit(api.interactions(name), as_json=json)


@app.command()
def serum(
    value: Annotated[
        str,
        typer.Argument(help="A serum or plasma level: 2.0mg/dL, 0.8mmol/L, 1.6mEq/L or 20mg/L."),
    ],
    json: Json = False,
) -> None:
    """Convert a serum magnesium level between units and place it against IOM 1997's interval.

    A laboratory's own reference interval prevails; this gives no treatment
    advice.
    """
    from mgcalc.interfaces.render import emit

    emit(api.serum(value), as_json=json)


@app.command()
def schema(
    name: Annotated[
        Literal[
            "convert",
            "forms",
            "dose",
            "plan",
            "reference",
            "food",
            "food-top",
            "profile",
            "request",
            "plan-request",
            "convert-request",
            "batch",
            "plan-batch",
            "convert-batch",
            "products",
            "interactions",
            "serum",
            "factors",
            "diet",
        ]
        | None,
        typer.Argument(
            help="Which JSON document: an output, a request, or a batch line.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of an output (--json), a request (--input) or a batch line."""
    from mgcalc.interfaces.schemas import models, schema_text

    if name is None:
        raise UsageError(f"name a schema: {', '.join(models())}; e.g. mgcalc schema dose")
    sys.stdout.write(schema_text(name))


profile_app = typer.Typer(
    name="profile",
    help="Save your age, sex, standard, diet and weight, so that you need not type them.",
    no_args_is_help=True,
)
app.add_typer(profile_app)


@profile_app.command("set")
def profile_set(
    age: Age = None,
    sex: Sex = None,
    standard: Standard = None,
    diet: Annotated[
        str | None, typer.Option("--diet", help="Your usual magnesium from food, e.g. 250mg.")
    ] = None,
    weight: Weight = None,
    json: Json = False,
) -> None:
    """Save a profile (replacing any saved one); options on a command line still win."""
    from mgcalc.interfaces import saved
    from mgcalc.interfaces.render import emit

    values = {"age": age, "sex": sex, "standard": standard, "diet": diet, "weight": weight}
    emit(saved.save(values), as_json=json)


@profile_app.command("show")
def profile_show(json: Json = False) -> None:
    """Show the saved profile and where it is kept."""
    from mgcalc.interfaces import saved
    from mgcalc.interfaces.render import emit

    found = saved.load()
    if found is None:
        raise InputError(
            f"no saved profile at '{saved.profile_path()}'; save one with "
            "'mgcalc profile set --age 42 --sex female'"
        )
    emit(found, as_json=json)


@profile_app.command("clear")
def profile_clear() -> None:
    """Delete the saved profile."""
    from mgcalc.interfaces import saved

    path = saved.clear()
    where = saved.profile_path() if path is None else path
    sys.stdout.write(
        f"No saved profile at {where}.\n"
        if path is None
        else f"Deleted the saved profile {where}.\n"
    )


class _Person(NamedTuple):
    """The profile options after the saved profile filled the ones not given."""

    age: str | None
    sex: str | None
    standard: str
    diet: list[str] | None
    weight: str | None
    source: ProfileSource | None

    def mark(self, result: _Marked) -> _Marked:
        """Return *result* saying which of its values came from the saved profile."""
        if self.source is None:
            return result
        return result.model_copy(update={"profile_source": self.source})


def _person(
    no_profile: bool, age: str | None, sex: str | None, standard: str | None, *, diet_given: bool
) -> _Person:
    """Fill options not given from the saved profile, option by option; a diet replaces its."""
    found = None
    if not no_profile:
        from mgcalc.interfaces import saved

        found = saved.load()
    if found is None:
        return _Person(age, sex, standard or "us", None, None, None)
    from mgcalc.result import ProfileSource

    given = {"age": age, "sex": sex, "standard": standard, "diet": diet_given or None}
    used = tuple(key for key, value in found.values().items() if given.get(key) is None)
    replaced = found.diet if diet_given and found.diet else None
    return _Person(
        age=found.age if "age" in used else age,
        sex=found.sex if "sex" in used else sex,
        standard=(found.standard if "standard" in used else standard) or "us",
        diet=[found.diet] if "diet" in used and found.diet else None,
        weight=found.weight,
        source=(
            ProfileSource(path=found.path, fields=used, diet_replaced=replaced)
            if used or replaced
            else None
        ),
    )


def _saved_weight(no_profile: bool, amount: str) -> tuple[str | None, ProfileSource | None]:
    """Return the saved profile's weight for a per-kg *amount* (and say so), else None."""
    from mgcalc.chemistry.amounts import parse_amount

    try:
        per_kg = parse_amount(amount).per_kg
    except MgcalcError:
        return None, None  # the conversion reports the amount
    if no_profile or not per_kg:
        return None, None
    from mgcalc.interfaces import saved
    from mgcalc.result import ProfileSource

    found = saved.load()
    if found is None or found.weight is None:
        return None, None
    return found.weight, ProfileSource(path=found.path, fields=("weight",))


def _use_forms(path: str | None, products: str | None = None) -> None:
    if path:
        api.use_forms(path)
    if products:
        api.use_products(products)


def _scripted(
    command: Literal["dose", "plan", "convert"],
    has_arguments: bool,
    input: str | None,
    batch: str | None,
    batch_format: Literal["jsonl", "csv"] | None,
    output_format: Literal["jsonl", "csv"] | None,
    *,
    jobs: int = 1,
    files: tuple[str | None, str | None] = (None, None),
) -> Dose | Plan | Conversion | int | None:
    """Run --input or --batch if given: a result, or a batch's exit code; else None.

    A JSON Lines batch file runs on *jobs* worker processes (0: one per core), which
    load the forms and products *files* in use.
    """
    if output_format is not None and batch is None:
        raise InputError("--format chooses the output of --batch: give --batch FILE too")
    if input is None and batch is None:
        return None
    if input is not None and batch is not None:
        raise InputError("--input and --batch together: give one")
    if has_arguments:
        given = "an amount or its options" if command == "convert" else f"the {command}"
        raise InputError(f"give {given} on the command line or with --input/--batch, not both")
    from mgcalc.interfaces import batch as batches
    from mgcalc.interfaces.request import REQUESTS, parse_request, run_request

    model = REQUESTS[command]
    if input is not None:
        return run_request(parse_request(batches.read_text(input), model))
    assert batch is not None
    batches.collect_garbage()  # the mgcalc program runs without it (entry.py)
    from mgcalc.interfaces.stopping import stopping

    input_format = batch_format or batches.guess_format(batch)
    with batches.open_source(batch) as stream, stopping():
        if jobs != 1 and input_format == "jsonl" and os.path.isfile(batch):
            from mgcalc.interfaces.parallel import cores, run_parallel

            summary = run_parallel(
                stream, batch, sys.stdout, command, jobs=jobs or cores(),
                output_format=output_format or "jsonl", files=files,
            )  # fmt: skip
        else:
            summary = batches.run_batch(
                stream, sys.stdout, command, input_format=input_format,
                output_format=output_format or "jsonl",
            )  # fmt: skip
    sys.stdout.flush()
    sys.stderr.write(summary.line() + "\n")
    if summary.errors:
        return EXIT_BAD_INPUT
    return EXIT_ABOVE_UL if summary.above_ul else 0


def _finish(
    result: Dose | Plan | Conversion | int, *, json: bool, fail_above_ul: bool, brief: bool = False
) -> None:
    """Print a result (a batch has printed its own) and exit as documented."""
    if isinstance(result, int):
        if result == EXIT_ABOVE_UL and not fail_above_ul:
            return
        if result:
            raise typer.Exit(result)
        return
    from mgcalc.interfaces.render import emit

    emit(result, as_json=json, brief=brief)
    # A conversion has no upper limit to pass (convert has no --fail-above-ul).
    if fail_above_ul and getattr(result, "above_ul", False):
        raise typer.Exit(EXIT_ABOVE_UL)


def run(args: list[str] | None = None) -> int:
    """Run the command line on *args* (default: ``sys.argv``); return the exit code.

    Standard output is flushed here, so that a reader that went away (a broken pipe) or
    a write that failed (a full disk) is reported as one line rather than as an exception
    at the interpreter's exit.
    """
    if sys.stdout is None:  # started with stdout closed (>&-)
        return _cannot_write(os.strerror(errno.EBADF))
    stdout = _identity()
    try:
        try:
            _lean(sys.argv[1:] if args is None else args)(args)
        except SystemExit as done:
            code = _exit_code(done.code)
        else:
            code = 0
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # typer met a closed stdout
            return _closed_pipe()
        if _identity() != stdout:  # rich (typer's help) met one: it put /dev/null there
            return _closed_pipe()
        sys.stdout.flush()
    except OSError as error:
        if error.errno == errno.EPIPE:
            return _closed_pipe()
        if error.filename is not None:  # a file mgcalc failed to read is an error of its own
            raise
        return _cannot_write(error.strerror or str(error))
    return code


def _lean(args: list[str]) -> typer.Typer:
    """Return the app with only the command that *args* name, when they name one.

    typer builds every command's options at each start (about 6 ms, 4 % of a run); a run
    needs only its own. Anything else (no command, --help, a typo) gets the whole app.
    The command's annotations (strings: ``from __future__ import annotations``) are
    resolved once here; typer would evaluate each of them four times.
    """
    name = args[0] if args else None
    commands = [command for command in app.registered_commands if _name(command) == name]
    if not commands:
        return app  # a command group (profile) is built whole, with the rest
    lean = copy.copy(app)
    lean.registered_commands, lean.registered_groups = commands, []
    callback = commands[0].callback
    if callback is not None:  # typer evaluates the string annotations four times: once here
        callback.__annotations__ = typing.get_type_hints(callback, include_extras=True)
    return lean


def _name(command: CommandInfo) -> str | None:
    """Return a command's name as typer derives it."""
    if command.name or command.callback is None:
        return command.name
    return get_command_name(command.callback.__name__)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")  # sys.exit("message"), as Python itself reports it
    return EXIT_FAILURE


def _identity() -> tuple[int, int] | None:
    """Return which file stdout's descriptor is (device, inode), if it has one."""
    try:
        found = os.fstat(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _closed_pipe() -> int:
    """Report that stdout was closed before everything was written; return exit 1."""
    return _output_failed("output closed before mgcalc finished (broken pipe)")


def _cannot_write(reason: str) -> int:
    """Report that writing stdout failed (a full disk, EIO); return exit 1."""
    return _output_failed(f"cannot write the output: {reason}")


def _output_failed(message: str) -> int:
    """Say *message* on stderr; what stdout still holds goes nowhere, so exit is quiet."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        nothing = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nothing, sys.stdout.fileno())
        os.close(nothing)
    with contextlib.suppress(AttributeError, OSError, ValueError):
        sys.stderr.write(f"error: {message}\n")
        sys.stderr.flush()
    return EXIT_FAILURE


def main() -> None:
    """Run the mgcalc command line and exit with its code."""
    sys.exit(run())


# The diet command lives in its own module and registers itself on the app (#22).
from mgcalc.interfaces import diet_command as _diet_command  # noqa: E402, F401
