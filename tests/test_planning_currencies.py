"""Money in Swiss francs and Nordic crowns like euros (the Swiss and Nordic trade), pack sizes and
measures with their units; a price after a currency is never a date."""

from __future__ import annotations

import pytest
from planning_support import plan_facts, plan_of, two_turns

PRICES = [
    ("de", "Unser Balsamico kostet im Regal 4.20 Franken.", 4.2, "CHF"),
    ("de", "Der von Ponti liegt bei CHF 3.90.", 3.9, "CHF"),
    ("de", "Fünf Franken fünfzig ist zu viel.", 5.5, "CHF"),
    ("de", "Mehr als 80 Rappen Aufschlag geht nicht.", 80.0, "ct"),
    ("en", "Our vinegar sells at CHF 4.20 in Coop.", 4.2, "CHF"),
    ("en", "Ponti is at 3.90 francs.", 3.9, "CHF"),
]


@pytest.mark.parametrize(("lang", "line", "value", "unit"), PRICES)
def test_an_amount_in_swiss_francs(lang: str, line: str, value: float, unit: str) -> None:
    hello = "Grüezi, wie läuft es?" if lang == "de" else "Hello, how is it going?"
    facts = plan_facts(lang, [("buyer", hello), ("kam", line)])
    figures = [(f.value, f.unit) for f in facts if f.kind == "figure"]
    assert (value, unit) in figures
    assert not [f for f in facts if f.kind == "date"]  # 'CHF 3.90.' is no 3 September


def test_a_real_date_after_a_price_stays_a_date() -> None:
    facts = plan_facts(
        "de",
        [("kam", "Die Gutschrift zu 7,50 Euro kommt bis Ende August."), ("buyer", "Gut.")],
    )
    assert any(f.kind == "date" and "Ende August" in f.text for f in facts)


def test_an_agreed_price_in_francs_is_a_kaop_target() -> None:
    plan = plan_of(
        "de",
        [
            ("kam", "Wir schlagen einen Regalpreis von 4.20 Franken vor."),
            ("buyer", "Einverstanden, 4.20 Franken."),
        ],
    )
    price = next(o for o in plan.kaop.objectives if o.p == "price")
    assert "4.20" in price.target and "Franken" in price.target


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        ("en", "At the recommended shelf price of 44.90 kronor your margin is 34%.", 44.9, "SEK"),
        ("en", "The private label is at SEK 39.90.", 39.9, "SEK"),
        ("en", "Your 750-gram classic chips sell well.", 750.0, "g"),
        ("en", "And the 1.5-kilo bag of classic chips?", 1.5, "kg"),
        ("en", "That is 0.9 kilos of CO2 per kilo.", 0.9, "kg"),
        ("en", "The shelves are only 40 centimetres deep.", 40.0, "cm"),
        ("en", "Out-of-stocks on the 9-watt bulbs were high.", 9.0, "W"),
        ("de", "Der Spender mit 300 Milliliter läuft schlecht.", 300.0, "ml"),
        ("de", "Der 500-Milliliter-Beutel läuft gut.", 500.0, "ml"),
        ("de", "Die Regale sind 40 Zentimeter tief.", 40.0, "cm"),
        ("de", "Ein Prozent zusätzlicher Saisonrabatt auf alles.", 1.0, "%"),
    ],
)
def test_crowns_pack_sizes_and_measures(lang: str, line: str, value: float, unit: str) -> None:
    hello = "Hallo, wie läuft es?" if lang == "de" else "Hello, how is it going?"
    facts = plan_facts(lang, [("buyer", hello), ("kam", line)])
    assert (value, unit) in [(f.value, f.unit) for f in facts if f.kind == "figure"]


def test_a_pack_size_is_product_information() -> None:
    facts = plan_facts(
        "en", [("buyer", "What is new?"), ("kam", "A 1.5-kilo bag and 9-watt bulbs.")]
    )
    assert {f.lever for f in facts if f.kind == "figure"} == {"product"}


@pytest.mark.parametrize(
    ("lang", "line", "value"),
    [
        ("en", "Your 2-pack sits on my shelf at €9.49.", 9.49),
        ("en", "We'll probably go €2.69 on shelf to hit a price point.", 2.69),
        ("en", "That gives a €4.29 shelf price.", 4.29),
        ("de", "Ich brauche einen Einkaufspreis, der mir 1,95 Euro im Regal ermöglicht.", 1.95),
    ],
)
def test_money_on_the_shelf_is_a_price_not_a_placement(lang: str, line: str, value: float) -> None:
    facts = two_turns(lang, "Hallo." if lang == "de" else "Hello.", line, "kam")
    assert {f.lever for f in facts if f.value == value and f.kind == "figure"} == {"price"}


def test_money_paid_for_displays_on_the_shelf_stays_on_the_displays() -> None:
    facts = two_turns("en", "Hello.", "We pay €2,000 for the displays on the shelf.", "kam")
    assert {f.lever for f in facts if f.unit == "EUR"} == {"placement"}


@pytest.mark.parametrize(
    ("lang", "line", "value"),
    [
        ("de", "Ihr Weichspüler hatte im letzten Jahr eine Servicequote von 91,5 Prozent.", 91.5),
        ("de", "Unsere Linie in Minden läuft aktuell mit 60 Prozent Auslastung.", 60.0),
        ("en", "The plant runs at 60 percent utilisation.", 60.0),
    ],
)
def test_rates_of_service_and_capacity_are_performance(lang: str, line: str, value: float) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    # after a price talk, the rate's own word decides
    facts = plan_facts(
        lang, [("kam", hello), ("buyer", "Der Preis steigt um 4 Prozent."), ("kam", line)]
    )
    assert {f.lever for f in facts if f.value == value and f.kind == "figure"} == {"performance"}


def test_grand_is_money_in_the_currency_of_the_talk() -> None:
    said = [
        ("kam", "Our price is £1.20 a bottle."),
        ("buyer", "Get me a listing fee of twenty grand."),
    ]
    assert (20_000.0, "GBP") in {(f.value, f.unit) for f in plan_facts("en", said)}
    # with no currency said, 'grand' names no currency
    alone = [("kam", "Hello."), ("buyer", "Get me a listing fee of twenty grand.")]
    assert (20_000.0, None) in {(f.value, f.unit) for f in plan_facts("en", alone)}
