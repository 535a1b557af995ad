"""Text pasted from a word processor or a transcription tool: no-break spaces ('98\u00a0%'),
curly apostrophes ('we’re'), Swiss thousands ('12'000 Franken'). The scorer and the planner read
it as if typed plainly; the planner's quotes keep the writer's apostrophes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from planning_support import plan_facts

from coach.scoring import annotate
from coach.scoring.figures import parse_number
from coach.scoring.speech import plain_typography

CURLY = [
    (
        "en",
        [
            ("buyer", "Your deliveries were late twice last month."),
            (
                "kam",
                "I hear you, and that’s on us. We’ve added a second haulier, and we’re back at "
                "98.5% on time. Shall I send you the weekly report?",
            ),
        ],
    ),
    (
        "de",
        [
            ("buyer", "Wie geht’s mit der Aktion weiter?"),
            (
                "kam",
                "Wir geben 3,5\u00a0% WKZ und 12\u202f000\u00a0Euro für Displays ab KW\u00a012.",
            ),
        ],
    ),
]


def _straight(turns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(s, plain_typography(t)) for s, t in turns]


@pytest.mark.parametrize(("lang", "turns"), CURLY)
def test_the_planner_reads_typography_like_plain_text(lang, turns) -> None:
    pasted = plan_facts(lang, turns)
    plain = plan_facts(lang, _straight(turns))
    assert [(f.kind, f.lever, f.value, f.unit) for f in pasted] == [
        (f.kind, f.lever, f.value, f.unit) for f in plain
    ]
    assert [plain_typography(f.text) for f in pasted] == [f.text for f in plain]
    assert any(f.kind == "figure" for f in pasted)


def test_a_quote_keeps_the_writers_curly_apostrophes() -> None:
    facts = plan_facts("en", CURLY[0][1])
    quoted = [f.text for f in facts if "98.5%" in f.text]
    assert quoted and all("'" not in q for q in quoted)
    assert any("we’re" in q for q in quoted)


@pytest.mark.parametrize(
    ("said", "value"),
    [("12'000", 12000.0), ("1'250'000", 1250000.0), ("12'000,50", 12000.5), ("12 000", 12000.0)],
)
def test_swiss_thousands_are_one_number(said: str, value: float) -> None:
    assert parse_number(said, "de") == value


@pytest.mark.parametrize("said", ["12'000 Franken", "12’000 Franken", "CHF 12'000"])
def test_a_swiss_amount_is_never_read_as_zero(said: str) -> None:
    facts = plan_facts(
        "de", [("buyer", "Hallo."), ("kam", f"Wir investieren {said} in die Aktion.")]
    )
    figures = [(f.value, f.unit) for f in facts if f.kind == "figure"]
    assert figures == [(12000.0, "CHF")]


@pytest.mark.parametrize(
    ("lang", "text", "context"),
    [
        ("en", "So what you’re saying is, the price isn’t the problem?", "I can’t list it now."),
        ("de", "Wenn ich Sie richtig verstehe, geht’s Ihnen um 98\u00a0% Lieferfähigkeit?", ""),
    ],
)
def test_the_scorer_reads_typography_like_plain_text(lang, text, context) -> None:
    ctx = [{"speaker": "buyer", "text": context}] if context else []
    plain_ctx = [{"speaker": "buyer", "text": plain_typography(context)}] if context else []
    pasted = annotate(text, "kam", lang, ctx)
    plain = annotate(plain_typography(text), "kam", lang, plain_ctx)
    assert pasted.mode == plain.mode
    assert pasted.listening == plain.listening
    assert pasted.sides == plain.sides
    assert pasted.ear == plain.ear


@given(st.text(max_size=200))
def test_plain_typography_keeps_the_length(text: str) -> None:
    assert len(plain_typography(text)) == len(text)


def test_the_scorer_hears_a_swiss_paraphrase_without_eszett() -> None:
    """'Das heisst, Sie ...' is the paraphrase 'Das heißt, Sie ...' in Swiss spelling."""
    from coach.scoring.lexicon import scan

    for text in ("Das heißt, Sie brauchen mehr Marge?", "Das heisst, Sie brauchen mehr Marge?"):
        assert "paraphrase" in scan(text, "de").spans
