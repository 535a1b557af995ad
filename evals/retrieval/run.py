"""Retrieval eval: recall@1, recall@3 and MRR per retriever, split and language pair.

    python evals/retrieval/run.py                 # real USE embedding, knowledge/
    python evals/retrieval/run.py --embeddings fake --json out.json

Retrievers: dense (Chroma + embedding), lexical (BM25), hybrid (reciprocal rank fusion),
each with and without cross-language pooling ("+pool": match both languages, return the
passage in the requested language). Questions are in questions.jsonl; the "report" split is
the one the threshold test holds to recall@3 >= 0.90. A question whose filter language has
no indexed sections is skipped (and counted as such).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coach.config import load_settings  # noqa: E402
from coach.retrieval import MODES, build_index, clear_cache, open_retriever  # noqa: E402
from coach.retrieval.retriever import Retriever  # noqa: E402

QUESTIONS = Path(__file__).resolve().parent / "questions.jsonl"
VARIANTS = [(mode, pool) for pool in (False, True) for mode in MODES]


def load_questions(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def variant_name(mode: str, pool: bool) -> str:
    return f"{mode}+pool" if pool else mode


def rank_of(expected: list[str], ranked_ids: list[str]) -> int | None:
    """1-based rank of the first expected id, or None."""
    for rank, section_id in enumerate(ranked_ids, start=1):
        if section_id in expected:
            return rank
    return None


def evaluate(
    retriever: Retriever, questions: list[dict[str, Any]], mode: str, pool: bool, depth: int = 10
) -> list[dict[str, Any]]:
    """One result row per answerable question: its rank (None = not in the top `depth`)."""
    rows = []
    for q in questions:
        if q["lang"] not in retriever.languages:
            continue
        ranking = retriever.ranking(q["question"], q["lang"], mode, pool_languages=pool)
        ranked = [key.split(":", 1)[1] for key, _ in ranking]
        rows.append({**q, "rank": rank_of(q["expected"], ranked[:depth]), "top": ranked[:3]})
    return rows


def metrics(rows: list[dict[str, Any]]) -> dict[str, float]:
    n = len(rows)
    if not n:
        return {"n": 0, "r@1": float("nan"), "r@3": float("nan"), "mrr": float("nan")}
    ranks = [r["rank"] for r in rows]
    return {
        "n": n,
        "r@1": sum(1 for k in ranks if k == 1) / n,
        "r@3": sum(1 for k in ranks if k is not None and k <= 3) / n,
        "mrr": sum(1.0 / k for k in ranks if k is not None) / n,
    }


def groups(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out["all"].append(r)
        out[f"{r['query_lang']}->{r['lang']}"].append(r)
        if "paraphrase" in r["kind"]:
            out["paraphrase"].append(r)
    return out


def run(settings: Any, questions: list[dict[str, Any]]) -> dict[str, Any]:
    started = time.perf_counter()
    report = build_index(settings)
    retriever = open_retriever(settings)
    results: dict[str, Any] = {
        "index": report.to_dict(),
        "languages": retriever.languages,
        "sections": len(retriever),
        "skipped": sum(1 for q in questions if q["lang"] not in retriever.languages),
        "variants": {},
    }
    for mode, pool in VARIANTS:
        rows = evaluate(retriever, questions, mode, pool)
        table: dict[str, Any] = {}
        for split in ("tune", "report"):
            split_rows = [r for r in rows if r["split"] == split]
            table[split] = {name: metrics(g) for name, g in groups(split_rows).items()}
        table["misses"] = [
            {"id": r["id"], "split": r["split"], "expected": r["expected"], "top": r["top"]}
            for r in rows
            if r["rank"] is None or r["rank"] > 3
        ]
        results["variants"][variant_name(mode, pool)] = table
    results["seconds"] = round(time.perf_counter() - started, 2)
    return results


def print_table(results: dict[str, Any]) -> None:
    print(
        f"index: {results['sections']} sections, languages {results['languages']}, "
        f"{results['skipped']} questions skipped (language not indexed)"
    )
    names = sorted(
        {g for v in results["variants"].values() for s in ("tune", "report") for g in v[s]}
    )
    names = ["all"] + [n for n in names if n != "all"]
    for split in ("tune", "report"):
        print(f"\n== {split} ==")
        print(f"{'retriever':<15}{'group':<12}{'n':>4}{'r@1':>8}{'r@3':>8}{'MRR':>8}")
        for variant, table in results["variants"].items():
            for name in names:
                m = table[split].get(name)
                if m and m["n"]:
                    print(
                        f"{variant:<15}{name:<12}{m['n']:>4}{m['r@1']:>8.3f}{m['r@3']:>8.3f}"
                        f"{m['mrr']:>8.3f}"
                    )
    print(f"\n({results['seconds']} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embeddings", default="use", choices=["use", "fake", "openai"])
    parser.add_argument("--knowledge", type=Path, default=None, help="knowledge dir")
    parser.add_argument("--data-dir", type=Path, default=None, help="index location (temp)")
    parser.add_argument("--split", choices=["tune", "report"], default=None)
    parser.add_argument("--json", type=Path, default=None, help="write full results here")
    parser.add_argument("--misses", action="store_true", help="print questions missed at @3")
    args = parser.parse_args(argv)

    base = load_settings()
    scratch = None if args.data_dir else tempfile.TemporaryDirectory(prefix="kam-retrieval-eval-")
    data_dir = args.data_dir or Path(scratch.name)  # type: ignore[union-attr]
    settings = dataclasses.replace(
        base,
        data_dir=data_dir,
        knowledge_dir=args.knowledge or base.knowledge_dir,
        embeddings=args.embeddings,
    )
    questions = load_questions()
    if args.split:
        questions = [q for q in questions if q["split"] == args.split]
    results = run(settings, questions)
    clear_cache()
    if scratch is not None:
        scratch.cleanup()
    print_table(results)
    if args.misses:
        for variant, table in results["variants"].items():
            print(f"\nmisses of {variant}:")
            for miss in table["misses"]:
                where = f"{miss['id']} [{miss['split']}]"
                print(f"  {where} expected {miss['expected']} got {miss['top']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
