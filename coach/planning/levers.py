"""Which 6-P lever a figure or a statement is about: topic scores of the sentence's lever
words (coach/planning/topics.py: a figure's own metric word first), else memory.

A negotiation repeats its figures ("4,5 % sind unrealistisch" answers "4,5 % Preiserhöhung"), so
a figure without a lever word of its own keeps the meaning it had a turn ago.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from coach.domain import Lever
from coach.planning.analysis import LeverCue, Line
from coach.planning.lexicon import Cues
from coach.planning.numbers import COUNT, SHARE, UNIT_LEVER
from coach.planning.sentences import Clause, list_items
from coach.planning.topics import distance, nearest, score_span
from coach.scoring.figures import CURRENCIES, Figure

Hit = tuple[int, int]
NEAR = 20  # characters: a lever word this close to a figure names what the figure measures
OWN_WORD = 30  # characters: a lever word this close outweighs what earlier figures meant
CURRENCY = (*CURRENCIES, "ct", "", "p")

PRIOR = 1.0  # votes for what a figure of the same unit meant up to four turns ago
FIGURE_VOTE = 3  # a figure of the clause votes for its lever


# what follows a number that closes its clause ('Finish bei 24.', 'Sie drei, ...')
_CLOSES = re.compile(r"\s*(?:[.!?,;:–](?!\d)|$)")


class LeverMemory:
    """Remembers figures and topics so later lines can lean on them."""

    def __init__(self, c: Cues) -> None:
        self.c = c
        self.history: list[tuple[float, str, Lever, int]] = []
        self.recent: list[list[Lever]] = []
        self.figure_lever: dict[tuple[int, int], tuple[Lever, str, str]] = {}

    def context(self) -> Lever | None:
        """The lever the last lines talked about most (ties: the most recent)."""
        window = self.recent[-3:]
        counts = Counter(lever for levers in window for lever in levers)
        if not counts:
            return None
        order = [lever for levers in reversed(window) for lever in reversed(levers)]
        return max(counts, key=lambda lever: (counts[lever], -order.index(lever)))

    # --- levers --------------------------------------------------------------------------------

    def pack_size(self, line: Line, figure: Figure) -> bool:
        """'24-pack', '88 Stück pro Pack': what is in a pack describes the product, no term."""
        return figure.unit == "units" and bool(
            self.c.pack_size.search(
                f" {figure.span.split()[-1]}{line.text[figure.end : figure.end + 14]}"
            )
        )

    def lever_of_figure(
        self, line: Line, clause: Clause, figure: Figure, turn: int
    ) -> tuple[Lever, str]:
        """What a figure measures: its metric word, else the sentence's topic, else memory."""
        inside = any(cue.start < figure.end and figure.start < cue.end for cue in line.lever_cues)
        if self.pack_size(line, figure):
            return "product", ""
        if figure.unit in UNIT_LEVER and (not inside or figure.unit == "units"):
            # '40 million bags': the counted goods are volume, whatever word counts them
            return UNIT_LEVER[figure.unit], ""
        # A person is no measure of money or shares.
        skip: tuple[Lever, ...] = (
            ("person",) if figure.unit in ("%", "pp", SHARE, *CURRENCY) else ()
        )
        if line.hits("weakness", clause):
            skip += ("placement",)  # 'leere Regale in 40 Filialen' is about availability
        money = figure.unit in CURRENCY
        if money and self.c.multibuy.search(line.text[max(0, figure.start - 30) : figure.start]):
            return "promotion", ""  # 'two for €3', '2 for £3.50': a multibuy is a promotion
        paid_for = self._paid_for(line, clause) if money else None
        if paid_for:  # 'You pay 2,000 euros for the displays', 'the banner slots cost 3,500'
            return paid_for.lever, paid_for.word
        shelf = line.hits("shelf_price", clause)
        if money and any(a - 30 <= figure.end and figure.start <= b + 30 for a, b in shelf):
            return "price", ""  # '€9.49 on my shelf', 'on my shelf at €9.49', '1,95 € im Regal'
        if not figure.unit and figure.lever == "price" and not inside:
            return "price", ""  # a bare price: 'selling them at 1.49', 'in der Aktion bei 2,79'
        topic = score_span(line, clause, figure.start, figure.end, skip=skip, clause_only=money)
        if topic.metric:  # '84 % Lieferfähigkeit', '3 % WKZ'
            measured = self._growth(topic.metric.lever, figure, topic.scores, line, clause)
            return self._not_product_price(measured, figure, line, clause), topic.metric.word
        if self._takes_effect(line, figure):
            return "price", ""  # '3,5 % ab KW 10', 'six and a half percent from March'
        # An echoed figure ("4,5 % sind unrealistisch") keeps the meaning it had a turn ago.
        lever = self._remembered(figure, turn, same_value=True, within=2)
        if lever:
            return lever, ""
        parallel = self._parallel(line, figure, turn)
        if parallel:
            return parallel, ""
        # What the same kind of figure meant a few turns ago is a prior, not a rule.
        prior = None
        own_words = any(
            clause.start <= cue.start < clause.end
            and not self.c.weak_cues.fullmatch(cue.word)
            and distance(cue, figure.start, figure.end) <= OWN_WORD
            for cue in line.lever_cues
        )
        if figure.unit in (*CURRENCY, "%", "pp") and not own_words:
            # only a clause without lever words of its own leans on earlier figures: in 'Ihre
            # Lieferquote lag bei 91 %' after a price talk the 91 % is still a delivery rate
            prior = self._remembered(figure, turn, same_value=False, within=4)
        if prior:
            topic.scores[prior] += PRIOR
        if money or figure.unit == "pp":  # money and points of margin are a price unless
            topic.scores["price"] += PRIOR  # their words say otherwise ('Marktanteil')
        best = topic.best(prior or self.context())
        if best:
            cue = topic.best_cue.get(best)
            close = (
                cue is not None
                and clause.start <= cue.start < clause.end
                and (cue.end <= figure.start or distance(cue, figure.start, figure.end) <= NEAR)
            )
            best = self._growth(best, figure, topic.scores, line, clause)
            return self._not_product_price(
                best, figure, line, clause
            ), cue.word if cue and close else ""
        lever = self._remembered(figure, turn, same_value=True, within=10**6)
        if lever is None and money:
            lever = "price"
        return lever or self.context() or self.c.default_lever["figure"], ""

    def _takes_effect(self, line: Line, figure: Figure) -> bool:
        """A share followed by the date it starts from is a condition: growth runs 'since',
        a price or a term changes 'from' a date."""
        if figure.unit != "%":
            return False
        return any(
            not date.past
            and 0 <= date.start - figure.end <= 3
            and not line.text[figure.end : date.start].strip(" ,")
            and self.c.effective_from.match(date.text)
            for date in line.dates
        )

    def _paid_for(self, line: Line, clause: Clause) -> LeverCue | None:
        """A clause that only pays ('zahlen', 'cost') for a placement or a promotion: that thing."""
        inside = [cue for cue in line.lever_cues if clause.start <= cue.start < clause.end]
        price = [cue for cue in inside if cue.lever == "price"]
        if not price or not all(self.c.money_verbs.fullmatch(cue.word) for cue in price):
            return None
        things = [
            cue
            for cue in inside
            if cue.lever in ("placement", "promotion") and not self.c.weak_cues.fullmatch(cue.word)
        ]
        return things[0] if things else None

    def _growth(
        self,
        lever: Lever,
        figure: Figure,
        scores: Mapping[Lever, float],
        line: Line,
        clause: Clause,
    ) -> Lever:
        """A share in a clause about sales is growth, not a price: next to a product word
        ('seit der Listung wachsen wir um 18,5 %') or right after a growth word ('up 24%'),
        unless a price word stands close to it ('Preise um 5 % gestiegen')."""
        if figure.unit not in ("%", "pp") or lever not in ("product", "price"):
            return lever
        priced = any(
            cue.lever == "price"
            and clause.start <= cue.start < clause.end
            and distance(cue, figure.start, figure.end) <= OWN_WORD
            for cue in line.lever_cues
        )
        moved = any(
            figure.start - 25 <= h[0] < figure.start
            for name in ("positive", "decline")
            for h in line.hits(name, clause)
        )
        # in a price talk 'Erbsen plus 6 %' moves the price, not the sales
        priced = priced or self.context() == "price"
        if lever == "product" and scores.get("performance", 0) > 0 or moved and not priced:
            return "performance"
        return lever

    def _not_product_price(self, lever: Lever, figure: Figure, line: Line, clause: Clause) -> Lever:
        """Money next to a product word is that product's price ('Sorten bei 4,49 €'), a share
        too ('7.5 % on the whole range'), unless it is a share of the product itself
        ('70 Prozent Plastik', '30 % weniger Zucker', 'a 14% bigger pack')."""
        if lever != "product" or figure.unit not in (*CURRENCY, "%"):
            return lever
        if figure.unit in CURRENCY:
            return "price"
        for cue in line.lever_cues:
            if cue.lever == "product" and figure.end <= cue.start < clause.end:
                gap = line.text[figure.end : cue.start].strip().lower()
                return lever if not gap or gap in self.c.share_of else "price"
        return "price"

    def _parallel(self, line: Line, figure: Figure, turn: int) -> Lever | None:
        """A bare number that closes a clause measures what the figure before it measured: one
        of the same sentence ('Oecoplan liegt bei 17 Rappen, Finish bei 24', 'sechs Aktionen im
        Jahr, Sie drei'), else the last one of the last two turns ('Lieferfähigkeit 95 %' ...
        'Vereinbart sind 98.'). An amount in thousands stays money."""
        if figure.unit or figure.lever or not _CLOSES.match(line.text, figure.end):
            return None
        start = max((line.text.rfind(s, 0, figure.start) for s in ".!?"), default=-1) + 1
        earlier = [
            known[0]
            for f in line.figures
            if start <= f.start < figure.start
            and f.unit not in ("", COUNT, SHARE)
            and (known := self.figure_lever.get((line.turn, f.start)))
        ]
        if earlier:
            return earlier[-1]
        if figure.value >= 1000:
            return None
        for _, unit, lever, seen in reversed(self.history):
            if turn - seen > 2:
                break
            if unit not in ("", COUNT, SHARE):
                return lever
        return None

    def _remembered(self, figure: Figure, turn: int, same_value: bool, within: int) -> Lever | None:
        for value, unit, lever, seen in reversed(self.history):
            money = {unit, figure.unit} <= set(CURRENCY)  # '50,000' answers '35,000 euros'
            if (unit != figure.unit and not money) or turn - seen > within:
                continue
            if not same_value or abs(value - figure.value) < 1e-9:
                return lever
        return None

    def lever_of_date(self, line: Line, clause: Clause, start: int, end: int, text: str) -> Lever:
        """A date is the deadline of what its list item is about: the nearest lever word or
        figure before it ('eine Handzettelaktion in KW 9', '3,3 % ab März'), else the item's
        first one, not the person who delivers; a deadline ('bis Freitag') belongs to the to-do's
        first object."""
        lever: Lever | None = None
        weak = self.c.weak_cues
        item = next(
            (it for it in list_items(line.text, clause, self.c) if it.start <= start < it.end),
            clause,
        )
        meeting = [h for h in line.hits("meeting", clause) if not (h[0] < end and start < h[1])]
        if any(item.start <= a < item.end for a, _ in meeting):
            return "person"  # 'Die Runde ist am 14. Mai', 'Das Webinar bitte im Februar'
        marks: list[tuple[int, Lever]] = [
            (cue.start, cue.lever)
            for cue in line.lever_cues
            if item.start <= cue.start < item.end
            and cue.lever != "person"
            and not weak.fullmatch(cue.word)
            and not (cue.start < end and start < cue.end)
        ]
        marks += [
            (f.start, self.figure_lever[(line.turn, f.start)][0])
            for f in line.figures
            if item.start <= f.start < item.end
            and f.unit != COUNT
            and (line.turn, f.start) in self.figure_lever
        ]
        if meeting and not marks:
            return "person"  # 'Tuesday, 19 November, at 10:00, here in Solna'
        before = sorted(m for m in marks if m[0] < start)
        after = sorted(m for m in marks if m[0] >= end)
        c = self.c
        if c.deadline_lead.match(text) and not c.range_start.search(
            line.text[max(0, start - 30) : start]
        ):
            pass  # a deadline ('bis Freitag') belongs to the to-do's first object: below
        elif before:
            lever = before[-1][1]
        elif after:
            lever = after[0][1]
        if lever is None:
            subjects = [
                cue
                for cue in line.lever_cues
                if clause.start <= cue.start < clause.end
                and cue.lever != "person"
                and not weak.fullmatch(cue.word)
            ]
            lever = subjects[0].lever if subjects else None
        return lever or self.lever_of_text(line, clause, (start, end), "date")

    def lever_of_text(
        self, line: Line, clause: Clause, hit: Hit, kind: str, exclude_self: bool = False
    ) -> Lever:
        if kind == "competitor":
            return self.lever_of_competitor(line, clause, hit)
        if kind == "threat":  # what is threatened follows the threat: 'I'll review the range'
            weak = self.c.weak_cues
            ahead = [
                cue
                for cue in line.lever_cues
                if hit[0] <= cue.start < clause.end
                and cue.lever != "person"
                and not weak.fullmatch(cue.word)
            ]
            if ahead:
                return ahead[0].lever
        # A deadline or a to-do is about its subject, rarely about the person who does it.
        soft: tuple[Lever, ...] = ("person",) if kind in ("date", "open_point") else ()
        topic = score_span(line, clause, hit[0], hit[1], soft=soft, metric=False)
        for figure in line.figures:  # what the clause's figures measure is its topic too
            known = self.figure_lever.get((line.turn, figure.start))
            if known and clause.start <= figure.start < clause.end and figure.unit != "count":
                topic.scores[known[0]] += FIGURE_VOTE
        best = topic.best(self.context())
        if best:
            return best
        if kind in ("competitor", "threat"):
            return self.c.default_lever[kind]
        loose = nearest(line, hit[0], hit[1], clause.start, clause.end)
        if loose:  # a weak word of the clause itself ('bei jungen Kunden') beats earlier topics
            return loose[0].lever
        weak = self.c.weak_cues
        before = [
            cue
            for cue in line.lever_cues
            if cue.end <= clause.start and not weak.fullmatch(cue.word)
        ]
        if before:  # the line's own topic so far
            return before[-1].lever
        after = [
            cue
            for cue in line.lever_cues
            if cue.start >= clause.end and not weak.fullmatch(cue.word)
        ]
        if after and kind == "goal":  # 'Transparenz. Wöchentliche Bestandsdaten ...'
            return after[0].lever
        return self.context() or self.c.default_lever[kind]

    def lever_of_competitor(self, line: Line, clause: Clause, hit: Hit) -> Lever:
        """A competitor's move names the lever: its figure ('zahlt 4 %'), its word, a near word."""
        for figure in line.figures:
            if (
                hit[1] <= figure.start < clause.end
                and (line.turn, figure.start) in self.figure_lever
            ):
                return self.figure_lever[(line.turn, figure.start)][0]
        # What the competitor does comes after its name: 'Kronenbäck hat uns eine Nullrunde ...'.
        move = [
            cue
            for cue in line.lever_cues
            if hit[1] <= cue.start < clause.end and not self.c.weak_cues.fullmatch(cue.word)
        ]
        own = nearest(line, hit[0], hit[1], hit[0], hit[1])
        if move and not own:
            return move[0].lever
        if own:
            return own[0].lever
        near = nearest(line, hit[0], hit[1], clause.start, clause.end, weak=False)
        if near and near[1] <= NEAR:
            return near[0].lever
        # A channel that takes shoppers away ('zum Discounter gegangen') costs sales.
        return self.c.default_lever["competitor"]
