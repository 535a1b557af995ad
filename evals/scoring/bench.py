"""Annotator throughput: utterances per second over the tuning sets, caches cold.

    python -m evals.scoring.bench [--repeat N] [--workers 2] [--single] [--kam-only]

Measures the batch path of `kam-coach annotate` (`annotate_many` in chunks of about 256: one
encoder call per chunk) unless --single (one `annotate` call per utterance, the live path). By
default the input is what a transcript looks like: the tuning dialogues rebuilt in full, every
line (buyer and KAM) annotated with the lines before it as context, whole dialogues per chunk, so
a buyer line is also an utterance of the batch (as in `annotate_transcript`). --kam-only feeds
the labelled KAM lines alone (as the report files do): there every buyer line the ear reads is an
extra text to encode. Each repeat clears the annotator caches (embeddings included) first; with
--workers the input is split over that many processes (target >= 500 utterances/s on 2 cores).
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


def dialogues(records: list[dict]) -> list[list[dict]]:
    """The labelled dialogues rebuilt in full: every line, each with the lines before it."""
    longest: dict[str, dict] = {}
    for r in records:
        seen = longest.get(r["dialogue"])
        if seen is None or len(r["context"]) >= len(seen["context"]):
            longest[r["dialogue"]] = r
    out = []
    for last in longest.values():
        lines = [*last["context"], {"speaker": "kam", "text": last["text"]}]
        out.append(
            [
                {
                    "text": line["text"],
                    "speaker": line["speaker"],
                    "lang": last["lang"],
                    "context": lines[:i],
                }
                for i, line in enumerate(lines)
            ]
        )
    return out


def _chunks(items: list[dict]) -> list[list[dict]]:
    """Chunks of about 256 lines; a chunk holds whole dialogues (items carry a `_d` index)."""
    chunks: list[list[dict]] = [[]]
    for i, item in enumerate(items):
        new_dialogue = i == 0 or item["_d"] != items[i - 1]["_d"]
        if new_dialogue and len(chunks[-1]) >= 256:
            chunks.append([])
        chunks[-1].append({k: v for k, v in item.items() if k != "_d"})
    return chunks


def _run_batch(records: list[dict]) -> float:
    """Seconds to annotate the records in chunks of ~256, caches cleared first."""
    annotate_many([{"text": "Warm-up.", "lang": "de"}, {"text": "Warm-up.", "lang": "en"}])
    chunks = _chunks(records)
    _clear()
    start = time.perf_counter()
    for chunk in chunks:
        annotate_many(chunk)
    return time.perf_counter() - start


def _run(records: list[dict]) -> float:
    """Seconds to annotate the records once, one call each, caches cleared first."""
    annotate("Warm-up.", lang="de")
    annotate("Warm-up.", lang="en")
    _clear()
    start = time.perf_counter()
    for r in records:
        annotate(r["text"], r.get("speaker", "kam"), r["lang"], r["context"])
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--single", action="store_true", help="one annotate() call per line")
    parser.add_argument("--kam-only", action="store_true", help="the labelled KAM lines alone")
    args = parser.parse_args(argv)
    labelled = [r for name in ("tune_de", "tune_en") for r in load(DATA / f"{name}.jsonl")]
    if args.kam_only:
        records = [{**r, "_d": j} for j, r in enumerate(labelled)]
    else:
        records = [{**line, "_d": j} for j, d in enumerate(dialogues(labelled)) for line in d]
    best = 0.0
    for _ in range(args.repeat):
        run = _run if args.single else _run_batch
        if args.workers <= 1:
            elapsed = run(records)
        else:
            chunks = [records[i :: args.workers] for i in range(args.workers)]
            if not args.kam_only:  # whole dialogues per worker
                chunks = [
                    [r for r in records if r["_d"] % args.workers == i] for i in range(args.workers)
                ]
            with get_context("spawn").Pool(args.workers) as pool:
                elapsed = max(pool.map(run, chunks))
        best = max(best, len(records) / elapsed)
    print(
        f"{len(records)} utterances (with context; "
        f"{'labelled KAM lines only' if args.kam_only else 'full dialogues, every line'}), "
        f"{args.workers} process(es), "
        f"{'single annotate()' if args.single else 'annotate_many, chunks of ~256'}, caches cold, "
        f"best of {args.repeat}: {best:.0f} utterances/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
