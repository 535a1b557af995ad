"""How the buyer perceives a trainee message: the scorer's annotation plus deal signals.

The buyer reacts to exactly what the coach measures (the same annotators), so a trainee who
listens well is rewarded by the buyer as well as by the scorecard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from coach.domain import Annotation, Lang, Lever, Offer, Scenario, Utterance
from coach.scoring import annotate
from coach.scoring.figures import extract_figures

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Perception:
    annotation: Annotation
    offers: list[Offer]
    open_question: bool
    closed_question: bool
    listening: bool
    emotion: bool
    small_talk: bool
    pressure: bool
    conditional: bool
    benefit: bool
    evidence: bool
    risk_reduction: bool
    agreement: bool
    closing: bool
    leaving: bool
    pushing_on_feelings: bool
    levers: list[Lever] = field(default_factory=list)
    words: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def _cues(lang: Lang) -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load((DATA_DIR / f"perception_{lang}.yaml").read_text(encoding="utf-8"))
    return {key: tuple(str(v).lower() for v in values) for key, values in raw.items()}


def _has_cue(lowered: str, cues: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\wäöüß]){re.escape(cue)}", lowered) for cue in cues)


def perceive(text: str, lang: Lang, context: list[Utterance], scenario: Scenario) -> Perception:
    """Annotate the message and read the signals the policy needs."""
    annotation = annotate(text, speaker="kam", lang=lang, context=context)
    lowered = text.lower()
    cues = _cues(lang)
    techniques = set(annotation.techniques)
    listening = set(annotation.listening)
    in_play = set(scenario.levers)
    offers = [o for o in annotation.offers if o.lever in in_play]
    words = frozenset(re.findall(r"[\wäöüß-]+", lowered))
    return Perception(
        annotation=annotation,
        offers=offers,
        open_question="open_question" in listening,
        closed_question="closed_question" in listening,
        listening=bool(listening & {"paraphrase", "summary", "encourager", "metacommunication"}),
        emotion="emotion_verbalization" in listening,
        small_talk=annotation.small_talk,
        pressure=annotation.pressure,
        conditional="conditional_concession" in techniques or "packaging" in techniques,
        benefit="benefit_argument" in techniques,
        # Data beyond the offer itself: a bare "4 % more" is a demand, not evidence.
        evidence=_has_cue(lowered, cues["evidence"])
        or len(extract_figures(text, lang)) > len(annotation.offers),
        risk_reduction=_has_cue(lowered, cues["risk_reduction"]),
        agreement=_has_cue(lowered, cues["agreement"]),
        closing=_has_cue(lowered, cues["closing"]) or "premature_closing" in techniques,
        leaving=_has_cue(lowered, cues["leaving"]),
        pushing_on_feelings="pushing_on_feelings" in techniques,
        levers=[lever for lever in annotation.levers if lever in in_play],
        words=words,
    )


def touches_interest(perception: Perception, revealed_by: list[str]) -> bool:
    """A topic word of the interest appears as a word prefix in the message."""
    stems = [s.lower() for s in revealed_by]
    return any(any(word.startswith(stem) for stem in stems) for word in perception.words)
