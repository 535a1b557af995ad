"""Short quotes around a figure: the words that say what it measures, never a new number."""

from __future__ import annotations

import re

from coach.domain import Fact, Transcript
from coach.planning.analysis import Line
from coach.planning.lexicon import Cues
from coach.planning.sentences import Clause, sentence_span
from coach.scoring.figures import Figure

CLAUSE_LIMIT = 200
SENTENCE_LIMIT = 160  # a figure in a short sentence quotes it: the subject often opens it


def figure_quote(line: Line, clause: Clause, figure: Figure, measure: str, c: Cues) -> str:
    """The figure's clause ('Im letzten Monat waren über 40 % Ihrer Anlieferungen zu spät'): what
    it measures and whose it is often stand a few words away. A long clause gets a short quote
    around the figure instead ('Lieferfähigkeit lag im Juli bei 86 %')."""
    if clause.end - clause.start <= CLAUSE_LIMIT:
        whole = line.quote(sentence_span(clause, SENTENCE_LIMIT), c, CLAUSE_LIMIT)
        # quote() capitalises the first letter: 'zwei Fahrer' may open the clause as 'Zwei'
        if figure.span.strip() and figure.span.strip().lower() in whole.lower():
            return whole
    return short_quote(line, clause, figure, measure, c)


def short_quote(line: Line, clause: Clause, figure: Figure, measure: str, c: Cues) -> str:
    """A short quote around the figure: 'Lieferfähigkeit lag im Juli bei 86 %'."""
    text = line.text
    lo = max(clause.start, figure.start - 45)
    if lo > clause.start:
        space = text.find(" ", lo, figure.start)
        lo = space + 1 if space != -1 else figure.start
    joiners = list(c.joiner.finditer(text, lo, figure.start))
    if joiners:  # '2,8 % Preiserhöhung, 3 % WKZ': start after the last list separator
        lo = joiners[-1].end()
    if measure:
        pos = text.rfind(measure, clause.start, figure.start)
        if pos != -1 and pos < lo:
            lo = pos
    hi, reach = figure.end, 16
    while True:  # take in the lever words that follow ('2% off-invoice discount')
        follow = [
            cue.end
            for cue in line.lever_cues
            if hi <= cue.start <= hi + reach and cue.end <= clause.end
        ]
        if not follow:
            break
        hi, reach = follow[0], 2
    if hi == figure.end:  # the noun it counts: '40 % Ihrer Märkte', 'half of our stores'
        words = list(re.finditer(r" ([\w-]+)", text[hi : clause.end]))[:4]
        for i, nxt in enumerate(words):
            if nxt.start() != (words[i - 1].end() if i else 0):
                break
            word = nxt.group(1)
            if not word[0].isalpha():
                break  # never cut a number in half ('von 1.000 auf 0,1')
            owner = c.self_possessive.fullmatch(word) or c.other_possessive.fullmatch(word)
            if word.lower() not in c.function_words and not owner:
                hi += nxt.end()
                break
    quote = re.sub(r"\s+", " ", text[lo:hi]).strip(" ,;:–-")
    quote = c.strip_leading.sub("", quote).strip()
    return quote or figure.span


def with_writers_apostrophes(facts: list[Fact], transcript: Transcript) -> list[Fact]:
    """Turns are read with straight apostrophes (coach.scoring.speech.plain_typography); a
    quote from a turn written with curly ones ('we’re') gets them back, so it stays verbatim."""
    curly = {i for i, t in enumerate(transcript.turns) if "’" in t.text and "'" not in t.text}
    return [
        f.model_copy(update={"text": f.text.replace("'", "’"), "span": f.span.replace("'", "’")})
        if "'" in f.text and curly.intersection(f.turns)
        else f
        for f in facts
    ]
