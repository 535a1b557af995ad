"""Sentences and clauses of one utterance: where a sentence ends (abbreviations, dates, a writer
who types in lower case), the clauses it breaks into, and the items of a listing clause.

Offsets point into the text as given, so callers quote the source word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.planning.lexicon import Cues

_SENTENCE_END = re.compile(r"[.!?…]+(?=[\s\"“”„')]|$)")
_NUMERIC = re.compile(r"\d[\d.]*")  # '12', '1.1' (a date '1.1.'): a stop after it may go on
_FIRST_LETTER = re.compile(r"[\s\"“„'(]*([^\W\d_])")


def _word_before(text: str, end: int) -> str:
    """The word right before a stop, in lower case and without its dots ('ca', '1.1', 'z.b')."""
    before = re.search(r"[\w.]*$", text[max(0, end - 40) : end])
    return (before.group(0) if before else "").rstrip(".").lower()


def capitalises(text: str, abbreviations: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether the writer starts sentences with a capital. A chat typed in lower case ('Ok. wir
    liefern ab kw 11. das ist fix') does not, so there a small letter after a stop still ends a
    sentence; most starts decide, and a stop after an abbreviation, a digit or a single letter
    ('ca. drei', 'am 3. mai') is no start."""
    first = _FIRST_LETTER.match(text)
    starts = [first.group(1).isupper()] if first else []
    for stop in _SENTENCE_END.finditer(text):
        token = _word_before(text, stop.start())
        if token and (token in abbreviations or _NUMERIC.fullmatch(token) or len(token) == 1):
            continue
        letter = _FIRST_LETTER.match(text, stop.end())
        if letter:
            starts.append(letter.group(1).isupper())
    return 2 * sum(starts) > len(starts)


@dataclass(frozen=True)
class Clause:
    """A stretch of one sentence that carries one thought."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    question: bool


def split_clauses(text: str, c: Cues) -> list[Clause]:
    """Sentences (abbreviation- and date-aware), each cut at the clause breaks of the language."""
    sentences: list[tuple[int, int]] = []
    start = 0
    cased = capitalises(text, c.abbreviations)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        token = _word_before(text, match.start())
        after = text[end:].lstrip()
        if match.group(0) == "." and token:
            if token in c.abbreviations or len(token) == 1 and token.isalpha():
                continue
            if _NUMERIC.fullmatch(token) and (
                not after or not after[:1].isupper() or _month_follows(after, c)
            ):
                continue
        if after[:1].islower() and cased:
            continue
        sentences.append((start, end))
        start = end
    if text[start:].strip():
        sentences.append((start, len(text)))
    clauses: list[Clause] = []
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        question = sentence.rstrip().endswith("?")
        cuts = [0]
        lowered = sentence.lower()
        for brk in c.clause_breaks:
            pos = lowered.find(brk.lower())
            while pos != -1:
                cut = pos + (2 if brk.startswith(", ") else len(brk))
                if 0 < cut < len(sentence):
                    cuts.append(cut)
                pos = lowered.find(brk.lower(), pos + 1)
        cuts = sorted(set(cuts)) + [len(sentence)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if text[s_start + a : s_start + b].strip():
                clauses.append(Clause(s_start + a, s_start + b, s_start, s_end, question))
    return clauses


def sentence_of(clause: Clause) -> Clause:
    """The whole sentence of a clause, as a clause."""
    return Clause(
        clause.sentence_start,
        clause.sentence_end,
        clause.sentence_start,
        clause.sentence_end,
        clause.question,
    )


def sentence_span(clause: Clause, limit: int) -> Clause:
    """The clause's whole sentence when that is at most `limit` characters, else the clause: a
    SWOT item then says why ('Since January we've had a second co-packer, and our service level
    is at 98.6%')."""
    return clause if clause.sentence_end - clause.sentence_start > limit else sentence_of(clause)


def list_items(text: str, clause: Clause, c: Cues) -> list[Clause]:
    """The items of a listing clause ('6 SKUs, 1 metre, the price guarantee'), as clauses.

    'und'/'and' start a new item only before an article, a number or a possessive ('und die
    Regalstopper'), so a pair of nouns ('Aufbau und Pflege') stays one item."""
    items, start = [], clause.start
    for match in c.list_break.finditer(text, clause.start, clause.end):
        if text[start : match.start()].strip(" :,"):
            items.append(
                Clause(
                    start,
                    match.start(),
                    clause.sentence_start,
                    clause.sentence_end,
                    clause.question,
                )
            )
        start = match.end()
    if text[start : clause.end].strip(" .!:,"):
        items.append(
            Clause(start, clause.end, clause.sentence_start, clause.sentence_end, clause.question)
        )
    return items


def _month_follows(after: str, c: Cues) -> bool:
    word = re.match(r"[\wäöü]+", after)
    if word is None:
        return False
    return word.group(0).lower() in c.months or word.group(0) == "Quartal"
