"""The food table against USDA SR28's published counts and values (foods.md), and search."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import edit_csv

from mgcalc.datafiles import DATA_DIR_VARIABLE, data_file
from mgcalc.dietary.foods import find_food, foods_table, portions, search, words
from mgcalc.dietary.portions import food_used
from mgcalc.errors import DataError, UnknownFood


def test_every_sr28_food_is_there() -> None:
    table = foods_table()
    assert len(table.foods) == 8789
    unknown = [food for food in table.foods if food.mg_per_100g is None]
    assert len(unknown) == 739  # no magnesium row in SR28: unknown, never 0
    assert all(food.data_points is None for food in unknown)
    assert sum(1 for food in table.foods if food.data_points == 0) == 3665
    assert sum(len(portions(food)) for food in table.foods) == 15438  # WEIGHT.txt records
    assert all(food.source == f"USDA SR28 (2015) NDB {food.ndb}" for food in table.foods)


@pytest.mark.parametrize(
    ("ndb", "description", "mg"),
    [
        ("12061", "Nuts, almonds", 270),
        ("11457", "Spinach, raw", 79),
        ("09040", "Bananas, raw", 27),
        ("01077", "Milk, whole, 3.25% milkfat, with added vitamin D", 10),
        ("12014", "Seeds, pumpkin and squash seed kernels, dried", 592),
        ("14411", "Beverages, water, tap, drinking", 1),
    ],
)
def test_spot_values(ndb: str, description: str, mg: float) -> None:
    food = foods_table().by_ndb(ndb)
    assert (food.description, food.mg_per_100g) == (description, mg)


def test_spot_portions() -> None:
    banana = portions(foods_table().by_ndb("09040"))
    assert [p.grams for p in banana if p.description.startswith("medium")] == [118]
    almonds = portions(foods_table().by_ndb("12061"))
    assert (almonds[0].amount, almonds[0].description, almonds[0].grams) == (1, "cup, whole", 143)
    assert [p.description for p in almonds][:4] == [
        "cup, whole", "cup, sliced", "cup, slivered", "cup, ground",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("almonds", "Nuts, almonds"),
        ("banana", "Bananas, raw"),
        ("bananas", "Bananas, raw"),
        ("spinach", "Spinach, raw"),
        ("Spinach RAW", "Spinach, raw"),
        ("raw spinach", "Spinach, raw"),
        ("broccoli", "Broccoli, raw"),
        ("oats", "Cereals, oats, regular and quick, not fortified, dry"),  # the word table
        ("oat", "Cereals, oats, regular and quick, not fortified, dry"),
    ],
)
def test_plain_queries_find_the_plain_item_first(query: str, first: str) -> None:
    assert search(query)[0].food.description == first


def test_words_in_any_order_must_all_match() -> None:
    found = [match.food.ndb for match in search("cooked black beans")]
    assert found[0] == "16015"  # without salt, and a survey food
    assert found.index("16315") > 0  # with salt: same magnesium, after it
    assert all("black" in m.food.description.lower() for m in search("black beans cooked"))


@pytest.mark.parametrize("query", ["09040", "9040", " 9040 "])
def test_ndb_number_with_or_without_its_leading_zero(query: str) -> None:
    assert [match.food.ndb for match in search(query)] == ["09040"]
    assert find_food(query).description == "Bananas, raw"


def test_equal_matches_with_the_same_result_are_not_ties() -> None:
    # 16015 and 16315 (with salt) have the same magnesium and portions: the one without salt.
    assert find_food("black beans cooked").ndb == "16015"
    used = food_used("black beans cooked=1cup")
    assert (used.ndb, used.mg) == ("16015", pytest.approx(172 * 70 / 100, rel=1e-9))
    assert ("16315", pytest.approx(used.mg, rel=1e-9)) in [(v.ndb, v.mg) for v in used.variants]
    assert find_food("black beans cooked without salt").ndb == "16015"


def test_equal_matches_with_different_results_are_refused_with_their_mg() -> None:
    # 2 % milk with and without added vitamins: the same rank, cups of 244 g and 245 g.
    with pytest.raises(UnknownFood) as caught:
        food_used("milk 2%=1cup")
    message = str(caught.value)
    assert message.startswith("food 'milk 2%' matches 2 foods equally well: 01079 ")
    assert "(26.8 mg); 01174 " in message and "(27.1 mg)" in message


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("almnds", "did you mean 'almond' for 'almnds'"),
        ("spinch raw", "did you mean 'spinach' for 'spinch'"),
        ("xyzzyq", "'xyzzyq' not found"),
        ("almonds spinach", "no food has all the words"),
        ("99999", "no food has NDB number 99999"),
        ("  ", "empty food query"),
        ("a" * 300, "too long"),
    ],
)
def test_nothing_found(query: str, message: str) -> None:
    with pytest.raises(UnknownFood, match=message):
        search(query)


@pytest.fixture
def edited_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point mgcalc at a copy of data/foods.csv, and forget the shipped table meanwhile."""
    path = tmp_path / "foods.csv"
    path.write_bytes(data_file("foods.csv").read_bytes())
    (tmp_path / "food-words.csv").write_bytes(data_file("food-words.csv").read_bytes())
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    foods_table.cache_clear()
    food_used.cache_clear()  # memoised over the shipped table
    yield path
    foods_table.cache_clear()
    food_used.cache_clear()


