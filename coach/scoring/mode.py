"""Trust mode vs negotiation mode vs neutral organisation (ANNOTATION.md, "mode").

Cue categories vote with weights; the stronger side wins. Weights live here because they are
method, not language: the cue words themselves are in the language data files.
"""

from __future__ import annotations

from coach.domain import Evidence, Listening, Mode, Offer
from coach.scoring.lexicon import Cues

TRUST_WEIGHTS: dict[str, float] = {
    "emotion_verbalization": 2.5,
    "metacommunication": 2.0,
    "small_talk": 1.6,
    "appreciation": 1.0,
    "self_feeling": 1.0,
    "situation": 0.8,
    "coordination": 1.5,
    "empathy": 1.4,
    "greeting": 0.8,
    "emoji": 0.6,
    "appraisal": 0.8,
    "apology": 1.0,
}
NEGOTIATION_WEIGHTS: dict[str, float] = {
    "proposal": 1.0,
    "concession": 0.4,
    "closing": 2.2,
    "pressure": 2.2,
    "demand": 1.4,
    "reciprocity": 1.4,
    "anchoring": 1.0,
    "benefit": 1.0,
    "data": 0.9,
    "dispute": 1.2,
    "refusal": 1.0,
    "need": 1.4,
    "fairness": 1.2,
}
LISTENING_TRUST: dict[str, float] = {
    "open_question": 1.4,
    "paraphrase": 1.8,
    "encourager": 1.6,
    "summary": 0.8,
    "closed_question": 0.8,
}


def classify_mode(
    cues: Cues, listening: list[Listening], offers: list[Offer]
) -> tuple[Mode, dict[str, float], Evidence | None]:
    """The dominating mode, the vote totals and the strongest piece of evidence."""
    trust = 0.0
    negotiation = 0.0
    strongest: tuple[float, str, str] = (0.0, "", "")
    proposing = cues.any("proposal", "concession", "closing", "reciprocity", "pressure") or offers

    def vote(kind: str, name: str, weight: float, hits: int) -> None:
        nonlocal trust, negotiation, strongest
        amount = weight * min(hits, 2) ** 0.5
        if kind == "trust":
            trust += amount
        else:
            negotiation += amount
        if amount > strongest[0]:
            strongest = (amount, kind, name)

    for name, weight in TRUST_WEIGHTS.items():
        if cues.any(name):
            vote("trust", name, weight, cues.count(name))
    asks_for_deal = cues.any("proposal", "reciprocity", "closing")
    levers_in_question = bool(offers) or cues.any("benefit", "concession")
    for label in listening:
        weight = LISTENING_TRUST.get(label, 0.0)
        if label in ("open_question", "closed_question") and asks_for_deal:
            weight = 0.0  # "Was halten Sie davon, wenn wir …?" is a proposal, not an inquiry
        if label == "closed_question" and levers_in_question:
            vote("negotiation", "decision question", 1.0, 1)
        if label in ("paraphrase", "summary") and proposing:
            weight = 0.0  # a closing summary or a proposal in other words is negotiation
        if weight:
            vote("trust", label, weight, 1)
    restating = (
        "paraphrase" in listening
        or "emotion_verbalization" in listening
        or ("summary" in listening and not proposing)
    )
    for name, weight in NEGOTIATION_WEIGHTS.items():
        if not cues.any(name):
            continue
        if restating and name in ("data", "benefit", "demand", "need"):
            continue  # the buyer's figures or demand in the KAM's words are not a KAM argument
        vote("negotiation", name, weight, cues.count(name))
    if offers and not restating:
        vote("negotiation", "offer", 1.2, len(offers))
    if "summary" in listening and proposing:
        vote("negotiation", "closing summary", 1.2, 1)
    organisation = (
        1.6 * min(cues.count("organisation"), 2) ** 0.5 if cues.any("organisation") else 0
    )
    votes = {
        "trust": round(trust, 2),
        "negotiation": round(negotiation, 2),
        "neutral": round(organisation, 2),
    }
    committing = offers or cues.any("concession", "closing", "reciprocity", "pressure")
    if organisation and organisation >= max(trust, negotiation) and not committing:
        return "neutral", votes, _evidence("neutral", cues.first("organisation"), "organisation")
    if trust == negotiation == 0:
        if not cues.text.strip() or not any(ch.isalpha() for ch in cues.text):
            return "neutral", votes, None
        if cues.any("greeting") and len(cues.sentences) <= 1:
            return "trust", votes, _evidence("trust", cues.first("greeting"), "greeting")
        return "negotiation", votes, _evidence("negotiation", cues.sentences[0], "argument")
    # a tie goes to trust when the KAM asks an open question: inviting the buyer to talk
    trust_wins = trust > negotiation or (trust == negotiation and "open_question" in listening)
    mode: Mode = "trust" if trust_wins else "negotiation"
    _, kind, name = strongest
    span = cues.first(name) if kind == mode else ""
    return mode, votes, _evidence(mode, span or cues.sentences[0], name if kind == mode else mode)


def _evidence(mode: str, span: str, why: str) -> Evidence:
    reasons = {
        "trust": "relationship work",
        "negotiation": "argument, proposal or demand",
        "neutral": "organisation only",
    }
    return Evidence(label=mode, span=span[:200], reason=f"{reasons[mode]} ({why})")
