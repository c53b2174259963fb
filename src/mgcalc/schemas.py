"""JSON Schemas of mgcalc's documents, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any


def models() -> dict[str, Any]:
    """Return the model behind each schema name."""
    from mgcalc.batch import DoseLine, PlanLine
    from mgcalc.conversion import Conversion
    from mgcalc.intake import Dose
    from mgcalc.listing import FormsListing, ReferenceListing
    from mgcalc.planner import Plan
    from mgcalc.request import DoseRequest, PlanRequest

    return {
        "convert": Conversion,
        "forms": FormsListing,
        "dose": Dose,
        "plan": Plan,
        "reference": ReferenceListing,
        "request": DoseRequest,
        "plan-request": PlanRequest,
        "batch": DoseLine,
        "plan-batch": PlanLine,
    }


def schema_text(name: str) -> str:
    """Return the JSON Schema called *name* as stable, indented text."""
    model = models()[name]
    schema = model.model_json_schema(mode="validation" if "request" in name else "serialization")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