def test_every_row_parses_and_checks() -> None:
    table = foods_table()
    assert len({food.ndb for food in table.foods}) == len(table) == 8789


@pytest.mark.parametrize(
    ("ndb", "column", "value", "message"),
    [
        ("12061", "mg_per_100g", "lots", "row {row}, field 'mg_per_100g': not a number"),
        ("12061", "mg_per_100g", "-1", "row {row}, field 'mg_per_100g': must be from 0"),
        ("12061", "data_points", "x", "row {row}, field 'data_points': not a number"),
        ("12061", "portions", "1|cup", "row {row}, field 'portions'"),
        ("12061", "source", "", "row {row}, field 'source': must not be empty"),
        ("12061", "survey", "N", "row {row}, field 'survey': must be Y or empty$"),
        ("12061", "kcal_per_100g", "lots", "row {row}, field 'kcal_per_100g': not a number$"),
        ("12061", "kcal_per_100g", "10000",
         "row {row}, field 'kcal_per_100g': must be from 0 to 10,000 kcal$"),
        ("12061", "kcal_per_100g", "-0.5",
         "row {row}, field 'kcal_per_100g': must be from 0 to 10,000 kcal$"),
    ],
)  # fmt: skip
def test_a_corrupt_row_is_named_when_used(
    edited_table: Path, ndb: str, column: str, value: str, message: str
) -> None:
    text = edited_table.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(ndb))
    edited_table.write_text(edit_csv(text, row, column, value), encoding="utf-8")
    with pytest.raises(DataError, match="foods.csv, " + message.format(row=row)):
        food_used(f"{ndb}=1cup")


@pytest.mark.parametrize("ndb", ['"01001"', "\u0660\u0661\u0660\u0660\u0661"])
def test_an_ndb_is_found_alike_by_number_and_in_the_whole_table(
    edited_table: Path, ndb: str
) -> None:
    """A number by_ndb's byte search cannot find (quoted, or in other digits) is refused."""
    text = edited_table.read_text(encoding="utf-8")
    edited_table.write_text(text.replace("\n01001,", f"\n{ndb},", 1), encoding="utf-8")
    with pytest.raises(UnknownFood, match="no food has NDB number 01001"):
        search("1001")
    with pytest.raises(DataError, match=r"foods\.csv, row 2, field 'ndb': must be 5 digits"):
        _ = foods_table().foods


def test_a_row_is_checked_only_when_it_is_used(edited_table: Path) -> None:
    """A corrupt row the query does not choose is not read: almonds are found as usual."""
    text = edited_table.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("08668,"))
    assert "Almonds" in text.splitlines()[row - 1]  # a cereal the words 'almonds' also match
    edited_table.write_text(edit_csv(text, row, "survey", "N"), encoding="utf-8")
    used = food_used("almonds=28g")
    assert (used.ndb, used.description, round(used.mg, 1)) == ("12061", "Nuts, almonds", 75.6)


