"""Everyday words mean the food as eaten: the word table, and what --food resolves to."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgcalc.datafiles import DATA_DIR_VARIABLE, data_file
from mgcalc.dietary.food_words import word_table
from mgcalc.dietary.foods import foods_table, search
from mgcalc.dietary.portions import food_used
from mgcalc.errors import DataError

# word, the NDB it must resolve to, and why, in SR28's own description.
COMMON_WORDS = [
    ("milk", "01077", "Milk, whole, 3.25% milkfat: cow's milk, not sheep's (01109)"),
    ("skim milk", "01085", "Milk, nonfat, fluid (fat free or skim)"),
    ("yogurt", "01116", "Yogurt, plain, whole milk: not a Greek one listed by container"),
    ("cheese", "01009", "Cheese, cheddar"),
    ("butter", "01145", "Butter, without salt: the same magnesium as salted"),
    ("egg", "01123", "Egg, whole, raw, fresh: not dried egg yolk"),
    ("eggs", "01123", "Egg, whole, raw, fresh (plural)"),
    ("rice", "20045", "Rice, white, long-grain, regular, enriched, cooked: not rice crackers"),
    ("brown rice", "20037", "Rice, brown, long-grain, cooked: not brown rice flour"),
    ("pasta", "20121", "Pasta, cooked, enriched, without added salt: not dry"),
    ("spaghetti", "20121", "Pasta, cooked, enriched"),
    ("quinoa", "20137", "Quinoa, cooked: not uncooked"),
    ("oatmeal", "08121", "Cereals, oats, … cooked with water (ComName 'oatmeal, cooked')"),
    ("oats", "08120", "Cereals, oats, regular and quick, not fortified, dry (rolled oats)"),
    ("bread", "18069", "Bread, white, commercially prepared"),
    ("whole wheat bread", "18075", "Bread, whole-wheat, commercially prepared"),
    ("black beans", "16015", "Beans, black, mature seeds, cooked, boiled, without salt"),
    ("black beans cooked", "16015", "the row without salt: 16315 with salt gives the same"),
    ("cooked black beans", "16015", "words in any order"),
    ("kidney beans", "16028", "Beans, kidney, all types, mature seeds, cooked, boiled"),
    ("lentils", "16070", "Lentils, mature seeds, cooked, boiled: not raw"),
    ("chickpeas", "16057", "Chickpeas (garbanzo beans), mature seeds, cooked: not flour"),
    ("garbanzo beans", "16057", "Chickpeas (garbanzo beans, bengal gram), cooked"),
    ("tofu", "16127", "Tofu, soft, prepared with calcium sulfate and magnesium chloride"),
    ("peanut butter", "16398", "Peanut butter, smooth style, without salt"),
    ("almonds", "12061", "Nuts, almonds"),
    ("cashews", "12085", "Nuts, cashew nuts, dry roasted, without salt added"),
    ("walnuts", "12155", "Nuts, walnuts, english: not walnut oil"),
    ("pumpkin seeds", "12014", "Seeds, pumpkin and squash seed kernels, dried"),
    ("chia seeds", "12006", "Seeds, chia seeds, dried"),
    ("apple", "09003", "Apples, raw, with skin: not dried apples"),
    ("banana", "09040", "Bananas, raw"),
    ("bananas", "09040", "Bananas, raw (plural)"),
    ("orange", "09200", "Oranges, raw, all commercial varieties: not orange juice"),
    ("strawberries", "09316", "Strawberries, raw"),
    ("blueberries", "09050", "Blueberries, raw"),
    ("grapes", "09132", "Grapes, red or green (European type), raw"),
    ("avocado", "09037", "Avocados, raw, all commercial varieties"),
    ("raisins", "09298", "Raisins, seedless"),
    ("spinach", "11457", "Spinach, raw"),
    ("spinach cooked", "11458", "Spinach, cooked, boiled, drained, without salt"),
    ("cooked spinach", "11458", "Spinach, cooked, boiled, drained, without salt"),
    ("broccoli", "11090", "Broccoli, raw"),
    ("carrots", "11124", "Carrots, raw"),
    ("tomato", "11529", "Tomatoes, red, ripe, raw, year round average"),
    ("kale", "11233", "Kale, raw"),
    ("potato", "11674", "Potatoes, baked, flesh and skin, without salt: eaten cooked"),
    ("sweet potato", "11508", "Sweet potato, cooked, baked in skin: eaten cooked"),
    ("peas", "11305", "Peas, green, cooked, boiled, drained: eaten cooked"),
    ("corn", "11168", "Corn, sweet, yellow, cooked, boiled: eaten cooked"),
    ("chicken", "05064", "Chicken, broilers or fryers, breast, meat only, cooked, roasted"),
    ("ground beef", "23575", "Beef, ground, 80% lean meat / 20% fat, crumbles, cooked"),
    ("salmon", "15237", "Fish, salmon, Atlantic, farmed, cooked, dry heat"),
    ("tuna", "15121", "Fish, tuna, light, canned in water, drained solids"),
    ("shrimp", "15151", "Crustaceans, shrimp, mixed species, cooked, moist heat"),
    ("coffee", "14209", "Beverages, coffee, brewed, prepared with tap water: not SILK"),
    ("tea", "14355", "Beverages, tea, black, brewed, prepared with tap water: not herbal"),
    ("green tea", "14278", "Beverages, tea, green, brewed, regular"),
    ("water", "14411", "Beverages, water, tap, drinking"),
    ("orange juice", "09206", "Orange juice, raw"),
    ("beer", "14003", "Alcoholic beverage, beer, regular, all"),
    ("dark chocolate", "19904", "Chocolate, dark, 70-85% cacao solids"),
    ("chocolate milk", "01102", "Milk, chocolate, fluid, commercial, whole (not milk chocolate)"),
    ("milk chocolate", "19120", "Candies, milk chocolate (not chocolate milk)"),
    ("honey", "19296", "Honey"),
    ("olive oil", "04053", "Oil, olive, salad or cooking"),
    ("hot dog", "07022", "Frankfurter, beef (ComName 'hot dog')"),
    ("ketchup", "11935", "Catsup (ComName 'Ketchup')"),
]


def test_at_least_60_common_words() -> None:
    assert len(COMMON_WORDS) >= 60
    assert len({word for word, _, _ in COMMON_WORDS}) == len(COMMON_WORDS)


@pytest.mark.parametrize(
    ("word", "ndb", "reason"), COMMON_WORDS, ids=[w for w, _, _ in COMMON_WORDS]
)
def test_a_common_word_means_the_food_as_eaten(word: str, ndb: str, reason: str) -> None:
    assert search(word)[0].food.ndb == ndb, reason
    used = food_used(f"{word}=100g")
    assert (used.ndb, used.grams) == (ndb, 100)
    # magnesium comes from SR28 itself, never from the word table
    assert used.mg == pytest.approx(foods_table().by_ndb(ndb).mg_per_100g, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "mg", "was"),
    [
        ("milk=2cup", 48.8, "88.2 mg: Milk, sheep, fluid"),
        ("brown rice=1cup", 78.8, "177 mg: brown rice flour"),
        ("black beans=1cup", 120.4, "331.7 mg: raw dry beans"),
        ("lentils=1cup", 71.3, "90.2 mg: raw lentils"),
        ("chickpeas=1cup", 78.7, "152.7 mg: chickpea flour"),
    ],
)
def test_the_issue_examples(text: str, mg: float, was: str) -> None:
    assert food_used(text).mg == pytest.approx(mg, abs=0.05), was


@pytest.mark.parametrize(
    "text", ["rice=1cup", "oatmeal=1cup", "egg=1large", "apple=1medium", "yogurt=1cup",
             "tea=1cup", "quinoa=1cup", "pasta=1cup"],
)  # fmt: skip
def test_words_once_refused_are_counted(text: str) -> None:
    used = food_used(text)
    assert used.matched_by == "word_table"
    assert used.mg > 0


def test_coffee_is_brewed_coffee() -> None:
    used = food_used("coffee=1cup")
    assert (used.ndb, used.mg) == ("14209", pytest.approx(237 * 3 / 100))


def test_milk_lists_its_variants_with_their_mg() -> None:
    used = food_used("milk=1cup")
    assert [(v.ndb, v.mg) for v in used.variants] == [
        ("01079", pytest.approx(244 * 11 / 100)),
        ("01082", pytest.approx(244 * 11 / 100)),
        ("01085", pytest.approx(245 * 11 / 100)),
    ]


def test_every_row_names_a_food_with_magnesium() -> None:
    table = word_table()
    assert len(table) >= 150
    foods = foods_table()
    for row in table.values():
        # an empty ndb: no one food (fish); its variants are the candidates, with magnesium
        for ndb in (row.ndb,) if row.ndb else row.variants:
            food = foods.by_ndb(ndb)
            assert food is not None and food.mg_per_100g is not None, row
        assert all(foods.by_ndb(ndb) is not None for ndb in row.variants), row
        assert row.reason


def test_the_file_says_how_words_were_chosen() -> None:
    head = data_file("food-words.csv").read_text("utf-8").split("\nword,")[0]
    assert "How the words were chosen" in head and "ComName" in head and "Survey" in head
    assert "magnesium always comes from SR28" in head


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("milk,01077,,a\nmilks,01079,,b\n", "row 3, field 'word': 'milks' is listed twice"),
        ("milk,1077,,a\n", "row 2, field 'ndb': '1077' is not a 5-digit NDB number"),
        ("milk,01077,01079 x,a\n", "row 2, field 'variants': 'x' is not"),
        ("milk,01077,,\n", "row 2, field 'reason': must not be empty"),
        ("milk,01077\n", "row 2: wrong number of fields"),
        ("milk,,,a\n", "row 2, field 'ndb': an empty ndb needs candidates in variants"),
    ],
)
def test_a_bad_word_table_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str, message: str
) -> None:
    (tmp_path / "foods.csv").write_bytes(data_file("foods.csv").read_bytes())
    (tmp_path / "food-words.csv").write_text("word,ndb,variants,reason\n" + rows)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(DataError, match=message):
        search("milk")


def test_a_word_for_a_missing_food_is_a_failure_of_mgcalc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "foods.csv").write_bytes(data_file("foods.csv").read_bytes())
    (tmp_path / "food-words.csv").write_text("# how\nword,ndb,variants,reason\nmilk,99999,,a\n")
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(DataError, match=r"'milk' means NDB 99999, which foods\.csv lacks"):
        search("milk")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Comment lines at the top keep their row numbers.
        ("word,ndb,reason,variants\nmilk,01077,,a\n", "row 1: the header must be "),
        ("# how\n# why\nword,ndb,variants\n", "row 3: the header must be "),
        ("# how\nword,ndb,variants,reason\nmilk,1077,,a\n", "row 3, field 'ndb': '1077' is"),
        ("word,ndb,variants,reason\n ,01077,,a\n", "row 2, field 'word': must not be empty"),
        ("word,ndb,variants,reason\nfish,,01077 1079,a\n", "row 2, field 'variants': '1079'"),
        ("word,ndb,variants,reason\nmilk,0107x,,a\n", "row 2, field 'ndb': '0107x' is not"),
        ("word,ndb,variants,reason\nmilk,010777,,a\n", "row 2, field 'ndb': '010777' is not"),
    ],
)
def test_a_bad_word_table_names_the_row_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    (tmp_path / "foods.csv").write_bytes(data_file("foods.csv").read_bytes())
    (tmp_path / "food-words.csv").write_text(text)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(DataError) as caught:
        word_table()
    assert message in str(caught.value)
    if "header" in message:
        assert "the header must be word,ndb,variants,reason" in str(caught.value)


def test_a_word_without_one_food_keeps_its_candidates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "foods.csv").write_bytes(data_file("foods.csv").read_bytes())
    (tmp_path / "food-words.csv").write_text(
        "# how\nword,ndb,variants,reason\n"
        "whole milk,01077,01079 01082,cow's\nfish,,15015 15076,none\n"
    )
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    table = word_table()
    assert sorted(table) == [("fish",), ("whole", "milk")]
    milk = table[("whole", "milk")]
    assert (milk.word, milk.ndb, milk.variants, milk.reason) == (
        "whole milk",
        "01077",
        ("01079", "01082"),
        "cow's",
    )
    assert (table[("fish",)].ndb, table[("fish",)].variants) == ("", ("15015", "15076"))
