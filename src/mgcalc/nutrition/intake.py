"""The intake check: what a person takes, plus their diet, against their reference values."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from pydantic import Field

from mgcalc.chemistry.content import Content, content
from mgcalc.chemistry.forms import ELEMENTAL, clears_with_forms
from mgcalc.chemistry.item import Item, item_fields
from mgcalc.clinical.cautions import (
    EFSA_UL_STANDARDS,
    EU_NO_UL_MONTHS,
    INFANT_MONTHS,
    KIDNEY,
    above_ul,
    age_cautions,
)
from mgcalc.clinical.matched import (
    NOTHING_WITH,
    InteractionMatch,
    found_with,
    is_injection,
    route_notes,
    with_notes,
)
from mgcalc.clinical.product_names import clears_with_products, product_by_amount, resolve_item
from mgcalc.dietary.assembly import Diet, diet_notes, make_diet
from mgcalc.errors import BadDiet, InputError
from mgcalc.nutrition.assessment import (
    Assessment,
    AssessmentFields,
    Reason,
    ReferenceUsed,
    assessment_fields,
    days_text,
    reference_for,
)
from mgcalc.nutrition.profile import Profile
from mgcalc.nutrition.standards import STANDARD_INFO
from mgcalc.nutrition.variation import criterion, sd_for
from mgcalc.result import ProfileSource, Result
from mgcalc.text import mg

# A salt weight whose magnesium per unit is below this looks like a label's magnesium figure.
_SMALL_ELEMENTAL_MG = 50.0
_LOW_FRACTION = 0.3


class BadItem(InputError):
    """An item is not ``FORM=AMOUNT``."""


class Dose(Result):
    """The intake check's result."""

    id: str | int | None = None  # echoed from a request
    items: tuple[Item, ...]  # each as convert reads it (or as a product's label declares it)
    supplemental_mg: float
    diet_mg: float  # the diet's total, 0 when no diet is given
    diet: Diet | None  # its parts; None when no diet is given (then adequacy is not judged)
    total_mg: float
    profile: Profile
    profile_source: ProfileSource | None = None  # set when a saved profile was used
    reference: ReferenceUsed
    assessment: Assessment
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    interactions: tuple[InteractionMatch, ...] = Field(
        default=(), description="rows of the interactions table matched by --with names"
    )
    unknown_with: tuple[str, ...] = Field(
        default=(),
        description="--with names not in mgcalc's interactions list (not evidence of safety)",
    )
    next_step: str = Field(
        default="",
        description="one sentence on what follows from the verdicts: a command that shows "
        "more, or whom to ask; arithmetic and references, never a prescription",
    )

    @property
    def above_ul(self) -> bool:
        """Return whether supplemental magnesium is above the upper limit."""
        return self.assessment.ul == "above"


class DoseFields(NamedTuple):
    """A :class:`Dose`'s field values, in its order: what a batch writes without building it."""

    schema_version: Literal[3]
    id: str | int | None
    items: tuple[Item, ...]
    supplemental_mg: float
    diet_mg: float
    diet: Diet | None
    total_mg: float
    profile: Profile
    profile_source: ProfileSource | None
    reference: ReferenceUsed
    assessment: AssessmentFields
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    interactions: tuple[InteractionMatch, ...]
    unknown_with: tuple[str, ...]
    next_step: str


def parse_items(texts: Sequence[str]) -> list[tuple[str, str]]:
    """Split ``FORM=AMOUNT`` items; words between them are one item in either order.

    ``glycinate 500mg``, ``400mg oxide`` and ``500 mg magnesium glycinate`` are one item each;
    so is a Supplement Facts line (``Magnesium (as citrate) 200 mg``: elemental magnesium), and
    a count in words (``2 capsules of 500 mg glycinate`` is ``glycinate=2x500mg``).
    """
    return [(form, amount) for form, amount, _ in read_items(texts)]


# A Supplement Facts line as typed, and the salt it names as its magnesium's source.
Label = tuple[str, str]


