"""Agreed terms as a talk ends: what a yes does not take (a report of past results, a term the
answer turns down), what a closing recap or the answer to a request for a summary agrees, and a
named term the buyer likes (planner, de and en)."""

from __future__ import annotations

import pytest
from test_planning_agreements import agreements, transcript  # pytest puts tests/ on sys.path


@pytest.mark.parametrize(
    ("lang", "report", "answer"),
    [
        (
            "de",
            "Wir haben im Herbst einen Blindtest mit 200 Personen in Innsbruck gemacht: 62 Prozent"
            " haben unsere Brezel vorgezogen. Wir bieten Ihnen 12 Testfilialen an.",
            "Mhm. Die ist wirklich gut, das Salz passt.",
        ),
        (
            "de",
            "Der Absatz lag letztes Jahr bei 40 Kisten pro Woche. Jetzt schlagen wir 12 Displays vor.",
            "Passt.",
        ),
        (
            "en",
            "We ran a blind test with 200 shoppers: 62 percent preferred ours. We offer 12 stores.",
            "Agreed. They really are good.",
        ),
    ],
)
def test_a_yes_to_a_report_of_past_results_agrees_none_of_them(lang, report, answer) -> None:
    agreed = {f.value for f in agreements(transcript(lang, "...", report, answer))}
    assert 12.0 in agreed  # the bid of the same line is agreed
    assert not agreed & {200.0, 62.0, 40.0}  # what happened is a report, no term


def test_the_closing_recap_words_an_agreed_figure_listed_before() -> None:
    t = transcript(
        "de",
        "Dann machen wir es so: Laktosefrei kommt in alle 620 Märkte, Kräuter als Test in 150.",
        "Einverstanden.",
        "Gut.",
        "Sechzehntausend, abgemacht. Ich fasse zusammen: laktosefrei in 620 Märkten ab KW 27,"
        " Kräuter-Test in 150 Märkten mit Abbruchregel.",
    )
    found = [f for f in agreements(t) if f.value == 620.0]
    assert found and "laktosefrei in 620 märkten ab kw 27" in found[0].text.lower()
    assert 0 in found[0].turns  # still cites where it was first agreed


@pytest.mark.parametrize(
    ("lang", "asked", "answer", "value"),
    [
        (
            "en",
            "Then I think we have something. Can you summarise so I can write it down?",
            "Gladly. Plug-in kit and refills in 40 K-Citymarkets from week 3, 5,000 euros in app"
            " coupons, displays from week 45.",
            40.0,
        ),
        (
            "de",
            "Gut. Fassen Sie das kurz zusammen?",
            "Gern. Listung in allen 380 Filialen ab KW 14, 12 Prozent Einführungsrabatt, Tester in"
            " den 100 größten Filialen.",
            380.0,
        ),
    ],
)
def test_the_answer_to_a_request_for_a_summary_is_a_recap(lang, asked, answer, value) -> None:
    t = transcript(lang, "...", "...", "...", "...", "...", asked, answer)
    t.turns[5].speaker, t.turns[6].speaker = "buyer", "kam"
    assert value in {f.value for f in agreements(t)}


@pytest.mark.parametrize(
    ("lang", "ask", "answer", "kept", "refused"),
    [
        (
            "de",
            "Ich brauche zehn Prozent Rabatt auf die Erstorder und drei Monate Zahlungsziel.",
            "Zehn Prozent auf die Erstorder, ja. Drei Monate geht nicht.",
            10.0,
            3.0,
        ),
        (
            "en",
            "We'd need 4 percent from March and a 12-week pilot.",
            "4 percent, fine. Twelve weeks is not possible.",
            4.0,
            12.0,
        ),
    ],
)
def test_a_yes_does_not_agree_what_the_answer_turns_down(lang, ask, answer, kept, refused) -> None:
    agreed = {f.value for f in agreements(transcript(lang, "...", ask, answer))}
    assert kept in agreed
    assert refused not in agreed


@pytest.mark.parametrize(
    ("lang", "bid", "answer", "value", "not_value"),
    [
        (
            "de",
            "Wir denken an 9,99 im Prospekt und 18 Prozent Rabatt.",
            "9,99 im Prospekt finde ich top! Aber bei 18 Prozent fehlt mir Marge.",
            9.99,
            18.0,
        ),
        (
            "en",
            "Could we start with 40 stores, and 5 % off for the launch?",
            "40 stores works for me. But 5 % off is not possible.",
            40.0,
            5.0,
        ),
    ],
)
def test_liking_a_named_term_agrees_that_term(lang, bid, answer, value, not_value) -> None:
    agreed = {f.value for f in agreements(transcript(lang, "...", bid, answer))}
    assert value in agreed
    assert not_value not in agreed
