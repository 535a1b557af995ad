"""Checks on a buyer reply before it is shown: no leaked limits, no role inversion, right language.

The template voice passes by construction; the guard exists for LLM-worded replies, which are
replaced by the template reply when they fail.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from coach.buyer.policy import Decision
from coach.domain import Lang, Scenario
from coach.scoring.figures import extract_figures

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_REPLY_CHARS = 900


@lru_cache(maxsize=2)
def _data(lang: Lang) -> dict[str, list[str]]:
    loaded = yaml.safe_load((DATA_DIR / f"guard_{lang}.yaml").read_text(encoding="utf-8"))
    return {key: [str(v).lower() for v in values] for key, values in loaded.items()}


def detect_lang(text: str) -> Lang | None:
    """de or en by stopword counts; None when the text gives no signal."""
    words = re.findall(r"[a-zäöüß]+", text.lower())
    de = sum(w in _data("de")["stopwords"] for w in words)
    en = sum(w in _data("en")["stopwords"] for w in words)
    if de == en:
        return None
    return "de" if de > en else "en"


def check_reply(text: str, decision: Decision, scenario: Scenario, lang: Lang) -> list[str]:
    """Problems with a candidate reply; empty when it may be shown."""
    problems: list[str] = []
    stripped = text.strip()
    if not stripped:
        return ["the reply is empty"]
    if len(stripped) > MAX_REPLY_CHARS:
        problems.append(f"the reply is longer than {MAX_REPLY_CHARS} characters")
    allowed = {v for v in (decision.offer, decision.their_offer) if v is not None}
    allowed |= set(decision.deal.values())
    secret = {limit.limit for limit in scenario.buyer.hidden.limits.values()}
    for figure in extract_figures(stripped, lang):
        if figure.value in secret and figure.value not in allowed:
            problems.append(f"the reply reveals a hidden limit ({figure.span})")
    bare_numbers = {float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", stripped)}
    for value in (secret - allowed) & bare_numbers:
        problem = f"the reply reveals a hidden limit ({value:g})"
        if problem not in problems and not any("hidden limit" in p for p in problems):
            problems.append(problem)
    lowered = stripped.lower()
    if any(cue in lowered for cue in _data(lang)["role_inversion"]):
        problems.append("the reply speaks as the manufacturer or as a machine (role inversion)")
    detected = detect_lang(stripped)
    if detected is not None and detected != lang:
        problems.append(f"the reply is not in the session language ({lang})")
    return problems
