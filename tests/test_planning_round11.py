"""Round 11 of the planner's reading: prices said as two number words, dozens, and number words
that only look like a range or a scale."""

from __future__ import annotations

import pytest
from planning_support import facts_of, plan_facts, plan_of, two_turns


def figures(lang: str, line: str, speaker: str = "kam") -> list[tuple[float | None, str | None]]:
    hello = "Hallo." if lang == "de" else "Hello."
    return [(f.value, f.unit) for f in two_turns(lang, hello, line, speaker) if f.kind == "figure"]


@pytest.mark.parametrize(
    ("lang", "line", "value"),
    [
        ("de", "Der Preis liegt dann bei zwei neunundvierzig.", 2.49),
        ("de", "Eins fünfzig. Mehr ist nicht drin.", 1.5),
        ("de", "Im Regal kostet die Flasche drei neunundneunzig.", 3.99),
        ("en", "The price is two forty-nine a pack.", 2.49),
        ("en", "Fine. One fifty.", 1.5),
    ],
)
def test_a_price_said_as_euros_and_cents_in_words(lang, line, value) -> None:
    found = figures(lang, line)
    assert any(v == pytest.approx(value) for v, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "We are in one fifty stores now, and the price stays."),
        ("de", "Zwei, drei Wochen Vorlauf brauchen wir beim Preis."),
        ("en", "We meet at two thirty to talk about the listing."),
    ],
)
def test_two_number_words_are_no_price_without_money_or_with_a_unit(lang, line) -> None:
    found = figures(lang, line)
    assert not [v for v, _ in found if v != int(v)], found


def test_forty_nine_is_no_range_of_forty_to_nine() -> None:
    found = figures("en", "The price is two forty-nine a pack.")
    assert (40.0, "units") not in found, found


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        ("en", "We are in a dozen stores already.", 12.0, "stores"),
        ("en", "Two dozen stores would take the pilot.", 24.0, "stores"),
        ("de", "Ein Dutzend Filialen testen das.", 12.0, "stores"),
    ],
)
def test_a_dozen_counts_twelve(lang, line, value, unit) -> None:
    assert (value, unit) in figures(lang, line)


def test_a_word_starting_with_a_scale_letter_scales_nothing() -> None:
    # 'a kick-off' holds no 'a k' (a thousand)
    found = figures("en", "I'll bring the team to a kick-off workshop in May.")
    assert not [v for v, _ in found if v >= 1000], found


def agreements(lang: str, turns: list[tuple[str, str]]) -> list[str]:
    return [f.text for f in plan_facts(lang, turns) if f.kind == "agreement"]


@pytest.mark.parametrize(
    ("lang", "turns", "key"),
    [
        (
            "de",
            [
                (
                    "kam",
                    "Wir würden die Senfgurken auslisten und dafür dem Glas drei Facings geben.",
                ),
                (
                    "buyer",
                    "Okay, klingt vernünftig. Senfgurken raus, das Glas bekommt drei Facings.",
                ),
            ],
            "Senfgurken raus",
        ),
        (
            "de",
            [
                ("kam", "Die Preisschilder liefern wir bis Freitag in alle 80 Märkte."),
                (
                    "buyer",
                    "Gut. Zwei Wochen Zweitplatzierung, Preisschilder bis Freitag, einverstanden.",
                ),
            ],
            "Preisschilder bis Freitag",
        ),
        (
            "en",
            [
                (
                    "buyer",
                    "I need you to hold 30 pallets in your warehouse for every promotion week.",
                ),
                ("kam", "Thirty pallets per promotion week. Fine."),
            ],
            "Thirty pallets",
        ),
        (
            "en",
            [
                ("kam", "Let's lock it in: we hold 30 pallets in our warehouse for you."),
                ("buyer", "Thirty pallets per promotion week. Good. That helps."),
            ],
            "Thirty pallets",
        ),
        (
            "de",
            [
                ("kam", "Die Regalstopper drucken wir Ihnen und bringen sie in alle Märkte."),
                ("buyer", "Gut. Regalstopper bis Freitag, einverstanden."),
            ],
            "Regalstopper bis Freitag",
        ),
        (
            "en",
            [
                ("buyer", "Fine. I want the lemon flavour in its place on the shelf."),
                ("kam", "With pleasure. Lemon flavour in, cherry out, same shelf position."),
            ],
            "Lemon flavour in",
        ),
    ],
)
def test_a_yes_that_says_the_bid_again_agrees_each_restated_term(lang, turns, key) -> None:
    found = agreements(lang, turns)
    assert any(key.lower() in text.lower() for text in found), found


