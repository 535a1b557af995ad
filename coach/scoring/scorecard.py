"""Transcript -> Scorecard: four dimension scores (0-100), overall, per-turn feedback.

Formulas: coach/scoring/README.md. Weights: a `Rubric` passed in (default: data/rubric.yaml);
a trainer's override is loaded by the caller (coach/rubric_override.py), never here.
"""

from __future__ import annotations

from typing import Any

from coach.domain import Annotation, Scorecard, Transcript
from coach.scoring.annotate import annotate_transcript
from coach.scoring.feedback import turn_feedback
from coach.scoring.rubric import DIMENSIONS, Rubric, packaged_rubric

__all__ = [
    "DIMENSIONS",
    "expected_modes",
    "score_balance",
    "score_four_sides",
    "score_listening",
    "score_technique",
    "score_transcript",
]

Pairs = list[tuple[Annotation, Annotation | None]]


def _loud(buyer: Annotation | None, threshold: float) -> bool:
    """The buyer's last line spoke mainly on the self-revelation or relationship side."""
    if buyer is None:
        return False
    return buyer.sides["self_revelation"] + buyer.sides["relationship"] >= threshold


def expected_modes(pairs: Pairs, rubric: Rubric | None = None) -> list[str]:
    """For each KAM turn, the mode the methodology expects there (trust or negotiation)."""
    cfg = (rubric or packaged_rubric()).balance
    expected: list[str] = []
    trust_turns = 0
    for i, (kam, buyer) in enumerate(pairs):
        opening = i < cfg.opening_trust_turns and trust_turns < cfg.trust_stands_after
        if opening or _loud(buyer, cfg.loud_feeling) or (buyer is not None and buyer.pressure):
            expected.append("trust")
        else:
            expected.append("negotiation" if trust_turns >= cfg.trust_stands_after else "either")
        trust_turns += kam.mode == "trust"
    return expected


def score_balance(pairs: Pairs, rubric: Rubric | None = None) -> int:
    if not pairs:
        return 0
    expected = expected_modes(pairs, rubric)
    hits = 0.0
    for (kam, _), want in zip(pairs, expected, strict=True):
        if kam.mode == "neutral" or want == "either" or kam.mode == want:
            hits += 1.0 if kam.mode != "neutral" else 0.5
    modes = {kam.mode for kam, _ in pairs}
    both = 1.0 if {"trust", "negotiation"} <= modes else (0.5 if len(pairs) < 4 else 0.0)
    return round(100 * (0.8 * hits / len(pairs) + 0.2 * both))


def score_four_sides(pairs: Pairs, rubric: Rubric | None = None) -> int:
    threshold = (rubric or packaged_rubric()).balance.loud_feeling
    heard = [(kam, buyer) for kam, buyer in pairs if buyer is not None]
    if not heard:
        return 50
    matched = 0.0
    for kam, buyer in heard:
        assert buyer is not None
        if _loud(buyer, threshold):
            matched += kam.ear in ("self_revelation", "relationship")
        else:
            matched += kam.ear in ("fact", "appeal") or "paraphrase" in kam.listening
    appeals = [kam for kam, _ in pairs if kam.dominant_side == "appeal"]
    clear = sum(not kam.pressure for kam in appeals) / len(appeals) if appeals else 1.0
    return round(100 * (0.7 * matched / len(heard) + 0.3 * clear))


def score_listening(pairs: Pairs, rubric: Rubric | None = None) -> int:
    if not pairs:
        return 0
    chosen = rubric or packaged_rubric()
    # The formula counts moves; a move's points only decide whether it counts (above 0).
    counted = chosen.counted_moves
    active = [kam for kam, _ in pairs if any(label in counted for label in kam.listening)]
    share = len(active) / len(pairs)
    kinds = {label for kam, _ in pairs for label in kam.listening if label in counted}
    open_q = sum("open_question" in kam.listening for kam, _ in pairs)
    closed_q = sum("closed_question" in kam.listening for kam, _ in pairs)
    question_quality = open_q / (open_q + closed_q) if open_q + closed_q else 0.5
    value = (
        0.6 * min(1.0, share / chosen.listening.target_share)
        + 0.25 * min(1.0, len(kinds) / 4)
        + 0.15 * question_quality
    )
    return round(100 * value)


def score_technique(pairs: Pairs, rubric: Rubric | None = None) -> int:
    cfg = (rubric or packaged_rubric()).technique
    counts: dict[str, int] = {}
    for kam, _ in pairs:
        for label in kam.techniques:
            counts[label] = counts.get(label, 0) + 1
        counts["pressure"] = counts.get("pressure", 0) + int(kam.pressure)
    value = float(cfg.base)
    for label, bonus in cfg.good.items():
        value += min(cfg.good_caps[label], bonus * counts.get(label, 0))
    for label, malus in cfg.bad.items():
        value -= malus * counts.get(label, 0)
    return max(0, min(100, round(value)))


def score_transcript(
    transcript: Transcript,
    annotations: list[Annotation] | None = None,
    retriever: Any = None,
    rubric: Rubric | None = None,
) -> Scorecard:
    """Score how the trainee communicates; feedback in the transcript's language.

    `rubric`: the weights and thresholds to score with (default: the packaged rubric).
    """
    rubric = rubric or packaged_rubric()
    lines = list(transcript.turns)
    if annotations is None or len(annotations) != len(lines):
        annotations = annotate_transcript(transcript)
    pairs: Pairs = []
    kam_turns: list[int] = []
    buyer_texts: list[str] = []
    last_buyer: Annotation | None = None
    last_text = ""
    for i, (line, note) in enumerate(zip(lines, annotations, strict=True)):
        if line.speaker == "buyer":
            last_buyer, last_text = note, line.text
            continue
        pairs.append((note, last_buyer))
        kam_turns.append(i)
        buyer_texts.append(last_text)
    dimensions = {
        "balance": score_balance(pairs, rubric),
        "four_sides": score_four_sides(pairs, rubric),
        "listening": score_listening(pairs, rubric),
        "technique": score_technique(pairs, rubric) if pairs else 0,
    }
    weights = rubric.weights
    overall = round(sum(dimensions[d] * weights[d] for d in DIMENSIONS))
    expected = expected_modes(pairs, rubric)
    feedback = []
    for (kam, buyer), turn, want, buyer_text in zip(
        pairs, kam_turns, expected, buyer_texts, strict=True
    ):
        feedback += turn_feedback(
            turn, lines[turn].text, kam, buyer, want, transcript.lang, retriever, buyer_text
        )
    return Scorecard(
        dimensions=dimensions, overall=overall, feedback=feedback, annotations=list(annotations)
    )
