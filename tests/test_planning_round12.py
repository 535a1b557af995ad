"""Round 12 of the planner's reading: closing lists, named contacts and what is still to send,
dates and amounts said in words, everyday ways of taking a bid."""

from __future__ import annotations

import pytest
from planning_support import facts_at, plan_facts, reply_facts

CLOSINGS = {
    "de": [
        ("kam", "Wir müssen über die Konditionen sprechen."),
        ("buyer", "Dann legen Sie los."),
        ("kam", "Wir bieten 3 Prozent Rabatt, 20.000 Euro WKZ und zwei Aktionswochen im Herbst."),
        ("buyer", "Zu wenig."),
        ("kam", "Vier. Und die Preisgarantie bis Ende Juni steht."),
        (
            "buyer",
            "Gut. 4 Prozent, Preisgarantie bis Ende Juni, 20.000 Euro WKZ, zwei Aktionswochen "
            "im Herbst. Dann haben wir einen Deal.",
        ),
    ],
    "en": [
        ("kam", "We need to talk about the terms."),
        ("buyer", "Go ahead."),
        (
            "kam",
            "We offer 3 percent off, 20,000 euros for the flyer and two promotion weeks in autumn.",
        ),
        ("buyer", "Not enough."),
        ("kam", "Four. And the price guarantee until the end of June stands."),
        (
            "buyer",
            "Fine. 4 percent, a price guarantee until the end of June, 20,000 euros for the "
            "flyer, two promotion weeks in autumn. Then we have a deal.",
        ),
    ],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_closing_list_before_then_we_have_a_deal_is_agreed(lang) -> None:
    agreed = [f for f in plan_facts(lang, CLOSINGS[lang]) if f.kind == "agreement"]
    values = {(f.value, f.unit) for f in agreed if 5 in f.turns}
    assert (4.0, "%") in values, agreed
    assert (20000.0, "EUR") in values, agreed


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        (
            "de",
            "Das nehme ich mit, die Backstationen laufen über Frau Kaya im Frischebereich. "
            "Die muss mitentscheiden.",
            "Frau Kaya",
        ),
        ("en", "I'd have to ask Linda in store comms. She's strict about the mailing.", "Linda"),
        ("en", "I'll review it with our supply planner, Declan.", "Declan"),
        ("en", "My media colleague Aoife will send you the booking form.", "Aoife"),
    ],
)
def test_a_named_contact_who_still_has_to_act_is_an_open_point_on_person(lang, line, name) -> None:
    found = reply_facts(lang, line)
    assert any(k == "open_point" and lv == "person" and name in t for k, lv, t in found), found


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("en", "Send me the artwork first.", "promotion"),
        ("en", "I'll send you the certificate.", "product"),
        ("de", "Bis dahin brauche ich die Stammdaten und die Zertifikate.", "product"),
        ("de", "Schicken Sie mir bis Freitag das Motiv für den Prospekt.", "promotion"),
    ],
)
def test_what_is_still_to_send_names_the_lever_of_the_open_point(lang, line, lever) -> None:
    found = reply_facts(lang, line)
    assert any(k == "open_point" and lv == lever for k, lv, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line", "said"),
    [
        ("en", "She needs the GS1 data by April tenth, or you miss the slot.", "April tenth"),
        ("en", "I'll bring it up at our review on the twentieth.", "the twentieth"),
        ("en", "She'll have it by the fourth.", "the fourth"),
        ("en", "The planogram changes in week forty.", "week forty"),
        ("de", "Die Preisliste brauche ich bis zum Fünfzehnten.", "Fünfzehnten"),
        ("de", "Der Umbau startet in KW vierzig.", "KW vierzig"),
    ],
)
def test_a_date_said_with_number_words(lang, line, said) -> None:
    found = reply_facts(lang, line)
    assert any(k == "date" and said.lower() in t.lower() for k, _, t in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "We put it on the second shelf from the top."),
        ("en", "By the third week sales had doubled."),
        ("en", "I'd give it a week or two."),
    ],
)
def test_ordinal_words_that_name_no_day_are_no_date(lang, line) -> None:
    found = facts_at(lang, [("kam", "Hello."), ("buyer", line)], 1)
    assert not [t for k, _, t in found if k == "date"], found


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Then let's set the top tier at two hundred and five thousand.", 205000.0),
        ("We ship three hundred and twenty-five cases a week.", 325.0),
        ("That's two hundred stores.", 200.0),
    ],
)
def test_hundreds_said_in_words_are_one_number(line, value) -> None:
    found = [f.value for f in plan_facts("en", [("buyer", "Hello."), ("kam", line)])]
    assert value in found, found
    assert 5000.0 not in found and 2.0 not in found, found


def test_a_yes_that_says_hundreds_in_words_agrees_the_whole_number() -> None:
    turns = [
        ("kam", "Then let's set the top tier at two hundred and five thousand."),
        ("buyer", "Two hundred and five thousand, fine."),
    ]
    agreed = [f.value for f in plan_facts("en", turns) if f.kind == "agreement"]
    assert agreed == [205000.0], agreed


