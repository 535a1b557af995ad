"""Facts of a negotiation, each tied to a 6-P lever and the turns it came from.

Rule-based and deterministic: figures with units (via coach.scoring.figures), dates, the buyer's
goals, pains and fears, competitors and threats, the manufacturer's strengths and weaknesses,
agreed terms and open points. Texts are quotes of the source, so no number is ever made up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from coach.domain import Fact, FactKind, Lang, Lever, Scenario, Speaker, Transcript
from coach.planning.analysis import (
    Clause,
    Line,
    LeverCue,
    analyse_line,
    hedged,
    negated,
    owner_of,
)
from coach.planning.lexicon import Cues, cues
from coach.scoring.figures import Figure

MAX_TEXT = 200
NEAR = 20  # characters: a lever word this close to a figure names what the figure measures
UNIT_LEVER: dict[str, Lever] = {
    "displays": "placement",
    "facings": "placement",
    "shelf_m": "placement",
    "promotions": "promotion",
    "households": "promotion",
    "units": "performance",
    "merchandisers": "person",
    "people": "person",
}
CURRENCY = ("EUR", "ct", "")
Hit = tuple[int, int]


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
    if scenario is not None:
        for line in scenario_lines(scenario, transcript.lang):
            extractor.read(line, source="scenario")
    for line in analyse_transcript(transcript):
        extractor.read(line)
    return list(extractor.facts.values())


WEAK_PENALTY = 40
_JOINER = re.compile(r"[,;]|\b(?:und|oder|aber|sowie|and|or|but)\b", re.IGNORECASE)


def _nearest(line: Line, start: int, end: int, lo: int, hi: int, exclude: Hit | None = None,
             weak: bool = True, skip: tuple[Lever, ...] = (), before: bool = False,
             joined: bool = False) -> tuple[LeverCue, int] | None:
    """The lever cue in [lo, hi) nearest to [start, end) and its distance (0 = inside).

    Weak cues ('Termin', 'Kunden') lose against any real lever word of the clause.
    """
    best: tuple[LeverCue, int] | None = None
    weak_cues = cues(line.lang).weak_cues
    for cue in line.lever_cues:
        if cue.start < lo or cue.end > hi or cue.lever in skip or (before and cue.end > start):
            continue
        is_weak = bool(weak_cues.fullmatch(cue.word))
        if is_weak and not weak:
            continue
        if joined and _JOINER.search(line.text[min(cue.end, end):max(cue.start, start)]):
            continue  # 'Sales are down 1.5% and our private label': the label is another phrase
        if exclude and cue.start < exclude[1] and exclude[0] < cue.end:
            continue
        inside = cue.start < end and start < cue.end
        distance = 0 if inside else min(abs(cue.start - end), abs(start - cue.end))
        if is_weak:
            distance += WEAK_PENALTY
        if best is None or distance < best[1]:
            best = (cue, distance)
    return best


class _Extractor:
    """Reads lines in order; remembers figures and topics so later lines can lean on them."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.c: Cues = cues(lang)
        self.facts: dict[tuple[object, ...], Fact] = {}
        self.history: list[tuple[float, str, Lever, int]] = []
        self.recent: list[list[Lever]] = []
        self.previous: Line | None = None
        self.figure_lever: dict[tuple[int, int], tuple[Lever, str]] = {}

    # --- bookkeeping ---------------------------------------------------------------------------

    def add(self, key: tuple[object, ...], fact: Fact) -> None:
        known = self.facts.get(key)
        if known is None:
            self.facts[key] = fact
            return
        known.turns = sorted(set(known.turns) | set(fact.turns))
        known.tags = sorted(set(known.tags) | set(fact.tags))

    def context(self) -> Lever | None:
        """The lever the last lines talked about most (ties: the most recent)."""
        window = self.recent[-3:]
        counts = Counter(lever for levers in window for lever in levers)
        if not counts:
            return None
        order = [lever for levers in reversed(window) for lever in reversed(levers)]
        return max(counts, key=lambda lever: (counts[lever], -order.index(lever)))

    # --- levers --------------------------------------------------------------------------------

    def lever_of_figure(self, line: Line, clause: Clause, figure: Figure, turn: int) -> tuple[Lever, str]:
        """What a figure measures: a close lever word, else the negotiation's memory of it."""
        inside = any(cue.start < figure.end and figure.start < cue.end for cue in line.lever_cues)
        if figure.unit in UNIT_LEVER and not inside:
            return UNIT_LEVER[figure.unit], ""
        # A person is no measure of money or shares; weak cues ('Marke') name no measure.
        skip: tuple[Lever, ...] = ("person",) if figure.unit in ("%", "pp", *CURRENCY) else ()
        if line.hits("weakness", clause):
            skip += ("placement",)  # 'leere Regale in 40 Filialen' is about availability
        near = _nearest(line, figure.start, figure.end, clause.start, clause.end,
                        weak=False, skip=skip, joined=True)
        if near and near[1] <= 3:
            return self._not_product_price(near[0].lever, figure), near[0].word
        # An echoed figure ("4,5 % sind unrealistisch") keeps the meaning it had a turn ago.
        lever = self._remembered(figure, turn, same_value=True, within=2)
        if lever:
            return lever, ""
        if near and near[1] <= NEAR:
            return self._not_product_price(near[0].lever, figure), near[0].word
        before = _nearest(line, figure.start, figure.end, clause.start, clause.end,
                          weak=False, skip=skip, before=True, joined=True)
        if before:  # 'Lieferfähigkeit lag zuletzt nur bei 93 %'
            return self._not_product_price(before[0].lever, figure), before[0].word
        lever = None
        if figure.unit in ("%", "pp", "EUR", "ct"):
            lever = self._remembered(figure, turn, same_value=False, within=4)
        lever = lever or self._remembered(figure, turn, same_value=True, within=10**6)
        if lever is None and figure.unit in CURRENCY:
            lever = "price"
        if lever is None:
            wide = _nearest(line, figure.start, figure.end, clause.sentence_start, clause.sentence_end)
            lever = wide[0].lever if wide else None
        return lever or self.context() or self.c.default_lever["figure"], ""

    @staticmethod
    def _not_product_price(lever: Lever, figure: Figure) -> Lever:
        """Money or a share next to a product word is that product's price ('Sorten bei 4,49 €')."""
        return "price" if lever == "product" and figure.unit in (*CURRENCY, "%") else lever

    def _remembered(self, figure: Figure, turn: int, same_value: bool, within: int) -> Lever | None:
        for value, unit, lever, seen in reversed(self.history):
            if unit != figure.unit or turn - seen > within:
                continue
            if not same_value or abs(value - figure.value) < 1e-9:
                return lever
        return None

    def lever_of_text(self, line: Line, clause: Clause, hit: Hit, kind: str,
                      exclude_self: bool = False) -> Lever:
        if kind == "competitor":
            return self.lever_of_competitor(line, clause, hit)
        # A deadline or a to-do is about its subject, rarely about the person who does it.
        skip: tuple[Lever, ...] = ("person",) if kind in ("date", "open_point") else ()
        near = _nearest(line, hit[0], hit[1], clause.start, clause.end, weak=False, skip=skip)
        near = near or _nearest(line, hit[0], hit[1], clause.start, clause.end, weak=False)
        if near:
            return near[0].lever
        for figure in line.figures:
            if clause.start <= figure.start < clause.end:
                known = self.figure_lever.get((line.turn, figure.start))
                if known:
                    return known[0]
        wide = _nearest(line, hit[0], hit[1], clause.sentence_start, clause.sentence_end, weak=False)
        if wide:
            return wide[0].lever
        if kind in ("competitor", "threat"):
            return self.c.default_lever[kind]
        weak = self.c.weak_cues
        before = [cue for cue in line.lever_cues if cue.end <= clause.start and not weak.fullmatch(cue.word)]
        if before:  # the line's own topic so far
            return before[-1].lever
        after = [cue for cue in line.lever_cues if cue.start >= clause.end and not weak.fullmatch(cue.word)]
        if after and kind == "goal":  # 'Transparenz. Wöchentliche Bestandsdaten ...'
            return after[0].lever
        loose = _nearest(line, hit[0], hit[1], clause.start, clause.end)
        if loose:
            return loose[0].lever
        return self.context() or self.c.default_lever[kind]

    def lever_of_competitor(self, line: Line, clause: Clause, hit: Hit) -> Lever:
        """A competitor's move names the lever: its figure ('zahlt 4 %'), its own word, a word nearby."""
        for figure in line.figures:
            if hit[1] <= figure.start < clause.end and (line.turn, figure.start) in self.figure_lever:
                return self.figure_lever[(line.turn, figure.start)][0]
        own = _nearest(line, hit[0], hit[1], hit[0], hit[1])
        if own:
            return own[0].lever
        near = _nearest(line, hit[0], hit[1], clause.start, clause.end, weak=False)
        if near and near[1] <= NEAR:
            return near[0].lever
        # A channel that takes shoppers away ('zum Discounter gegangen') costs sales.
        return self.c.default_lever["competitor"]

    # --- reading -------------------------------------------------------------------------------

    def read(self, line: Line, source: str = "transcript") -> None:
        self.source = "scenario" if source == "scenario" else "transcript"
        self.speaker: Speaker | None = line.speaker if self.source == "transcript" else None
        self.turns = [line.turn] if line.turn >= 0 else []
        for clause in line.clauses:
            for figure in [f for f in line.figures if clause.start <= f.start < clause.end]:
                self.figure(line, clause, figure)
        for clause in line.clauses:
            for date in [d for d in line.dates if clause.start <= d.start < clause.end]:
                self.date(line, clause, date.start, date.end, date.text, date.quarter)
            self.signals(line, clause)
        self.goal_answer(line)
        self.agreements(line)
        figure_levers = [self.figure_lever[(line.turn, f.start)][0] for f in line.figures
                         if (line.turn, f.start) in self.figure_lever]
        self.recent.append([cue.lever for cue in line.lever_cues] + figure_levers)
        if self.source == "transcript":
            self.previous = line

    def figure(self, line: Line, clause: Clause, figure: Figure) -> None:
        lever, measure = self.lever_of_figure(line, clause, figure, line.turn)
        text = self.figure_text(line, clause, figure, measure)
        self.figure_lever[(line.turn, figure.start)] = (lever, text)
        self.history.append((figure.value, figure.unit, lever, line.turn))
        tags = set()
        if line.hits("demand", clause) and line.speaker == "buyer":
            tags.add("demand")
        if (line.hits("offer", clause) and line.speaker == "kam") or line.hits("conditional_deal", clause):
            tags.add("offer")
        if line.hits("weakness", clause) or line.hits("negative", clause):
            tags.add("baseline")
        fact = Fact(kind="figure", lever=lever, text=text, value=figure.value,
                    unit=figure.unit or None, span=figure.span, speaker=self.speaker,
                    turns=self.turns, tags=sorted(tags), source=self.source)
        self.add(("figure", lever, round(figure.value, 6), figure.unit), fact)

    def figure_text(self, line: Line, clause: Clause, figure: Figure, measure: str) -> str:
        """A short quote around the figure: 'Lieferfähigkeit lag im Juli bei 86 %'."""
        text = line.text
        lo = max(clause.start, figure.start - 45)
        if lo > clause.start:
            space = text.find(" ", lo, figure.start)
            lo = space + 1 if space != -1 else figure.start
        if measure:
            pos = text.rfind(measure, clause.start, figure.start)
            if pos != -1 and pos < lo:
                lo = pos
        hi, reach = figure.end, 12
        while True:  # take in the lever words that follow ('2% off-invoice discount')
            follow = [cue.end for cue in line.lever_cues
                      if hi <= cue.start <= hi + reach and cue.end <= clause.end]
            if not follow:
                break
            hi, reach = follow[0], 2
        if hi == figure.end:
            nxt = re.match(r" [\w-]+", text[hi:clause.end])
            if nxt:
                hi += nxt.end()
        quote = re.sub(r"\s+", " ", text[lo:hi]).strip(" ,;:–-")
        quote = self.c.strip_leading.sub("", quote).strip()
        return quote or figure.span

    def date(self, line: Line, clause: Clause, start: int, end: int, text: str,
             quarter: str | None) -> None:
        lever: Lever | None = None
        gaps = [(min(abs(start - f.end), abs(f.start - end)), f) for f in line.figures
                if clause.start <= f.start < clause.end]
        if gaps and min(gaps, key=lambda g: g[0])[0] <= 15:  # '2,8 % zum 1. April'
            figure = min(gaps, key=lambda g: g[0])[1]
            lever = self.figure_lever[(line.turn, figure.start)][0]
        lever = lever or self.lever_of_text(line, clause, (start, end), "date")
        key = _date_core(text)
        fact = Fact(kind="date", lever=lever, text=text, span=text, quarter=quarter,
                    speaker=self.speaker, turns=self.turns, source=self.source)
        self.add(("date", key), fact)

    def text_fact(self, kind: FactKind, line: Line, clause: Clause, hit: Hit, key: object,
                  tags: Iterable[str] = (), exclude_self: bool = False) -> None:
        lever = self.lever_of_text(line, clause, hit, kind, exclude_self)
        fact = Fact(kind=kind, lever=lever, text=line.quote(clause, self.c, MAX_TEXT),
                    span=line.text[hit[0]:hit[1]], speaker=self.speaker, turns=self.turns,
                    tags=sorted(set(tags)), source=self.source)
        self.add((kind, lever, key), fact)

    def signals(self, line: Line, clause: Clause) -> None:
        c = self.c
        by_buyer = line.speaker == "buyer"
        if clause.question and not by_buyer:
            return
        words = re.findall(r"[\w'-]+", line.text[clause.start:clause.end].lower())
        if len([w for w in words if w not in c.stopwords]) < 2:
            return  # "Das ist das Problem." names no fact
        owner = owner_of(line, clause, c)
        where = (line.turn, clause.start)
        if not clause.question:
            for name, hit in competitor_names(line, clause, c):
                self.text_fact("competitor", line, clause, hit, name.lower(), [f"name={name}"])
        for hit in line.hits("competitor", clause):
            self.text_fact("competitor", line, clause, hit, _word(line, hit), exclude_self=True)
        for hit in line.hits("threat", clause)[:1]:
            if by_buyer and not negated(line, hit[0], c):
                self.text_fact("threat", line, clause, hit, _word(line, hit))
        weakness = self.weakness_hit(line, clause, owner)
        negative = self.negative_hits(line, clause)
        positive = line.hits("positive", clause)
        if weakness:
            self.text_fact("weakness", line, clause, weakness, _word(line, weakness))
        elif negative and by_buyer:
            tags = ["decline"] if line.hits("decline", clause) else []
            self.text_fact("pain", line, clause, negative[0], where, tags)
        elif positive and owner == "account" and by_buyer and not clause.question:
            self.text_fact("trend", line, clause, positive[0], where)
        fear = line.hits("fear", clause)[:1]
        addressed = c.other_words.search(line.text, clause.start, clause.end)
        if fear and (by_buyer or addressed):  # the KAM may name the buyer's worry
            self.text_fact("fear", line, clause, fear[0], where)
        goal = line.hits("goal", clause)
        if goal and by_buyer and not clause.question:
            self.text_fact("goal", line, clause, goal[0], where)
        if not clause.question:
            if not weakness:
                self.strengths(line, clause, owner, negative)
            opened = line.hits("open_point", clause)
            if opened:
                owner_tag = [f"owner={line.speaker}"] if line.speaker else []
                self.text_fact("open_point", line, clause, opened[0], where, owner_tag)

    def negative_hits(self, line: Line, clause: Clause) -> list[Hit]:
        """Bad news, unless negated or after 'trotz'/'despite' (then it is not about the subject)."""
        c = self.c
        contrast = [m.start() for m in c.contrast.finditer(line.text, clause.start, clause.end)]
        return [h for h in line.hits("negative", clause)
                if not negated(line, h[0], c) and not any(pos < h[0] for pos in contrast)]

    def weakness_hit(self, line: Line, clause: Clause, owner: str | None) -> Hit | None:
        """A weakness of the manufacturer: by its words, by whose bad news, or by a KPI the buyer quotes."""
        c = self.c
        positive = line.hits("positive", clause)
        if line.speaker == "kam" and positive and owner != "account":
            return None  # 'wir haben die Out-of-Stock-Quote halbiert' is a success
        weak = [h for h in line.hits("weakness", clause) if not negated(line, h[0], c)]
        if weak:
            return weak[0]
        negative = self.negative_hits(line, clause)
        if negative and owner == "manufacturer":
            return negative[0]
        kpi = line.hits("supplier_kpi", clause)
        rate = any(clause.start <= f.start < clause.end and f.unit == "%" for f in line.figures)
        if line.speaker == "buyer" and kpi and (rate or negative) and not positive:
            return kpi[0]  # the buyer quoting the supplier's service level ('lag bei 86 %')
        if line.speaker == "buyer" and owner == "manufacturer" and rate and not positive:
            for figure in line.figures:
                if clause.start <= figure.start < clause.end and figure.unit == "%":
                    lever = self.figure_lever.get((line.turn, figure.start), ("", ""))[0]
                    if lever == "performance":
                        return (figure.start, figure.end)
        return None

    def strengths(self, line: Line, clause: Clause, owner: str | None, negative: list[Hit]) -> None:
        assets = line.hits("strength", clause)
        ours = line.speaker == "kam" and owner != "account" or owner == "manufacturer"
        if assets and ours:
            for hit in assets:
                self.text_fact("strength", line, clause, hit, _word(line, hit))
            return
        positive = line.hits("positive", clause)
        if positive and owner == "manufacturer" and (not negative or positive[0][0] < negative[0][0]):
            self.text_fact("strength", line, clause, positive[0], _word(line, positive[0]))

    def goal_answer(self, line: Line) -> None:
        """The first real sentence answering the KAM's question about goals is a goal."""
        previous, c = self.previous, self.c
        if line.speaker != "buyer" or previous is None or previous.speaker != "kam":
            return
        if not any(cl.question and c.goal_questions.search(previous.text[cl.start:cl.end])
                   for cl in previous.clauses):
            return
        for clause in line.clauses:
            words = re.sub(r"[^\w\s'-]", "", line.text[clause.start:clause.end]).strip().lower()
            if not words or words in c.fillers or clause.question:
                continue
            if not line.hits("goal", clause):
                self.text_fact("goal", line, clause, (clause.start, clause.end),
                               (line.turn, clause.start))
            return

    # --- agreements ----------------------------------------------------------------------------

    def agreements(self, line: Line) -> None:
        """Figures said yes to (in the same sentence), or a bare 'Deal.' to the last proposal."""
        c = self.c
        for clause in line.clauses:
            if clause.question or line.hits("conditional_deal", clause):
                continue
            in_sentence = [f for f in line.figures
                           if clause.sentence_start <= f.start < clause.sentence_end]
            strong = [h for h in line.hits("agreement_strong", clause)
                      if not negated(line, h[0], c) and not hedged(line, h[0], c)]
            weak = [h for h in line.hits("agreement_weak", clause) if not negated(line, h[0], c)]
            if in_sentence and (strong or weak and not line.hits("negative", clause)):
                for figure in in_sentence:
                    self.agreed_figure(line, figure, self.turns)
                continue
            if not strong:
                continue
            rest = line.text[strong[0][1]:clause.end].strip(" ,.;:!–-")
            if len(rest.split()) >= 3:
                lever = self.lever_of_text(line, clause, strong[0], "agreement")
                self.add(("agreement", lever, line.turn, clause.start), Fact(
                    kind="agreement", lever=lever, text=line.quote(clause, c, MAX_TEXT),
                    span=line.text[strong[0][0]:strong[0][1]], speaker=self.speaker,
                    turns=self.turns, tags=["agreed"], source=self.source))
            elif self.previous is not None and self.previous.speaker != line.speaker \
                    and self.previous is not line:
                self.agree_to_previous(line, self.previous)

    def agreed_figure(self, line: Line, figure: Figure, turns: list[int]) -> None:
        lever, text = self.figure_lever[(line.turn, figure.start)]
        self.add(("agreement", lever, round(figure.value, 6), figure.unit), Fact(
            kind="agreement", lever=lever, text=text, value=figure.value,
            unit=figure.unit or None, span=figure.span, speaker=self.speaker, turns=turns,
            tags=["agreed"], source=self.source))

    def agree_to_previous(self, line: Line, previous: Line) -> None:
        turns = sorted({previous.turn, line.turn} - {-1})
        if previous.figures:
            for figure in previous.figures:
                self.agreed_figure(previous, figure, turns)
            return
        proposals = [cl for cl in previous.clauses if not cl.question
                     and any(cl.start <= cue.start < cl.end for cue in previous.lever_cues)]
        if proposals:
            clause = proposals[-1]
            cue = next(cue for cue in previous.lever_cues if clause.start <= cue.start < clause.end)
            self.add(("agreement", cue.lever, previous.turn, clause.start), Fact(
                kind="agreement", lever=cue.lever, text=previous.quote(clause, self.c, MAX_TEXT),
                span=previous.text[clause.start:clause.end].strip(), speaker=self.speaker,
                turns=turns, tags=["agreed"], source=self.source))


