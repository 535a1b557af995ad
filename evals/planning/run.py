"""Planning eval: fact recall/precision and SWOT placement on labelled transcripts, per split.

Run: `python -m evals.planning.run [--split tune|report|...|report20] [--typed lower|nopunct|spoken|chat]
[--verbose]`.
Each split is printed on its own row. `report2` to `report20` were written as held-out splits (see
data/README.md): the default run leaves them out; ask for one with `--split`. A split listed in
BLIND (none now; report5 to report20 each ran blind once) refuses `--verbose`.

Each file in data/ holds {"split", "transcript", "expected": {"facts": [...], "swot": {...}}}.
Matching rules (the labelling guide is data/README.md):
- an expected fact {"kind", "lever", "value", "unit", "text"} (and, from report10 on, the
  "turn" its key is quoted from, for reading misses; matching ignores it) is found when a predicted fact has
  the same kind (when given), the same lever (when not null), the same value and unit (when
  value is not null), and "text" occurs in the predicted fact's text (case-insensitive);
- precision: the share of predicted facts that match some expected fact;
- SWOT placement: an expected key (e.g. "Lieferprobleme" under weaknesses) counts as placed when
  an item of that quadrant contains it; an item containing it only elsewhere counts as misplaced.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.domain import AccountPlan, Fact, Transcript
from coach.planning import draft_plan

DATA = Path(__file__).resolve().parent / "data"
QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
SPLITS = (
    "tune",
    "report",
    "report2",
    "report3",
    "report4",
    "report5",
    "report6",
    "report7",
    "report8",
    "report9",
    "report10",
    "report11",
    "report12",
    "report13",
    "report14",
    "report15",
    "report16",
    "report17",
    "report18",
    "report19",
    "report20",
)
HELD_OUT = SPLITS[2:]  # run only when asked for by name
BLIND: tuple[str, ...] = ()  # report5 to report20 each ran blind once; dev sets now


def fact_matches(expected: dict[str, Any], fact: Fact, lever: bool = True) -> bool:
    if expected.get("kind") and expected["kind"] != fact.kind:
        return False
    if lever and expected.get("lever") and expected["lever"] != fact.lever:
        return False
    if expected.get("value") is not None:
        if fact.value is None or abs(float(expected["value"]) - fact.value) > 1e-6:
            return False
        if (expected.get("unit") or None) != (fact.unit or None):
            return False
    return str(expected["text"]).lower() in fact.text.lower()


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    found_any_lever: int = 0
    predicted: int = 0
    correct: int = 0
    swot_expected: int = 0
    placed: int = 0
    misplaced: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def recall_any_lever(self) -> float:
        return self.found_any_lever / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def placement(self) -> float:
        return self.placed / self.swot_expected if self.swot_expected else 1.0


# How a trainee may type in the chat: all in lower case, or without punctuation. The same
# labels apply; keys are changed the same way, so only the planner's reading is tested.
# 'spoken': transcribed speech, a filler after every comma and at every second sentence start.
# 'chat': what the web app stores, the trainee's (KAM) turns typed in lower case, the buyer's
# as the buyer wrote them.
TYPED_STYLES = ("lower", "nopunct", "spoken", "chat", "swiss")
_PUNCT = re.compile(r"(?<!\d)[.,!?;:–](?!\d)")
_FILLERS = {"de": (", äh, ", ". Ähm, "), "en": (", uh, ", ". Um, ")}


def typed(text: str, style: str | None, lang: str = "de") -> str:
    if style in ("lower", "chat"):
        return text.lower()
    if style == "nopunct":
        return re.sub(r"\s+", " ", _PUNCT.sub("", text)).strip()
    if style == "swiss":  # Swiss German writes no ß: 'dreissig', 'gross', 'schliessen'
        return text.replace("ß", "ss")
    if style == "spoken":
        after_comma, after_stop = _FILLERS.get(lang, _FILLERS["en"])
        return text.replace(", ", after_comma).replace(". ", after_stop)
    return text


def as_typed(data: dict[str, Any], style: str | None) -> dict[str, Any]:
    """The case with its turns (and keys) as a trainee might type them."""
    if style is None:
        return data
    lang = data["transcript"]["lang"]
    turns = [
        {**t, "text": typed(t["text"], style, lang)}
        if style != "chat" or t["speaker"] == "kam"
        else t
        for t in data["transcript"]["turns"]
    ]
    facts = [{**f, "text": typed(f["text"], style, lang)} for f in data["expected"]["facts"]]
    swot = {
        q: [typed(k, style, lang) for k in keys] for q, keys in data["expected"]["swot"].items()
    }
    return {
        **data,
        "transcript": {**data["transcript"], "turns": turns},
        "expected": {"facts": facts, "swot": swot},
    }


def load_cases(
    split: str | None = None, style: str | None = None
) -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if split is None or data["split"] == split:
            cases.append((path.stem, as_typed(data, style)))
    return cases


def score_case(name: str, data: dict[str, Any], score: Score) -> AccountPlan:
    transcript = Transcript.model_validate(data["transcript"])
    plan = draft_plan(transcript)
    facts = plan.facts
    expected = data["expected"]
    for exp in expected["facts"]:
        score.expected += 1
        tally = score.by_kind.setdefault(exp.get("kind") or "?", [0, 0])
        tally[1] += 1
        if any(fact_matches(exp, f, lever=False) for f in facts):
            score.found_any_lever += 1
        if any(fact_matches(exp, f) for f in facts):
            score.found += 1
            tally[0] += 1
        else:
            score.misses.append(f"{name}: {exp}")
    for fact in facts:
        score.predicted += 1
        if any(fact_matches(exp, fact) for exp in expected["facts"]):
            score.correct += 1
        else:
            score.extras.append(
                f"{name}: {fact.kind}/{fact.lever} {fact.value} {fact.unit} | "
                f"{fact.text} {fact.turns}"
            )
    for quadrant in QUADRANTS:
        for key in expected["swot"].get(quadrant, []):
            score.swot_expected += 1
            low = key.lower()
            if any(low in item.text.lower() for item in getattr(plan.swot, quadrant)):
                score.placed += 1
                continue
            elsewhere = [
                q
                for q in QUADRANTS
                if q != quadrant and any(low in item.text.lower() for item in getattr(plan.swot, q))
            ]
            if elsewhere:
                score.misplaced += 1
            score.misses.append(f"{name}: swot {quadrant} '{key}' -> {elsewhere or 'missing'}")
    return plan


def evaluate(split: str | None = None, style: str | None = None) -> dict[str, Score]:
    """Scores per split; without `split`, the non-blind splits ('tune', 'report'); `style`:
    the turns as typed in a chat (TYPED_STYLES)."""
    scores: dict[str, Score] = {}
    for name, data in load_cases(split, style):
        if split is None and data["split"] in HELD_OUT:
            continue
        score_case(name, data, scores.setdefault(data["split"], Score()))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS)
    parser.add_argument("--verbose", action="store_true", help="list misses and extra facts")
    parser.add_argument(
        "--typed",
        choices=TYPED_STYLES,
        help="turns as typed or transcribed: all lower case, no punctuation, spoken with fillers, "
        "chat (the KAM's turns in lower case), or swiss (no ß)",
    )
    args = parser.parse_args(argv)
    if args.verbose and args.split in BLIND:
        parser.error(f"{args.split} is blind: aggregates only, no --verbose")
    scores = evaluate(args.split, args.typed)
    print(
        f"{'split':<8} {'files':>5} {'facts':>6} {'recall':>7} {'precision':>9} "
        f"{'swot':>5} {'placed':>7} {'misplaced':>9} {'recall(any lever)':>18}"
    )
    order = {name: i for i, name in enumerate(SPLITS)}
    for split, score in sorted(scores.items(), key=lambda kv: order.get(kv[0], len(order))):
        files = len(load_cases(split))
        print(
            f"{split:<8} {files:>5} {score.expected:>6} {score.recall:>7.2f} "
            f"{score.precision:>9.2f} {score.swot_expected:>5} {score.placement:>7.2f} "
            f"{score.misplaced:>9} {score.recall_any_lever:>18.2f}"
        )
        if args.verbose:
            print(
                "  recall by kind: "
                + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(score.by_kind.items()))
            )
            for line in score.misses:
                print("  MISS ", line)
            for line in score.extras:
                print("  EXTRA", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
