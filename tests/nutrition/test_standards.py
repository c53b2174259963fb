"""Reference values, table-driven from shared/reference/reference-values.md."""

from __future__ import annotations

import pytest
from helpers import edit_csv

from mgcalc.datafiles import data_file
from mgcalc.errors import DataError
from mgcalc.nutrition.profile import MAX_AGE_YEARS, BadProfile, Profile, make_profile
from mgcalc.nutrition.standards import (
    LabelValue,
    ReferenceRow,
    check_labels,
    check_tiling,
    find_group,
    label_for,
    reference_rows,
)
from mgcalc.tables import read_table

# IOM 1997 (reference-values.md §1): (age, sex, state) -> (AI, EAR, RDA, UL); None = not set.
US = [
    ("2mo", None, None, (30, None, None, None)),
    ("9mo", None, None, (75, None, None, None)),
    ("2", None, None, (None, 65, 80, 65)),
    ("6", None, None, (None, 110, 130, 110)),
    ("10", "male", None, (None, 200, 240, 350)),
    ("10", "female", None, (None, 200, 240, 350)),
    ("15", "male", None, (None, 340, 410, 350)),
    ("15", "female", None, (None, 300, 360, 350)),
    ("25", "male", None, (None, 330, 400, 350)),
    ("25", "female", None, (None, 255, 310, 350)),
    ("40", "male", None, (None, 350, 420, 350)),
    ("40", "female", None, (None, 265, 320, 350)),
    ("60", "male", None, (None, 350, 420, 350)),
    ("60", "female", None, (None, 265, 320, 350)),
    ("80", "male", None, (None, 350, 420, 350)),
    ("80", "female", None, (None, 265, 320, 350)),
    ("17", "female", "pregnant", (None, 335, 400, 350)),
    ("25", "female", "pregnant", (None, 290, 350, 350)),
    ("40", "female", "pregnant", (None, 300, 360, 350)),
    ("17", "female", "lactating", (None, 300, 360, 350)),
    ("25", "female", "lactating", (None, 255, 310, 350)),
    ("40", "female", "lactating", (None, 265, 320, 350)),
]


def _values(row: ReferenceRow) -> tuple[float | None, ...]:
    return (row.ai_mg, row.ear_mg, row.rda_mg, row.ul_mg)


@pytest.mark.parametrize(("age", "sex", "state", "expected"), US)
def test_us_values(
    age: str, sex: str | None, state: str | None, expected: tuple[float | None, ...]
) -> None:
    profile = make_profile(
        age=age, sex=sex, pregnant=state == "pregnant", lactating=state == "lactating"
    )
    assert _values(find_group(profile).row) == expected


@pytest.mark.parametrize(
    ("age", "group"),
    [
        ("4mo", "0–6 mo"),
        ("5.99mo", "0–6 mo"),
        ("6mo", "7–12 mo"),
        ("0.99", "7–12 mo"),
        ("1", "1–3 y"),
        ("3.99", "1–3 y"),
        ("4", "4–8 y"),
        ("8.99", "4–8 y"),
        ("9", "9–13 y"),
        ("13.99", "9–13 y"),
        ("14", "14–18 y"),
        ("18.99", "14–18 y"),
        ("19", "19–30 y"),
        ("30.99", "19–30 y"),
        ("31", "31–50 y"),
        ("51", "51–70 y"),
        ("70.99", "51–70 y"),
        ("71", ">70 y"),
        ("120", ">70 y"),
    ],
)
def test_us_boundaries_are_birthdays(age: str, group: str) -> None:
    assert find_group(make_profile(age=age, sex="female")).row.group == group


def test_infants_have_no_ul() -> None:
    row = find_group(make_profile(age="3mo")).row
    assert (row.ul_mg, row.ul_status) == (None, "not_established")


def test_pregnancy_under_14_uses_the_youngest_group_with_a_note() -> None:
    group = find_group(make_profile(age="13", pregnant=True))
    assert group.row.group == "Pregnancy ≤18 y"
    assert "youngest pregnancy group" in group.notes[0]


