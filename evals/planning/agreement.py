"""How far two human annotators agree on the planner's facts, and where the planner stands.

Run: `python -m evals.planning.agreement`.
A second annotator labelled the report10 and report11 transcripts again, from the labelling guide
alone (second_annotator/, see its README.md), without seeing the first labels or the planner. Each
reference (first annotator A, second annotator B) is then matched by the other annotator and by
the planner under one loose rule, since two people rarely pick the same short key:

- a reference fact is found when the other has a fact of the same kind, the same lever (the
  'any lever' column drops this), the same value and unit when the reference has a value, quoted
  from the same turn (for the planner: the turn is among its evidence turns), and the keys
  overlap (one contains the other, or they share a number or a word of four letters or more);
- a SWOT key is placed when the same quadrant of the other holds an item that overlaps it so.

The strict row repeats the eval's own rule (evals/planning/run.py) for the planner. The human
rows are the ceiling the eval's figures can be read against: a target above what a second
careful annotator reaches measures labelling conventions, not reading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.domain import Transcript
from coach.planning import draft_plan
from evals.planning.run import DATA, QUADRANTS, fact_matches

SECOND = Path(__file__).resolve().parent / "second_annotator"
_WORD = re.compile(r"[^\W\d_]{4,}|\d+(?:[.,]\d+)?")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def overlaps(a: str, b: str) -> bool:
    low_a, low_b = a.lower(), b.lower()
    return low_a in low_b or low_b in low_a or bool(_words(a) & _words(b))


def loose_match(ref: dict[str, Any], other: dict[str, Any], lever: bool = True) -> bool:
    """`other` ({kind, lever, value, unit, text, turns}) finds the reference fact `ref`."""
    if ref["kind"] != other["kind"] or (lever and ref["lever"] != other["lever"]):
        return False
    if ref.get("value") is not None:
        if other.get("value") is None or abs(float(ref["value"]) - float(other["value"])) > 1e-6:
            return False
        if (ref.get("unit") or None) != (other.get("unit") or None):
            return False
    return ref.get("turn") in other["turns"] and overlaps(ref["text"], other["text"])


@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    found_any_lever: int = 0
    swot_expected: int = 0
    placed: int = 0

    def add_facts(self, refs: list[dict[str, Any]], others: list[dict[str, Any]]) -> None:
        for ref in refs:
            self.expected += 1
            self.found += any(loose_match(ref, o) for o in others)
            self.found_any_lever += any(loose_match(ref, o, lever=False) for o in others)

    def add_swot(self, refs: dict[str, list[str]], others: dict[str, list[str]]) -> None:
        for quadrant in QUADRANTS:
            for key in refs.get(quadrant, []):
                self.swot_expected += 1
                self.placed += any(overlaps(key, item) for item in others.get(quadrant, []))

    def row(self, name: str) -> str:
        def share(a: int, b: int) -> str:
            return f"{a / b:.2f}" if b else "-"

        return (
            f"{name:34s} {share(self.found, self.expected):>6} "
            f"{share(self.found_any_lever, self.expected):>9} "
            f"{share(self.placed, self.swot_expected):>6}  ({self.found}/{self.expected} facts, "
            f"{self.placed}/{self.swot_expected} SWOT keys)"
        )


def _quoted(facts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**f, "turns": [f["turn"]]} for f in facts]


def compare(split: str | None = None) -> dict[str, Tally]:
    """The rows over every file the second annotator labelled, or over one split's files."""
    rows = {
        name: Tally()
        for name in (
            "annotator B against A",
            "annotator A against B",
            "planner against A",
            "planner against B",
            "planner against A, the eval's rule",
        )
    }
    for path in sorted(SECOND.glob(f"{split or '*'}_*.json")):
        first = json.loads((DATA / path.name).read_text(encoding="utf-8"))
        second = json.loads(path.read_text(encoding="utf-8"))["expected"]
        a, b = first["expected"], second
        plan = draft_plan(Transcript.model_validate(first["transcript"]))
        planned = [
            {"kind": f.kind, "lever": f.lever, "value": f.value, "unit": f.unit}
            | {"text": f.text, "turns": list(f.turns)}
            for f in plan.facts
        ]
        swot = {q: [item.text for item in getattr(plan.swot, q)] for q in QUADRANTS}
        rows["annotator B against A"].add_facts(a["facts"], _quoted(b["facts"]))
        rows["annotator B against A"].add_swot(a["swot"], b["swot"])
        rows["annotator A against B"].add_facts(b["facts"], _quoted(a["facts"]))
        rows["annotator A against B"].add_swot(b["swot"], a["swot"])
        rows["planner against A"].add_facts(a["facts"], planned)
        rows["planner against A"].add_swot(a["swot"], swot)
        rows["planner against B"].add_facts(b["facts"], planned)
        rows["planner against B"].add_swot(b["swot"], swot)
        strict = rows["planner against A, the eval's rule"]
        for ref in a["facts"]:
            strict.expected += 1
            strict.found += any(fact_matches(ref, f) for f in plan.facts)
            strict.found_any_lever += any(fact_matches(ref, f, lever=False) for f in plan.facts)
        for quadrant in QUADRANTS:
            for key in a["swot"].get(quadrant, []):
                strict.swot_expected += 1
                strict.placed += any(key.lower() in t.lower() for t in swot[quadrant])
    return rows


def main() -> int:
    splits = sorted({path.name.split("_")[0] for path in SECOND.glob("*.json")})
    if not splits:
        print(f"no second annotator's labels in {SECOND}")
        return 1
    for split in [*splits, None] if len(splits) > 1 else splits:
        title = f"{split or 'all'}: who finds whose facts"
        print(f"{title:34s} {'recall':>6} {'any lever':>9} {'SWOT':>6}")
        for name, tally in compare(split).items():
            print(tally.row(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
