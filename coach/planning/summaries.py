"""Agreements said as a whole: a yes in a sentence, a recap or a closing list of terms, and the
other side's whole proposal taken ('Ich nehme Ihren Vorschlag mit')."""

from __future__ import annotations

import re

from coach.domain import Lever
from coach.planning.agreements import BIDS, MAX_TEXT, RECAP_FROM, AgreementReader
from coach.planning.analysis import Line, hedged, negated, negated_after
from coach.planning.lexicon import Cues
from coach.planning.number_words import bare_numbers
from coach.planning.sentences import Clause, list_items, sentence_of
from coach.scoring.figures import Figure

# 'Gut, dann direkt:', 'Okay, then to the price': a yes that only turns to the next point
_TURNS_ON = re.compile(r"(?i),?\s*(?:dann|also|zum|zur|then|now|next|on\s+to|to\s+the)\b")
# a listing sentence that asks, demands, refuses or makes conditions sums up nothing
TAIL_MARKS = (",", ";", ":", "–", "-", "—")  # 'Viereinhalb, Deal.': the yes is set off
CLOSING_VETO = (
    "goal",
    "demand",
    "negative",
    "conditional_deal",
    "condition",
    "offer",
    "ask",
    "imperative",  # "Get me thirty-four and a listing fee ..." asks for more
    "threat",  # "..., or I take the cans down to four facings" threatens
)