def test_sex_is_needed_where_values_differ() -> None:
    with pytest.raises(BadProfile, match="add --sex female or --sex male"):
        find_group(make_profile(age="42"))
    assert find_group(make_profile(age="10")).row.rda_mg == 240  # same for both sexes


# EFSA 2015 AIs and the SCF/EFSA UL (reference-values.md §4).
@pytest.mark.parametrize(
    ("age", "sex", "ai", "ul"),
    [
        ("3mo", None, None, None),
        ("9mo", None, 80, None),
        ("2", None, 170, None),
        ("3", None, 230, None),
        ("3.99", None, 230, None),
        ("4", None, 230, 250),
        ("12", "male", 300, 250),
        ("12", "female", 250, 250),
        ("18", "male", 350, 250),
        ("18", "female", 300, 250),
    ],
)
def test_eu_values(age: str, sex: str | None, ai: float | None, ul: float | None) -> None:
    row = find_group(make_profile(age=age, sex=sex, standard="eu")).row
    assert (row.ai_mg, row.ul_mg, row.ear_mg, row.rda_mg) == (ai, ul, None, None)


@pytest.mark.parametrize(
    ("standard", "age", "sex", "field", "value"),
    [
        ("dach", "2mo", None, "ai_mg", 24),
        ("dach", "6mo", None, "ai_mg", 80),
        ("dach", "14", "male", "ai_mg", 280),
        ("dach", "16", "female", "ai_mg", 260),
        ("dach", "19", "male", "ai_mg", 350),
        ("who", "2", None, "rda_mg", 60),
        ("who", "30", "male", "rda_mg", 260),
        ("who", "70", "female", "rda_mg", 190),
        ("uk", "30", "female", "rda_mg", 270),
        ("uk", "30", "male", "ul_mg", 400),
        ("uk", "12", None, "rda_mg", 280),
    ],
)
def test_other_standards(
    standard: str, age: str, sex: str | None, field: str, value: float
) -> None:
    row = find_group(make_profile(age=age, sex=sex, standard=standard)).row
    assert getattr(row, field) == value


def test_pregnancy_and_lactation_in_other_standards() -> None:
    assert find_group(make_profile(age="30", pregnant=True, standard="eu")).row.ai_mg == 300
    assert find_group(make_profile(age="30", lactating=True, standard="who")).row.rda_mg == 270
    uk = find_group(make_profile(age="30", pregnant=True, standard="uk")).row
    assert (uk.rda_mg, uk.ai_mg, uk.ul_status) == (None, None, "not_set")


@pytest.mark.parametrize(
    ("age", "sex", "ul"),
    [("2mo", None, None), ("3.99", None, None), ("4", None, 250), ("40", "female", 250)],
)
def test_dach_upper_level_is_efsas_from_age_4(age: str, sex: str | None, ul: int | None) -> None:
    # clinical.md: BfR advises EFSA's 250 mg/day of supplements from age 4; none below 4.
    row = find_group(make_profile(age=age, sex=sex, standard="dach")).row
    assert row.ul_mg == ul
    assert row.ul_status == ("set" if ul else "not_established")
    if ul:
        assert "EFSA" in row.note
        assert "Switzerland is not covered" in row.note
        assert "EFSA 2006" in row.source


@pytest.mark.parametrize(
    ("standard", "age", "state", "ai"),
    [
        ("eu", "16", "pregnant", 250),
        ("eu", "17.9", "lactating", 250),
        ("eu", "18", "pregnant", 300),
        ("dach", "14", "pregnant", 240),
        ("dach", "16", "lactating", 260),
        ("dach", "18.9", "pregnant", 260),
        ("dach", "19", "lactating", 300),
    ],
)
def test_young_pregnancy_and_lactation_use_the_girls_value(
    standard: str, age: str, state: str, ai: int
) -> None:
    # clinical.md: EFSA under 18, D-A-CH under 19: the girls' value of that age, with a note.
    profile = make_profile(
        age=age, pregnant=state == "pregnant", lactating=state == "lactating", standard=standard
    )
    row = find_group(profile).row
    assert row.ai_mg == ai
    if ai != 300:
        assert "girls' value" in row.note