def read_items(texts: Sequence[str]) -> list[tuple[str, str, Label | None]]:
    """Return (form, amount, the Supplement Facts line read or None) for each item."""
    if isinstance(texts, str):
        raise BadItem("items must be a list of FORM=AMOUNT texts, not one text")
    if not texts:
        raise BadItem(
            "no items: list what is taken as FORM=AMOUNT, e.g. glycinate=500mg, "
            "or give the diet alone (--food, --diet, --diet-file)"
        )
    items: list[tuple[str, str, Label | None]] = []
    words: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            raise BadItem(f"an item must be text such as 'glycinate=500mg', not {text!r}"[:120])
        if "=" not in text:
            words.extend(text.split())  # "magnesium 25mg" typed as one argument
            continue
        if words:
            items.append(_phrase_item(words))
            words = []
        items.append((*_pair(text), None))
    if words:
        items.append(_phrase_item(words))
    return items


# A Supplement Facts line declares magnesium itself, the salt in parentheses only its source
# (21 CFR 101.36(d)): "Magnesium (as citrate) 200 mg", "Magnesium 200 mg (as magnesium
# glycinate)", "Magnesium (from oxide) 250 mg".
_SOURCE = r"\(\s*(?:as|from)\s+(?:magnesium\s+)?(?P<salt>[^()]+?)\s*\)"
_AMOUNT = r"(?P<amount>[0-9][0-9.,]*\s*[A-Za-zµμ]+)"
# A count in words: "2 capsules of 500 mg glycinate", "2 x 500 mg glycinate".
_COUNTED = (
    r"(?P<count>[0-9]+)\s*(?:x|×|(?:capsule|tablet|caplet|softgel|gumm(?:y|ie)|scoop|sachet|"
    r"unit|cap|tab)s?)\s+(?:of\s+)?(?P<size>[0-9][0-9.]*)\s*(?P<unit>[A-Za-zµμ]+)\s+"
    r"(?:of\s+)?(?P<form>\S.*)"
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the label lines' two patterns and the count's, compiled on first use."""
    return (
        re.compile(rf"magnesium\s*{_SOURCE}\s*{_AMOUNT}", re.IGNORECASE),
        re.compile(rf"magnesium\s+{_AMOUNT}\s*{_SOURCE}", re.IGNORECASE),
        re.compile(_COUNTED, re.IGNORECASE),
    )


def _phrase_item(words: list[str]) -> tuple[str, str, Label | None]:
    from mgcalc.chemistry.phrase import looks_numeric, read_phrase
    from mgcalc.clinical.product_names import is_product_name

    phrase = " ".join(words)
    *labels, count = _patterns()
    for pattern in labels:
        label = pattern.fullmatch(phrase)
        if label is not None:
            return ELEMENTAL, label["amount"].replace(" ", ""), (phrase, label["salt"])
    counted = count.fullmatch(phrase)
    if counted is not None:
        amount = f"{counted['count']}x{counted['size']}{counted['unit']}"
        return counted["form"], amount, None
    # "1 magox 400": a product whose name holds a number, as convert reads it.
    amount, form = read_phrase(words, example="glycinate=500mg", known=is_product_name)
    if form is None or not any(looks_numeric(word) for word in words):
        shown = phrase if len(phrase) <= 40 else phrase[:40] + "…"
        raise BadItem(f"item '{shown}' is not FORM=AMOUNT, e.g. glycinate=500mg")
    return form, amount, None


def _pair(text: str) -> tuple[str, str]:
    if text.count("=") > 1 and "," in text:
        shown = " ".join(part.strip() for part in text.split(","))
        shown = shown if len(shown) <= 60 else shown[:60] + "…"
        raise BadItem(f"separate items with spaces, not commas: {shown}")
    form, _, amount = text.rpartition("=")
    if not form.strip():
        raise BadItem(f"item '{text[:40]}' has no form before '='; e.g. glycinate=500mg")
    if not amount.strip():
        raise BadItem(f"item '{text[:40]}' has no amount after '='; e.g. {form.strip()}=500mg")
    return form.strip(), amount.strip()


class _Taken(NamedTuple):
    """What a list of items amounts to, before any person is considered."""

    items: tuple[Item, ...]
    supplemental_mg: float
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    injection: bool = False  # an injection or premix form is among the items
    oral: bool = True  # an item is taken by mouth (False: every item is an injection or premix)
    salt_form: str | None = None  # the first item's form that is not a product


_NOTHING = _Taken(items=(), supplemental_mg=0.0, notes=(), warnings=())


def dose(
    items: Sequence[str],
    diet: Diet | str | None,
    profile: Profile,
    *,
    id: str | int | None = None,
    with_medicines: Sequence[str] = (),
    kidney_impairment: bool = False,
    diet_days: int | None = None,
) -> Dose:
    """Convert every item, add the diet, and judge the totals for *profile*.

    *diet* is None when no diet is given (adequacy is then not judged); a string is one
    diet entry, as ``--diet`` takes it. *diet_days* says a typed diet is the mean of so
    many days (a diet file counts its own).
    """
    if isinstance(diet, str):
        diet = make_diet(diet)
    fields = dose_fields(
        items, diet, profile, id=id, with_medicines=with_medicines,
        kidney_impairment=kidney_impairment, diet_days=diet_days,
    )  # fmt: skip
    return Dose(**fields._asdict() | {"assessment": Assessment(**fields.assessment._asdict())})


def dose_fields(
    items: Sequence[str],
    diet: Diet | None,
    profile: Profile,
    *,
    id: str | int | None = None,
    with_medicines: Sequence[str] = (),
    kidney_impairment: bool = False,
    diet_days: int | None = None,
) -> DoseFields:
    """Return what :func:`dose` finds, as field values (no model is built)."""
    plain = diet_days is None and (diet is None or diet.file is None)
    days = 1 if plain else days_observed(diet, diet_days)
    taken = _taken(tuple(items)) if items or diet is None else _NOTHING
    found = (
        found_with(with_medicines, injection=taken.injection, oral=taken.oral)
        if with_medicines
        else NOTHING_WITH
    )
    diet_mg = 0.0 if diet is None else diet.mg
    total = taken.supplemental_mg + diet_mg
    person = _person(profile)
    reference, months = person.reference, person.months
    sd = None
    if diet is not None and person.state is not None and months is not None:
        sd = sd_for(months, profile.sex, person.state)
    assessment = assessment_fields(
        total, taken.supplemental_mg, reference, diet_given=diet is not None,
        personal=profile.is_personal, days=days, sd_mg=sd,
    )  # fmt: skip
    notes = person.notes + taken.notes + _diet_notes(diet, months, plain)
    warnings = taken.warnings
    if assessment.ul == "above" and reference.ul_mg is not None:
        warnings += (above_ul(taken.supplemental_mg, reference.ul_mg, taken.salt_form),)
    if taken.supplemental_mg > 0:
        warnings += person.cautions
    if kidney_impairment:
        from mgcalc.clinical.cautions import KIDNEY_SOURCE
        from mgcalc.clinical.injection import iv_sulfate_g, renal_limit

        notes += (KIDNEY_SOURCE,)
        injected = iv_sulfate_g(taken.items)
        warnings += (KIDNEY,) if injected is None else (renal_limit(injected), KIDNEY)
    if found is not NOTHING_WITH:
        warnings += tuple(with_notes(found))
        notes += tuple(route_notes(found))  # rows on magnesium by mouth, left out for injections
    step = next_step(
        assessment,
        reference,
        taken.items,
        kidney_impairment,
        young=person.young,
        file=not plain and diet is not None and diet.file is not None,
        months=months,
    )
    # By position, in DoseFields' order: a class called with keyword arguments gathers them
    # into a dict that __new__ unpacks again. With AssessmentFields' the same way, about
    # 10,000 instructions a record of a batch's 193,000 (cachegrind) were that.
    return DoseFields(
        3,  # schema_version
        id,
        taken.items,
        taken.supplemental_mg,
        diet_mg,
        diet,
        total,  # total_mg
        profile,
        None,  # profile_source
        reference,
        assessment,
        notes,
        warnings,
        found.matches,  # interactions
        found.unknown,  # unknown_with
        step,  # next_step
    )


class _Person(NamedTuple):
    """What a dose's person gives, whatever the items and diet: a batch repeats people."""

    reference: ReferenceUsed
    months: float | None
    # "none", "pregnant" or "lactating" where an SD of intake may apply (an EAR, an age), else
    # None: the SD is looked up only with a diet (the variation table is read only then).
    state: str | None
    notes: tuple[str, ...]  # on the reference values: the notes' start
    young: str | None  # an infant or a young child: supplements for medical advice only
    cautions: tuple[str, ...]  # the age's cautions, given when supplements are taken


# Profiles and diets are memoised (interfaces.request): the very same objects recur across a
# batch, so their identity is a cheap key. The objects are stored to check that identity.
_PEOPLE: dict[int, tuple[Profile, _Person]] = {}
_DIETS: dict[tuple[int, bool], tuple[Diet | None, tuple[str, ...]]] = {}
_MEMO_MAX = 16384


def _person(profile: Profile) -> _Person:
    """Return what *profile* gives (its reference values, notes and cautions), memoised."""
    stored = _PEOPLE.get(id(profile))
    if stored is not None and stored[0] is profile:
        return stored[1]
    if len(_PEOPLE) >= _MEMO_MAX:
        _PEOPLE.clear()
    reference, notes = reference_for(profile)
    months = profile.age_months
    state = "pregnant" if profile.pregnant else "lactating" if profile.lactating else "none"
    young = (
        None
        if months is None or months >= EU_NO_UL_MONTHS
        else young_child(months, profile.standard)
    )
    person = _Person(  # by position: keyword arguments to a class make a dict (dose_fields)
        reference,
        months,
        state if reference.ear_mg is not None and months is not None else None,  # state
        tuple(notes),
        young,
        tuple(age_cautions(months, profile.standard, 1.0)),  # cautions
    )
    _PEOPLE[id(profile)] = (profile, person)
    return person


def _diet_notes(diet: Diet | None, months: float | None, plain: bool) -> tuple[str, ...]:
    """Return the notes' end: on the diet (*plain*: a typed diet, 1 day), then those always
    given. Without a diet, the note saying how to give one (its example fits the age)."""
    if diet is None:
        return (no_diet(months), *_ALWAYS)
    key = (id(diet), plain)
    stored = _DIETS.get(key)
    if stored is not None and stored[0] is diet:
        return stored[1]
    if len(_DIETS) >= _MEMO_MAX:
        _DIETS.clear()
    tail = diet_notes(diet)
    if plain:
        tail.append(ONE_DAY)
    notes = (*tail, *_ALWAYS)
    _DIETS[key] = (diet, notes)
    return notes


# Emptied as an lru_cache is (the tests' clear_caches calls every cache_clear): a profile
# object kept across a change of tables (MGCALC_DATA_DIR) must not keep its old values.
setattr(_person, "cache_clear", _PEOPLE.clear)  # noqa: B010 - a function's attribute
setattr(_diet_notes, "cache_clear", _DIETS.clear)  # noqa: B010


def _clear_people() -> None:
    _PEOPLE.clear()
    _DIETS.clear()


_person.cache_clear = _clear_people  # type: ignore[attr-defined]  # tests clear every memo
clears_with_forms(_DIETS.clear)  # a diet's foods are read with the forms in use


def days_observed(diet: Diet | None, diet_days: int | None) -> int:
    """Return how many days the diet's mean is of: a file's days used, --diet-days, or 1."""
    if diet_days is not None:
        if isinstance(diet_days, bool) or not isinstance(diet_days, int):
            raise BadDiet(f"diet_days must be a whole number of days, not {diet_days!r}"[:80])
        if not 1 <= diet_days <= MAX_DIET_DAYS:
            raise BadDiet(f"--diet-days must be 1 to {MAX_DIET_DAYS}, not {diet_days}")
        if diet is None:
            raise BadDiet("--diet-days says a typed diet is a mean of days: give --diet or --food")
        if diet.file is not None:
            raise BadDiet(
                "--diet-days is for a typed diet; a diet file counts its own days "
                "(--days N keeps the latest N)"
            )
        return diet_days
    if diet is not None and diet.file is not None:
        return max(1, diet.file.days_used)
    return 1


def young_child(months: float | None, standard: str) -> str | None:
    """Return "an infant" or "a child under 4" where supplements are for medical advice only."""
    if months is None:
        return None
    if months < INFANT_MONTHS:
        return "an infant"
    if standard in EFSA_UL_STANDARDS and months < EU_NO_UL_MONTHS:
        return "a child under 4"
    return None


def next_step(
    assessment: Assessment | AssessmentFields,
    reference: ReferenceUsed,
    items: Sequence[Item],
    kidney_impairment: bool = False,
    *,
    young: str | None = None,
    file: bool = False,
    months: float | None = None,
) -> str:
    """Return one sentence on what follows from the verdicts: it points, it does not prescribe.

    It never contradicts a caution (no plan for an infant), and below the IOM's criterion it
    never says that nothing calls for a change: it says what would settle it.
    """
    if kidney_impairment:
        return "With kidney impairment, whether to take magnesium at all is for a doctor to say."
    if young is not None:
        return (
            f"Supplements for {young} are for medical advice only: ask a paediatrician or "
            "doctor; magnesium should come from food and formula or milk."
        )
    if assessment.ul == "above":
        return (
            "The supplements exceed the upper limit: check this amount with a pharmacist or "
            "doctor before taking it."
        )
    if assessment.reason is not None:
        return _MISSING[assessment.reason].format(
            standard=reference.standard, food=example_food(months)
        )
    form = None
    if assessment.adequacy in ("likely_inadequate", "possibly_inadequate", "cannot_assess"):
        form = next((item.form for item in items if item.product is None and item.form), None)
    confidence = None if assessment.confidence is None else reaches_needed(assessment)
    return _usual_step(
        assessment.adequacy, assessment.ul, assessment.days_observed, confidence,
        reference.standard, reference.rda_mg is None, form, file,
    )  # fmt: skip


# A batch repeats these few values: the sentence is built once for each combination.
@lru_cache(maxsize=4096)
def _usual_step(
    adequacy: str,
    ul: str,
    days_observed: int,
    confident: bool | None,
    standard: str,
    no_rda: bool,
    form: str | None,
    file: bool,
) -> str:
    """Return the next step once no caution applies: it follows the verdict and confidence.

    *confident* is None where no day-to-day SD is sourced, else whether the IOM's criterion
    (z ≥ 2.00) is reached.
    """
    more = (
        "more days in the diet file would settle it"
        if file
        else "a tracker export of more days, with --diet-file FILE, would settle it"
    )
    days = days_text(days_observed)
    if adequacy in ("likely_inadequate", "possibly_inadequate", "cannot_assess"):
        recommended = STANDARD_INFO[standard].recommended
        name = "the AI" if no_rda else f"the {recommended}"
        plan = f"'mgcalc plan {form or 'FORM'}' with the same options shows how many units"
        if days_observed < _FEW_DAYS:
            verb = "estimates" if days_observed == 1 else "estimate"
            return f"{days} only {verb} usual intake: {more}. Meanwhile {plan} reach {name}."
        return f"{plan[0].upper()}{plan[1:]} reach {name}."
    if confident is None:
        return (
            f"Likely adequate only if {_these(days_observed)} your usual intake (IOM 2000): no "
            f"day-to-day variation is sourced for this group to put a number on it; {more}."
        )
    if not confident:
        return f"Below the IOM's 97.5 % confidence with {days}: {more}."
    if ul == "within":
        return "Within the reference values: nothing in these figures calls for a change."
    return "The total reaches the intake value; no upper limit is set to judge supplements by."


def _these(days: int) -> str:
    return "this day is" if days == 1 else f"these {days} days are"


def reaches_needed(assessment: Assessment | AssessmentFields) -> bool:
    """Return whether the IOM's confidence reaches its criterion (z ≥ 2.00)."""
    return assessment.confidence is not None and assessment.confidence >= criterion()


# What to give when adequacy could not be judged, by the reason.
_MISSING: dict[Reason, str] = {
    "no_profile": (
        "For your own values give --age and --sex (and the diet), or save them once with "
        "'mgcalc profile set'."
    ),
    "no_diet": (
        "To judge adequacy add the diet: --diet 250mg (a known total), --food {food}, "
        "or --diet-file FILE."
    ),
    "no_reference_value": (
        "mgcalc's data set no intake value for this group; 'mgcalc reference --standard "
        "{standard} --all' lists what the standard sets."
    ),
}


NO_DIET = (
    "No diet given: adequacy needs the magnesium from food and water. Give it with "
    "--diet 250mg (a known total), --diet 1.5L@20mg/L (water), --food {food} or "
    "--diet-file FILE; --diet 0mg judges the supplements alone."
)
ONE_DAY = (
    "The typed diet counts as 1 day. If it is the mean of several days, say so with "
    "--diet-days N; a diet file counts its own days."
)
# Whole nuts are a choking hazard for young children: examples fit the age.
MAX_DIET_DAYS = 3660
_FEW_DAYS = 7


def example_food(months: float | None) -> str:
    """Return a food example that fits the age (no almonds for an 8-month-old)."""
    if months is not None and months < EU_NO_UL_MONTHS:
        return "banana=50g"
    return "almonds=1oz"


def no_diet(months: float | None) -> str:
    """Return the note on a missing diet, with an example food that fits the age."""
    return NO_DIET.format(food=example_food(months))


_ALWAYS = (
    "Supplements, antacids and laxatives count toward the upper limit; food and water do not.",
    "Assessment is of usual, long-term intake; one day's intake only estimates it.",
)


# A batch holds few distinct lists of items (about 15,000 in 100,000 realistic requests).
@lru_cache(maxsize=16384)
def _taken(texts: tuple[str, ...]) -> _Taken:
    parts = [_one(form, amount, label) for form, amount, label in read_items(texts)]
    notes: list[str] = []
    for _, said, _ in parts:
        notes.extend(note for note in said if note not in notes)
    items = tuple(item for item, _, _ in parts)
    return _Taken(  # by position: keyword arguments to a class make a dict (dose_fields)
        items,
        sum(item.elemental_mg for item, _, _ in parts),  # supplemental_mg
        tuple(notes),
        tuple(hint for _, _, hint in parts if hint),  # warnings
        any(is_injection(item.form) for item in items),  # injection
        not items or not all(is_injection(item.form) for item in items),  # oral
        next((item.form for item in items if item.product is None), None),  # salt_form
    )


# The same products recur across a batch: each item is memoised.
@lru_cache(maxsize=8192)
def _one(
    form: str, amount: str, label: Label | None = None
) -> tuple[Item, tuple[str, ...], str | None]:
    """Return an item (its input as typed), the notes on reading it, and any hint about it.

    *label* is a Supplement Facts line as typed, and the salt it names as its source.
    """
    typed = f"{form}={amount}"
    if label is not None:
        found = content(amount, ELEMENTAL)
        typed, salt = label
        note = (
            f"'{typed}' is a Supplement Facts line: {mg(found.elemental_mg)} of magnesium "
            f"itself (counted as elemental={amount}); {salt} is only its source "
            "(21 CFR 101.36(d))."
        )
        return Item(**{**item_fields(found), "input": typed}), (*found.notes, note), None
    product = resolve_item(form) or product_by_amount(form, amount)
    if product is not None:  # read as its label declares it: no salt weight to hint about
        from mgcalc.clinical.products import convert_product

        conversion = convert_product(amount, product, form)
        fields = {name: getattr(conversion, name) for name in Item.model_fields}
        return Item(**{**fields, "input": typed}), conversion.notes, None
    found = content(amount, form)
    return Item(**{**item_fields(found), "input": typed}), found.notes, _salt_hint(found)


clears_with_forms(_one.cache_clear)
clears_with_products(_one.cache_clear)
clears_with_forms(_taken.cache_clear)
clears_with_products(_taken.cache_clear)


def _salt_hint(found: Content) -> str | None:
    """Hint where a salt weight looks like a label's magnesium figure."""
    per_unit = found.elemental_mg / found.amount.count
    fraction = found.form.elemental_fraction
    if not (
        found.read_as == "compound"
        and found.given_as != "volume_ml"
        and fraction < _LOW_FRACTION
        and 0 < per_unit < _SMALL_ELEMENTAL_MG
    ):
        return None
    form, typed = found.form.key, found.amount.text
    return (
        f"'{form}={typed}' was read as {mg(found.compound_mg or 0)} of the "
        f"salt, only {mg(found.elemental_mg)} of magnesium. If the label says "
        f"'Magnesium (as {form}) {typed}', that is already magnesium: "
        f"write elemental={typed}."
    )
