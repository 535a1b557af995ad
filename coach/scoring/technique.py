"""Negotiation techniques in one KAM utterance, seen against the dialogue so far.

Labels (Annotation.techniques): conditional_concession, free_concession, benefit_argument,
anchoring, packaging, premature_closing, pushing_on_feelings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, get_args

from coach.domain import LEVERS, Evidence, Lang, Lever, Listening, Mode, Offer, Side
from coach.scoring import figures
from coach.scoring.lexicon import Cues, scan

Technique = Literal[
    "conditional_concession",
    "free_concession",
    "benefit_argument",
    "anchoring",
    "packaging",
    "premature_closing",
    "pushing_on_feelings",
]
TECHNIQUES: tuple[str, ...] = get_args(Technique)
_EARLY_CLOSE_TURNS = 4  # fewer buyer lines than this before a closing attempt is premature


@lru_cache(maxsize=4)
def _lever_patterns(lang: Lang) -> dict[Lever, re.Pattern[str]]:
    """One pattern per lever: short cue words match whole, long ones also as word starts."""
    patterns: dict[Lever, re.Pattern[str]] = {}
    for lever, cues in figures.lexicon(lang).lever_cues.items():
        long = sorted((re.escape(c) for c in cues if len(c) > 4), key=len, reverse=True)
        short = sorted((re.escape(c) for c in cues if len(c) <= 4), key=len, reverse=True)
        parts = ([rf"(?<![\w-])(?:{'|'.join(long)})[\w-]*"] if long else []) + (
            [rf"(?<![\w-])(?:{'|'.join(short)})(?![\w-])"] if short else []
        )
        patterns[lever] = re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)
    return patterns


@lru_cache(maxsize=4096)
def _offers_of(text: str, lang: Lang) -> tuple[Offer, ...]:
    return tuple(figures.extract_offers(text, lang))


def find_levers(text: str, lang: Lang, offers: list[Offer]) -> list[Lever]:
    """The 6-P levers the text names (cue words of figures_<lang>.yaml, plus offer levers)."""
    named: set[Lever] = {offer.lever for offer in offers}
    for lever, pattern in _lever_patterns(lang).items():
        if lever not in named and pattern.search(text):
            named.add(lever)
    return [lever for lever in LEVERS if lever in named]


def detect_techniques(
    cues: Cues,
    mode: Mode,
    listening: list[Listening],
    levers: list[Lever],
    offers: list[Offer],
    context: list[tuple[str, str]],
    buyer_sides: dict[Side, float] | None,
) -> tuple[list[str], list[Evidence]]:
    """Technique labels with evidence; `context` holds (speaker, text) pairs, oldest first."""
    found: dict[str, Evidence] = {}

    def mark(label: str, span: str, reason: str) -> None:
        found.setdefault(label, Evidence(label=label, span=span[:200], reason=reason))

    conditional = cues.any("reciprocity") or (
        bool(offers) and figures.is_conditional(cues.text, cues.lang)
    )
    gives = cues.any("concession")
    proposes = cues.any("proposal") or bool(offers)
    if conditional and (gives or proposes):
        mark(
            "conditional_concession",
            cues.first("reciprocity") or offers[0].span,
            "gives something only against something in return",
        )
    elif gives and not cues.any("refusal"):
        mark("free_concession", cues.first("concession"), "gives ground with nothing in return")
    if cues.any("benefit") and mode == "negotiation":
        mark("benefit_argument", cues.first("benefit"), "argues with shopper/category/POS benefit")
    kam_offered_before = any(
        speaker == "kam" and _offers_of(text, cues.lang) for speaker, text in context
    )
    if offers and not kam_offered_before and (cues.any("anchoring", "proposal", "demand")):
        mark("anchoring", offers[0].span, "first figure on the table sets the anchor")
    elif cues.any("anchoring") and offers:
        mark("anchoring", cues.first("anchoring"), "sets a reference figure")
    offer_levers = {offer.lever for offer in offers}
    if proposes and (len(offer_levers) >= 2 or (len(levers) >= 3 and cues.any("proposal"))):
        mark(
            "packaging",
            cues.first("proposal") or offers[0].span,
            "bundles several 6-P levers in one offer",
        )
    if cues.any("closing"):
        buyer_lines = sum(1 for speaker, _ in context if speaker == "buyer")
        if buyer_lines < _EARLY_CLOSE_TURNS or _last_buyer_objects(context, cues.lang):
            mark(
                "premature_closing",
                cues.first("closing"),
                "asks for the close before the buyer's concerns are heard",
            )
    if buyer_sides is not None:
        loud = buyer_sides["self_revelation"] + buyer_sides["relationship"]
        listens = set(listening) & {"emotion_verbalization", "paraphrase", "metacommunication"}
        pushes = cues.any("demand", "pressure", "closing", "proposal") or (
            offers and mode == "negotiation"
        )
        if loud >= 0.45 and pushes and not listens and mode == "negotiation":
            mark(
                "pushing_on_feelings",
                cues.first("pressure", "demand", "closing", "proposal") or cues.sentences[-1],
                "pushes a demand while the buyer spoke about feelings",
            )
    labels = [t for t in TECHNIQUES if t in found]
    return labels, [found[t] for t in labels]


def _last_buyer_objects(context: list[tuple[str, str]], lang: Lang) -> bool:
    for speaker, text in reversed(context):
        if speaker == "buyer":
            cues = scan(text, lang)
            return cues.any("refusal", "reproach")
    return False
