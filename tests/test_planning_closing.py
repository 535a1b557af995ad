"""A bare number that closes a clause is an amount whose unit the talk implies ('Finish bei 24.',
'they're at 29.', 'Vereinbart sind 98.'): the guide labels it with `unit: null`, and it measures
what the figure before it measured. Times, dates, labels and a lone 'one' are no amount."""

from __future__ import annotations

import pytest
from planning_support import figure_values, plan_facts

CLOSING = [
    ("de", "Oecoplan liegt bei 17 Rappen, Finish bei 24.", [(17.0, "ct"), (24.0, None)]),
    (
        "de",
        "Dr. Oetker macht sechs Aktionen im Jahr, Sie drei.",
        [(6.0, "promotions"), (3.0, None)],
    ),
    ("en", "We're at 34% share in your stores, they're at 29.", [(34.0, "%"), (29.0, None)]),
    (
        "en",
        "Our shelf life is five days against their seven, because we add nothing.",
        [(5.0, "days"), (7.0, None)],
    ),
    # a spoken price keeps its hundredths
    ("de", "Sie liegen bei fünf Franken fünfzig.", [(5.5, "CHF")]),
    # times, dates, labels, years and a lone 'one' are no amounts
    ("de", "Wir treffen uns um 10.", []),
    ("en", "See you at 10:30.", []),
    ("de", "Der neue Preis gilt ab 1. Juli.", []),
    ("en", "The kids' range is SPF 50.", []),
    ("en", "I prefer the bigger one.", []),
    ("de", "Das steht auf Seite 3.", []),
    ("en", "That was back in 2024.", []),
    ("en", "We split it 50/50.", []),
    ("en", "I've got 81 stores, so about half.", [(81.0, "stores")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CLOSING)
def test_a_number_that_closes_a_clause(lang: str, text: str, expected: list) -> None:
    assert figure_values(lang, text) == expected


def _lever_of(lang: str, turns: list[tuple[str, str]], value: float) -> str:
    return next(f.lever for f in plan_facts(lang, turns) if f.value == value and f.kind == "figure")


def test_it_measures_what_the_figure_of_its_sentence_measured() -> None:
    turns = [("kam", "Hallo."), ("buyer", "Dr. Oetker macht sechs Aktionen im Jahr, Sie drei.")]
    assert _lever_of("de", turns, 3.0) == "promotion"
    turns = [
        ("kam", "Hello."),
        ("buyer", "In wraps we're at 34% share in your stores, they're at 29."),
    ]
    assert _lever_of("en", turns, 29.0) == "performance"


def test_alone_it_measures_what_the_last_turn_measured() -> None:
    turns = [
        ("buyer", "Ihre Lieferfähigkeit lag im Oktober bei 95 Prozent."),
        ("kam", "Das stimmt, der Streik hat uns getroffen."),
        ("buyer", "Vereinbart sind 98."),
    ]
    assert _lever_of("de", turns, 95.0) == "performance"
    # two turns back is the previous turn of the other side: still the same topic
    assert _lever_of("de", turns, 98.0) == "performance"


def _values(lang: str, turns: list[tuple[str, str]], turn: int) -> set[float]:
    return {f.value for f in plan_facts(lang, turns) if turn in f.turns and f.value is not None}


def test_a_bare_answer_to_an_amount_in_thousands_leaves_its_thousand_out() -> None:
    turns = [("kam", "Wir zahlen 15.000 Euro WKZ."), ("buyer", "Zwanzig.")]
    assert 20_000.0 in _values("de", turns, 1)
    turns = [("buyer", "I'd need 7,000 euros for the media."), ("kam", "Seven, and the wobblers.")]
    assert 7_000.0 in _values("en", turns, 1)


def test_a_bare_number_after_a_share_or_a_far_amount_keeps_its_size() -> None:
    turns = [("buyer", "Sie wollen 9 Prozent mehr."), ("kam", "Da bleibt's bei neun.")]
    assert _values("de", turns, 1) == {9.0}
    turns = [("kam", "Wir zahlen 4.800 Euro."), ("buyer", "Ab Juli haben Sie nur noch zwei.")]
    assert 2_000.0 not in _values("de", turns, 1)
