"""How `mgcalc food` ranks SR28's rows: each word of the ranking's lists, shown by a query.

Every query below names SR28's own first row (NDB, description and magnesium per 100 g as
the table gives them); the comment names the row that would come first without the rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mgcalc.datafiles import DATA_DIR_VARIABLE, data_file
from mgcalc.dietary.food_words import word_table
from mgcalc.dietary.foods import foods_table, search, tie_message
from mgcalc.dietary.portions import food_used
from mgcalc.errors import DataError, UnknownFood


def first_food(mgcalc: Any, query: str) -> tuple[str, str, float | None]:
    run = mgcalc("food", query, "--json")
    assert run.exit_code == 0, run.stderr
    food = run.json()["foods"][0]
    return food["ndb"], food["description"], food["mg_per_100g"]


@pytest.mark.parametrize(
    ("query", "ndb", "description", "mg"),
    [
        # A form sold to be prepared ranks after the food as eaten, unless the query asks for it.
        # concentrate: 14262 Beverages, citrus fruit juice drink, frozen concentrate
        ("beverages fruit", "14462", "Beverages, Propel Zero, fruit-flavored, non-carbonated", 0),
        # condensed: 06049 Soup, pea, green, canned, condensed
        ("soup pea", "06449", "Soup, pea, green, canned, prepared with equal volume water", 15),
        # dehydrated: 09010 Apples, dehydrated (low moisture), sulfured, stewed
        ("apples low", "09009", "Apples, dehydrated (low moisture), sulfured, uncooked", 22),
        # dried: 11268 Mushrooms, shiitake, dried
        ("mushrooms shiitake", "11269", "Mushrooms, shiitake, cooked, without salt", 14),
        # dry: 18079 Bread crumbs, dry, grated, plain
        (
            "bread crumbs",
            "18069",
            "Bread, white, commercially prepared (includes soft bread crumbs)",
            23,
        ),
        # evaporated: 01214 Milk, canned, evaporated, without added vitamin A and vitamin D
        ("milk canned", "01095", "Milk, canned, condensed, sweetened", 26),
        # flour: 16116 Soy flour, full-fat, roasted
        ("soy", "16122", "Soy protein isolate", 39),
        # mix: 04548 Shortening cake mix, soybean (hydrogenated) and cottonseed (hydrogenated)
        (
            "shortening cake",
            "04586",
            "Shortening, special purpose for cakes and frostings, soybean (hydrogenated)",
            0,
        ),
        # powder: 01144 Egg substitute, powder
        ("egg substitute", "01226", "Egg substitute, liquid or frozen, fat free", 15),
        # powdered: 01069 Cream substitute, powdered
        ("cream substitute", "01205", "Cream substitute, flavored, liquid", 19),
        # uncooked: 09246 Peaches, dried, sulfured, uncooked
        ("peaches dried", "09247", "Peaches, dried, sulfured, stewed, without added sugar", 13),
        # unprepared: 11463 Spinach, frozen, chopped or leaf, unprepared
        (
            "spinach frozen",
            "11464",
            "Spinach, frozen, chopped or leaf, cooked, boiled, drained, without salt",
            82,
        ),
        # A specialty (food for infants, a restaurant's, another animal's milk, an imitation)
        # ranks after the everyday food.
        # babyfood: 03114 Babyfood, vegetable, butternut squash and corn
        ("butternut", "11485", "Squash, winter, butternut, raw", 34),
        # buffalo: 01108 Milk, indian buffalo, fluid
        ("indian", "35138", "Squash, Indian, raw (Navajo)", 10),
        # fast: 14428 Beverages, shake, fast food, strawberry
        ("beverages shake", "14654", "Beverages, nutritional shake mix, high protein, powder", 500),
        # goat: 01159 Cheese, goat, soft type
        ("soft type", "18191", "Cookies, raisin, soft-type", 21),
        # human: 01107 Milk, human, mature, fluid
        ("mature", "16110", "Soybeans, mature seeds, roasted, salted", 145),
        # imitation: 02052 Vanilla extract, imitation, no alcohol
        ("vanilla", "02050", "Vanilla extract", 12),
        # restaurant: 27002 Soup, wonton, Chinese restaurant
        ("soup", "06174", "Soup, stock, fish, home-prepared", 7),
        # substitute: 19909 Sweeteners, sugar substitute, granulated, brown
        ("sweeteners sugar", "19907", "Sweeteners, for baking, contains sugar and sucralose", 0),
        # toddler: 03052 Babyfood, dinner, beef stew, toddler
        ("babyfood dinner", "03055", "Babyfood, dinner, beef with vegetables", 15),
        # A brand's item (SR28 writes brands in capitals) ranks after a plain one.
        # 22962 LEAN POCKETS, Ham N Cheddar
        ("lean pockets", "22963", "Lean Pockets, Meatballs & Mozzarella", 23),
        # 19924 Syrup, NESTLE, chocolate
        ("syrups chocolate", "19348", "Syrups, chocolate, fudge-type", 48),
        # Grains and legumes are eaten cooked: a row that does not say so is dry.
        # Cereal Grains and Pasta: 20005 Barley, pearled, raw
        ("barley pearled", "20006", "Barley, pearled, cooked", 22),
        # Legumes and Legume Products: 16052 Broadbeans (fava beans), mature seeds, raw
        (
            "broadbeans",
            "16053",
            "Broadbeans (fava beans), mature seeds, cooked, boiled, without salt",
            43,
        ),
        # baked: 16005 Beans, baked, home prepared
        ("beans baked", "16008", "Beans, baked, canned, with franks", 28),
        # cooked: 20036 Rice, brown, long-grain, raw
        ("rice brown", "20037", "Rice, brown, long-grain, cooked", 39),
        # prepared: 16132 Tofu, salted and fermented (fuyu)
        (
            "tofu salted",
            "16432",
            "Tofu, salted and fermented (fuyu), prepared with calcium sulfate",
            58,
        ),
        # roasted: 16095 Peanuts, virginia, raw
        ("peanuts virginia", "16396", "Peanuts, virginia, oil-roasted, without salt", 188),
        # A query that says raw, dry, flour or dried asks for the grain or legume uncooked.
        # raw: 11248 Lentils, sprouted, raw
        ("lentils raw", "16069", "Lentils, raw", 47),
        # dry: 08090 Cereals, corn grits, white, regular and quick, enriched, dry
        ("white dry", "20046", "Rice, white, long-grain, parboiled, enriched, dry", 27),
        # flour: 16116 Soy flour, full-fat, roasted
        ("soy flour", "16117", "Soy flour, defatted", 290),
        # dried: 16428 Tofu, dried-frozen (koyadofu), prepared with calcium sulfate
        ("tofu dried", "16128", "Tofu, dried-frozen (koyadofu)", 59),
        # sesame: 12023 Seeds, sesame seeds, whole, dried (dried marks a form prepared to eat)
        (
            "seeds sesame",
            "12029",
            "Seeds, sesame seed kernels, toasted, without salt added (decorticated)",
            346,
        ),
    ],
)
def test_a_word_of_the_ranking_decides_the_first_food(
    mgcalc: Any, query: str, ndb: str, description: str, mg: float
) -> None:
    assert first_food(mgcalc, query) == (ndb, description, mg)


@pytest.fixture
def edited_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point mgcalc at copies of foods.csv and food-words.csv in the returned folder."""
    for name in ("foods.csv", "food-words.csv"):
        (tmp_path / name).write_bytes(data_file(name).read_bytes())
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    foods_table.cache_clear()
    word_table.cache_clear()
    food_used.cache_clear()
    yield tmp_path
    foods_table.cache_clear()
    word_table.cache_clear()
    food_used.cache_clear()


