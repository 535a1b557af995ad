"""The buyer's interests beyond single words: what he offers or the KAM asks for, the worry the
KAM names back to him, and the goals he gives when asked for them."""

from __future__ import annotations

import re

from coach.planning.analysis import Line, competitor_names, negated
from coach.planning.levers import Hit
from coach.planning.merits import CONDITIONAL, word_of
from coach.planning.names import (
    asks_who,
    at_place,
    brand_names,
    given_names,
    known_brands,
    own_retailer,
    person_names,
    retailer_at,
    spoken_to,
)
from coach.planning.numbers import COUNT
from coach.planning.proofs import ProofReader
from coach.planning.sentences import Clause, list_items, sentence_of
from coach.planning.stance import stance

MAX_LISTED_GOALS = 3  # sentences of one answer to a question about goals
# a short worry that points back at what was just told ("Don't do that to me!", "So was will ich
# nicht noch mal")
_POINTS_BACK = re.compile(
    r"(?i)\b(?:do|did)\s+that\b|\bthat\s+again\b|\bso\s*was\b"
    r"|\bdas\s+(?:nicht\s+)?(?:noch\s+(?:ein)?mal|wieder)\b"
)
_ONLY_NOT = re.compile(r"(?i)\W*(?:not|nicht|no|kein\w*)\b[^.!?]{0,40}[.!?]?\s*$")
_ONLY = re.compile(r"(?i)\b(?:nur|only|just|erst)\b")
LISTED_GOAL_WORDS = 16  # a longer sentence explains rather than lists
# what the KAM gives on the shop floor (a second placement, a promotion) opens a chance there
SHOP_FLOOR = ("promotion", "placement")


