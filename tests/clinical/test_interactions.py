"""Interactions: lookup by generic or class name, and --with in dose, plan and requests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import assert_refused, edit_csv

from mgcalc.clinical.interactions import (
    Interaction,
    UnknownMedicine,
    edits,
    find,
    interactions_table,
    list_interactions,
    matches,
    typo_of,
)
from mgcalc.datafiles import data_file
from mgcalc.errors import DataError
from mgcalc.tables import read_table

# Every row clinical.md ("Additions and corrections, 2026-12-07") confirms: the hours the
# medicine goes before and after magnesium (None: no source gives one), and the row's mark.
EXPECTED = {
    "tetracyclines": (2, 6, "secondary"),  # ODS 2 h before / 4–6 h after; SmPC 2–3 h shorter
    "ciprofloxacin": (2, 6, "primary"),
    "moxifloxacin": (4, 8, "primary"),  # Avelox US PI: 4 h before or 8 h after
    "levofloxacin": (2, 6, "secondary"),
    "quinolones": (2, 6, "secondary"),  # ofloxacin, norfloxacin: ODS class figures
    "bisphosphonates": (4, 4, "primary"),  # UK SmPC 3–4 h: the upper end
    "dolutegravir": (2, 6, "secondary"),
    "bictegravir": (2, 6, "primary"),
    "raltegravir": (None, None, "secondary"),
    "levothyroxine": (4, 4, "secondary"),
    "aminoquinolines": (4, 4, "primary"),
    "quinidine": (4, 4, "primary"),
    "nitrofurantoin": (4, 4, "primary"),
    "penicillamine": (4, 4, "primary"),
    "iron": (4, 4, "primary"),
    "nitroxoline": (4, 4, "primary"),
    "eltrombopag": (4, 4, "primary"),  # EU SmPC and emc 4841: 4 h; not 3–4 h
    "fluorides": (3, 3, "primary"),  # 2–3 hours or more: the upper end
    "gabapentin": (None, 2, "secondary"),  # 2 h after the antacid
    "erlotinib": (2, 4, "primary"),  # emc 4841: magnesium 4 h before or 2 h after
    "cellulose-sodium-phosphate": (1, 1, "primary"),
    "edetate-disodium": (1, 1, "primary"),
    **{
        key: (None, None, "primary")
        for key in (
            "digoxin",
            "mycophenolate",
            "rosuvastatin",
            "phenytoin",
            "atazanavir",
            "ketoconazole",
            "itraconazole",
            "cefpodoxime",
            "deflazacort",
            "fexofenadine",
        )
    },
    "baloxavir": (None, None, "secondary"),
    "sodium-polystyrene-sulfonate": (None, None, "primary"),
    "proton-pump-inhibitors": (None, None, "primary"),
    "loop-diuretics": (None, None, "primary"),
    "thiazide-diuretics": (None, None, "primary"),
    "potassium-sparing-diuretics": (None, None, "secondary"),
    **{
        key: (None, None, "primary")
        for key in (
            "egfr-antibodies",
            "aminoglycosides",
            "cisplatin",
            "ciclosporin",
            "foscarnet",
            "pentamidine",
            "amphotericin-b",
            "rapamycin",
        )
    },
    "neuromuscular-blockers": (None, None, "primary"),
    "cns-depressants": (None, None, "primary"),
    "digoxin-injection": (None, None, "primary"),
}
INJECTION_ONLY = {"neuromuscular-blockers", "cns-depressants", "digoxin-injection"}


def test_every_row_of_the_reference_and_no_other() -> None:
    rows = {
        row.key: (row.medicine_before_h, row.medicine_after_h, row.evidence)
        for row in interactions_table().rows
    }
    assert rows == EXPECTED
    assert all(row.source and row.effect and row.spacing for row in interactions_table().rows)
    assert {row.key for row in interactions_table().rows if row.injection_only} == INJECTION_ONLY


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("doxycycline", ["tetracyclines"]),
        ("Ciprofloxacin", ["ciprofloxacin"]),
        ("moxifloxacin", ["moxifloxacin"]),
        ("ofloxacin", ["quinolones"]),
        ("fluoroquinolones", ["ciprofloxacin", "moxifloxacin", "levofloxacin", "quinolones"]),
        ("alendronate", ["bisphosphonates"]),
        ("dolutegravir", ["dolutegravir"]),
        ("bictegravir", ["bictegravir"]),
        ("integrase inhibitors", ["dolutegravir", "bictegravir", "raltegravir"]),
        ("Omeprazole", ["proton-pump-inhibitors"]),
        ("PPIs", ["proton-pump-inhibitors"]),
        ("furosemide", ["loop-diuretics"]),
        ("hydrochlorothiazide", ["thiazide-diuretics"]),
        ("spironolactone", ["potassium-sparing-diuretics"]),
        ("diuretics", ["loop-diuretics", "thiazide-diuretics", "potassium-sparing-diuretics"]),
        ("levothyroxine", ["levothyroxine"]),
        ("ferrous sulfate", ["iron"]),
        ("hydroxychloroquine", ["aminoquinolines"]),
        ("  Tetracycline  ", ["tetracyclines"]),
        ("gabapentin", ["gabapentin"]),
        ("erlotinib", ["erlotinib"]),
        ("digoxin", ["digoxin", "digoxin-injection"]),
        ("cisplatin", ["cisplatin"]),
        ("gentamicin", ["aminoglycosides"]),
        ("cetuximab", ["egfr-antibodies"]),
        ("neuromuscular blockers", ["neuromuscular-blockers"]),
    ],
)
def test_lookup_by_generic_or_class_name(name: str, keys: list[str]) -> None:
    assert [row.key for row in find(name)] == keys


@pytest.mark.parametrize(
    ("brand", "key"),
    [
        ("Cipro", "ciprofloxacin"), ("Avelox", "moxifloxacin"), ("Levaquin", "levofloxacin"),
        ("Synthroid", "levothyroxine"), ("Levoxyl", "levothyroxine"),
        ("Euthyrox", "levothyroxine"), ("Eltroxin", "levothyroxine"),
        ("Fosamax", "bisphosphonates"), ("Actonel", "bisphosphonates"),
        ("Boniva", "bisphosphonates"), ("Neurontin", "gabapentin"), ("Tivicay", "dolutegravir"),
        ("Isentress", "raltegravir"), ("Biktarvy", "bictegravir"), ("Promacta", "eltrombopag"),
        ("Revolade", "eltrombopag"), ("Tarceva", "erlotinib"), ("Vibramycin", "tetracyclines"),
        ("Doryx", "tetracyclines"), ("Minocin", "tetracyclines"), ("Lanoxin", "digoxin"),
        ("Prilosec", "proton-pump-inhibitors"), ("Nexium", "proton-pump-inhibitors"),
        ("Lasix", "loop-diuretics"), ("CIPRO", "ciprofloxacin"),
    ],
)  # fmt: skip
def test_brand_names_find_their_medicine(brand: str, key: str) -> None:
    # clinical.md's brand list (generic ↔ brand, secondary, for lookup only).
    assert find(brand)[0].key == key


def test_no_hour_is_invented() -> None:
    # Rows whose sources give no spacing say so in words and carry no number; every hour
    # given is in the row's own text (a range keeps its range: 3–4 hours → 4).
    for row in interactions_table().rows:
        hours = {row.medicine_before_h, row.medicine_after_h} - {None}
        if not hours:
            assert any(
                words in row.spacing
                for words in ("No spacing", "not recommended", "No hours", "separate the doses")
            ), row.key
        for hour in hours:
            assert f"{hour:g} hour" in row.spacing or f"–{hour:g} hours" in row.spacing, row.key


def test_unknown_names_say_absence_is_not_safety() -> None:
    with pytest.raises(UnknownMedicine, match="did you mean 'doxycycline'") as caught:
        find("doxycyclin")
    assert "not evidence of safety" in str(caught.value)
    with pytest.raises(UnknownMedicine, match="not evidence of safety"):
        find("warfarin")


def test_matches_lists_each_row_once() -> None:
    found = matches(["doxycycline", "minocycline", "furosemide"])
    assert [(match.name, match.matched) for match in found.matches] == [
        ("Tetracyclines", "doxycycline"), ("Loop diuretics", "furosemide"),
    ]  # fmt: skip
    assert found.unknown == ()


def test_matches_collects_the_unknown_names() -> None:
    found = matches(["doxycycline", "metformin", " warfarin ", "metformin"])
    assert [match.name for match in found.matches] == ["Tetracyclines"]
    assert found.unknown == ("metformin", "warfarin")
    with pytest.raises(UnknownMedicine, match="give a medicine's generic name"):
        matches(["doxycycline", " "])


def test_an_unknown_with_that_looks_like_a_typo_gets_a_hint(mgcalc: Any) -> None:
    found = matches(["doxycyclin", "metformin"])
    assert found.unknown == ("doxycyclin", "metformin")
    assert found.typos == (("doxycyclin", ("doxycycline",)),)
    data = mgcalc("dose", "oxide=400mg", "--with", "doxycyclin", "--with", "metformin", "--json")
    assert data.json()["warnings"][-1].startswith(
        "Not in mgcalc's interactions list: doxycyclin (did you mean 'doxycycline'?), metformin."
    )


def test_injection_rows_only_with_an_injection() -> None:
    # The magnesium sulfate injection label: neuromuscular blockers, CNS depressants,
    # digitalised patients (heart block); none of them for oral magnesium.
    oral = matches(["digoxin", "neuromuscular blockers"])
    assert [match.name for match in oral.matches] == ["Digoxin"]
    assert oral.injection_only == ("neuromuscular blockers",)
    injected = matches(["digoxin", "neuromuscular blockers", "CNS depressants"], injection=True)
    assert [match.name for match in injected.matches] == [
        "Digoxin", "Digoxin, with magnesium injection",
        "Neuromuscular blockers, with magnesium injection",
        "CNS depressants, with magnesium injection",
    ]  # fmt: skip
    assert injected.injection_only == ()


def test_interactions_command(mgcalc: Any) -> None:
    run = mgcalc("interactions")
    assert run.exit_code == 0
    assert "not evidence of safety" in run.stdout
    data = mgcalc("interactions", "doxycycline", "--json").json()
    assert data["query"] == "doxycycline"
    assert [row["key"] for row in data["interactions"]] == ["tetracyclines"]
    assert data["interactions"][0]["medicine_before_h"] == 2
    assert data["interactions"][0]["medicine_after_h"] == 6
    assert data["interactions"][0]["brands"] == ["Vibramycin", "Doryx", "Minocin"]
    moxifloxacin = mgcalc("interactions", "moxifloxacin", "--json").json()["interactions"]
    assert [(row["medicine_before_h"], row["medicine_after_h"]) for row in moxifloxacin] == [(4, 8)]
    cipro = mgcalc("interactions", "Cipro", "--json").json()
    assert [row["key"] for row in cipro["interactions"]] == ["ciprofloxacin"]
    assert_refused(mgcalc("interactions", "warfarin"), "absence from mgcalc's list is not")


def test_dose_with_prints_matching_rows_as_warnings(mgcalc: Any) -> None:
    data = mgcalc(
        "dose", "oxide=400mg", "--with", "doxycycline", "--with", "omeprazole", "--json"
    ).json()
    assert [row["name"] for row in data["interactions"]] == [
        "Tetracyclines", "Proton pump inhibitors",
    ]  # fmt: skip
    assert set(data["interactions"][0]) == {
        "name", "matched", "medicines", "effect", "medicine_before_h", "medicine_after_h",
        "spacing", "source", "evidence",
    }  # fmt: skip
    assert data["unknown_with"] == []
    assert any(
        line.startswith(
            "With doxycycline (tetracyclines): doxycycline ≥ 2 h before or ≥ 6 h after "
            "magnesium. Magnesium lowers their absorption"
        )
        and "Source (secondary): NIH ODS" in line
        for line in data["warnings"]
    )
    table = mgcalc("dose", "oxide=400mg", "--with", "furosemide").stdout
    assert "With furosemide (loop diuretics)" in table


def test_without_with_there_are_no_interactions(mgcalc: Any) -> None:
    assert mgcalc("dose", "oxide=400mg", "--json").json()["interactions"] == []


@pytest.mark.parametrize(
    "command", [["dose", "oxide=400mg"], ["plan", "oxide", "--target", "300mg"]]
)
def test_an_unknown_with_is_listed_and_the_check_goes_on(mgcalc: Any, command: list[str]) -> None:
    given = ["--with", "doxycycline", "--with", "metformin", "--with", "warfarin"]
    run = mgcalc(*command, *given, "--json")
    assert run.exit_code == 0
    data = run.json()
    assert data["unknown_with"] == ["metformin", "warfarin"]
    assert [row["name"] for row in data["interactions"]] == ["Tetracyclines"]
    unknown = [line for line in data["warnings"] if line.startswith("Not in mgcalc's")]
    assert unknown == [
        "Not in mgcalc's interactions list: metformin, warfarin. Absence from the list is "
        "not evidence of safety: ask a pharmacist."
    ]
    text = mgcalc(*command, *given)
    assert text.exit_code == 0
    assert "metformin, warfarin" in text.stdout
    assert "With doxycycline" in text.stdout


def test_moxifloxacin_headline_gives_both_directions(mgcalc: Any) -> None:
    # Avelox US PI: at least 4 hours before or 8 hours after Mg/Al antacids.
    data = mgcalc("dose", "oxide=400mg", "--with", "moxifloxacin", "--json").json()
    assert data["interactions"][0]["medicine_before_h"] == 4
    assert data["interactions"][0]["medicine_after_h"] == 8
    assert "moxifloxacin ≥ 4 h before or ≥ 8 h after magnesium" in data["warnings"][0]
    gabapentin = mgcalc("dose", "oxide=400mg", "--with", "Neurontin", "--json").json()
    assert "Neurontin ≥ 2 h after magnesium." in gabapentin["warnings"][0]
    assert gabapentin["interactions"][0]["medicine_before_h"] is None


def test_injection_rows_with_injection_forms(mgcalc: Any) -> None:
    # Magnesium sulfate injection label: neuromuscular blockers potentiated, CNS depressants
    # additive, digitalised patients heart block; oral forms do not show them.
    given = ["--with", "neuromuscular blockers", "--with", "digoxin"]
    iv = mgcalc("dose", "sulfate-injection-50=4mL", *given, "--json").json()
    assert [row["name"] for row in iv["interactions"]] == [
        "Neuromuscular blockers, with magnesium injection", "Digoxin, with magnesium injection",
    ]  # fmt: skip  # digoxin's absorption row is for magnesium by mouth (test_by_mouth.py)
    oral = mgcalc("dose", "oxide=400mg", *given, "--json").json()
    assert [row["name"] for row in oral["interactions"]] == ["Digoxin"]
    assert oral["unknown_with"] == []
    assert any(line.startswith("neuromuscular blockers: ") for line in oral["warnings"])
    plan = mgcalc(
        "plan", "sulfate-premix-4", "--target", "1g", "--with", "cns depressants", "--json"
    ).json()
    assert [row["name"] for row in plan["interactions"]] == [
        "CNS depressants, with magnesium injection"
    ]


def test_convert_with(mgcalc: Any) -> None:
    iv = mgcalc(
        "convert", "4mL", "sulfate-injection-50", "--with", "vecuronium", "--with",
        "metformin", "--with", "Lanoxin", "--json",
    ).json()  # fmt: skip
    assert iv["unknown_with"] == ["metformin"]
    assert [row["name"] for row in iv["interactions"]] == [
        "Neuromuscular blockers, with magnesium injection", "Digoxin, with magnesium injection",
    ]  # fmt: skip  # digoxin's absorption row is for magnesium by mouth (test_by_mouth.py)
    assert iv["elemental_mg"] == pytest.approx(197.2, abs=0.1)  # 4 mL × 49.3 mg/mL (label)
    oral = mgcalc("convert", "400mg", "oxide", "--with", "Cipro")
    assert oral.exit_code == 0
    assert "Cipro ≥ 2 h before or ≥ 6 h after magnesium" in oral.stdout
    both = mgcalc("convert", "--input", "-", "--with", "iron", input='{"amount": "1g"}')
    assert_refused(both, "not both")
    plain = mgcalc("convert", "400mg", "oxide", "--json").json()
    assert (plain["interactions"], plain["unknown_with"], plain["warnings"]) == ([], [], [])


def test_plan_with(mgcalc: Any) -> None:
    data = mgcalc(
        "plan", "oxide", "--unit", "400mg", "--target", "300mg", "--with", "alendronate",
        "--json",
    ).json()  # fmt: skip
    assert [row["name"] for row in data["interactions"]] == ["Bisphosphonates"]
    # UK SmPC: magnesium 3–4 hours before or after; the upper end in both columns.
    assert any(
        "alendronate ≥ 4 h before or ≥ 4 h after magnesium" in line and "3–4 hours" in line
        for line in data["warnings"]
    )


def test_requests_and_batches_take_with(mgcalc: Any, tmp_path: Any) -> None:
    request = '{"items": ["oxide=400mg"], "with": ["ciprofloxacin"], "kidney_impairment": true}'
    data = mgcalc("dose", "--input", "-", "--json", input=request).json()
    assert data["interactions"][0]["name"] == "Ciprofloxacin"
    assert any(line.startswith("Kidney impairment") for line in data["warnings"])
    batch = tmp_path / "batch.csv"
    batch.write_text(
        "id,form,unit,target,with,kidney_impairment\na,oxide,400mg,300mg,iron;levothyroxine,no\n",
        encoding="utf-8",
    )
    line = mgcalc("plan", "--batch", str(batch)).stdout.splitlines()[0]
    assert '"name":"Iron"' in line
    assert '"name":"Levothyroxine"' in line
    bad = mgcalc("dose", "--input", "-", input='{"items": ["oxide=1g"], "with": "iron"}')
    assert_refused(bad, "request field 'with'")


def test_an_unknown_with_does_not_make_a_batch_line_bad(mgcalc: Any, tmp_path: Any) -> None:
    batch = tmp_path / "batch.csv"
    batch.write_text("id,items,with\na,oxide=400mg,iron;metformin\n", encoding="utf-8")
    run = mgcalc("dose", "--batch", str(batch))
    assert run.exit_code == 0
    line = json.loads(run.stdout.splitlines()[0])
    assert line["ok"] is True
    assert line["result"]["unknown_with"] == ["metformin"]
    assert [row["name"] for row in line["result"]["interactions"]] == ["Iron"]


# The table's integrity.

TEXT = data_file("interactions.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("medicine_before_h", "-2", "row 2, field 'medicine_before_h'"),
        ("medicine_after_h", "0", "row 2, field 'medicine_after_h'"),
        ("evidence", "hearsay", "row 2, field 'evidence'"),
        ("medicines", "", "row 2, field 'medicines'"),
        ("source", "", "row 2, field 'source'"),
    ],
)
def test_corrupt_rows_are_reported(column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected):
        read_table(
            edit_csv(TEXT, 2, column, value), "data/interactions.csv", Interaction,
            columns=tuple(Interaction.model_fields), text_columns=("classes", "brands"),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("key", "Bad Key", "row 2, field 'key': a key is lower-case letters"),
        ("medicines", "", "row 2, field 'medicines': Tuple should have at least 1 item"),
    ],
)
def test_corrupt_keys_and_lists_are_reported(column: str, value: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected):
        read_table(
            edit_csv(TEXT, 2, column, value), "data/interactions.csv", Interaction,
            columns=tuple(Interaction.model_fields), text_columns=("classes", "brands"),
        )  # fmt: skip


def test_a_key_used_twice_names_its_row(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "interactions.csv").write_text(
        edit_csv(TEXT, 3, "key", "tetracyclines"), encoding="utf-8"
    )
    monkeypatch.setenv("MGCALC_DATA_DIR", str(tmp_path))
    interactions_table.cache_clear()
    with pytest.raises(DataError, match="row 3, field 'key': key 'tetracyclines' is used twice"):
        interactions_table()
    interactions_table.cache_clear()


def test_rows_built_in_python_keep_their_lists() -> None:
    row = interactions_table().rows[0]
    rebuilt = Interaction(**{**row.model_dump(), "classes": None})
    assert (rebuilt.classes, rebuilt.medicines) == ((), row.medicines)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Tetracyclines", "tetracycline"),
        ("PPIs", "ppi"),  # four letters: the plural 's' goes
        ("gas", "gas"),  # three letters: kept whole
        ("Loop-Diuretics", "loop diuretic"),
        ("  proton_pump   inhibitors ", "proton pump inhibitor"),
    ],
)
def test_fold(name: str, folded: str) -> None:
    from mgcalc.clinical.matched import fold

    assert fold(name) == folded


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused(name: str) -> None:
    with pytest.raises(UnknownMedicine) as caught:
        find(name)
    assert str(caught.value) == (
        "give a medicine's generic name or class; absence from mgcalc's list is not evidence "
        "of safety: ask a pharmacist"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("warfarin", "'warfarin' is not in mgcalc's interactions list (absence"),
        ("alendronat", "'alendronat' is not in mgcalc's interactions list; did you mean "
         "'alendronate'? (absence"),  # 1 edit; ibandronate is 3 away
        ("moxyfloxacine", "did you mean 'moxifloxacin'? (absence"),  # 2 edits
        ("tetracylcine", "did you mean 'tetracycline'? (absence"),  # two letters swapped
        ("cipor", "did you mean 'cipro'? (absence"),  # a brand, swapped letters
        ("metformin", "'metformin' is not in mgcalc's interactions list (absence"),
        ("ciprofloxacine", "did you mean 'ciprofloxacin'? (absence"),  # not moxifloxacin
        ("bictegravirr", "did you mean 'bictegravir'? (absence"),
        ("x" * 40, f"'{'x' * 40}' is not in mgcalc's interactions list (absence"),
        ("x" * 41, f"'{'x' * 40}…' is not in mgcalc's interactions list (absence"),
        ("doxy" + " " * 54 + "cyclin", "did you mean 'doxycycline'"),  # 64 characters
        ("doxy" + " " * 55 + "cyclin", "' is not in mgcalc's interactions list (absence"),  # 65
    ],
)  # fmt: skip
def test_unknown_medicine_messages(name: str, message: str) -> None:
    with pytest.raises(UnknownMedicine) as caught:
        find(name)
    assert message in str(caught.value)
    assert str(caught.value).endswith(
        "(absence from mgcalc's list is not evidence of safety: ask a pharmacist)"
    )


def test_a_name_given_as_the_rows_is_not_repeated() -> None:
    from mgcalc.clinical.matched import warning

    assert warning(matches(["Iron"]).matches[0]).startswith("With Iron: ")
    assert warning(matches(["ferrous sulfate"]).matches[0]).startswith(
        "With ferrous sulfate (iron): "
    )


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("bictegravir", False),  # now a row of its own, not "raltegravir or dolutegravir"
        ("Cipro", False),  # a brand, not "did you mean 'iron'"
        ("xyzzy", True),
        ("iro", True),
    ],
)
def test_no_other_medicine_is_offered_for_a_far_name(name: str, refused: bool) -> None:
    if not refused:
        assert find(name)
        return
    with pytest.raises(UnknownMedicine) as caught:
        find(name)
    assert ("did you mean" in str(caught.value)) is (name == "iro")


# Optimal string alignment, the distance the typo hints use: each value counted by hand.
@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("ab", "ab", 0),
        ("ab", "ba", 1),  # two letters swapped: one edit
        ("abc", "acb", 1),
        ("kitten", "sitting", 3),
        ("ca", "abc", 3),  # no edit twice on one substring: 3, where true Damerau gives 2
        ("", "abc", 3),
        ("abc", "", 3),
        ("acacabc", "ca", 5),  # never fewer than the difference in length
    ],
)
def test_edits_between_two_names(first: str, second: str, distance: int) -> None:
    assert edits(first, second, 5) == distance
    assert edits(second, first, 5) == distance


def test_edits_stop_one_beyond_the_limit() -> None:
    assert edits("abcdef", "uvwxyz", 1) == 2  # 6 apart: limit + 1
    assert edits("abcdef", "uvwxyz", 6) == 6


@pytest.mark.parametrize(
    ("name", "offered"),
    [
        ("irxnx", []),  # 5 letters, 2 edits from 'iron': 1 edit at most up to 5 letters
        ("dagoxn", ["digoxin"]),  # 6 letters, 2 edits: offered
        ("levothyrxinee", ["levothyroxine"]),  # 2 edits
        ("levthyrxinee", []),  # 3 edits: never
        ("vabramycin", ["vibramycin", "tobramycin"]),  # 1 edit, then 2: nearest first
    ],
)
def test_which_names_are_likely_typos(name: str, offered: list[str]) -> None:
    assert typo_of(name, interactions_table().index) == offered


def test_two_likely_names_are_offered_with_or() -> None:
    with pytest.raises(UnknownMedicine) as caught:
        find("vabramycin")
    assert str(caught.value) == (
        "'vabramycin' is not in mgcalc's interactions list; did you mean 'vibramycin' or "
        "'tobramycin'? (absence from mgcalc's list is not evidence of safety: ask a pharmacist)"
    )


def test_with_offers_typos_for_names_up_to_64_characters() -> None:
    at_64, at_65 = "doxy" + " " * 54 + "cyclin", "doxy" + " " * 55 + "cyclin"
    found = matches([at_64, at_65])
    assert found.unknown == (at_64, at_65)
    assert found.typos == ((at_64, ("doxycycline",)),)


def test_the_whole_list_and_its_notes() -> None:
    listing = list_interactions()
    assert listing.query is None
    assert listing.interactions == interactions_table().rows
    assert len(listing.interactions) == 49  # every row of data/interactions.csv
    assert [caution.key for caution in listing.cautions] == ["kidney", "infant", "eu-under-4"]
    assert listing.notes == (
        "Hours before / after: take the medicine at least so many hours before magnesium, or "
        "after it; hours are given only where a source gives them.",
        "Rows marked 'injection only' are from the magnesium sulfate injection's label: "
        "--with shows them with an injection or premix form.",
        "Rows marked 'magnesium by mouth' concern magnesium taken by mouth (absorption, spacing "
        "the doses): --with does not show them for an injection or premix form alone.",
        "The list covers medicines named in mgcalc's sources; absence from mgcalc's list is not "
        "evidence of safety: ask a pharmacist.",
    )


def test_a_caution_s_listing_carries_each_field_where_it_belongs() -> None:
    from mgcalc.clinical.cautions import listed_cautions

    listing = list_interactions("renal")
    assert listing.interactions == ()
    (caution,) = listing.cautions
    kidney = listed_cautions()[0]
    assert (caution.key, caution.name, caution.text, caution.source) == kidney[:4]
    assert len(list_interactions("iron").cautions) == 0
    with pytest.raises(UnknownMedicine):
        list_interactions("kidny")


@pytest.mark.parametrize("blank", ["", "   "])
def test_with_refuses_a_blank_name_among_others(blank: str) -> None:
    with pytest.raises(UnknownMedicine, match="give a medicine's generic name or class"):
        matches(["iron", blank])
