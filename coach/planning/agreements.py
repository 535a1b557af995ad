"""Single agreed terms: a figure said yes to, an echoed number, a bare "Deal." that accepts the
last proposal (the whole-line readings, recaps and taken proposals, are in summaries.py)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from coach.domain import Fact, Lever, Speaker
from coach.planning.analysis import Line
from coach.planning.levers import LeverMemory
from coach.planning.number_words import bare_numbers, figure_key
from coach.planning.numbers import COUNT, SHARE
from coach.planning.sentences import Clause, sentence_of
from coach.scoring.figures import CURRENCIES, Figure

MAX_TEXT = 200
RECAP_FROM = 0.6  # a recap in the last 40 % of the talk closes it; earlier, it sums up positions
PROPOSAL_REACH = 6  # turns: a yes to a figure takes up its proposal this far back


class AgreementReader(LeverMemory):
    """Agreement detection on top of the lever memory (the facts' levers come from there)."""

    facts: dict[tuple[object, ...], Fact]
    previous: Line | None
    speaker: Speaker | None
    turns: list[int]
    source: Literal["transcript", "scenario"]
    last_turn: int = 0
    # every figure said so far, by value: (turn, speaker, lever, quote, unit)
    proposals: dict[float, list[tuple[int, Speaker | None, Lever, str, str]]]
    # figures that say where things stand or stood ('91 % im Winter', 'vor zwei Jahren'): a yes
    # to their turn does not agree them
    status_quo: set[tuple[int, int]]
    # each side's last line that makes a proposal ('Mein Vorschlag: ...', 'we offer ...')
    proposals_by: dict[str, Line]

    def add(self, key: tuple[object, ...], fact: Fact) -> None:
        raise NotImplementedError

    @contextmanager
    def citing(self, turns: list[int]) -> Iterator[None]:
        """Facts written inside cite `turns` (a yes and what it answers), then the line's own."""
        own, self.turns = self.turns, sorted(set(turns) - {-1})
        try:
            yield
        finally:
            self.turns = own

    def _turned_down(self, line: Line, figure: Figure) -> bool:
        """The figure's clause refuses it ('15.000 Euro sind für uns nicht darstellbar')."""
        clause = next((cl for cl in line.clauses if cl.start <= figure.start < cl.end), None)
        if clause is None:
            return False
        negation = self.c.signals["negation"]
        return bool(line.hits("negative", clause)) or bool(
            negation.search(line.text, figure.end, clause.end)
        )

    def in_past(self, line: Line, figure: Figure) -> bool:
        """'vor zwei Jahren', 'seit elf Jahren', 'two years ago': a figure of the past."""
        return bool(
            self.c.history_before.search(line.text, 0, figure.start)
            or self.c.history_after.match(line.text[figure.end :])
        )

    def _offered(self, line: Line, figure: Figure) -> bool:
        """A figure of the line that a yes can take: not turned down, not the status quo."""
        return (line.turn, figure.start) not in self.status_quo and not self._turned_down(
            line, figure
        )

    def _refused_in(self, answer: Line, figure: Figure) -> bool:
        """The answer says the figure again and turns it down ('Zehn Prozent, ja. Drei Monate
        geht nicht.' to '10 % und drei Monate Zahlungsziel'): no yes takes it."""
        key = figure_key(figure)
        return any(
            figure_key(echo) == key and self._turned_down(answer, echo) for echo in answer.figures
        )

    def answers_other(self, line: Line) -> bool:
        """The line answers the other side's line just before it."""
        return (
            self.previous is not None
            and self.previous.speaker != line.speaker
            and self.previous is not line
        )

    def agreed_figure(
        self,
        line: Line,
        figure: Figure,
        turns: list[int],
        item: str | None = None,
        package: bool = False,
    ) -> None:
        """An agreed figure; `item`: its point in an agreed list ('12.000 Euro Listungsgeld'),
        which says best what was agreed and replaces the wording of an earlier mention."""
        if self.c.replaced_before.search(line.text, 0, figure.start):
            return  # 'Zwei Paletten pro Markt statt drei': the three are given up
        if self.pack_size(line, figure):
            return  # 'a 90 % fill rate on the 10-pack': the pack names the product
        lever, text, measure = self.figure_lever.get((line.turn, figure.start), ("", "", ""))
        tags = ["agreed"] + ([f"measure={measure}"] if measure else [])
        tags += ["count"] if figure.unit == COUNT else []
        figure, proposal = self.said_before(line, figure)
        if item and len(item.split()) >= 2 and (proposal is None or self.says_more(item, figure)):
            text, tags = item, [*tags, "listed"]
            earlier = proposal
            if earlier is None:  # a recap may quote any figure of the talk, its thousand left out
                said, earlier = self.said_before(line, figure, reach=line.turn)
                figure = said if earlier is not None else figure
            if earlier is not None and not figure.unit:  # a recap's bare 'vier Komma neun'
                lever, figure = earlier[1], dataclasses.replace(figure, unit=earlier[3])
                turns = sorted({earlier[0], *turns})
        elif proposal is not None:
            # 'Fine, 140.' agrees the other side's '140 euros credit per freezer': the proposal
            # says what the figure is and in which unit, and it is one term, not two
            turn, lever, text, unit = proposal
            turns = sorted({turn, *turns})
            tags.append("accepted")
            if package:
                self.accept_package(line, turn, turns)
            figure = dataclasses.replace(figure, unit=unit)
        lever = lever or self.context() or self.c.default_lever["agreement"]
        self.add(
            ("agreement", lever, round(figure.value, 6), figure.unit),
            Fact(
                kind="agreement",
                lever=lever,
                text=text,
                value=figure.value,
                unit=None if figure.unit in (SHARE, COUNT) else figure.unit or None,
                span=figure.span,
                speaker=self.speaker,
                turns=turns,
                tags=tags,
                source=self.source,
            ),
        )

    def echoed(self, line: Line, clause: Clause) -> bool:
        """Bare numbers of a yes ('Fine, 140.', 'Thirty-six million, fine.') that repeat the other
        side's figure: that figure is agreed, in its unit and with its wording."""
        found = False
        for echo, _ in self.echoes(line, clause.sentence_start, clause.sentence_end):
            self.agreed_figure(line, echo, self.turns, package=True)
            found = True
        return found

    def echoes(
        self, line: Line, start: int, end: int, reach: int = PROPOSAL_REACH
    ) -> list[tuple[Figure, tuple[int, Lever, str, str]]]:
        """Bare numbers between `start` and `end` that repeat the other side's earlier figure,
        each with that proposal."""
        found = []
        for value, begin, stop in bare_numbers(line.text[start:end], line.lang):
            begin, stop = begin + start, stop + start
            if any(f.start < stop and begin < f.end for f in line.figures):
                continue
            echo = Figure(value, "", line.text[begin:stop], begin, stop, None)
            echo, proposal = self.said_before(line, echo, reach)
            if proposal is not None:
                found.append((echo, proposal))
        return found

    def said_before(
        self, line: Line, figure: Figure, reach: int = PROPOSAL_REACH
    ) -> tuple[Figure, tuple[int, Lever, str, str] | None]:
        """The figure and the other side's proposal it repeats; a bare amount may leave out its
        thousand ('Twenty, and ...' to '20,000 for slotting', 'Viereinhalb, Deal.' to 4.500 €)."""
        proposal = self.proposal_of(line, figure, reach)
        # only a spoken amount leaves its thousand out: '2,1' and '1.000th' name their own size
        spoken = not re.search(r"\d[.,]\d", figure.span) and 2 <= figure.value < 1000
        if proposal is None and not figure.unit and spoken:
            thousands = dataclasses.replace(figure, value=figure.value * 1000)
            proposal = self.proposal_of(line, thousands, reach)
            if proposal is not None and proposal[3] in ("", *CURRENCIES):
                return thousands, proposal  # money, not '1.000 %'
            proposal = None
        return figure, proposal

    def accept_package(self, line: Line, turn: int, turns: list[int]) -> None:
        """'Okay, 10,500.' to the turn just before ('10,500, and a launch promotion: 25 % off
        for four weeks'): the yes takes the whole offer, except what that turn turned down."""
        previous = self.previous
        if previous is None or previous.turn != turn or previous.speaker == line.speaker:
            return
        for figure in previous.figures:
            known = (previous.turn, figure.start) in self.figure_lever
            refused = self._refused_in(line, figure)
            if known and figure.unit != COUNT and self._offered(previous, figure) and not refused:
                self.agreed_figure(previous, figure, turns)

    def says_more(self, item: str, figure: Figure) -> bool:
        """The agreed item names more than its figure and a yes ('Two years I accept' does not)."""
        rest = item.replace(figure.span, " ")
        for name in ("agreement_strong", "agreement_weak"):
            rest = self.c.signals[name].sub(" ", rest)
        words = [w for w in re.findall(r"[^\W\d_]{2,}", rest.lower()) if w not in self.c.stopwords]
        return bool(words)

    def proposal_of(
        self, line: Line, figure: Figure, reach: int = PROPOSAL_REACH
    ) -> tuple[int, Lever, str, str] | None:
        """The other side's latest earlier mention of the same figure, within reach; a yes
        without a unit ('Fine, 140.') takes the unit of the proposal."""
        if figure.unit == COUNT or self.source != "transcript":
            return None
        said = self.proposals.get(figure_key(figure), [])
        for turn, speaker, lever, text, unit in reversed(said):
            if turn < line.turn - reach:
                return None
            if figure.unit and unit != figure.unit or unit == COUNT:
                continue
            if turn < line.turn and speaker is not None and speaker != line.speaker:
                return turn, lever, text, unit
        return None

    def agree_to_previous(self, line: Line, previous: Line) -> None:
        turns = sorted({previous.turn, line.turn} - {-1})
        if not proposes(previous) and reports_trouble(previous):
            return  # 'Yes, it is.' to the KAM's account of a failed quota agrees no term
        # '15.000 Euro sind nicht darstellbar. Was halten Sie von 12.000 Euro?': a yes takes the
        # proposal, not the figure just turned down
        offered = [
            f
            for f in previous.figures
            if self._offered(previous, f) and not self._refused_in(line, f)
        ]
        if offered:
            for figure in offered:
                self.agreed_figure(previous, figure, turns)
            return
        proposals = [
            cl
            for cl in previous.clauses
            if not cl.question
            and any(cl.start <= cue.start < cl.end for cue in previous.lever_cues)
            # 'I'd need to check the licensing, I can't promise it today': nothing to take
            and not any(previous.hits(s, sentence_of(cl)) for s in ("open_point", "admission"))
        ]
        if proposals:
            clause = proposals[-1]
            cue = next(cue for cue in previous.lever_cues if clause.start <= cue.start < clause.end)
            span = previous.text[clause.start : clause.end].strip()
            # 'Dann lasse ich die Sticks gelistet, aber nur wenn ...': the proposal is the sentence
            self.agreed_point(previous, clause, cue.lever, span, turns, quote=sentence_of(clause))

    def agreed_point(
        self,
        line: Line,
        clause: Clause,
        lever: Lever,
        span: str,
        turns: list[int],
        quote: Clause | None = None,
    ) -> None:
        """An agreed point without a figure, quoted by its clause (or by `quote`)."""
        self.add(
            ("agreement", lever, line.turn, clause.start),
            Fact(
                kind="agreement",
                lever=lever,
                text=line.quote(quote or clause, self.c, MAX_TEXT),
                span=span,
                speaker=self.speaker,
                turns=turns,
                tags=["agreed"],
                source=self.source,
            ),
        )


# what makes a line a bid that a bare yes can take: an offer, an ask, a demand, a condition
BIDS = ("offer", "ask", "demand", "chance", "condition", "goal", "request", "agreement_strong")


def proposes(line: Line) -> bool:
    """The line puts something on the table (a bid, or a question such as 'Could we go to
    10p?'); a report of what happened does not."""
    return any(cl.question for cl in line.clauses) or any(line.signals.get(s) for s in BIDS)


def reports_trouble(line: Line) -> bool:
    """The line tells of a failure or a loss ('the quota was cut by 25 %, we lost a third')."""
    return any(line.signals.get(s) for s in ("admission", "supply_shock", "cost_rise"))
