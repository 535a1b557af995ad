"""Topic scoring: which 6-P lever a stretch of a sentence is about.

Every lever word of the sentence votes for its lever with the weight of its topic stem
(data/topics_<lang>.yaml), damped by its distance to the fact; a word right at a figure is the
figure's metric ('84 % Lieferfähigkeit', '3 % WKZ') and outweighs the rest of the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from coach.domain import LEVERS, Lang, Lever
from coach.planning.analysis import LeverCue, Line
from coach.planning.cue_data import load_yaml
from coach.planning.lexicon import cues
from coach.planning.sentences import Clause

ADJACENT = 6  # characters: a lever word this close to a figure is what the figure measures
DECAY = 30.0  # characters: a lever word this far away counts half
OTHER_CLAUSE = 0.3  # a lever word in another clause of the sentence
JOINED = 0.3  # a lever word behind 'und'/'aber'/a comma belongs to another phrase
AFTER = 0.3  # a lever word well after the span ('Lieferfähigkeit lag bei 93 %' reads backwards)
FAR = 20  # characters
INSIDE = 10  # a lever word inside a text fact's own words names its topic


@dataclass(frozen=True)
class Topics:
    default: float
    weak: float
    metric: float
    stems: dict[Lever, tuple[tuple[str, float], ...]]  # longest stem first


@cache
def topics(lang: Lang) -> Topics:
    raw = load_yaml(f"topics_{lang}.yaml")
    stems = {
        lever: tuple(
            sorted(
                ((str(k).lower(), float(v)) for k, v in raw["stems"].get(lever, {}).items()),
                key=lambda kv: -len(kv[0]),
            )
        )
        for lever in LEVERS
    }
    return Topics(float(raw["default"]), float(raw["weak"]), float(raw["metric"]), stems)


def cue_weight(cue: LeverCue, lang: Lang) -> float:
    """How strongly the word speaks for its lever: its topic stem's weight, less for weak words."""
    t = topics(lang)
    if cues(lang).weak_cues.fullmatch(cue.word):
        return t.weak
    word = cue.word.lower()
    for stem, weight in t.stems[cue.lever]:
        if stem in word:
            return weight
    return t.default


def distance(cue: LeverCue, start: int, end: int) -> int:
    if cue.start < end and start < cue.end:
        return 0
    return min(abs(cue.start - end), abs(start - cue.end))


@dataclass
class TopicScore:
    scores: defaultdict[Lever, float]
    metric: LeverCue | None  # the lever word right at the span, if any
    best_cue: dict[Lever, LeverCue]

    def best(self, prior: Lever | None = None) -> Lever | None:
        """The top lever; ties go to the closer word, then to the prior, then to 6-P order."""
        if not self.scores:
            return None
        return max(
            self.scores,
            key=lambda lever: (
                round(self.scores[lever], 6),
                lever == prior,
                -LEVERS.index(lever),
            ),
        )


def score_span(
    line: Line,
    clause: Clause,
    start: int,
    end: int,
    skip: tuple[Lever, ...] = (),
    soft: tuple[Lever, ...] = (),
    exclude: tuple[int, int] | None = None,
    metric: bool = True,
    clause_only: bool = False,
) -> TopicScore:
    """Votes of the sentence's lever words for the span [start, end)."""
    t = topics(line.lang)
    scores: defaultdict[Lever, float] = defaultdict(float)
    best_cue: dict[Lever, LeverCue] = {}
    best_vote: dict[Lever, float] = {}
    found_metric: tuple[LeverCue, int, bool] | None = None
    for cue in line.lever_cues:
        joined = False
        lo, hi = (
            (clause.start, clause.end)
            if clause_only
            else (clause.sentence_start, clause.sentence_end)
        )
        if cue.start < lo or cue.end > hi:
            continue
        if cue.lever in skip or (exclude and cue.start < exclude[1] and exclude[0] < cue.end):
            continue
        d = distance(cue, start, end)
        vote = cue_weight(cue, line.lang) / (1.0 + d / DECAY)
        if cue.lever in soft:
            vote *= 0.3
        if d == 0 and not metric:
            vote *= INSIDE
        if cue.start >= end + FAR:
            vote *= AFTER
        if not (clause.start <= cue.start and cue.end <= clause.end):
            vote *= OTHER_CLAUSE
        elif joined := bool(
            cues(line.lang).joiner.search(line.text[min(cue.end, end) : max(cue.start, start)])
        ):
            vote *= JOINED
        weak = cues(line.lang).weak_cues.fullmatch(cue.word)
        # A weak word counts as the metric only right after the figure: '3 % erhöht'.
        own = not weak or cue.start >= end
        if metric and d <= ADJACENT and own and not joined and cue.lever not in soft:
            vote += t.metric / 2 if weak else t.metric
            if found_metric is None or (d, bool(weak)) < found_metric[1:]:
                found_metric = (cue, d, bool(weak))
        scores[cue.lever] += vote
        if vote > best_vote.get(cue.lever, -1.0):
            best_vote[cue.lever] = vote
            best_cue[cue.lever] = cue
    return TopicScore(scores, found_metric[0] if found_metric else None, best_cue)


WEAK_PENALTY = 40  # characters a weak cue ('Termin', 'Kunden') counts as further away


def nearest(
    line: Line,
    start: int,
    end: int,
    lo: int,
    hi: int,
    exclude: tuple[int, int] | None = None,
    weak: bool = True,
    skip: tuple[Lever, ...] = (),
    before: bool = False,
    joined: bool = False,
) -> tuple[LeverCue, int] | None:
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
        if joined and cues(line.lang).joiner.search(
            line.text[min(cue.end, end) : max(cue.start, start)]
        ):
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