@pytest.mark.parametrize(
    ("lang", "turns"),
    [
        (
            "de",
            [
                ("kam", "Wir schlagen zwei Aktionen im Frühjahr vor."),
                (
                    "buyer",
                    "Gut. Die letzten zwei Aktionen im Frühjahr waren ein Flop, das wissen Sie.",
                ),
            ],
        ),
        (
            "en",
            [
                ("kam", "We propose two promotions in spring, with a display each."),
                (
                    "buyer",
                    "Good morning first. Two promotions in spring? I want to see the plan first.",
                ),
            ],
        ),
        (
            "de",
            [
                ("kam", "Wir bieten Ihnen das Themenregal mit Verkostung an."),
                ("buyer", "Die Verkostung beim Themenregal lief letztes Jahr gut."),
            ],
        ),
    ],
)
def test_repeating_the_bid_without_a_yes_or_as_a_report_agrees_nothing(lang, turns) -> None:
    assert not agreements(lang, turns), agreements(lang, turns)


def kinds_of(lang: str, line: str) -> set[str]:
    return {kind for kind, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Wenn das nicht besser wird, stelle ich die Eigenmarke auf Ihre Fläche."),
        ("de", "Sie nehmen die Restmenge zurück, sonst wird es schwierig mit der Saison."),
        ("en", "If the test fails, I'll have to think about cutting your facings."),
        ("en", "I'm not adding lines this year, I'm cutting."),
    ],
)
def test_the_buyers_consequence_is_a_threat(lang, line) -> None:
    assert "threat" in kinds_of(lang, line)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Bio auf der Packung, Freiland am Regal? Das gibt Beschwerden."),
        ("en", "If you're short again, I'm in trouble with every store manager."),
        ("en", "Does the category grow, or do you just steal from my own label?"),
    ],
)
def test_the_buyers_worry_in_everyday_words_is_a_fear(lang, line) -> None:
    assert "fear" in kinds_of(lang, line)


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        ("de", "kam", "Ehrlich gesagt, die Kirschvariante dreht bei Ihnen nicht."),
        ("de", "kam", "Zwei unserer Sorten laufen unter Ihrem Schnitt."),
        ("de", "buyer", "Ihre Kirschvariante dreht bei uns nicht."),
        ("en", "buyer", "And your cherry flavour isn't moving."),
        ("en", "kam", "Both of our minis are under your threshold."),
    ],
)
def test_our_slow_seller_is_a_weakness(lang, speaker, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    assert "weakness" in {f.kind for f in two_turns(lang, hello, line, speaker)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [("de", "Nachfüllbeutel drehen bei uns nicht."), ("en", "Refills aren't moving at all.")],
)
def test_a_slow_category_in_the_buyers_mouth_is_no_weakness_of_ours(lang, line) -> None:
    assert "weakness" not in kinds_of(lang, line)


def test_a_rival_named_alone_is_a_competitor() -> None:
    facts = two_turns("en", "Who's behind that?", "Lidl. They run oat drinks at half price.")
    assert [f.text for f in facts if f.kind == "competitor"] == ["Lidl."]


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("de", "Wir gehen mit zwei Millionen Euro in TV und Social.", "promotion"),
        ("en", "We're putting two million euros into TV and radio.", "promotion"),
    ],
)
def test_money_for_media_is_promotion(lang, line, lever) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    money = [f for f in two_turns(lang, hello, line, "kam") if f.kind == "figure"]
    assert money and money[0].lever == lever, money


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Im Frühjahr baue ich das Regal um, und ich habe keinen Zentimeter übrig."),
        ("de", "Die Restware steht seit Oktober bei mir im Zentrallager rum."),
        ("en", "Shoppers can't find them on the bottom shelf."),
        ("en", "Half of last year's stock is still sitting in my warehouse."),
    ],
)
def test_the_buyers_own_trouble_is_a_pain(lang, line) -> None:
    assert "pain" in kinds_of(lang, line)


