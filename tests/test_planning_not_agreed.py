"""What the planner must not write as agreed: bids in a haggle, demands with a threat, what a
recap leaves open, a yes that only turns to the next point."""

from __future__ import annotations

import pytest

from tests.planning_support import facts_of, plan_facts


def test_a_yes_that_is_denied_agrees_nothing() -> None:
    line = "Bei den Preisen kann ich heute nichts zusagen, das kläre ich mit meinem Chef."
    assert "agreement" not in {k for k, _ in facts_of("de", "buyer", line)}


def test_only_the_last_word_of_a_haggle_is_agreed() -> None:
    facts = plan_facts(
        "de",
        [
            ("kam", "Für die Listung zahlen wir einen Zuschuss von 10.000 Euro."),
            ("buyer", "Zehntausend sind zu wenig. Machen Sie 16.000, dann trage ich das ein."),
            ("kam", "Zwölftausend, und die Abbruchregel akzeptiere ich."),
            ("buyer", "Vierzehntausend, dann sind wir durch."),
            ("kam", "Vierzehntausend, abgemacht."),
        ],
    )
    agreed = {f.value for f in facts if f.kind == "agreement" and f.value and f.value >= 1000}
    assert agreed == {14000.0}


def test_a_demand_with_a_threat_is_no_closing_list_of_agreed_terms() -> None:
    facts = plan_facts(
        "en",
        [
            ("kam", "We can do 31 percent on the cans and fund the launch."),
            ("buyer", "Not enough."),
            ("kam", "That is the best I can do today."),
            (
                "buyer",
                "Get me thirty-three and a listing fee of fifteen grand for the three lines, "
                "or I cut you to three facings from the current six.",
            ),
        ],
    )
    assert not [f for f in facts if f.kind == "agreement" and 3 in f.turns]


def test_a_recap_lists_terms_not_strengths() -> None:
    line = (
        "Dann halte ich fest: Handcreme in allen 300 Filialen, Einkaufspreis 2,75, "
        "Kampagne sechs Wochen exklusiv mit Ihnen."
    )
    assert "strength" not in {k for k, _ in facts_of("de", "kam", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "de",
            "Dann halte ich fest: Listung in 300 Filialen, Einkaufspreis 2,75. "
            "Offen ist nur die Höhe des WKZ.",
        ),
        ("en", "So to recap: listing in 300 stores at 2.75. What's still open is the WKZ."),
    ],
)
def test_what_a_recap_leaves_open_is_not_agreed(lang: str, line: str) -> None:
    agreed = [t for k, t in facts_of(lang, "kam", line) if k == "agreement"]
    assert agreed
    assert not [t for t in agreed if "WKZ" in t]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "de",
            "Dann fasse ich zusammen: Test in 30 Märkten ab Oktober. "
            "Beim Handzettel warte ich auf Ihre Rückmeldung.",
        ),
        (
            "en",
            "To recap: a trial in 30 stores from October. On the leaflet I'm waiting for your answer.",
        ),
    ],
)
def test_waiting_for_an_answer_is_not_agreed(lang: str, line: str) -> None:
    agreed = [t for k, t in facts_of(lang, "kam", line) if k == "agreement"]
    assert agreed
    assert not [t for t in agreed if "Handzettel" in t or "leaflet" in t]


@pytest.mark.parametrize(
    ("lang", "bid", "answer"),
    [
        ("en", "We'd like three SKUs from week 10.", "Okay. Three SKUs is a lot for a new line."),
        (
            "de",
            "Wir möchten drei Artikel ab KW 10.",
            "Okay. Drei Artikel sind viel für eine Neuheit.",
        ),
    ],
)
def test_calling_a_term_a_lot_agrees_nothing(lang: str, bid: str, answer: str) -> None:
    facts = plan_facts(lang, [("kam", bid), ("buyer", answer)])
    assert not [f for f in facts if f.kind == "agreement"]


def test_fair_enough_to_a_promise_withheld_agrees_nothing() -> None:
    facts = plan_facts(
        "en",
        [
            (
                "kam",
                "I'd need to check the licensing with our marketing team, I can't promise it today.",
            ),
            ("buyer", "Fair enough."),
        ],
    )
    assert not [f for f in facts if f.kind == "agreement"]


def test_a_yes_that_turns_to_the_next_point_agrees_no_figure() -> None:
    facts = plan_facts(
        "de",
        [
            ("buyer", "Was haben Sie mitgebracht?"),
            ("kam", "Gut, dann direkt: Unsere Marke ist letztes Jahr um 6,5 Prozent gewachsen."),
        ],
    )
    assert not [f for f in facts if f.kind == "agreement"]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ich fasse zusammen: Displays ab KW 20. Die Konditionen klären wir bis KW 16."),
        ("en", "To recap: displays from week 20. The terms are to be clarified by week 16."),
    ],
)
def test_a_recap_item_still_to_clarify_is_not_agreed(lang: str, line: str) -> None:
    agreed = [t for k, t in facts_of(lang, "kam", line) if k == "agreement"]
    assert agreed
    assert not [t for t in agreed if "Konditionen" in t or "terms" in t]
