"""Serum magnesium: unit conversions and IOM 1997's interval (clinical.md)."""

from __future__ import annotations

import pytest

from mgcalc.clinical.serum import BadSerum, serum

# clinical.md: 1 mmol/L = 2 mEq/L = 24.305 mg/L = 2.4305 mg/dL. Hand-computed, to 0.05 %.
TOLERANCE = 5e-4


@pytest.mark.parametrize(
    ("text", "mmol", "mg_dl", "meq", "status"),
    [
        ("2.0mg/dL", 0.823, 2.0, 1.646, "within"),
        ("0.5mmol/L", 0.5, 1.215, 1.0, "below"),
        ("1.5mEq/L", 0.75, 1.823, 1.5, "within"),  # the lower bound is included
        ("1.8mg/dL", 0.7406, 1.8, 1.4812, "below"),  # IOM's 1.8 rounds 0.75 mmol/L down
        ("0.95mmol/L", 0.95, 2.309, 1.9, "within"),  # the upper bound is included
        ("2.31mg/dL", 0.9504, 2.31, 1.901, "above"),
        ("20mg/L", 0.823, 2.0, 1.646, "within"),
        ("2 mg/dl", 0.823, 2.0, 1.646, "within"),
        ("0.8 MMOL/L", 0.8, 1.944, 1.6, "within"),
    ],
)
def test_converts_and_places(text: str, mmol: float, mg_dl: float, meq: float, status: str) -> None:
    result = serum(text)
    assert result.mmol_per_l == pytest.approx(mmol, rel=TOLERANCE)
    assert result.mg_per_dl == pytest.approx(mg_dl, rel=TOLERANCE)
    assert result.meq_per_l == pytest.approx(meq, rel=TOLERANCE)
    assert result.mg_per_l == pytest.approx(10 * mg_dl, rel=TOLERANCE)
    assert result.status == status


def test_the_interval_is_iom_1997() -> None:
    interval = serum("2.0mg/dL").interval
    assert (interval.low_mmol_per_l, interval.high_mmol_per_l) == (0.75, 0.95)
    assert "IOM 1997" in interval.source


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        ("2.0mg/dL", []),
        ("1.49mEq/L", [1.5]),  # the label's hypomagnesemia: less than 1.5 mEq/L
        ("1.5mEq/L", []),
        ("4mEq/L", []),
        ("4.1mEq/L", [4.0, 10.0]),  # reflexes decrease above 4 mEq/L; 10 is the next level
        ("10mEq/L", [4.0, 10.0]),  # approaching 10 mEq/L: respiratory paralysis
    ],
)
def test_label_thresholds_shown_where_passed(text: str, passed: list[float]) -> None:
    thresholds = serum(text).thresholds
    assert [threshold.meq_per_l for threshold in thresholds] == passed
    assert all(threshold.evidence == "primary" for threshold in thresholds)


# The label's ladder (clinical.md): below 1.5 mEq/L; above 4 mEq/L; above 4, the 10 mEq/L
# level as the next; at or above 10, reached.
@pytest.mark.parametrize(
    ("text", "ladder"),
    [
        ("1.4mEq/L", [(1.5, "below")]),
        ("4.1mEq/L", [(4.0, "above"), (10.0, "next")]),
        ("9.9mEq/L", [(4.0, "above"), (10.0, "next")]),
        ("10mEq/L", [(4.0, "above"), (10.0, "above")]),
        ("5mmol/L", [(4.0, "above"), (10.0, "above")]),  # 1 mmol/L = 2 mEq/L
    ],
)
def test_the_label_s_ladder(text: str, ladder: list[tuple[float, str]]) -> None:
    thresholds = serum(text).thresholds
    assert [(each.meq_per_l, each.passed) for each in thresholds] == ladder


