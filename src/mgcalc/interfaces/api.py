"""mgcalc as a library: the CLI's operations as functions returning the same frozen models.

    >>> import mgcalc
    >>> round(mgcalc.convert("400mg", "oxide").elemental_mg, 1)
    241.2

Errors are :class:`mgcalc.MgcalcError` subclasses (also ``ValueError`` or ``LookupError``
where that fits), with the command line's messages; an argument of the wrong type (a dict,
bytes, one text where a list is expected, a bool where a number is) is refused the same way,
never split into letters or passed on. A number is any ``numbers.Real`` but a bool (numpy's
too, a ``Fraction``, a ``Decimal``); a whole number any ``numbers.Integral``. ``None`` for an
option means its default. A saved profile is never read here. Heavy modules load on first
call, not on import.
"""

from __future__ import annotations

import numbers
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from mgcalc.errors import BadDiet, BadWeight, InputError, UnknownForm

if TYPE_CHECKING:
    from mgcalc.chemistry.conversion import Conversion
    from mgcalc.chemistry.listing import FactorsListing, FormDetail, FormsListing
    from mgcalc.clinical.interactions import InteractionsListing
    from mgcalc.clinical.products import ProductsListing
    from mgcalc.clinical.serum import Serum
    from mgcalc.dietary.assembly import Diet, DietEntries
    from mgcalc.dietary.search import FoodSearch
    from mgcalc.dietary.top import FoodTop
    from mgcalc.nutrition.intake import Dose
    from mgcalc.nutrition.listing import ReferenceListing
    from mgcalc.nutrition.period import DietReport
    from mgcalc.nutrition.planner import Plan


_Kind = Literal["text", "text?", "flag", "texts", "whole?", "path?", "amount?", "diet"]


# The standard a person's reference values come from when none is named.
DEFAULT_STANDARD = "us"


def _number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Real):
        return True
    decimal = sys.modules.get("decimal")  # a Decimal is a number, but not a numbers.Real
    return decimal is not None and isinstance(value, decimal.Decimal)


def _whole(value: object) -> bool:
    return isinstance(value, numbers.Integral) and _number(value)


def _plain(value: Any) -> Any:
    """Return a number of any numeric type as the int or float the core takes; else *value*."""
    if isinstance(value, (str, int, float)) or not _number(value):
        return value  # a bool is an int, and is refused where it is checked
    if isinstance(value, numbers.Integral):
        return int(value)
    try:
        return float(value)
    except OverflowError:  # a Fraction or a Decimal beyond a float: too large either way
        return float("inf") if value > 0 else float("-inf")


def _plain_entries(value: Any) -> Any:
    return [_plain(each) for each in value] if isinstance(value, (list, tuple)) else _plain(value)


def _texts(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(each, str) for each in value)


def _entry(value: object) -> bool:
    return isinstance(value, str) or _number(value)


# What each kind of argument accepts; None is accepted where the kind ends in "?".
_ACCEPTS: dict[_Kind, Callable[[object], bool]] = {
    "text": lambda value: isinstance(value, str),
    "text?": lambda value: value is None or isinstance(value, str),
    "flag": lambda value: isinstance(value, bool),
    "texts": _texts,
    "whole?": lambda value: value is None or _whole(value),
    "path?": lambda value: value is None or isinstance(value, (str, os.PathLike)),
    "amount?": lambda value: value is None or _entry(value),
    "diet": lambda value: (
        value is None
        or _entry(value)
        or (isinstance(value, (list, tuple)) and all(map(_entry, value)))
    ),
}
# What an argument must be, said as the command line says it, by the argument's name.
_WANTED = {
    "amount": "text such as '400mg'", "form": "text such as 'oxide'",
    "unit": "text such as '400mg' or '5mL'", "over": "text such as '30min'",
    "max": "text such as '2g'",
    "key": "text such as 'oxide'", "target": "text such as 'rda' or '300mg'",
    "query": "text", "value": "text such as '2.0mg/dL'",
    "name": "text such as 'doxycycline'", "items": "a list of FORM=AMOUNT texts",
    "foods": "a list of FOOD=AMOUNT texts", "with_medicines": "a list of medicine names",
    "days": "a whole number of days", "doses": "a whole number of doses",
    "diet_days": "a whole number of days",
    "weight": "an amount such as '70kg', or a number of kg",
    "diet": "an amount such as '250mg', a number of mg, or a list of these",
    "app": "text such as 'Cronometer'",
}  # fmt: skip


