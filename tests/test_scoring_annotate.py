"""Scorer annotations: table-driven cases (de, en), properties on any string, the contract."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain import LISTENING, MODES, SIDES, Annotation
from coach.scoring import annotate, annotate_transcript
from coach.scoring.lexicon import detect_lang

CASES = Path(__file__).parent / "data" / "scoring"


def _cases(lang: str) -> list[dict]:
    return yaml.safe_load((CASES / f"cases_{lang}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "lang,case",
    [(lang, case) for lang in ("de", "en") for case in _cases(lang)],
    ids=lambda value: value if isinstance(value, str) else value["text"][:40],
)
def test_case_table(lang: str, case: dict) -> None:
    a = annotate(case["text"], lang=lang, context=case.get("context"))
    for key in ("mode", "dominant_side", "ear", "pressure"):
        if key in case:
            assert getattr(a, key) == case[key], (key, a)
    if "listening" in case:
        assert sorted(a.listening) == sorted(case["listening"]), a.listening
    for label in case.get("listening_has", []):
        assert label in a.listening, a.listening
    for label in case.get("techniques_has", []):
        assert label in a.techniques, a.techniques


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=300), st.sampled_from(["kam", "buyer"]), st.sampled_from([None, "de", "en"])
)
def test_any_string_gives_a_valid_annotation_twice(
    text: str, speaker: str, lang: str | None
) -> None:
    first = annotate(
        text, speaker=speaker, lang=lang, context=[{"speaker": "buyer", "text": text[::-1]}]
    )
    second = annotate(
        text, speaker=speaker, lang=lang, context=[{"speaker": "buyer", "text": text[::-1]}]
    )
    assert first == second
    Annotation.model_validate(first.model_dump())
    assert not any(e.label == "error" for e in first.evidence), first.evidence
    assert all(0.0 <= v <= 1.0 for v in first.sides.values())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "x" * 50_000,
        "Guten Tag, let's talk about the WKZ und the price.",
        ("Wie geht es Ihnen? " * 3000),
    ],
)
def test_edge_inputs(text: str) -> None:
    a = annotate(text)
    assert a == annotate(text)
    assert a.mode in MODES and a.dominant_side in SIDES


def test_contract_keys_of_annotate_output() -> None:
    out = annotate("Wie sehen Sie das?", context=[{"speaker": "buyer", "text": "Zu teuer."}])
    dumped = out.model_dump()
    for key in ("mode", "listening", "dominant_side", "sides", "ear", "evidence"):
        assert key in dumped
    assert set(dumped["sides"]) == set(SIDES)
    assert set(dumped["listening"]) <= set(LISTENING)
    assert all(set(e) == {"label", "span", "reason"} for e in dumped["evidence"])
    assert annotate("Wie sehen Sie das?").ear is None


def test_language_detection() -> None:
    assert detect_lang("Wir würden gerne über die Konditionen sprechen.") == "de"
    assert detect_lang("We would like to talk about the conditions.") == "en"


def test_annotate_transcript_uses_previous_lines_as_context() -> None:
    from coach.domain import Transcript

    t = Transcript(
        lang="de",
        turns=[
            {"speaker": "kam", "text": "Guten Tag!"},
            {"speaker": "buyer", "text": "Ich bin sauer."},
            {"speaker": "kam", "text": "Ich merke, dass Sie das ärgert."},
        ],
    )
    notes = annotate_transcript(t)
    assert len(notes) == 3 and notes[0].ear is None and notes[2].ear == "self_revelation"
