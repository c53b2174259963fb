"""The table of magnesium forms (``data/forms.csv``): validated whole, once, lazily."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mgcalc.chemistry import units
from mgcalc.chemistry.amounts import MAX_VALUE
from mgcalc.datafiles import data_label, data_text
from mgcalc.errors import DataError, InputError, UnknownForm
from mgcalc.tables import read_table

FORMS_FILE = "forms.csv"
COLUMNS = (
    "key", "name", "aliases", "formula", "water", "mg_atoms", "molar_mass_g_mol",
    "fraction_basis", "elemental_fraction", "liquid_compound_mg", "liquid_volume_ml",
    "published", "note", "source",
)  # fmt: skip
FORMULA_PREFIX = "formula:"
# Epsom salt, the salt in which the sulfate injection's label writes its amounts and rates.
HEPTAHYDRATE = "MgSO4·7H2O"
ELEMENTAL = "elemental"
# Relative agreement asked of a row's fraction with n(Mg) × 24.305 / M.
FRACTION_TOLERANCE = 1e-4
# The smallest magnesium fraction a row may declare (0.1 %): below it, compound masses
# computed from mmol overflow; the shipped forms hold 4 % or more.
MIN_FRACTION = 1e-3

Basis = Literal["formula", "declared", "definition", "user formula"]
_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_CHEMICAL = re.compile(r"[0-9]*mg[a-z0-9()]*")


class Form(BaseModel):
    """One magnesium form: a compound, a product with a declared fraction, or a liquid."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    formula: str = Field(min_length=1)
    water: int = Field(ge=0, description="water molecules per formula unit (hydrate)")
    mg_atoms: int = Field(ge=1, description="magnesium atoms per formula unit")
    molar_mass_g_mol: float = Field(gt=0, allow_inf_nan=False)
    fraction_basis: Basis
    elemental_fraction: float = Field(ge=MIN_FRACTION, le=1, allow_inf_nan=False)
    # A liquid's concentration has the bounds of an amount's '@500mg/mL' (MAX_VALUE).
    liquid_compound_mg: float | None = Field(default=None, gt=0, le=MAX_VALUE, allow_inf_nan=False)
    liquid_volume_ml: float | None = Field(default=None, gt=0, le=MAX_VALUE, allow_inf_nan=False)
    published: str = ""
    note: str = ""
    source: str = Field(min_length=1)
    custom: bool = False

    @property
    def compound_mg_per_ml(self) -> float | None:
        """Return the compound's mg per mL for a liquid product, else None."""
        if self.liquid_compound_mg is None or self.liquid_volume_ml is None:
            return None
        return self.liquid_compound_mg / self.liquid_volume_ml

    @property
    def is_elemental(self) -> bool:
        """Return whether amounts of this form are magnesium itself."""
        return self.fraction_basis == "definition"

    @field_validator("key")
    @classmethod
    def _check_key(cls, key: str) -> str:
        if not (_KEY.fullmatch(key) or key.startswith(FORMULA_PREFIX)):
            raise ValueError("a key is lower-case letters, digits and hyphens, e.g. citrate-1-1")
        return key

    @model_validator(mode="after")
    def _check_consistency(self) -> "Form":
        if self.fraction_basis == "definition" and self.key != ELEMENTAL:
            # Only 'elemental' is magnesium by definition; any other row is a compound.
            raise ValueError(
                "fraction_basis 'definition' is only for 'elemental'; use formula or declared"
            )
        if (self.liquid_compound_mg is None) != (self.liquid_volume_ml is None):
            raise ValueError("liquid_compound_mg and liquid_volume_ml go together")
        per_ml = self.compound_mg_per_ml
        if per_ml is not None and per_ml > MAX_VALUE:
            raise ValueError(f"the liquid holds over {MAX_VALUE:g} mg per mL: implausibly large")
        if self.fraction_basis == "formula":
            expected = self.mg_atoms * units.mg_per_mmol() / self.molar_mass_g_mol
            if abs(self.elemental_fraction / expected - 1) > FRACTION_TOLERANCE:
                raise ValueError(
                    f"elemental_fraction {self.elemental_fraction} does not match "
                    f"mg_atoms × 24.305 / molar_mass_g_mol = {expected:.6f}"
                )
        return self


@dataclass(frozen=True)
class FormsTable:
    """All forms, in file order, with an index of every normalised key and alias."""

    forms: tuple[Form, ...]
    index: dict[str, Form]

    def get(self, name: str) -> Form:
        """Return the form called *name*, or raise :class:`UnknownForm` with a hint."""
        found = self.index.get(normalize(name)) or self.chemical(name)
        if found is None:
            raise UnknownForm(_unknown_message(name, self.index))
        return found

    def chemical(self, name: str) -> Form | None:
        """Return the form a chemical name without its water means (MgSO4: sulfate), if any."""
        folded = name.strip().lower()
        if not _CHEMICAL.fullmatch(folded):
            return None
        return self._chemicals.get(folded)

    @cached_property
    def _chemicals(self) -> dict[str, Form]:
        # The bare name people mean: of the solid compounds with this formula (hydrates
        # included), the one with the shortest key (sulfate, not sulfate-anhydrous). A tie
        # is ambiguous and matches nothing; liquids never match.
        found: dict[str, list[Form]] = {}
        for form in self.forms:
            if form.fraction_basis == "formula" and form.compound_mg_per_ml is None:
                found.setdefault(form.formula.split("·")[0].lower(), []).append(form)
        chosen = {}
        for formula, candidates in found.items():
            candidates.sort(key=lambda form: len(form.key))
            if len(candidates) == 1 or len(candidates[0].key) < len(candidates[1].key):
                chosen[formula] = candidates[0]
        return chosen


