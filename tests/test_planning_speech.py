"""Spoken language in a transcript: fillers do not cut its sentences nor hide a cue from the scorer,
a backchannel stays an encourager, exclamations name no rival."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from planning_support import plan_facts

from coach.scoring.speech import without_fillers

CLEANED = [
    (
        "de",
        "Wir würden äh gern eine Zweitplatzierung machen.",
        "Wir würden gern eine Zweitplatzierung machen.",
    ),
    (
        "de",
        "Äh, einverstanden, aber, ähm, die Lieferquote muss über 98 Prozent liegen.",
        "Einverstanden, aber, die Lieferquote muss über 98 Prozent liegen.",
    ),
    (
        "de",
        "Ja, äh, das geht. Ähm, und wir liefern in äh KW 12.",
        "Ja, das geht. Und wir liefern in KW 12.",
    ),
    ("de", "Wir treffen uns um 10 Uhr, äh?", "Wir treffen uns um 10 Uhr?"),
    ("de", "Das war es, äh. Dann los.", "Das war es. Dann los."),
    (
        "en",
        "Um, we could uh do two facings. Er, what about the price?",
        "We could do two facings. What about the price?",
    ),
    ("en", "Uh.", "Uh."),  # a turn that is only a filler stays as it is
]


@pytest.mark.parametrize(("lang", "said", "read"), CLEANED)
def test_fillers_are_dropped_and_the_rest_stays_as_said(lang: str, said: str, read: str) -> None:
    assert without_fillers(said, lang) == read


@pytest.mark.parametrize(
    "text",
    [
        "Wir treffen uns um 10 Uhr.",  # 'um' is a German word, no filler
        "Er liefert 3,5 % mehr, sagt er.",  # 'er' is German too
        "Mhm. Verstehe, das ist ärgerlich.",  # a backchannel is an encourager, no filler
        "Sehr gut, das machen wir.",
    ],
)
def test_words_that_are_no_fillers_in_german_stay(text: str) -> None:
    assert without_fillers(text, "de") == text


@given(st.text(max_size=200))
def test_cleaning_never_fails_and_keeps_some_text(text: str) -> None:
    for lang in ("de", "en"):
        cleaned = without_fillers(text, lang)
        assert bool(cleaned.strip()) == bool(text.strip()) or cleaned == text


def test_a_bid_with_fillers_is_read_as_one_offer() -> None:
    turns = [
        ("buyer", "Was bieten Sie an?"),
        ("kam", "Wir würden äh gern eine Zweitplatzierung in KW 12 machen, für 5.000 Euro."),
    ]
    facts = plan_facts("de", turns)
    assert ("offer", "placement") in {(f.kind, f.lever) for f in facts}
    assert any(f.value == 5000.0 and f.unit == "EUR" for f in facts)
    assert all("äh" not in f.text for f in facts)


def test_an_agreement_with_fillers_is_quoted_whole() -> None:
    turns = [
        ("kam", "Wir bieten zwei Aktionswochen und 98 Prozent Lieferquote."),
        ("buyer", "Äh, einverstanden, ähm, die Lieferquote muss äh über 98 Prozent liegen."),
    ]
    agreed = [f for f in plan_facts("de", turns) if f.kind == "agreement" and 1 in f.turns]
    assert agreed and all(len(f.text.split()) > 3 for f in agreed)  # not 'Die Lieferquote muss'
    assert any(f.value == 98.0 for f in agreed)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Oh God, don't ask! Waste is killing me."),
        ("de", "Gott, fragen Sie nicht! Die Abschriften bringen mich um."),
    ],
)
def test_an_exclamation_names_no_competitor(lang: str, line: str) -> None:
    facts = plan_facts(
        lang, [("kam", "How is business?" if lang == "en" else "Wie läuft es?"), ("buyer", line)]
    )
    assert not [f for f in facts if f.kind == "competitor"]
    assert [f for f in facts if f.kind == "pain"]


@pytest.mark.parametrize(
    ("lang", "said", "clean"),
    [
        (
            "de",
            "Ähm, wenn ich Sie, äh, richtig verstehe, geht es Ihnen vor allem um die Marge?",
            "Wenn ich Sie richtig verstehe, geht es Ihnen vor allem um die Marge?",
        ),
        (
            "en",
            "Um, so if I uh understand you correctly, it's mainly about the margin?",
            "So if I understand you correctly, it's mainly about the margin?",
        ),
    ],
)
def test_the_scorer_hears_a_paraphrase_through_the_fillers(
    lang: str, said: str, clean: str
) -> None:
    from coach.scoring import annotate

    context = [
        {
            "speaker": "buyer",
            "text": "Die Marge ist zu klein." if lang == "de" else "The margin is too thin.",
        }
    ]
    spoken, typed = annotate(said, "kam", lang, context), annotate(clean, "kam", lang, context)
    assert "paraphrase" in typed.listening
    assert (spoken.mode, spoken.listening, spoken.dominant_side, spoken.ear) == (
        typed.mode,
        typed.listening,
        typed.dominant_side,
        typed.ear,
    )


def test_a_backchannel_stays_an_encourager() -> None:
    from coach.scoring import annotate

    context = [{"speaker": "buyer", "text": "Die Lieferungen kamen drei Wochen zu spät."}]
    assert "encourager" in annotate("Mhm.", "kam", "de", context).listening
