"""Figures whose unit a neighbouring word names: ranges ('von 12 auf 8 Facings', 'from 6
facings to 4'), parts and counts ('vier von Ihren sieben Sorten', 'Three of our SKUs'), amounts
said with their hundredths ('elf Euro achtzig') and bare counter-offers ('Fifteen.')."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coach.domain import Lang
from coach.planning.lexicon import Cues
from coach.planning.number_words import alternation, number_pattern, scaled
from coach.scoring.figures import CURRENCIES, Figure, lexicon, parse_number

_SPOKEN_UNITS = (*CURRENCIES, "shelf_m")
_NOT_CENTS = ("dozen", "dutzend")  # 'two dozen' is 24
# 'Hundertzwanzig vielleicht.', 'Twelve, then.': a counter-offer may trail a hedge
_MAYBE = r"(?:vielleicht|eventuell|dann|halt|maybe|perhaps|then|tops|max)"
_MONEY = re.compile(
    r"[€£$]|\b(?:euro|eur|cent|pounds?|dollars?|franken|francs?|chf|rappen|kronor|krona|sek|nok|dkk)\b",
    re.IGNORECASE,
)


def from_to_figures(text: str, lang: Lang, c: Cues) -> list[Figure]:
    """'Facings von 12 auf 8', 'facings from 12 to 8': both numbers carry the unit word."""
    units = lexicon(lang).units
    pattern = re.compile(rf"(?<![\w-])(?P<unit>{alternation(units)}){c.from_to}", re.IGNORECASE)
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


def range_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'3 bis 4 Prozent', '3 to 4%': the first number of a range carries the unit of the second."""
    if not c.range_words:
        return []
    # one word may stand between: '2,99 statt regulär 3,79 Euro'
    pattern = re.compile(
        rf"{number_pattern(lang)}\s*(?:{alternation(c.range_words)})\s*(?:[^\W\d_]+\s+)?$", re.I
    )
    # 'von 30 auf 60 Tage': the first number carries the unit as well
    pairs = [
        re.compile(rf"\b{re.escape(a)}\s+{number_pattern(lang)}\s+{re.escape(b)}\s*$", re.I)
        for a, b in c.range_pairs
    ]
    found = []
    for figure in figures:
        window = (max(0, figure.start - 30), figure.start)
        match = pattern.search(text, *window) or next(
            (m for p in pairs if (m := p.search(text, *window))), None
        )
        if match and figure.unit and not re.match(r"-[^\W\d_]", text[match.end("num") :]):
            # ('forty-nine a pack' holds no range 'forty - nine')
            value = scaled(match, lang)
            if value is not None:
                end = match.start() + len(match.group("num"))
                found.append(
                    Figure(value, figure.unit, match.group("num"), match.start(), end, None)
                )
    return found


