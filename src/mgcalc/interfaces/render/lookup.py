"""Table views of ``convert`` and ``forms`` results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from mgcalc.interfaces.render.fit import Fit
from mgcalc.text import number, percent

if TYPE_CHECKING:
    from rich.console import RenderableType

    from mgcalc.chemistry.conversion import Conversion
    from mgcalc.chemistry.item import ProductRef
    from mgcalc.chemistry.listing import FactorsListing, FormDetail, FormFactors, FormsListing
    from mgcalc.clinical.interactions import InteractionsListing
    from mgcalc.clinical.products import ProductsListing
    from mgcalc.result import ProfileSource


def conversion(result: Conversion) -> list[RenderableType]:
    """Lay out one conversion: the amount asked first, then every other unit, notes, source."""
    table = Table(title="Conversion", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("Input", escape(result.input))
    if result.product is not None:
        _product_rows(table, result.product, result.formula)
    else:
        form = result.form or "none (elemental magnesium)"
        table.add_row("Form", escape(f"{form} (custom)" if result.custom else form))
        table.add_row("Compound", escape(result.name))
        table.add_row("Formula", escape(result.formula))
    if result.elemental_fraction is not None:
        table.add_row("Magnesium fraction", percent(result.elemental_fraction))
    if result.per_kg is not None:
        table.add_row(
            "Per kg",
            f"{result.per_kg.per_kg:g} {result.per_kg.unit} × {number(result.per_kg.weight_kg)} kg",
        )
    if result.max is not None:
        cap = result.max
        held = "capped at" if cap.capped else "within"
        table.add_row("Maximum (--max)", f"{held} {cap.limit:g} {escape(cap.unit)}")
    amounts = {
        "volume_ml": ("Volume", result.volume_ml, "mL"),
        "compound_mg": ("Compound mass", result.compound_mg, "mg"),
        "elemental_mg": ("Elemental magnesium", result.elemental_mg, "mg"),
        "mmol": ("Magnesium (mmol)", result.mmol, "mmol"),
        "meq": ("Magnesium (mEq)", result.meq, "mEq"),
    }
    # The question's own unit comes first; the answer a pharmacist draws up is in bold.
    if result.given_as == "count" and result.product is not None:
        table.add_row("Count", f"{result.count:g} × {escape(result.product.unit)}")
    order = [result.given_as, *(key for key in amounts if key != result.given_as)]
    answer = _answer(result)
    for key in order:
        if key not in amounts:
            continue
        label, value, unit = amounts[key]
        if value is None:
            continue
        text = f"{number(value)} {unit}"
        table.add_row(label, f"[bold]{text}[/bold]" if key == answer else text)
    if result.rate is not None:
        _rate_rows(table, result)
    shown: list[RenderableType] = [table]
    if result.by_unit is not None:
        shown.append(_by_unit(result))
    return [
        *notes(result.warnings, "bold red"),
        *shown, *notes(result.notes), *profile_used(result.profile_source),
        f"[dim]Source: {escape(result.source)}[/dim]",
    ]  # fmt: skip


def _product_rows(table: Table, product: ProductRef, formula: str) -> None:
    custom = " (custom)" if product.custom else ""
    table.add_row("Product", f"{escape(product.name)}{custom}")
    table.add_row("Salt", escape(f"{product.salt} ({formula})"))
    table.add_row(
        "Declared on the label",
        f"{product.elemental_mg_per_unit:g} mg Mg per {escape(product.unit)}",
    )
    for mineral in product.other_minerals:
        table.add_row(f"Also declared: {escape(mineral.name)}", f"{mineral.mg:g} mg per unit")
    table.add_row("Evidence", product.evidence)


def _answer(result: Conversion) -> str:
    """Return the key a pharmacist reads off: mL of a liquid, else the other side."""
    if result.volume_ml is not None and result.given_as != "volume_ml":
        return "volume_ml"
    if result.given_as == "elemental_mg" and result.compound_mg is not None:
        return "compound_mg"
    return "elemental_mg"


def _rate_rows(table: Table, result: Conversion) -> None:
    rate = result.rate
    assert rate is not None
    table.add_row("Over", escape(rate.duration))
    if rate.ml_per_h is not None:
        table.add_row("Rate (volume)", f"{number(rate.ml_per_h)} mL/h")
    if rate.compound_g_per_h is not None and rate.compound_mg_per_min is not None:
        table.add_row("Rate (MgSO4·7H2O)", f"{number(rate.compound_g_per_h)} g/h")
        table.add_row("", f"{number(rate.compound_mg_per_min)} mg/min")
    table.add_row("Rate (magnesium)", f"{number(rate.mg_per_h)} mg/h")
    table.add_row("Rate (mEq)", f"{number(rate.meq_per_h)} mEq/h")


def _by_unit(result: Conversion) -> Table:
    by_unit = result.by_unit
    assert by_unit is not None
    table = Table(title=f"Units of {escape(by_unit.unit)}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("Exactly", f"{number(by_unit.exact, 3)} units")
    nearest = "nearest half" if by_unit.halves else "nearest whole"
    table.add_row(f"Count ({nearest})", f"[bold]{_count(by_unit.count)}[/bold]")
    delivered = by_unit.delivered
    rows = [f"{number(delivered.elemental_mg)} mg Mg", f"{number(delivered.meq)} mEq"]
    if result.given_as == "meq":
        rows.reverse()
    if result.given_as == "mmol":
        rows.insert(0, f"{number(delivered.mmol)} mmol")
    if delivered.volume_ml is not None:
        rows.insert(0, f"{number(delivered.volume_ml)} mL")
    table.add_row("Delivers", ", ".join(rows))
    if by_unit.percent_of_asked is not None:
        table.add_row("Of the amount asked", f"{by_unit.percent_of_asked:.1f} %")
    return table


def _count(count: float) -> str:
    return f"{count:g}"


def forms(listing: FormsListing) -> list[RenderableType]:
    """Lay out every form, one row each; narrower without the note, then the formula."""
    return [
        Fit(
            _forms_table(listing, note=True, formula=True),
            _forms_table(listing, note=False, formula=True),
            _forms_table(listing, note=False, formula=False),
        ),
        "[dim]'mgcalc forms KEY' shows one form with its whole note and source. Products "
        "declared per tablet or per mL (slow-mag, mag-tab-sr, phillips-mom, …): "
        "'mgcalc products'.[/dim]",
    ]


def _forms_table(listing: FormsListing, *, note: bool, formula: bool) -> Table:
    table = Table(title="Magnesium forms", title_justify="left")
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Compound", ratio=3)
    if formula:
        table.add_column("Formula", ratio=2)
    table.add_column("% Mg", justify="right", no_wrap=True)
    if note:
        table.add_column("Note", ratio=3)
    for form in listing.forms:
        text = _first_sentence(form.note)
        if form.fraction_basis == "declared":
            text = f"Declared by the maker. {text}"
        if form.custom:
            text = f"[bold]Custom[/bold] ({escape(form.source)}). {text}"
        key = f"{escape(form.key)} (custom)" if form.custom and not note else escape(form.key)
        cells = [key, escape(form.name)]
        cells += [escape(form.formula)] if formula else []
        cells += [percent(form.elemental_fraction)]
        cells += [text] if note else []
        table.add_row(*cells)
    return table


def products(listing: ProductsListing) -> list[RenderableType]:
    """Lay out products as labelled, one row each; a short list with sources."""
    out: list[RenderableType] = [
        Fit(
            _products_table(listing, salt=True, evidence=True),
            _products_table(listing, salt=True, evidence=False),
            _products_table(listing, salt=False, evidence=False),
        )
    ]
    if len(listing.products) <= 3:
        for product in listing.products:
            lines = [f"Label: {product.declared}", *((product.note,) if product.note else ())]
            lines.append(f"Source ({product.evidence}): {product.source}")
            out.append(f"[bold]{escape(product.key)}[/bold]")
            out.extend(notes(tuple(lines)))
    out.append(
        "[dim]Give a product with a count (mag-tab-sr=2) or, if declared per volume, a volume "
        "(phillips-mom=30mL): what the label declares is counted, never a salt's fraction."
        "[/dim]"
    )
    return out


def interactions(listing: InteractionsListing) -> list[RenderableType]:
    """Lay out the interactions: medicine, effect, spacing, source; then the cautions."""
    out: list[RenderableType] = []
    if listing.interactions:
        out.append(
            Fit(
                _interactions_table(listing, evidence=True),
                _interactions_table(listing, evidence=False),
            )
        )
    if listing.cautions:
        table = Table(title="Cautions mgcalc applies", title_justify="left", show_lines=True)
        table.add_column("Caution", ratio=1)
        table.add_column("What mgcalc says, and its sources", ratio=3)
        for caution in listing.cautions:
            table.add_row(
                f"[bold]{escape(caution.name)}[/bold]",
                f"{escape(caution.text)}\n[dim]{escape(caution.source)}[/dim]",
            )
        out.append(table)
    return [*out, *notes(listing.notes)]


def _interactions_table(listing: InteractionsListing, *, evidence: bool) -> Table:
    table = Table(title="Medicines and magnesium", title_justify="left", show_lines=True)
    table.add_column("Medicine", ratio=2)
    table.add_column("What happens", ratio=4)
    table.add_column("Hours before / after", justify="right", max_width=8)
    if evidence:
        table.add_column("Evidence", no_wrap=True)
    for row in listing.interactions:
        covers = ", ".join(row.medicines)
        if row.brands:
            covers += f" ({', '.join(row.brands)})"
        before, after = row.medicine_before_h, row.medicine_after_h
        apart = (
            "–"
            if before is None and after is None
            else " / ".join("–" if hours is None else f"{hours:g}" for hours in (before, after))
        )
        if row.injection_only:
            covers += " (injection only)"
        if row.oral_only:
            covers += " (magnesium by mouth)"
        cells = [
            f"[bold]{escape(row.name)}[/bold]\n[dim]{escape(covers)}[/dim]",
            f"{escape(row.effect)} {escape(row.spacing)}\n[dim]{escape(row.source)}[/dim]",
            apart,
        ]
        table.add_row(*cells, *([row.evidence] if evidence else []))
    return table


def _products_table(listing: ProductsListing, *, salt: bool, evidence: bool) -> Table:
    table = Table(title="Products as labelled", title_justify="left")
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Product", ratio=3)
    table.add_column("Magnesium", justify="right", ratio=2)
    if salt:
        table.add_column("Salt", ratio=2)
    if evidence:
        table.add_column("Evidence", no_wrap=True)
    for product in listing.products:
        name = escape(product.name) + (" [bold](custom)[/bold]" if product.custom else "")
        per = f"{product.elemental_mg_per_unit:g} mg per {escape(product.unit)}"
        cells = [escape(product.key), name, per]
        cells += [escape(product.salt)] if salt else []
        cells += [product.evidence] if evidence else []
        table.add_row(*cells)
    return table


def _first_sentence(text: str) -> str:
    head, _, rest = text.partition(". ")
    return escape(head + ("." if rest else "") + (" …" if rest else ""))


def form_detail(detail: FormDetail) -> list[RenderableType]:
    """Lay out one form with every column of its row."""
    form = detail.forms[0]
    table = Table(title=form.key, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("Compound", form.name),
        ("Formula", form.formula),
        ("Aliases", ", ".join(form.aliases) or "–"),
        ("Water of hydration", str(form.water)),
        ("Mg atoms per formula unit", str(form.mg_atoms)),
        ("Molar mass", f"{form.molar_mass_g_mol:.3f} g/mol"),
        ("Magnesium fraction", f"{percent(form.elemental_fraction)} ({form.fraction_basis})"),
    ]
    if form.liquid_compound_mg is not None and form.liquid_volume_ml is not None:
        rows.append(
            ("Concentration", f"{form.liquid_compound_mg:g} mg per {form.liquid_volume_ml:g} mL")
        )
    rows += [
        ("Published", form.published or "–"),
        ("Note", form.note or "–"),
        ("Source", form.source),
    ]
    for label, value in rows:
        table.add_row(label, escape(value))
    return [table]


def profile_used(source: ProfileSource | None) -> list[RenderableType]:
    """Say which values came from the saved profile, if one was used."""
    if source is None:
        return []
    return [
        f"• From your saved profile ({escape(source.path)}): {', '.join(source.fields)}. "
        "Options given on the command line win; --no-profile ignores it."
    ]


def factors(listing: FactorsListing) -> list[RenderableType]:
    """Lay out the factor table: per g of each form, then per mL of each liquid."""
    from mgcalc.interfaces.render.fit import Fit

    shown: list[RenderableType] = [
        Fit(_factors_table(listing, every=True), _factors_table(listing, every=False))
    ]
    if any(row.per_ml is not None for row in listing.forms):
        shown.append(Fit(_liquids_table(listing, every=True), _liquids_table(listing, every=False)))
    shown.append(
        "[dim]mg per mEq and per 100 mg Mg are of the form's compound; 1 mEq = 0.5 mmol = "
        "12.15 mg of magnesium. Narrow terminals leave out columns; --json has them all.[/dim]"
    )
    return shown


def _factors_table(listing: FactorsListing, *, every: bool) -> Table:
    """Return the per-gram factors; without *every*, only magnesium per gram of the form."""
    table = _narrow("Factors per gram of the form")
    table.add_column("Key", style="bold", no_wrap=True)
    headers = ("Mg mg/g", "mmol/g", "mEq/g", "mg per mEq", "mg per 100 mg Mg")
    for header in headers if every else headers[:3]:
        table.add_column(header, justify="right")
    for row in listing.forms:
        cells = (row.elemental_mg_per_g, row.mmol_per_g, row.meq_per_g)
        more = (row.compound_mg_per_meq, row.compound_mg_per_100mg) if every else ()
        table.add_row(_key(row), *(number(value) for value in (*cells, *more)))
    return table


def _liquids_table(listing: FactorsListing, *, every: bool) -> Table:
    """Return the per-mL factors of the liquids; without *every*, magnesium per mL only."""
    table = _narrow("Liquids, per mL")
    table.add_column("Key", style="bold", no_wrap=True)
    headers = ("salt\nmg/mL", "Mg\nmg/mL", "mmol\n/mL", "mEq\n/mL", "mL per\nmEq",
               "mL per\n100 mg Mg")  # fmt: skip
    kept = slice(None) if every else slice(1, 4)
    for header in headers[kept]:
        table.add_column(header, justify="right", no_wrap=True)
    for row in listing.forms:
        if row.per_ml is not None:
            per = row.per_ml
            cells = [per.compound_mg, per.elemental_mg, per.mmol, per.meq, per.ml_per_meq,
                     per.ml_per_100mg]  # fmt: skip
            table.add_row(_key(row), *(number(value) for value in cells[kept]))
    return table


def _key(row: FormFactors) -> str:
    return f"{row.key} (custom)" if row.custom else row.key


def _narrow(title: str) -> Table:
    """Return a table without vertical rules, so that six numbers and a key fit 80 columns."""
    from rich import box

    return Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, title_justify="left")


def notes(lines: tuple[str, ...], style: str = "dim") -> list[RenderableType]:
    """Return one bulleted line per note."""
    return [f"[{style}]• {escape(line)}[/{style}]" for line in lines]
