"""The market around the talk: rivals, lost space, cost and supply shocks, strengths and weaknesses
in everyday words, and what the account offers."""

from __future__ import annotations

import pytest
from planning_support import facts_of, plan_facts, two_turns


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Belgier bieten mir Erbsen gerade 7 % unter Ihrem neuen Preis an."),
        ("de", "Der Holländer liefert mir Gurken für einen Euro weniger."),
        ("de", "Einen Bier-Senf haben wir schon vom großen Münchner Hersteller im Regal."),
        ("de", "Ein polnischer Lieferant hat uns letzte Woche ein Angebot geschickt."),
        ("en", "A Belgian supplier offered me peas at 7 % below your price."),
        ("en", "The Dutch are already in with a cheaper tub."),
    ],
)
def test_a_rival_named_by_origin_is_a_competitor(lang, line) -> None:
    assert "competitor" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Wir haben eine zweite Linie in Polen hochgefahren."),
        ("de", "Unser Hersteller für die Gläser sitzt in Bayern."),
        ("en", "A couple of our Norwegian suppliers failed their certification."),
    ],
)
def test_our_own_plants_and_suppliers_abroad_are_no_rivals(lang, line) -> None:
    assert "competitor" not in {k for k, _ in facts_of(lang, "kam", line)}


def test_a_pronoun_is_never_a_rivals_name() -> None:
    facts = two_turns("de", "Hallo.", "Und bei Ihnen will ich von 28 Artikeln auf 20 runter.")
    assert not [f for f in facts if f.kind == "competitor"]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Windeln bekommen weniger Fläche, von vier auf dreieinhalb Meter pro Filiale."),
        ("de", "Der halbe Meter geht an Saucen und Asia."),
        ("en", "Vapes and phone accessories are taking a lot of that space."),
        ("en", "Your bay gets less space from September."),
    ],
)
def test_less_space_for_us_is_a_threat(lang, line) -> None:
    assert "threat" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("de", "Der Skipjack-Preis am Weltmarkt liegt 22 % über Vorjahr.", "price"),
        ("de", "Dazu kommen die Weißblechdosen mit plus 14 %.", "price"),
        ("de", "Der Rohwarenpreis ist bei Erbsen um 31 % gestiegen.", "price"),
        ("de", "Die Ernte lag wegen der Trockenheit rund 20 % unter Plan.", "performance"),
        ("en", "The pollock quota in the Barents Sea was cut by 25 % this year.", "performance"),
        ("en", "Tinplate is 14 % above last year.", "price"),
    ],
)
def test_cost_and_supply_shocks_the_kam_names_are_market_risks(lang, line, lever) -> None:
    facts = two_turns(lang, "Warum?" if lang == "de" else "Why?", line, "kam")
    threats = [f for f in facts if f.kind == "threat"]
    assert threats and threats[0].lever == lever
    assert not [f for f in facts if f.kind == "strength"]


def test_a_side_panel_is_no_panel_data() -> None:
    line = "Batteries go from a full 60-centimetre section to a clip strip or a side panel."
    assert "strength" not in {k for k, _ in facts_of("en", "buyer", line)}


def test_every_kind_of_fact_has_a_default_lever() -> None:
    from typing import get_args

    from coach.domain import FactKind
    from coach.planning.lexicon import cues

    for lang in ("de", "en"):
        assert set(get_args(FactKind)) <= set(cues(lang).default_lever)


@pytest.mark.parametrize(
    ("lang", "line", "key"),
    [
        ("de", "Wir haben eine zweite Linie in Polen hochgefahren.", "zweite Linie"),
        ("de", "Sie ist die einzige im Regal mit der Empfehlung der Zahnärzte.", "Empfehlung"),
        ("de", "Das ist ein Frequenzartikel für die ganze Familie.", "Frequenzartikel"),
        ("de", "Der ist nach dem Rezept von meinem Großvater, seit 1952 unverändert.", "Rezept"),
        ("en", "We've got the dermatologist endorsement on it now.", "endorsement"),
        ("en", "It's fixed, and we've moved you to weekly replenishment.", "weekly replenishment"),
        ("en", "A fifty-two capsule bag, online only, exclusive to you for a year.", "exclusive"),
        (
            "de",
            "Unsere Lieferquote lag bei 99,4 %, auch als andere Mühlen ausgefallen sind.",
            "Lieferquote",
        ),
    ],
)
def test_the_kams_assets_are_strengths(lang, line, key) -> None:
    found = facts_of(lang, "kam", line)
    assert [text for kind, text in found if kind == "strength" and key in text]
    assert not [kind for kind, _ in found if kind in ("weakness", "competitor")]


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        ("de", "buyer", "App-Coupons, die funktionieren bei uns gerade richtig gut.", "trend"),
        ("en", "buyer", "The autumn is when fish fingers really move for us.", "trend"),
        ("en", "buyer", "Non-HFSS is up six in the category.", "trend"),
        ("de", "buyer", "Ich gebe Ihnen 250 Filialen zum Test.", "offer"),
        ("en", "buyer", "I'll give you the end bay in March.", "offer"),
    ],
)
def test_what_works_at_the_account_and_what_the_buyer_gives_are_opportunities(
    lang, speaker, line, kind
) -> None:
    assert kind in {k for k, _ in facts_of(lang, speaker, line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Aber Ihre Preise liegen 15 % über der Ware aus Niedersachsen."),
        ("de", "Ihre Beeren sind deutlich teurer als beim Großmarkt."),
        ("en", "Your organic almonds cost 40% more than the conventional ones."),
        ("en", "Your tubs are more expensive than the brand leader's."),
    ],
)
def test_the_buyer_setting_our_price_above_others_is_a_price_weakness(lang, line) -> None:
    weak = [f for f in two_turns(lang, "Hallo.", line) if f.kind == "weakness"]
    assert weak and weak[0].lever == "price"