def range_ends(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'von 28 Artikeln auf 20 runter', 'from 6 facings to 4': the end of a range carries the
    unit its start named."""
    found = []
    taken = [(f.start, f.end) for f in figures]
    for a, b in c.range_pairs:
        start = re.compile(rf"\b{re.escape(a)}\s+$", re.IGNORECASE)
        end = re.compile(
            rf"\s+{re.escape(b)}\s+{number_pattern(lang)}(?!\s*(?:%|[^\W\d_]*prozent|percent))",
            re.IGNORECASE,
        )
        for figure in figures:
            if not figure.unit or not start.search(text, max(0, figure.start - 8), figure.start):
                continue
            match = end.match(text, figure.end)
            if not match or any(x <= match.start("num") < y for x, y in taken):
                continue
            value = scaled(match, lang)
            if value is not None:
                num = match.start("num")
                found.append(
                    Figure(value, figure.unit, match.group("num"), num, match.end("num"), None)
                )
    return found


def some_of_unit(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'Three of our SKUs', '14 of your soup SKUs': a count of the thing the unit word names."""
    units = {w: u for w, u in lexicon(lang).units.items() if u in c.count_units}
    if not units:
        return []
    pattern = re.compile(
        rf"{number_pattern(lang)}\s+{c.part_of}(?:[\w-]+\s+)?(?P<unit>{alternation(units)})\b",
        re.IGNORECASE,
    )
    # 'one in five stores', '3 out of 10 stores': the count of the part, in the whole's unit
    whole = r"(?:\d+|[^\W\d_]+)"
    out_of = re.compile(
        rf"{number_pattern(lang)}\s+{c.out_of}\s+{whole}\s+(?P<unit>{alternation(units)})\b",
        re.IGNORECASE,
    )
    taken = [(f.start, f.end) for f in figures]
    found = []
    for match in [*pattern.finditer(text), *out_of.finditer(text)]:
        num = match.start("num")
        if any(x <= num < y for x, y in taken) or text[num - 1 : num] == "/":
            continue  # taken, or the whole of a fraction ('3/5 of the stores')
        value = scaled(match, lang)
        # a count is whole: 'half of our stores' is a share, read elsewhere
        if value is not None and value >= 1 and value == int(value):
            unit = units[match.group("unit").lower()]
            # the part alone ('one'), so the whole ('five stores') stays a figure of its own
            end = match.end("num") if match.re is out_of else match.end()
            found.append(Figure(value, unit, text[num:end], num, end, None))
    return found


def carried_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'You have six facings now; I could take you down to four.': a bare number after 'down to'
    in the same sentence as a figure with a unit is counted in that unit."""
    if not c.carry_to:
        return []
    pattern = re.compile(
        rf"\b(?:{alternation(c.carry_to)})\s+{number_pattern(lang)}(?![\d.,]*\s*[%€$£])",
        re.IGNORECASE,
    )
    found: list[Figure] = []
    for figure in figures:
        if not figure.unit or figure.unit in (*CURRENCIES, "ct", "p", "%"):
            continue  # money and shares carry only with their own sign
        stop = re.search(r"[.?!]", text[figure.end :])
        end = figure.end + (stop.start() if stop else len(text) - figure.end)
        for match in pattern.finditer(text, figure.end, min(end, figure.end + 80)):
            taken = figures + found
            if any(f.start <= match.start("num") < f.end for f in taken):
                continue  # a number with its own unit ('down to four stores')
            if re.match(r"[.,]?\d", text[match.end("num") :]):
                continue  # only part of a longer number
            value = scaled(match, lang)
            if value is not None:
                start = match.start("num")
                found.append(
                    Figure(value, figure.unit, match.group("num"), start, match.end(), None)
                )
    return found


def spoken_fractions(text: str, lang: Lang, figures: list[Figure]) -> list[Figure]:
    """'elf Euro achtzig', 'einen Euro zwölf', 'ein Meter zwanzig', 'two pounds fifty': the
    number after the unit word is its hundredths, unless it starts a figure of its own."""
    after = re.compile(rf"\s+{number_pattern(lang)}(?![\w%€$£-])", re.IGNORECASE)
    result = []
    for figure in figures:
        match = None
        if figure.unit in _SPOKEN_UNITS and figure.value == int(figure.value):
            if figure.span[-1:].isalpha():
                match = after.match(text, figure.end)
        if match and not match.group("scale"):
            part = parse_number(match.group("num"), lang)
            taken = any(f.start <= match.start("num") < f.end for f in figures if f is not figure)
            if part is not None and 1 <= part <= 99 and part == int(part) and not taken:
                figure = Figure(
                    figure.value + part / 100,
                    figure.unit,
                    text[figure.start : match.end()],
                    figure.start,
                    match.end(),
                    figure.lever,
                )
        result.append(figure)
    return result


def spoken_prices(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'Eins fünfzig.', 'für zwei neunundvierzig', 'two forty-nine a pack': a price said as two
    number words, euros then cents. Only where the line talks money or the pair stands alone as a
    sentence (an offer), and never where the second word starts a figure with a unit ('one fifty
    stores' is 150 stores)."""
    numbers = list(re.finditer(number_pattern(lang), text, re.IGNORECASE))
    money = bool(c.lever_cues["price"].search(text) or _MONEY.search(text)) or any(
        c.money_verbs.fullmatch(w) for w in re.findall(r"[^\W\d_]+", text.lower())
    )
    pairs: list[tuple[str, str, int, int]] = []
    for first, second in zip(numbers, numbers[1:], strict=False):
        if first.group("scale") or second.group("scale"):
            continue
        if text[first.end() : second.start()] == " ":
            pairs.append((first.group("num"), second.group("num"), first.start(), second.end()))
    for said in numbers:  # 'two-twenty-nine a cup': euros and cents joined by hyphens
        head, _, tail = said.group("num").partition("-")
        if tail.count("-") == 1 and not said.group("scale"):
            pairs.append((head, tail, said.start(), said.end()))
    found = []
    for head, tail, start, end in pairs:
        if not (head.isalpha() and tail.replace("-", "").isalpha()) or head.lower() in ("a", "an"):
            continue
        euros, cents = parse_number(head, lang), parse_number(tail, lang)
        # 'zweiundzwanzig neunundneunzig' in a talk about money; 'one fifty stores' without
        if euros is None or cents is None or euros != int(euros) or not 1 <= euros <= 99:
            continue
        if euros > 19 and not money:
            continue
        if cents != int(cents) or not 10 <= cents <= 99 or tail.lower() in _NOT_CENTS:
            continue
        if any(f.unit and f.start <= end - 1 < f.end for f in figures):
            continue
        alone = re.match(r"\s*(?:[.!?]|$)", text[end:]) and re.search(
            r"(?:^|[.!?:]\s+)(?:[^\W\d_]+,\s+)?$", text[:start]
        )
        # 'at two forty-nine', 'für zwei neunundvierzig': a shelf price ends in nine; a time
        # ('at two thirty') does not
        priced = cents % 10 == 9 and bool(c.price_lead.search(text[:start]))
        if money or alone or priced:
            value = round(euros + cents / 100, 2)
            found.append(Figure(value, "", text[start:end], start, end, "price"))
    return found


def counter_offers(text: str, lang: Lang, figures: list[Figure]) -> list[Figure]:
    """A sentence that opens with a bare number and stops ('Fifteen.', 'Zehn.', 'Twelve, and we
    add a tester', 'Fünftausend, und der Außendienst ...'): a counter-offer in the unit under
    talk, which the sentence does not name. Years, list openers ('One: ...') and numbers with a
    unit are no such offer."""
    pattern = re.compile(
        rf"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))(?:[^\W\d_]+,\s+)?"
        rf"{number_pattern(lang)}(?=(?:\s+{_MAYBE})?\s*(?:[.!?,](?!\d)|$))",
        re.IGNORECASE,
    )
    return [
        Figure(value, "", match.group(0), match.start("num"), match.end(), None)
        for match, value in _bare_amounts(pattern, text, lang, figures)
    ]


def _bare_amounts(
    pattern: re.Pattern[str], text: str, lang: Lang, figures: list[Figure]
) -> Iterator[tuple[re.Match[str], float]]:
    """The pattern's numbers that no figure holds yet, with their values; years are none."""
    for match in pattern.finditer(text):
        start = match.start("num")
        if any(f.start <= start < f.end for f in figures):
            continue
        value = scaled(match, lang)
        if value is not None and not (1900 <= value <= 2100 and value == int(value)):
            yield match, value


def part_of_figures(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'vier von Ihren sieben Sorten': the first number counts the unit of the second."""
    pattern = re.compile(rf"{number_pattern(lang)}\s+{c.part_of}$", re.IGNORECASE)
    found = []
    for figure in figures:
        if figure.unit not in c.count_units:
            continue
        match = pattern.search(text, 0, figure.start)
        if match:
            value = scaled(match, lang)
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


# words before a number that make it a label, a time or a rank, no amount: 'Seite 3', 'um 10'
_NOT_AMOUNT = re.compile(
    r"(?i)\b(?:um|seite|nummer|nr|no|platz|top|kw|page|number|phase|stufe|level|runde|round"
    r"|teil|part|version|punkt|point|gate|tor|rampe|ramp|slot|halle|hall|bay|line|linie|gleis"
    r"|zimmer|room|tisch|table|kapitel|chapter|seit|since|bis|until|by|till)"
    r"\.?\s+$"
)


# an acronym names what the number labels: 'SPF 50', 'EAN 13', 'ISO 9001'
_LABEL = re.compile(r"\b[A-Z]{2,5}\s?$")


def closing_numbers(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """A bare number that closes a clause ('Finish bei 24.', 'vereinbart waren 98.', 'Sie
    drei.', 'they're at 29.', 'against their seven, because ...'): an amount whose unit the talk
    implies (the guide's `unit: null`). Years, a lone 'one', labels and times ('Seite 3',
    'um 10') are none."""
    pattern = re.compile(
        rf"{number_pattern(lang)}(?=(?:\s+{_MAYBE})?\s*(?:[.!?,;:–](?!\d)|$))", re.IGNORECASE
    )
    found = []
    for match, value in _bare_amounts(pattern, text, lang, figures):
        start = match.start("num")
        if value <= 1 and match.group("num").isalpha():
            continue  # 'the bigger one.', 'nur eins.', 'so about half.'
        if text[start - 1 : start] in ("/", "-"):
            continue  # '50/50.', '24/7.', 'Mo-Fr 8-18.'
        if _NOT_AMOUNT.search(text[max(0, start - 12) : start]) or _LABEL.search(text, 0, start):
            continue
        after = re.match(r"\.\s*([^\W\d_]+)", text[match.end() :])
        if after and after.group(1).lower() in c.months:
            continue  # 'ab 1. Juli': a date
        found.append(Figure(value, "", match.group(0), start, match.end(), None))
    return found


def shares_of_a_count(text: str, lang: Lang, c: Cues, figures: list[Figure]) -> list[Figure]:
    """'in zehn Filialen, fünf in Innsbruck, fünf im Oberland', '40 stores, 25 in Dublin and 15
    in Cork': the parts of a count, each at a place, are counted in its unit."""
    part = re.compile(
        rf"(?:[,;:–]|\b(?:und|and|davon|of\s+which))\s*{number_pattern(lang)}\s+"
        rf"(?:in|im|at|across|bei)\s+(?:(?:der|dem|den|the)\s+)?(?-i:[A-ZÄÖÜ])",
        re.IGNORECASE,
    )
    found: list[Figure] = []
    for figure in figures:
        if figure.unit not in c.count_units:
            continue
        stop = re.search(r"[.?!](?!\d)", text[figure.end :])
        end = figure.end + (stop.start() if stop else len(text) - figure.end)
        for match in part.finditer(text, figure.end, end):
            start = match.start("num")
            if any(f.start <= start < f.end for f in figures + found):
                continue
            value = scaled(match, lang)
            if value is not None and 1 <= value < figure.value and value == int(value):
                num_end = start + len(match.group("num"))
                found.append(Figure(value, figure.unit, match.group("num"), start, num_end, None))
    return found
