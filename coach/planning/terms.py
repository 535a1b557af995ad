"""Agreed terms and figures as the plan names them ('WKZ 3 %', never a reformatted number), the
last word on each agreed amount, and the dates a plan can use."""

from __future__ import annotations

import re

from coach.domain import LEVERS, Fact
from coach.scoring.figures import lexicon as figure_lexicon


def measure_of(fact: Fact) -> str:
    return next((t.split("=", 1)[1] for t in fact.tags if t.startswith("measure=")), "")


def figure_label(fact: Fact, measures: dict[tuple[object, ...], str] | None = None) -> str:
    """'WKZ 3 %' from the words of the source; the number is never reformatted."""
    measure = measure_of(fact) or (measures or {}).get(term_key(fact), "")
    if names_unit(measure):  # 'six cents from April, 97 percent': 'cents' measures nothing
        measure = ""
    if fact.value is None or "count" in fact.tags:
        return fact.text
    span = fact.span
    sign = UNIT_SIGNS.get(fact.unit or "")
    if span and sign and not names_unit(span):  # an echo: 'vier Komma neun' of the 4,9 %
        span = f"{span} {sign}"
    if measure and measure.lower() not in span.lower():
        return f"{measure} {span}"
    return span or fact.text


UNIT_SIGNS = {
    "%": "%",
    "pp": "pp",
    "EUR": "€",
    "CHF": "CHF",
    "SEK": "SEK",
    "NOK": "NOK",
    "DKK": "DKK",
    "ct": "ct",
    "GBP": "£",
    "USD": "$",
    "p": "p",
}


def names_unit(span: str) -> bool:
    """The words name a unit of their own ('9 %', 'zwölf Euro', '£35k')."""
    if re.search(r"[%€$£]|\d(?:p|ct|c|k)\b", span):  # '52p', '£35k': the unit sits on the number
        return True
    words = set(re.findall(r"[^\W\d_]+", span.lower()))
    return any(words & set(figure_lexicon(lang).units) for lang in ("de", "en"))


def term_key(fact: Fact) -> tuple[object, ...]:
    return (fact.lever, fact.value, fact.unit)


def known_measures(facts: list[Fact]) -> dict[tuple[object, ...], str]:
    """What each figure measured when it was first named ('98 %' -> 'Lieferfähigkeit')."""
    found: dict[tuple[object, ...], str] = {}
    for fact in facts:
        if fact.value is not None and measure_of(fact):
            found.setdefault(term_key(fact), measure_of(fact))
    return found


def final_terms(agreed: list[Fact], limit: int = 3) -> list[Fact]:
    """The last word on each agreed amount: 'Six.' and then 'six cents from April' are one term,
    and a bare number ('Five') says nothing next to terms that name their unit."""
    latest: dict[float, Fact] = {}
    for fact in sorted(agreed, key=lambda f: max(f.turns, default=-1)):
        known = latest.get(fact.value)  # type: ignore[arg-type]
        if known is None or fact.unit or not known.unit:
            latest[fact.value] = fact  # type: ignore[index]
    terms = list(latest.values())
    if any(f.unit for f in terms):
        terms = [f for f in terms if f.unit or not is_bare(f)]
    terms = sorted(terms, key=lambda f: max(f.turns, default=-1))[-limit:]
    return terms


def agreed_terms(facts: list[Fact]) -> list[Fact]:
    """Every agreement once, in the order of the talk: per lever the last word on each amount,
    and the points without a figure."""
    terms = [f for f in facts if f.kind == "agreement" and f.value is None]
    for lever in LEVERS:
        valued = [f for f in facts if f.kind == "agreement" and f.lever == lever and f.value]
        terms += final_terms(valued, limit=len(valued))
    return sorted(terms, key=lambda f: min(f.turns, default=-1))


def is_bare(fact: Fact) -> bool:
    """The figure's words are the number alone ('Five', '3,500')."""
    return not re.search(r"[^\W\d_]{3,}", figure_label(fact).replace(fact.span, " ")) and (
        len(fact.span.split()) <= 2
    )


def deadlines(facts: list[Fact]) -> list[Fact]:
    """The dates a plan can use: not those of the past ('letzten Herbst')."""
    return [f for f in facts if f.kind == "date" and "past" not in f.tags]


def when(date: Fact) -> str:
    """A date fact's own words ('bis KW 30'), not its quote."""
    return date.span or date.text


def date_of(fact: Fact, dates: list[Fact]) -> Fact | None:
    """The date said with a fact: inside its quote first, else in one of its turns."""
    inside = [
        d for d in dates if set(d.turns) & set(fact.turns) and when(d).lower() in fact.text.lower()
    ]
    same_turn = [d for d in dates if set(d.turns) & set(fact.turns)]
    found = inside or same_turn
    return found[0] if found else None


def due_in_turns(fact: Fact, dates: list[Fact]) -> str:
    date = date_of(fact, dates)
    return when(date) if date is not None else ""


HAGGLE_TURNS = 6  # bids on one amount this close together are one haggle
MONEY_UNITS = frozenset({None, "EUR", "GBP", "CHF", "USD", "SEK", "NOK", "DKK", "ct", "p"})


def without_haggled_bids(
    facts: list[Fact], units: frozenset[str | None] = MONEY_UNITS
) -> list[Fact]:
    """A haggle names one amount several times ('Zwölftausend sind wenig' - '18.000' -
    'Fünfzehntausend' - 'Sechzehntausend, abgemacht'): only the last word is agreed; an earlier
    amount of the same lever, near in size and in time, was a bid."""

    agreed = [f for f in facts if f.kind == "agreement" and f.value and f.unit in units]

    def superseded(a: Fact) -> bool:
        first, last = min(a.turns, default=-1), max(a.turns, default=-1)
        return any(
            b.lever == a.lever
            and b.value
            and b.value != a.value
            and 0.5 <= (a.value or 0) / b.value <= 2
            and max(b.turns, default=-1) > last
            and first < min(b.turns, default=-1) <= first + HAGGLE_TURNS
            for b in agreed
        )

    bids = {id(a) for a in agreed if superseded(a)}
    return [f for f in facts if id(f) not in bids]
