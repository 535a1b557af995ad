"""SWOT quadrant of a clause from general signals, not phrases: a small scoring table.

Features of a clause: who speaks (`kam`, `buyer`), whose matter it is (`ours` = the
manufacturer's, `theirs` = the retailer's, `third` = a competitor, own label or other channel),
polarity (`positive`, `negative`: sentiment words, growth and decline verbs, problem words) and
modality (`wish`: the buyer's goal or need; `move`: a delisting or cut aimed at us). The table in
data/stance_{lang}.yaml gives each quadrant points per matching rule; the best quadrant from the
threshold up decides the fact kind. The extractor uses it only for clauses that its specific
rules left without a SWOT fact, so it widens recall on unseen phrasing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from coach.domain import FactKind, Lang
from coach.planning.analysis import Line, negated, owner_of
from coach.planning.cue_data import cue_pattern, load_yaml
from coach.planning.lexicon import Cues
from coach.planning.sentences import Clause

Hit = tuple[int, int]
FEATURE_WORDS = ("positive", "negative", "wish", "move", "third", "asset", "tentative", "kpi")


@dataclass(frozen=True)
class Rule:
    when: frozenset[str]
    quadrant: str
    kind: FactKind
    weight: int


@dataclass(frozen=True)
class StanceTable:
    words: Mapping[str, object]
    rules: tuple[Rule, ...]
    threshold: int


@lru_cache(maxsize=4)
def stance_table(lang: Lang) -> StanceTable:
    raw = load_yaml(f"stance_{lang}.yaml")
    words = {name: cue_pattern(raw["words"].get(name, [])) for name in FEATURE_WORDS}
    rules = tuple(
        Rule(frozenset(r["when"]), str(r["quadrant"]), r["kind"], int(r["weight"]))
        for r in raw["table"]
    )
    return StanceTable(words=words, rules=rules, threshold=int(raw.get("threshold", 2)))


def features(line: Line, clause: Clause, c: Cues) -> tuple[set[str], dict[str, Hit]]:
    """The clause's features and, per feature word list, its first unnegated hit."""
    table = stance_table(c.lang)
    found: set[str] = {line.speaker} if line.speaker else set()
    hits: dict[str, Hit] = {}
    for name in FEATURE_WORDS:
        pattern = table.words[name]
        for match in pattern.finditer(line.text, clause.start, clause.end):  # type: ignore[attr-defined]
            if name in ("positive", "negative") and negated(line, match.start(), c, window=2):
                if name == "positive" and "negative" not in hits:
                    # 'Unser Absatz ist nicht gewachsen': a success denied is bad news
                    hits["negative"] = (match.start(), match.end())
                    found.add("negative")
                continue
            if name == "negative" and reduced(line, match.start(), clause, c):
                name = "positive"  # 'die Abschriften sind geringer': less of a bad thing
                if name in hits:
                    break
            hits[name] = (match.start(), match.end())
            found.add(name)
            break
    if line.hits("competitor", clause):
        found.add("third")
        hits.setdefault("third", line.hits("competitor", clause)[0])
    owner = owner_of(line, clause, c)
    if owner == "manufacturer":
        found.add("ours")
    elif owner == "account":
        found.add("theirs")
    if "positive" in found and "negative" in found:
        first = min(("positive", "negative"), key=lambda n: hits[n][0])
        found.discard("negative" if first == "positive" else "positive")
    return found, hits


def stance(line: Line, clause: Clause, c: Cues) -> tuple[FactKind, Hit] | None:
    """The fact kind the table gives the clause, and the word it leans on; None below threshold."""
    table = stance_table(c.lang)
    found, hits = features(line, clause, c)
    scores: dict[tuple[str, FactKind], int] = {}
    quadrant_score: dict[str, int] = {}
    for rule in table.rules:
        if rule.when <= found:
            quadrant_score[rule.quadrant] = quadrant_score.get(rule.quadrant, 0) + rule.weight
            key = (rule.quadrant, rule.kind)
            scores[key] = scores.get(key, 0) + rule.weight
    if not quadrant_score:
        return None
    quadrant = max(quadrant_score, key=lambda q: quadrant_score[q])
    if quadrant_score[quadrant] < table.threshold:
        return None
    kind = max((k for k in scores if k[0] == quadrant), key=lambda k: scores[k])[1]
    for name in ("move", "third", "wish", "negative", "positive"):
        if name in hits:
            return kind, hits[name]
    return kind, (clause.start, clause.end)


def reduced(line: Line, pos: int, clause: Clause, c: Cues) -> bool:
    """A word for 'less' near the bad word: 'die Abschriften sind geringer', 'fewer gaps'."""
    return any(
        abs(m.start() - pos) <= 30 for m in c.reducers.finditer(line.text, clause.start, clause.end)
    )