def test_the_next_level_says_what_the_label_says() -> None:
    following = serum("9.9mEq/L").thresholds[-1]
    assert following.passed == "next"
    assert following.text.startswith("Next level, approaching 10 mEq/L")
    assert "respiratory paralysis may occur" in following.text
    assert "At or above 10 mEq/L" in serum("10mEq/L").thresholds[-1].text


def test_says_the_laboratory_prevails_and_gives_no_advice() -> None:
    notes = " ".join(serum("0.5mmol/L").notes)
    assert "laboratory's own reference interval prevails" in notes
    assert "not treatment advice" in notes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2.0", "has no unit"),
        ("-1mmol/L", "negative"),
        ("2.0mg/kg", "unknown unit 'mg/kg'"),
        ("2,0mg/dL", "cannot read serum value"),
        ("1e9mmol/L", "implausibly high"),
        ("", "cannot read serum value"),
    ],
)
def test_refusals(text: str, message: str) -> None:
    with pytest.raises(BadSerum) as caught:
        serum(text)
    assert message in str(caught.value)


def test_thresholds_in_mmol_per_l() -> None:
    # 1 mmol/L = 2 mEq/L (clinical.md): 1.5, 4 and 10 mEq/L are 0.75, 2 and 5 mmol/L.
    thresholds = serum("1.4mEq/L").thresholds + serum("10mEq/L").thresholds
    assert [threshold.mmol_per_l for threshold in thresholds] == [0.75, 2.0, 5.0]


# The bounds are included with a slack of one part in 10⁹ for float rounding: a value at the
# very edge of the slack still counts as the bound. repr() gives the float back exactly, and
# mmol/L and mEq/L are read with factors of 1 and 2 (exact), so each value is the edge itself.
@pytest.mark.parametrize(
    ("text", "status", "passed"),
    [
        (f"{0.75 * (1 - 1e-9)!r}mmol/L", "within", []),
        (f"{0.95 * (1 + 1e-9)!r}mmol/L", "within", []),
        (f"{1.5 * (1 - 1e-9)!r}mEq/L", "within", []),
        (f"{4.0 * (1 + 1e-9)!r}mEq/L", "above", []),
        (f"{4.0 * (1 + 2e-9)!r}mEq/L", "above", [4.0, 10.0]),
        (f"{10.0 * (1 - 1e-9)!r}mEq/L", "above", [4.0, 10.0]),
    ],
)
def test_each_bound_at_the_edge_of_its_slack(text: str, status: str, passed: list[float]) -> None:
    result = serum(text)
    assert result.status == status
    assert [threshold.meq_per_l for threshold in result.thresholds] == passed


def test_the_highest_value_read_is_100_mmol_per_l() -> None:
    assert serum("100mmol/L").mmol_per_l == 100.0
    with pytest.raises(BadSerum, match="implausibly high"):
        serum("100.1mmol/L")


@pytest.mark.parametrize(("zeros", "read"), [(94, True), (95, False)])
def test_values_up_to_100_characters_are_read(zeros: int, read: bool) -> None:
    text = "0" * zeros + "2mg/dL"  # 100 characters, then 101
    if read:
        assert serum(text).mg_per_dl == pytest.approx(2.0, rel=TOLERANCE)
    else:
        with pytest.raises(BadSerum, match=r"cannot read serum value '0{40}…'"):
            serum(text)


@pytest.mark.parametrize(("text", "shown"), [("x" * 40, "x" * 40), ("x" * 41, "x" * 40 + "…")])
def test_an_unreadable_value_is_shown_up_to_40_characters(text: str, shown: str) -> None:
    with pytest.raises(BadSerum) as caught:
        serum(text)
    assert str(caught.value) == (
        f"cannot read serum value '{shown}'; write e.g. 2.0mg/dL or 0.8mmol/L"
    )