def _check(kind: _Kind, /, error: type[InputError] = InputError, **values: object) -> None:
    """Refuse an argument (given by name) that is not of *kind*, with the CLI's wording."""
    accepts = _ACCEPTS[kind]
    for name, value in values.items():
        if accepts(value):
            continue
        wanted = _WANTED.get(name, "true or false" if kind == "flag" else "a file's path")
        if isinstance(value, str) and kind == "texts":
            shown = "one text"
        elif isinstance(value, (list, tuple)) and kind in ("texts", "diet"):
            fits = (lambda each: isinstance(each, str)) if kind == "texts" else _entry
            shown = f"a list holding {type(next(e for e in value if not fits(e))).__name__}"
        elif isinstance(value, (str, bool, int, float)) or _number(value):
            shown = repr(value)[:40]
        else:
            shown = type(value).__name__
        raise error(f"{name} must be {wanted}, not {shown}")


def use_forms(path: str | os.PathLike[str] | None) -> None:
    """Add a forms file's rows to the forms every later call uses (None: shipped only)."""
    from mgcalc.chemistry.forms import use_forms_file

    _check("path?", path=path)
    use_forms_file(path)


def use_products(path: str | os.PathLike[str] | None) -> None:
    """Add a products file's rows to the products every later call uses (None: shipped)."""
    from mgcalc.clinical.products import use_products_file

    _check("path?", path=path)
    use_products_file(path)


def products(query: str | None = None) -> ProductsListing:
    """Return every product as labelled, or those whose name contains *query*."""
    from mgcalc.clinical.products import list_products

    _check("text?", query=query)
    return list_products(query)


def convert(
    amount: str,
    form: str | None = None,
    *,
    elemental: bool = False,
    unit: str | None = None,
    halves: bool = False,
    weight: str | float | None = None,
    over: str | None = None,
    max: str | None = None,
    kidney_impairment: bool = False,
    with_medicines: Sequence[str] = (),
) -> Conversion:
    """Convert *amount* of *form* (magnesium itself when None) to mg, mmol, mEq and mL.

    *elemental* reads a mass as magnesium; *unit* counts units of that size (*halves*
    allows half units); *weight* scales a per-kg amount, and *max* (``"2g"``) caps it;
    *over* adds the rate; *kidney_impairment* adds the kidney caution (for an injection, the
    label's limit in severe renal insufficiency); *with_medicines* adds their interactions
    (an injection's own with injection forms).

    >>> round(convert("1g", "sulfate").elemental_mg, 1)  # Epsom salt, MgSO4·7H2O
    98.6
    """
    _check("text", amount=amount)
    _check("text?", form=form, unit=unit, over=over)
    _check("text?", max=max)
    _check("flag", elemental=elemental, halves=halves)
    _check("flag", kidney_impairment=kidney_impairment)
    _check("amount?", BadWeight, weight=weight)
    _check("texts", with_medicines=with_medicines)
    result = _convert(amount, form, elemental, unit, halves, weight, over, max)
    if kidney_impairment or result.heptahydrate_mg is not None:
        from mgcalc.clinical.injection import conversion_warnings

        # The conversion is memoised and shared: a copy carries the warnings.
        warnings = conversion_warnings(result, kidney_impairment)
        if warnings:
            result = result.model_copy(update={"warnings": (*result.warnings, *warnings)})
    if not with_medicines:
        return result
    from mgcalc.clinical.matched import found_with, is_injection, route_notes, with_notes

    injection = is_injection(result.form)
    found = found_with(with_medicines, injection=injection, oral=not injection)
    return result.model_copy(
        update={
            "warnings": (*result.warnings, *with_notes(found)),
            "notes": (*result.notes, *route_notes(found)),
            "interactions": found.matches,
            "unknown_with": found.unknown,
        }
    )


