"""The KAM's own figure as proof of a strength ('rate of sale was 9.4 units', 'in unseren Masken
stecken 30 ml Serum'), and what keeps a sentence from proving anything: a bid, bad news, a
condition, our money, a pack size, a duration."""

from __future__ import annotations

import dataclasses

from coach.domain import Lever
from coach.planning.analysis import Line
from coach.planning.levers import Hit
from coach.planning.merits import CONDITIONAL, MONEY, MeritReader
from coach.planning.sentences import Clause

EVIDENCE_LEVERS: frozenset[Lever] = frozenset({"performance", "product", "promotion"})
DURATIONS = frozenset({"weeks", "months", "years", "hours", "minutes"})
BAD_NEWS = ("negative", "weakness", "decline", "admission", "supply_shock", "slow_seller")
# what makes a sentence a bid or a request rather than a proof
PUTS_ON_TABLE = (
    "offer",
    "ask",
    "demand",
    "condition",
    "request",
    "conditional_deal",
    "proposal",
    "cost_rise",
    "goal",
    "agreement_strong",  # 'Einverstanden, dafür geben wir ein Facing ab': a concession
)


class ProofReader(MeritReader):
    """Strengths the KAM proves with his own figures."""

    def proof(self, line: Line, clause: Clause, owner: str | None) -> None:
        """The KAM's own figure as proof ('rate of sale was 9.4 units', 'in unseren Masken
        stecken 30 Milliliter Serum'): a strength on the figure's lever, where no other rule
        placed the clause and the sentence neither bargains nor brings bad news."""
        found = self._evidence(line, clause, owner)
        if found is not None:
            self.text_fact("strength", line, clause, found[0], found[1], lever=found[2])

    def _evidence(
        self, line: Line, clause: Clause, owner: str | None
    ) -> tuple[Hit, str, Lever] | None:
        if line.speaker != "kam" or clause.question or owner == "account":
            return None
        if line.hits("recap", dataclasses.replace(clause, start=0, end=len(line.text))):
            return None  # a recap lists terms, no successes
        if not self.c.self_words.search(line.text, clause.sentence_start, clause.end):
            return None
        sentence = dataclasses.replace(clause, start=clause.sentence_start, end=clause.sentence_end)
        if any(line.hits(s, sentence) for s in PUTS_ON_TABLE):
            return None  # 'Wir schlagen einen Test in 25 Märkten vor', 'I can do 4%'
        if any(line.hits(s, sentence) for s in BAD_NEWS):
            return None  # 'Die Reklamationen lagen bei 40 Stück, das war zu viel'
        if CONDITIONAL.search(line.text, clause.sentence_start, clause.sentence_end):
            return None  # 'Two SKUs works for us if we get the edit': a condition, no proof
        for figure in line.figures:
            if clause.start <= figure.start < clause.end:
                known = self.figure_lever.get((line.turn, figure.start))
                bare_price = not figure.unit and figure.value != int(figure.value)  # '2,49'
                if self.priced_above(line, figure):
                    continue  # 'That puts us about 15 percent above Pirkka': a price gap, no proof
                if figure.unit and figure.unit in MONEY or bare_price:
                    continue  # our money is a bid ('Wir beteiligen uns mit 3.000 Euro'), no proof
                if line.text[figure.end : figure.end + 2][:1] == "-":
                    continue  # 'im 300-Gramm-Becher' names a pack, it proves nothing
                if figure.span.split()[0].lower() in self.c.article_numbers:
                    continue  # 'mit einer Aktion': an article, no count that proves anything
                if figure.unit in DURATIONS:
                    continue  # 'zwei Wochen Handzettel' is a term on offer, no proof
                if known is not None and known[0] in EVIDENCE_LEVERS:
                    hit = (figure.start, figure.end)
                    return hit, line.text[figure.start : figure.end], known[0]
        return None
