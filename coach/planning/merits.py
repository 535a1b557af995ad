"""The manufacturer's strengths and weaknesses, and where things stand: the SWOT's inner half.

A mixin of the fact extractor (facts.py): it reads one clause and names, from the speaker and
the possessives, whose good or bad news it is.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from coach.domain import Fact, FactKind, Lever
from coach.planning.analysis import (
    Line,
    clause_only,
    competitor_names,
    denied,
    negated,
    negated_after,
    owner_before,
    owner_of,
    with_antecedent,
)
from coach.planning.levers import Hit
from coach.planning.lexicon import Cues
from coach.planning.names import inside_brand
from coach.planning.ownership import we_before
from coach.planning.sentences import Clause, sentence_of, sentence_span
from coach.planning.stance import reduced
from coach.planning.summaries import TermReader
from coach.planning.swot import QUADRANT_OF
from coach.scoring.figures import CURRENCIES, Figure

MAX_TEXT = 200
SWOT_SENTENCE = 160  # characters: a SWOT item quotes a sentence up to this long, else its clause
SWOT_KINDS = frozenset(QUADRANT_OF) | {"pain"}
MONEY = frozenset({*CURRENCIES, "ct", "p", None, ""})  # a bare decimal reads as a price
CONDITIONAL = re.compile(r"(?i)\b(?:if|unless|provided|wenn|falls|sofern)\b")
NAMED_FEAR_REACH = 4  # words between the KAM's "Sie"/"you" and the worry he names


class MeritReader(TermReader):
    """Strengths, weaknesses and bad news, and the text facts they and the extractor write."""

    placed: bool  # set by text_fact once the clause has a SWOT fact
    placed_kinds: set[str]  # the kinds text_fact wrote for the clause
    rivals_at: list[int]  # where the clause names its rivals

    def text_fact(
        self,
        kind: FactKind,
        line: Line,
        clause: Clause,
        hit: Hit,
        key: object,
        tags: Iterable[str] = (),
        exclude_self: bool = False,
        lever: Lever | None = None,
    ) -> None:
        lever = lever or self.lever_of_text(line, clause, hit, kind, exclude_self)
        self.placed = self.placed or kind in SWOT_KINDS
        self.placed_kinds.add(kind)
        if kind == "competitor":
            self.rivals_at.append(hit[0])
        fact = Fact(
            kind=kind,
            lever=lever,
            text=line.quote(
                with_antecedent(line, sentence_span(clause, SWOT_SENTENCE), self.c, MAX_TEXT)
                if kind in SWOT_KINDS
                else clause,
                self.c,
                MAX_TEXT,
            ),
            span=line.text[hit[0] : hit[1]],
            speaker=self.speaker,
            turns=self.turns,
            tags=sorted(set(tags)),
            source=self.source,
        )
        self.add((kind, lever, key), fact)

    def addressed(self, line: Line, clause: Clause, hit: tuple[int, int]) -> bool:
        """The other side ('Sie', 'you') a few words before the hit: the KAM names his worry."""
        before = line.text[clause.start : hit[0]].split()[-NAMED_FEAR_REACH:]
        return bool(self.c.other_words.search(" ".join(before)))

    def standing(self, line: Line, clause: Clause) -> bool:
        """The clause says where things stand ('war katastrophal, 91 Prozent'), no term."""
        if line.hits("negative", clause) or line.hits("weakness", clause):
            return True
        return bool(
            line.speaker == "buyer"
            and line.hits("supplier_kpi", clause)
            and not line.hits("demand", clause)
            and not line.hits("agreement_strong", clause)
        )

    def negative_hits(self, line: Line, clause: Clause) -> list[Hit]:
        """Bad news, unless negated or after 'trotz'/'despite' (then not about the subject)."""
        c = self.c
        return [
            h
            for h in line.hits("negative", clause)
            if not negated(line, h[0], c)
            and not after_contrast(line, clause, h, c)
            and not reduced(line, h[0], clause, c)  # 'die Abschriften sind geringer'
        ]

    def blamed_cause(self, line: Line, clause: Clause) -> Hit | None:
        """The KAM names the cause of what the buyer just criticised ('Das war der Streik im
        Hafen', 'That was our forecast'): our weakness, told as a reason."""
        previous = self.previous
        complaint = ("weakness", "criticism", "slow_seller", "supplier_kpi", "negative")
        if line.speaker != "kam" or previous is None or not self.answers_other(line):
            return None
        if not any(previous.signals.get(s) for s in complaint):
            return None
        cause = line.hits("cause", clause)
        return cause[0] if cause and cause[0][0] <= clause.start + 1 else None

    def price_gap(self, line: Line, clause: Clause) -> Hit | None:
        """The buyer sets our price above another ('Garnier ist auf 1,95, eure liegen bei 2,49',
        'zwei Cent mehr pro Tuch als Alouette', 'Fifty cents more per pack'): our weakness on
        price. A demand or an offer is bargaining, no gap."""
        if line.speaker != "buyer" or clause.question:
            return None
        if line.hits("demand", clause) or line.hits("offer", clause):
            return None
        money = [
            f
            for f in line.figures
            if f.unit in MONEY and f.value > 0 and (f.unit or f.value != int(f.value))
        ]  # a bare number is a price only with its cents: '2,49', not 'Sie drei'
        for figure in money:
            if not clause.start <= figure.start < clause.end:
                continue
            if self.priced_above(line, figure):
                return figure.start, figure.end  # 'zwei Cent mehr', 'fifty cents more'
            if not self._theirs_before(line, clause, figure.start):
                continue
            others = [
                f.value
                for f in money
                if f is not figure
                and (f.unit or "") == (figure.unit or "")
                and not self._theirs_before(line, clause, f.start)
            ]
            if others and max(others) < figure.value < 5 * max(others):
                return figure.start, figure.end  # our price against a cheaper one
        return None

    def priced_above(self, line: Line, figure: Figure) -> bool:
        """'zwei Cent mehr', '15 percent above Pirkka': the figure sets a price above another."""
        return bool(self.c.dearer_after.match(line.text, figure.end))

    def _theirs_before(self, line: Line, clause: Clause, start: int) -> bool:
        """The other side's possessive in the figure's own phrase, after the last separator
        ('your 2-pack sits on my shelf at €9.49', 'eure liegen bei 2,49'; not 'Your price is
        3.49, against Dolmio at 3.29' for the 3.29)."""
        lo = clause.start
        for joint in self.c.joiner.finditer(line.text, clause.start, start):
            lo = joint.end()
        return bool(self.c.other_possessive.search(line.text, lo, start))

    def hypothetical(self, line: Line, clause: Clause) -> bool:
        """The sentence or the clause opens with 'wenn', 'if': a case, not what happened ('Ich
        möcht eine Absicherung: Wenn die Abverkäufe schlechter sind, ...')."""
        openings = (line.text[clause.sentence_start :], line.text[clause.start :])
        return any(self.c.conditional_start.match(o.lstrip().lower()) for o in openings)

    def weakness_hit(self, line: Line, clause: Clause, owner: str | None) -> Hit | None:
        """The manufacturer's weakness: by its words, whose bad news, or a KPI the buyer quotes."""
        c = self.c
        positive = line.hits("positive", clause)
        if line.speaker == "kam" and positive and owner != "account":
            return None  # 'wir haben die Out-of-Stock-Quote halbiert' is a success
        if line.speaker == "buyer" and line.hits("personal_praise", clause):
            return None  # 'thank you for being straight about the delays' thanks, no criticism
        worry = line.hits("fear", clause)
        if line.speaker == "kam" and worry and self.addressed(line, clause, worry[0]):
            return None  # 'Sie befürchten also, dass wieder Lücken entstehen': his worry, named
        gap = self.price_gap(line, clause)
        if gap is not None:
            return gap
        if competitor_names(line, clause, c):
            return None  # 'Costa Mar hatte Lieferausfälle': the rival's weakness, not ours
        # 'Das haben wir behoben, die Reklamationsquote liegt ...': the whole sentence counts
        sentence = dataclasses.replace(clause, start=clause.sentence_start, end=clause.sentence_end)
        if line.speaker == "kam" and line.hits("resolved", sentence):
            return None
        admitted = line.hits("admission", clause) if line.speaker == "kam" else []
        if admitted and not line.hits("offer", clause):  # 'einen Außendienst haben wir nicht'
            return admitted[0]
        blamed = self.blamed_cause(line, clause)
        if blamed and not positive:
            return blamed
        if line.speaker == "buyer" and line.hits("apology", clause):
            return None  # 'sorry, five minutes late': the buyer's own slip, not ours
        if self.hypothetical(line, clause):
            # "If you don't reach 6 % ..., you're out": a bar he sets, no failure; "if we take
            # out the two slowest SKUs": the KAM's offer
            return None
        weak = [
            h
            for h in line.hits("weakness", clause)
            if not negated(line, h[0], c)
            # the buyer's 'unser Engpass' is his own; the KAM's 'our failure' is ours
            and not (line.speaker == "buyer" and self.owned_by_speaker(line, h))
            and not after_contrast(line, clause, h, c)
        ]
        if weak:
            return weak[0]
        slow = [h for h in line.hits("slow_seller", clause) if not negated(line, h[0], c)]
        if slow and (line.speaker == "kam" or owner == "manufacturer"):
            return slow[0]  # 'das dreht bei Ihnen nicht', 'your minis are under the threshold'
        if line.speaker == "buyer" and not clause.question:  # 'Sie haben ja nur sechs Sorten'
            criticism = [
                h
                for h in line.hits("criticism", clause)
                if not negated(line, h[0], c)
                and not c.litotes.match(line.text, h[1])  # 'ist gar nicht schlecht'
            ]
            if criticism:
                return criticism[0]
        negative = self.negative_hits(line, clause)
        if negative and owner == "manufacturer":
            return negative[0]
        if negative and owner_before(line, clause, negative[0][0], c) == "manufacturer":
            return negative[0]  # '..., Ihre Fahrer holen zu wenig ab': the nearest owner decides
        kpi = line.hits("supplier_kpi", clause)
        rate = any(clause.start <= f.start < clause.end and f.unit == "%" for f in line.figures)
        demand = line.hits("demand", clause)  # 'ich erwarte mindestens 98 %' is a target
        if line.speaker == "buyer" and kpi and (rate or negative) and not positive and not demand:
            return kpi[0]  # the buyer quoting the supplier's service level ('lag bei 86 %')
        if line.speaker == "buyer" and owner == "manufacturer" and rate and not positive:
            for figure in line.figures:
                if clause.start <= figure.start < clause.end and figure.unit == "%":
                    lever = self.figure_lever.get((line.turn, figure.start), ("", ""))[0]
                    if lever == "performance":
                        return (figure.start, figure.end)
        return None

    def _theirs(self, line: Line, hit: Hit) -> bool:
        """The other side's possessive right before the hit, or before one word that describes
        it ('Ihrer Marktforschung', 'your supply team')."""
        before = line.text[max(0, hit[0] - 40) : hit[0]].split()[-2:]
        return any(self.c.other_possessive.fullmatch(word) for word in before)

    def owned_by_speaker(self, line: Line, hit: Hit) -> bool:
        """'unser Engpass': the speaker's own possessive right before the word."""
        before = line.text[max(0, hit[0] - 20) : hit[0]].split()[-1:]
        return bool(before) and bool(self.c.self_possessive.fullmatch(before[0]))

    def strengths(self, line: Line, clause: Clause, owner: str | None, negative: list[Hit]) -> None:
        personal = line.hits("personal_praise", clause) if line.speaker == "buyer" else []
        if personal and not negated(line, personal[0][0], self.c):
            # 'Thank you, this was well prepared': the buyer praises how the KAM works
            hit = personal[0]
            self.text_fact("strength", line, clause, hit, word_of(line, hit), lever="person")
            return
        if line.hits("courtesy", sentence_of(clause)):
            return  # 'Danke, das freut das Team riesig', 'Grüßen Sie mir das Team!'
        if any(h[0] < clause.start for h in line.signals.get("recap", [])):
            return  # 'Dann halte ich fest: ..., Kampagne exklusiv mit BIPA' lists terms
        if line.hits("cost_rise", clause):
            return  # 'Your appendix says flour is up 11 percent': a cost, no success
        assets = line.hits("strength", clause)
        if owner == "account" and not owner_of(line, clause_only(clause), self.c):
            owner = None  # 'It's the number one ..., and your own label doesn't come close'
        ours = line.speaker == "kam" and owner != "account" or owner == "manufacturer"
        # '..., in Ihrer Kette 27 %, wir sind die Nummer eins': the KAM's 'wir' right before it
        ours = ours or bool(assets) and line.speaker == "kam" and we_before(line, assets[0], self.c)
        # 'dass wir das Planogramm bauen und Sie es von Ihrer Marktforschung gegenprüfen lassen':
        # an asset right after the other side's possessive is theirs
        assets = [h for h in assets if not self._theirs(line, h)]
        # 'Prix Garantie kostet 1,60': a word of a rival's brand name is no asset of ours
        assets = [h for h in assets if not inside_brand(line, h)]
        # 'Ihre Flocken haben kein Glutenfrei-Siegel': an asset denied is none
        assets = [
            h
            for h in assets
            if not negated(line, h[0], self.c)
            and not (line.speaker == "buyer" and negated_after(line, h[1], self.c, window=3))
        ]  # the buyer's "Die Laufmeter garantier ich Ihnen nicht": denied after the word
        # 'The issue is capacity', 'Uns fehlt Kapazität': the asset named after bad news is lacking
        if negative and not line.hits("resolved", sentence_of(clause)):
            assets = [h for h in assets if not any(n[0] < h[0] for n in negative)]
        if assets and ours:
            for hit in assets:
                word = line.text[hit[0] : hit[1]]
                # The asset names its lever: a test win is product, a field team person.
                own = next(
                    (lv for lv, p in self.c.strength_levers.items() if p.fullmatch(word)), None
                )
                self.text_fact("strength", line, clause, hit, word_of(line, hit), lever=own)
            return
        partnership = [
            h for h in line.hits("partnership", clause) if not negated(line, h[0], self.c)
        ]
        if partnership and not negative:  # 'wir arbeiten seit elf Jahren zusammen'
            self.text_fact(
                "strength",
                line,
                clause,
                partnership[0],
                word_of(line, partnership[0]),
                lever="person",
            )
            return
        kpi = line.hits("supplier_kpi", clause)
        good = any(
            clause.start <= f.start < clause.end and f.unit == "%" and f.value >= self.c.good_rate
            for f in line.figures
        )
        if kpi and good and line.speaker == "kam" and owner != "account" and not negative:
            self.text_fact(
                "strength", line, clause, kpi[0], word_of(line, kpi[0]), lever="performance"
            )
            return  # 'unsere Lieferquote lag bei 99,4 %'
        praised = [
            h
            for h in line.hits("praise", clause)
            if not negated(line, h[0], self.c) and not interjection(line, h)
        ]
        if owner is None and not self.c.self_words.search(line.text, clause.start, clause.end):
            # 'Die Qualität stimmt', 'They were excellent': strong praise needs no 'Ihr'
            strong = line.hits("strong_praise", clause)
            praised = [h for h in strong if not negated(line, h[0], self.c)]
            owner = "manufacturer" if praised else owner
        if line.speaker == "buyer" and owner == "manufacturer" and praised and not negative:
            # 'Ich hab Ihren Senf probiert, der süße ist gefährlich gut'
            self.text_fact("strength", line, clause, praised[0], word_of(line, praised[0]))
            return
        # 'Unser Absatz ist nicht gewachsen' reports no success
        positive = [h for h in line.hits("positive", clause) if not denied(line, h, self.c)]
        # The KAM's good news is about our brand unless it names the market ('Kategorie wächst').
        until = positive[0][0] if positive else clause.end
        market = self.c.market_words.search(line.text, clause.start, until)
        mine = owner == "manufacturer" or line.speaker == "kam" and owner is None and not market
        # 'Dann mein Vorschlag: Erbsen plus 6 %' proposes a price, it reports no success
        sentence = dataclasses.replace(clause, start=clause.sentence_start, end=clause.sentence_end)
        # a recap ('Dann fasse ich zusammen: ... plus 6, Rest plus 3') lists terms, no successes
        whole = dataclasses.replace(clause, start=0, end=len(line.text))
        proposed = line.hits("offer", sentence) or line.hits("recap", whole)
        # 'That puts us about 15 percent above Pirkka': 'above' a rival's price is no success
        gap = any(
            self.priced_above(line, f) for f in line.figures if clause.start <= f.start < clause.end
        )
        if (
            positive
            and mine
            and not proposed
            and not gap
            and (not negative or positive[0][0] < negative[0][0])
        ):
            self.text_fact("strength", line, clause, positive[0], word_of(line, positive[0]))


def after_contrast(line: Line, clause: Clause, hit: Hit, c: Cues) -> bool:
    """The hit follows 'trotz'/'auch als'/'even when': bad news of others, not the subject's."""
    return any(m.start() < hit[0] for m in c.contrast.finditer(line.text, clause.start, hit[0]))


def interjection(line: Line, hit: Hit) -> bool:
    """'Gut, zu den Neuheiten.', 'Great. Next point': a word said alone at a sentence's start
    turns to the next point, it praises nothing."""
    start = max((line.text.rfind(s, 0, hit[0]) for s in ".!?"), default=-1) + 1
    alone = bool(re.match(r"[,.:;!–-]", line.text[hit[1] :]))
    return alone and not line.text[start : hit[0]].strip()


def word_of(line: Line, hit: Hit) -> str:
    """The hit's words, lower-case, single-spaced: the key that merges repeated facts."""
    return re.sub(r"\s+", " ", line.text[hit[0] : hit[1]].lower())