def test_stock_sitting_in_our_warehouse_is_no_pain() -> None:
    facts = two_turns("en", "Hello.", "The stock is produced and sitting in our warehouse.", "kam")
    assert "pain" not in {f.kind for f in facts} and "weakness" not in {f.kind for f in facts}


@pytest.mark.parametrize(
    ("line", "value", "unit"),
    [
        ("Wir sitzen noch auf rund 3.000 Sack aus dem letzten Sommer.", 3000.0, "units"),
        ("Wenn der Kurs in drei Monaten weiter fällt, habe ich ein Problem.", 3.0, "months"),
        ("Die letzte Serie haben wir nach einem Jahr wieder rausgenommen.", 1.0, "years"),
        ("Für den Rest gibt es einen Nachlass von einem Euro pro Sack.", 1.0, "EUR"),
    ],
)
def test_german_sacks_dative_months_and_one_as_einem(line, value, unit) -> None:
    assert (value, unit) in figures("de", line, "buyer")


def test_a_german_article_before_a_count_stays_an_article() -> None:
    found = figures("de", "Wir planen eine Aktion mit einem Display im Eingang.")
    assert (1.0, "stores") not in found and (1.0, "units") not in found, found


def quadrants_of(lang: str, turns: list[tuple[str, str]], key: str) -> list[str]:
    swot = plan_of(lang, turns).swot
    return [
        q
        for q in ("strengths", "weaknesses", "opportunities", "threats")
        if any(key in item.text for item in getattr(swot, q))
    ]


@pytest.mark.parametrize(
    ("lang", "turns", "key"),
    [
        (
            "en",
            [
                ("buyer", "So what do you want?"),
                (
                    "kam",
                    "Our proposal is one home for dips: a snack block, two metres, at eye level.",
                ),
            ],
            "one home for dips",
        ),
        (
            "de",
            [
                ("buyer", "Und was wollen Sie?"),
                ("kam", "Unser Vorschlag: eine Grillwelt im Eingang, zwei Meter, mit Display."),
            ],
            "Grillwelt",
        ),
    ],
)
def test_the_kams_proposal_is_a_chance_not_an_asset(lang, turns, key) -> None:
    assert quadrants_of(lang, turns, key) == ["opportunities"]


