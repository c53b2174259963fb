"""Forms given as ``formula:<chemical formula>``, computed at run time with molmass."""

from __future__ import annotations

import re

from mgcalc.chemistry.forms import FORMULA_PREFIX, Form
from mgcalc.errors import BadFormula

_MAX_LENGTH = 100
_ALLOWED = re.compile(r"[A-Za-z0-9()\[\].+]+")
_HYDRATE_DOTS = str.maketrans({"·": ".", "•": ".", "∙": ".", "⋅": ".", "*": "."})
_WATER = re.compile(r"([0-9]*)H2O")


def formula_form(text: str) -> Form:
    """Return a form for ``formula:…`` *text*, or raise :class:`BadFormula`."""
    raw = text[len(FORMULA_PREFIX) :].strip()
    formula = _normalize(raw)
    from molmass import Formula, FormulaError

    try:
        parsed = Formula(formula, parse_groups=False, parse_oligos=False, parse_fractions=False)
        composition = parsed.composition()
        charge = parsed.charge
        mass = float(parsed.mass)
    except (FormulaError, ValueError, KeyError, ArithmeticError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise BadFormula(f"cannot read formula '{raw}': {reason}") from None
    if charge:
        raise BadFormula(f"formula '{raw}' has a charge; give the neutral compound, e.g. MgCl2")
    if "Mg" not in composition:
        raise BadFormula(f"formula '{raw}' contains no magnesium (Mg)")
    magnesium = composition["Mg"]
    display = formula.replace(".", "·").replace("+", "·")
    return Form(
        key=f"{FORMULA_PREFIX}{formula}",
        name=f"Compound {display} (from its formula)",
        formula=display,
        water=_water(formula),
        mg_atoms=int(magnesium.count),
        molar_mass_g_mol=mass,
        fraction_basis="user formula",
        elemental_fraction=float(magnesium.fraction),
        note="Computed from the formula you gave; check it is the salt the label means.",
        source="Computed at run time with molmass (standard atomic weights)",
    )


def _normalize(raw: str) -> str:
    if not raw:
        raise BadFormula("formula: needs a chemical formula, e.g. formula:MgCl2.6H2O")
    if len(raw) > _MAX_LENGTH:
        raise BadFormula(f"formula is too long ({len(raw)} characters)")
    if any(character.isspace() for character in raw):
        raise BadFormula(
            f"formula '{raw}' has a space; write hydrates with a dot, e.g. MgSO4.7H2O or MgSO4·7H2O"
        )
    formula = raw.translate(_HYDRATE_DOTS)
    if not _ALLOWED.fullmatch(formula):
        bad = next(character for character in formula if not _ALLOWED.fullmatch(character))
        raise BadFormula(f"formula '{raw}' has a character mgcalc cannot read: '{bad}'")
    parts = re.split(r"[.+]", formula)
    if any(not part for part in parts):
        raise BadFormula(f"formula '{raw}' has an empty part; write e.g. MgSO4.7H2O")
    stray = next((part for part in parts if part.isdigit()), None)
    if stray is not None:
        # molmass would drop it silently: MgSO4.7 would be the anhydrous salt.
        raise BadFormula(
            f"formula '{raw}' has a number with nothing to count ('{stray}'); write e.g. MgSO4.7H2O"
        )
    if any(not (part[0].isupper() or part[0].isdigit() or part[0] in "([") for part in parts):
        raise BadFormula(
            f"formula '{raw}': element symbols start with a capital letter, e.g. MgCl2"
        )
    return formula


def _water(formula: str) -> int:
    water = 0
    for part in re.split(r"[.+]", formula)[1:]:
        match = _WATER.fullmatch(part)
        if match:
            water += int(match[1] or 1)
    return water
