"""The learned layer, the batch API, counselling reflections and the pressure rewrite."""

from __future__ import annotations

import numpy as np
import pytest

from coach.domain import Transcript
from coach.scoring import annotate, annotate_many, score_transcript

CLIENT = [
    {
        "speaker": "buyer",
        "text": "I just can't keep up with everything at work and at home. I feel like I'm drowning.",
    }
]


def test_batch_equals_single_calls_in_order() -> None:
    items = [
        {"id": 1, "text": "Wie läuft die Kategorie Kaffee bei Ihnen?", "lang": "de"},
        {"id": 2, "text": "If you list both flavours, we fund the display.", "context": CLIENT},
        {"id": 3, "text": "", "speaker": "buyer"},
        {"id": 4, "text": "Ich schicke Ihnen die Unterlagen bis Freitag.", "lang": "de"},
    ]
    batch = annotate_many(items)
    assert len(batch) == len(items)
    for item, got in zip(items, batch, strict=True):
        one = annotate(
            item["text"], item.get("speaker", "kam"), item.get("lang"), item.get("context")
        )
        assert (got.mode, got.listening, got.dominant_side, got.ear) == (
            one.mode,
            one.listening,
            one.dominant_side,
            one.ear,
        )
        assert abs(sum(got.sides.values()) - 1.0) < 0.01


def test_counselling_reflections_are_trust_with_listening_labels() -> None:
    cases = {
        "It sounds like you've been feeling overwhelmed.": "emotion_verbalization",
        "What would you like to be different?": "open_question",
        "You feel stuck.": "emotion_verbalization",
        "Let me make sure I understand: you want to stop, but you worry about your friends.": (
            "paraphrase"
        ),
        "Mm-hmm.": "encourager",
    }
    for text, label in cases.items():
        a = annotate(text, lang="en", context=CLIENT)
        assert a.mode == "trust", text
        assert label in a.listening, (text, a.listening)


def test_willingness_to_move_on_price_is_negotiation() -> None:
    a = annotate("I'd be willing to go down to 900 if you pick it up today.", lang="en")
    assert a.mode == "negotiation"


def _feedback(lang: str, text: str) -> list:
    turns = [
        {"speaker": "kam", "text": "Guten Tag!"},
        {"speaker": "buyer", "text": "Was wollen Sie?"},
        {"speaker": "kam", "text": "Wie läuft es?"},
        {"speaker": "buyer", "text": "Gut. Und?"},
        {"speaker": "kam", "text": text},
    ]
    card = score_transcript(Transcript(scenario_id=None, lang=lang, turns=turns))
    return [f for f in card.feedback if f.turn == 4]


def test_a_plain_demand_with_a_reason_is_not_an_ultimatum() -> None:
    text = "Rohkaffee ist um 38 % gestiegen. Wir brauchen 4,5 % Preiserhöhung."
    assert not annotate(text, lang="de").pressure
    assert all("Druck" not in f.issue for f in _feedback("de", text))


def test_pressure_rewrite_keeps_the_trainees_own_sentences() -> None:
    text = "Rohkaffee ist um 38 % gestiegen. Wir brauchen 4,5 %, sonst müssen wir auslisten."
    pressure = [f for f in _feedback("de", text) if "Druck" in f.issue]
    assert pressure
    better = pressure[0].better
    assert "Rohkaffee ist um 38 % gestiegen." in better and "Wir brauchen 4,5 %" in better
    assert "sonst" not in better
    final = [f for f in _feedback("en", "This is our final offer, take it or leave it.")]
    rewrite = next(f.better for f in final if "ultimatum" in f.issue.lower())
    assert rewrite.startswith("This is our offer.") and "leave it" not in rewrite


def test_embedding_cache_overflow_keeps_the_cached_rows_of_a_mixed_batch(monkeypatch) -> None:
    """Bug: clearing a full cache lost the cached rows of the batch that overflowed it."""
    from coach.scoring import learned

    if learned.embed(["probe"]) is None:
        pytest.fail("the sentence encoder is a dependency; install the project (make install)")
    learned.clear_cache()
    monkeypatch.setattr(learned, "_CACHE_SIZE", 3)
    first = learned.embed(["Guten Tag", "Wie läuft die Aktion?"])
    mixed = learned.embed(["Guten Tag", "Neue Zeile", "Noch eine", "Wie läuft die Aktion?"])
    assert mixed is not None and first is not None
    assert mixed.shape == (4, 512)
    assert np.allclose(mixed[0], first[0]) and np.allclose(mixed[3], first[1])
    learned.clear_cache()
