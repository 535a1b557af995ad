"""Annotator throughput: utterances per second over the tuning sets, caches cold.

    python -m evals.scoring.bench [--repeat N] [--workers 2] [--single]

Measures the batch path of `kam-coach annotate` (`annotate_many` in chunks of 256: one encoder
call per chunk) unless --single (one `annotate` call per utterance, the live path). Each repeat
clears the annotator caches first; with --workers the records are split over that many processes
(the target is >= 500 utterances/s on 2 cores).
"""

from __future__ import annotations

import argparse
import time
from multiprocessing import get_context

from coach.scoring import annotate, annotate_many, learned
from coach.scoring.annotate import _sides_of
from coach.scoring.lexicon import _scan_cached
from coach.scoring.technique import _offers_of
from evals.scoring.run import DATA, load


def _clear() -> None:
    """Cold caches: cue scans, buyer-line sides, offers, overlap stems, embeddings."""
    for cache in (_scan_cached, _sides_of, _offers_of, learned.content_stems):
        cache.cache_clear()
    learned.clear_cache()


def _run_batch(records: list[dict]) -> float:
    """Seconds to annotate the records in chunks of 256, caches cleared first."""
    annotate_many([{"text": "Warm-up.", "lang": "de"}, {"text": "Warm-up.", "lang": "en"}])
    _clear()
    start = time.perf_counter()
    for i in range(0, len(records), 256):
        annotate_many(records[i : i + 256])
    return time.perf_counter() - start


def _run(records: list[dict]) -> float:
    """Seconds to annotate the records once, one call each, caches cleared first."""
    annotate("Warm-up.", lang="de")
    annotate("Warm-up.", lang="en")
    _clear()
    start = time.perf_counter()
    for r in records:
        annotate(r["text"], lang=r["lang"], context=r["context"])
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--single", action="store_true", help="one annotate() call per line")
    args = parser.parse_args(argv)
    records = [r for name in ("tune_de", "tune_en") for r in load(DATA / f"{name}.jsonl")]
    best = 0.0
    for _ in range(args.repeat):
        run = _run if args.single else _run_batch
        if args.workers <= 1:
            elapsed = run(records)
        else:
            chunks = [records[i :: args.workers] for i in range(args.workers)]
            with get_context("spawn").Pool(args.workers) as pool:
                elapsed = max(pool.map(run, chunks))
        best = max(best, len(records) / elapsed)
    print(
        f"{len(records)} utterances (with context), {args.workers} process(es), "
        f"{'single annotate()' if args.single else 'annotate_many, chunks of 256'}, "
        f"best of {args.repeat}: {best:.0f} utterances/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
