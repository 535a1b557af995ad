"""Scorecard: a good transcript beats a bad one; feedback rewrites the trainee's own sentence."""

from __future__ import annotations

from coach.domain import Transcript
from coach.scoring import score_transcript
from coach.scoring.feedback import cite

BAD_DE = Transcript(
    lang="de",
    turns=[
        {"speaker": "buyer", "text": "Ich habe nicht viel Zeit. Ich brauche 2 Prozent mehr Bonus."},
        {"speaker": "kam", "text": "Okay, 2 % mehr Bonus bekommen Sie."},
        {
            "speaker": "buyer",
            "text": "Ehrlich gesagt stehe ich unter Druck, mein Chef sitzt mir im Nacken.",
        },
        {
            "speaker": "kam",
            "text": "Sie müssen bis Freitag unterschreiben, das ist unser letztes Angebot.",
        },
        {"speaker": "buyer", "text": "So redet niemand mit mir."},
        {"speaker": "kam", "text": "Haben wir einen Deal?"},
    ],
)
GOOD_DE = Transcript(
    lang="de",
    turns=[
        {"speaker": "buyer", "text": "Ich habe nicht viel Zeit. Ich brauche 2 Prozent mehr Bonus."},
        {"speaker": "kam", "text": "2 % sind eine klare Ansage. Woran machen Sie das fest?"},
        {
            "speaker": "buyer",
            "text": "Ehrlich gesagt stehe ich unter Druck, mein Chef sitzt mir im Nacken.",
        },
        {"speaker": "kam", "text": "Ich merke, dass Sie da gerade viel Druck haben."},
        {"speaker": "buyer", "text": "Ja. Ich brauche etwas, das ich zeigen kann."},
        {
            "speaker": "kam",
            "text": "Sie brauchen also ein Ergebnis, das Sie intern vertreten können.",
        },
        {"speaker": "buyer", "text": "Genau."},
        {
            "speaker": "kam",
            "text": "Wenn Sie uns eine Zweitplatzierung im Herbst geben, dann gehen wir "
            "beim Bonus 1 % mit, und die Kategorie gewinnt 8 % Zusatzumsatz.",
        },
    ],
)
BAD_EN = Transcript(
    lang="en",
    turns=[
        {"speaker": "buyer", "text": "I need two percent more bonus."},
        {"speaker": "kam", "text": "Okay, we'll give you the 2%."},
        {"speaker": "buyer", "text": "Honestly, I'm under huge pressure from my boss."},
        {"speaker": "kam", "text": "This is our final offer, you have to sign by Friday."},
    ],
)


def test_good_transcript_scores_higher_on_every_dimension() -> None:
    good, bad = score_transcript(GOOD_DE), score_transcript(BAD_DE)
    for dimension in ("balance", "four_sides", "listening", "technique"):
        assert good.dimensions[dimension] > bad.dimensions[dimension], dimension
    assert good.overall > bad.overall
    assert all(0 <= v <= 100 for v in (*good.dimensions.values(), good.overall))


def test_feedback_rewrites_the_trainees_sentence_in_the_transcript_language() -> None:
    for transcript, marker in ((BAD_DE, "Wenn Sie"), (BAD_EN, "If you")):
        card = score_transcript(transcript)
        mistakes = [f for f in card.feedback if f.kind == "mistake"]
        assert mistakes
        kam_lines = {i: t.text for i, t in enumerate(transcript.turns) if t.speaker == "kam"}
        for item in mistakes:
            assert item.turn in kam_lines
            assert item.better.strip() and item.better != kam_lines[item.turn]
            assert item.source
        concession = next(f for f in mistakes if f.source == "neg-conditional-concession")
        assert concession.better.startswith(marker)
    de = score_transcript(BAD_DE).feedback[0]
    en = score_transcript(BAD_EN).feedback[0]
    assert "Gegenleistung" in de.issue and "return" in en.issue


def test_good_moves_are_named() -> None:
    kinds = {f.kind for f in score_transcript(GOOD_DE).feedback}
    assert "good" in kinds


def test_sources_cite_the_retriever_when_given() -> None:
    class Passage:
        heading, source = "Bedingtes Zugeständnis", "knowledge/de/08-verhandlungstechnik.md"

    class Retriever:
        def get(self, section_id: str, lang: str) -> Passage | None:
            return Passage() if section_id == "neg-conditional-concession" else None

    assert cite("neg-conditional-concession", "de", Retriever()) == (
        "Bedingtes Zugeständnis (knowledge/de/08-verhandlungstechnik.md)"
    )
    assert cite("neg-closing", "de", Retriever()) == "neg-closing"
    card = score_transcript(BAD_DE, retriever=Retriever())
    assert any(f.source.startswith("Bedingtes Zugeständnis (") for f in card.feedback)


def test_empty_transcript_is_scored_without_error() -> None:
    card = score_transcript(Transcript(lang="en", turns=[]))
    assert card.overall >= 0 and card.feedback == []
