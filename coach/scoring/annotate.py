"""`annotate`: one utterance (+ its context) -> Annotation. Pure, deterministic, never raises."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from coach.domain import Annotation, Evidence, Lang, Side, Transcript, Utterance
from coach.scoring.four_sides import hear_ear, score_sides
from coach.scoring.lexicon import MAX_CHARS, Cues, detect_lang, scan
from coach.scoring.listening import detect_listening
from coach.scoring.mode import classify_mode
from coach.scoring.technique import _offers_of, detect_techniques, find_levers

ContextLine = Utterance | dict[str, Any]


def _pairs(context: Sequence[ContextLine] | None) -> list[tuple[str, str]]:
    """Context lines as (speaker, text); unknown shapes are skipped, never fatal."""
    pairs: list[tuple[str, str]] = []
    for line in context or []:
        if isinstance(line, Utterance):
            pairs.append((line.speaker, line.text))
        elif isinstance(line, dict):
            speaker = str(line.get("speaker", "buyer")).lower()
            pairs.append(("kam" if speaker == "kam" else "buyer", str(line.get("text") or "")))
    return pairs


@lru_cache(maxsize=2048)
def _sides_of(text: str, lang: Lang) -> tuple[Cues, dict[Side, float], Side]:
    cues = scan(text, lang)
    listening, _ = detect_listening(cues)
    sides, dominant, _ = score_sides(cues, listening)
    return cues, sides, dominant


def annotate(
    text: str,
    speaker: str = "kam",
    lang: str | None = None,
    context: Sequence[ContextLine] | None = None,
) -> Annotation:
    """Annotate one utterance: mode, listening, four sides (+ ear), techniques, levers, offers."""
    try:
        return _annotate(str(text or ""), speaker, lang, _pairs(context))
    except Exception as error:  # noqa: BLE001 - the contract is: valid output, never raise
        return Annotation(
            mode="neutral",
            sides={"fact": 1.0, "self_revelation": 0.0, "relationship": 0.0, "appeal": 0.0},
            dominant_side="fact",
            evidence=[Evidence(label="error", span="", reason=type(error).__name__)],
        )


def _annotate(
    text: str, speaker: str, lang: str | None, context: list[tuple[str, str]]
) -> Annotation:
    text = text[:MAX_CHARS]
    resolved: Lang = lang if lang in ("de", "en") else detect_lang(text)  # type: ignore[assignment]
    cues = scan(text, resolved)
    listening, listening_evidence = detect_listening(cues)
    sides, dominant, side_evidence = score_sides(cues, listening)
    offers = list(_offers_of(text, resolved))
    mode, _, mode_evidence = classify_mode(cues, listening, offers)
    levers = find_levers(text, resolved, offers)
    evidence: list[Evidence] = [mode_evidence] if mode_evidence else []
    evidence += listening_evidence + [side_evidence]

    last_buyer = next((t for s, t in reversed(context) if s == "buyer"), None)
    ear: Side | None = None
    buyer_sides: dict[Side, float] | None = None
    if last_buyer is not None:
        buyer_cues, buyer_sides, buyer_dominant = _sides_of(last_buyer[:MAX_CHARS], resolved)
        if speaker == "kam":
            ear, why = hear_ear(cues, listening, buyer_cues, buyer_sides, buyer_dominant)
            evidence.append(Evidence(label=f"ear:{ear}", span=last_buyer[:120], reason=why))
    techniques: list[str] = []
    if speaker == "kam":
        techniques, technique_evidence = detect_techniques(
            cues, mode, listening, levers, offers, context, buyer_sides
        )
        evidence += technique_evidence
    pressure = cues.any("pressure")
    if pressure:
        evidence.append(
            Evidence(
                label="pressure",
                span=cues.first("pressure")[:200],
                reason="ultimatum, threat or 'you must'",
            )
        )
    small_talk = cues.any("small_talk")
    return Annotation(
        mode=mode,
        listening=listening,
        sides=sides,
        dominant_side=dominant,
        ear=ear,
        evidence=evidence,
        techniques=techniques,
        levers=levers,
        offers=offers,
        pressure=pressure,
        small_talk=small_talk,
    )


def annotate_transcript(transcript: Transcript) -> list[Annotation]:
    """Annotate every line of a transcript; each line sees the lines before it as context."""
    lines = list(transcript.turns)
    return [
        annotate(line.text, speaker=line.speaker, lang=transcript.lang, context=lines[:i])
        for i, line in enumerate(lines)
    ]