class InterestReader(ProofReader):
    """Offers, named fears and goal answers, named contacts and known rivals, on top of the
    strengths and weaknesses reader."""

    def own_wish(self, line: Line, clause: Clause, hit: Hit) -> bool:
        """The speaker's own wish ('Ich will Ihnen entgegenkommen', 'we want to grow with you'),
        not the other side's goal he names ('Sie wollen, dass ...')."""
        return bool(self.c.sufferer.search(line.text, max(clause.start, hit[0] - 15), hit[1]))

    products: set[str]  # stems of the manufacturer's product words (ownership.py)
    kam_words: set[str]  # capitalised words the KAM uses (names.kam_names)
    quoted: set[str]  # words said in quotes (names.quoted_names)

    def chance(self, line: Line, clause: Clause, where: tuple[int, int]) -> None:
        """What is on the table but not agreed: the buyer's offer ('Ich kann Ihnen den
        Newsletter anbieten') or the KAM's ask ('im Gegenzug hätten wir gern die Stirnseite')."""
        hits = line.hits("chance" if line.speaker == "buyer" else "ask", clause)
        if not hits and line.speaker == "kam" and line.hits("proposal", clause):
            # 'Our proposal is one home for wraps: a meal block, two metres': the whole sentence
            hits, clause = line.hits("proposal", clause), sentence_of(clause)
        cues = [
            cue
            for cue in line.lever_cues
            if clause.start <= cue.start < clause.end and not self.c.weak_cues.fullmatch(cue.word)
        ]
        if not hits and line.speaker == "kam" and any(cue.lever in SHOP_FLOOR for cue in cues):
            hits = line.hits("chance", clause)  # 'ich gebe Ihnen eine Zweitplatzierung': a slot
        things = cues + [
            f for f in line.figures if clause.start <= f.start < clause.end and f.unit != COUNT
        ]
        refused = hits and (
            negated(line, hits[0][0], self.c, window=3)
            or self.c.signals["negation"].search(line.text, hits[0][0], hits[0][1])
        )
        if hits and things and not refused:
            self.text_fact("offer", line, clause, hits[0], where)

    def account_channel(self, line: Line, clause: Clause) -> None:
        """The account's own way to reach shoppers ('your K-Ruoka app', 'unser Newsletter',
        'Bonus card data'): a chance for the brand, whoever names it."""
        hits = [
            h
            for h in line.hits("account_channel", clause)
            if not negated(line, h[0], self.c) and not self.speakers_own(line, h)
        ]
        if hits and not clause.question:
            # one fact per channel: 'our K-Ruoka app' and 'the K-Ruoka app' are one chance
            name = " ".join(line.text[hits[0][0] : hits[0][1]].lower().split()[-2:])
            self.text_fact("trend", line, clause, hits[0], name, ["channel"], lever="promotion")

    def speakers_own(self, line: Line, hit: tuple[int, int]) -> bool:
        """'In unserem eigenen Webshop' in the KAM's mouth is the brand's own channel."""
        first = line.text[hit[0] : hit[1]].split()[0]
        own = self.c.self_possessive if line.speaker == "kam" else self.c.other_possessive
        return bool(own.fullmatch(first))

    def with_what_follows(self, line: Line, clause: Clause) -> Clause:
        """A short worry that names nothing ('My actual worry is different. Shelf life.',
        "That's what worries me. That the space is gone.") is quoted with the sentence after it."""
        sentence = sentence_of(clause)
        if any(sentence.start <= cue.start < sentence.end for cue in line.lever_cues):
            return clause
        if len(line.text[sentence.start : sentence.end].split()) > 8:
            return clause
        ends = sorted({cl.sentence_end for cl in line.clauses if cl.sentence_start >= sentence.end})
        starts = sorted(
            {cl.sentence_start for cl in line.clauses if cl.sentence_end <= sentence.start}
        )
        if _POINTS_BACK.search(line.text, sentence.start, sentence.end) and starts:
            # "... left them half-empty after a month. That killed it. Don't do that to me!"
            back = [st for st in starts if len(line.text[st : sentence.start].split()) <= 25]
            start = back[0] if back else starts[-1]
            return Clause(start, sentence.end, start, sentence.end, clause.question)
        if not ends:
            return clause
        # "That's what worries me. Not the five weeks. That the space is gone.": past a 'not'
        end = ends[0]
        if len(ends) > 1 and _ONLY_NOT.match(line.text[sentence.end : end]):
            end = ends[1]
        return Clause(sentence.start, end, sentence.start, end, clause.question)

    def suggestion(self, line: Line) -> None:
        """The buyer suggests as a question ('Could we try it somewhere first?', 'Können wir
        das erst in zwanzig Märkten testen?'): what he wants, so a goal of his."""
        if line.speaker != "buyer":
            return
        for clause in line.clauses:
            hits = line.hits("suggestion", clause) if clause.question else []
            if hits and not negated(line, hits[0][0], self.c):
                self.text_fact("goal", line, clause, hits[0], (line.turn, clause.start))

    def named_contact(self, line: Line, clause: Clause, owner_tag: list[str]) -> None:
        """'..., Herrn Albers': who decides; 'die laufen über Frau Özdemir. Die muss
        mitentscheiden.', 'Talk to Joris in data partnerships': a named contact to act."""
        if line.hits("regards", sentence_of(clause)):
            return  # 'Grüßen Sie Herrn Maurer von mir': a greeting, nobody to involve
        answer = asks_who(self.previous)
        contacts = [h for h in line.hits("contact", clause) if not spoken_to(line, *h, answer)]
        contacts += [hit for _, hit in person_names(line, clause, answer)]
        if contacts:
            key = (line.turn, clause.start, "person")
            self.text_fact("open_point", line, clause, contacts[0], key, owner_tag, lever="person")

    def asked_points(self, line: Line, clause: Clause) -> None:
        """'Können Sie mir den Palettensaldo schicken?' is the other side's to-do, 'Darf ich
        Ihnen die Daten schicken?' the speaker's own."""
        if not clause.question:
            return
        other = "buyer" if line.speaker == "kam" else "kam"
        for signal, owner in (("request", other), ("offer_to_send", line.speaker)):
            asked = line.hits(signal, clause)
            if asked:
                tags = [f"owner={owner}"] if owner else []
                self.text_fact(
                    "open_point", line, clause, asked[0], (line.turn, clause.start), tags
                )
                return

    def open_points(self, line: Line, clause: Clause) -> None:
        """What is still open in a statement: a to-do word, a deadline, a contact to involve;
        owned by the speaker, or by the other side when it is told to act ('Send me ...').
        A condition ('Wenn Sie ..., reden wir ...') opens nothing."""
        sentence = line.text[clause.sentence_start : clause.sentence_end]
        if self.c.conditional_start.search(sentence):
            return
        owner = line.speaker
        if owner and line.hits("imperative", clause):  # 'Send me the forms by Friday'
            owner = "buyer" if owner == "kam" else "kam"
        tags = [f"owner={owner}"] if owner else []
        opened = line.hits("open_point", clause)
        if opened:
            self.text_fact("open_point", line, clause, opened[0], (line.turn, clause.start), tags)
        else:
            self.deadline_todo(line, clause, tags)
        self.named_contact(line, clause, tags)

    def deadline_todo(self, line: Line, clause: Clause, tags: list[str]) -> None:
        """What is due by a date is still to do ('Die Aufschlüsselung bekommen Sie bis KW 18',
        'Decision on the cost price by the 14th'): an open point, owned by whoever must act."""
        if clause.question:
            return
        sentence = line.text[clause.sentence_start : clause.sentence_end]
        if sentence.count(",") >= 2 or CONDITIONAL.search(sentence):
            return  # a recap of terms ('85 Prozent bis Ende Oktober, Sticks raus, ...') or a
            # condition ('Drei Facings, wenn bis KW 24 alles geliefert ist') sets no to-do
        for date in line.dates:
            if date.past or not clause.start <= date.start < clause.end:
                continue
            # 'bis KW 18'; or a meeting to fix or a task set for a date ('Termin im Oktober',
            # 'Legen Sie das zum Jahresgespräch im November vor')
            due = self.c.deadline_lead.match(date.text) or any(
                line.hits(name, clause) for name in ("meeting", "imperative")
            )
            if due and not _period_end(line, date.start):
                hit = (date.start, date.end)
                self.text_fact("open_point", line, clause, hit, (line.turn, clause.start), tags)
                return

    def named_rivals(self, line: Line, clause: Clause) -> None:
        """Capitalised names before a rival's verb ('Fizzco offers') or in the buyer's sentence
        ('nehme ich sie Zewa weg'), unless the name is ours, the account's or a campaign's."""
        c = self.c
        # 'Klarwerk hat 27 % Anteil, wir sind die Nummer eins': the KAM names his own company
        if clause.question or line.speaker == "kam" and c.self_words.search(line.text):
            return
        # 'Hannah runs that': a colleague, no rival
        named = competitor_names(line, clause, c)
        named = [(name, hit) for name, hit in named if name.split()[0] not in given_names()]
        named += [
            (name, (a, b))
            for name, (a, b) in brand_names(line, clause, c, self.kam_words)
            if not any(x < b and a < y for _, (x, y) in named)  # 'Fuego Rojo', not 'Rojo'
        ]
        for name, hit in named:
            if line.speaker == "kam" and retailer_at(line, *hit) or own_retailer(line, *hit):
                continue  # 'seit Januar liegen wir bei Kaufland wieder bei 98,4 Prozent'
            if name.split()[0].lower()[:5] in self.products:
                continue  # 'where Brightfield Original sells', after 'our Brightfield range'
            # 'Act II is also pitching me for Filmavond' after a 'Filmavond' theme: a rival's
            # move, but the quoted word names the campaign, not the rival
            tags = [] if name.split()[0] in self.quoted else [f"name={name}"]
            self.text_fact("competitor", line, clause, hit, name.lower(), tags)

    def rival_words(self, line: Line, clause: Clause) -> None:
        """'die Eigenmarke', 'Discounter', 'online': rivals and other channels by their words."""
        for hit in line.hits("competitor", clause):
            if line.speaker == "kam" and at_place(line, hit[0]) or own_retailer(line, *hit):
                continue  # 'plus 18 Prozent im Drogeriekanal', 'wir bei dm': where we sell
            if negated(line, hit[0], self.c, window=3):
                continue  # 'das bietet mir sonst keiner Ihrer Wettbewerber': no rival's move
            self.text_fact("competitor", line, clause, hit, word_of(line, hit), exclude_self=True)

    def known_rivals(self, line: Line, clause: Clause) -> None:
        """Retailers and brands of the market ('nehme ich sie Zewa weg'), unless the KAM made
        the brand his own ('unsere Wasa')."""
        for name, hit in known_brands(line, clause):
            if line.speaker == "kam" and negated(line, hit[0], self.c, window=2):
                continue  # 'die kommen also nicht von Philadelphia': no rival's move
            if name.lower()[:5] not in self.products and not own_retailer(line, *hit):
                self.text_fact("competitor", line, clause, hit, name.lower(), [f"name={name}"])

    def rivals_gain(self, line: Line, clause: Clause, positive: list[tuple[int, int]]) -> bool:
        """A rival named before the good news is its subject ('DASH is up forty', 'unsere
        eigene bi good ist um zwanzig Prozent gewachsen'): its gain, a threat, no trend."""
        # 'Exquisa ist bei uns nur in 40 Prozent der Märkte gelistet': the rival's gap, our chance
        return bool(positive) and any(
            at < positive[0][0] and not _ONLY.search(line.text, at, positive[0][0])
            for at in self.rivals_at
        )

    def stance_fallback(self, line: Line, clause: Clause, where: tuple[int, int]) -> None:
        """No specific rule placed the clause: the general stance table may (stance.py)."""
        found = stance(line, clause, self.c)
        if found is None:
            return
        kind, hit = found
        if kind in ("goal", "trend") and line.speaker != "buyer":
            return
        if kind == "strength" and line.hits("cost_rise", clause):
            return  # 'Your appendix says flour is up 9 percent': a cost, no success
        if kind == "competitor" and own_retailer(line, *hit):
            return  # 'We at Tesco don't pay listing fees': the buyer's own company
        if kind == "competitor" and negated(line, hit[0], self.c, window=3):
            return  # 'Kein Wettbewerber liefert so zuverlässig': no rival named
        if kind == "competitor" and line.speaker == "kam":
            if retailer_at(line, *hit):
                return  # 'Bei Globus und Rewe läuft sie sehr gut': a reference customer
        sentence = sentence_of(clause)
        if kind == "strength" and (
            line.hits("weakness", sentence)
            or line.hits("apology", sentence)
            or line.hits("courtesy", sentence)
        ):
            return  # 'Halloween was our failure: we underestimated demand ...' admits, no argument
        with_figure = any(
            clause.start <= f.start < clause.end and f.unit != COUNT for f in line.figures
        )
        # 'our service level last year was 98.7%' is a strength with its figure; an offer or a
        # demand with a figure is not ('we offer 3 % more', 'ich erwarte 98 %')
        bargaining = line.hits("demand", clause) or line.hits("offer", clause)
        if (
            line.hits("open_point", clause)
            or with_figure
            and (kind not in ("strength", "weakness") or bargaining)
            or any(clause.start <= d.start < clause.end and not d.past for d in line.dates)
        ):
            return  # a to-do or a demand with a figure is no SWOT item; a bare count may be
        if kind == "strength" and any(
            cue.lever == "price" and clause.start <= cue.start < clause.end
            for cue in line.lever_cues
        ):
            return  # rising costs or prices are no strength
        self.text_fact(kind, line, clause, hit, where, ["stance"])

    def named_fear(self, line: Line, clause: Clause) -> None:
        """The KAM asks back about the buyer's worry: a fear of the buyer's, in his words."""
        c = self.c
        fear = [h for h in line.hits("fear", clause) if not negated(line, h[0], c, window=2)]
        if fear and c.other_words.search(line.text, clause.start, clause.end):
            self.text_fact("fear", line, clause, fear[0], (line.turn, clause.start))

    def ultimatum(self, line: Line) -> None:
        """'Weniger Paletten und ein Rückgaberecht. Sonst mach ich's nicht.': what the buyer
        says right before his 'sonst'/'otherwise' is what he wants."""
        if line.speaker != "buyer":
            return
        starts = sorted({cl.sentence_start for cl in line.clauses})
        for before, start in zip(starts, starts[1:], strict=False):
            if not self.c.ultimatum_start.match(line.text[start:]):
                continue
            wanted = [cl for cl in line.clauses if cl.sentence_start == before]
            if not wanted or any(cl.question for cl in wanted):
                continue
            sentence = sentence_of(wanted[0])
            words = re.findall(r"[\w'-]+", line.text[sentence.start : sentence.end].lower())
            if len([w for w in words if w not in self.c.stopwords]) < 2:
                continue
            # 'weniger Paletten, und ein Rückgaberecht': each item its own goal, on its own lever
            for item in [it for cl in wanted for it in list_items(line.text, cl, self.c)]:
                hit = (item.start, item.end)
                self.text_fact("goal", line, item, hit, (line.turn, item.start))

    def goal_answer(self, line: Line) -> None:
        """The first real sentence answering the KAM's question about goals is a goal, and so
        are the short sentences that list more of them right after it."""
        previous, c = self.previous, self.c
        if line.speaker != "buyer" or previous is None or previous.speaker != "kam":
            return
        if not any(
            cl.question and c.goal_questions.search(previous.text[cl.start : cl.end])
            for cl in previous.clauses
        ):
            return
        said: list[int] = []  # sentences already quoted as goals
        for clause in line.clauses:
            words = re.sub(r"[^\w\s'-]", "", line.text[clause.start : clause.end]).strip().lower()
            if not words or words in c.fillers:
                continue
            if said:  # 'A reliable number. Compensation for the leaflet.': a short list goes on
                if (
                    clause.question
                    or len(said) >= MAX_LISTED_GOALS
                    or len(line.text[clause.sentence_start : clause.sentence_end].split())
                    > LISTED_GOAL_WORDS
                ):
                    return
                if clause.sentence_start in said or line.hits("goal", clause):
                    continue
                self.text_fact(
                    "goal", line, clause, (clause.start, clause.end), (line.turn, clause.start)
                )
                said.append(clause.sentence_start)
                continue
            if clause.question:
                continue
            if line.hits("goal", clause):
                return
            if c.confirmations.fullmatch(words):
                # 'Also brauchen Sie vor allem Planbarkeit?' - 'Genau.': the goal is the paraphrase
                asked = next(cl for cl in previous.clauses if cl.question)
                with self.citing([previous.turn, line.turn]):
                    where = (line.turn, asked.start)
                    self.text_fact("goal", previous, asked, (asked.start, asked.end), where)
                return
            self.text_fact(
                "goal", line, clause, (clause.start, clause.end), (line.turn, clause.start)
            )
            said.append(clause.sentence_start)


# 'von Oktober', 'from October': the text before a date and the date
_PERIOD_START = re.compile(
    r"(?i)\b(?:von|vom|ab|seit|zwischen|from|since|between)\s+(?:\w+\s+){0,2}\w+$"
)


def _period_end(line: Line, start: int) -> bool:
    """'von Oktober bis Januar', 'from March until June': the 'bis' ends a period, no deadline."""
    return any(
        d.end <= start
        and not line.text[d.end : start].strip()
        and bool(_PERIOD_START.search(line.text[max(0, d.start - 20) : d.start] + " " + d.text))
        for d in line.dates
    )