# NHMRC 2006 (reference-values.md §6; clinical.md, 2026-12-07: the IOM's ULs of 65 mg (1–3 y),
# 110 mg (4–8 y), 350 mg (9 y and over, pregnancy, lactation) and women 19–30 y RDI 310, all
# secondary): (age, sex, state) -> (EAR, RDI, UL, evidence).
ANZ = [
    ("3mo", None, None, (None, None, None, "secondary")),
    ("2", None, None, (65, 80, 65, "secondary")),
    ("6", None, None, (110, 130, 110, "secondary")),
    ("10", None, None, (200, 240, 350, "secondary")),
    ("15", "male", None, (340, 410, 350, "secondary")),
    ("15", "female", None, (300, 360, 350, "secondary")),
    ("25", "male", None, (330, 400, 350, "secondary")),
    ("25", "female", None, (255, 310, 350, "secondary")),
    ("40", "male", None, (350, 420, 350, "secondary")),
    ("40", "female", None, (None, 320, 350, "secondary")),
    ("17", None, "pregnant", (None, 400, 350, "secondary")),
    ("25", None, "pregnant", (None, 350, 350, "secondary")),
    ("35", None, "pregnant", (None, 360, 350, "secondary")),
    ("17", None, "lactating", (None, 360, 350, "secondary")),
    ("25", None, "lactating", (None, 310, 350, "secondary")),
    ("35", None, "lactating", (None, 320, 350, "secondary")),
]


@pytest.mark.parametrize(("age", "sex", "state", "expected"), ANZ)
def test_anz_values(
    age: str, sex: str | None, state: str | None, expected: tuple[object, ...]
) -> None:
    profile = make_profile(
        age=age, sex=sex, pregnant=state == "pregnant", lactating=state == "lactating",
        standard="anz",
    )  # fmt: skip
    row = find_group(profile).row
    assert (row.ear_mg, row.rda_mg, row.ul_mg, row.evidence) == expected


def test_anz_infants_have_the_iom_ais() -> None:
    assert find_group(make_profile(age="3mo", standard="anz")).row.ai_mg == 30
    assert find_group(make_profile(age="9mo", standard="anz")).row.ai_mg == 75
    # NHMRC, as the IOM: an infant UL is not possible to establish (not merely not set).
    for age in ("3mo", "9mo"):
        assert find_group(make_profile(age=age, standard="anz")).row.ul_status == (
            "not_established"
        )


# NNR 2023 [S] (clinical.md): (age, sex) -> (AI, UL); the UL applied from 18 y only.
@pytest.mark.parametrize(
    ("age", "sex", "ai", "ul"),
    [
        ("3mo", None, 25, None),  # 0–6 months AI 25 (transcription of NNR 2023 Table 15)
        ("9mo", None, 80, None),
        ("2", None, 170, None),
        ("10", None, 230, None),
        ("11", "female", 250, None),
        ("17", "male", 300, None),
        ("18", "female", 300, 250),
        ("18", "male", 350, 250),
    ],
)
def test_nordic_values(age: str, sex: str | None, ai: int | None, ul: int | None) -> None:
    row = find_group(make_profile(age=age, sex=sex, standard="nordic")).row
    assert (row.ai_mg, row.ul_mg, row.evidence) == (ai, ul, "secondary")


# NNR 2023 Table 15 (a transcription, clinical.md [S]): AI 300 in pregnancy and lactation at
# every age; the supplement UL of 250 mg for adults, so from 18 y only.
@pytest.mark.parametrize(
    ("age", "state", "ai", "ul", "ul_status"),
    [
        ("16", "pregnant", 300, None, "not_set"),
        ("17.9", "lactating", 300, None, "not_set"),
        ("18", "pregnant", 300, 250, "set"),
        ("30", "pregnant", 300, 250, "set"),
        ("30", "lactating", 300, 250, "set"),
    ],
)
def test_nordic_pregnancy_and_lactation(
    age: str, state: str, ai: int, ul: int | None, ul_status: str
) -> None:
    profile = make_profile(
        age=age, pregnant=state == "pregnant", lactating=state == "lactating", standard="nordic"
    )
    row = find_group(profile).row
    assert (row.ai_mg, row.ear_mg, row.rda_mg) == (ai, None, None)  # provisional ARs not shipped
    assert (row.ul_mg, row.ul_status, row.evidence) == (ul, ul_status, "secondary")
    assert "transcription of NNR 2023 Table 15" in row.note