class TermReader(AgreementReader):
    """Which terms a line agrees, one fact per term; the single-term readings come from below."""

    def agreements(self, line: Line) -> None:
        """Figures said yes to (in the same sentence), or a bare 'Deal.' to the last proposal."""
        c = self.c
        if self.recap(line) or self.proposal_taken(line):
            return
        self.restated_terms(line)
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
                and not _TURNS_ON.match(line.text, h[1])  # 'Gut, dann direkt: ...' moves on
                and (
                    not line.text[clause.sentence_start : h[0]].strip(" ,.:;-–")
                    or not line.text[h[1] : clause.sentence_end].strip(" ,.:;!-–")
                )
            ]
            weak += [  # '150 stores, yes.', not '... of drink picks in the deal.'
                h
                for h in line.hits("agreement_tail", clause)
                if not line.text[h[1] : clause.sentence_end].strip(" ,.:;!-–")
                and line.text[clause.sentence_start : h[0]].strip(" ,.:;-–")
                and line.text[clause.sentence_start : h[0]].rstrip()[-1:] in TAIL_MARKS
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
            if not strong:  # '800 is fine for the first wave' may still name its term
                self.accepted_term(line, clause, in_sentence)
                continue
            rest = line.text[strong[0][1] : clause.end].strip(" ,.;:!–-")
            terms = self.terms_before(line, clause, strong[0])
            if terms and not rest:  # 'Three thousand, claims review on us. Agreed.'
                self.agreed_items(line, terms, line.text[strong[0][0] : strong[0][1]])
                continue
            # 'Einverstanden, das machen wir so': the rest names nothing, it points back
            names = any(strong[0][1] <= cue.start < clause.end for cue in line.lever_cues)
            if len(rest.split()) >= 3 and not names and self.answers_other(line):
                self.agree_to_previous(line, self.previous)  # type: ignore[arg-type]
            elif len(rest.split()) >= 3:
                lever = self.lever_of_text(line, clause, strong[0], "agreement")
                span = line.text[strong[0][0] : strong[0][1]]
                self.agreed_point(line, clause, lever, span, self.turns)
            elif self.answers_other(line):
                self.agree_to_previous(line, self.previous)  # type: ignore[arg-type]

    def accepted_term(self, line: Line, clause: Clause, figures: list[Figure]) -> None:
        """A yes to a term the sentence names ('800 is fine for the first wave', 'Den
        Planogrammvorschlag nehme ich'): that term alone is agreed, never the whole last bid."""
        accepts = [h for h in line.hits("accepts_term", clause) if not negated(line, h[0], self.c)]
        if not accepts or self.source != "transcript":
            return
        echoes = [e for e, _ in self.echoes(line, clause.sentence_start, clause.sentence_end)]
        if figures or echoes:
            for figure in figures or echoes:
                self.agreed_figure(line, figure, self.turns)
            return
        bid = self.previous.text.lower() if self.previous is not None else ""
        subject = [  # 'Den Planogrammvorschlag nehme ich' after the KAM's Planogrammvorschlag
            cue
            for cue in line.lever_cues
            if clause.sentence_start <= cue.start < accepts[0][0]
            and not self.c.weak_cues.fullmatch(cue.word)
            and cue.word.lower() in bid
        ]
        if not subject or not self.answers_other(line):
            return
        lever = self.lever_of_text(line, clause, (subject[0].start, subject[0].end), "agreement")
        self.agreed_point(line, clause, lever, line.text[accepts[0][0] : accepts[0][1]], self.turns)

    def restated_terms(self, line: Line) -> None:
        """A yes to the other side's bid with its terms said again, in the yes's sentence or
        next to a short one ('Gut. Vier Wochen Bio zum Freilandpreis, Etiketten bis Mittwoch,
        einverstanden.', 'Twenty pallets per flyer week. Good.', 'Okay, das ist vernünftig.
        Maiskeimöl raus, der Kanister bekommt zwei Facings.'): each item that repeats the bid is
        agreed, in the answer's words."""
        previous = self.previous
        if previous is None or not self.answers_other(line) or self.source != "transcript":
            return
        if not any(previous.signals.get(s) for s in BIDS) and not (
            previous.figures and any(cl.question for cl in previous.clauses)
        ):
            return  # an answer to a plain question or a report restates it without agreeing
        said = self.content_words(previous.text) | self.numbers(previous, 0, len(previous.text))
        starts = sorted({cl.sentence_start for cl in line.clauses})
        sentences = [[cl for cl in line.clauses if cl.sentence_start == s] for s in starts]
        yes = [self.says_yes(line, sentence) for sentence in sentences]
        for i, sentence in enumerate(sentences):
            # the yes in this sentence, or in a short sentence of its own just before or after
            near = [yes[i]] + [
                yes[j]
                for j in (i - 1, i + 1)
                if 0 <= j < len(sentences) and yes[j] and self.short(line, sentences[j])
            ]
            hit = next((h for h in near if h), None)
            _, _, refused = listed_terms(line, sentence, self.c, [], negation=True)
            if hit is None or refused:
                continue
            items = [
                item
                for cl in sentence
                for item in list_items(line.text, cl, self.c)
                if self.restated(line, item, said) and not self.only_yes(line, item, hit)
            ]
            if items:  # 'Maiskeimöl raus' is a term without a lever word
                self.agreed_items(line, items, line.text[hit[0] : hit[1]], every_item=True)

    def only_yes(self, line: Line, item: Clause, hit: tuple[int, int]) -> bool:
        """The item is the yes and nothing before it ('Machen wir gern.'; '250 schaffen wir'
        names a term)."""
        return item.start <= hit[0] < item.end and not line.text[item.start : hit[0]].strip(
            " ,.:;-–"
        )

    def restated(self, line: Line, item: Clause, said: set[str]) -> bool:
        """The item repeats the bid: one of its numbers, or a word that is no function word; a
        figure of the past ('seit Februar 97,2') is a report, no term."""
        if any(item.start <= f.start < item.end and self.in_past(line, f) for f in line.figures):
            return False
        if any(line.hits(name, item) for name in ("open_point", "request", "goal", "demand")):
            return False  # 'Send me the data by store' asks for more
        text = line.text[item.start : item.end]
        if self.numbers(line, item.start, item.end) & said:
            return True
        shared = self.content_words(text) & said
        # 'Maiskeimöl raus', 'low-carb in': a short item naming what the bid named
        termed = any(item.start <= cue.start < item.end for cue in line.lever_cues) or any(
            item.start <= d.start < item.end for d in line.dates
        )
        return len(shared) >= 2 or bool(shared) and (termed or len(text.split()) <= 2)

    def numbers(self, line: Line, start: int, end: int) -> set[str]:
        found = {f"{v:g}" for v, _, _ in bare_numbers(line.text[start:end], line.lang)}
        return found | {f"{f.value:g}" for f in line.figures if start <= f.start < end}

    def says_yes(self, line: Line, sentence: list[Clause]) -> tuple[int, int] | None:
        """The first yes of a sentence that neither asks nor sets conditions nor says no; a weak
        yes ('gut', 'fine') only at its start or end ('um gut 25 %' says no yes)."""
        c = self.c
        if any(cl.question or line.hits("conditional_deal", cl) for cl in sentence):
            return None
        start, end = sentence[0].sentence_start, sentence[0].sentence_end
        for cl in sentence:
            for h in line.hits("agreement_strong", cl):
                if not negated(line, h[0], c) and not hedged(line, h[0], c):
                    return h
            for name in ("agreement_weak", "agreement_tail", "agreement_alone"):
                for h in line.hits(name, cl):
                    # 'Gut.', 'Okay,' but not 'Good morning'
                    at_start = not line.text[start : h[0]].strip(" ,.:;-–") and bool(
                        re.match(r"\s*[,.:;!–-]", line.text[h[1] :])
                    )
                    # '3 SKUs, okay.', '250 schaffen wir.', not 'Die Bewertungen sind gut.'
                    before = line.text[start : h[0]].rstrip()
                    at_end = not line.text[h[1] : end].strip(" ,.:;!-–") and (
                        not before or before[-1] in TAIL_MARKS or name == "agreement_alone"
                    )
                    if (at_end or at_start and name == "agreement_weak") and not negated(
                        line, h[0], c
                    ):
                        return h
        return None

    def short(self, line: Line, sentence: list[Clause]) -> bool:
        """A sentence of a few words ('Good.', 'Okay, das ist vernünftig.')."""
        return len(line.text[sentence[0].sentence_start : sentence[0].sentence_end].split()) <= 5

    def content_words(self, text: str) -> set[str]:
        """Words of four letters or more that are no function words, cut to a stem of six."""
        c = self.c
        return {
            w[:6]
            for w in re.findall(r"[^\W\d_][\w-]{3,}", text.lower())
            if w not in c.stopwords and w not in c.function_words
        }

    def terms_before(self, line: Line, clause: Clause, hit: tuple[int, int]) -> list[Clause]:
        """A yes said alone after the speaker's own list of terms ('Three thousand, claims review
        on us, you pick the pilot stores. Agreed.'): the clauses of that list."""
        c = self.c
        if line.text[clause.sentence_start : hit[0]].strip(" ,.;:!–-"):
            return []
        before = [cl for cl in line.clauses if cl.sentence_end <= clause.sentence_start]
        if not before:
            return []
        start = before[-1].sentence_start
        sentence = [cl for cl in before if cl.sentence_start == start]
        anchors = [f.start for f in line.figures] + [cue.start for cue in line.lever_cues]
        items, termed, refused = listed_terms(line, sentence, c, anchors)
        return sentence if items >= 2 and termed and not refused else []

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
        items = [cl for cl in proposal.clauses if not cl.question]
        span = line.text[taken[0][0] : taken[0][1]]
        with self.citing([proposal.turn, line.turn]):
            return self.agreed_items(proposal, items, span, every_item=True)

    def recap(self, line: Line) -> bool:
        """A closing recap ('Zusammengefasst: 4 % ab März, zwei Aktionen in Q2, ...'): every figure
        and every point with a lever word after the recap word is agreed, one fact per item."""
        hits = line.signals.get("recap", [])
        if self.source != "transcript" or line.turn < RECAP_FROM * self.last_turn:
            return False
        previous = self.previous
        if not hits and previous is not None and previous.speaker != line.speaker:
            if previous.signals.get("recap_request"):  # 'Can you summarise?' - 'Gladly. ...'
                items = [cl for cl in line.clauses if not cl.question]
                if self.agreed_items(line, items, ""):
                    return True
        if not hits:  # the buyer's closing list is his yes; the KAM's own list may still be a bid
            return line.speaker == "buyer" and self.closing_list(line)
        items = [cl for cl in line.clauses if cl.end > hits[0][0] and not cl.question]
        if self.agreed_items(line, items, line.text[hits[0][0] : hits[0][1]]):
            return True
        # '4,5 Prozent, Preisgarantie, 50.000 WKZ. Dann haben wir einen Deal.': the list came first
        return line.speaker == "buyer" and self.closing_list(line)

    def closing_list(self, line: Line) -> bool:
        """Near the end, a sentence that only lists terms ('Pilot in twelve hotels, from March,
        at 6.5.', 'Ein Facing weg, Displays im Herbst, ...') sums up what was agreed."""
        c, found = self.c, False
        for start in sorted({cl.sentence_start for cl in line.clauses}):
            sentence = [cl for cl in line.clauses if cl.sentence_start == start]
            anchors = [f.start for f in line.figures] + [d.start for d in line.dates]
            items, termed, refused = listed_terms(line, sentence, c, anchors, negation=True)
            if items >= 3 and termed >= 2 and not refused:
                found = self.agreed_items(line, sentence, "") or found
        return found

    def agreed_items(
        self, line: Line, clauses: list[Clause], span: str, every_item: bool = False
    ) -> bool:
        """Each item of an agreed list is its own term: its figures, and its lever word when that
        names another lever than its figures ('die 6 Sorten auf Augenhöhe')."""
        c, found = self.c, False
        for clause in [item for cl in clauses for item in list_items(line.text, cl, c)]:
            figures = [  # '30-pack paused until September': the pack names the point
                f
                for f in line.figures
                if clause.start <= f.start < clause.end and not self.pack_size(line, f)
            ]
            # 'waste under 6% by June' is a target on a bad thing, not a point turned down
            turned_down = line.hits("negative", clause) and not figures
            if line.hits("conditional_deal", clause) or turned_down:
                continue
            if line.hits("still_open", sentence_of(clause)):
                continue  # 'Offen ist nur die Höhe des WKZ': left open, not agreed
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


def listed_terms(
    line: Line, sentence: list[Clause], c: Cues, anchors: list[int], negation: bool = False
) -> tuple[int, int, bool]:
    """A sentence read as a list of terms: how many items it lists, how many hold an anchor (a
    figure, a date, a lever word), and whether it asks, demands or sets conditions (or, with
    `negation`, says no) instead of summing up."""
    items = [it for cl in sentence for it in list_items(line.text, cl, c)]
    termed = sum(1 for it in items if any(it.start <= a < it.end for a in anchors))
    refused = any(
        cl.question
        or any(line.hits(name, cl) for name in CLOSING_VETO)
        or negation
        and bool(c.signals["negation"].search(line.text, cl.start, cl.end))
        for cl in sentence
    )
    return len(items), termed, refused
