"""Figures of a line: coach.scoring.figures plus the planner's own readings.

Extra units ('1,2 Mio. Haushalte'), bare prices ('1.99'), counts with words in between ('drei
neue Sorten'), parts of a whole ('vier von Ihren sieben Sorten'), ranges ('von 12 auf 8'), and
figures without a unit: fractions ('die Hälfte', 'a third', 'zwei Drittel'), ratios ('7 von 10',
'7 of your 10') as a share (value 0.7, no unit), and grouped amounts ('50,000', '42.000').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

from coach.domain import Lang
from coach.planning.lexicon import Cues
from coach.scoring.figures import Figure, extract_figures, lexicon, parse_number

_HYPHEN_UNIT = re.compile(r"(?<=\d)-(?=[A-Za-zÄÖÜäöü])")
# a sentence may end right after the price ('bei 2,79.'); a longer number may not ('2,795')
_BARE_PRICE = re.compile(
    r"(?<![\w.,])\d{1,4}[.,]\d{2}(?![\w%€]|[.,]\d|\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.)(?!\w))",
    re.IGNORECASE,
)
# '50,000' / '42.000' / '1.500': a grouped amount; a year or a decimal is none.
_GROUPED = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})+(?![\w%€]|[.,]\d)")


SHARE = "share"  # a part of a whole without a unit ('die Hälfte', '7 of 10'); facts show no unit
COUNT = "count"  # a count no unit names ('45 Betriebe', 'twice'); no unit, and no lever vote


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def find_figures(text: str, lang: Lang, c: Cues, dates: Sequence[_Span]) -> list[Figure]:
    """Numbers with units (coach.scoring.figures plus the planner's extra units and bare prices)."""
    normalised = _HYPHEN_UNIT.sub(" ", text)  # "4-week" -> "4 week", same length
    figures = list(extract_figures(normalised, lang))
    figures += _extra_figures(normalised, lang, c)
    figures += _count_figures(normalised, lang, c)
    if c.bare_price:
        priced = bool(c.lever_cues["price"].search(text))
        taken = [(f.start, f.end) for f in figures]
        for match in _BARE_PRICE.finditer(normalised):
            if any(a <= match.start() < b for a, b in taken):
                continue
            # 'steht bei 2,79', 'selling at 1.49': the word before makes it a price
            if not priced and not c.price_lead.search(normalised[: match.start()]):
                continue
            value = parse_number(match.group(0), lang)
            if value is not None:
                figures.append(
                    Figure(value, "", match.group(0), match.start(), match.end(), "price")
                )
    figures += _part_of_figures(normalised, lang, c, figures)
    figures += _from_to_figures(normalised, lang, c)
    figures += _range_figures(normalised, lang, c, figures)
    figures += _carried_figures(normalised, lang, c, figures)
    figures += _unitless_figures(normalised, lang, c, figures)
    figures += _counter_offers(normalised, lang, figures)
    kept: list[Figure] = []
    # at the same words a figure with a unit wins over a bare number ('2,99 statt 3,79 Euro')
    for figure in sorted(figures, key=lambda f: (f.start, -f.end, not f.unit)):
        number_word = figure.span.split()[0].lower()
        if number_word in c.article_numbers and figure.unit not in c.article_units:
            continue
        if any(d.start < figure.end and figure.start < d.end for d in dates):
            continue
        if any(k.start < figure.end and figure.start < k.end for k in kept):
            continue
        kept.append(
            Figure(
                figure.value,
                figure.unit,
                text[figure.start : figure.end].strip(),
                figure.start,
                figure.end,
                figure.lever,
            )
        )
    return kept


def _alternation(words: object) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@lru_cache(maxsize=4)
def _number_pattern(lang: Lang) -> str:
    lex = lexicon(lang)
    words = _alternation(lex.number_words)
    parts = _alternation([*lex.number_words, *lex.compound_joiners])
    compound = rf"(?:{words})(?:{parts})+(?![\w-])|" if lex.compound_joiners else ""
    # 'vier Komma neun': a decimal said in words
    point = (
        rf"(?:\s+(?:{_alternation(lex.decimal_words)})\s+(?:{words})(?![\w-]))?"
        if lex.decimal_words
        else ""
    )
    return (
        rf"(?<![\w.,])(?P<num>(?:\d+(?:[.,]\d+)*|{compound}(?:{words})){point})"
        rf"(?:\s+(?P<scale>{_alternation(lex.scale_words)})\.?)?"
    )


def _scaled(match: re.Match[str], lang: Lang) -> float | None:
    value = parse_number(match.group("num"), lang)
    scale = match.group("scale")
    if value is not None and scale:
        value *= lexicon(lang).scale_words.get(scale.lower().rstrip("."), 1.0)
    return value


def _extra_figures(text: str, lang: Lang, c: Cues) -> list[Figure]:
    """Units only the planner knows ('1,2 Mio. Haushalte', '5 Einheiten')."""
    if not c.extra_units:
        return []
    pattern = re.compile(
        rf"{_number_pattern(lang)}\s*(?P<unit>{_alternation(c.extra_units)})(?![\w])",
        re.IGNORECASE,
    )
    found = []
    for match in pattern.finditer(text):
        value = _scaled(match, lang)
        glued = match.end("num") == match.start("unit") or (
            match.group("scale") and match.end("scale") == match.start("unit")
        )
        if glued and not match.group("num")[0].isdigit():
            continue  # 'at' is no 'a t'
        if value is not None:
            unit = c.extra_units[match.group("unit").lower()]
            found.append(Figure(value, unit, match.group(0), match.start(), match.end(), None))
    return found


def _from_to_figures(text: str, lang: Lang, c: Cues) -> list[Figure]:
    """'Facings von 12 auf 8', 'facings from 12 to 8': both numbers carry the unit word."""
    units = lexicon(lang).units
    pattern = re.compile(rf"(?<![\w-])(?P<unit>{_alternation(units)}){c.from_to}", re.IGNORECASE)
    found = []
    for match in pattern.finditer(text):
        unit = units[match.group("unit").lower()]
        for group in ("a", "b"):
            token = match.group(group).rstrip(".,;:!?")
            value = parse_number(token, lang)
            if value is not None:
                start = match.start(group)
                found.append(Figure(value, unit, token, start, start + len(token), None))
    return found


def _range_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'3 bis 4 Prozent', '3 to 4%': the first number of a range carries the unit of the second."""
    if not c.range_words:
        return []
    # one word may stand between: '2,99 statt regulär 3,79 Euro'
    pattern = re.compile(
        rf"{_number_pattern(lang)}\s*(?:{_alternation(c.range_words)})\s*(?:[^\W\d_]+\s+)?$", re.I
    )
    # 'von 30 auf 60 Tage': the first number carries the unit as well
    pairs = [
        re.compile(rf"\b{re.escape(a)}\s+{_number_pattern(lang)}\s+{re.escape(b)}\s*$", re.I)
        for a, b in c.range_pairs
    ]
    found = []
    for figure in figures:
        window = (max(0, figure.start - 30), figure.start)
        match = pattern.search(text, *window) or next(
            (m for p in pairs if (m := p.search(text, *window))), None
        )
        if match and figure.unit:
            value = _scaled(match, lang)
            if value is not None:
                end = match.start() + len(match.group("num"))
                found.append(
                    Figure(value, figure.unit, match.group("num"), match.start(), end, None)
                )
    return found


def _carried_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'You have six facings now; I could take you down to four.': a bare number after 'down to'
    in the same sentence as a figure with a unit is counted in that unit."""
    if not c.carry_to:
        return []
    pattern = re.compile(
        rf"\b(?:{_alternation(c.carry_to)})\s+{_number_pattern(lang)}(?![\d.,]*\s*[%€$£])",
        re.IGNORECASE,
    )
    found: list[Figure] = []
    for figure in figures:
        if not figure.unit or figure.unit in ("EUR", "ct", "p", "GBP", "USD", "%"):
            continue  # money and shares carry only with their own sign
        stop = re.search(r"[.?!]", text[figure.end :])
        end = figure.end + (stop.start() if stop else len(text) - figure.end)
        for match in pattern.finditer(text, figure.end, min(end, figure.end + 80)):
            taken = figures + found
            if any(f.start <= match.start("num") < f.end for f in taken):
                continue  # a number with its own unit ('down to four stores')
            if re.match(r"[.,]?\d", text[match.end("num") :]):
                continue  # only part of a longer number
            value = _scaled(match, lang)
            if value is not None:
                start = match.start("num")
                found.append(
                    Figure(value, figure.unit, match.group("num"), start, match.end(), None)
                )
    return found


def _counter_offers(text: str, lang: Lang, figures: list[Figure]) -> list[Figure]:
    """A sentence that opens with a bare number and stops ('Fifteen.', 'Zehn.', 'Twelve, and we
    add a tester', 'Fünftausend, und der Außendienst ...'): a counter-offer in the unit under
    talk, which the sentence does not name. Years, list openers ('One: ...') and numbers with a
    unit are no such offer."""
    pattern = re.compile(
        rf"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))(?:[^\W\d_]+,\s+)?"
        rf"{_number_pattern(lang)}(?=\s*(?:[.!?,](?!\d)|$))",
        re.IGNORECASE,
    )
    found = []
    for match in pattern.finditer(text):
        start = match.start("num")
        if any(f.start <= start < f.end for f in figures):
            continue
        value = _scaled(match, lang)
        if value is None or (1900 <= value <= 2100 and value == int(value)):
            continue
        found.append(Figure(value, "", match.group(0), start, match.end(), None))
    return found


def _part_of_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'vier von Ihren sieben Sorten': the first number counts the unit of the second."""
    pattern = re.compile(rf"{_number_pattern(lang)}\s+{c.part_of}$", re.IGNORECASE)
    found = []
    for figure in figures:
        if figure.unit not in c.count_units:
            continue
        match = pattern.search(text, 0, figure.start)
        if match:
            value = _scaled(match, lang)
            if value is not None:
                found.append(
                    Figure(
                        value,
                        figure.unit,
                        match.group(0).strip(),
                        match.start(),
                        match.start() + len(match.group("num")),
                        None,
                    )
                )
    return found


def _count_figures(text: str, lang: Lang, c: Cues) -> list[Figure]:
    """Counts with words between number and unit: 'drei neue Sorten', '25 pilot stores'."""
    units = {w: u for w, u in lexicon(lang).units.items() if u in c.count_units}
    if not units:
        return []
    filler = r"[A-Za-zÄÖÜäöüß][\w-]{2,}"
    pattern = re.compile(
        rf"{_number_pattern(lang)}\s+(?P<words>(?:{filler}\s+){{1,3}}?)(?P<unit>{_alternation(units)})(?![\w])",
        re.IGNORECASE,
    )
    found = []
    for match in pattern.finditer(text):
        words = match.group("words").lower().split()
        lex = lexicon(lang)
        if any(w in c.count_stop or w in lex.number_words or w in lex.units for w in words):
            continue
        if any(w.split("-")[0] in lex.number_words for w in words if "-" in w):
            continue  # 'a two-week price promotion' is two weeks, not one promotion
        value = _scaled(match, lang)
        if value is not None:
            unit = units[match.group("unit").lower()]
            found.append(Figure(value, unit, match.group(0), match.start(), match.end(), None))
    return found


def _unitless_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """Fractions, ratios and grouped amounts that no unit names; never over a figure found."""
    taken = [(f.start, f.end) for f in figures]
    found: list[Figure] = []

    def free(start: int, end: int) -> bool:
        spans = taken + [(f.start, f.end) for f in found]
        return not any(a < end and start < b for a, b in spans)

    number = _number_pattern(lang)
    if c.fractions:
        lead = _alternation([*c.fraction_lead, *lexicon(lang).number_words])
        pattern = re.compile(
            rf"(?<![\w-])(?:(?P<lead>{lead}|\d+)\s+)?(?P<part>{_alternation(c.fractions)})"
            rf"(?![\w-]){c.fraction_follow}",
            re.IGNORECASE,
        )
        for match in pattern.finditer(text):
            times = 1.0
            head = (match.group("lead") or "").lower()
            if head and head not in c.fraction_lead:
                times = parse_number(head, lang) or 1.0
            value = times * c.fractions[match.group("part").lower()]
            start = (
                match.start("lead") if head and head not in c.fraction_lead else match.start("part")
            )
            span_end = match.end("part")
            if 0 < value <= 1 and free(start, span_end):
                found.append(Figure(value, SHARE, text[start:span_end], start, span_end, None))
    ratio = re.compile(rf"{number}\s+{c.part_of}(?P<whole>\d+)(?![\w.,%€])", re.IGNORECASE)
    for match in ratio.finditer(text):
        part, whole = _scaled(match, lang), float(match.group("whole"))
        if part is not None and 0 < part <= whole and free(match.start(), match.end()):
            found.append(
                Figure(part / whole, SHARE, match.group(0), match.start(), match.end(), None)
            )
    found += _counted(text, lang, c, free)
    for match in _GROUPED.finditer(text):
        grouped = parse_number(match.group(0), lang)
        if grouped is not None and grouped >= 1000 and free(match.start(), match.end()):
            found.append(Figure(grouped, "", match.group(0), match.start(), match.end(), None))
    # 'Twenty-one thousand is closer', 'siebeneinhalbtausend': an amount its scale word names
    for match in re.finditer(number, text, re.IGNORECASE):
        if not match.group("scale"):
            continue
        amount = _scaled(match, lang)
        if amount is not None and amount >= 1000 and free(match.start(), match.end()):
            found.append(Figure(amount, "", match.group(0), match.start(), match.end(), None))
    return found


_YEAR = re.compile(r"(?:19|20)\d\d")


def _counted(text: str, lang: Lang, c: Cues, free: Callable[[int, int], bool]) -> list[Figure]:
    """Repetitions ('zweimal', 'three times') and counted things no unit names ('45 Betriebe',
    'two deliveries'): a number without a unit, as the account file would note it."""
    found: list[Figure] = []
    number = _number_pattern(lang)
    words = lexicon(lang).number_words
    if c.multiples:
        pattern = re.compile(rf"(?<![\w-])(?:{_alternation(c.multiples)})(?![\w-])", re.I)
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                times = c.multiples[match.group(0).lower()]
                found.append(Figure(times, COUNT, match.group(0), match.start(), match.end(), None))
    if c.times_pattern:
        for match in re.finditer(number + c.times_pattern, text, re.IGNORECASE):
            repeats = _scaled(match, lang)
            if repeats is not None and repeats >= 2 and free(match.start(), match.end()):
                found.append(
                    Figure(repeats, COUNT, match.group(0), match.start(), match.end(), None)
                )
    if not c.counted_noun:
        return found
    # German nouns are capitalised: only there does case tell a noun from a verb
    flags = 0 if lang == "de" else re.IGNORECASE
    for match in re.finditer(f"(?i:{number})" + r"\s+" + c.counted_noun, text, flags):
        token, noun = match.group("num"), match.group("noun").lower()
        if noun in c.counted_stop or noun in lexicon(lang).units or noun in words:
            continue
        if token.lower() in c.article_numbers or _YEAR.fullmatch(token):
            continue
        if any(w in c.count_stop for w in match.group(0).lower().split()[1:-1]):
            continue
        value = _scaled(match, lang)
        if value is None or (token.lower() in words and value < 2):
            continue
        if free(match.start(), match.end()):
            found.append(Figure(value, COUNT, match.group(0), match.start(), match.end(), None))
    return found