def test_every_row_has_a_source_and_uk_and_nordic_are_secondary() -> None:
    rows = reference_rows()
    assert all(row.source for row in rows)
    assert {row.evidence for row in rows if row.standard == "uk"} == {"secondary"}
    assert {row.evidence for row in rows if row.standard == "nordic"} == {"secondary"}


# US Daily Values by group (clinical.md, FDA 2016 rule [S]).
@pytest.mark.parametrize(
    ("months", "state", "value"),
    [(3, "none", None), (9, "none", 75), (24, "none", 80), (48, "none", 420),
     (500, "none", 420), (300, "pregnant", 400), (300, "lactating", 400),
     # Each group's first month is its own, its end the next group's (FDA: 7–12 months, 1–3 y).
     (6, "none", 75), (12, "none", 80), (47.9, "none", 80)],
)  # fmt: skip
def test_us_daily_values_by_group(months: int, state: str, value: int | None) -> None:
    found = label_for("us", months, state)
    assert (found.value_mg if found else None) == value
    if found:
        assert found.evidence == "secondary"


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (3, "age_to_months", "50", "row 3: overlaps the value for 'adults and children from 4 y'"),
        # Two open-ended values overlap however late the second starts (here at 100 months).
        (3, "age_from_months", "100", "row 3: overlaps the value for 'adults and children from"),
        (4, "age_to_months", "12", "row 4, field 'age_to_months': age_to_months must be above"),
        (6, "state", "none", "row 6: overlaps"),
    ],
)
def test_overlapping_label_values_are_refused(
    line: int, column: str, value: str, expected: str
) -> None:
    text = edit_csv(data_file("labels.csv").read_text(encoding="utf-8"), line, column, value)
    if column == "age_from_months":  # open-ended from there
        text = edit_csv(text, line, "age_to_months", "")
    rows = read_table(
        text, "data/labels.csv", LabelValue, columns=tuple(LabelValue.model_fields),
        text_columns=("note",),
    )  # fmt: skip
    with pytest.raises(DataError, match=expected):
        check_labels(rows, "data/labels.csv")


# The table's integrity, tested over the data and over corrupted copies.

TEXT = data_file("reference.csv").read_text(encoding="utf-8")
COLUMNS = tuple(ReferenceRow.model_fields)


def _rows(text: str) -> tuple[ReferenceRow, ...]:
    return read_table(
        text, "data/reference.csv", ReferenceRow, columns=COLUMNS, text_columns=("note",)
    )


def _edit(line: int, column: str, value: str) -> str:
    return edit_csv(TEXT, line, column, value)


def test_shipped_table_tiles_every_age() -> None:
    check_tiling(reference_rows(), "data/reference.csv")


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (5, "age_from_months", "50", "gap between"),
        (5, "age_from_months", "40", "overlaps"),
        (2, "age_from_months", "1", "row 2: the first group must start at age 0"),
        (16, "age_to_months", "1200", "row 16, field 'age_to_months': the last group must have"),
        (5, "age_from_months", "47", "overlaps between '1–3 y' and '4–8 y'"),
        (5, "age_from_months", "49", "gap between '1–3 y' and '4–8 y'"),
        # A group left open-ended overlaps the next, however late that starts (168 months).
        (6, "age_to_months", "", "row 8, field 'age_from_months': overlaps between '9–13 y'"),
    ],
)
def test_tiling_errors_name_the_row(line: int, column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        check_tiling(_rows(_edit(line, column, value)), "data/reference.csv")
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("line", "column", "value", "expected"),
    [
        (4, "ul_mg", "", "row 4: ul_mg is given exactly when ul_status is 'set'"),
        (4, "ear_mg", "90", "row 4: ear_mg is above rda_mg"),
        (4, "rda_mg", "-80", "row 4, field 'rda_mg'"),
        (4, "standard", "mars", "row 4, field 'standard'"),
        (4, "evidence", "hearsay", "row 4, field 'evidence'"),
        (4, "age_to_months", "12", "row 4: age_to_months must be above age_from_months"),
        (4, "age_to_months", "11", "row 4: age_to_months must be above age_from_months"),
        (17, "sex", "any", "row 17: pregnancy and lactation rows are for sex 'female'"),
        (20, "sex", "male", "row 20: pregnancy and lactation rows are for sex 'female'"),
    ],
)
def test_bad_rows_are_reported(line: int, column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError) as caught:
        _rows(_edit(line, column, value))
    assert expected in str(caught.value)