@pytest.mark.parametrize(
    ("lang", "bid", "yes"),
    [
        ("de", "Wir liefern die Aktionsware frei Markt.", "Fracht frei Markt, das nehme ich."),
        ("de", "Die Zweitplatzierung im Januar kostet Sie nichts.", "Die nehme ich gern."),
        ("de", "Können wir Augenhöhe für drei Artikel haben?", "Augenhöhe kriegen Sie."),
        (
            "en",
            "Forty sites and three flavours to start?",
            "Forty sites, yes! Three flavours, perfect.",
        ),
    ],
)
def test_everyday_ways_of_taking_the_other_sides_bid(lang, bid, yes) -> None:
    turns = [("kam", bid), ("buyer", yes)]
    agreed = [f for f in plan_facts(lang, turns) if f.kind == "agreement" and 1 in f.turns]
    assert agreed, plan_facts(lang, turns)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Sonst nehme ich lieber Tchibo ins Regal."),
        ("de", "Dann nehme ich Ihnen die Augenhöhe weg."),
        ("de", "Das nehme ich mit und kläre es intern."),
    ],
)
def test_taking_something_away_or_along_agrees_nothing(lang, line) -> None:
    turns = [("kam", "Wir bieten 2 Prozent WKZ."), ("buyer", line)]
    agreed = [f for f in plan_facts(lang, turns) if f.kind == "agreement"]
    assert not agreed, agreed


def contacts(lang: str, turns: list[tuple[str, str]]) -> list[str]:
    last = len(turns) - 1
    return [
        f.text
        for f in plan_facts(lang, turns)
        if f.kind == "open_point" and f.lever == "person" and last in f.turns
    ]


@pytest.mark.parametrize(
    ("lang", "question", "answer", "name"),
    [
        ("en", "Who runs the data?", "Talk to Joris in data partnerships.", "Joris"),
        ("en", "What about the terms?", "Nora Quinn in finance signs off on terms.", "Nora Quinn"),
        ("en", "Who should I talk to?", "Frank O'Brien. He knows the retailers.", "Frank O'Brien"),
        (
            "en",
            "Who needs the data?",
            "Sanne Bakker, category assistant. She needs it by Friday.",
            "Sanne",
        ),
        ("de", "Und das Display?", "Herr Yilmaz macht das, der meldet sich.", "Herr Yilmaz"),
        (
            "de",
            "Geht das ohne Listungsgebühr?",
            "Das muss ich mit meinem Chef klären, Herrn Albers.",
            "Herrn Albers",
        ),
    ],
)
def test_a_named_person_is_a_contact_of_the_plan(lang, question, answer, name) -> None:
    found = contacts(lang, [("kam", question), ("buyer", answer)])
    assert any(name in text for text in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Thanks, Ciara. This feels a lot more manageable."),
        ("en", "No worries, Marieke, I'll keep it tight."),
        ("en", "Good morning Ms Hartley, thanks for making time."),
        ("en", "Hi, I'm Priya from the category team."),
        ("de", "Frau Lorenz, danke für den Termin zum Müsliregal."),
        ("de", "Hallo Herr Vogt, schön, dass es heute klappt."),
        ("de", "Kein Problem, Frau Kowalski."),
    ],
)
def test_the_person_spoken_to_is_no_contact(lang, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    assert contacts(lang, [("kam", hello), ("buyer", line)]) == []


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Nissin is at two-twenty-nine a cup, you're at two-ninety-nine.", 2.29),
        ("Nissin is at two-twenty-nine a cup, you're at two-ninety-nine.", 2.99),
        ("And Aldi has its mixed berries at two forty-nine.", 2.49),
        ("The listing fee is fifteen hundred per SKU.", 1500.0),
        ("The penalty is four and a half percent of the invoice.", 4.5),
    ],
)
def test_prices_and_amounts_said_in_words(line, value) -> None:
    found = [f.value for f in plan_facts("en", [("kam", "Hello."), ("buyer", line)])]
    assert value in found, found


def test_a_time_said_in_words_is_no_price() -> None:
    found = plan_facts("en", [("kam", "Hello."), ("buyer", "Let's meet at two thirty.")])
    assert not [f for f in found if f.value == 2.3], found


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        ("de", "Wir könnten sechstausend WKZ geben.", 6000.0, None),
        ("de", "Unser regulärer Preis liegt bei zweiundzwanzig neunundneunzig.", 22.99, None),
        ("de", "Eine Erstorder von 24.000 Beuteln über beide Sorten.", 24000.0, "units"),
        ("en", "Roughly eleven million cups a year across all stores.", 11000000.0, "units"),
    ],
)
def test_amounts_in_words_and_counted_goods(lang, line, value, unit) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = [(f.value, f.unit) for f in plan_facts(lang, [("buyer", hello), ("kam", line)])]
    assert (value, unit) in found, found


def test_a_counter_offer_may_trail_a_hedge() -> None:
    turns = [
        ("kam", "Wie viele Märkte nehmen das Display?"),
        ("buyer", "Hundertzwanzig vielleicht."),
    ]
    found = [f.value for f in plan_facts("de", turns)]
    assert 120.0 in found, found