def test_a_repeated_ndb_or_a_wrong_header_is_refused(edited_table: Path) -> None:
    text = edited_table.read_text(encoding="utf-8")
    edited_table.write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    last = len(text.splitlines()) + 1
    with pytest.raises(DataError, match=f"row {last}, field 'ndb': NDB number 01001 is listed tw"):
        search("1001")
    with pytest.raises(DataError, match=f"row {last}, field 'ndb': NDB number 01001 is listed tw"):
        _ = foods_table().foods
    foods_table.cache_clear()
    edited_table.write_text("ndb,name\n", encoding="utf-8")
    with pytest.raises(DataError, match="row 1: the header must be"):
        foods_table()


@pytest.mark.parametrize("query", ["y", "s", "a y", "yy", "ies"])
def test_short_words_are_searched_or_refused(query: str) -> None:
    try:
        found = search(query)
    except UnknownFood:
        return
    assert found


def test_a_plural_in_ies_is_found_by_its_singular() -> None:
    assert search("strawberry")[0].food.description == search("strawberries")[0].food.description
    assert "Strawberries, raw" in [match.food.description for match in search("strawberry")]


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("berries", "berry"),
        ("pies", "pie"),  # four letters: not 'py'
        ("potatoes", "potato"),
        ("peaches", "peach"),
        ("radishes", "radish"),
        ("boxes", "box"),
        ("roes", "roe"),  # four letters in 'oes': a plural in 's'
        ("toes", "toe"),
        ("glasses", "glass"),
        ("beans", "bean"),
        ("oats", "oat"),
        ("gas", "gas"),  # three letters: kept
        ("bass", "bass"),
        ("hummus", "hummus"),
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    from mgcalc.dietary.foods import stem

    assert stem(word) == stemmed


@pytest.mark.parametrize(("value", "mg"), [("0", 0.0), ("99999.9", 99999.9), ("", None)])
def test_magnesium_per_100_g_from_0_to_below_100000(
    edited_table: Path, value: str, mg: float | None
) -> None:
    text = edited_table.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("12061"))
    edited_table.write_text(edit_csv(text, row, "mg_per_100g", value), encoding="utf-8")
    assert find_food("12061").mg_per_100g == mg


@pytest.mark.parametrize(("value", "kcal"), [("0", 0.0), ("9999.9", 9999.9), ("", None)])
def test_energy_per_100_g_from_0_to_below_10000(
    edited_table: Path, value: str, kcal: float | None
) -> None:
    text = edited_table.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("12061"))
    edited_table.write_text(edit_csv(text, row, "kcal_per_100g", value), encoding="utf-8")
    assert find_food("12061").kcal_per_100g == kcal


@pytest.mark.parametrize(
    ("ndb", "kcal", "survey"),
    [("12061", 579, True), ("09040", 89, True), ("11457", 23, True), ("01008", 376, False)],
)
def test_energy_and_survey_as_sr28_gives_them(ndb: str, kcal: float, survey: bool) -> None:
    food = find_food(ndb)
    assert (food.kcal_per_100g, food.survey) == (kcal, survey)


def test_a_header_that_is_not_utf8_is_refused(edited_table: Path) -> None:
    edited_table.write_bytes(b"ndb,descr\xffiption\n" + b"12061,x\n")
    with pytest.raises(DataError) as caught:
        foods_table()
    assert str(caught.value).endswith(
        "foods.csv, row 1: the header must be ndb,description,common_name,food_group,survey,"
        "mg_per_100g,data_points,kcal_per_100g,portions,source"
    )


