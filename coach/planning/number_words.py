"""Numbers said in words or digits: the pattern that finds them, the key that merges a figure
said twice, and the bare numbers a recap or a yes echoes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from coach.domain import Lang
from coach.scoring.figures import (
    CURRENCIES,
    DIGITS,
    Figure,
    hundreds_pattern,
    lexicon,
    parse_number,
)


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
    hundreds = hundreds_pattern(f"(?:{words})", *lex.hundreds)[1:] + "|" if lex.hundreds else ""
    if lex.half:  # 'four and a half'
        hundreds = rf"(?:{words})\s+{re.escape(lex.half)}\b|" + hundreds
    return (
        rf"(?<![\w.,:])(?P<num>(?:{DIGITS}|{hundreds}{compound}(?:{words})){point})"
        rf"(?:\s+(?P<scale>{alternation(lex.scale_words)})(?![\w-])\.?)?"
    )


def scaled(match: re.Match[str], lang: Lang) -> float | None:
    value = parse_number(match.group("num"), lang)
    scale = match.group("scale")
    if value is not None and scale:
        value *= lexicon(lang).scale_words.get(scale.lower().rstrip("."), 1.0)
    return value


def figure_key(figure: Figure) -> float:
    return round(figure.value, 6)


_BARE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?|[^\W\d_]+(?:-[^\W\d_]+)?)"
    r"(?:\s+(?P<scale>[^\W\d_]+\.?))?(?![\w%€$£])"
)


def bare_numbers(text: str, lang: Lang) -> list[tuple[float, int, int]]:
    """Numbers with no unit: digits or number words ('140', '18.000', 'thirty-six million')."""
    words = lexicon(lang)
    out = []
    points = "|".join(map(re.escape, words.decimal_words))
    if points:  # 'vier Komma neun' is one number
        said = rf"(?<![\w.,])[^\W\d_]+\s+(?:{points})\s+[^\W\d_]+(?![\w%€$£])"
        for match in re.finditer(said, text, re.IGNORECASE):
            value = parse_number(match.group(0), lang)
            if value is not None:
                out.append((value, match.start(), match.end()))
    if words.hundreds:  # 'two hundred and five thousand' is one number
        said = hundreds_pattern(f"(?:{alternation(words.number_words)})", *words.hundreds)[1:]
        scales = alternation(words.scale_words)
        for match in re.finditer(rf"{said}(?:\s+(?P<scale>{scales})\b)?", text, re.IGNORECASE):
            scale = (match.group("scale") or "").lower()
            head = match.group(0)[: len(match.group(0)) - len(scale)].strip()
            value = parse_number(head, lang)
            if value is not None:
                out.append((value * words.scale_words.get(scale, 1.0), match.start(), match.end()))
    for match in _BARE.finditer(text):
        if any(start <= match.start() < end for _, start, end in out):
            continue
        head = match.group(0)[: match.end() - match.start() - len(match.group("scale") or "")]
        head = head.strip()
        value = parse_number(head, lang)
        if value is None and "-" in head:  # 'thirty-six'
            parts = [parse_number(p, lang) for p in head.split("-")]
            value = sum(p for p in parts if p is not None) if None not in parts else None
        if value is None:
            continue
        end = match.start() + len(head)
        scale = (match.group("scale") or "").lower().rstrip(".")
        if scale in words.scale_words:
            value, end = value * words.scale_words[scale], match.end()
        out.append((value, match.start(), end))
    return out


def thousands_left_out(
    figures: list[Figure], history: Sequence[tuple[float, str, str, int]], turn: int
) -> list[Figure]:
    """'Fünfzehntausend WKZ.' - 'Zehn.': once the talk is in thousands, a bare small number that
    answers an amount of about its size leaves its thousand out ('Seven.', 'Make it eight',
    'Viereinhalb, Deal.'). `history` holds (value, unit, lever, turn) of the figures said."""
    # the last figure with a unit or an amount of the last three turns sets the talk's scale
    said = [(v, u) for v, u, _, seen in history if turn - seen <= 3 and u not in ("count", "share")]
    if not said or said[-1][0] < 1000 or said[-1][1] not in ("", *CURRENCIES):
        return figures
    last = said[-1][0] / 1000
    result = []
    for f in figures:
        small = not f.unit and f.lever is None and 2 <= f.value < 1000
        spoken = not re.search(r"\d[.,]\d", f.span)  # '2,1' and '12.500' name their own size
        if small and spoken and last / 2 <= f.value <= last * 2:
            f = Figure(f.value * 1000, f.unit, f.span, f.start, f.end, f.lever)
        result.append(f)
    return result


def money_of_the_talk(
    figures: list[Figure], history: Sequence[tuple[float, str, str, int]]
) -> list[Figure]:
    """'twenty grand', '20k': money in the currency the talk has used last, if any."""
    said = [unit for _, unit, _, _ in history if unit in CURRENCIES]
    if not said:
        return figures
    return [
        Figure(f.value, said[-1], f.span, f.start, f.end, f.lever)
        if not f.unit and re.search(r"(?i)(?:\bgrand|\d\s?k)\.?$", f.span)
        else f
        for f in figures
    ]