# What the user reads, whole: the interval's source, the label's texts, the notes and refusals
# (clinical.md, "Serum / plasma magnesium": IOM 1997 ch. 6; the magnesium sulfate label).
def test_the_interval_and_the_label_s_texts_whole() -> None:
    result = serum("0.5mmol/L")
    assert result.interval.source == (
        "IOM 1997, Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D and "
        'Fluoride, ch. 6: "The normal serum magnesium concentration is 0.75 to 0.95 mmol/liter '
        '(1.8 to 2.3 mg/dl)"'
    )
    (low,) = result.thresholds
    assert (low.meq_per_l, low.mmol_per_l, low.passed, low.evidence) == (
        1.5, 0.75, "below", "primary"
    )  # fmt: skip
    assert low.text == (
        "Below 1.5 mEq/L: hypomagnesemia, as the magnesium sulfate injection label defines it."
    )
    assert low.source == "Magnesium sulfate injection label (DailyMed, Pfizer)"
    four, ten = serum("12mEq/L").thresholds
    assert four.text == (
        "Above 4 mEq/L: deep tendon reflexes decrease as serum magnesium rises (magnesium "
        "sulfate injection label)."
    )
    assert ten.text == (
        "At or above 10 mEq/L: the label's level at which deep tendon reflexes disappear and "
        "respiratory paralysis may occur ('approaching 10 mEq/L', magnesium sulfate injection "
        "label)."
    )
    assert serum("4.1mEq/L").thresholds[-1].text == (
        "Next level, approaching 10 mEq/L: reflexes disappear and respiratory paralysis may "
        "occur (magnesium sulfate injection label)."
    )
    assert result.notes == (
        "A laboratory's own reference interval prevails: published intervals differ "
        "(Merck Manual 1.8–2.6 mg/dL; Medscape 1.7–2.1 mg/dL; secondary sources).",
        "IOM's 1.8–2.3 mg/dL is its rounding of 0.75–0.95 mmol/L: mgcalc decides in "
        "mmol/L, bounds included.",
        "A unit conversion and a comparison with a published interval, not treatment advice.",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2.0", "serum value '2.0' has no unit; add mg/dL, mmol/L, mEq/L or mg/L"),
        ("-1mmol/L", "serum value '-1mmol/L' is negative"),
        ("2.0mg/kg", "unknown unit 'mg/kg' in '2.0mg/kg'; use mg/dL, mmol/L, mEq/L or mg/L"),
        ("2,0mg/dL", "cannot read serum value '2,0mg/dL'; write e.g. 2.0mg/dL or 0.8mmol/L"),
        ("200mmol/L", "serum value '200mmol/L' is implausibly high (over 100 mmol/L)"),
    ],
)
def test_refusals_whole(text: str, message: str) -> None:
    with pytest.raises(BadSerum) as caught:
        serum(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "mmol"),
    [
        ("2.4305 MG / DL", 1.0),  # units folded: case and spaces
        ("2 mEq/L", 1.0),
        ("24.305 mg/L", 1.0),
        ("1 mmol/L", 1.0),
    ],
)
def test_each_unit_read_as_typed(text: str, mmol: float) -> None:
    # clinical.md: 1 mmol/L = 2 mEq/L = 24.305 mg/L = 2.4305 mg/dL.
    assert serum(text).mmol_per_l == pytest.approx(mmol, rel=TOLERANCE)


def test_ten_meq_per_l_counts_from_the_very_edge_of_its_slack() -> None:
    # The label's "approaching 10 mEq/L" is included: 10 × (1 − 1e-9), exactly, passes it.
    edge = serum("9.999999990000001mEq/L")
    assert edge.meq_per_l == 10 * (1 - 1e-9)
    assert [(level.meq_per_l, level.passed) for level in edge.thresholds] == [
        (4.0, "above"), (10.0, "above")
    ]  # fmt: skip
    below = serum("9.99999998mEq/L")
    assert [(level.meq_per_l, level.passed) for level in below.thresholds] == [
        (4.0, "above"), (10.0, "next")
    ]  # fmt: skip
