"""Round 13 of the planner: what a reader of a drafted plan stumbles over (a unit read as a rival's
name, the same admission twice in one quadrant)."""

from __future__ import annotations

import pytest
from planning_support import plan_facts, plan_of


def test_a_unit_after_a_number_is_no_competitor() -> None:
    facts = plan_facts(
        "de",
        [
            ("kam", "Kann ich das so festhalten?"),
            ("buyer", "Ja. Unter der Bedingung, dass die Servicequote über 97 Prozent bleibt."),
        ],
    )
    assert not [f for f in facts if f.kind == "competitor"]
    assert any(f.value == 97.0 and f.unit == "%" for f in facts)


def test_an_admission_quoted_twice_is_one_weakness_with_the_longer_quote() -> None:
    plan = plan_of(
        "de",
        [
            ("buyer", "Ihre Servicequote lag bei 91,5 Prozent. Das waren leere Regale."),
            (
                "kam",
                "Da haben Sie recht. Wir hatten im November einen Ausfall an der Abfüllanlage, "
                "fast drei Wochen lang. Das war unser Fehler, da gibt es nichts zu beschönigen.",
            ),
        ],
    )
    texts = [item.text for item in plan.swot.weaknesses if "Abfüllanlage" in item.text]
    assert len(texts) == 1 and "unser Fehler" in texts[0]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Seit Januar liegen wir bei Kaufland wieder bei 98,4 Prozent."),
        ("de", "Bei Globus und Rewe läuft die neue Sorte seit März sehr gut."),
        ("en", "Our protein bars are the top-selling brand on Amazon in the category."),
    ],
)
def test_a_retailer_where_the_kam_sells_is_no_rival(lang: str, line: str) -> None:
    question = "Wie läuft es?" if lang == "de" else "How is it going?"
    facts = plan_facts(lang, [("buyer", question), ("kam", line)])
    assert not [f for f in facts if f.kind == "competitor"]


def test_a_retailer_the_buyer_loses_shoppers_to_stays_a_rival() -> None:
    facts = plan_facts(
        "en",
        [
            ("buyer", "Our volume is down 8% in the category."),
            ("kam", "I see. You're losing shoppers to Lidl on promotions."),
        ],
    )
    assert [f for f in facts if f.kind == "competitor" and "Lidl" in f.text]


@pytest.mark.parametrize(
    ("speaker", "line"),
    [
        ("kam", "Wir nehmen vier Nuancen raus. Netto also zwei Facings mehr."),
        ("buyer", "Netto sind das drei Prozent mehr als letztes Jahr."),
        ("buyer", "Wir liegen netto 3 Prozent darunter."),
    ],
)
def test_netto_the_word_is_no_retailer(speaker: str, line: str) -> None:
    other = "buyer" if speaker == "kam" else "kam"
    facts = plan_facts("de", [(other, "Was heißt das?"), (speaker, line)])
    assert not [f for f in facts if f.kind == "competitor"]


def test_netto_the_discounter_still_is_one() -> None:
    facts = plan_facts(
        "de", [("kam", "Wie ist der Preis?"), ("buyer", "Bei Netto kostet das 0,99.")]
    )
    assert [f for f in facts if f.kind == "competitor" and "Netto" in f.text]


def test_the_channel_where_the_kam_sells_is_no_rival_but_the_buyers_is() -> None:
    ours = plan_facts(
        "de",
        [
            ("buyer", "Was bringen Sie mit?"),
            ("kam", "Velora wächst plus 18 Prozent im Drogeriekanal laut Nielsen."),
        ],
    )
    assert not [f for f in ours if f.kind == "competitor"]
    theirs = plan_facts(
        "de",
        [
            ("kam", "Wie läuft die Kategorie?"),
            ("buyer", "Die Jungen kaufen ihre Farbe online oder im Drogeriemarkt."),
        ],
    )
    assert [f for f in theirs if f.kind == "competitor"]