def _convert(
    amount: str,
    form: str | None,
    elemental: bool,
    unit: str | None,
    halves: bool,
    weight: str | float | None,
    over: str | None,
    max: str | None,
) -> Conversion:
    from mgcalc.chemistry.conversion import convert as run

    if form is not None:
        from mgcalc.clinical.product_names import find_product, product_by_amount

        product = find_product(form) or product_by_amount(form, amount)
        if product is not None:
            from mgcalc.clinical.products import convert_product

            if elemental or unit or halves or weight is not None or over or max:
                raise InputError(
                    f"'{form}' is a product declared per {product.unit}: --elemental, --unit, "
                    "--halves, --weight, --max and --over do not apply; give a count or a volume"
                )
            return convert_product(amount, product, form)
    return run(
        amount, form, elemental=elemental, unit=unit, halves=halves, weight=_plain(weight),
        over=over, maximum=max,
    )  # fmt: skip


def serum(value: str) -> Serum:
    """Convert a serum magnesium value (``2.0mg/dL``) and place it against IOM 1997's interval."""
    from mgcalc.clinical.serum import serum as run

    _check("text", value=value)
    return run(value)


def forms(key: str | None = None) -> FormsListing | FormDetail:
    """Return every form, or the one called *key* (a key, alias or ``formula:…``)."""
    from mgcalc.chemistry.listing import list_forms, show_form

    _check("text?", key=key)
    if key is None:
        return list_forms()
    try:
        return show_form(key)
    except UnknownForm:
        from mgcalc.clinical.products import product_hint

        hint = product_hint(key)
        if hint is None:
            raise
        raise UnknownForm(hint) from None


def diet(
    entries: DietEntries = None,
    *,
    foods: Sequence[str] = (),
    diet_file: str | os.PathLike[str] | None = None,
    days: int | None = None,
    include_incomplete: bool = False,
    app: str | None = None,
) -> Diet | None:
    """Add up diet *entries* (``250mg``, ``1.5L@20mg/L``), *foods* and a tracker file.

    *app* chooses the app of an Apple Health export that several apps wrote magnesium to.
    Return None when nothing is given: the diet is then unknown, and adequacy not judged.
    """
    from mgcalc.dietary.assembly import make_diet

    _check("diet", BadDiet, diet=entries)
    _check("texts", BadDiet, foods=foods)
    _check("path?", BadDiet, diet_file=diet_file)
    _check("whole?", BadDiet, days=days)
    _check("flag", BadDiet, include_incomplete=include_incomplete)
    _check("text?", BadDiet, app=app)
    file = None
    if diet_file is not None:
        from mgcalc.dietary.trackers import read_tracker

        path, days = os.fspath(diet_file), _plain(days)
        file = read_tracker(path, days=days, include_incomplete=include_incomplete, app=app)
    elif days is not None or include_incomplete or app is not None:
        raise BadDiet("--days, --include-incomplete and --app go with --diet-file")
    return make_diet(_plain_entries(entries), foods, file)


def food(query: str) -> FoodSearch:
    """Find foods by words in any order (or an NDB number), best first, with portions."""
    from mgcalc.dietary.search import find

    _check("text", query=query)
    return find(query)


def food_top(
    per: Literal["100g", "portion", "100kcal"] = "100g",
    group: str | None = None,
    *,
    every: bool = False,
) -> FoodTop:
    """Return the 20 foods richest in magnesium per 100 g, first portion or 100 kcal; foods
    of USDA's survey unless *every*; *group* is an SR28 food group's name or its start."""
    from mgcalc.dietary.top import top_foods

    _check("text?", group=group)
    _check("flag", every=every)
    if per not in ("100g", "portion", "100kcal"):
        raise InputError(f"per must be 100g, portion or 100kcal, not {str(per)[:40]!r}")
    return top_foods(per, group, every=every)


