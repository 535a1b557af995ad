"""Cue lexicons per language (`data/cues_<lang>.yaml`) and the text basics every annotator uses.

A lexicon compiles each cue category into one case-insensitive regular expression. `scan` runs
all categories over an utterance once, so the annotators read the same `Cues` and never scan
twice. Language detection is a cheap function-word vote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from coach.domain import Lang

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_CHARS = 4000  # longer texts are annotated on their first part: cost stays flat, output valid
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
# anchored at a sentence start; matched per sentence
_SENTENCE_CATEGORIES = ("open_question_start", "closed_question_start", "encourager_full")
# matched on the whole utterance: several sentences can form one summary or one encourager
_WHOLE_TEXT = ("encourager_full", "summary_multi")


@dataclass(frozen=True)
class Lexicon:
    lang: Lang
    detect: frozenset[str]
    patterns: dict[str, re.Pattern[str]]

    def has(self, name: str) -> bool:
        return name in self.patterns


def swiss(pattern: str) -> str:
    """The pattern with every ß outside a character class also matching 'ss': Swiss German
    writes 'das heisst', 'Grüsse', 'Aussendienst'."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if char == "ß" and not in_class and not escaped:
            out.append("(?:ß|ss)")
        else:
            out.append(char)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
    return "".join(out)


def _compile(patterns: list[str], feel: str) -> re.Pattern[str]:
    # cue patterns are written in lower case and run over lower-cased text: case-insensitive
    # matching of large alternations is about twice as slow in Python's re
    joined = "|".join(f"(?:{swiss(p.replace('{feel}', feel))})" for p in patterns)
    return re.compile(joined, re.UNICODE)


@lru_cache(maxsize=4)
def lexicon(lang: Lang) -> Lexicon:
    """The compiled cue lexicon of one language (loaded once per process)."""
    raw = yaml.safe_load((DATA_DIR / f"cues_{lang}.yaml").read_text(encoding="utf-8"))
    feel = "|".join(raw.get("feeling_words", ["(?!x)x"]))
    patterns: dict[str, re.Pattern[str]] = {}
    for name, value in raw.items():
        if name in ("lang", "detect", "feeling_words", "filler") or not isinstance(value, list):
            continue
        if name in _SENTENCE_CATEGORIES or name.endswith("_start"):
            # anchored at a sentence start after an optional filler word ("Und", "So,")
            body = "|".join(f"(?:{swiss(p)})" for p in value)
            # optional fillers and a short vocative before the point: "Herr Weber, na, wie …?"
            fillers = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in raw.get("filler", []))
            lead = rf"(?:(?:{fillers})\b\W*|[^\W\d][^,?.!]{{0,30}},\s*){{0,3}}"
            text = rf"^\W*{lead}(?:{body})" if name != "encourager_full" else body
            patterns[name] = re.compile(text, re.UNICODE)
        else:
            patterns[name] = _compile([str(p) for p in value], feel)
    return Lexicon(lang=lang, detect=frozenset(w.lower() for w in raw["detect"]), patterns=patterns)


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def detect_lang(text: str) -> Lang:
    """'de' or 'en' by a function-word vote; umlauts and ß count for German; ties go to German."""
    words = tokens(text[:MAX_CHARS])
    de, en = lexicon("de").detect, lexicon("en").detect
    de_votes = sum(1 for w in words if w in de) + 2 * len(re.findall(r"[äöüß]", text[:MAX_CHARS]))
    en_votes = sum(1 for w in words if w in en)
    return "en" if en_votes > de_votes else "de"


def split_sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()]
    return parts or ([text.strip()] if text.strip() else [])


@dataclass
class Cues:
    """Every cue category's matches in one utterance, per sentence and for the whole text."""

    text: str
    lang: Lang
    sentences: list[str]
    per_sentence: list[dict[str, list[str]]] = field(default_factory=list)
    spans: dict[str, list[str]] = field(default_factory=dict)

    def any(self, *names: str) -> bool:
        return any(self.spans.get(n) for n in names)

    def count(self, *names: str) -> int:
        return sum(len(self.spans.get(n, [])) for n in names)

    def first(self, *names: str) -> str:
        for n in names:
            if self.spans.get(n):
                return self.spans[n][0]
        return ""


def _scan_one(text: str, lex: Lexicon) -> dict[str, list[str]]:
    lowered = text.lower()
    # spans come from the original text when lower-casing kept the length (almost always)
    source = text if len(lowered) == len(text) else lowered
    found: dict[str, list[str]] = {}
    for name, pattern in lex.patterns.items():
        if name in _WHOLE_TEXT:
            continue
        if name in _SENTENCE_CATEGORIES or name.endswith("_start"):
            m = pattern.search(lowered)
            spans = [(m.start(), m.end())] if m else []
        else:
            spans = [m.span() for m in pattern.finditer(lowered)]
        hits = [source[a:b].strip() for a, b in spans]
        hits = [h for h in hits if h]
        if hits:
            found[name] = hits
    return found


@lru_cache(maxsize=4096)
def _scan_cached(text: str, lang: Lang) -> Cues:
    lex = lexicon(lang)
    cues = Cues(text=text, lang=lang, sentences=split_sentences(text))
    for sentence in cues.sentences:
        found = _scan_one(sentence, lex)
        cues.per_sentence.append(found)
        for name, hits in found.items():
            cues.spans.setdefault(name, []).extend(hits)
    whole = text.strip()
    for name in _WHOLE_TEXT:
        if name in lex.patterns and (m := lex.patterns[name].search(whole.lower())):
            span = whole[m.start() : m.end()] if len(whole.lower()) == len(whole) else m.group(0)
            cues.spans.setdefault(name, []).append(span.strip() or span)
    return cues


def scan(text: str, lang: Lang) -> Cues:
    """Run all cue categories over the (capped) text once; callers must not mutate the result."""
    return _scan_cached(text[:MAX_CHARS], lang)