KEFIR = [
    ("buyer", "Morning. What have you got for me?"),
    (
        "kam",
        "The headline: kefir is up 19% year on year, and our Brightfield range grew 31% with you "
        "over the last 52 weeks. We ran mango-passion in 60 Sainsbury's Local stores last autumn.",
    ),
    ("buyer", "It's been a good story. Where would you start?"),
    ("kam", "In the 300 stores where Brightfield Original already sells over 12 units a week."),
    ("buyer", "Fine: launch price £1.75 for four weeks, 300 stores."),
    ("kam", "Agreed: launch price £1.75 for four weeks, 300 stores."),
]


def test_our_own_brand_and_the_stores_we_ran_in_are_no_rivals() -> None:
    facts = plan_facts("en", KEFIR)
    assert not [f for f in facts if f.kind == "competitor"]


def test_one_strength_when_one_quote_repeats_the_other_in_other_case() -> None:
    plan = plan_of("en", KEFIR)
    grew = [i.text for i in plan.swot.strengths if "grew 31%" in i.text]
    assert len(grew) == 1 and "headline" in grew[0]


def test_an_agreement_read_on_two_levers_is_one_measure() -> None:
    plan = plan_of("en", KEFIR)
    texts = [m.text.lower() for m in plan.kaop.measures]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(
    ("lang", "line", "reason"),
    [
        ("de", "Ehrlich gesagt, schwierig. Die Lieferfähigkeit lag bei 84 %.", "84 %"),
        ("en", "Terrible, honestly. Your fill rate was 84 percent.", "84 percent"),
    ],
)
def test_a_bare_complaint_is_quoted_with_its_reason(lang: str, line: str, reason: str) -> None:
    question = "Wie läuft es?" if lang == "de" else "How is it going?"
    pains = [f for f in plan_facts(lang, [("kam", question), ("buyer", line)]) if f.kind == "pain"]
    assert pains and all(reason in f.text for f in pains)


def test_a_quoted_campaign_name_names_no_rival() -> None:
    facts = plan_facts(
        "en",
        [
            (
                "buyer",
                "We're launching a 'Filmavond' theme in week 40, a big cross-category moment.",
            ),
            ("kam", "Great, we'd love to be part of it."),
            ("buyer", "Act II is also pitching me for Filmavond, with a much bigger discount."),
        ],
    )
    rivals = [f for f in facts if f.kind == "competitor"]
    assert rivals and not [f for f in rivals if "name=Filmavond" in f.tags]


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "due"),
    [
        ("de", "kam", "Die Aufschlüsselung bekommen Sie bis KW 18.", "bis KW 18"),
        ("en", "buyer", "Decision on the cost price by the 14th.", "by the 14th"),
        ("en", "buyer", "Run down your stock by end of March.", "by end of March"),
    ],
)
def test_what_is_due_by_a_date_is_a_follow_up(lang: str, speaker: str, line: str, due: str) -> None:
    other = "buyer" if speaker == "kam" else "kam"
    hello = "Gut, dann zum nächsten Punkt." if lang == "de" else "Good, next point then."
    plan = plan_of(lang, [(other, hello), (speaker, line)])
    assert [f for f in plan.facts if f.kind == "open_point" and due in f.text]
    assert [f for f in plan.kaop.follow_ups if due in f.text and f.due]


@pytest.mark.parametrize(
    "line",
    [
        "85 Prozent bis Ende Oktober, Sticks sechs Wochen raus, Regalstopper von uns.",
        "Drei Facings, wenn bis KW 24 alles geliefert ist.",
    ],
)
def test_a_recap_or_a_condition_with_a_deadline_is_no_follow_up(line: str) -> None:
    facts = plan_facts("de", [("kam", "Wie verbleiben wir?"), ("buyer", line)])
    assert not [f for f in facts if f.kind == "open_point"]


def test_the_buyers_question_about_cost_is_no_pain() -> None:
    facts = plan_facts(
        "de",
        [
            ("kam", "Wir würden gern eine Aktionsfläche im Eingang aufbauen."),
            ("buyer", "Was kostet mich das?"),
        ],
    )
    assert not [f for f in facts if f.kind == "pain"]