_DATE_PREPOSITIONS = {"bis", "ab", "zum", "im", "in", "am", "vor", "nach", "für", "spätestens",
                      "jeden", "jede", "by", "from", "on", "until", "till", "before", "after",
                      "at", "for", "starting", "every", "the"}


def _date_core(text: str) -> str:
    """'bis Ende April' and 'Ende April' are one date."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in _DATE_PREPOSITIONS:
        words = words[1:]
    return " ".join(words).lower()


def _word(line: Line, hit: Hit) -> str:
    return re.sub(r"\s+", " ", line.text[hit[0] : hit[1]].lower())


def competitor_names(line: Line, clause: Clause, c: Cues) -> list[tuple[str, Hit]]:
    """Capitalised names before an offer verb ('Fizzco offers'), or right after 'Wettbewerber'."""
    found: list[tuple[str, Hit]] = []

    def is_name(word: str) -> bool:
        return (word not in c.not_names and word.lower() not in c.months
                and not any(p.fullmatch(word) for p in c.lever_cues.values())
                and not any(p.fullmatch(word) for p in c.signals.values()))

    cue_ends = {end for _, end in line.hits("competitor", clause)}
    for match in c.competitor_name.finditer(line.text, clause.start, clause.end):
        name = match.group("name").split()[0]
        start = match.start("name")
        before = line.text[:start].split()
        prev = before[-1].lower().strip(",.:;") if before else ""
        after_cue = any(0 <= start - end <= 1 for end in cue_ends)
        if is_name(name) and (prev not in c.name_blockers or after_cue):
            found.append((name, (start, start + len(name))))
    for end in sorted(cue_ends):
        match = re.match(r"\s+([A-ZÄÖÜ][\wäöüß&'-]+)", line.text[end:clause.end])
        if match and is_name(match.group(1)) and all(n != match.group(1) for n, _ in found):
            start = end + match.start(1)
            found.append((match.group(1), (start, start + len(match.group(1)))))
    return found