def _profile_in(row: ReferenceRow, months: float) -> Profile:
    sex = "female" if row.sex == "any" else row.sex
    return make_profile(
        age=f"{months:g}mo",
        sex=sex,
        standard=row.standard,
        pregnant=row.state == "pregnant",
        lactating=row.state == "lactating",
    )


def _all_rows() -> list[ReferenceRow]:
    return list(reference_rows())


def _row_id(row: ReferenceRow) -> str:
    return f"{row.standard} {row.group} {row.sex} {row.state}"


@pytest.mark.parametrize("row", _all_rows(), ids=_row_id)
def test_the_first_and_last_month_of_every_group(row: ReferenceRow) -> None:
    # Through find_group, the code every command uses, not the row's own bounds.
    first = find_group(_profile_in(row, row.age_from_months))
    assert (first.row, first.notes) == (row, ())
    last_month = (row.age_to_months or MAX_AGE_YEARS * 12) - 0.01
    last = find_group(_profile_in(row, last_month))
    assert (last.row, last.notes) == (row, ())
    if row.age_to_months is not None and row.state == "none":
        assert find_group(_profile_in(row, row.age_to_months)).row is not row


@pytest.mark.parametrize(
    ("standard", "state", "age", "group", "word"),
    [
        ("us", "pregnant", "55", "Pregnancy 31–50 y", "pregnancy"),
        ("us", "lactating", "51", "Lactation 31–50 y", "lactation"),
        ("us", "pregnant", "13", "Pregnancy ≤18 y", "pregnancy"),
        ("us", "lactating", "12.5", "Lactation ≤18 y", "lactation"),
        # ANZ is the other standard whose oldest groups end (at 51 y); the rest are open-ended.
        ("anz", "pregnant", "55", "Pregnancy 31–50 y", "pregnancy"),
        ("anz", "lactating", "51", "Lactation 31–50 y", "lactation"),
    ],
)
def test_pregnancy_and_lactation_outside_their_groups(
    standard: str, state: str, age: str, group: str, word: str
) -> None:
    profile = make_profile(
        age=age, standard=standard, pregnant=state == "pregnant", lactating=state == "lactating"
    )
    found = find_group(profile)
    assert found.row.group == group
    side = "Below the youngest" if float(age) < 14 else "Above the oldest"
    assert found.notes == (f"{side} {word} group: '{group}' used.",)


def test_the_oldest_pregnancy_group_keeps_its_values() -> None:
    # A pregnant woman of 55 is given the IOM's 31–50 y pregnancy values: EAR 300, RDA 360.
    row = find_group(make_profile(age="55", pregnant=True)).row
    assert (row.ear_mg, row.rda_mg, row.ul_mg) == (300, 360, 350)


def test_an_ear_equal_to_the_rda_is_allowed() -> None:
    rows = _rows(_edit(4, "ear_mg", "80"))  # 1–3 y: RDA 80
    assert rows[2].ear_mg == rows[2].rda_mg == 80


def test_a_group_covers_its_first_month_and_not_its_end() -> None:
    row = find_group(make_profile(age="2")).row  # us 1–3 y: months 12 to 48
    assert (row.covers(12), row.covers(47.99), row.covers(48), row.covers(11.99)) == (
        True, True, False, False,
    )  # fmt: skip
    last = find_group(make_profile(age="80", sex="female")).row
    assert last.covers(10**6)


