"""Train the learned layer of the scorer (coach/scoring/learned.py) and cross-validate it.

    python -m evals.scoring.train [--cv] [--parts rules,use] [--casino-weight 0.5] [--l2 1e-3]

Training data: tune_{de,en}, tune2_{de,en} and tune3_{de,en} (two more annotators' ear-focused sets),
report_{de,en} to report6_{de,en} (v1 to v6, each evaluated blind once, now development sets) and the even dialogue ids of CaSiNo (mode only, trust vs negotiation).
`--cv` prints 5-fold cross-validation by dialogue against the rules alone; without it the model is fitted on
everything and written to coach/scoring/data/model.npz (the listening head's per-label
combination with the rules and its thresholds are chosen on out-of-fold predictions, so writing
a model runs the CV first). The blind set after report6 (report7_*) is never read here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from coach.domain import LISTENING, MODES
from coach.scoring import learned
from coach.scoring.annotate import _pairs, _Rules
from evals.scoring.run import CASINO, DATA, load, micro_f1

SETS = (
    "tune_de", "tune_en", "tune2_de", "tune2_en", "report_de", "report_en", "report2_de",
    "report2_en", "report3_de", "report3_en", "report4_de", "report4_en", "report5_de", "report5_en",
    "tune3_de", "tune3_en", "report6_de", "report6_en",
)  # fmt: skip
HOW_NAMES = ("rules", "union", "model")


def _casino_records(path: Path, parity: int) -> list[dict]:
    rows = []
    for row in load(path):
        if row["mode"] not in ("trust", "negotiation") or row["dialogue_id"] % 2 != parity:
            continue
        context = [
            {"speaker": "kam" if c["speaker"] == row["speaker"] else "buyer", "text": c["text"]}
            for c in row.get("context", [])
        ]
        rows.append(
            {
                "id": f"casino-{row['dialogue_id']}-{row['turn']}",
                "dialogue": f"casino-{row['dialogue_id']}",
                "lang": "en",
                "text": row["text"],
                "context": context,
                "mode": row["mode"],
                "source": "casino_even" if parity == 0 else "casino_odd",
            }
        )
    return rows


def records(with_casino_odd: bool = False) -> list[dict]:
    out = []
    for name in SETS:
        for r in load(DATA / f"{name}.jsonl"):
            out.append({**r, "source": name})
    if CASINO.exists():
        out += _casino_records(CASINO, 0)
        if with_casino_odd:
            out += _casino_records(CASINO, 1)
    return out


def featurise(recs: list[dict], parts: tuple[str, ...]) -> tuple[np.ndarray, list[_Rules]]:
    rules = [_Rules(r["text"], "kam", r.get("lang"), _pairs(r.get("context"))) for r in recs]
    emb = learned.embed([r.text for r in rules]) if "use" in parts else None
    if emb is not None and "use_buyer" in parts:
        buyer = learned.embed([learned.buyer_snippet(r.last_buyer or "") for r in rules])
        emb = np.concatenate([emb, buyer], axis=1)
    x = np.stack(
        [
            learned.feature_vector(r.view(), emb[i] if emb is not None else None, parts)
            for i, r in enumerate(rules)
        ]
    )
    return x, rules


def fit(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, k: int, l2: float, steps: int = 400
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression, L2 on W, full-batch Adam (deterministic)."""
    n, d = x.shape
    weights = np.zeros((d, k))
    bias = np.zeros(k)
    onehot = np.eye(k)[y]
    m_w = np.zeros_like(weights)
    v_w = np.zeros_like(weights)
    m_b = np.zeros_like(bias)
    v_b = np.zeros_like(bias)
    total = w.sum()
    for t in range(1, steps + 1):
        logits = x @ weights + bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * w[:, None] / total
        g_w = x.T @ g + 2 * l2 * weights
        g_b = g.sum(axis=0)
        for param, grad, m, v in ((weights, g_w, m_w, v_w), (bias, g_b, m_b, v_b)):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad**2
            param -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return weights, bias


def _labels(recs: list[dict], head: str) -> tuple[np.ndarray, np.ndarray]:
    """Label indices and a mask of records that carry the head's label."""
    key = {"mode": "mode", "side": "dominant_side", "ear": "ear"}[head]
    classes = learned.HEADS[head]
    y = np.array([classes.index(r[key]) if r.get(key) in classes else -1 for r in recs])
    return y, y >= 0


def _sample_weights(recs: list[dict], y: np.ndarray, mask: np.ndarray, casino: float) -> np.ndarray:
    w = np.array([casino if r["source"].startswith("casino") else 1.0 for r in recs])
    counts = np.bincount(y[mask], minlength=int(y.max()) + 1).astype(float)
    balance = (counts.sum() / np.maximum(counts, 1) / len(counts)) ** 0.5
    return w * np.where(mask, balance[np.clip(y, 0, None)], 0.0)


BUYER_ONLY_EAR = True  # the buyer line's embedding feeds the ear head only (CV: it hurts side/mode)
BUYER_COLUMNS = slice(0, 0)


