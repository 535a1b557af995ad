"""Four-sides model (Schulz von Thun): side scores, the dominant side, and the ear of a reply.

Each sentence gets one side by the conventions of ANNOTATION.md (a question is an appeal unless it
is rapport small talk; emotion verbalization and metacommunication are relationship; paraphrase
and summary are fact). Sentence weights add up per side; the last sentence, which usually carries
the point, weighs a little more. Scores are shares (0..1, summing to 1).
"""

from __future__ import annotations

import re

from coach.domain import SIDES, Evidence, Listening, Side
from coach.scoring.lexicon import Cues
from coach.scoring.listening import is_question

_APPEAL = (
    "pressure",
    "closing",
    "proposal",
    "concession",
    "reciprocity",
    "demand",
    "buyer_appeal",
    "imperative_start",
    "acceptance",
)
_LAST_SENTENCE_BONUS = 1.25
_DIGIT = re.compile(r"\d")


def side_of_sentence(found: dict[str, list[str]], sentence: str, lang: str) -> tuple[Side, float]:
    """The side one sentence speaks on, with how strongly."""
    question = is_question(sentence, lang) or bool(found.get("open_request"))
    if found.get("emotion_verbalization"):
        return "relationship", 1.4
    if found.get("paraphrase") or found.get("summary"):
        if found.get("closing"):
            return "appeal", 1.3
        return "fact", 1.3
    if found.get("metacommunication"):
        return "relationship", 1.5
    if found.get("reproach") or found.get("apology"):
        return "relationship", 1.3
    if found.get("appraisal") and not any(found.get(name) for name in _APPEAL):
        return "relationship", 1.1
    if question:
        if found.get("small_talk") and not found.get("benefit"):
            return "relationship", 1.0
        return "appeal", 1.1
    if found.get("encourager") or found.get("encourager_full"):
        return "appeal", 0.9
    if found.get("self_feeling") and not found.get("pressure") and not found.get("closing"):
        return "self_revelation", 1.2
    if any(found.get(name) for name in _APPEAL) or found.get("refusal"):
        return "appeal", 1.2
    if found.get("you_statement_start"):
        return "relationship", 1.0
    if found.get("feeling") and found.get("first_person"):
        return "self_revelation", 1.0
    if (
        found.get("first_person_start")
        and not _DIGIT.search(sentence)
        and not any(
            found.get(name) for name in ("data", "organisation", "benefit", "dispute", "greeting")
        )
    ):
        return "self_revelation", 0.8
    if found.get("appreciation") or found.get("small_talk") or found.get("greeting"):
        if found.get("data") or found.get("organisation"):
            return "fact", 0.8
        return "relationship", 0.9
    return "fact", 0.7


def score_sides(cues: Cues, listening: list[Listening]) -> tuple[dict[Side, float], Side, Evidence]:
    """Side shares, the dominant side and the evidence for it."""
    weights: dict[Side, float] = dict.fromkeys(SIDES, 0.0)
    best_span: dict[Side, str] = {}
    count = len(cues.sentences)
    for i, (sentence, found) in enumerate(zip(cues.sentences, cues.per_sentence, strict=False)):
        side, weight = side_of_sentence(found, sentence, cues.lang)
        if i == count - 1 and count > 1:
            weight *= _LAST_SENTENCE_BONUS
        weights[side] += weight
        best_span.setdefault(side, sentence)
        # secondary colour: a sentence also leans to the other sides it touches
        if side != "fact" and found.get("data"):
            weights["fact"] += 0.15
        if side != "self_revelation" and found.get("self_feeling"):
            weights["self_revelation"] += 0.3
        if side != "relationship" and (found.get("appreciation") or found.get("reproach")):
            weights["relationship"] += 0.2
        if side != "appeal" and any(found.get(name) for name in _APPEAL):
            weights["appeal"] += 0.2
    if "encourager" in listening and cues.any("encourager_full"):
        weights = dict.fromkeys(SIDES, 0.0)
        weights["appeal"] = 1.0
        best_span["appeal"] = cues.text.strip()
    total = sum(weights.values())
    if total <= 0:
        sides: dict[Side, float] = dict.fromkeys(SIDES, 0.0)
        sides["fact"] = 1.0
        return sides, "fact", Evidence(label="fact", span="", reason="no content")
    sides = {side: round(weights[side] / total, 3) for side in SIDES}
    dominant = max(SIDES, key=lambda side: (weights[side], -SIDES.index(side)))
    reason = {
        "fact": "information, figures or a restatement of content",
        "self_revelation": "the speaker's own feelings, pressure or admissions",
        "relationship": "how the speaker sees the other or the relationship",
        "appeal": "what the speaker wants the other to do",
    }[dominant]
    return (
        sides,
        dominant,
        Evidence(label=dominant, span=best_span.get(dominant, "")[:200], reason=reason),
    )


