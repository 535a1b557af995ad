"""Points the planner reads from how people say them: escalations, the buyer's pressure named by
the KAM, a service level quoted by the buyer, a list opened by 'Dann machen wir das so:'."""

from __future__ import annotations

import pytest

from tests.planning_support import facts_of, plan_facts, plan_of


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "I'll take that to my trading director on Monday."),
        ("en", "The extra facing I'd have to talk to Priya about."),
        ("en", "Fine, I'll look at the numbers."),
        ("de", "Ich red mit meinem Regionalleiter, dann sehen wir weiter."),
        ("de", "Die Verkostung schau ich mir nochmal an."),
        ("de", "Zusagen kann ich das heute nicht."),
    ],
)
def test_taking_a_question_elsewhere_is_an_open_point(lang: str, line: str) -> None:
    assert "open_point" in {kind for kind, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ich verstehe, Sie stehen unter Druck, Ihre Marge zu halten."),
        ("en", "So you're under pressure to show a better margin this year."),
    ],
)
def test_the_kam_naming_the_buyers_pressure_is_a_pain(lang: str, line: str) -> None:
    assert "pain" in {kind for kind, _ in facts_of(lang, "kam", line)}


def test_the_kams_own_pressure_is_no_pain_of_the_buyer() -> None:
    assert "pain" not in {kind for kind, _ in facts_of("de", "kam", "Wir stehen unter Druck.")}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Servicequote lag im Sommer bei 93,4 Prozent."),
        ("de", "Die Lieferbereitschaft war im Mai bei 94 Prozent."),
        ("en", "The delivery rate into our depot was 92 percent last month."),
    ],
)
def test_the_buyer_quoting_our_service_level_is_a_weakness(lang: str, line: str) -> None:
    assert "weakness" in {kind for kind, _ in facts_of(lang, "buyer", line)}


def test_dann_machen_wir_das_so_opens_a_list_of_agreed_terms() -> None:
    facts = plan_facts(
        "de",
        [
            ("buyer", "Ich brauche 2 Prozent Bonus und ein Display im Oktober."),
            ("kam", "Und die Verkostung in 50 Märkten?"),
            ("buyer", "Die nehme ich gern."),
            (
                "kam",
                "Gut. Dann machen wir das so: 2 Prozent Bonus, Display im Oktober, "
                "Verkostung in 50 Märkten.",
            ),
        ],
    )
    agreed = [f for f in facts if f.kind == "agreement" and 3 in f.turns]
    assert {f.value for f in agreed} >= {2.0, 50.0}
    assert any("Display im Oktober" in f.text for f in agreed)


def test_an_agreed_list_item_with_its_date_says_what_was_agreed() -> None:
    facts = plan_facts(
        "de",
        [
            (
                "kam",
                "Dreieinhalb Prozent ab KW 10, dafür zahlen wir die Zweitplatzierung in KW 49.",
            ),
            ("buyer", "Und die Verkostung?"),
            ("kam", "Die übernehmen wir auch."),
            (
                "buyer",
                "Gut. Dann machen wir das so: 3,5 Prozent ab KW 10, Verkostung in 200 Märkten.",
            ),
        ],
    )
    agreed = [f for f in facts if f.kind == "agreement" and f.value == 3.5]
    assert agreed
    assert "3,5 Prozent ab KW 10" in agreed[0].text


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "It's from our own online survey, I'll admit it's not panel data."),
        ("en", "Fair point, I was overselling there."),
        ("de", "Ich gebe zu, die Studie ist nicht repräsentativ."),
    ],
)
def test_what_the_kam_admits_is_a_weakness(lang: str, line: str) -> None:
    assert "weakness" in {k for k, _ in facts_of(lang, "kam", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Thank you, this was well prepared."),
        ("en", "And thank you for being straight about the delays."),
        ("de", "Danke, dass Sie so früh angerufen haben."),
        ("de", "Sie sind ja auch immer ehrlich, das mag ich."),
    ],
)
def test_the_buyer_praising_how_the_kam_works_is_a_person_strength(lang: str, line: str) -> None:
    facts = [
        f for f in plan_facts(lang, [("kam", "Hallo."), ("buyer", line)]) if f.kind == "strength"
    ]
    assert facts
    assert facts[0].lever == "person"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "If I can't answer their deal, I lose the shopper."),
        ("de", "Wenn das nicht läuft, verliere ich Umsatz im ganzen Regal."),
    ],
)
def test_the_bad_case_the_buyer_names_is_his_fear(lang: str, line: str) -> None:
    assert "fear" in {k for k, _ in facts_of(lang, "buyer", line)}


def test_sales_going_down_is_the_buyers_pain() -> None:
    assert "pain" in {
        k for k, _ in facts_of("en", "buyer", "Sales have been going down for years.")
    }


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Kundschaft ist gerade extrem preissensibel."),
        ("en", "Shoppers are more price-sensitive than ever."),
    ],
)
def test_price_sensitive_shoppers_are_a_market_threat(lang: str, line: str) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    plan = plan_of(lang, [("kam", hello), ("buyer", line)])
    assert plan.swot.threats
    assert not plan.swot.opportunities


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ich weiß, das war nicht unser bester Moment."),
        ("en", "We won't beat Aldi on price, that's not the game."),
    ],
)
def test_owning_a_bad_moment_or_a_price_we_cannot_beat_is_a_weakness(lang: str, line: str) -> None:
    assert "weakness" in {k for k, _ in facts_of(lang, "kam", line)}


def test_a_full_cooler_is_no_space() -> None:
    hello = "Hallo."
    plan = plan_of("de", [("kam", hello), ("buyer", "Die Kühler sind brutal voll.")])
    assert plan.swot.threats


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "I'm sorry about that, it was our haulier, and we've changed since."),
        ("en", "Honestly, we are a small brand here."),
        ("de", "Das tut mir leid, das lag an unserer Spedition."),
    ],
)
def test_the_kam_owning_the_cause_is_a_weakness(lang: str, line: str) -> None:
    assert "weakness" in {k for k, _ in facts_of(lang, "kam", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Dann stelle ich Ihr Natur-Sortiment auf den Prüfstand."),
        ("de", "Die Regalmeter garantier ich Ihnen nicht."),
        ("en", "Or the whole range gets reviewed in autumn."),
        ("en", "Those two go out in the spring review."),
    ],
)
def test_what_the_buyer_puts_under_review_is_a_threat(lang: str, line: str) -> None:
    assert "threat" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Here's a thought: what if we did a little Easter campaign in-store?"),
        ("de", "Was wäre, wenn wir das im Herbst mit einer Verkostung machen?"),
    ],
)
def test_the_buyers_what_if_we_is_his_goal(lang: str, line: str) -> None:
    assert "goal" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        ("de", "kam", "Ich kann Ihnen die Auswertung anonymisiert schicken."),
        ("de", "kam", "Die Studie kann ich Ihnen komplett zur Verfügung stellen."),
        ("de", "kam", "Ich leite Ihnen die Tabelle gern heute noch weiter."),
        ("de", "buyer", "Ich muss das sowieso meinem Bereichsleiter zeigen."),
        ("de", "buyer", "Die Listung muss durch unser Sortimentsboard."),
        ("en", "buyer", "What I'd need is a switching analysis from a third party."),
    ],
)
def test_what_is_still_to_send_show_or_pass_is_an_open_point(
    lang: str, speaker: str, line: str
) -> None:
    assert "open_point" in {k for k, _ in facts_of(lang, speaker, line)}
