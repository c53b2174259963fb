"""One amount of one form as a result holds it: a ``dose`` item, and the fields of ``convert``."""

# No `from __future__ import annotations` here: pydantic would compile every field's
# annotation string at each start (about 0.04 ms a field); see the README, "Speed".

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from mgcalc.chemistry.content import Content


class Mineral(BaseModel):
    """Another mineral a product's label declares (Slow-Mag: calcium 119 mg)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    mg: float = Field(gt=0, allow_inf_nan=False, description="mg per unit, as declared")


class ProductRef(BaseModel):
    """A product as its label declares it: magnesium per unit (or per volume), never a salt."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1, description="what one unit is: tablet, caplet, 15 mL …")
    per_volume_ml: float | None = Field(
        default=None, gt=0, allow_inf_nan=False,
        description="mL in one unit of a product declared per volume; null per tablet etc.",
    )  # fmt: skip
    elemental_mg_per_unit: float = Field(gt=0, allow_inf_nan=False)
    salt: str = Field(min_length=1, description="the key of the salt's form")
    other_minerals: tuple[Mineral, ...] = ()
    source: str = Field(min_length=1)
    evidence: Literal["primary", "secondary"]
    custom: bool = False


class Item(BaseModel):
    """One amount of one form, in every unit a pharmacist uses (a ``dose`` item)."""

    model_config = ConfigDict(frozen=True)

    input: str
    form: str | None
    name: str
    formula: str
    elemental_fraction: float | None = Field(
        description="mass of magnesium per mass of the form; null for a product read as declared"
    )
    read_as: Literal["compound", "magnesium", "declared"]
    compound_mg: float | None
    elemental_mg: float
    mmol: float
    meq: float
    volume_ml: float | None = Field(
        description="mL of the liquid: set for every amount of a liquid form (whatever unit it "
        "was given in) and for a volume typed with its concentration; null for solids"
    )
    custom: bool
    product: ProductRef | None = Field(
        default=None, description="the product, when the item is a product read as declared"
    )


def item_fields(content: "Content") -> dict[str, object]:
    """Return the :class:`Item` fields of *content*, as ``convert`` gives them."""
    form = content.form
    return {
        "input": content.amount.text,
        "form": form.key if content.named else None,
        "name": form.name,
        "formula": form.formula,
        "elemental_fraction": form.elemental_fraction,
        "read_as": content.read_as,
        "compound_mg": content.compound_mg,
        "elemental_mg": content.elemental_mg,
        "mmol": content.mmol,
        "meq": content.meq,
        "volume_ml": content.volume_ml,
        "custom": form.custom,
    }
