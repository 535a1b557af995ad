"""An optional LLM judge over the rule annotations (`kam-coach annotate --judge`), never default.

The rule annotator (`coach.scoring.annotate_many`) runs first; the judge shows the model a compact
guideline (`data/judge_<lang>.yaml`, from ANNOTATION.md), the dialogue context and the rule labels
as a hint, and asks for ONE JSON object in plain text. Plain JSON rather than a `json_schema`
response format or tool calls: every OpenAI-compatible server can do it (llama.cpp's rejects
`json_schema`), and the scripted fake too. The reply is validated (allowed codes only, listening
a list of known codes, ear null exactly when no buyer line precedes a KAM line); on a problem the
problems are fed back and the model tries again, `attempts` times in all (instructor's habit).

The output keeps the schema of the offline annotator (an `Annotation`): the judge's mode,
listening, dominant side and ear; the rule side shares, re-weighted only when the dominant side
changes; the rule evidence that still holds, plus a `judge` entry with the model's reason.
Nothing is ever lost: an item whose replies stay invalid, or whose request fails, keeps its rule
annotation with a `judge` evidence entry saying why. After `max_endpoint_failures` endpoint errors
in a row the judge stops calling the model for the rest of the run (a dead endpoint costs one
timeout, not one per item); `warning()` tells the caller how many items kept the rule labels.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coach.domain import LISTENING, MODES, SIDES, Annotation, Evidence, Lang, Listening, Mode, Side
from coach.scoring.lexicon import detect_lang

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
JUDGE_LABEL = "judge"  # the evidence label of every judge entry
JUDGE_MAX_TOKENS = 200  # a verdict is ~60 tokens; the cap keeps a rambling model cheap
_CONTEXT_LINES = 6
_SIDE_WEIGHT = 0.6  # a changed dominant side: shares = this x one-hot + the rest x rule shares
_NULLS = {"", "null", "none", "n/a", "-"}


@lru_cache(maxsize=2)
def judge_prompts(lang: Lang) -> dict[str, str]:
    """The judge's texts for one language (system guideline, item, retry)."""
    with (DATA / f"judge_{lang}.yaml").open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


@dataclass(frozen=True)
class Verdict:
    """The labels of one valid judge reply."""

    mode: Mode
    listening: list[Listening]
    dominant_side: Side
    ear: Side | None
    reason: str = ""


class VerdictError(ValueError):
    """A reply that cannot be used; `problems` are fed back to the model."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def first_json_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in a reply (prose and code fences around it are ignored)."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            found, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            found = None
        if isinstance(found, dict):
            return found
        start = text.find("{", start + 1)
    return None


def _code(value: Any) -> str:
    """'Self-Revelation ' -> 'self_revelation': tolerate case and separators, not synonyms."""
    return str(value).strip().lower().replace("-", "_").replace(" ", "_")


def _one_of(data: dict[str, Any], key: str, allowed: tuple[str, ...], problems: list[str]) -> Any:
    value = data.get(key)
    if value is None:
        problems.append(f"'{key}' is missing (one of {', '.join(allowed)})")
        return None
    code = _code(value)
    if code not in allowed:
        problems.append(f"'{key}' is {value!r}; allowed: {', '.join(allowed)}")
        return None
    return code


def parse_verdict(text: str, ear_expected: bool) -> Verdict:
    """Validate a judge reply; raises VerdictError with every problem found."""
    data = first_json_object(text)
    if data is None:
        raise VerdictError(["no JSON object found in the reply"])
    problems: list[str] = []
    mode = _one_of(data, "mode", MODES, problems)
    if "dominant_side" not in data and "side" in data:
        data["dominant_side"] = data["side"]
    side = _one_of(data, "dominant_side", SIDES, problems)
    raw = data.get("listening") or []
    if isinstance(raw, str):
        raw = [raw]
    listening: list[str] = []
    if not isinstance(raw, list):
        problems.append(f"'listening' must be a list of codes, got {raw!r}")
    else:
        for item in raw:
            code = _code(item)
            if code not in LISTENING:
                problems.append(f"'listening' holds {item!r}; allowed: {', '.join(LISTENING)}")
            elif code not in listening:
                listening.append(code)
    ear_raw = data.get("ear")
    ear = None if ear_raw is None or _code(ear_raw) in _NULLS else _code(ear_raw)
    if ear is not None and ear not in SIDES:
        problems.append(f"'ear' is {ear_raw!r}; allowed: {', '.join(SIDES)} or null")
    elif ear is not None and not ear_expected:
        problems.append("'ear' must be null: no buyer line precedes this KAM line")
    elif ear is None and ear_expected:
        problems.append(f"'ear' is missing: this reply answers a buyer line ({', '.join(SIDES)})")
    if problems:
        raise VerdictError(problems)
    return Verdict(
        mode=mode,
        listening=[code for code in LISTENING if code in listening],
        dominant_side=side,
        ear=ear,  # type: ignore[arg-type]
        reason=str(data.get("reason") or "").strip()[:200],
    )


def _context_pairs(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Context lines as (speaker, text), as the rule annotator reads them."""
    pairs: list[tuple[str, str]] = []
    for line in item.get("context") or []:
        if isinstance(line, dict):
            speaker, text = line.get("speaker", "buyer"), line.get("text")
        else:
            speaker, text = getattr(line, "speaker", "buyer"), getattr(line, "text", "")
        pairs.append(("kam" if str(speaker).lower() == "kam" else "buyer", str(text or "")))
    return pairs