def test_a_row_that_is_not_utf8_is_named_when_used(edited_table: Path) -> None:
    data = edited_table.read_bytes()
    row = data[: data.index(b"\n12061,")].count(b"\n") + 2
    edited_table.write_bytes(data.replace(b'12061,"Nuts, almonds"', b'12061,"Nuts, \xe9almonds"'))
    with pytest.raises(DataError) as caught:
        food_used("12061=1cup")
    assert str(caught.value).endswith(f"foods.csv, row {row}: not UTF-8 text")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("mg_per_100g", "100000", "field 'mg_per_100g': must be from 0 to 100,000 mg"),
        ("ndb", "1206", "field 'ndb': must be 5 digits"),
        ("description", "", "field 'description': must not be empty"),
    ],
)
def test_a_row_out_of_bounds_is_named(
    edited_table: Path, column: str, value: str, message: str
) -> None:
    text = edited_table.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("12061"))
    edited_table.write_text(edit_csv(text, row, column, value), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        _ = foods_table().foods
    assert f"foods.csv, row {row}, {message}" in str(caught.value)


def test_fries_are_a_fry() -> None:
    from mgcalc.dietary.foods import stem

    assert stem("fries") == "fry"  # five letters ending in 'ies'


def test_fries_and_roes_find_the_rows_that_name_them() -> None:
    # 'fries' stems to 'fry', which is not in 'fries': the first pass must look for 'fr'.
    fries = {f.ndb: set(words(f.description)) for f in foods_table().foods}
    named = {ndb for ndb, own in fries.items() if "fries" in own}
    french = {ndb for ndb, own in fries.items() if {"french", "fries"} <= own}
    assert (len(named), len(french)) == (10, 9)
    assert named <= {match.food.ndb for match in search("fries")}
    assert french <= {match.food.ndb for match in search("french fries")}
    assert search("french fries")[0].food.ndb == "11403"  # the word table: as made at home
    assert search("french fries")[1].food.description == "McDONALD'S, french fries"
    assert find_food("fish roes").description == "Fish, roe, mixed species, raw"


def test_unknown_words_get_at_most_three_hints() -> None:
    with pytest.raises(UnknownFood) as caught:
        search("almnds spinch bananna brocoli")
    assert str(caught.value) == (
        "no food matches 'almnds spinch bananna brocoli': 'almnds', 'bananna', 'brocoli', "
        "'spinch' not found; did you mean 'almond' for 'almnds', 'banana' for 'bananna', "
        "'broccoli' for 'brocoli'?"
    )
    with pytest.raises(UnknownFood) as caught:
        search("xyzzyq")
    assert str(caught.value) == "no food matches 'xyzzyq': 'xyzzyq' not found"


@pytest.mark.parametrize(("spaces", "found"), [(193, True), (194, False)])
def test_a_query_up_to_200_characters_is_searched(spaces: int, found: bool) -> None:
    query = "almonds" + " " * spaces
    if found:
        assert search(query)[0].food.description == "Nuts, almonds"
    else:
        with pytest.raises(UnknownFood, match=r"too long \(201 characters\)"):
            search(query)


def test_a_table_without_a_final_newline_keeps_its_last_row_whole(edited_table: Path) -> None:
    text = edited_table.read_text(encoding="utf-8")
    edited_table.write_text(text.rstrip("\n"), encoding="utf-8")
    table = foods_table()
    assert len(table) == len(table.foods) == 8789
    turtle = find_food("green turtle raw")  # the last row: 93600, 20 mg per 100 g
    assert (turtle.ndb, turtle.mg_per_100g, turtle.source) == (
        "93600", 20, "USDA SR28 (2015) NDB 93600",
    )  # fmt: skip
    assert find_food("93600") == turtle


@pytest.mark.parametrize("end", ["", "\n"])
def test_a_table_of_only_its_header_has_no_food(edited_table: Path, end: str) -> None:
    header = edited_table.read_text(encoding="utf-8").splitlines()[0]
    edited_table.write_text(header + end, encoding="utf-8")
    (edited_table.parent / "food-words.csv").write_text("word,ndb,variants,reason\n")
    table = foods_table()
    assert (len(table), table.foods) == (0, ())
    with pytest.raises(UnknownFood, match=r"^no food matches 'almonds': 'almonds' not found$"):
        search("almonds")
    with pytest.raises(UnknownFood, match=r"^no food has NDB number 12061;"):
        search("12061")


def test_holding_finds_the_lines_with_every_key() -> None:
    table = foods_table()
    lines = table.data.decode("utf-8").lower().split("\n")
    expected = [n for n, line in enumerate(lines, 1) if "spinach" in line and "raw" in line]
    found = [table.row_at(start) for start in table.holding(["raw", "spinach"])]
    assert found == expected
    assert len(found) == 4  # 'Vinespinach, (basella), raw' holds the letters, not the word
    assert [(match.food.ndb, match.food.description) for match in search("spinach raw")] == [
        ("11457", "Spinach, raw"),
        ("11276", "New Zealand spinach, raw"),
        ("11274", "Mustard spinach, (tendergreen), raw"),
    ]


def test_a_row_with_a_field_too_many_is_named(edited_table: Path) -> None:
    text = edited_table.read_text(encoding="utf-8")
    lines = text.splitlines()
    row = next(n for n, line in enumerate(lines, 1) if line.startswith("12061"))
    lines[row - 1] += ",extra"
    edited_table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=f"foods.csv, row {row}: wrong number of fields"):
        find_food("12061")