def add_rows(folder: Path, *rows: str) -> None:
    with (folder / "foods.csv").open("a", encoding="utf-8") as table:
        for row in rows:
            table.write(row + ",USDA SR28 (2015) NDB 00000\n")


# The words of the lists that no query of the shipped table shows on its own: each SR28 row
# holding one of them holds another word of the same list too (infant formula, school lunch,
# freeze-dried, cooked and boiled), or is its one row (Milk, sheep, fluid). Two rows that
# differ only in the word show it; the plain one has fewer data points and is not in the
# survey, so without the rule it would come second.
@pytest.mark.parametrize("word", ["freeze", "infant", "formula", "lunch", "school", "sheep"])
def test_a_specialty_or_prepared_word_ranks_its_row_after_the_plain_one(
    mgcalc: Any, edited_tables: Path, word: str
) -> None:
    add_rows(
        edited_tables,
        '99001,"Zzfruit, plain, whole",,Fruits and Fruit Juices,,10,1,50,',
        f'99002,"Zzfruit, plain, {word}",,Fruits and Fruit Juices,Y,20,50,50,',
    )
    assert first_food(mgcalc, "zzfruit")[:2] == ("99001", "Zzfruit, plain, whole")
    assert first_food(mgcalc, f"zzfruit {word}")[:2] == ("99002", f"Zzfruit, plain, {word}")