def train_heads(x: np.ndarray, recs: list[dict], l2: float, casino: float) -> dict[str, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-3
    z_all = (x - mean) / scale
    z = z_all.copy()
    z[:, BUYER_COLUMNS] = 0.0  # weights of these columns stay 0 for every head but the ear
    out: dict[str, np.ndarray] = {
        "mean": mean.astype(np.float32),
        "scale": scale.astype(np.float32),
    }
    for head, classes in learned.HEADS.items():
        y, mask = _labels(recs, head)
        w = _sample_weights(recs, y, mask, casino)
        zh = z_all if head == "ear" else z
        weights, bias = fit(zh[mask], y[mask], w[mask], len(classes), l2)
        out[f"W_{head}"] = weights.astype(np.float32)
        out[f"b_{head}"] = bias.astype(np.float32)
    has_listening = np.array([not r["source"].startswith("casino") for r in recs])
    columns, biases = [], []
    for label in LISTENING:
        y = np.array([int(label in (r.get("listening") or [])) for r in recs])
        pos = max(1, int(y[has_listening].sum()))
        neg = max(1, int(has_listening.sum()) - pos)
        w = np.where(y == 1, (neg / pos) ** 0.5, 1.0) * has_listening
        weights, bias = fit(z[has_listening], y[has_listening], w[has_listening], 2, l2)
        columns.append(weights[:, 1] - weights[:, 0])
        biases.append(bias[1] - bias[0])
    out["W_listen"] = np.stack(columns, axis=1).astype(np.float32)
    out["b_listen"] = np.array(biases, dtype=np.float32)
    return out


def _listen_probs(model: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    z = (x - model["mean"]) / model["scale"]
    return 1.0 / (1.0 + np.exp(-np.clip(z @ model["W_listen"] + model["b_listen"], -30, 30)))


def _combine(rule: list[set[str]], probs: np.ndarray, how: np.ndarray, t: np.ndarray) -> list[set]:
    out = []
    for labels, p in zip(rule, probs, strict=True):
        row = set()
        for j, label in enumerate(LISTENING):
            by_rule, by_model = label in labels, p[j] >= t[j]
            if (by_rule, by_rule or by_model, by_model)[int(how[j])]:
                row.add(label)
        out.append(row)
    return out


def choose_listening(gold: list[set[str]], rule: list[set[str]], probs: np.ndarray):
    """Per label, rules / union / model and a threshold: best F1 on out-of-fold predictions."""
    how = np.zeros(len(LISTENING))
    t = np.full(len(LISTENING), 0.5)
    for j, label in enumerate(LISTENING):
        g = np.array([label in x for x in gold])
        r = np.array([label in x for x in rule])

        def f1(pred: np.ndarray, g: np.ndarray = g) -> float:
            tp = float((pred & g).sum())
            return 2 * tp / max(1.0, float(pred.sum() + g.sum()))

        # Near ties go to the rules, then to rules OR head: a cue the guideline names ('let me make
        # sure I understand' is a paraphrase) should not vanish because the head is unsure.
        best = (f1(r) + 0.01, 0, 0.5)
        for threshold in np.arange(0.3, 0.96, 0.05):
            m = probs[:, j] >= threshold
            for k, pred, bonus in ((1, r | m, 0.005), (2, m, 0.0)):
                if f1(pred) + bonus > best[0]:
                    best = (f1(pred) + bonus, k, float(threshold))
        how[j], t[j] = best[1], best[2]
    return how, t


def _predict(model: dict[str, np.ndarray], x: np.ndarray, head: str) -> np.ndarray:
    z = (x - model["mean"]) / model["scale"]
    return np.argmax(z @ model[f"W_{head}"] + model[f"b_{head}"], axis=1)


def _macro_f1(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        if tp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / max(1, len(scores))


def _report(recs: list[dict], rules: list[_Rules], preds: dict[str, list[str]], title: str) -> None:
    print(f"\n{title}")
    print(f"  {'source':<12} {'n':>5}  mode F1 rules->model  side acc  ear acc")
    for source in (*SETS, "casino_even", "casino_odd"):
        idx = [i for i, r in enumerate(recs) if r["source"] == source]
        if not idx:
            continue
        modes = ("trust", "negotiation") if source.startswith("casino") else MODES
        gold = [recs[i]["mode"] for i in idx]
        f_rule = _macro_f1(gold, [rules[i].mode for i in idx], modes)
        f_model = _macro_f1(gold, [preds["mode"][i] for i in idx], modes)
        line = f"  {source:<12} {len(idx):5d}  {f_rule:.3f} -> {f_model:.3f}"
        if not source.startswith("casino"):
            gs = [recs[i]["dominant_side"] for i in idx]
            s_rule = np.mean([rules[i].dominant == g for i, g in zip(idx, gs, strict=True)])
            s_model = np.mean([preds["side"][i] == g for i, g in zip(idx, gs, strict=True)])
            ie = [i for i in idx if recs[i].get("ear")]
            e_rule = np.mean([rules[i].ear == recs[i]["ear"] for i in ie])
            e_model = np.mean([preds["ear"][i] == recs[i]["ear"] for i in ie])
            line += f"  {s_rule:.3f}->{s_model:.3f}  {e_rule:.3f}->{e_model:.3f}"
        print(line)


def cross_validate(
    x: np.ndarray, recs: list[dict], rules: list[_Rules], l2: float, casino: float, folds: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    """Prints out-of-fold figures; returns the listening combination (how, thresholds)."""
    dialogues = sorted({r["dialogue"] for r in recs if not r["source"].endswith("odd")})
    rng = np.random.default_rng(0)
    order = rng.permutation(len(dialogues))
    fold_of = {dialogues[j]: i % folds for i, j in enumerate(order)}
    preds: dict[str, list[str]] = {head: [""] * len(recs) for head in learned.HEADS}
    listen = np.zeros((len(recs), len(LISTENING)))
    train_pool = np.array([not r["source"].endswith("odd") for r in recs])
    for fold in range(folds):
        test = np.array([fold_of.get(r["dialogue"], -1) == fold for r in recs])
        train = train_pool & ~test
        model = train_heads(
            x[train], [r for r, t in zip(recs, train, strict=True) if t], l2, casino
        )
        for head, classes in learned.HEADS.items():
            p = _predict(model, x[test], head)
            for i, c in zip(np.flatnonzero(test), p, strict=True):
                preds[head][i] = classes[c]
        listen[test] = _listen_probs(model, x[test])
    model = train_heads(
        x[train_pool], [r for r, t in zip(recs, train_pool, strict=True) if t], l2, casino
    )
    odd = ~train_pool
    for head, classes in learned.HEADS.items():
        if odd.any():
            for i, c in zip(np.flatnonzero(odd), _predict(model, x[odd], head), strict=True):
                preds[head][i] = classes[c]
    _report(
        recs,
        rules,
        preds,
        f"5-fold CV by dialogue (l2 {l2}, casino weight {casino}); "
        "casino_odd: model fitted on all the rest",
    )
    labelled = [i for i, r in enumerate(recs) if not r["source"].startswith("casino")]
    gold = [set(recs[i].get("listening") or []) for i in labelled]
    rule = [set(rules[i].listening) for i in labelled]
    how, t = choose_listening(gold, rule, listen[labelled])
    combined = _combine(rule, listen[labelled], how, t)
    print(
        "  listening (per label: how, threshold): "
        + ", ".join(
            f"{label} {HOW_NAMES[int(h)]} {th:.2f}"
            for label, h, th in zip(LISTENING, how, t, strict=True)
        )
    )
    print("  listening micro-F1 rules -> rules + head (choice made on these same folds)")
    for source in SETS:
        idx = [k for k, i in enumerate(labelled) if recs[i]["source"] == source]
        if idx:
            before = micro_f1([gold[k] for k in idx], [rule[k] for k in idx])
            after = micro_f1([gold[k] for k in idx], [combined[k] for k in idx])
            print(f"  {source:<12} {before:.3f} -> {after:.3f}")
    return how, t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate, do not write a model")
    parser.add_argument("--parts", default="rules,use")
    parser.add_argument("--l2", type=float, default=0.1)  # CV: ear .712 vs .701 at 1e-2
    parser.add_argument("--casino-weight", type=float, default=0.5)
    parser.add_argument("--drop", default="", help="cv only: 'casino' leaves CaSiNo out")
    parser.add_argument("--l2s", default="", help="cv only: comma-separated l2 values")
    parser.add_argument("--buyer-all-heads", action="store_true")
    args = parser.parse_args(argv)
    parts = tuple(p for p in args.parts.split(",") if p)
    recs = records(with_casino_odd=True)
    x, rules = featurise(recs, parts)
    global BUYER_COLUMNS
    if "use_buyer" in parts and BUYER_ONLY_EAR and not args.buyer_all_heads:
        start = x.shape[1] - sum(learned.PART_DIMS[p] for p in parts[parts.index("use_buyer") :])
        BUYER_COLUMNS = slice(start, start + 512)
    if args.cv and args.drop:
        keep = [not r["source"].startswith("casino") for r in recs]
        recs = [r for r, k in zip(recs, keep, strict=True) if k] if args.drop == "casino" else recs
        rules = (
            [r for r, k in zip(rules, keep, strict=True) if k] if args.drop == "casino" else rules
        )
        x = x[np.array(keep)] if args.drop == "casino" else x
    if args.cv:
        for l2 in [float(v) for v in args.l2s.split(",") if v] or [args.l2]:
            cross_validate(x, recs, rules, l2, args.casino_weight)
        return 0
    how, t = cross_validate(x, recs, rules, args.l2, args.casino_weight)
    keep = np.array([not r["source"].endswith("odd") for r in recs])
    recs = [r for r, k in zip(recs, keep, strict=True) if k]
    model = train_heads(x[keep], recs, args.l2, args.casino_weight)
    model["listen_how"] = how.astype(np.float32)
    model["listen_t"] = t.astype(np.float32)
    np.savez_compressed(learned.MODEL_PATH, parts=np.array(parts), **model)
    print(f"wrote {learned.MODEL_PATH} ({len(recs)} records, {x.shape[1]} features, parts {parts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
