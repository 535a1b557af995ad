"""Retrieval benchmark: cold build, warm query latency, and that reopening embeds nothing.

    python evals/retrieval/bench.py                # real USE embedding, knowledge/
    python evals/retrieval/bench.py --embeddings fake

Run it in a fresh process: "cold" includes loading the embedding model.
Targets (2 cores): cold build < 10 s, warm query p95 < 50 ms, 0 embeddings on reopen.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coach.config import load_settings  # noqa: E402
from coach.retrieval import build_index, clear_cache, open_retriever  # noqa: E402
from coach.retrieval.retriever import MODES  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import load_questions  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embeddings", default="use", choices=["use", "fake", "openai"])
    parser.add_argument("--knowledge", type=Path, default=None)
    args = parser.parse_args(argv)

    base = load_settings()
    scratch = tempfile.TemporaryDirectory(prefix="kam-retrieval-bench-")
    settings = dataclasses.replace(
        base,
        data_dir=Path(scratch.name),
        knowledge_dir=args.knowledge or base.knowledge_dir,
        embeddings=args.embeddings,
    )
    print(
        f"embeddings={args.embeddings} cores={os.cpu_count()} "
        f"threadpoolctl={'yes' if importlib.util.find_spec('threadpoolctl') else 'no'} "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}"
    )

    cpu0 = time.process_time()
    report = build_index(settings)
    cpu = time.process_time() - cpu0
    print(
        f"cold build: {report.seconds:.2f} s wall, {cpu:.2f} s cpu, {report.added} sections "
        f"(target < 10 s) {'OK' if report.seconds < 10 else 'SLOW'}"
    )

    retriever = open_retriever(settings)
    questions = load_questions()
    for mode in (retriever.mode, *[m for m in MODES if m != retriever.mode]):
        retriever.search(questions[0]["question"], lang=questions[0]["lang"])  # warm-up
        retriever.clear_query_cache()  # every timed question pays for its own embedding
        times = []
        for q in questions:
            started = time.perf_counter()
            retriever.ranking(q["question"], q["lang"], mode)
            times.append((time.perf_counter() - started) * 1000)
        p95 = percentile(times, 0.95)
        print(
            f"warm query [{mode}{' (default)' if mode == retriever.mode else ''}]: "
            f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)} "
            f"distinct questions (target p95 < 50 ms) {'OK' if p95 < 50 else 'SLOW'}"
        )

    clear_cache()
    started = time.perf_counter()
    reopened = open_retriever(settings)
    seconds = time.perf_counter() - started
    embedded = reopened.embeddings.documents_embedded
    print(
        f"reopen: {seconds * 1000:.0f} ms, {embedded} sections embedded "
        f"(target 0) {'OK' if embedded == 0 else 'FAIL'}"
    )
    clear_cache()
    scratch.cleanup()
    return 0 if embedded == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
