"""Annotator throughput: utterances per second over the tuning sets (single process).

python -m evals.scoring.bench [--repeat N]
"""

from __future__ import annotations

import argparse
import time

from coach.scoring import annotate
from coach.scoring.annotate import _sides_of
from coach.scoring.lexicon import _scan_cached
from coach.scoring.technique import _offers_of
from evals.scoring.run import DATA, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    records = [r for name in ("tune_de", "tune_en") for r in load(DATA / f"{name}.jsonl")]
    annotate("Warm-up.", lang="de")
    annotate("Warm-up.", lang="en")
    best = 0.0
    for _ in range(args.repeat):
        for cache in (_scan_cached, _sides_of, _offers_of):
            cache.cache_clear()  # measure cold text, not the caches
        start = time.perf_counter()
        for r in records:
            annotate(r["text"], lang=r["lang"], context=r["context"])
        rate = len(records) / (time.perf_counter() - start)
        best = max(best, rate)
    print(
        f"{len(records)} utterances (with context), best of {args.repeat}: {best:.0f} utterances/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
