"""JSON Schemas of mgcalc's documents, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any


def models() -> dict[str, Any]:
    """Return the model behind each schema name."""
    from mgcalc.chemistry.conversion import Conversion
    from mgcalc.chemistry.listing import FactorsListing, FormsListing
    from mgcalc.clinical.interactions import InteractionsListing
    from mgcalc.clinical.products import ProductsListing
    from mgcalc.clinical.serum import Serum
    from mgcalc.dietary.search import FoodSearch
    from mgcalc.dietary.top import FoodTop
    from mgcalc.interfaces.batch import ConvertLine, DoseLine, PlanLine
    from mgcalc.interfaces.request import ConvertRequest, DoseRequest, PlanRequest
    from mgcalc.interfaces.saved import SavedProfile
    from mgcalc.nutrition.intake import Dose
    from mgcalc.nutrition.listing import ReferenceListing
    from mgcalc.nutrition.period import DietReport
    from mgcalc.nutrition.planner import Plan

    return {
        "convert": Conversion,
        "forms": FormsListing,
        "dose": Dose,
        "plan": Plan,
        "reference": ReferenceListing,
        "profile": SavedProfile,
        "food": FoodSearch,
        "food-top": FoodTop,
        "request": DoseRequest,
        "plan-request": PlanRequest,
        "convert-request": ConvertRequest,
        "batch": DoseLine,
        "plan-batch": PlanLine,
        "convert-batch": ConvertLine,
        "products": ProductsListing,
        "interactions": InteractionsListing,
        "serum": Serum,
        "factors": FactorsListing,
        "diet": DietReport,
    }


def schema_text(name: str) -> str:
    """Return the JSON Schema called *name* as stable, indented text."""
    model = models()[name]
    schema = model.model_json_schema(mode="validation" if "request" in name else "serialization")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
