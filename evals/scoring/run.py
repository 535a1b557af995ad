"""Scorer evaluation: per-label precision/recall/F1 for mode, listening, dominant side and ear.

    python -m evals.scoring.run [--casino PATH] [--sets tune_de,report_de,...] [--errors N] [--spoken] [--swiss]

Sets are `evals/scoring/data/<name>.jsonl`: tune_* are the hand-written tuning sets; report_de/en
(v1) to report6_* became development data (each evaluated blind once, then used to train the
learned layer); report7_* is the held-out set of this round, of which the runner prints
aggregates only (no --errors). CaSiNo (Chawla et
al., NAACL 2021, CC BY 4.0) checks trust vs negotiation on real English negotiation chat: the
even dialogue ids are the tuning half, the odd ids the held-out half.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from coach.domain import LISTENING, MODES, SIDES
from coach.scoring import annotate_many

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def _casino_path() -> Path:
    """KAM_CASINO, else the copy vendored under evals/data/ (CC BY 4.0, see its README)."""
    if os.environ.get("KAM_CASINO"):
        return Path(os.environ["KAM_CASINO"])
    return ROOT / "evals" / "data" / "casino_dev.jsonl"


CASINO = _casino_path()
DEFAULT_SETS = (
    "tune_de",
    "tune_en",
    "tune2_de",
    "tune2_en",
    "report_de",
    "report_en",
    "report2_de",
    "report2_en",
    "report3_de",
    "report3_en",
    "report4_de",
    "report4_en",
    "report5_de",
    "report5_en",
    "report6_de",
    "report6_en",
    "report7_de",
    "report7_en",
)
BLIND_PREFIX = "report7"


def prf(
    gold: Iterable[set[str]], pred: Iterable[set[str]], label: str
) -> tuple[float, float, float, int]:
    tp = fp = fn = support = 0
    for g, p in zip(gold, pred, strict=True):
        tp += label in g and label in p
        fp += label not in g and label in p
        fn += label in g and label not in p
        support += label in g
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, support


def micro_f1(gold: list[set[str]], pred: list[set[str]]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, pred, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, pred, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, pred, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# Transcribed speech: a filler early in every longer sentence and at every second sentence's start
# (labels stay as they are: a filler changes no mode, side, ear or listening label).
_FILLERS = {"de": ("äh", "Ähm"), "en": ("uh", "Um")}


def spoken(text: str, lang: str) -> str:
    mid, opening = _FILLERS.get(lang, _FILLERS["en"])
    out = []
    for i, sentence in enumerate(re.split(r"(?<=[.!?])\s+", text)):
        words = sentence.split()
        if len(words) > 5:
            words.insert(3, mid + ",") if i % 2 else words.insert(2, mid)
        said = " ".join(words)
        out.append(f"{opening}, {said[0].lower()}{said[1:]}" if i % 2 == 0 and said else said)
    return " ".join(out)


def as_spoken(records: list[dict]) -> list[dict]:
    def lang_of(r: dict) -> str:
        return r.get("lang") or str(r["id"])[:2]

    return [
        {
            **r,
            "text": spoken(r["text"], lang_of(r)),
            "context": [
                {**c, "text": spoken(c["text"], lang_of(r))} for c in (r.get("context") or [])
            ],
        }
        for r in records
    ]


def as_swiss(records: list[dict]) -> list[dict]:
    """As Swiss German writes it: no ß ('das heisst', 'Grüsse'); labels unchanged."""
    return [
        {
            **r,
            "text": r["text"].replace("ß", "ss"),
            "context": [
                {**c, "text": c["text"].replace("ß", "ss")} for c in (r.get("context") or [])
            ],
        }
        for r in records
    ]


def predict_many(records: list[dict]) -> list[dict]:
    items = [
        {
            "text": r["text"],
            "speaker": r.get("speaker", "kam"),
            "lang": r.get("lang"),
            "context": r.get("context") or [],
        }
        for r in records
    ]
    return [
        {"mode": a.mode, "listening": a.listening, "dominant_side": a.dominant_side, "ear": a.ear}
        for a in annotate_many(items)
    ]


def evaluate(records: list[dict]) -> dict:
    """Figures of one labelled set (the same keys the report table prints)."""
    preds = predict_many(records)
    result: dict = {"n": len(records)}
    gold_mode = [{r["mode"]} for r in records]
    pred_mode = [{p["mode"]} for p in preds]
    per_mode = {m: prf(gold_mode, pred_mode, m) for m in MODES}
    present = [m for m in MODES if per_mode[m][3]]
    result["mode"] = per_mode
    result["mode_macro_f1"] = sum(per_mode[m][2] for m in present) / max(1, len(present))
    result["mode_accuracy"] = sum(g == p for g, p in zip(gold_mode, pred_mode, strict=True)) / max(
        1, len(records)
    )
    gold_l = [set(r.get("listening") or []) for r in records]
    pred_l = [set(p["listening"]) for p in preds]
    result["listening"] = {label: prf(gold_l, pred_l, label) for label in LISTENING}
    result["listening_micro_f1"] = micro_f1(gold_l, pred_l)
    gold_s = [{r["dominant_side"]} for r in records]
    pred_s = [{p["dominant_side"]} for p in preds]
    result["side"] = {s: prf(gold_s, pred_s, s) for s in SIDES}
    result["side_accuracy"] = sum(g == p for g, p in zip(gold_s, pred_s, strict=True)) / max(
        1, len(records)
    )
    with_ear = [(r, p) for r, p in zip(records, preds, strict=True) if r.get("ear")]
    gold_e = [{r["ear"]} for r, _ in with_ear]
    pred_e = [{p["ear"] or "none"} for _, p in with_ear]
    result["ear"] = {s: prf(gold_e, pred_e, s) for s in SIDES}
    result["ear_accuracy"] = sum(g == p for g, p in zip(gold_e, pred_e, strict=True)) / max(
        1, len(with_ear)
    )
    result["errors"] = [
        (
            r["id"],
            r["text"][:90],
            {k: (r[k], p[k]) for k in ("mode", "dominant_side", "ear") if r.get(k) != p[k]},
            (sorted(r.get("listening") or []), sorted(p["listening"])),
        )
        for r, p in zip(records, preds, strict=True)
    ]
    return result


def evaluate_casino(path: Path) -> dict:
    """Trust vs negotiation macro-F1 per CaSiNo half; neutral/mixed rows reported separately."""
    halves: dict[str, list[tuple[str, str]]] = {"tune (even ids)": [], "held-out (odd ids)": []}
    other: dict[str, Counter] = {"neutral": Counter(), "mixed": Counter()}
    rows = load(path)
    items = [
        {
            "text": row["text"],
            "speaker": "kam",
            "lang": "en",
            "context": [
                {"speaker": "kam" if c["speaker"] == row["speaker"] else "buyer", "text": c["text"]}
                for c in row.get("context", [])
            ],
        }
        for row in rows
    ]
    modes = [a.mode for a in annotate_many(items)]
    for row, mode in zip(rows, modes, strict=True):
        if row["mode"] in ("trust", "negotiation"):
            half = "tune (even ids)" if row["dialogue_id"] % 2 == 0 else "held-out (odd ids)"
            halves[half].append((row["mode"], mode))
        elif row["mode"] in other:
            other[row["mode"]][mode] += 1
    result: dict = {"other": other}
    for half, pairs in halves.items():
        gold = [{g} for g, _ in pairs]
        pred = [{p} for _, p in pairs]
        per = {m: prf(gold, pred, m) for m in ("trust", "negotiation")}
        result[half] = {
            "n": len(pairs),
            "per": per,
            "macro_f1": sum(v[2] for v in per.values()) / 2,
            "predicted_neutral": sum(p == "neutral" for _, p in pairs),
        }
    return result


def _row(name: str, values: tuple[float, float, float, int]) -> str:
    p, r, f, n = values
    return f"    {name:<24} P {p:5.2f}  R {r:5.2f}  F1 {f:5.2f}  n {n:4d}"


def print_report(name: str, result: dict, errors: int = 0) -> None:
    print(f"\n== {name} ({result['n']} KAM utterances)")
    print(
        f"  mode        macro-F1 {result['mode_macro_f1']:.3f}   accuracy "
        f"{result['mode_accuracy']:.3f}"
    )
    for m, v in result["mode"].items():
        print(_row(m, v))
    print(f"  listening   micro-F1 {result['listening_micro_f1']:.3f}")
    for label, v in result["listening"].items():
        print(_row(label, v))
    print(f"  dominant side accuracy {result['side_accuracy']:.3f}")
    for s, v in result["side"].items():
        print(_row(s, v))
    print(f"  ear         accuracy {result['ear_accuracy']:.3f}")
    for s, v in result["ear"].items():
        print(_row(s, v))
    shown = [e for e in result["errors"] if e[2] or e[3][0] != e[3][1]][:errors]
    for rid, text, diff, (gl, pl) in shown:
        listening = f" listening {gl}->{pl}" if gl != pl else ""
        print(f"    ! {rid}: {text!r} {diff}{listening}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--casino", type=Path, default=CASINO, help="casino_dev.jsonl path")
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS), help="comma-separated set names")
    parser.add_argument("--errors", type=int, default=0, help="print up to N disagreements per set")
    parser.add_argument(
        "--spoken", action="store_true", help="as transcribed speech: fillers in every utterance"
    )
    parser.add_argument("--swiss", action="store_true", help="as Swiss German writes: no ß")
    args = parser.parse_args(argv)
    for name in [s for s in args.sets.split(",") if s]:
        path = DATA / f"{name}.jsonl"
        if not path.exists():
            print(f"\n== {name}: {path} not found, skipped")
            continue
        # the held-out set of this round: aggregates only, never its disagreements
        shown = 0 if name.startswith(BLIND_PREFIX) else args.errors
        records = as_spoken(load(path)) if args.spoken else load(path)
        records = as_swiss(records) if args.swiss else records
        print_report(name, evaluate(records), shown)
    if args.casino and args.casino.exists():
        result = evaluate_casino(args.casino)
        print("\n== CaSiNo (Chawla et al., NAACL 2021; CC BY 4.0): trust vs negotiation")
        for half in ("tune (even ids)", "held-out (odd ids)"):
            r = result[half]
            print(
                f"  {half:<20} macro-F1 {r['macro_f1']:.3f}  n {r['n']}  "
                f"predicted neutral {r['predicted_neutral']}"
            )
            for m, v in r["per"].items():
                print(_row(m, v))
        for kind, counts in result["other"].items():
            print(f"  gold {kind:<8} predicted as: {dict(sorted(counts.items()))}")
    else:
        print(f"\n== CaSiNo: {args.casino} not found, skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