@pytest.mark.parametrize("portion", ["0|cup, whole|143", "1|cup, whole|0", "1||143", "-1|cup|1"])
def test_a_portion_must_be_positive_and_named(edited_table: Path, portion: str) -> None:
    text = edited_table.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("12061"))
    edited_table.write_text(edit_csv(text, row, "portions", portion), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        portions(find_food("12061"))
    assert str(caught.value) == (
        f"{edited_table}, row {row}, field 'portions': portion '{portion}' is empty or not positive"
    )


def test_a_small_portion_is_kept(edited_table: Path) -> None:
    text = edited_table.read_text(encoding="utf-8")
    row = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("12061"))
    edited_table.write_text(edit_csv(text, row, "portions", "0.5|kernel|0.5"), encoding="utf-8")
    assert [(p.amount, p.description, p.grams) for p in portions(find_food("12061"))] == [
        (0.5, "kernel", 0.5)
    ]


def test_an_unknown_ndb_number_is_named_with_five_digits() -> None:
    with pytest.raises(UnknownFood) as caught:
        search("9999")
    assert str(caught.value) == "no food has NDB number 09999; search by name instead"


@pytest.mark.parametrize(
    ("query", "tied", "more"),
    [("peppers", 2, ""), ("chain", 9, " and 4 more")],
)
def test_equal_matches_list_at_most_five(query: str, tied: int, more: str) -> None:
    with pytest.raises(UnknownFood) as caught:
        find_food(query)
    message = str(caught.value)
    assert message.startswith(f"food '{query}' matches {tied} foods equally well: ")
    assert message.endswith(f"{more}; give its NDB number or more words")
    assert (" more; give" in message) == bool(more)  # no "and 0 more" at five
    assert message.count("; ") == min(tied, 5)  # at most five foods listed, then the hint


def test_unknown_magnesium_ranks_as_never_analysed() -> None:
    # Among foods that rank alike but for data points, one with no magnesium row (None)
    # comes after every analysed one, beside those with 0 data points.
    found = search("american")
    for before, after in itertools.pairwise(found):
        if before.rank[:-1] == after.rank[:-1] and before.food.data_points is None:
            assert not after.food.data_points
    assert any(match.food.data_points is None for match in found)


def test_known_words_no_food_holds_together_say_try_fewer() -> None:
    with pytest.raises(UnknownFood) as caught:
        find_food("almonds banana")
    assert str(caught.value) == (
        "no food has all the words of 'almonds banana'; try fewer words ('mgcalc food WORD')"
    )


def test_a_tie_message_gives_each_foods_figure_and_cuts_at_five() -> None:
    from mgcalc.dietary.foods import tie_message

    table = foods_table()
    candy, almonds = table.by_ndb("19065"), table.by_ndb("12061")  # 19065: no magnesium in SR28
    assert candy is not None and almonds is not None
    assert tie_message(" x ", [(candy, None), (almonds, None)], "1 cup") == (
        "food 'x' matches 2 foods equally well: 19065 Candies, ALMOND JOY Candy Bar (magnesium "
        "unknown); 12061 Nuts, almonds (no '1 cup'); give its NDB number or more words"
    )
    assert tie_message("x", [(candy, None), (almonds, 12.5)]) == (
        "food 'x' matches 2 foods equally well: 19065 Candies, ALMOND JOY Candy Bar; 12061 "
        "Nuts, almonds (12.5 mg); give its NDB number or more words"
    )
    seven = tie_message("x", [(almonds, None)] * 7)
    assert seven.count("12061 Nuts, almonds") == 5
    assert seven.endswith("12061 Nuts, almonds and 2 more; give its NDB number or more words")
    assert seven.startswith("food 'x' matches 7 foods equally well: ")
