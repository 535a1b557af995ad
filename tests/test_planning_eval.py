"""Planning eval thresholds (evals/planning): quality must not silently regress.

The brief's targets for held-out transcripts are fact recall >= 0.85 and SWOT placement >= 0.80
(report5 to report20 each ran blind once, at 0.45 / 0.51, 0.43 / 0.54, 0.29 / 0.29, 0.39 / 0.37,
0.42 / 0.49, 0.52 / 0.43, 0.44 / 0.40, 0.37 / 0.43, 0.39 / 0.34, 0.45 / 0.46, 0.46 / 0.46,
0.47 / 0.47, 0.44 / 0.41, 0.43 / 0.49, 0.52 / 0.59 and 0.47 / 0.44; all are
dev sets now; a second annotator reaches 0.73 of
the first one's report10 facts, see evals/planning/agreement.py). They are not met (see the numbers `python -m evals.planning.run`
prints); until they are, these floors pin today's level so a change that loses quality fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.domain import Transcript
from coach.planning import draft_plan
from coach.scenarios import load_scenarios
from evals.planning.run import SPLITS, evaluate

ROOT = Path(__file__).resolve().parent.parent
# Measured (recall / placement): tune 0.86 / 0.96, report 0.75 / 0.92, report2 0.73 / 0.86,
# report3 0.70 / 0.97, report4 0.74 / 0.89, report5 0.66 / 0.90, report6 0.65 / 0.81,
# report7 0.55 / 0.65, report8 0.56 / 0.76, report9 0.53 / 0.68, report10 0.64 / 0.70 (blind
# once at 0.52 / 0.43), report11 0.53 / 0.50 (blind once at 0.44 / 0.40), report12 0.53 / 0.58
# (blind once at 0.37 / 0.43), report13 0.44 / 0.53 (blind once at 0.39 / 0.34), report14
# 0.53 / 0.60 (blind once at 0.45 / 0.46), report15 0.54 / 0.52 (blind once at 0.46 / 0.46),
# report16 0.54 / 0.58 (blind once at 0.47 / 0.47), report17 0.49 / 0.53 (blind once at 0.44 /
# 0.41), report18 0.46 / 0.56 (blind once at 0.43 / 0.49), report19 0.52 / 0.59 (blind once at
# 0.52 / 0.59; 0.55 / 0.66 now), report20 0.51 / 0.54 (blind once at 0.47 / 0.44); report14 to
# report18 now 0.55 / 0.66, 0.57 / 0.61, 0.57 / 0.63, 0.53 / 0.58, 0.49 / 0.63.
FLOORS = {
    "tune": (0.84, 0.94),
    "report": (0.73, 0.90),
    "report2": (0.70, 0.83),
    "report3": (0.69, 0.94),
    "report4": (0.71, 0.86),
    "report5": (0.62, 0.87),
    "report6": (0.62, 0.78),
    "report7": (0.46, 0.59),
    "report8": (0.52, 0.73),
    "report9": (0.49, 0.64),
    "report10": (0.61, 0.67),
    "report11": (0.49, 0.47),
    "report12": (0.47, 0.55),
    "report13": (0.42, 0.50),
    "report14": (0.53, 0.62),
    "report15": (0.54, 0.58),
    "report16": (0.54, 0.60),
    "report17": (0.50, 0.55),
    "report18": (0.46, 0.60),
    "report19": (0.53, 0.63),
    "report20": (0.47, 0.50),
}


@pytest.fixture(scope="module")
def scores():
    result = {}
    for split in FLOORS:
        result.update(evaluate(split))
    return result


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_fact_recall_and_swot_placement_floors(scores, split: str) -> None:
    recall, placement = FLOORS[split]
    assert scores[split].recall >= recall
    assert scores[split].placement >= placement


def test_every_eval_file_has_the_documented_shape() -> None:
    for path in sorted((ROOT / "evals" / "planning" / "data").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["split"] in SPLITS, path.name
        t = Transcript.model_validate(data["transcript"])
        assert 8 <= len(t.turns) <= 30, path.name
        for fact in data["expected"]["facts"]:
            # 'turn' (optional, report10 on): the index of the turn the key is quoted from
            assert set(fact) - {"turn"} == {"kind", "lever", "value", "unit", "text"}, path.name
            if "turn" in fact:
                said = t.turns[fact["turn"]].text.lower()
                assert fact["text"].lower() in said, (path.name, fact)
        assert set(data["expected"]["swot"]) == {
            "strengths",
            "weaknesses",
            "opportunities",
            "threats",
        }


def test_plans_for_the_shipped_scenarios() -> None:
    """Each scenario drafts a plan: its account, its brief's objectives, revealed interests."""
    scenarios = load_scenarios(ROOT / "scenarios")
    assert scenarios
    for scenario in scenarios.values():
        words = [i.revealed_by[0] for i in scenario.buyer.hidden.interests if i.revealed_by]
        turns = [
            {"speaker": "kam", "text": "Was ist Ihnen im nächsten Jahr wichtig?"},
            {"speaker": "buyer", "text": " ".join(words) + "."},
        ]
        t = Transcript.model_validate({"lang": scenario.lang, "turns": turns})
        plan = draft_plan(t, scenario)
        assert plan.account == scenario.account.retailer
        briefed = {o.lever for o in scenario.brief.objectives}
        assert briefed <= {o.p for o in plan.kaop.objectives}, scenario.id
        assert plan.swot.opportunities, scenario.id


# The tune split as a trainee may type it, or as speech is transcribed (measured: all in lower
# case 0.85 / 0.91, the KAM's turns in lower case as in the web app's chat 0.86 / 0.96, no
# punctuation 0.79 / 0.89, spoken with fillers 0.85 / 0.95, against 0.86 / 0.96 as written).
TYPED_FLOORS = {
    "lower": (0.83, 0.89),
    "chat": (0.84, 0.94),
    "nopunct": (0.77, 0.86),
    "spoken": (0.83, 0.93),
}


@pytest.mark.parametrize("style", sorted(TYPED_FLOORS))
def test_a_chat_typed_in_lower_case_or_without_punctuation_keeps_its_facts(style: str) -> None:
    score = evaluate("tune", style)["tune"]
    recall, placement = TYPED_FLOORS[style]
    assert score.recall >= recall
    assert score.placement >= placement