@pytest.mark.parametrize("word", ["boiled", "steamed"])
def test_a_legume_row_that_says_it_is_cooked_comes_first(
    mgcalc: Any, edited_tables: Path, word: str
) -> None:
    add_rows(
        edited_tables,
        f'99001,"Zzbeans, mature seeds, {word}",,Legumes and Legume Products,,10,1,50,',
        '99002,"Zzbeans, mature seeds, plain",,Legumes and Legume Products,Y,20,50,50,',
    )
    assert first_food(mgcalc, "zzbeans")[:2] == ("99001", f"Zzbeans, mature seeds, {word}")


@pytest.mark.parametrize("word", ["raw", "dry", "uncooked", "flour", "dried"])
def test_a_query_that_asks_for_a_legume_uncooked_gets_it(
    mgcalc: Any, edited_tables: Path, word: str
) -> None:
    add_rows(
        edited_tables,
        f'99001,"Zzbeans, {word}",,Legumes and Legume Products,Y,10,1,50,',
        f'99002,"Zzbeans, {word}",,Vegetables and Vegetable Products,,20,50,50,',
    )
    # Both rows hold the word; only the legume's would be "not cooked" if it were not asked.
    assert first_food(mgcalc, f"zzbeans {word}")[:2] == ("99001", f"Zzbeans, {word}")


@pytest.mark.parametrize(
    ("query", "ndb", "description"),
    [
        # SR28's common name of the row ("hamburger"), before 18350 Rolls, hamburger or hotdog
        ("hamburger", "13317", "Beef, ground, patties, frozen, cooked, broiled"),
        # common name "buffalo", before 35174 Buffalo, free range, top round steak, raw
        ("buffalo", "17157", "Game meat, bison, separable lean only, cooked, roasted"),
    ],
)
def test_a_query_equal_to_a_common_name_finds_that_row_first(
    mgcalc: Any, query: str, ndb: str, description: str
) -> None:
    assert first_food(mgcalc, query)[:2] == (ndb, description)


@pytest.mark.parametrize(
    ("query", "ndb", "description"),
    [
        ("bananas raw", "09040", "Bananas, raw"),  # every word of the row, and no other
        ("broccoli raw", "11090", "Broccoli, raw"),
    ],
)
def test_a_query_of_every_word_of_a_row_finds_it(
    mgcalc: Any, query: str, ndb: str, description: str
) -> None:
    assert first_food(mgcalc, query)[:2] == (ndb, description)


@pytest.mark.parametrize(
    ("query", "ndb", "description", "not_this"),
    [
        # SR28 inverts the name: "Soup, chicken vegetable" is chicken vegetable soup, not
        # 06024 "Soup, chunky vegetable, reduced sodium, canned, ready-to-serve"
        ("chicken vegetable soup", "06208",
         "Soup, chicken vegetable with potato and cheese, chunky, ready-to-serve", "06024"),
        ("chicken noodle soup", "27044",
         "Soup, chicken noodle, reduced sodium, canned, ready-to-serve", "06018"),
    ],
)  # fmt: skip
def test_three_words_named_together_in_sr28s_inverted_form(
    mgcalc: Any, query: str, ndb: str, description: str, not_this: str
) -> None:
    assert first_food(mgcalc, query)[:2] == (ndb, description)
    assert not_this != ndb


def test_without_salt_comes_before_with_salt_when_they_rank_equally(mgcalc: Any) -> None:
    run = mgcalc("food", "tomato juice", "--json")
    listed = [(food["ndb"], food["description"]) for food in run.json()["foods"][:2]]
    assert listed == [
        ("11886", "Tomato juice, canned, without salt added"),
        ("11540", "Tomato juice, canned, with salt added"),
    ]


