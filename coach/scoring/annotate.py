"""`annotate`: one utterance (+ its context) -> Annotation. Pure, deterministic, never raises.

The cue rules (lexicon, listening, four sides, mode) run first; the learned layer (`learned.py`,
logistic regression over the rule outputs and the sentence embedding) then decides mode,
dominant side and ear. `annotate_many` embeds a whole batch in one encoder call.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from coach.domain import (
    LISTENING,
    MODES,
    SIDES,
    Annotation,
    Evidence,
    Lang,
    Side,
    Transcript,
    Utterance,
)
from coach.scoring import learned
from coach.scoring.four_sides import hear_ear, score_sides
from coach.scoring.learned import RuleView
from coach.scoring.lexicon import MAX_CHARS, Cues, detect_lang, scan
from coach.scoring.listening import detect_listening
from coach.scoring.mode import classify_mode
from coach.scoring.speech import plain_typography, without_fillers
from coach.scoring.technique import _offers_of, detect_techniques, find_levers

ContextLine = Utterance | dict[str, Any]
_CLOSE_CALL = 0.05  # mode probabilities closer than this: the rule mode stands
_SIDE_BLEND = 0.5  # side shares = this x model probabilities + the rest x rule shares


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


class _Rules:
    """Everything the cue rules decide for one utterance, before the learned layer."""

    def __init__(
        self, text: str, speaker: str, lang: str | None, context: list[tuple[str, str]]
    ) -> None:
        text = plain_typography(text[:MAX_CHARS])  # 'we’re' reads as "we're"
        self.lang: Lang = lang if lang in ("de", "en") else detect_lang(text)  # type: ignore[assignment]
        # a transcript of speech is read like a typed chat: 'äh', 'um' carry no side and no cue
        text = without_fillers(text, self.lang, keep_commas=False)
        context = [
            (who, without_fillers(plain_typography(said), self.lang, keep_commas=False))
            for who, said in context
        ]
        self.text, self.speaker, self.context = text, speaker, context
        cues = scan(text, self.lang)
        self.cues = cues
        self.listening, self.listening_evidence = detect_listening(cues)
        self.sides, self.dominant, self.side_evidence = score_sides(cues, self.listening)
        self.offers = list(_offers_of(text, self.lang))
        self.mode, self.votes, self.mode_evidence = classify_mode(cues, self.listening, self.offers)
        self.last_buyer = next((t for s, t in reversed(context) if s == "buyer"), None)
        self.ear: Side | None = None
        self.ear_why = ""
        self.buyer_cues: Cues | None = None
        self.buyer_sides: dict[Side, float] | None = None
        self.buyer_dominant: Side | None = None
        if self.last_buyer is not None:
            self.buyer_cues, self.buyer_sides, self.buyer_dominant = _sides_of(
                self.last_buyer[:MAX_CHARS], self.lang
            )
            if speaker == "kam":
                self.ear, self.ear_why = hear_ear(
                    cues, self.listening, self.buyer_cues, self.buyer_sides, self.buyer_dominant
                )

    def view(self) -> RuleView:
        return RuleView(
            cues=self.cues,
            listening=list(self.listening),
            sides={str(side): value for side, value in self.sides.items()},
            dominant=self.dominant,
            votes=dict(self.votes),
            mode=self.mode,
            offers=len(self.offers),
            buyer_cues=self.buyer_cues,
            buyer_sides=(
                {str(side): value for side, value in self.buyer_sides.items()}
                if self.buyer_sides
                else None
            ),
            buyer_dominant=self.buyer_dominant,
            ear=self.ear,
            ear_why=self.ear_why,
        )


def embed_rules(rules: Sequence[_Rules]) -> np.ndarray | None:
    """Reply embeddings (plus the buyer line's, when the model reads it): one encoder call."""
    if not learned.needs_embedding():
        return None
    texts = [r.text for r in rules]
    if not learned.needs_buyer_embedding():
        return learned.embed(texts)
    # the ear exists for KAM replies to a buyer line only: nothing else needs the buyer's vector
    buyer = [
        learned.buyer_snippet(r.last_buyer) if r.speaker == "kam" and r.last_buyer else ""
        for r in rules
    ]
    both = learned.embed(texts + buyer)
    if both is None:
        return None
    return np.concatenate([both[: len(rules)], both[len(rules) :]], axis=1)


def _finish(rules: _Rules, probs: dict[str, np.ndarray]) -> Annotation:
    """The Annotation: the learned heads (when present) over the rule decisions."""
    mode, sides, dominant, ear = rules.mode, dict(rules.sides), rules.dominant, rules.ear
    mode_evidence = rules.mode_evidence
    side_evidence = rules.side_evidence
    has_text = any(ch.isalpha() for ch in rules.text)
    listening, listening_evidence = rules.listening, rules.listening_evidence
    if "listen" in probs and has_text:
        explicit = frozenset(label for label in listening if rules.cues.spans.get(label))
        labels, added = learned.combine_listening(list(listening), probs["listen"], explicit)
        listening = [label for label in LISTENING if label in labels]
        listening_evidence = [e for e in listening_evidence if e.label in labels] + [
            Evidence(label=label, span=rules.text[:200], reason="learned layer over the cues")
            for label in added
        ]
    if "mode" in probs and has_text:
        learned_mode = MODES[int(np.argmax(probs["mode"]))]
        ranked = np.sort(probs["mode"])
        if float(ranked[-1] - ranked[-2]) < _CLOSE_CALL:
            learned_mode = mode  # a near tie of the head: the cue rules decide
        if rules.cues.any("concession") and rules.cues.any("reciprocity"):
            learned_mode = mode  # a conditional concession is negotiation by the guideline
        if learned_mode == "neutral" and mode == "negotiation" and rules.cues.any("pressure"):
            learned_mode = mode  # an ultimatum or a deadline to sign is a demand, not organisation
        if learned_mode != mode:
            reason = f"learned layer over the cues (p={float(probs['mode'].max()):.2f})"
            mode_evidence = Evidence(label=learned_mode, span=rules.cues.text[:200], reason=reason)
        mode = learned_mode  # type: ignore[assignment]
    if "side" in probs and has_text:
        blended = {
            side: _SIDE_BLEND * float(probs["side"][i]) + (1 - _SIDE_BLEND) * sides[side]
            for i, side in enumerate(SIDES)
        }
        sides = {side: round(value, 3) for side, value in blended.items()}  # type: ignore[misc]
        new_dominant = max(SIDES, key=lambda side: (blended[side], -SIDES.index(side)))
        if new_dominant != dominant:
            side_evidence = Evidence(
                label=new_dominant,
                span=rules.cues.text[:200],
                reason="learned layer over the side cues",
            )
        dominant = new_dominant
    if "ear" in probs and ear is not None and "restates the buyer's content" not in rules.ear_why:
        ear = SIDES[int(np.argmax(probs["ear"]))]  # a restatement takes up the fact side: rules
    evidence: list[Evidence] = [mode_evidence] if mode_evidence else []
    evidence += listening_evidence + [side_evidence]
    if ear is not None and rules.last_buyer is not None:
        why = rules.ear_why if ear == rules.ear else "learned layer over both lines"
        evidence.append(Evidence(label=f"ear:{ear}", span=rules.last_buyer[:120], reason=why))
    cues = rules.cues
    levers = find_levers(rules.text, rules.lang, rules.offers)
    techniques: list[str] = []
    if rules.speaker == "kam":
        techniques, technique_evidence = detect_techniques(
            cues, mode, listening, levers, rules.offers, rules.context, rules.buyer_sides
        )
        evidence += technique_evidence
    pressure = cues.any("pressure")
    if pressure:
        evidence.append(
            Evidence(
                label="pressure",
                span=cues.first("pressure")[:200],
                reason="ultimatum, threat or deadline",
            )
        )
    return Annotation(
        mode=mode,
        listening=listening,
        sides=sides,
        dominant_side=dominant,
        ear=ear,
        evidence=evidence,
        techniques=techniques,
        levers=levers,
        offers=rules.offers,
        pressure=pressure,
        small_talk=cues.any("small_talk"),
    )


def _fallback(error: Exception) -> Annotation:
    return Annotation(
        mode="neutral",
        sides={"fact": 1.0, "self_revelation": 0.0, "relationship": 0.0, "appeal": 0.0},
        dominant_side="fact",
        evidence=[Evidence(label="error", span="", reason=type(error).__name__)],
    )


def annotate(
    text: str,
    speaker: str = "kam",
    lang: str | None = None,
    context: Sequence[ContextLine] | None = None,
) -> Annotation:
    """Annotate one utterance: mode, listening, four sides (+ ear), techniques, levers, offers."""
    return annotate_many([{"text": text, "speaker": speaker, "lang": lang, "context": context}])[0]


def annotate_many(items: Sequence[dict[str, Any]]) -> list[Annotation]:
    """Annotate a batch (dicts with text, speaker, lang, context); one encoder call for all."""
    rules: list[_Rules | Exception] = []
    for item in items:
        try:
            rules.append(
                _Rules(
                    str(item.get("text") or ""),
                    str(item.get("speaker") or "kam"),
                    item.get("lang"),
                    _pairs(item.get("context")),
                )
            )
        except Exception as error:  # noqa: BLE001 - the contract is: valid output, never raise
            rules.append(error)
    ok = [r for r in rules if isinstance(r, _Rules)]
    try:
        embeddings = embed_rules(ok)
        probs = learned.predict([r.view() for r in ok], embeddings)
    except Exception:  # noqa: BLE001 - a broken model must not break annotation: rules decide
        probs = [{} for _ in ok]
    by_id = {id(r): p for r, p in zip(ok, probs, strict=True)}
    out: list[Annotation] = []
    for r in rules:
        if isinstance(r, Exception):
            out.append(_fallback(r))
            continue
        try:
            out.append(_finish(r, by_id[id(r)]))
        except Exception as error:  # noqa: BLE001
            out.append(_fallback(error))
    return out


def annotate_transcript(transcript: Transcript) -> list[Annotation]:
    """Annotate every line of a transcript; each line sees the lines before it as context."""
    lines = list(transcript.turns)
    return annotate_many(
        [
            {
                "text": line.text,
                "speaker": line.speaker,
                "lang": transcript.lang,
                "context": lines[:i],
            }
            for i, line in enumerate(lines)
        ]
    )
