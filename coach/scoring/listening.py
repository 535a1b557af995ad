"""Active listening: open/closed questions, paraphrase, emotion verbalization, summary,
encourager, metacommunication (ANNOTATION.md, "listening")."""

from __future__ import annotations

import re

from coach.domain import LISTENING, Evidence, Listening
from coach.scoring.lexicon import Cues, lexicon

_ENDS_WITH_QUESTION = re.compile(r"\?\W*$")
_NO_FINAL_STOP = re.compile(r"[^.!…]\s*$")
# a wh-word followed by a verb or pronoun reads as a question even without "?" (transcripts)
_BARE_WH = {
    "de": re.compile(
        r"^\W*(?:und\s+|also\s+)?(?:wie|was|warum|wieso|weshalb|welche\w*|wo|wann|wer)\s+"
        r"(?:sehen|ist|sind|war|hat|haben|können|würden|wäre|denken|meinen|läuft|geht|planen|"
        r"halten|stellen|brauchen)\s+(?:sie|ihr|es|das|die|der)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"^\W*(?:and\s+|so\s+)?(?:what|how|why|which|where|when|who)\s+(?:do|does|did|is|are|was|"
        r"were|would|could|can|will|should|has|have|brings|made|makes|kind|sort)\s+"
        r"(?:you|it|that|this|they|we|your|the|of|he|she)\b",
        re.IGNORECASE,
    ),
}


def is_question(sentence: str, lang: str) -> bool:
    if _ENDS_WITH_QUESTION.search(sentence):
        return True
    return bool(_NO_FINAL_STOP.search(sentence) and _BARE_WH[lang].search(sentence))


def _opens_after_colon(sentence: str, lang: str) -> bool:
    """ "Bevor ich zu unseren Themen komme: Wie läuft …?" - the question starts after the colon."""
    head, colon, tail = sentence.rpartition(":")
    if not colon or not tail.strip():
        return False
    return bool(lexicon(lang).patterns["open_question_start"].search(tail.strip().lower()))  # type: ignore[arg-type]


def question_kinds(cues: Cues) -> list[tuple[Listening, str]]:
    """Each question sentence as open or closed, with the sentence as its span."""
    kinds: list[tuple[Listening, str]] = []
    for sentence, found in zip(cues.sentences, cues.per_sentence, strict=False):
        if found.get("open_request"):
            kinds.append(("open_question", sentence))
            continue
        if not is_question(sentence, cues.lang):
            continue
        if found.get("tag_question") or found.get("check_question") or found.get("scheduling"):
            kinds.append(("closed_question", sentence))
        elif (found.get("open_question_start") and not found.get("closed_question_start")) or (
            _opens_after_colon(sentence, cues.lang)
        ):
            # "Wie wäre es mit …?" / "How about …?" is a decision question, not an invitation
            suggestion = re.match(
                r"^\W*(?:wie\s+wäre\s+es|wie\s+wär's|how\s+about|what\s+if)\b", sentence, re.I
            )
            kinds.append(("closed_question" if suggestion else "open_question", sentence))
            if not suggestion and found.get("alternative_question"):
                kinds.append(("closed_question", sentence))
        else:
            kinds.append(("closed_question", sentence))
    return kinds


_RESTATED_CONTENT_WORDS = 6


def _content_words(cues: Cues) -> int:
    """Words outside the check question itself ("…, habe ich das richtig verstanden?")."""
    rest = cues.text
    for span in cues.spans.get("check_question", []):
        rest = rest.replace(span, " ")
    return len(rest.split())


def detect_listening(cues: Cues) -> tuple[list[Listening], list[Evidence]]:
    """The listening labels of an utterance, in the canonical order, with their evidence."""
    found: dict[Listening, Evidence] = {}

    def mark(label: Listening, span: str, reason: str) -> None:
        found.setdefault(label, Evidence(label=label, span=span[:200], reason=reason))

    for kind, sentence in question_kinds(cues):
        reason = (
            "invites the buyer to elaborate"
            if kind == "open_question"
            else ("can be answered with yes/no or one option")
        )
        mark(kind, sentence, reason)
    if cues.any("paraphrase"):
        mark("paraphrase", cues.first("paraphrase"), "restates the buyer's content")
    elif cues.any("check_question") and _content_words(cues) >= _RESTATED_CONTENT_WORDS:
        mark("paraphrase", cues.text, "restates content and checks it with the buyer")
    if cues.any("emotion_verbalization"):
        mark("emotion_verbalization", cues.first("emotion_verbalization"), "names the feeling")
    if cues.any("summary", "summary_multi"):
        mark("summary", cues.first("summary", "summary_multi"), "condenses several points")
    if cues.any("encourager_full", "encourager"):
        mark("encourager", cues.first("encourager_full", "encourager"), "prompts to go on")
    if cues.any("metacommunication"):
        mark("metacommunication", cues.first("metacommunication"), "talks about the talk")
    if "encourager" in found and len(found) > 1 and cues.any("encourager_full"):
        # "Mhm, verstehe." is an encourager only; a question word inside does not make it open
        found = {"encourager": found["encourager"]}
    labels = [label for label in LISTENING if label in found]
    return labels, [found[label] for label in labels]
