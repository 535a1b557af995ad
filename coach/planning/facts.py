"""Facts of a negotiation, each tied to a 6-P lever and the turns it came from.

Rule-based and deterministic: figures with units (via coach.scoring.figures), dates, the buyer's
goals, pains and fears, competitors and threats, the manufacturer's strengths and weaknesses,
agreed terms and open points. Texts are quotes of the source, so no number is ever made up.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

from coach.domain import Fact, Lang, Lever, Scenario, Speaker, Transcript
from coach.planning.analysis import Line, analyse_line, clause_only, negated, owner_of
from coach.planning.interests import InterestReader
from coach.planning.lexicon import cues
from coach.planning.merits import MAX_TEXT, word_of
from coach.planning.names import (
    kam_names,
    quoted_names,
)
from coach.planning.number_words import figure_key, money_of_the_talk, thousands_left_out
from coach.planning.numbers import COUNT, SHARE
from coach.planning.ownership import owner_by_name, remember_products
from coach.planning.quotes import figure_quote, with_writers_apostrophes
from coach.planning.sentences import Clause, sentence_of
from coach.planning.terms import without_haggled_bids
from coach.scoring.figures import Figure


def analyse_transcript(transcript: Transcript) -> list[Line]:
    """Every non-empty turn, analysed; turn indices stay those of `transcript.turns`."""
    return [
        analyse_line(i, turn.speaker, turn.text, transcript.lang)
        for i, turn in enumerate(transcript.turns)
        if turn.text and turn.text.strip()
    ]


def scenario_lines(scenario: Scenario, lang: Lang) -> list[Line]:
    """The scenario's situation (the buyer's side) and the brief's data (the KAM's own figures)."""
    lines = [analyse_line(-1, "buyer", scenario.account.situation, lang)]
    lines += [analyse_line(-1, "kam", item, lang) for item in scenario.brief.data]
    return [line for line in lines if line.text.strip()]


def extract_facts(transcript: Transcript, scenario: Scenario | None = None) -> list[Fact]:
    """All facts of a transcript (and its scenario, when given), in order of first mention."""
    extractor = _Extractor(transcript.lang)
    extractor.last_turn = len(transcript.turns) - 1
    lines = analyse_transcript(transcript)
    extractor.kam_words = kam_names(lines)
    extractor.quoted = quoted_names(lines)
    if scenario is not None:
        for line in scenario_lines(scenario, transcript.lang):
            extractor.read(line, source="scenario")
    for line in lines:
        extractor.read(line)
    facts = without_haggled_bids(merged(list(extractor.facts.values())))
    return with_writers_apostrophes(facts, transcript)


def merged(facts: list[Fact]) -> list[Fact]:
    """One fact per quote: 'Fressnapf und die Eigenmarke von Aldi sind 20 Cent günstiger' is one
    competitor fact, however many names it holds. Figures and dates stay one per span."""
    kept: dict[tuple[object, ...], Fact] = {}
    for fact in facts:
        key: tuple[object, ...] = (fact.kind, fact.lever, fact.text, fact.source)
        if fact.kind in ("figure", "date", "agreement"):
            key += (fact.value, fact.unit, fact.span)
        known = kept.get(key)
        if known is None:
            kept[key] = fact
            continue
        known.turns = sorted(set(known.turns) | set(fact.turns))
        known.tags = sorted(set(known.tags) | set(fact.tags))
    return list(kept.values())


class _Extractor(InterestReader):
    """Reads lines in order; remembers figures and topics so later lines can lean on them."""

    def __init__(self, lang: Lang) -> None:
        super().__init__(cues(lang))
        self.lang = lang
        self.facts: dict[tuple[object, ...], Fact] = {}
        self.previous: Line | None = None
        self.placed = False
        self.placed_kinds: set[str] = set()
        self.rivals_at: list[int] = []
        self.proposals = {}
        self.status_quo = set()
        self.proposals_by = {}
        self.products: set[str] = set()
        self.kam_words: set[str] = set()  # capitalised words the KAM uses: no rival's names
        self.quoted: set[str] = set()  # words said in quotes: campaigns and themes, no rivals

    # --- bookkeeping ---------------------------------------------------------------------------

    def add(self, key: tuple[object, ...], fact: Fact) -> None:
        known = self.facts.get(key)
        if known is None:
            self.facts[key] = fact
            return
        if "listed" in fact.tags:
            # the point of an agreed list says best what was agreed, the latest list (the
            # closing recap) best of all
            known.text = fact.text
        known.turns = sorted(set(known.turns) | set(fact.turns))
        known.tags = sorted(set(known.tags) | set(fact.tags))

    # --- reading -------------------------------------------------------------------------------

    def read(self, line: Line, source: str = "transcript") -> None:
        self.source: Literal["transcript", "scenario"] = (
            "scenario" if source == "scenario" else "transcript"
        )
        self.speaker: Speaker | None = line.speaker if self.source == "transcript" else None
        self.turns = [line.turn] if line.turn >= 0 else []
        line.figures[:] = thousands_left_out(line.figures, self.history, line.turn)
        line.figures[:] = money_of_the_talk(line.figures, self.history)
        for clause in line.clauses:
            for figure in [f for f in line.figures if clause.start <= f.start < clause.end]:
                self.figure(line, clause, figure)
        for clause in line.clauses:
            for date in [d for d in line.dates if clause.start <= d.start < clause.end]:
                self.date(line, clause, date.start, date.end, date.text, date.quarter, date.past)
            self.signals(line, clause)
        self.goal_answer(line)
        self.suggestion(line)
        self.ultimatum(line)
        self.agreements(line)
        figure_levers = [
            self.figure_lever[(line.turn, f.start)][0]
            for f in line.figures
            if (line.turn, f.start) in self.figure_lever
            and f.unit != COUNT
            and (f.unit or f.lever)  # a bare amount ('Vier Millionen') takes, never gives, a topic
        ]
        self.recent.append([cue.lever for cue in line.lever_cues] + figure_levers)
        if self.source == "transcript":
            if line.signals.get("offer") and line.speaker:
                self.proposals_by[line.speaker] = line
            self.previous = line
            remember_products(line, self.c, self.products)

    def figure(self, line: Line, clause: Clause, figure: Figure) -> None:
        lever, measure = self.lever_of_figure(line, clause, figure, line.turn)
        cost = line.speaker == "kam" and bool(line.hits("cost_rise", clause))
        if cost:
            lever = "price"  # 'Pfeffer ist im Einkauf um dreißig Prozent gestiegen': a cost
        kpi = line.hits("supplier_kpi", clause)
        if kpi and lever == "performance" and figure.unit == "%":  # 'service level ... 89%'
            measure = line.text[kpi[0][0] : kpi[0][1]]
        text = figure_quote(line, clause, figure, measure, self.c)
        self.figure_lever[(line.turn, figure.start)] = (lever, text, measure)
        if self.source == "transcript":
            said = self.proposals.setdefault(figure_key(figure), [])
            said.append((line.turn, line.speaker, lever, text, figure.unit))
        self.history.append((figure.value, figure.unit, lever, line.turn))
        tags = set()
        if line.hits("demand", clause) and line.speaker == "buyer":
            tags.add("demand")
        if (line.hits("offer", clause) and line.speaker == "kam") or line.hits(
            "conditional_deal", clause
        ):
            tags.add("offer")
        if self.weakness_hit(line, clause, owner_of(line, clause, self.c)) or line.hits(
            "negative", clause
        ):
            tags.add("baseline")  # a figure named as a problem is where we stand, not a target
        if (
            self.in_past(line, figure)
            or self.standing(line, clause)
            or line.hits("past_report", clause)
        ):
            self.status_quo.add((line.turn, figure.start))
        if measure:
            tags.add(f"measure={measure}")
        if cost:
            tags.add("cost")  # a market cost, not where the account's KPI stands
        if figure.unit == COUNT:
            tags.add("count")  # '2 Fahrer', 'zweimal': the quote, not the bare number, says what
        fact = Fact(
            kind="figure",
            lever=lever,
            text=text,
            value=figure.value,
            unit=None if figure.unit in (SHARE, COUNT) else figure.unit or None,
            span=figure.span,
            speaker=self.speaker,
            turns=self.turns,
            tags=sorted(tags),
            source=self.source,
        )
        self.add(("figure", lever, round(figure.value, 6), figure.unit), fact)

    def date(
        self,
        line: Line,
        clause: Clause,
        start: int,
        end: int,
        text: str,
        quarter: str | None,
        past: bool = False,
    ) -> None:
        lever = self.lever_of_date(line, clause, start, end, text)
        key = _date_core(text, self.c.date_prepositions)
        # like a figure, a date is quoted with its clause: 'bis KW 30' says less than 'Den
        # Planogramm-Entwurf schick ich Ihnen bis KW 30'
        quote = line.quote(clause, self.c, MAX_TEXT) if self.source == "transcript" else text
        fact = Fact(
            kind="date",
            lever=lever,
            text=quote if text.lower() in quote.lower() else text,
            span=text,
            quarter=quarter,
            tags=["past"] if past else [],
            speaker=self.speaker,
            turns=self.turns,
            source=self.source,
        )
        self.add(("date", key, lever), fact)

    def signals(self, line: Line, clause: Clause) -> None:
        c = self.c
        self.placed = False  # set by text_fact once the clause has a SWOT fact
        self.placed_kinds = set()
        self.rivals_at = []
        by_buyer = line.speaker == "buyer"
        self.asked_points(line, clause)
        if clause.question and not by_buyer:
            self.named_fear(line, clause)  # 'Sie befürchten also, dass ...?' names his worry
            return
        words = re.findall(r"[\w'-]+", line.text[clause.start : clause.end].lower())
        if len([w for w in words if w not in c.stopwords]) < 2:
            if clause.end >= clause.sentence_end and line.hits("competitor", clause):
                # 'Lidl. They've been running ...': a rival named alone answers a question
                for hit in line.hits("competitor", clause):
                    self.text_fact("competitor", line, clause, hit, word_of(line, hit))
            if clause.end >= clause.sentence_end:
                return  # "Das ist das Problem." names no fact
            # "It's fixed, and we've moved you to weekly replenishment": the sentence goes on
            clause = dataclasses.replace(clause, end=clause.sentence_end)
        owner = owner_of(line, clause, c) or owner_by_name(line, clause, self.products)
        where = (line.turn, clause.start)
        # 'Klarwerk hat 27 % Anteil, wir sind die Nummer eins': the KAM names his own company
        self.named_rivals(line, clause)
        self.known_rivals(line, clause)
        self.rival_words(line, clause)
        for hit in line.hits("threat", clause)[:1]:
            # 'ob ich die Sticks nicht durch die Eigenmarke ersetze' is still a threat
            # 'ob wir nicht ganz auf Eigenmarke gehen': a 'nicht' after 'ob' asks, it denies nothing
            pondered = c.whether.search(line.text, clause.start, hit[0])
            if by_buyer and (pondered or not negated(line, hit[0], c, window=3)):
                self.text_fact("threat", line, clause, hit, word_of(line, hit))
        blamed = self.blamed_cause(line, clause)  # 'Das war der Streik im Hafen.': ours
        for signal, lever in _MARKET_SHOCKS if not blamed else ():
            risen = line.hits(signal, clause) if line.speaker == "kam" else []
            if risen and not clause.question:  # 'Pulp has gone up 35 %': a market risk
                hit = risen[0]
                self.text_fact("threat", line, clause, hit, word_of(line, hit), lever=lever)
                return
        settled = line.hits("agreement_strong", clause)  # 'Wir schreiben die Abschriften gut'
        weakness = None if settled else self.weakness_hit(line, clause, owner)
        asked = weakness and clause.question and line.text[weakness[0] : weakness[1]].lower()
        if asked and "problem" in asked:
            weakness = None  # 'Is that a problem for you?' asks about one, it reports none
        negative = self.negative_hits(line, clause)
        if by_buyer:  # 'That costs us credibility'; in the KAM's mouth it is his own cost
            negative += [h for h in line.hits("hurt", clause) if not negated(line, h[0], c)]
            negative += [h for h in line.hits("price_sensitive", clause) if h not in negative]
            negative += [h for h in line.hits("no_space", clause) if h not in negative]
        positive = line.hits("positive", clause)
        # the market is the subject when it is named before the good news ('Die Warengruppe ist
        # gewachsen'), not when it is the yardstick after it ('..., die Warengruppe nur um 2,1 %')
        until = positive[0][0] if positive else clause.end
        market = c.market_words.search(line.text, clause.start, until)
        if market and not owner_of(line, clause_only(clause), c):
            owner = None  # 'The category's up 9 %, and our brand is up 27': the market's news
        trend = line.hits("trend", clause) + (line.hits("launch", clause) if by_buyer else [])
        if weakness:
            # a slow seller is a range question, the item may be delisted (11 of 13 such labels)
            slow = weakness in line.hits("slow_seller", clause)
            gap = weakness == self.price_gap(line, clause)  # priced above a rival
            own: Lever | None = "product" if slow else "price" if gap else None
            self.text_fact("weakness", line, clause, weakness, word_of(line, weakness), lever=own)
            suffered = c.sufferer.search(line.text, clause.start, clause.end)
            if by_buyer and suffered and (negative or line.hits("weakness", clause)):
                # 'Ich hatte leere Truhen': our failure and the buyer's pain at once
                hurt = (negative or line.hits("weakness", clause))[0]
                self.text_fact("pain", line, clause, hurt, where)
        elif negative and by_buyer and not clause.question and not self.hypothetical(line, clause):
            # "Was kostet mich das?" asks; "Wenn die Abverkäufe schlechter sind, ..." supposes
            tags = ["decline"] if line.hits("decline", clause) else []
            tags += ["no_space"] if line.hits("no_space", clause) else []
            tags += ["price_pressure"] if line.hits("price_sensitive", clause) else []
            # 'Schwierig. Die Lieferfähigkeit lag bei 84 %.': a bare complaint with its reason
            self.text_fact(
                "pain", line, self.with_what_follows(line, clause), negative[0], where, tags
            )
        elif (
            negative
            and by_buyer
            and not clause.question
            and c.sufferer.search(line.text, clause.start, clause.end)
        ):  # 'If I can't respond, I lose the shopper': the case he fears
            self.text_fact("fear", line, sentence_of(clause), negative[0], where, ["case"])
        elif (
            not clause.question
            and not self.rivals_gain(line, clause, positive)  # 'DASH is up forty'
            and (
                trend or positive and (by_buyer and owner != "manufacturer" or market and not owner)
            )
        ):  # the customer's or the market's good news: 'alkoholfreie Biere legen zu'
            self.text_fact("trend", line, clause, (trend or positive)[0], where)
        self.account_channel(line, clause)
        fear = [h for h in line.hits("fear", clause) if not negated(line, h[0], c, window=2)][:1]
        # the KAM may name the buyer's worry ('Sie befürchten also', 'your worry is'), the
        # 'you' close before it; "it's our risk, not yours" takes a risk off him
        addressed = fear and self.addressed(line, clause, fear[0])
        if fear and (by_buyer or addressed):
            self.text_fact("fear", line, self.with_what_follows(line, clause), fear[0], where)
        pressed = line.hits("pressure", clause)[:1]  # 'Sie stehen unter Druck, ...'
        if pressed and not by_buyer and self.addressed(line, clause, pressed[0]):
            self.text_fact("pain", line, self.with_what_follows(line, clause), pressed[0], where)
        goal = line.hits("goal", clause) or (line.hits("condition", clause) if by_buyer else [])
        refused = [
            h
            for h in goal
            if c.refusal_after.match(line.text, h[1])
            or negated(line, h[0], c, window=1)
            and line.text[: h[0]].split()[-1:] != ["no"]
        ]  # 'ich will nicht wieder ...', "I don't want to list"; 'Low and no is flying' wants
        goal = [h for h in goal if h not in refused] or refused
        mine = bool(goal) and self.own_wish(line, clause, goal[0])  # 'Ich will Ihnen ...'
        if refused and by_buyer:  # 'ich will nicht wieder auf der Ware sitzen': no goal
            if not fear:
                self.text_fact("fear", line, clause, refused[0], where)
        elif goal and not clause.question and (by_buyer or owner == "account" and not mine):
            # the KAM may name the buyer's goal: 'Sie hatten angekündigt, dass Ihre Region das
            # Regionalprogramm ausbauen will'
            self.text_fact("goal", line, clause, goal[0], where)
        elif not clause.question and not settled:
            self.chance(line, clause, where)
        if not clause.question:
            if not weakness:
                self.strengths(line, clause, owner, negative)
            if not self.placed:
                self.stance_fallback(line, clause, where)
            if not weakness and self.placed_kinds <= {"competitor", "figure", "date"}:
                self.proof(line, clause, owner)  # 'Unsere haben 30 ml Serum, bei Garnier 15'
            self.open_points(line, clause)


# rising costs hit the price, failed harvests and cut quotas the supply
_MARKET_SHOCKS: tuple[tuple[str, Lever], ...] = (
    ("cost_rise", "price"),
    ("supply_shock", "performance"),
)


def _date_core(text: str, prepositions: frozenset[str]) -> str:
    """'bis Ende April' and 'Ende April' are one date."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in prepositions:
        words = words[1:]
    return " ".join(words).lower()
