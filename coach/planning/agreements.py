"""Agreed terms: figures said yes to, and a bare "Deal." that accepts the last proposal."""

from __future__ import annotations

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
from coach.planning.numbers import COUNT, SHARE
from coach.scoring.figures import Figure

MAX_TEXT = 200
RECAP_FROM = 0.6  # a recap in the last 40 % of the talk closes it; earlier, it sums up positions


class AgreementReader(LeverMemory):
    """Agreement detection on top of the lever memory (the facts' levers come from there)."""

    facts: dict[tuple[object, ...], Fact]
    previous: Line | None
    speaker: Speaker | None
    turns: list[int]
    source: Literal["transcript", "scenario"]
    last_turn: int = 0

    def add(self, key: tuple[object, ...], fact: Fact) -> None:
        raise NotImplementedError

    def agreements(self, line: Line) -> None:
        """Figures said yes to (in the same sentence), or a bare 'Deal.' to the last proposal."""
        c = self.c
        if self.recap(line):
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
                    self.agreed_figure(line, figure, self.turns)
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

    def _turned_down(self, line: Line, figure: Figure) -> bool:
        """The figure's clause refuses it ('15.000 Euro sind für uns nicht darstellbar')."""
        clause = next((cl for cl in line.clauses if cl.start <= figure.start < cl.end), None)
        if clause is None:
            return False
        negation = self.c.signals["negation"]
        return bool(line.hits("negative", clause)) or bool(
            negation.search(line.text, figure.end, clause.end)
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
        if not hits or self.source != "transcript" or line.turn < RECAP_FROM * self.last_turn:
            return False
        items = [cl for cl in line.clauses if cl.end > hits[0][0] and not cl.question]
        return self.agreed_items(line, items, line.text[hits[0][0] : hits[0][1]])

    def agreed_items(self, line: Line, clauses: list[Clause], span: str) -> bool:
        """Each item of an agreed list is its own term: its figures, and its lever word when that
        names another lever than its figures ('die 6 Sorten auf Augenhöhe')."""
        c, found = self.c, False
        for clause in [item for cl in clauses for item in list_items(line.text, cl, c)]:
            if line.hits("conditional_deal", clause) or line.hits("negative", clause):
                continue
            inside = [cue for cue in line.lever_cues if clause.start <= cue.start < clause.end]
            if any(negated(line, cue.start, c) for cue in inside):
                continue
            figures = [f for f in line.figures if clause.start <= f.start < clause.end]
            for figure in figures:
                self.agreed_figure(line, figure, self.turns, line.quote(clause, c, MAX_TEXT))
                found = True
            levers = {self.figure_lever[(line.turn, f.start)][0] for f in figures}
            words = [
                cue
                for cue in inside
                if not c.weak_cues.fullmatch(cue.word)
                and cue.lever not in levers
                and not any(cue.start < f.end and f.start < cue.end for f in figures)
            ]
            if not words:
                continue
            lever = self.lever_of_text(line, clause, (words[0].start, words[0].end), "agreement")
            self.agreed_point(line, clause, lever, span, self.turns)
            found = True
        return found

    def agreed_figure(
        self, line: Line, figure: Figure, turns: list[int], item: str | None = None
    ) -> None:
        """An agreed figure; `item`: its point in an agreed list ('12.000 Euro Listungsgeld'),
        which says best what was agreed and replaces the wording of an earlier mention."""
        lever, text, measure = self.figure_lever[(line.turn, figure.start)]
        tags = ["agreed"] + ([f"measure={measure}"] if measure else [])
        tags += ["count"] if figure.unit == COUNT else []
        if item and len(item.split()) >= 2:
            text, tags = item, [*tags, "listed"]
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

    def agree_to_previous(self, line: Line, previous: Line) -> None:
        turns = sorted({previous.turn, line.turn} - {-1})
        # '15.000 Euro sind nicht darstellbar. Was halten Sie von 12.000 Euro?': a yes takes the
        # proposal, not the figure just turned down
        offered = [f for f in previous.figures if not self._turned_down(previous, f)]
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