def factors(key: str | None = None) -> FactorsListing:
    """Return the conversion factors of every form, or of the one called *key*."""
    from mgcalc.chemistry.listing import form_factors

    _check("text?", key=key)
    return form_factors(key)


def dose(
    items: Sequence[str],
    *,
    diet: DietEntries | Diet = None,
    foods: Sequence[str] = (),
    diet_file: str | os.PathLike[str] | None = None,
    days: int | None = None,
    include_incomplete: bool = False,
    app: str | None = None,
    age: str | float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    standard: str | None = None,
    weight: str | float | None = None,
    with_medicines: Sequence[str] = (),
    kidney_impairment: bool = False,
    diet_days: int | None = None,
) -> Dose:
    """Check *items* (``FORM=AMOUNT``) plus the diet against a person's reference values.

    The diet is *diet* (entries as :func:`diet` takes them, or a :class:`Diet`), *foods*
    and *diet_file*; with none of them adequacy is not judged.

    *items* is a list such as ``["glycinate=500mg", "oxide=400mg"]``; *age* is years or text
    (``"8mo"``); *sex* is ``female`` or ``male`` (also ``F``, ``woman``, …); *standard* is a
    standard's key (also ``iom``, ``efsa``, …; None: ``us``); *weight* is body weight
    (``"70kg"``, or a number of kg). A
    saved profile is never read here.
    *with_medicines* names medicines taken (interactions become warnings; names not in the
    list go to ``unknown_with``);
    *kidney_impairment* adds the kidney caution; *diet_days* says a typed diet is the mean
    of so many days (a diet file counts its own). Bad arguments raise
    :class:`mgcalc.MgcalcError` subclasses with the command line's messages.

    >>> dose(["glycinate=500mg"], diet="250mg", age=42, sex="female").assessment.adequacy
    'likely_adequate'
    """
    from mgcalc.nutrition.intake import BadItem
    from mgcalc.nutrition.intake import dose as run
    from mgcalc.nutrition.profile import make_profile

    _check("texts", BadItem, items=items)
    _check("texts", with_medicines=with_medicines)
    _check("flag", kidney_impairment=kidney_impairment)
    _check("amount?", BadWeight, weight=weight)
    _check("whole?", BadDiet, diet_days=diet_days)
    profile = make_profile(
        age=_plain(age), sex=sex, pregnant=pregnant, lactating=lactating,
        standard=DEFAULT_STANDARD if standard is None else standard, weight=_plain(weight),
    )  # fmt: skip
    given = _diet(diet, foods, diet_file, days, include_incomplete, app)
    return run(
        items, given, profile, with_medicines=with_medicines,
        kidney_impairment=kidney_impairment, diet_days=diet_days,
    )  # fmt: skip