def test_a_private_label_compound_is_a_competitor() -> None:
    line = "Für 2026 überlegen wir, eine eigene Sonnenschutz-Eigenmarke aufzubauen."
    assert "competitor" in {k for k, _ in facts_of("de", "buyer", line)}


def test_raw_material_prices_up_a_number_are_a_cost_risk_not_a_strength() -> None:
    facts = two_turns(
        "en", "Why?", "Below 0.65 is tough with oat prices up 30 % since spring.", "kam"
    )
    assert [f for f in facts if f.kind == "threat" and f.lever == "price"]
    assert not [f for f in facts if f.kind == "strength"]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "The big tubs walk out the door – shrinkage on protein is the worst in the store."),
        ("en", "Right now the sports bay is mostly dusty tubs."),
        ("de", "Der Schwund bei Rasierklingen frisst uns die Marge auf."),
        ("de", "Meine Leute wissen nicht mal, wie man das zubereitet."),
    ],
)
def test_shrink_dust_and_missing_know_how_are_the_buyers_pains(lang, line) -> None:
    assert "pain" in {k for k, _ in facts_of(lang, "buyer", line)}


def _names(turns: list[tuple[str, str]]) -> list[str]:
    return [
        tag.split("=", 1)[1]
        for f in plan_facts("en", turns)
        if f.kind == "competitor"
        for tag in f.tags
        if tag.startswith("name=")
    ]


def test_a_brand_only_the_buyer_names_is_a_rival_the_kams_own_brand_is_not() -> None:
    names = _names(
        [
            ("kam", "Morning, Tom. I'd like to talk about Oakfield granola."),
            (
                "buyer",
                "Fair warning: if Post or Kellogg's bring a bigger coupon budget, they get the "
                "premium slots. Eye level's got Grainville on it, and Oakfield sits below.",
            ),
        ]
    )
    assert {"Post", "Kellogg's", "Grainville"} <= set(names)
    assert "Oakfield" not in names


@pytest.mark.parametrize(
    "line",
    [
        "Thanks for coming, Anna.",
        "Hi Tom, five minutes late, the call overran.",
        "Our depots in Leeds and Bristol had to pull stock.",
        "I'll cut your range from 24 to 15 products in the spring.",
        "That's Priya Shah, she runs the analytics.",
        "We want it on the shelf before Black Friday.",
        "I need the content for all SKUs by Friday.",
    ],
)
def test_people_places_holidays_and_contractions_are_no_rivals(line) -> None:
    assert _names([("kam", "Hello."), ("buyer", line)]) == []


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        (
            "de",
            "buyer",
            "Ein Aktionspreis allein reicht nicht, Ihre Marke kennt bei uns noch keiner.",
        ),
        ("en", "buyer", "Our own-label oat barista is 20 % cheaper than yours already."),
        ("en", "buyer", "I found out from my stores before I heard from you."),
        ("de", "buyer", "Das hat mir keiner gesagt, ich stand vor leeren Regalen."),
        (
            "en",
            "kam",
            "Part of the answer is the shelf: we're on the bottom shelf in most of your stores.",
        ),
        ("en", "kam", "I can't promise an end date, and that's the honest answer."),
        ("de", "kam", "Das ist für uns viel Geld, ehrlich gesagt."),
    ],
)
def test_unknown_brands_late_news_and_admitted_limits_are_weaknesses(lang, speaker, line) -> None:
    assert "weakness" in {k for k, _ in facts_of(lang, speaker, line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Meine Kunden sind Kantinen, Krankenhäuser, Betriebsgastronomie."),
        ("en", "Next to dairy cheese is interesting, that's where flexitarians shop."),
        ("en", "Our shoppers are mostly young families on a budget."),
    ],
)
def test_who_the_buyers_customers_are_is_an_opportunity(lang, line) -> None:
    assert "trend" in {k for k, _ in facts_of(lang, "buyer", line)}


def test_asking_for_shrink_data_is_no_admitted_weakness() -> None:
    line = (
        "I'll need the store list and the shrink data by the end of July so we can book the reps."
    )
    assert "weakness" not in {k for k, _ in facts_of("en", "kam", line)}