@pytest.mark.parametrize(
    ("age", "shown"), [("1.5", "18 months"), ("1.99", "23.88 months"), ("2", "2"), ("30", "30")]
)
def test_ages_in_messages(age: str, shown: str) -> None:
    # Two years and older are said in years, younger in months (eu 10–<18 y differs by sex).
    person = make_profile(age=age, standard="eu" if float(age) >= 10 else "us")
    if float(age) < 10:
        assert find_group(person).row.sex == "any"
        from mgcalc.nutrition.standards import _age_text

        assert _age_text(float(age) * 12) == shown
        return
    with pytest.raises(BadProfile) as caught:
        find_group(person)
    assert str(caught.value) == (
        f"eu values at age {shown} differ by sex: add --sex female or --sex male"
    )


def test_a_pregnancy_exactly_at_the_youngest_group_has_no_note() -> None:
    youngest = find_group(make_profile(age="14", pregnant=True))
    assert (youngest.row.group, youngest.notes) == ("Pregnancy ≤18 y", ())
    just_below = find_group(make_profile(age="13.99", pregnant=True))
    assert just_below.notes == ("Below the youngest pregnancy group: 'Pregnancy ≤18 y' used.",)


def test_a_late_value_overlapping_an_open_ended_one_is_refused() -> None:
    # 'children 1–3 y' moved to 100 years and up: it overlaps 'adults and children from 4 y'.
    text = data_file("labels.csv").read_text(encoding="utf-8")
    text = edit_csv(edit_csv(text, 4, "age_to_months", ""), 4, "age_from_months", "1200")
    rows = read_table(
        text, "data/labels.csv", LabelValue, columns=tuple(LabelValue.model_fields),
        text_columns=("note",),
    )  # fmt: skip
    with pytest.raises(DataError, match="row 4: overlaps the value for 'adults and children"):
        check_labels(rows, "data/labels.csv")


def test_a_standard_or_a_state_without_rows_is_refused() -> None:
    rows = reference_rows()
    without_nordic = tuple(row for row in rows if row.standard != "nordic")
    with pytest.raises(DataError, match="no rows for standard 'nordic'"):
        check_tiling(without_nordic, "data/reference.csv")
    not_pregnant = tuple(row for row in rows if (row.standard, row.state) != ("us", "pregnant"))
    with pytest.raises(DataError, match="no 'pregnant' rows for female in 'us'"):
        check_tiling(not_pregnant, "data/reference.csv")


@pytest.mark.parametrize("standard", ["who", "uk", "nordic"])
def test_a_young_pregnancy_under_a_single_group(standard: str) -> None:
    # These standards have one pregnancy row, from 14 y: a girl of 12 is given it, with a note.
    found = find_group(make_profile(age="12", standard=standard, pregnant=True))
    assert found.row.group == "Pregnancy"
    assert found.notes == ("Below the youngest pregnancy group: 'Pregnancy' used.",)


def test_a_row_for_both_sexes_says_null_in_json() -> None:
    rows = {(row.group, row.sex): row for row in reference_rows() if row.standard == "us"}
    assert rows[("4–8 y", "any")].model_dump(mode="json")["sex"] is None
    assert rows[("19–30 y", "female")].model_dump(mode="json")["sex"] == "female"


def test_standard_labels_are_that_standards_own() -> None:
    from mgcalc.nutrition.standards import standard_labels

    assert [value.value_mg for value in standard_labels("us")] == [420, 75, 80, 400, 400]
    assert {value.standard for value in standard_labels("eu")} == {"eu"}


def test_an_open_ended_value_overlaps_an_earlier_late_one() -> None:
    # The earlier row starts at 100 months, the later is open-ended from 6: they overlap.
    text = data_file("labels.csv").read_text(encoding="utf-8")
    text = edit_csv(edit_csv(text, 2, "age_from_months", "100"), 3, "age_to_months", "")
    rows = read_table(
        text, "data/labels.csv", LabelValue, columns=tuple(LabelValue.model_fields),
        text_columns=("note",),
    )  # fmt: skip
    with pytest.raises(DataError, match="row 3: overlaps the value for 'adults and children"):
        check_labels(rows, "data/labels.csv")
