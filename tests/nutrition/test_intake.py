"""The intake check, on worked cases from reference-values.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcalc.clinical.cautions import KIDNEY
from mgcalc.errors import BadAmount, UnknownForm
from mgcalc.nutrition.intake import BadItem, dose, parse_items
from mgcalc.nutrition.profile import make_profile

WOMAN_42 = make_profile(age="42", sex="female")


def test_glycinate_for_a_woman_of_42() -> None:
    result = dose(["glycinate=500mg"], "250mg", WOMAN_42)
    assert result.supplemental_mg == pytest.approx(70.48, rel=1e-3)
    assert result.total_mg == pytest.approx(320.48, rel=1e-3)
    assert (result.reference.group, result.reference.rda_mg, result.reference.ul_mg) == (
        "31–50 y",
        320,
        350,
    )
    assert result.assessment.adequacy == "likely_adequate"
    assert result.assessment.ul == "within"
    assert result.assessment.percent_of_reference == pytest.approx(100.15, rel=1e-3)
    assert result.assessment.percent_of_ul == pytest.approx(20.14, rel=1e-3)


@pytest.mark.parametrize(
    ("diet", "adequacy"),
    [
        ("200mg", "likely_inadequate"),
        ("270mg", "possibly_inadequate"),
        ("320mg", "likely_adequate"),
    ],
)
def test_adequacy_bands(diet: str, adequacy: str) -> None:
    # Woman 42: EAR 265, RDA 320; no supplement.
    assert dose(["elemental=0mg"], diet, WOMAN_42).assessment.adequacy == adequacy


def test_the_ul_counts_supplements_only() -> None:
    # 300 mg supplemental + 400 mg food: total far above 350, supplements within it.
    result = dose(["elemental=300mg"], "400mg", WOMAN_42)
    assert result.assessment.ul == "within"
    above = dose(["elemental=351mg"], "0mg", WOMAN_42)
    assert above.assessment.ul == "above"
    assert any("diarrhoea" in warning for warning in above.warnings)
    assert any("antacids and laxatives" in warning for warning in above.warnings)


def test_toddler_meeting_the_rda_is_within_the_ul() -> None:
    # 1–3 y: RDA 80 is above the UL 65; food 40 mg + 60 mg supplement.
    result = dose(["elemental=60mg"], "40mg", make_profile(age="2"))
    assert result.assessment.adequacy == "likely_adequate"
    assert result.assessment.ul == "within"
    assert result.reference.ul_mg == 65


def test_infants_have_an_ai_and_no_ul() -> None:
    below = dose(["elemental=10mg"], "10mg", make_profile(age="4mo"))
    assert (below.assessment.adequacy, below.assessment.ul) == ("cannot_assess", "not_established")
    assert below.assessment.percent_of_ul is None
    above = dose(["elemental=10mg"], "25mg", make_profile(age="4mo"))
    assert above.assessment.adequacy == "adequate"
    assert "No upper limit is established" in above.assessment.verdicts[1]


def test_eu_at_three_and_at_four() -> None:
    three = dose(["elemental=100mg"], "150mg", make_profile(age="3", standard="eu"))
    assert (three.reference.ai_mg, three.reference.ul_mg, three.assessment.ul) == (
        230,
        None,
        "not_established",
    )
    assert three.assessment.adequacy == "adequate"
    four = dose(["elemental=260mg"], "0mg", make_profile(age="4", standard="eu"))
    assert (four.reference.ul_mg, four.assessment.ul) == (250, "above")


def test_who_rni_without_ear() -> None:
    result = dose(["elemental=50mg"], "100mg", make_profile(age="30", sex="female", standard="who"))
    assert result.assessment.adequacy == "possibly_inadequate"
    assert "below the recommended intake" in result.assessment.verdicts[0]
    assert result.assessment.ul == "not_established"


def test_no_profile_uses_the_label_reference_and_the_adult_ul() -> None:
    result = dose(["glycinate=500mg"], None, make_profile())
    assert result.assessment.adequacy == "not_assessed"
    assert result.reference.label is not None
    assert (result.reference.label.value_mg, result.reference.ul_mg) == (420, 350)
    assert result.assessment.percent_of_reference == pytest.approx(70.48 / 420 * 100, rel=1e-3)
    assert any("an adult was assumed" in note for note in result.notes)
    assert result.assessment.reason == "no_profile"
    assert any("No diet given" in note for note in result.notes)
    eu = dose(["elemental=100mg"], "0mg", make_profile(standard="eu"))
    assert eu.reference.label is not None
    assert (eu.reference.label.value_mg, eu.reference.ul_mg) == (375, 250)


def test_small_salt_weight_gets_a_hint() -> None:
    result = dose(["glycinate=200mg"], "0mg", WOMAN_42)
    assert any("write elemental=200mg" in warning for warning in result.warnings)
    assert not dose(["oxide=400mg"], "0mg", WOMAN_42).warnings
    assert not dose(["glycinate=1000mg"], "0mg", WOMAN_42).warnings


def test_items_add_up() -> None:
    result = dose(
        ["glycinate=500mg", "oxide=2x400mg", "elemental=200mg", "milk-of-magnesia=15mL",
         "formula:MgCl2.6H2O=1g"],
        "0mg",
        WOMAN_42,
    )  # fmt: skip
    expected = 70.48 + 482.43 + 200 + 500.11 + 119.55
    assert result.supplemental_mg == pytest.approx(expected, rel=1e-3)
    assert [item.form for item in result.items] == [
        "glycinate", "oxide", "elemental", "milk-of-magnesia", "formula:MgCl2.6H2O",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["glycinate=500mg"], [("glycinate", "500mg")]),
        (["glycinate", "500mg"], [("glycinate", "500mg")]),
        (["formula:MgCl2.6H2O=1g"], [("formula:MgCl2.6H2O", "1g")]),
    ],
)
def test_parse_items(texts: list[str], expected: list[tuple[str, str]]) -> None:
    assert parse_items(texts) == expected


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ([], "no items"),
        (["glycinate"], "is not FORM=AMOUNT"),
        (["=500mg"], "has no form"),
        (["glycinate="], "has no amount"),
        (["a", "b", "c"], "is not FORM=AMOUNT"),
    ],
)
def test_bad_items(texts: list[str], message: str) -> None:
    with pytest.raises(BadItem, match=message):
        parse_items(texts)


def test_bad_item_amount_and_form() -> None:
    with pytest.raises(UnknownForm, match="did you mean 'glycinate'"):
        dose(["glycinat=500mg"], None, WOMAN_42)
    with pytest.raises(BadAmount, match="decimal point"):
        dose(["glycinate=1,5g"], None, WOMAN_42)


def test_without_a_diet_adequacy_is_not_assessed() -> None:
    result = dose(["glycinate=500mg"], None, WOMAN_42)
    assert (result.assessment.adequacy, result.assessment.reason) == ("not_assessed", "no_diet")
    assert result.assessment.percent_of_reference is None
    assert result.assessment.verdicts[0].startswith("Adequacy not assessed: it needs the diet")
    assert any("--diet 0mg judges the supplements alone" in note for note in result.notes)
    # The upper-limit judgement concerns supplements only, and is unchanged.
    assert result.assessment.ul == "within"
    assert result.assessment.percent_of_ul == pytest.approx(20.14, rel=1e-3)
    assert (result.diet, result.diet_mg) == (None, 0)


def test_zero_diet_judges_supplements_alone() -> None:
    result = dose(["glycinate=500mg"], "0mg", WOMAN_42)
    assert (result.assessment.adequacy, result.assessment.reason) == ("likely_inadequate", None)
    assert result.diet is not None
    assert result.diet.mg == 0


@pytest.mark.parametrize("diet", [None, "200mg"])
def test_a_group_without_intake_values_says_so(diet: str | None) -> None:
    # EFSA sets no intake value for infants of 0–6 months in mgcalc's data.
    result = dose(["elemental=10mg"], diet, make_profile(age="3mo", standard="eu"))
    assert (result.assessment.adequacy, result.assessment.reason) == (
        "not_assessed",
        "no_reference_value",
    )


def test_the_diet_alone_needs_no_items() -> None:
    result = dose([], "300mg", WOMAN_42)
    assert (result.items, result.supplemental_mg, result.total_mg) == ((), 0, 300)
    assert result.assessment.adequacy == "possibly_inadequate"
    with pytest.raises(BadItem, match="or give the diet alone"):
        dose([], None, WOMAN_42)


def test_item_input_is_kept_as_typed() -> None:
    result = dose(["Magnesium Glycinate=500mg", "oxide=2x400mg"], "0mg", WOMAN_42)
    assert [item.input for item in result.items] == ["Magnesium Glycinate=500mg", "oxide=2x400mg"]
    assert [item.form for item in result.items] == ["glycinate", "oxide"]


def test_the_salt_hint_in_full() -> None:
    result = dose(["glycinate=200mg"], "0mg", WOMAN_42)
    assert result.warnings == (
        "'glycinate=200mg' was read as 200 mg of the salt, only 28.2 mg of magnesium. If the "
        "label says 'Magnesium (as glycinate) 200mg', that is already magnesium: write "
        "elemental=200mg.",
    )


def test_the_salt_hint_counts_per_unit() -> None:
    # Two 200 mg capsules hold 56.4 mg of magnesium, 28.2 mg each: the label figure is per unit.
    assert len(dose(["glycinate=2x200mg"], "0mg", WOMAN_42).warnings) == 1
    assert not dose(["glycinate=0mg"], "0mg", WOMAN_42).warnings  # nothing taken, nothing hinted
    # A liquid's volume is never a label's magnesium figure (0.1 mL of 50 % sulfate: 4.9 mg).
    assert not dose(["sulfate-injection-50=0.1mL"], "0mg", WOMAN_42).warnings


FORMS_HEADER = (
    "key,name,aliases,formula,water,mg_atoms,molar_mass_g_mol,fraction_basis,"
    "elemental_fraction,liquid_compound_mg,liquid_volume_ml,published,note,source"
)


@pytest.mark.parametrize(
    ("fraction", "amount", "hinted"),
    [
        ("0.1", "499mg", True),  # 49.9 mg of magnesium, below 50 mg
        ("0.1", "500mg", False),  # exactly 50 mg: a plausible magnesium figure
        ("0.2999", "100mg", True),  # below 30 % magnesium
        ("0.3", "100mg", False),  # 30 %: not a low fraction
    ],
)
def test_the_salt_hint_boundaries(tmp_path: Path, fraction: str, amount: str, hinted: bool) -> None:
    import mgcalc

    path = tmp_path / "forms.csv"
    row = f"salt,A salt,,MgX,0,1,100,declared,{fraction},,,,,Made up"
    path.write_text(f"{FORMS_HEADER}\n{row}\n", encoding="utf-8")
    mgcalc.use_forms(path)
    assert bool(dose([f"salt={amount}"], "0mg", WOMAN_42).warnings) is hinted


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ("glycinate=500mg", "items must be a list of FORM=AMOUNT texts, not one text"),
        ([500], "an item must be text such as 'glycinate=500mg', not 500"),
        (["glycinate=500mg", "oxide"], "item 'oxide' is not FORM=AMOUNT, e.g. glycinate=500mg"),
        (["oxide", "glycinate=500mg"], "item 'oxide' is not FORM=AMOUNT, e.g. glycinate=500mg"),
        (["x" * 40], f"item '{'x' * 40}' is not FORM=AMOUNT"),
        (["x" * 41], f"item '{'x' * 40}…' is not FORM=AMOUNT"),
        (["oxide=400mg,glycinate=500mg"],
         "separate items with spaces, not commas: oxide=400mg glycinate=500mg"),
        (["a=1mg," * 10 + "b=1mg"], "separate items with spaces, not commas: " + "a=1mg " * 10),
        (["=" + "5" * 45], f"item '={'5' * 39}' has no form before '='"),
        (["g" * 45 + "="], f"item '{'g' * 40}' has no amount after '='; e.g. {'g' * 45}=500mg"),
    ],
)  # fmt: skip
def test_bad_items_say_which_in_full(texts: object, message: str) -> None:
    with pytest.raises(BadItem) as caught:
        parse_items(texts)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_an_equals_sign_with_a_comma_in_one_item_is_still_an_item() -> None:
    # One '=' and a comma: a decimal comma in the amount, explained by the amount parser.
    assert parse_items(["oxide=1,5g"]) == [("oxide", "1,5g")]
    assert parse_items(["a=b=1g"]) == [("a=b", "1g")]


def test_notes_of_several_items_are_not_repeated() -> None:
    result = dose(["oxide=400mg", "oxide=200mg", "glycinate=500mg"], "0mg", WOMAN_42)
    assert result.notes[:2] == (
        "'oxide' read as Magnesium oxide, MgO: 60.30 % magnesium (from the formula).",
        COMPOUND_WEIGHT,
    )
    assert result.notes[2].startswith("'glycinate' read as Magnesium bisglycinate")
    assert len(result.notes) == len(set(result.notes))


COMPOUND_WEIGHT = (
    "The mass was read as the compound's weight (as on an ingredient list); for a label's "
    "'Magnesium (as …)' figure use the form elemental."
)


def test_the_diet_notes() -> None:
    from mgcalc.dietary.assembly import DietDay, DietFile, make_diet

    none = dose(["oxide=400mg"], None, WOMAN_42)
    assert none.notes[-3].startswith("No diet given: adequacy needs the magnesium")
    plain = dose(["oxide=400mg"], "250mg", WOMAN_42)
    assert not any(note.startswith(("No diet", "Foods:", "Diet file:")) for note in plain.notes)
    foods = dose(["oxide=400mg"], make_diet(None, ["almonds=1oz"]), WOMAN_42)
    assert any(note.startswith("Foods: USDA National Nutrient Database") for note in foods.notes)
    assert not any(note.startswith("Diet file:") for note in foods.notes)
    file = DietFile(
        path="x.csv", days=(DietDay(date="2024-01-01", mg=300),), days_used=1, days_left_out=0,
        mean_mg=300, min_mg=300, max_mg=300,
    )  # fmt: skip
    tracked = dose(["oxide=400mg"], make_diet(None, (), file), WOMAN_42)
    assert (
        "Diet file: the mean of 1 day(s) is used. The IOM judges usual intake; a few days only "
        "estimate it." in tracked.notes
    )
    assert not any(note.startswith("Foods:") for note in tracked.notes)


def test_the_above_ul_warning_names_the_ul() -> None:
    result = dose(["elemental=351mg"], "0mg", WOMAN_42)
    assert result.warnings[-1].startswith(
        "Supplemental magnesium (351 mg) is above the upper limit (350 mg) by 1 mg: it is 101 % "
        "of the upper limit."
    )
    infant = dose(["elemental=351mg"], "0mg", make_profile(age="4mo"))
    assert not any("above the upper limit" in warning for warning in infant.warnings)


def test_a_product_item_is_its_label() -> None:
    result = dose(["mag-tab-sr=2"], "0mg", WOMAN_42)
    assert result.items[0].elemental_mg == 168  # 84 mg per caplet (DailyMed)
    assert result.items[0].compound_mg is None


def test_a_long_non_text_item_is_shown_cut() -> None:
    with pytest.raises(BadItem) as caught:
        parse_items([list(range(100))])  # type: ignore[list-item]
    assert len(str(caught.value)) == 120


def test_a_tiny_salt_weight_gets_the_hint_too() -> None:
    # 5 mg of glycinate holds 0.7 mg of magnesium: still below 50 mg, still hinted.
    assert len(dose(["glycinate=5mg"], "0mg", WOMAN_42).warnings) == 1


def test_words_before_a_pair_keep_their_place() -> None:
    assert parse_items(["400mg", "oxide", "glycinate=500mg"]) == [
        ("oxide", "400mg"),
        ("glycinate", "500mg"),
    ]


def test_a_long_comma_list_is_cut_at_sixty_characters() -> None:
    with pytest.raises(BadItem) as caught:
        parse_items(["a=1mg," * 10 + "b=1mg"])
    assert str(caught.value) == "separate items with spaces, not commas: " + "a=1mg " * 10 + "…"
    with pytest.raises(BadItem) as caught:
        parse_items(["a=1mg," * 9 + "bb=1mg"])  # exactly 60 characters: shown whole
    assert str(caught.value) == "separate items with spaces, not commas: " + "a=1mg " * 9 + "bb=1mg"


def test_kidney_impairment_adds_its_caution_and_changes_no_figure() -> None:
    plain = dose(["oxide=400mg"], "250mg", WOMAN_42)
    kidney = dose(["oxide=400mg"], "250mg", WOMAN_42, kidney_impairment=True)
    # DailyMed: 400 mg of magnesium oxide is 241.3 mg of magnesium (compounds.md).
    assert kidney.supplemental_mg == pytest.approx(241.3, abs=0.1)
    assert (kidney.total_mg, kidney.assessment) == (plain.total_mg, plain.assessment)
    assert KIDNEY not in plain.warnings
    assert kidney.warnings == (*plain.warnings, KIDNEY)
    assert kidney.next_step == (
        "With kidney impairment, whether to take magnesium at all is for a doctor to say."
    )
    assert (
        plain.next_step
        == "Within the reference values: nothing in these figures calls for a change."
    )


def test_a_comma_list_of_61_characters_is_cut() -> None:
    with pytest.raises(BadItem) as caught:
        parse_items(["a=1mg," * 9 + "bbb=1mg"])
    assert (
        str(caught.value) == "separate items with spaces, not commas: " + "a=1mg " * 9 + "bbb=1m…"
    )


def test_next_step_names_a_form_never_a_product_salt() -> None:
    # Woman 42: EAR 265 mg, RDA 320 mg; a Mag-Tab SR caplet is magnesium lactate, declared 84 mg.
    product = dose(["mag-tab-sr=1"], "100mg", WOMAN_42)
    assert (product.items[0].form, product.supplemental_mg) == ("lactate", pytest.approx(84))
    assert product.assessment.adequacy == "likely_inadequate"
    assert product.next_step == (
        "1 day only estimates usual intake: a tracker export of more days, with --diet-file "
        "FILE, would settle it. Meanwhile 'mgcalc plan FORM' with the same options shows how "
        "many units reach the RDA."
    )
    mixed = dose(["mag-tab-sr=1", "citrate=500mg"], "0mg", WOMAN_42)
    assert "Meanwhile 'mgcalc plan citrate' with the same options" in mixed.next_step


def test_next_step_for_an_infant_is_medical_advice_never_plan() -> None:
    # IOM 0–6 months: AI 30 mg, no UL established (supplements are not judged).
    result = dose([], "100mg", make_profile(age="4mo"))
    assert (result.assessment.adequacy, result.assessment.ul) == ("adequate", "not_established")
    assert result.next_step.startswith("Supplements for an infant are for medical advice only")
    low = dose(["elemental=10mg"], "20mg", make_profile(age="8mo"))
    assert low.assessment.adequacy == "cannot_assess"
    assert "plan" not in low.next_step
    assert low.warnings[0].startswith("Infant under 1 year")


@pytest.mark.parametrize("standard", ["eu", "dach"])
def test_next_step_under_4_in_efsa_standards_is_medical_advice(standard: str) -> None:
    result = dose(["elemental=10mg"], "20mg", make_profile(age="2", standard=standard))
    assert result.next_step.startswith("Supplements for a child under 4 are for medical advice")
    assert "plan" not in result.next_step
    us = dose(["elemental=10mg"], "20mg", make_profile(age="2"))
    assert "mgcalc plan elemental" in us.next_step


def test_next_step_without_a_sourced_sd_says_what_would_settle_it() -> None:
    # FAO/WHO women 19–65 y: RNI 220 mg, no EAR: no confidence number, the usual-intake words.
    person = make_profile(age="30", sex="female", standard="who")
    result = dose([], "250mg", person, diet_days=5)
    assert result.assessment.confidence is None
    assert result.assessment.days_observed == 5
    assert result.next_step.startswith(
        "Likely adequate only if these 5 days are your usual intake (IOM 2000)"
    )
    assert "nothing in these figures calls for a change" not in result.next_step
    assert result.assessment.verdicts[0] == (
        "Total 250 mg (5 days): at or above the recommended intake (RNI 220 mg): likely "
        "adequate only if this is your usual intake over many days (IOM 2000); 5 days known"
    )


@pytest.mark.parametrize(
    ("text", "elemental", "salt"),
    [
        ("Magnesium (as citrate) 200 mg", 200.0, "citrate"),
        ("Magnesium 200 mg (as magnesium glycinate)", 200.0, "glycinate"),
        ("Magnesium (from oxide) 250 mg", 250.0, "oxide"),
        ("magnesium (as Magnesium Bisglycinate) 100mg", 100.0, "Bisglycinate"),
    ],
)
def test_a_supplement_facts_line_is_one_elemental_item(
    text: str, elemental: float, salt: str
) -> None:
    # 21 CFR 101.36(d): the figure is magnesium itself; the salt is only its source.
    for items in ([text], text.split()):
        result = dose(items, "0mg", WOMAN_42)
        (item,) = result.items
        assert (item.form, item.elemental_mg, item.input) == ("elemental", elemental, text)
        assert any(
            note.startswith(f"'{text}' is a Supplement Facts line") and f"{salt} is only" in note
            for note in result.notes
        )


def test_magnesium_and_an_amount_as_one_argument() -> None:
    assert parse_items(["magnesium 25mg"]) == [("magnesium", "25mg")]
    assert dose(["magnesium 25mg"], "0mg", WOMAN_42).supplemental_mg == 25.0


@pytest.mark.parametrize(
    "texts",
    [
        ["2 capsules of 500 mg glycinate"],
        ["2", "capsules", "of", "500", "mg", "glycinate"],
        ["2 x 500 mg glycinate"],
        ["2", "x", "500", "mg", "glycinate"],
        ["2 tablets 500mg glycinate"],
    ],
    ids=str,
)
def test_a_count_in_words_is_a_count(texts: list[str]) -> None:
    assert parse_items(texts) == [("glycinate", "2x500mg")]
    one = dose(["glycinate=500mg"], "0mg", WOMAN_42).supplemental_mg
    assert dose(texts, "0mg", WOMAN_42).supplemental_mg == pytest.approx(2 * one)


@pytest.mark.parametrize(
    "texts", [["1 magox 400"], ["1", "mag-ox", "400"], ["magox 400", "1"]], ids=str
)
def test_a_count_of_a_product_with_a_number_in_its_name(texts: list[str]) -> None:
    # data/products.csv: Mag-Ox 400 declares 241.3 mg of magnesium a tablet; convert reads
    # the same words (convert 1 magox 400), and dose once refused them.
    result = dose(texts, "0mg", WOMAN_42)
    (item,) = result.items
    assert item.product is not None and item.product.key == "mag-ox-400"
    assert item.elemental_mg == pytest.approx(241.3, abs=0.05)


def test_two_numbers_and_no_product_name_are_still_refused() -> None:
    with pytest.raises(BadAmount, match=r"cannot tell the amount from the form in .1 oxide 400."):
        dose(["1 oxide 400"], "0mg", WOMAN_42)


def test_a_hint_never_drops_a_count() -> None:
    # 2 × 100 mg of citrate salt is little magnesium: the label hint keeps the count.
    for items in (["citrate=2x100mg"], ["2 capsules of 100 mg citrate"]):
        hinted = dose(items, "0mg", WOMAN_42)
        assert any("write elemental=2x100mg" in warning for warning in hinted.warnings), items


ALWAYS = (
    "Supplements, antacids and laxatives count toward the upper limit; food and water do not.",
    "Assessment is of usual, long-term intake; one day's intake only estimates it.",
)


@pytest.mark.parametrize("diet", [None, "250mg"])
def test_every_dose_ends_its_notes_with_the_two_fixed_notes(diet: str | None) -> None:
    result = dose(["oxide=400mg"], diet, WOMAN_42)
    assert result.notes[-2:] == ALWAYS


def test_the_dose_keeps_its_id_and_the_medicines_given() -> None:
    # data/interactions.csv: levothyroxine at least 4 h before or after magnesium antacids.
    result = dose(["oxide=400mg"], "250mg", WOMAN_42, id="r7", with_medicines=["levothyroxine"])
    assert result.id == "r7"
    assert [match.name for match in result.interactions] == ["Levothyroxine"]
    assert (result.interactions[0].medicine_before_h, result.interactions[0].medicine_after_h) == (
        4.0,
        4.0,
    )
    assert result.unknown_with == ()
    assert dose(["oxide=400mg"], "250mg", WOMAN_42).interactions == ()


def test_words_with_two_numbers_are_refused_with_the_example() -> None:
    with pytest.raises(BadAmount) as caught:
        parse_items(["glycinate", "500", "citrate", "200"])
    assert str(caught.value) == (
        "cannot tell the amount from the form in 'glycinate 500 citrate 200'; "
        "write e.g. glycinate=500mg"
    )


def test_the_next_step_without_an_intake_value_names_the_standard() -> None:
    from mgcalc.nutrition.intake import next_step

    # EFSA sets no intake value for 0–6 months in mgcalc's data; without the infant caution
    # (young=None) the next step says so and where to look.
    result = dose(["elemental=10mg"], "200mg", make_profile(age="3mo", standard="eu"))
    assert next_step(result.assessment, result.reference, result.items) == (
        "mgcalc's data set no intake value for this group; 'mgcalc reference --standard eu "
        "--all' lists what the standard sets."
    )


ONE_DAY = (
    "The typed diet counts as 1 day. If it is the mean of several days, say so with "
    "--diet-days N; a diet file counts its own days."
)
SETTLE = "a tracker export of more days, with --diet-file FILE, would settle it"


def test_the_notes_in_their_order() -> None:
    # The person's notes, then the items', then the diet's (a typed diet is 1 day), then ALWAYS.
    result = dose(["oxide=400mg"], "250mg", WOMAN_42, with_medicines=["levothyroxine", "zzzq"])
    assert result.notes == (
        "'oxide' read as Magnesium oxide, MgO: 60.30 % magnesium (from the formula).",
        COMPOUND_WEIGHT,
        ONE_DAY,
        *ALWAYS,
    )
    assert result.unknown_with == ("zzzq",)
    assert [match.name for match in result.interactions] == ["Levothyroxine"]


def test_a_product_item_keeps_its_input_as_typed() -> None:
    assert dose(["mag-tab-sr=2"], "0mg", WOMAN_42).items[0].input == "mag-tab-sr=2"


def test_a_supplement_facts_line_is_counted_without_the_space() -> None:
    result = dose(["Magnesium (as citrate) 200 mg"], "0mg", WOMAN_42)
    assert result.notes[0] == (
        "'Magnesium (as citrate) 200 mg' is a Supplement Facts line: 200 mg of magnesium "
        "itself (counted as elemental=200mg); citrate is only its source (21 CFR 101.36(d))."
    )


@pytest.mark.parametrize(("age", "food"), [("2", "banana=50g"), ("42", "almonds=1oz")])
def test_the_next_step_without_a_diet_gives_a_food_for_the_age(age: str, food: str) -> None:
    result = dose(["elemental=10mg"], None, make_profile(age=age, sex="female"))
    assert result.next_step == (
        f"To judge adequacy add the diet: --diet 250mg (a known total), --food {food}, "
        "or --diet-file FILE."
    )
    assert f"--food {food} or --diet-file FILE" in result.notes[-3]


def test_the_next_step_below_the_rda_names_the_form() -> None:
    # Woman 42: EAR 265, RDA 320; 250 mg of food plus citrate is possibly inadequate.
    result = dose(["citrate=100mg"], "250mg", WOMAN_42)
    assert result.assessment.adequacy == "possibly_inadequate"
    assert result.next_step == (
        f"1 day only estimates usual intake: {SETTLE}. Meanwhile 'mgcalc plan citrate' with "
        "the same options shows how many units reach the RDA."
    )


def test_the_next_step_below_an_ai_names_the_form_and_the_ai() -> None:
    # EFSA women: an AI, no EAR: below it adequacy cannot be assessed.
    person = make_profile(age="40", sex="female", standard="eu")
    result = dose(["citrate=100mg"], "100mg", person)
    assert result.assessment.adequacy == "cannot_assess"
    assert result.next_step == (
        f"1 day only estimates usual intake: {SETTLE}. Meanwhile 'mgcalc plan citrate' with "
        "the same options shows how many units reach the AI."
    )


@pytest.mark.parametrize(
    ("days", "step"),
    [
        (
            3,
            f"3 days only estimate usual intake: {SETTLE}. Meanwhile 'mgcalc plan citrate' with "
            "the same options shows how many units reach the RDA.",
        ),
        (
            6,
            f"6 days only estimate usual intake: {SETTLE}. Meanwhile 'mgcalc plan citrate' with "
            "the same options shows how many units reach the RDA.",
        ),
        (7, "'mgcalc plan citrate' with the same options shows how many units reach the RDA."),
    ],
)
def test_the_next_step_below_the_rda_over_days(days: int, step: str) -> None:
    assert dose(["citrate=100mg"], "100mg", WOMAN_42, diet_days=days).next_step == step


def test_the_next_step_for_a_diet_file_asks_for_more_days_in_it() -> None:
    from mgcalc.dietary.assembly import DietDay, DietFile, make_diet

    file = DietFile(
        path="x.csv", days=(DietDay(date="2024-01-01", mg=100),), days_used=1, days_left_out=0,
        mean_mg=100, min_mg=100, max_mg=100,
    )  # fmt: skip
    result = dose(["citrate=100mg"], make_diet(None, (), file), WOMAN_42)
    assert result.next_step.startswith(
        "1 day only estimates usual intake: more days in the diet file would settle it. "
    )
    assert ONE_DAY not in result.notes  # a diet file counts its own days
    none_used = file.model_copy(update={"days_used": 0})
    assert dose([], make_diet(None, (), none_used), WOMAN_42).assessment.days_observed == 1


def test_one_day_without_a_sourced_sd_says_this_day() -> None:
    person = make_profile(age="30", sex="female", standard="who")
    assert dose([], "250mg", person).next_step == (
        "Likely adequate only if this day is your usual intake (IOM 2000): no day-to-day "
        f"variation is sourced for this group to put a number on it; {SETTLE}."
    )


@pytest.mark.parametrize(("days", "kept"), [(1, 1), (3660, 3660)])
def test_diet_days_at_their_bounds(days: int, kept: int) -> None:
    assert dose([], "200mg", WOMAN_42, diet_days=days).assessment.days_observed == kept


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (0, "--diet-days must be 1 to 3660, not 0"),
        (3661, "--diet-days must be 1 to 3660, not 3661"),
        (2.5, "diet_days must be a whole number of days, not 2.5"),
        (True, "diet_days must be a whole number of days, not True"),
        ("x" * 100, "diet_days must be a whole number of days, not '" + "x" * 33),
    ],
)
def test_diet_days_refused(days: object, message: str) -> None:
    from mgcalc.errors import BadDiet

    with pytest.raises(BadDiet) as caught:
        dose([], "200mg", WOMAN_42, diet_days=days)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_diet_days_need_a_typed_diet() -> None:
    from mgcalc.dietary.assembly import DietDay, DietFile, make_diet
    from mgcalc.errors import BadDiet

    with pytest.raises(BadDiet) as caught:
        dose(["citrate=100mg"], None, WOMAN_42, diet_days=3)
    assert str(caught.value) == (
        "--diet-days says a typed diet is a mean of days: give --diet or --food"
    )
    file = DietFile(
        path="x.csv", days=(DietDay(date="2024-01-01", mg=100),), days_used=1, days_left_out=0,
        mean_mg=100, min_mg=100, max_mg=100,
    )  # fmt: skip
    with pytest.raises(BadDiet) as caught:
        dose([], make_diet(None, (), file), WOMAN_42, diet_days=3)
    assert str(caught.value) == (
        "--diet-days is for a typed diet; a diet file counts its own days (--days N keeps the "
        "latest N)"
    )


def test_an_infants_caution_comes_with_any_supplement() -> None:
    infant = make_profile(age="8mo")
    assert dose([], "100mg", infant).warnings == ()
    assert (
        dose(["elemental=1mg"], "100mg", infant)
        .warnings[0]
        .startswith("Infant under 1 year: the IOM sets no upper limit for infants")
    )


def test_young_child_and_example_food_at_their_ages() -> None:
    from mgcalc.nutrition.intake import example_food, young_child

    # IOM: infants are under 12 months; EFSA sets no UL under 4 years (48 months).
    assert young_child(None, "us") is None
    assert young_child(11.9, "us") == "an infant"
    assert young_child(12, "us") is None
    assert young_child(47.9, "eu") == "a child under 4"
    assert young_child(48, "eu") is None
    assert young_child(47.9, "us") is None
    assert example_food(None) == "almonds=1oz"
    assert example_food(47.9) == "banana=50g"
    assert example_food(48) == "almonds=1oz"


@pytest.mark.parametrize(
    ("typed", "product", "mg"),
    [
        # data/products.csv: Epsom salt 495 mg per level teaspoon; Mag-Ox 400 241.3 mg a tablet.
        ("epsom=1tsp", "epsom-laxative", 495.0),
        ("mag-ox=1", "mag-ox-400", 241.3),
    ],
)
def test_a_salt_name_with_its_amount_is_a_product(typed: str, product: str, mg: float) -> None:
    item = dose([typed], "0mg", WOMAN_42).items[0]
    assert item.product is not None
    assert (item.product.key, item.input) == (product, typed)
    assert item.elemental_mg == pytest.approx(mg, rel=1e-9)


def test_the_same_diet_twice_gives_the_same_notes() -> None:
    from mgcalc.dietary.assembly import make_diet

    diet = make_diet("250mg")
    first = dose(["oxide=400mg"], diet, WOMAN_42)
    again = dose(["oxide=400mg"], diet, WOMAN_42)
    assert again.notes == first.notes
    assert again.notes[-3:] == (ONE_DAY, *ALWAYS)


@pytest.mark.parametrize("state", ["pregnant", "lactating"])
def test_no_day_to_day_sd_is_sourced_in_pregnancy_or_lactation(state: str) -> None:
    # data/intake-variation.csv sources one SD (85.9 mg), for women of 19–51 not pregnant
    # or lactating: a pregnant or lactating woman of 30 has no confidence figure.
    person = make_profile(age="30", sex="female", **{state: True})
    assert dose([], "300mg", person).assessment.confidence is None
    plain = dose([], "300mg", make_profile(age="30", sex="female"))
    assert plain.assessment.confidence == pytest.approx(0.6922, abs=1e-4)


def test_days_observed_of_a_typed_diet_or_none_is_one() -> None:
    from mgcalc.dietary.assembly import make_diet
    from mgcalc.nutrition.intake import days_observed

    assert days_observed(None, None) == 1
    assert days_observed(make_diet("250mg"), None) == 1


def test_kidney_impairment_with_iv_sulfate_gives_the_labels_limit() -> None:
    from mgcalc.clinical.cautions import KIDNEY

    # The injection label: at most 20 g of magnesium sulfate in 48 hours in severe renal
    # insufficiency; 4 g of the 50 % injection is under it.
    result = dose(["sulfate-injection-50=4g"], "250mg", WOMAN_42, kidney_impairment=True)
    assert result.warnings[-2].startswith(
        "Severe renal insufficiency: the label's maximum is 20 g of magnesium sulfate in 48 hours"
    )
    assert result.warnings[-1] == KIDNEY
    oral = dose(["oxide=400mg"], "250mg", WOMAN_42, kidney_impairment=True)
    assert oral.warnings == (KIDNEY,)
