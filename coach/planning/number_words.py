"""Numbers said in words or digits, and the regular expression that finds them."""

from __future__ import annotations

import re
from functools import lru_cache

from coach.domain import Lang
from coach.scoring.figures import lexicon, parse_number


def alternation(words: object) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@lru_cache(maxsize=4)
def number_pattern(lang: Lang) -> str:
    lex = lexicon(lang)
    words = alternation(lex.number_words)
    parts = alternation([*lex.number_words, *lex.compound_joiners])
    compound = rf"(?:{words})(?:{parts})+(?![\w-])|" if lex.compound_joiners else ""
    # 'vier Komma neun': a decimal said in words
    point = (
        rf"(?:\s+(?:{alternation(lex.decimal_words)})\s+(?:{words})(?![\w-]))?"
        if lex.decimal_words
        else ""
    )
    return (
        rf"(?<![\w.,])(?P<num>(?:\d+(?:[.,]\d+)*|{compound}(?:{words})){point})"
        rf"(?:\s+(?P<scale>{alternation(lex.scale_words)})\.?)?"
    )


def scaled(match: re.Match[str], lang: Lang) -> float | None:
    value = parse_number(match.group("num"), lang)
    scale = match.group("scale")
    if value is not None and scale:
        value *= lexicon(lang).scale_words.get(scale.lower().rstrip("."), 1.0)
    return value
