"""Agreed terms: figures said yes to, and a bare "Deal." that accepts the last proposal."""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

from coach.domain import Fact, Lever, Speaker
from coach.planning.analysis import (
    Clause,
    Line,
    hedged,
    list_items,
    negated,
    negated_after,
    sentence_of,
)
from coach.planning.levers import LeverMemory
from coach.planning.number_words import bare_numbers, figure_key
from coach.planning.numbers import COUNT, SHARE
from coach.scoring.figures import Figure

MAX_TEXT = 200
RECAP_FROM = 0.6  # a recap in the last 40 % of the talk closes it; earlier, it sums up positions
# a listing sentence that asks, demands, refuses or makes conditions sums up nothing
CLOSING_VETO = ("goal", "demand", "negative", "conditional_deal", "condition", "offer", "ask")
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

    def agreements(self, line: Line) -> None:
        """Figures said yes to (in the same sentence), or a bare 'Deal.' to the last proposal."""
        c = self.c
        if self.recap(line) or self.proposal_taken(line):
            return
        for clause in line.clauses:
            if clause.question or line.hits("conditional_deal", clause):
                continue
            in_sentence = [
                f for f in line.figures if clause.sentence_start <= f.start < clause.sentence_end
            ]
            strong = [
                h
                for h in line.hits("agreement_strong", clause)
                if not negated(line, h[0], c)
                and not negated_after(line, h[1], c)
                and not hedged(line, h[0], c)
            ]
            # 'Gut, 3 % ...' and '3 SKUs, okay.' agree; 'Die Schorlen laufen gut, plus 9 %' reports
            weak = [
                h
                for h in line.hits("agreement_weak", clause)
                if not negated(line, h[0], c)
                and (
                    not line.text[clause.sentence_start : h[0]].strip(" ,.:;-–")
                    or not line.text[h[1] : clause.sentence_end].strip(" ,.:;!-–")
                )
            ]
            weak += [  # '150 stores, yes.'
                h
                for h in line.hits("agreement_tail", clause)
                if not line.text[h[1] : clause.sentence_end].strip(" ,.:;!-–")
                and line.text[clause.sentence_start : h[0]].strip(" ,.:;-–")
            ]
            if strong and line.text[strong[0][1] : strong[0][1] + 3].lstrip().startswith(":"):
                # 'Deal: 0,66 je Liter und die kleine Packung ab Jahr zwei' - a list follows
                sentence = [
                    cl
                    for cl in line.clauses
                    if cl.sentence_start == clause.sentence_start and cl.start >= clause.start
                ]
                span = line.text[strong[0][0] : strong[0][1]]
                if self.agreed_items(line, sentence, span):
                    continue
            if in_sentence and (strong or weak and not line.hits("negative", clause)):
                for figure in in_sentence:
                    self.agreed_figure(line, figure, self.turns, package=True)
                # 'Einverstanden: 2 % Senkung, die Sorten auf Augenhöhe': the points without a
                # figure are agreed too
                sentence = [
                    cl
                    for cl in line.clauses
                    if cl.sentence_start == clause.sentence_start and cl.start >= clause.start
                ]
                self.agreed_items(
                    line, sentence, line.text[(strong or weak)[0][0] : (strong or weak)[0][1]]
                )
                continue
            if (strong or weak) and not in_sentence and self.echoed(line, clause):
                continue  # 'Fine, 140.': the other side's 140 euros credit is agreed
            if not strong:
                continue
            rest = line.text[strong[0][1] : clause.end].strip(" ,.;:!–-")
            # 'Einverstanden, das machen wir so': the rest names nothing, it points back
            names = any(strong[0][1] <= cue.start < clause.end for cue in line.lever_cues)
            if len(rest.split()) >= 3 and not names and self._answers_other(line):
                self.agree_to_previous(line, self.previous)  # type: ignore[arg-type]
            elif len(rest.split()) >= 3:
                lever = self.lever_of_text(line, clause, strong[0], "agreement")
                span = line.text[strong[0][0] : strong[0][1]]
                self.agreed_point(line, clause, lever, span, self.turns)
            elif self._answers_other(line):
                self.agree_to_previous(line, self.previous)  # type: ignore[arg-type]

    def proposal_taken(self, line: Line) -> bool:
        """'Ich nehme Ihren Vorschlag mit', "I'll take your proposal": every point of the other
        side's last proposal ('Mein Vorschlag: ... gehen raus. Die Kinderzahnpasta bleibt.')."""
        other = "buyer" if line.speaker == "kam" else "kam"
        proposal = self.proposals_by.get(other)
        taken = [
            h
            for cl in line.clauses
            if not cl.question
            for h in line.hits("proposal_taken", cl)
            if not negated(line, h[0], self.c)
        ]
        if not taken or proposal is None:
            return False
        turns, self.turns = self.turns, sorted({proposal.turn, line.turn})
        items = [cl for cl in proposal.clauses if not cl.question]
        span = line.text[taken[0][0] : taken[0][1]]
        found = self.agreed_items(proposal, items, span, every_item=True)
        self.turns = turns
        return found

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

    def _answers_other(self, line: Line) -> bool:
        """The line answers the other side's line just before it."""
        return (
            self.previous is not None
            and self.previous.speaker != line.speaker
            and self.previous is not line
        )

    def recap(self, line: Line) -> bool:
        """A closing recap ('Zusammengefasst: 4 % ab März, zwei Aktionen in Q2, ...'): every figure
        and every point with a lever word after the recap word is agreed, one fact per item."""
        hits = line.signals.get("recap", [])
        if self.source != "transcript" or line.turn < RECAP_FROM * self.last_turn:
            return False
        if not hits:  # the buyer's closing list is his yes; the KAM's own list may still be a bid
            return line.speaker == "buyer" and self.closing_list(line)
        items = [cl for cl in line.clauses if cl.end > hits[0][0] and not cl.question]
        return self.agreed_items(line, items, line.text[hits[0][0] : hits[0][1]])

    def closing_list(self, line: Line) -> bool:
        """Near the end, a sentence that only lists terms ('Pilot in twelve hotels, from March,
        at 6.5.', 'Ein Facing weg, Displays im Herbst, ...') sums up what was agreed."""
        c, found = self.c, False
        for start in sorted({cl.sentence_start for cl in line.clauses}):
            sentence = [cl for cl in line.clauses if cl.sentence_start == start]
            items = [it for cl in sentence for it in list_items(line.text, cl, c)]
            termed = [
                it
                for it in items
                if any(it.start <= f.start < it.end for f in line.figures)
                or any(it.start <= d.start < it.end for d in line.dates)
            ]
            refused = any(
                cl.question
                or any(line.hits(name, cl) for name in CLOSING_VETO)
                or c.signals["negation"].search(line.text, cl.start, cl.end)
                for cl in sentence
            )
            if len(items) >= 3 and len(termed) >= 2 and not refused:
                found = self.agreed_items(line, sentence, "") or found
        return found

    def agreed_items(
        self, line: Line, clauses: list[Clause], span: str, every_item: bool = False
    ) -> bool:
        """Each item of an agreed list is its own term: its figures, and its lever word when that
        names another lever than its figures ('die 6 Sorten auf Augenhöhe')."""
        c, found = self.c, False
        for clause in [item for cl in clauses for item in list_items(line.text, cl, c)]:
            figures = [f for f in line.figures if clause.start <= f.start < clause.end]
            # 'waste under 6% by June' is a target on a bad thing, not a point turned down
            turned_down = line.hits("negative", clause) and not figures
            if line.hits("conditional_deal", clause) or turned_down:
                continue
            inside = [cue for cue in line.lever_cues if clause.start <= cue.start < clause.end]
            if any(negated(line, cue.start, c) for cue in inside):
                continue
            for figure in figures:
                self.agreed_figure(line, figure, self.turns, line.quote(clause, c, MAX_TEXT))
                found = True
            # a recap may quote any figure of the talk
            echoes = [  # 'fertig bis KW 14': the number of a date echoes no figure
                (echo, said)
                for echo, said in self.echoes(line, clause.start, clause.end, reach=line.turn)
                if not any(d.start < echo.end and echo.start < d.end for d in line.dates)
            ]
            for echo, _ in echoes:  # 'Preiserhöhung vier Komma neun': the 4,9 % said before
                self.agreed_figure(line, echo, self.turns, line.quote(clause, c, MAX_TEXT))
                found = True
            levers = {self.figure_lever[(line.turn, f.start)][0] for f in figures}
            levers |= {proposal[1] for _, proposal in echoes}
            figures = [*figures, *(echo for echo, _ in echoes)]
            words = [
                cue
                for cue in inside
                if not c.weak_cues.fullmatch(cue.word)
                and cue.lever not in levers
                and not any(cue.start < f.end and f.start < cue.end for f in figures)
            ]
            said = [
                w
                for w in re.findall(r"[\w'-]+", line.text[clause.start : clause.end].lower())
                if w not in c.stopwords and w not in c.function_words
            ]
            announced = line.hits("offer", clause)  # 'Mein Vorschlag:' only opens the list
            if announced and not line.text[announced[0][1] : clause.end].strip(" :,.;–-"):
                continue
            if not words and not (every_item and not figures and len(said) >= 2):
                continue  # a taken proposal's 'Die Kinderzahnpasta bleibt.' is a point too
            # a point without a lever word names range items ('Reisetube gehen raus')
            lever: Lever = "product"
            if words:
                hit = (words[0].start, words[0].end)
                lever = self.lever_of_text(line, clause, hit, "agreement")
            self.agreed_point(line, clause, lever, span, self.turns)
            found = True
        return found

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
        lever, text, measure = self.figure_lever.get((line.turn, figure.start), ("", "", ""))
        tags = ["agreed"] + ([f"measure={measure}"] if measure else [])
        tags += ["count"] if figure.unit == COUNT else []
        figure, proposal = self.said_before(line, figure)
        if item and len(item.split()) >= 2 and (proposal is None or self.says_more(item, figure)):
            text, tags = item, [*tags, "listed"]
            earlier = proposal or self.proposal_of(line, figure, reach=line.turn)
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
        if proposal is None and not figure.unit and figure.value < 1000:
            thousands = dataclasses.replace(figure, value=figure.value * 1000)
            proposal = self.proposal_of(line, thousands, reach)
            if proposal is not None:
                return thousands, proposal
        return figure, proposal

    def accept_package(self, line: Line, turn: int, turns: list[int]) -> None:
        """'Okay, 10,500.' to the turn just before ('10,500, and a launch promotion: 25 % off
        for four weeks'): the yes takes the whole offer, except what that turn turned down."""
        previous = self.previous
        if previous is None or previous.turn != turn or previous.speaker == line.speaker:
            return
        for figure in previous.figures:
            known = (previous.turn, figure.start) in self.figure_lever
            if known and figure.unit != COUNT and self._offered(previous, figure):
                self.agreed_figure(previous, figure, turns)

    def says_more(self, item: str, figure: Figure) -> bool:
        """The agreed item names more than its figure and a yes ('Two years I accept' does not)."""
        rest = item.replace(figure.span, " ")
        for name in ("agreement_strong", "agreement_weak"):
            rest = self.c.signals[name].sub(" ", rest)
        words = [w for w in re.findall(r"[^\W\d_]{3,}", rest.lower()) if w not in self.c.stopwords]
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
        # '15.000 Euro sind nicht darstellbar. Was halten Sie von 12.000 Euro?': a yes takes the
        # proposal, not the figure just turned down
        offered = [f for f in previous.figures if self._offered(previous, f)]
        if offered:
            for figure in offered:
                self.agreed_figure(previous, figure, turns)
            return
        proposals = [
            cl
            for cl in previous.clauses
            if not cl.question
            and any(cl.start <= cue.start < cl.end for cue in previous.lever_cues)
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