def lang_of(item: dict[str, Any]) -> Lang:
    """The item's language: as given, else detected as the rule annotator does."""
    lang = item.get("lang")
    return lang if lang in ("de", "en") else detect_lang(str(item.get("text") or ""))


def expects_ear(item: dict[str, Any]) -> bool:
    """A KAM line with a buyer line before it has an ear; anything else has none."""
    speaker = str(item.get("speaker") or "kam").lower()
    return speaker == "kam" and any(s == "buyer" for s, _ in _context_pairs(item))


def judge_messages(item: dict[str, Any], rule: Annotation) -> list[tuple[str, str]]:
    """The first request for one item: guideline, context, utterance, rule labels as a hint."""
    text = str(item.get("text") or "")
    prompts = judge_prompts(lang_of(item))
    pairs = _context_pairs(item)[-_CONTEXT_LINES:]
    context = "\n".join(f"{s}: {t[:300]}" for s, t in pairs) or prompts["no_context"]
    hint = {
        "mode": rule.mode,
        "listening": list(rule.listening),
        "dominant_side": rule.dominant_side,
        "ear": rule.ear,
    }
    body = prompts["item"].format(
        context=context,
        speaker=str(item.get("speaker") or "kam"),
        text=text[:1500],
        hint=json.dumps(hint, ensure_ascii=False),
        ear_rule=prompts["ear_needed"] if expects_ear(item) else prompts["ear_null"],
    )
    return [("system", prompts["system"]), ("human", body)]


def _reply_text(reply: Any) -> str:
    content = getattr(reply, "content", reply)
    if isinstance(content, list):  # some providers return content parts
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content)


def apply_verdict(rule: Annotation, verdict: Verdict, item: dict[str, Any]) -> Annotation:
    """The rule annotation with the judge's labels, evidence that still holds and a judge entry."""
    span = str(item.get("text") or "")[:200]
    sides = dict(rule.sides)
    if verdict.dominant_side != rule.dominant_side:
        # the judged side must stay the largest share: 0.6 + 0.4 x s > 0.4 x any other share
        sides = {
            side: round(
                _SIDE_WEIGHT * (side == verdict.dominant_side) + (1 - _SIDE_WEIGHT) * share, 3
            )
            for side, share in rule.sides.items()
        }

    def holds(e: Evidence) -> bool:
        if e.label in MODES:
            return e.label == verdict.mode
        if e.label in SIDES:
            return e.label == verdict.dominant_side
        if e.label in LISTENING:
            return e.label in verdict.listening
        if e.label.startswith("ear:"):
            return e.label == f"ear:{verdict.ear}"
        return True  # techniques, pressure: not the judge's business

    evidence = [e for e in rule.evidence if holds(e)]
    if verdict.mode != rule.mode:
        evidence.append(
            Evidence(label=verdict.mode, span=span, reason=f"LLM judge (rules: {rule.mode})")
        )
    evidence += [
        Evidence(label=code, span=span, reason="LLM judge (not found by the rules)")
        for code in verdict.listening
        if code not in rule.listening
    ]
    if verdict.dominant_side != rule.dominant_side:
        reason = f"LLM judge (rules: {rule.dominant_side})"
        evidence.append(Evidence(label=verdict.dominant_side, span=span, reason=reason))
    if verdict.ear is not None and verdict.ear != rule.ear:
        buyer = next((t for s, t in reversed(_context_pairs(item)) if s == "buyer"), "")
        reason = f"LLM judge (rules: {rule.ear})"
        evidence.append(Evidence(label=f"ear:{verdict.ear}", span=buyer[:120], reason=reason))
    agreed = (verdict.mode, verdict.listening, verdict.dominant_side, verdict.ear) == (
        rule.mode,
        list(rule.listening),
        rule.dominant_side,
        rule.ear,
    )
    summary = "LLM judge agreed with the rules" if agreed else "LLM judge changed the rule labels"
    note = f"{summary}: {verdict.reason}" if verdict.reason else summary
    evidence.append(Evidence(label=JUDGE_LABEL, span="", reason=note))
    return rule.model_copy(
        update={
            "mode": verdict.mode,
            "listening": list(verdict.listening),
            "dominant_side": verdict.dominant_side,
            "sides": sides,
            "ear": verdict.ear,
            "evidence": evidence,
        }
    )


