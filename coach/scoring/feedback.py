"""Per-turn feedback in the shape of ACE (EMNLP 2024): the mistake, why it matters, a better
phrasing of the trainee's own sentence, and the methodology source. Good moves are named too.
Texts are templates in data/feedback_<lang>.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coach.domain import LEVERS, Annotation, Feedback, Lang
from coach.scoring.lexicon import scan

DATA_DIR = Path(__file__).resolve().parent / "data"
_LOUD = 0.45
_GOOD_ORDER = (
    "conditional_concession",
    "emotion_verbalization",
    "paraphrase",
    "summary",
    "metacommunication",
    "packaging",
    "benefit_argument",
    "open_question",
)


@lru_cache(maxsize=2)
def templates(lang: Lang) -> dict[str, Any]:
    return yaml.safe_load((DATA_DIR / f"feedback_{lang}.yaml").read_text(encoding="utf-8"))


def cite(section_id: str, lang: Lang, retriever: Any) -> str:
    """'heading (source)' when a retriever knows the section, else the section id."""
    if retriever is not None:
        try:
            passage = retriever.get(section_id, lang)
        except Exception:  # noqa: BLE001 - a broken index must not break the scorecard
            passage = None
        if passage is not None:
            return f"{passage.heading} ({passage.source})"
    return section_id


def _core(text: str, lang: Lang) -> str:
    """The sentence without its lead-in words ('Okay, dann …')."""
    lead = "|".join(re.escape(w) for w in templates(lang).get("lead_in", []))
    core = re.sub(rf"^(?:\W*(?:{lead})\b[\s,.!]*)+", "", text.strip(), flags=re.IGNORECASE)
    core = core.strip(" ,;:-") or text.strip()
    first = core.split(" ", 1)[0].strip(",.;:").lower()
    if first in templates(lang).get("lowercase_first_words", []):
        core = core[:1].lower() + core[1:]
    return core


_CLAUSE = re.compile(r"(?<=[,;:–—])\s+|\s+(?=[–—-]\s)")


def _soften(sentence: str, lang: Lang) -> str:
    """The sentence with its ultimatum words toned down ("letztes Angebot" -> "Angebot")."""
    for pattern, replacement in templates(lang).get("pressure_softeners", []):
        sentence = re.sub(pattern, replacement, sentence, flags=re.IGNORECASE)
    sentence = re.sub(r"\s+([,.?!])", r"\1", re.sub(r"\s{2,}", " ", sentence))
    return re.sub(r"[,;:]+([.?!])", r"\1", sentence).strip(" ,")


def _calm(text: str, lang: Lang) -> str:
    """The trainee's own turn without its pressure clauses ("…, sonst listen wir aus").

    Only the clauses that carry the threat, last offer or deadline go; the demand, its reason
    and every other sentence stay, so the rewrite is the trainee's sentence, calmed down. When a
    flagged sentence is pressure through and through, its calm remainder is the fallback ask.
    """
    cues = scan(text, lang)
    kept: list[str] = []
    for sentence, found in zip(cues.sentences, cues.per_sentence, strict=False):
        spans = found.get("pressure")
        if not spans:
            kept.append(sentence)
            continue
        sentence = _soften(sentence, lang)
        spans = scan(sentence, lang).spans.get("pressure", [])
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip(" ,;:–—-")]
        calm = [c for c in clauses if not any(span.lower() in c.lower() for span in spans)]
        calm = [c for c in calm if not scan(c, lang).any("pressure")]
        if calm and len(" ".join(calm).split()) >= 3:
            joined = " ".join(c.strip() for c in calm).rstrip(" ,;:–—-")
            kept.append(joined if joined[-1:] in ".?!" else joined + ".")
    if not kept:
        return str(templates(lang)["pressure_fallback"])
    calm_text = " ".join(kept)
    if not calm_text.rstrip().endswith("?"):
        calm_text += " " + str(templates(lang)["pressure_invite"])
    return calm_text


def _feeling(buyer: Annotation | None, buyer_text: str, lang: Lang) -> str:
    spans = scan(buyer_text, lang).spans.get("feeling", []) if buyer_text else []
    return spans[0].lower() if spans else str(templates(lang)["default_feeling"])


def _ask(kam: Annotation, lang: Lang) -> str:
    asks = templates(lang)["asks"]
    given = {offer.lever for offer in kam.offers} | set(kam.levers)
    lever = next(
        (
            lv
            for lv in ("placement", "promotion", "product", "performance", "person", "price")
            if lv not in given
        ),
        LEVERS[0],
    )
    return str(asks[lever])


def turn_feedback(
    turn: int,
    text: str,
    kam: Annotation,
    buyer: Annotation | None,
    expected_mode: str,
    lang: Lang,
    retriever: Any = None,
    buyer_text: str = "",
) -> list[Feedback]:
    """Mistakes first (each rewriting the trainee's sentence), then at most one good move."""
    data = templates(lang)
    found: list[str] = []
    if "free_concession" in kam.techniques:
        found.append("free_concession")
    if "pushing_on_feelings" in kam.techniques:
        found.append("pushing_on_feelings")
    elif (
        buyer is not None
        and buyer.sides["self_revelation"] + buyer.sides["relationship"] >= _LOUD
        and kam.ear in ("fact", "appeal")
        and "emotion_verbalization" not in kam.listening
        and kam.mode == "negotiation"
    ):
        found.append("missed_ear")
    if "premature_closing" in kam.techniques:
        found.append("premature_closing")
    if kam.pressure:
        found.append("pressure")
    if kam.listening == ["closed_question"] and kam.mode == "trust" and not re.search(r"\d", text):
        found.append("closed_question")
    if expected_mode == "trust" and kam.mode == "negotiation" and not found and turn <= 2:
        found.append("early_negotiation")
    feedback: list[Feedback] = []
    for key in found:
        entry = data["mistakes"][key]
        core = _core(text, lang)
        template = entry["better"]
        if "better_then" in entry and core.lower().startswith(("dann ", "then ")):
            template = entry["better_then"]
        better = str(template).format(
            text=text.strip(),
            core=core,
            calm=_calm(text, lang),
            ask=_ask(kam, lang),
            feeling=_feeling(buyer, buyer_text, lang),
        )
        if key == "closed_question" and not better.rstrip().endswith("?"):
            better = better.rstrip(" .!") + "?"
        if better.strip() == text.strip():
            continue
        feedback.append(
            Feedback(
                turn=turn,
                issue=str(entry["issue"]),
                why=str(entry["why"]),
                better=better,
                source=cite(entry["source"], lang, retriever),
                kind="mistake",
            )
        )
    if not found:
        labels = set(kam.techniques) | set(kam.listening)
        good = next((g for g in _GOOD_ORDER if g in labels), None)
        if good is not None:
            entry = data["good"][good]
            feedback.append(
                Feedback(
                    turn=turn,
                    issue=str(entry["issue"]),
                    why=str(entry["why"]),
                    better=text.strip(),
                    source=cite(entry["source"], lang, retriever),
                    kind="good",
                )
            )
    return feedback
