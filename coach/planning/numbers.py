"""Figures of a line: coach.scoring.figures plus the planner's own readings.

Extra units ('1,2 Mio. Haushalte'), bare prices ('1.99'), counts with words in between ('drei
neue Sorten'), figures whose unit a neighbour names (ranges.py: 'von 12 auf 8', 'vier von Ihren
sieben Sorten', 'elf Euro achtzig'), and figures without a unit: fractions ('die Hälfte', 'a
third'), ratios ('7 von 10') as a share (value 0.7, no unit), and amounts ('50,000', '42.000',
'twenty-one thousand').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from coach.domain import Lang, Lever
from coach.planning.lexicon import Cues
from coach.planning.number_words import alternation, number_pattern, scaled
from coach.planning.ranges import (
    carried_figures,
    closing_numbers,
    counter_offers,
    from_to_figures,
    part_of_figures,
    range_ends,
    range_figures,
    shares_of_a_count,
    some_of_unit,
    spoken_fractions,
    spoken_prices,
)
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
# the lever a unit names by itself, whatever the words around it
UNIT_LEVER: dict[str, Lever] = {
    "SKU": "product",  # 194 of 195 labelled SKU counts are about the range
    "displays": "placement",
    "facings": "placement",
    "shelf_m": "placement",
    "promotions": "promotion",
    "households": "promotion",
    "followers": "promotion",  # an influencer's reach, a newsletter's
    "recipients": "promotion",
    "units": "performance",
    "merchandisers": "person",
    "people": "person",
    # pack sizes and specs: '250 grams', 'fünf Liter', 'the 1.5-kilo bag', '9-watt bulbs'
    "g": "product",
    "ml": "product",
    "cl": "product",
    "l": "product",
    "kg": "product",
    "W": "product",
}
COUNT = "count"  # a count no unit names ('45 Betriebe', 'twice'); no unit, and no lever vote


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_WEEK_DATE = re.compile(r"(?i)\b(?:week|wk|kw|woche)\b")
_RANGE_TO = re.compile(r"(?i)\s*(?:to|bis|until|till|-|–|and|und)\s*(?:week\s+|kw\s*)?")


def _week_range_end(text: str, date: _Span, figure: Figure) -> bool:
    """The number closes a range of weeks the date opens ('week 45 to 51', 'KW 10-12')."""
    if not _WEEK_DATE.search(text[date.start : date.end]) or figure.start < date.end:
        return False
    joint = _RANGE_TO.fullmatch(text, date.end, figure.start)
    return joint is not None and figure.value == int(figure.value) and 1 <= figure.value <= 53


def find_figures(text: str, lang: Lang, c: Cues, dates: Sequence[_Span]) -> list[Figure]:
    """Numbers with units (coach.scoring.figures plus the planner's extra units and bare prices)."""
    normalised = _HYPHEN_UNIT.sub(" ", text)  # "4-week" -> "4 week", same length
    # 'three quarters of the stores' is a share, not three quarters of a year
    figures = [
        f
        for f in extract_figures(normalised, lang)
        if not (
            f.span.split()[-1].lower() in c.fractions
            and re.match(rf"\s+{c.fraction_of}", normalised[f.end :], re.IGNORECASE)
        )
    ]
    figures += _extra_figures(normalised, lang, c)
    figures += _count_figures(normalised, lang, c)
    figures += _variety_figures(normalised, lang, c)
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
    figures += part_of_figures(normalised, lang, c, figures)
    figures += from_to_figures(normalised, lang, c)
    figures += range_figures(normalised, lang, c, figures)
    figures += carried_figures(normalised, lang, c, figures)
    figures += range_ends(normalised, lang, c, figures)
    figures += some_of_unit(normalised, lang, c, figures)
    figures += shares_of_a_count(normalised, lang, c, figures)
    figures += _unitless_figures(normalised, lang, c, figures)
    figures += spoken_prices(normalised, lang, c, figures)
    figures += counter_offers(normalised, lang, figures)
    figures = spoken_fractions(normalised, lang, figures)
    figures += closing_numbers(normalised, lang, c, figures)
    kept: list[Figure] = []
    # at the same words a figure with a unit wins over a bare number ('2,99 statt 3,79 Euro')
    for figure in sorted(figures, key=lambda f: (f.start, -f.end, not f.unit)):
        number_word = figure.span.split()[0].lower()
        # 'einen Euro zwölf', 'a dozen stores': an amount, no article
        spoken = figure.value != 1
        if number_word in c.article_numbers and figure.unit not in c.article_units and not spoken:
            continue
        if any(d.start < figure.end and figure.start < d.end for d in dates):
            continue
        around = f"{text[max(0, figure.start - 20) : figure.start]}#{text[figure.end :][:12]}"
        if c.clock.search(around):
            continue  # 'ich habe bis halb elf', 'at 10 o'clock': a time of day, no figure
        if any(_week_range_end(normalised, d, figure) for d in dates):
            continue  # 'from week 45 to 51 in all stores': 51 is a week, not 51 stores
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


def _extra_figures(text: str, lang: Lang, c: Cues) -> list[Figure]:
    """Units only the planner knows ('1,2 Mio. Haushalte', '5 Einheiten')."""
    if not c.extra_units:
        return []
    pattern = re.compile(
        rf"{number_pattern(lang)}\s*(?P<unit>{alternation(c.extra_units)})(?![\w])",
        re.IGNORECASE,
    )
    found = []
    for match in pattern.finditer(text):
        value = scaled(match, lang)
        glued = match.end("num") == match.start("unit") or (
            match.group("scale") and match.end("scale") == match.start("unit")
        )
        if glued and not match.group("num")[0].isdigit():
            continue  # 'at' is no 'a t'
        if value is None:
            continue
        unit = c.extra_units[match.group("unit").lower()]
        if unit == "pp" and not _margin_points(text, match.end(), c):
            continue
        found.append(Figure(value, unit, match.group(0), match.start(), match.end(), None))
    return found


def _margin_points(text: str, end: int, c: Cues) -> bool:
    """'drei Punkte mehr', 'two points on the core range', 'two points of margin' are percentage
    points; 'Two points: first, ...' and 'zwei Punkte, die ich ansprechen will' are a list."""
    if c.points_after.match(text[end:]):
        return True
    start = max((text.rfind(s, 0, end) for s in ".!?"), default=-1) + 1
    stop = min((i for s in ".!?" if (i := text.find(s, end)) >= 0), default=len(text))
    return bool(c.lever_cues["price"].search(text[start:stop]))


def _count_figures(text: str, lang: Lang, c: Cues) -> list[Figure]:
    """Counts with words between number and unit: 'drei neue Sorten', '25 pilot stores'."""
    units = {w: u for w, u in lexicon(lang).units.items() if u in c.count_units}
    if not units:
        return []
    filler = r"[A-Za-zÄÖÜäöüß][\w'’-]{2,}"  # '60 Sainsbury's Local stores'
    pattern = re.compile(
        rf"{number_pattern(lang)}\s+(?P<words>(?:{filler}\s+){{1,3}}?)(?P<unit>{alternation(units)})(?![\w])",
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
        value = scaled(match, lang)
        if (
            value is not None and value >= 1 and value == int(value)
        ):  # 'half of our stores': a share
            unit = units[match.group("unit").lower()]
            found.append(Figure(value, unit, match.group(0), match.start(), match.end(), None))
    return found


def _variety_figures(text: str, lang: Lang, c: Cues) -> list[Figure]:
    """'zwölf verschiedene Reiswaffeln', 'six different flavours': a count of range items."""
    if not c.variety:
        return []
    noun = r"[A-ZÄÖÜ][\w-]+" if lang == "de" else r"[a-z][\w-]+"
    pattern = re.compile(
        rf"{number_pattern(lang)}\s+(?i:{alternation(c.variety)})\s+(?P<noun>{noun})\b"
    )
    found = []
    for match in pattern.finditer(text):
        value = scaled(match, lang)
        if value is None or value < 2 or value != int(value):
            continue
        if match.group("noun").lower() in lexicon(lang).units:
            continue  # 'drei verschiedene Filialen' are stores
        found.append(Figure(value, "SKU", match.group(0), match.start(), match.end(), None))
    return found


def _unitless_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """Fractions, ratios and grouped amounts that no unit names; never over a figure found."""
    taken = [(f.start, f.end) for f in figures]
    found: list[Figure] = []

    def free(start: int, end: int) -> bool:
        spans = taken + [(f.start, f.end) for f in found]
        return not any(a < end and start < b for a, b in spans)

    number = number_pattern(lang)
    if c.fractions:
        lead = alternation([*c.fraction_lead, *lexicon(lang).number_words])
        pattern = re.compile(
            rf"(?<![\w-])(?:(?P<lead>{lead}|\d+)\s+)?(?P<part>{alternation(c.fractions)})"
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
        part, whole = scaled(match, lang), float(match.group("whole"))
        if part is not None and 0 < part <= whole and free(match.start(), match.end()):
            found.append(
                Figure(part / whole, SHARE, match.group(0), match.start(), match.end(), None)
            )
    # '3/5 of the stores', '2/3 der Fläche': a fraction written with a slash
    slashed = re.compile(
        rf"(?<![\d/.,])(\d{{1,2}})/(\d{{1,2}})(?=\s+(?:{c.part_of}|{c.fraction_of}))", re.IGNORECASE
    )
    for match in slashed.finditer(text):
        part, whole = float(match.group(1)), float(match.group(2))
        if 0 < part < whole and free(match.start(), match.end()):
            found.append(
                Figure(part / whole, SHARE, match.group(0), match.start(), match.end(), None)
            )
    found += _counted(text, lang, c, free)
    for match in _GROUPED.finditer(text):
        grouped = parse_number(match.group(0), lang)
        if grouped is not None and grouped >= 1000 and free(match.start(), match.end()):
            found.append(Figure(grouped, "", match.group(0), match.start(), match.end(), None))
    # 'Twenty-one thousand is closer', 'siebeneinhalbtausend': an amount its scale word names
    hundred, _, thousand = lexicon(lang).hundreds or ("", "", "")
    glued = [w for w in lexicon(lang).scale_words if len(w) > 4]  # 'sechstausend', 'Dreißigtausend'
    for match in re.finditer(number, text, re.IGNORECASE):
        said = match.group("num").lower()
        said_hundreds = bool(hundred) and f" {hundred}" in said
        said_hundreds = said_hundreds or (bool(thousand) and f" {thousand}" in said)
        named = said_hundreds or (said.isalpha() and any(said.endswith(w) for w in glued))
        if not match.group("scale") and not named:  # 'fifteen hundred' names its scale
            continue
        amount = scaled(match, lang)
        if amount is not None and amount >= 1000 and free(match.start(), match.end()):
            found.append(Figure(amount, "", match.group(0), match.start(), match.end(), None))
    return found


_YEAR = re.compile(r"(?:19|20)\d\d")


def _counted(text: str, lang: Lang, c: Cues, free: Callable[[int, int], bool]) -> list[Figure]:
    """Repetitions ('zweimal', 'three times') and counted things no unit names ('45 Betriebe',
    'two deliveries'): a number without a unit, as the account file would note it."""
    found: list[Figure] = []
    number = number_pattern(lang)
    words = lexicon(lang).number_words
    if c.multiples:
        pattern = re.compile(rf"(?<![\w-])(?:{alternation(c.multiples)})(?![\w-])", re.I)
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                times = c.multiples[match.group(0).lower()]
                found.append(Figure(times, COUNT, match.group(0), match.start(), match.end(), None))
    if c.times_pattern:
        for match in re.finditer(number + c.times_pattern, text, re.IGNORECASE):
            repeats = scaled(match, lang)
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
        if c.extra_units.get(noun) == "pp" and len(match.group(0).split()) == 2:
            continue  # 'two points' not of margin are an agenda; '20 pickup points' are counted
        if token.lower() in c.article_numbers or _YEAR.fullmatch(token):
            continue
        if any(w in c.count_stop for w in match.group(0).lower().split()[1:-1]):
            continue
        value = scaled(match, lang)
        if value is None or (token.lower() in words and value < 2):
            continue
        if free(match.start(), match.end()):
            found.append(Figure(value, COUNT, match.group(0), match.start(), match.end(), None))
    return found
