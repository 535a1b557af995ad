"""Planner latency: a plan per labelled transcript, and a 500-turn talk per language.

    python -m evals.planning.bench [--repeat N] [--turns 500]

Prints the median and the slowest time of `draft_plan` over the labelled transcripts (the
dev splits, each drafted once per repeat), and the time for one long talk per language, built
by repeating the labelled turns of that language in order until it has `--turns` turns (the bad
input of the brief: a plan, no crash, in seconds). Caches are warm after the first plan of a
language: the cue files are read once per process, as in the app.
"""

from __future__ import annotations

import argparse
import statistics
import time

from coach.domain import Transcript
from coach.planning import draft_plan
from evals.planning.run import BLIND, QUADRANTS, load_cases


def long_talk(lang: str, turns: int) -> Transcript:
    """`turns` turns of one language, the labelled talks one after another, speakers kept."""
    pool = [
        t
        for _, data in load_cases()
        if data["split"] not in BLIND and data["transcript"]["lang"] == lang
        for t in data["transcript"]["turns"]
    ]
    picked = [pool[i % len(pool)] for i in range(turns)]
    return Transcript.model_validate({"lang": lang, "turns": picked})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--turns", type=int, default=500)
    args = parser.parse_args(argv)
    cases = [
        Transcript.model_validate(data["transcript"])
        for _, data in load_cases()
        if data["split"] not in BLIND
    ]
    for lang in ("de", "en"):  # load the cue files before timing
        draft_plan(Transcript.model_validate({"lang": lang, "turns": []}))
    times = []
    for _ in range(args.repeat):
        for transcript in cases:
            start = time.perf_counter()
            draft_plan(transcript)
            times.append(time.perf_counter() - start)
    turns = sum(len(t.turns) for t in cases) / len(cases)
    print(
        f"labelled transcripts: {len(cases)} (mean {turns:.0f} turns), {len(times)} plans: "
        f"median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms"
    )
    for lang in ("de", "en"):
        talk = long_talk(lang, args.turns)
        start = time.perf_counter()
        plan = draft_plan(talk)
        took = time.perf_counter() - start
        print(
            f"{lang}: {len(talk.turns)} turns -> {len(plan.facts)} facts, "
            f"{sum(len(getattr(plan.swot, q)) for q in QUADRANTS)} "
            f"SWOT items in {took:.2f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