def test_a_threat_that_names_the_own_label_is_labelled_a_threat() -> None:
    plan = plan_of(
        "en",
        [
            ("kam", "We can't go to 8%."),
            (
                "buyer",
                "If I don't have 8% by the end of the month, I'm cutting your range from 46 SKUs "
                "to 20 and giving the space to our own label.",
            ),
        ],
    )
    cutting = [i.text for i in plan.swot.threats if "cutting your range" in i.text]
    assert len(cutting) == 1 and cutting[0].startswith("Buyer's threat")


def test_the_buyers_team_named_by_the_kam_is_no_asset_of_ours() -> None:
    facts = plan_facts(
        "en",
        [
            ("buyer", "You'll need to manage the changeover with our depots."),
            ("kam", "Agreed, we'll manage that with your supply team."),
        ],
    )
    assert not [f for f in facts if f.kind == "strength"]


def test_what_if_we_proposes_and_what_if_it_fails_fears() -> None:
    proposal = plan_facts(
        "en",
        [
            ("kam", "The range is too long for your shelf."),
            ("buyer", "What if we take out onion ourselves and you keep beetroot till the review?"),
        ],
    )
    assert not [f for f in proposal if f.kind == "fear"]
    worry = plan_facts(
        "en",
        [
            ("kam", "We'd list all four."),
            ("buyer", "What if it doesn't sell and I'm stuck with the stock?"),
        ],
    )
    assert [f for f in worry if f.kind == "fear"]


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("de", "Ihre Reiswaffeln kommen gut an.", "Danke, das freut das Team riesig."),
        ("de", "Grüßen Sie mir das Bällebad-Team!", "Mache ich, gern."),
        ("en", "Your people did a great job.", "Thanks, I'll tell the team."),
    ],
)
def test_thanks_and_greetings_are_no_assets(lang: str, first: str, second: str) -> None:
    facts = plan_facts(lang, [("buyer", first), ("kam", second)])
    assert not [f for f in facts if f.kind == "strength" and f.text == second]
    assert not [f for f in facts if f.kind == "strength" and "Grüßen" in f.text]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Listungsgeld? Sie wissen schon, dass wir das bei dm so nicht machen, oder?"),
        ("en", "We at Tesco don't pay listing fees."),
    ],
)
def test_the_buyers_own_company_is_no_rival(lang: str, line: str) -> None:
    facts = plan_facts(
        lang,
        [("kam", "Und das Listungsgeld?" if lang == "de" else "And the fee?"), ("buyer", line)],
    )
    assert not [f for f in facts if f.kind == "competitor"]


def test_retailers_the_buyers_shoppers_go_to_are_rivals() -> None:
    facts = plan_facts(
        "de",
        [
            ("kam", "Wie läuft der Beutel?"),
            ("buyer", "Die Kunden kaufen Nachfüllbeutel lieber bei dm und BIPA."),
        ],
    )
    assert [f for f in facts if f.kind == "competitor"]


@pytest.mark.parametrize(
    ("lang", "line", "date"),
    [
        ("de", "Die Runde ist am 14. Mai.", "am 14. Mai"),
        ("en", "Tuesday, 19 November, at 10:00, here in Solna.", "19 November"),
        (
            "de",
            "Das Webinar bitte im Februar, da haben meine Beraterinnen eher Luft.",
            "im Februar",
        ),
    ],
)
def test_the_date_of_a_meeting_is_on_the_person_lever(lang: str, line: str, date: str) -> None:
    first = "Wann sehen wir uns?" if lang == "de" else "When do we meet?"
    dates = [f for f in plan_facts(lang, [("kam", first), ("buyer", line)]) if f.kind == "date"]
    assert [f for f in dates if date in f.text and f.lever == "person"]


def test_a_price_with_a_dot_is_no_clock_time() -> None:
    facts = plan_facts(
        "en",
        [("buyer", "And the price?"), ("kam", "We'll move the 4-pack to €12.99 from October.")],
    )
    assert [f for f in facts if f.kind == "date" and f.lever != "person"]