def hear_ear(
    reply: Cues,
    listening: list[Listening],
    buyer: Cues,
    buyer_sides: dict[Side, float],
    buyer_dominant: Side,
) -> tuple[Side, str]:
    """The side of the preceding buyer message the reply takes up, with a reason."""
    feeling = buyer_sides["self_revelation"] + buyer_sides["relationship"]
    inner: Side = (
        "relationship"
        if buyer_sides["relationship"] > buyer_sides["self_revelation"]
        else "self_revelation"
    )
    if "emotion_verbalization" in listening:
        return inner, "the reply names the buyer's feeling"
    if reply.any("metacommunication") and buyer_sides["relationship"] > 0.15:
        return "relationship", "the reply addresses how the two talk"
    closing = reply.any("closing", "proposal") or "closed_question" in listening
    if "paraphrase" in listening and buyer_dominant == inner and feeling >= 0.5:
        # 'Sie sind es leid, jedes Jahr dieselbe Diskussion' restates what he revealed
        return inner, "the reply restates what the buyer revealed"
    if "paraphrase" in listening or ("summary" in listening and not closing):
        return "fact", "the reply restates the buyer's content"
    opening = reply.per_sentence[0] if reply.per_sentence else {}
    asked = (
        buyer_sides["appeal"] >= 0.3
        or buyer_dominant == "appeal"
        or any("?" in sentence for sentence in buyer.sentences[-2:])
    )
    if asked and (
        reply.any("answer", "refusal", "concession", "closing", "reciprocity", "pressure")
        or opening.get("proposal")
        or opening.get("organisation")
    ):
        return "appeal", "the reply reacts to the buyer's demand or question"
    if (
        reply.any("organisation")
        and not reply.any("data", "benefit", "dispute")
        and (feeling < 0.5 or "closed_question" in listening)
    ):
        return "appeal", "the reply arranges what the buyer asked for or agreed to"
    negotiating = reply.any("proposal", "concession", "closing", "reciprocity", "pressure")
    if negotiating and feeling < 0.4:
        return "appeal", "the reply answers the buyer's position with a move of its own"
    if feeling >= 0.4 and (
        opening.get("appreciation")
        or opening.get("self_feeling")
        or opening.get("feeling")
        or reply.any("open_request")
        or "open_question" in listening
    ):
        return inner, "the reply answers the buyer's feeling or view of the relationship"
    if reply.any("data", "dispute", "benefit") and buyer_sides["fact"] >= 0.2:
        return "fact", "the reply answers the buyer's figures"
    if asked:
        return "appeal", "the reply reacts to the buyer's demand or question"
    if "open_question" in listening or "encourager" in listening:
        return "fact", "the reply asks about the content the buyer brought up"
    reason = {
        "fact": "the reply takes up the buyer's content",
        "self_revelation": "the reply answers what the buyer revealed about himself",
        "relationship": "the reply answers the buyer's view of the relationship",
        "appeal": "the reply reacts to the buyer's demand",
    }[buyer_dominant]
    return buyer_dominant, reason