@pytest.mark.parametrize("query", ["fish", "fishes"])
def test_fish_lists_its_candidates_then_every_other_fish_once(mgcalc: Any, query: str) -> None:
    run = mgcalc("food", query, "--json")
    shown = run.json()
    assert shown["matched_by"] == "search"
    assert shown["found"] == 253
    assert [food["ndb"] for food in shown["foods"][:5]] == [
        "15237", "15121", "15016", "15262", "06963",
    ]  # fmt: skip
    assert shown["foods"][4]["description"] == "Fish broth"
    assert shown["notes"][1] == (
        f"--food refuses '{query}': SR28 has no plain fish: each row names a species (Fish, "
        "salmon; Fish, cod), and 06963 Fish broth is a broth. The first rows are candidates "
        "from data/food-words.csv; give an NDB number or more words."
    )
    listed = [match.food.ndb for match in search(query)]
    assert len(listed) == len(set(listed)) == 253


def test_a_word_of_the_table_lists_its_food_and_variants_once(mgcalc: Any) -> None:
    shown = mgcalc("food", "milk", "--json").json()
    assert (shown["matched_by"], shown["found"]) == ("word_table", 212)
    assert [food["ndb"] for food in shown["foods"][:3]] == ["01077", "01079", "01082"]
    listed = [match.food.ndb for match in search("milk")]
    assert len(listed) == len(set(listed)) == 212


def test_a_word_far_from_every_known_word_gets_no_hint(mgcalc: Any) -> None:
    run = mgcalc("food", "tempura")  # closest: 'terra', too far to suggest
    assert run.exit_code == 2
    assert run.stderr == "error: no food matches 'tempura': 'tempura' not found\n"


def test_five_equal_matches_are_all_listed_with_no_more() -> None:
    tied = [(foods_table().by_ndb(ndb), None) for ndb in ("09040", "11457", "12061", "01077",
                                                         "14411")]  # fmt: skip
    assert tie_message(" x ", [(food, mg) for food, mg in tied if food is not None]) == (
        "food 'x' matches 5 foods equally well: 09040 Bananas, raw; 11457 Spinach, raw; "
        "12061 Nuts, almonds; 01077 Milk, whole, 3.25% milkfat, with added vitamin D; "
        "14411 Beverages, water, tap, drinking; give its NDB number or more words"
    )


def test_fish_is_refused_with_each_candidates_magnesium() -> None:
    with pytest.raises(UnknownFood) as caught:
        food_used("fish=100g")
    assert str(caught.value) == (
        "food 'fish' names no one food in SR28 (SR28 has no plain fish: each row names a "
        "species (Fish, salmon; Fish, cod), and 06963 Fish broth is a broth); e.g. "
        "15237 Fish, salmon, Atlantic, farmed, cooked, dry heat (30 mg/100 g); "
        "15121 Fish, tuna, light, canned in water, drained solids (23 mg/100 g); "
        "15016 Fish, cod, Atlantic, cooked, dry heat (42 mg/100 g); "
        "15262 Fish, tilapia, cooked, dry heat (34 mg/100 g); "
        "give its NDB number or more words"
    )


def test_a_candidate_without_magnesium_says_so(edited_tables: Path) -> None:
    unknown = next(food for food in foods_table().foods if food.mg_per_100g is None)
    with (edited_tables / "food-words.csv").open("a", encoding="utf-8") as words_file:
        words_file.write(f"zzstew,,{unknown.ndb} 12061,two kinds\n")
    with pytest.raises(UnknownFood) as caught:
        food_used("zzstew=100g")
    assert f"e.g. {unknown.ndb} {unknown.description} (magnesium unknown); " in str(caught.value)
    assert "; 12061 Nuts, almonds (270 mg/100 g); give" in str(caught.value)


def test_a_word_that_names_a_missing_ndb_is_a_fault_of_food_words(edited_tables: Path) -> None:
    with (edited_tables / "food-words.csv").open("a", encoding="utf-8") as words_file:
        words_file.write("zzstew,99999,,a stew SR28 lacks\n")
    label = str(edited_tables / "food-words.csv")
    with pytest.raises(DataError) as caught:
        search("zzstew")
    assert str(caught.value) == f"{label}: 'zzstew' means NDB 99999, which foods.csv lacks"


def test_a_word_whose_ndb_is_not_in_ascii_digits_is_a_fault_of_food_words(
    edited_tables: Path,
) -> None:
    # str.isdigit() accepts Arabic-Indic digits; the NDB is then looked for as ASCII ("?")
    with (edited_tables / "food-words.csv").open("a", encoding="utf-8") as words_file:
        words_file.write("zzstew,\u0661\u0662\u0660\u0666\u0661,,almonds in other digits\n")
    with pytest.raises(DataError) as caught:
        search("zzstew")
    assert str(caught.value).startswith(str(edited_tables / "food-words.csv"))