@pytest.mark.parametrize(
    ("lang", "turns", "key", "quadrant"),
    [
        (
            "de",
            [
                ("buyer", "Warum fehlt Ware?"),
                (
                    "kam",
                    "Der Hagel hat zwei unserer Obstbauern getroffen, da sind 300 Tonnen weggefallen.",
                ),
            ],
            "Hagel",
            "weaknesses",
        ),
        (
            "en",
            [
                ("buyer", "Which ones are weak?"),
                ("kam", "Two of our flavours are under your threshold."),
            ],
            "under your threshold",
            "weaknesses",
        ),
    ],
)
def test_our_own_bad_news_is_no_asset(lang, turns, key, quadrant) -> None:
    assert quadrant in quadrants_of(lang, turns, key)
    assert "strengths" not in quadrants_of(lang, turns, key)


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("de", "Schicken Sie mir bis Freitag eine Liefervorschau für das Quartal.", "performance"),
        ("en", "Can we get a mention in your app push in May?", "promotion"),
    ],
)
def test_delivery_plans_and_app_pushes_name_their_lever(lang, line, lever) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    levers = {f.lever for f in two_turns(lang, hello, line) if f.kind in ("open_point", "date")}
    assert levers == {lever}, levers


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("de", "Den Rahmenvertrag schicke ich Ihnen bis Mittwoch.", "price"),
        ("en", "I'll send you the calculation by Friday.", "price"),
        ("de", "Schicken Sie mir die Service-Level-Daten bis Ende des Monats.", "performance"),
        ("en", "I'll send you the updated allocation plan by Wednesday.", "performance"),
    ],
)
def test_what_is_sent_by_a_date_names_the_dates_lever(lang, line, lever) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    dates = [f for f in two_turns(lang, hello, line, "kam") if f.kind == "date"]
    assert dates and {f.lever for f in dates} == {lever}, dates


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("de", "Das muss ich mit meinem Chef klären, Herrn Albers.", "Herrn Albers"),
        ("en", "I'll check that with our supply planner, Declan.", "Declan"),
    ],
)
def test_a_named_contact_of_an_open_point_is_a_person_point(lang, line, name) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    points = [f for f in two_turns(lang, hello, line) if f.kind == "open_point"]
    assert any(f.lever == "person" and name in f.text for f in points), points


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Bis dahin brauche ich die Artikelnummern und ein Motiv."),
        ("en", "I need the study behind that claim, the full protocol."),
    ],
)
def test_documents_the_buyer_needs_are_open_points_for_the_kam(lang, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    points = [f for f in two_turns(lang, hello, line) if f.kind == "open_point"]
    assert points and all("owner=kam" in f.tags for f in points), points


@pytest.mark.parametrize(
    ("lang", "line", "key"),
    [
        ("en", "Listen, my real worry is different. Shelf life.", "Shelf life"),
        ("en", "That's what worries me. That the space is gone for good.", "space is gone"),
    ],
)
def test_a_short_worry_is_quoted_with_what_it_points_to(lang, line, key) -> None:
    fears = [f.text for f in two_turns(lang, "Hello.", line) if f.kind == "fear"]
    assert any(key in text for text in fears), fears


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "de",
            "Bei drei für zwei schleppen die Leute die Säcke einzeln zur Kasse, das gibt Chaos.",
        ),
        ("de", "Ich würde ungern mit einer Preiserhöhung in den Sommer gehen."),
        ("de", "Neuheiten liegen oft im Regal, und ich habe dann den Ärger mit der Rücknahme."),
        ("en", "If a new brand shows up in the waste report, it's my head."),
        ("en", "I want a rate of sale that doesn't make me look silly."),
    ],
)
def test_more_everyday_worries_are_fears(lang, line) -> None:
    assert "fear" in kinds_of(lang, line)


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        ("en", "buyer", "Honestly, I love your labels, they look amazing on a screen."),
        ("de", "buyer", "Ihre Displays sind toll, das muss ich sagen."),
        ("de", "kam", "Beim Thema Mehrweg sind wir schon weiter als die meisten."),
        ("en", "kam", "Our clip strips did really well last Christmas."),
    ],
)
def test_praise_of_ours_is_a_strength(lang, speaker, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    assert "strength" in {f.kind for f in two_turns(lang, hello, line, speaker)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ich gebe Ihnen eine Doppelseite im Innenteil, ab KW 12."),
        ("en", "We can give you the front page of the leaflet in May."),
    ],
)
def test_pages_of_a_flyer_are_promotion(lang, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    facts = [f for f in two_turns(lang, hello, line) if f.kind in ("offer", "date", "open_point")]
    assert facts and {f.lever for f in facts} == {"promotion"}, facts
