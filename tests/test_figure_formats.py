"""How amounts are written in business German and English: a scale glued to the number ('£50k',
'€1.2m'), units that carry a factor ('50 TEUR'), billions, the price '3,- Euro', percentage
points written '%-Punkte', ranges 'between 3 and 5%', halves and shares ('ein halbes Prozent',
'three quarters of the stores'), and ranges with a hyphen ('3-4 Paletten'), which name no
negative number."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from planning_support import figure_values, two_turns
from spell_numbers import spell_de, spell_en

from coach.scoring.figures import extract_figures, parse_number

FORMATS = [
    ("de", "Wir zahlen 50 TEUR für die Platzierung.", [(50_000.0, "EUR")]),
    ("de", "Wir zahlen 50 T€ für die Platzierung.", [(50_000.0, "EUR")]),
    ("de", "Das Budget liegt bei 120 k€.", [(120_000.0, "EUR")]),
    ("de", "Der Umsatz wächst auf 2,4 Mrd. Euro.", [(2_400_000_000.0, "EUR")]),
    ("de", "Der Regalpreis liegt bei 3,- Euro.", [(3.0, "EUR")]),
    ("de", "Wir bieten 2,5 %-Punkte mehr Rabatt.", [(2.5, "pp")]),
    ("de", "Wir liefern 3-4 Paletten pro Woche.", [(3.0, "pallets"), (4.0, "pallets")]),
    ("de", "Die Marge sinkt um -2,5 %.", [(-2.5, "%")]),
    ("en", "We'll invest £50k in the launch.", [(50_000.0, "GBP")]),
    ("en", "Sales are €1.2m this year.", [(1_200_000.0, "EUR")]),
    ("en", "The category is worth £2.3bn.", [(2_300_000_000.0, "GBP")]),
    ("en", "We need 3-4 pallets a week.", [(3.0, "pallets"), (4.0, "pallets")]),
    ("en", "Sales are -3% year on year.", [(-3.0, "%")]),
    ("en", "Between 3 and 5% more volume.", [(3.0, "%"), (5.0, "%")]),
    ("de", "Zwischen 3 und 5 Prozent mehr Absatz.", [(3.0, "%"), (5.0, "%")]),
    ("de", "Wir liefern ein halbes Prozent mehr.", [(0.5, "%")]),
    ("de", "Wir geben einen halben Prozentpunkt.", [(0.5, "pp")]),
    ("de", "Dreiviertel der Filialen sind dabei.", [(0.75, None)]),
    ("en", "We add half a percent.", [(0.5, "%")]),
    ("en", "Three quarters of the stores are in.", [(0.75, None)]),
    ("en", "We grew for three quarters.", [(3.0, "quarters")]),
    ("en", "One in five stores was empty.", [(1.0, "stores"), (5.0, "stores")]),
    ("en", "3 out of 10 stores were empty.", [(3.0, "stores"), (10.0, "stores")]),
    ("de", "Drei von zehn Märkten waren leer.", [(3.0, "stores"), (10.0, "stores")]),
    ("en", "We want 3/5 of the stores.", [(3 / 5, None)]),
    ("de", "Wir wollen 2/3 der Fläche.", [(2 / 3, None)]),
    ("en", "It's a 24/7 operation, and we split it 50/50.", []),
    # Swiss spelling without ß
    ("de", "Gut dreissig Prozent sind Paraffin.", [(30.0, "%")]),
    ("de", "Das sind einunddreissig Filialen.", [(31.0, "stores")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FORMATS)
def test_amounts_as_business_writes_them(lang: str, text: str, expected: list) -> None:
    assert figure_values(lang, text) == expected


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=98), st.integers(min_value=2, max_value=99))
def test_a_hyphen_range_never_reads_as_a_negative_number(low: int, high: int) -> None:
    figures = extract_figures(f"Wir brauchen {low}-{high} Facings.", "de")
    assert all(f.value >= 0 for f in figures)
    assert float(high) in [f.value for f in figures]


def test_a_price_with_a_dash_for_its_cents() -> None:
    assert parse_number("3,-", "de") == 3.0
    assert parse_number("12,–", "de") == 12.0


def _grouped(n: int, sep: str) -> str:
    digits = str(n)
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


@settings(deadline=None)
@given(
    st.integers(min_value=1, max_value=9_999_999),
    st.sampled_from([".", "'", "’", "\u202f", ""]),
    st.sampled_from(["Euro", "Franken", "Filialen"]),
)
def test_any_german_grouping_of_an_amount_reads_its_value(n: int, sep: str, unit: str) -> None:
    said = _grouped(n, sep)  # below 1000 there is nothing to group
    values = [v for v, _ in figure_values("de", f"Wir reden über {said} {unit} im Jahr.")]
    assert values == [float(n)]


@settings(deadline=None)
@given(
    st.integers(min_value=1, max_value=9_999_999),
    st.sampled_from([",", "\u202f", ""]),
    st.sampled_from(["euros", "pounds", "stores"]),
)
def test_any_english_grouping_of_an_amount_reads_its_value(n: int, sep: str, unit: str) -> None:
    said = _grouped(n, sep)  # below 1000 there is nothing to group
    values = [v for v, _ in figure_values("en", f"We talk about {said} {unit} a year.")]
    assert values == [float(n)]


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99))
def test_a_decimal_amount_reads_its_value(whole: int, cents: int) -> None:
    de = figure_values("de", f"Das sind {whole},{cents:02d} Prozent.")
    en = figure_values("en", f"That is {whole}.{cents:02d} percent.")
    assert de == en == [(float(f"{whole}.{cents:02d}"), "%")]


@settings(deadline=None)
@given(st.integers(min_value=2, max_value=999_999))
def test_an_amount_said_in_english_words_reads_its_value(n: int) -> None:
    said = spell_en(n)
    assert figure_values("en", f"That would be {said} euros for the year.") == [(float(n), "EUR")]


@settings(deadline=None)
@given(st.integers(min_value=2, max_value=999_999))
def test_an_amount_said_in_german_words_reads_its_value(n: int) -> None:
    said = spell_de(n)
    assert figure_values("de", f"Das wären {said} Euro im Jahr.") == [(float(n), "EUR")]


POINTS_AND_PENCE = [
    # pence are pence, not euro cents
    ("en", "We pay 8p per unit and 5 pence on top.", [(8.0, "p"), (5.0, "p")]),
    # points of margin are percentage points ...
    ("en", "I need three points more on what stays.", [(3.0, "pp")]),
    ("en", "I can offer 1.5 points on the squeeze range.", [(1.5, "pp")]),
    ("de", "Ich brauche drei Punkte mehr Marge.", [(3.0, "pp")]),
    ("de", "Die Spanne liegt zwei Punkte unter dem Vorjahr.", [(2.0, "pp")]),
    # ... points on an agenda are no figure at all
    ("en", "Two points. First, the price.", []),
    ("en", "I have two points to raise today.", []),
    ("de", "Ich habe zwei Punkte, die ich ansprechen will.", []),
    ("de", "Zwei Punkte noch: erstens die Lieferung.", []),
]

STORE_COUNTS = [
    # a chain's store format counts stores; its letter is no thousand
    ("en", "We fund a planogram in 40 K-Citymarkets.", [(40.0, "stores")]),
    ("en", "I've got 81 Citymarkets, so about half.", [(81.0, "stores")]),
    ("en", "We ran it in 60 Sainsbury's Local stores.", [(60.0, "stores")]),
    ("en", "It is listed in 300 supermarkets.", [(300.0, "stores")]),
    ("de", "Das läuft in 30 INTERSPAR-Märkten.", [(30.0, "stores")]),
    ("de", "Wir sind in 40 E-Center-Märkten.", [(40.0, "stores")]),
    # the parts of a count, each at a place, are counted in its unit
    (
        "en",
        "We start in 40 stores, 25 in Dublin and 15 in Cork.",
        [(40.0, "stores"), (25.0, "stores"), (15.0, "stores")],
    ),
    (
        "de",
        "Test in zehn Filialen, sechs in Innsbruck, vier im Oberland.",
        [(10.0, "stores"), (6.0, "stores"), (4.0, "stores")],
    ),
    # a bare 'markets' is a country more often than a store
    ("en", "We sell in 12 markets across Europe.", []),
    # a scale glued to a lower-case word is still a scale
    ("en", "That is a 2m-euro budget.", [(2_000_000.0, "EUR")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), STORE_COUNTS)
def test_store_counts_of_a_chain(lang: str, text: str, expected: list) -> None:
    assert figure_values(lang, text) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), POINTS_AND_PENCE)
def test_pence_and_points_of_margin(lang: str, text: str, expected: list) -> None:
    assert figure_values(lang, text) == expected


def test_points_of_margin_are_on_the_price_lever() -> None:
    hello = "Hello."
    facts = two_turns("en", hello, "Two points on squeeze and vegan, and we keep four.", "kam")
    assert [(f.value, f.unit, f.lever) for f in facts if f.unit == "pp"] == [(2.0, "pp", "price")]


RANGE_COUNTS = [
    # shades, flavours and varieties of a range are SKUs, on the product lever
    (
        "de",
        "Erstens die neue Coloration, acht Nuancen, UVP 9,99 Euro.",
        [(8.0, "SKU"), (9.99, "EUR")],
    ),
    ("de", "Wir nehmen die vier schwächsten Nuancen raus.", [(4.0, "SKU")]),
    ("en", "We launch six shades in spring.", [(6.0, "SKU")]),
    ("de", "Vor dem Regal: zwölf verschiedene Reiswaffeln.", [(12.0, "SKU")]),
    ("en", "There are twelve different rice cakes on that shelf.", [(12.0, "SKU")]),
    ("en", "We've three new desserts for the winter.", [(3.0, "SKU")]),
    ("de", "Wir bringen zwei neue Brotaufstriche.", [(2.0, "SKU")]),
    ("en", "We open two new stores.", [(2.0, "stores")]),
    # ... unless the noun is a unit of its own
    ("de", "Wir testen in drei verschiedenen Filialen.", [(3.0, "stores")]),
    # a part of listings is a share, not a count of SKUs
    ("en", "No nutrition table on 7 of your 10 listings.", [(0.7, None)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), RANGE_COUNTS)
def test_counts_of_a_range(lang: str, text: str, expected: list) -> None:
    assert figure_values(lang, text) == expected


def test_a_count_of_skus_is_on_the_product_lever() -> None:
    facts = two_turns("de", "Hallo.", "Erstens die neue Coloration, acht Nuancen, UVP 9,99 Euro.")
    assert {f.lever for f in facts if f.unit == "SKU"} == {"product"}


REACH = [
    ("de", "Wir arbeiten mit Lena, die hat 340.000 Follower.", [(340_000.0, "followers")]),
    ("de", "Der Newsletter geht an zwei Millionen Empfänger.", [(2_000_000.0, "recipients")]),
    ("de", "Ein Blindtest mit 200 Personen in Innsbruck.", [(200.0, "persons")]),
    (
        "en",
        "In a survey of 1,000 respondents, 71 percent liked it.",
        [(1000.0, "persons"), (71.0, "%")],
    ),
    ("de", "Ich brauche einen Punkt mehr Jahresbonus.", [(1.0, "pp")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), REACH)
def test_reach_samples_and_a_point_of_bonus(lang: str, text: str, expected: list) -> None:
    assert figure_values(lang, text) == expected


def test_reach_and_surveys_are_on_the_promotion_lever() -> None:
    for line in (
        "Wir arbeiten mit Lena, die hat 340.000 Follower.",
        "Laut Umfrage sind es 38 Prozent.",
    ):
        facts = two_turns("de", "Hallo.", line, "kam")
        assert {f.lever for f in facts if f.kind == "figure"} == {"promotion"}