def kept_rules(rule: Annotation, why: str) -> Annotation:
    """The rule annotation unchanged, with a judge entry saying why the judge did not decide."""
    note = Evidence(label=JUDGE_LABEL, span="", reason=f"{why}; the rule labels stand")
    return rule.model_copy(update={"evidence": [*rule.evidence, note]})


class AnnotationJudge:
    """Checks rule annotations with a chat model; one instance per run (it counts failures)."""

    def __init__(self, model: Any, attempts: int = 3, max_endpoint_failures: int = 2) -> None:
        self.model = model
        self.attempts = max(1, attempts)  # 3 = one request and two retries with the problems
        self.max_endpoint_failures = max_endpoint_failures
        self.judged = 0
        self.invalid = 0  # items whose replies stayed invalid
        self.unreached = 0  # items the endpoint failed for (or skipped after it died)
        self.endpoint_error = ""
        self._failures_in_a_row = 0

    @property
    def endpoint_dead(self) -> bool:
        return self._failures_in_a_row >= self.max_endpoint_failures

    def judge(self, item: dict[str, Any], rule: Annotation) -> Annotation:
        """One item: the judged annotation, or the rule annotation with the reason it stands."""
        if self.endpoint_dead:
            self.unreached += 1
            return kept_rules(rule, f"LLM judge skipped (endpoint failed: {self.endpoint_error})")
        messages = judge_messages(item, rule)
        problems: list[str] = []
        for _ in range(self.attempts):
            try:
                reply = self.model.invoke(messages)
            except Exception as exc:  # noqa: BLE001 - a dead endpoint must not lose the item
                self._failures_in_a_row += 1
                self.unreached += 1
                self.endpoint_error = f"{type(exc).__name__}: {exc}"[:200]
                log.warning("LLM judge request failed: %s", self.endpoint_error)
                return kept_rules(rule, f"LLM judge failed (endpoint: {self.endpoint_error})")
            self._failures_in_a_row = 0
            text = _reply_text(reply)
            try:
                verdict = parse_verdict(text, expects_ear(item))
            except VerdictError as error:
                problems = error.problems
                retry = judge_prompts(lang_of(item))["retry"]
                messages = [
                    *messages,
                    ("ai", text[:2000]),
                    ("human", retry.format(problems="; ".join(problems))),
                ]
                continue
            self.judged += 1
            return apply_verdict(rule, verdict, item)
        self.invalid += 1
        why = f"LLM judge failed after {self.attempts} attempts ({'; '.join(problems)})"
        return kept_rules(rule, why[:300])

    def judge_many(
        self, items: Sequence[dict[str, Any]], rules: Sequence[Annotation]
    ) -> list[Annotation]:
        """Every item, in order; an item the judge cannot decide keeps its rule annotation."""
        return [self.judge(item, rule) for item, rule in zip(items, rules, strict=True)]

    def warning(self) -> str | None:
        """What a user should know after a run (None when every item was judged)."""
        kept = self.invalid + self.unreached
        if not kept:
            return None
        total = kept + self.judged
        text = f"{kept} of {total} item(s) keep the rule labels (evidence label '{JUDGE_LABEL}')"
        if self.unreached:
            text += (
                f"; the LLM endpoint failed ({self.endpoint_error}). Check KAM_LLM_BASE_URL and "
                "KAM_LLM_MODEL, or run without --judge"
            )
        if self.invalid:
            text += f"; {self.invalid} got no valid reply in {self.attempts} attempts"
        return text