def chemical_note(typed: str, form: Form) -> str | None:
    """Say that a chemical name was read as a bare name (MgSO4 as sulfate), else None."""
    table = forms_table()
    if normalize(typed) in table.index or table.chemical(typed) is not form:
        return None
    exact = typed.strip()
    note = f"'{exact}' is a chemical name: read as '{form.key}', the form people mean by it"
    if exact.lower() == form.formula.lower():
        return note + "."
    bare = form.formula.split("·")[0]
    return f"{note} ({form.formula}); for exactly {bare} write formula:{bare}."


def normalize(name: str) -> str:
    """Fold a form name for lookup: case, spaces, underscores and a leading 'magnesium'."""
    folded = re.sub(r"[\s_]+", "-", name.strip().lower())
    if folded.startswith("magnesium-") and folded != "magnesium-":
        folded = folded.removeprefix("magnesium-")
    return folded


def elemental_form() -> Form:
    """Return the pseudo-form for amounts that are already magnesium."""
    return Form(
        key=ELEMENTAL,
        name="Elemental magnesium",
        aliases=("magnesium", "mg", "elemental-magnesium"),
        formula="Mg",
        water=0,
        mg_atoms=1,
        molar_mass_g_mol=units.mg_per_mmol(),
        fraction_basis="definition",
        elemental_fraction=1.0,
        note="The amount is magnesium itself, as on a US Supplement Facts line "
        "'Magnesium (as …) 200 mg'.",
        source="Definition; 21 CFR 101.36(d): Supplement Facts declare the dietary ingredient",
    )


def forms_table() -> FormsTable:
    """Return the forms in use: the shipped table, plus a user's forms file if one is set."""
    return _custom if _custom is not None else shipped_table()


@cache
def shipped_table() -> FormsTable:
    """Load and validate ``data/forms.csv`` once."""
    text = data_text(FORMS_FILE)
    label = data_label(FORMS_FILE)
    return build_table((elemental_form(), *read_forms(text, label)), label)


class BadFormsFile(InputError):
    """A user's forms file cannot be used; the message names its file, row and field."""


_custom: FormsTable | None = None
_memos: list[Callable[[], None]] = []


def clears_with_forms(clear: Callable[[], None]) -> None:
    """Register *clear*, called whenever the forms table in use changes.

    Modules that memoise answers derived from forms register their ``cache_clear`` here,
    so that this module never imports them.
    """
    _memos.append(clear)


MAX_FORMS_FILE_BYTES = 10_000_000


def use_forms_file(path: str | os.PathLike[str] | None) -> None:
    """Add the rows of a user's forms file (``data/forms.csv`` columns, plus ``override``).

    None goes back to the shipped table. A row whose key is a shipped key is refused
    unless its ``override`` cell is true; results that use a custom row say so.
    """
    global _custom  # noqa: PLW0603  # the one table in use, as pint has one registry
    for clear in _memos:
        clear()  # memoised answers may name the table's old forms
    if path is None:
        _custom = None
        return
    from mgcalc.chemistry.forms_file import read_forms_file  # only a user's file needs it

    _custom = read_forms_file(os.fspath(path))


def read_forms(text: str, file: str) -> tuple[Form, ...]:
    """Validate every row of a forms table given as CSV *text*."""
    return read_table(
        text, file, Form, columns=COLUMNS, text_columns=("aliases", "published", "note"),
        prepare=_split_aliases,
    )  # fmt: skip


def build_table(forms: tuple[Form, ...], file: str = f"data/{FORMS_FILE}") -> FormsTable:
    """Index *forms* by key and alias, refusing any name used twice."""
    index: dict[str, Form] = {}
    for form in forms:
        for name in (form.key, *form.aliases):
            folded = normalize(name)
            other = index.get(folded)
            if other is not None:
                raise DataError(
                    file, f"name '{name}' of '{form.key}' is already used by '{other.key}'"
                )
            index[folded] = form
    return FormsTable(forms=forms, index=index)


def _split_aliases(cells: dict[str, str | None]) -> dict[str, object]:
    aliases = (cells["aliases"] or "").split(";")
    return {**cells, "aliases": tuple(alias.strip() for alias in aliases if alias.strip())}


def _unknown_message(name: str, index: dict[str, Form]) -> str:
    import difflib

    shown = name if len(name) <= 40 else name[:40] + "…"
    # difflib is quadratic: a long name is no near miss, and would take seconds.
    close = [] if len(name) > 64 else difflib.get_close_matches(normalize(name), list(index), n=8)
    keys = list(dict.fromkeys(index[candidate].key for candidate in close))[:3]
    if keys:
        hint = " or ".join(f"'{key}'" for key in keys)
        return f"unknown form '{shown}'; did you mean {hint}?"
    return f"unknown form '{shown}'; 'mgcalc forms' lists them all, or give formula:MgCl2.6H2O"
