"""What each standard calls its values, spelled out in its source's words (for legends)."""

from __future__ import annotations

# The average requirement's abbreviation where a standard does not call it EAR.
_AVERAGE = {"eu": "AR", "nordic": "AR"}

# Each standard's terms, as its body names them (reference-values.md, section 11).
_IOM = {
    "EAR": "Estimated Average Requirement",
    "RDA": "Recommended Dietary Allowance",
    "AI": "Adequate Intake",
    "UL": "Tolerable Upper Intake Level",
}
TERMS: dict[str, dict[str, str]] = {
    "us": _IOM,
    "dach": {**_IOM, "EFSA UL": "EFSA's Tolerable Upper Intake Level"},
    "eu": {
        "AR": "Average Requirement",
        "PRI": "Population Reference Intake",
        "AI": "Adequate Intake",
        "UL": "Tolerable Upper Intake Level (SCF 2001)",
    },
    "uk": {
        "EAR": "Estimated Average Requirement",
        "RNI": "Reference Nutrient Intake",
        "guidance level": "the Expert Group on Vitamins and Minerals' (2003) guidance level "
        "for supplemental magnesium, not a UL",
    },
    "who": {"RNI": "Recommended Nutrient Intake"},
    "anz": {
        "EAR": "Estimated Average Requirement",
        "RDI": "Recommended Dietary Intake",
        "AI": "Adequate Intake",
        "UL": "Tolerable Upper Intake Level",
    },
    "nordic": {
        "AR": "Average Requirement",
        "RI": "Recommended Intake",
        "AI": "Adequate Intake",
        "UL": "Tolerable Upper Intake Level",
    },
}


def average_term(standard: str) -> str:
    """Return what *standard* calls its average requirement (EAR, or AR)."""
    return _AVERAGE.get(standard, "EAR")


def upper_words(standard: str) -> str:
    """Return the plain words for *standard*'s upper limit on supplements."""
    return (
        "the safe upper level for supplements"
        if standard == "uk"
        else ("the safe upper limit for supplements")
    )


def legend(standard: str, used: tuple[str, ...]) -> str:
    """Return one line spelling out each term in *used* as *standard*'s source names it."""
    terms = TERMS.get(standard, {})
    parts = [f"{term}: {terms[term]}" for term in dict.fromkeys(used) if term in terms]
    return "; ".join(parts)