def plan(
    form: str,
    *,
    unit: str | None = None,
    diet: DietEntries | Diet = None,
    foods: Sequence[str] = (),
    diet_file: str | os.PathLike[str] | None = None,
    days: int | None = None,
    include_incomplete: bool = False,
    app: str | None = None,
    target: str = "rda",
    doses: int | None = None,
    allow_above_ul: bool = False,
    halves: bool = False,
    age: str | float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    standard: str | None = None,
    weight: str | float | None = None,
    with_medicines: Sequence[str] = (),
    kidney_impairment: bool = False,
    supervised: bool = False,
) -> Plan:
    """Plan how much of *form* reaches *target* without passing the upper limit.

    *unit* is one tablet, capsule or mL (``"500mg"``, ``"5mL"``, ``"elemental=100mg"``);
    *target* is ``rda``, ``ear``, ``ai`` or an amount; *doses* splits the units. The diet
    and the profile are given as for :func:`dose`; a reference value as target needs a diet.
    With *kidney_impairment* nothing is planned unless *supervised* (a clinician's plan).
    """
    from mgcalc.nutrition.planner import plan as run
    from mgcalc.nutrition.profile import make_profile

    _check("text", form=form, target=target)
    _check("text?", unit=unit)
    _check("whole?", doses=doses)
    _check("flag", allow_above_ul=allow_above_ul, halves=halves)
    _check("flag", kidney_impairment=kidney_impairment)
    _check("flag", supervised=supervised)
    _check("texts", with_medicines=with_medicines)
    _check("amount?", BadWeight, weight=weight)
    profile = make_profile(
        age=_plain(age), sex=sex, pregnant=pregnant, lactating=lactating,
        standard=DEFAULT_STANDARD if standard is None else standard, weight=_plain(weight),
    )  # fmt: skip
    given = _diet(diet, foods, diet_file, days, include_incomplete, app)
    return run(
        form, profile, unit=unit, diet=given, target=target, doses=_plain(doses),
        allow_above_ul=allow_above_ul, with_medicines=with_medicines,
        kidney_impairment=kidney_impairment, halves=halves,
        supervised=supervised,
    )  # fmt: skip


def interactions(name: str | None = None) -> InteractionsListing:
    """Return the interactions table and cautions, or those for a medicine, class or caution."""
    from mgcalc.clinical.interactions import list_interactions

    _check("text?", name=name)
    return list_interactions(name)


def reference(
    *,
    age: str | float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    standard: str | None = None,
    show_all: bool = False,
) -> ReferenceListing:
    """Return the reference values for a person's group, or a standard's whole table."""
    from mgcalc.nutrition.listing import reference_values
    from mgcalc.nutrition.profile import make_profile

    _check("flag", show_all=show_all)
    profile = make_profile(
        age=_plain(age), sex=sex, pregnant=pregnant, lactating=lactating,
        standard=DEFAULT_STANDARD if standard is None else standard,
    )  # fmt: skip
    return reference_values(profile, show_all=show_all)


def _diet(
    entries: DietEntries | Diet,
    foods: Sequence[str],
    diet_file: str | os.PathLike[str] | None,
    days: int | None,
    include_incomplete: bool,
    app: str | None = None,
) -> Diet | None:
    from mgcalc.dietary.assembly import Diet

    if isinstance(entries, Diet):
        return entries
    return diet(
        entries, foods=foods, diet_file=diet_file, days=days,
        include_incomplete=include_incomplete, app=app,
    )  # fmt: skip


def diet_report(
    path: str | os.PathLike[str],
    *,
    days: int | None = None,
    include_incomplete: bool = False,
    app: str | None = None,
    age: str | float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    standard: str | None = None,
) -> DietReport:
    """Report a tracker file's period: its days and weeks, top foods, and the mean's verdict.

    *days*, *include_incomplete* and *app* choose the days as for :func:`diet`'s file; the
    profile is given as for :func:`dose`. The mean is judged as :func:`dose` judges a diet
    with no supplements.
    """
    from mgcalc.dietary.trackers import read_export
    from mgcalc.nutrition.period import diet_report as report
    from mgcalc.nutrition.profile import make_profile

    _check("path?", BadDiet, path=path)
    _check("whole?", BadDiet, days=days)
    _check("flag", BadDiet, include_incomplete=include_incomplete)
    _check("text?", BadDiet, app=app)
    if path is None:
        raise BadDiet("path must be a file's path, not None")
    days = _plain(days)
    if days is not None and days < 1:
        raise BadDiet(f"--days must be at least 1, not {days}")
    profile = make_profile(
        age=_plain(age), sex=sex, pregnant=pregnant, lactating=lactating,
        standard=DEFAULT_STANDARD if standard is None else standard,
    )  # fmt: skip
    export = read_export(os.fspath(path), include_incomplete=include_incomplete, app=app)
    return report(export, profile, days=days)
