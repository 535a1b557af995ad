"""The optional LLM judge of `kam-coach annotate`: same schema, validated labels, nothing lost."""

from __future__ import annotations

import json

import pytest
from test_cli import kam
from typer.testing import CliRunner

import coach.llm
from coach.cli import app
from coach.domain import SIDES, Annotation
from coach.llm.fake import ScriptedChatModel
from coach.llm.judge import AnnotationJudge, VerdictError, first_json_object, parse_verdict
from coach.scoring import annotate_many

CONTRACT = ["id", "mode", "listening", "sides", "dominant_side", "ear", "evidence"]
BUYER = "Ehrlich gesagt stehe ich bei den Konditionen selbst unter Druck."
ITEMS = [
    {"id": "a", "text": "Wie läuft es in Ihrer Kategorie?", "speaker": "kam", "lang": "de"},
    {
        "id": "b",
        "text": "Ich merke, dass Sie das belastet.",
        "speaker": "kam",
        "lang": "de",
        "context": [{"speaker": "buyer", "text": BUYER}],
    },
    {"id": "c", "text": "We propose a 4% price increase.", "speaker": "kam", "lang": "en"},
]


def verdict(mode="trust", listening=(), side="relationship", ear=None, reason="fits") -> str:
    body = {"mode": mode, "listening": list(listening), "dominant_side": side, "ear": ear}
    return json.dumps({**body, "reason": reason})


def fitting(mode: str, side: str = "fact"):
    """A scripted reply with the right ear for each item (fact after the buyer line, else null)."""
    return lambda messages: verdict(
        mode, side=side, ear="fact" if BUYER in messages[1].content else None
    )


def judged(replies, items=ITEMS[:1], **kwargs) -> tuple[list[Annotation], AnnotationJudge]:
    judge = AnnotationJudge(ScriptedChatModel(replies=replies), **kwargs)
    return judge.judge_many(items, annotate_many(items)), judge


def labels(a: Annotation) -> tuple:
    return a.mode, a.listening, a.dominant_side, a.ear


def notes(a: Annotation) -> list[str]:
    return [e.reason for e in a.evidence if e.label == "judge"]


def test_a_valid_reply_overrides_the_labels_and_keeps_the_schema() -> None:
    rule = annotate_many(ITEMS[1:2])[0]
    reply = verdict("negotiation", ["closed_question"], "appeal", "fact", "tests the buyer")
    (out,), judge = judged([reply], ITEMS[1:2])
    assert labels(out) == ("negotiation", ["closed_question"], "appeal", "fact")
    assert labels(rule) != labels(out)
    assert max(SIDES, key=lambda s: out.sides[s]) == "appeal"
    assert abs(sum(out.sides.values()) - 1) < 0.01
    assert notes(out) == ["LLM judge changed the rule labels: tests the buyer"]
    changed = {e.label: e.reason for e in out.evidence}
    assert changed["negotiation"] == f"LLM judge (rules: {rule.mode})"
    assert changed["ear:fact"].startswith("LLM judge") and "ear:" + str(rule.ear) not in changed
    assert judge.judged == 1 and judge.warning() is None
    Annotation.model_validate(out.model_dump())


def test_the_prompt_holds_the_guideline_the_context_and_the_rule_hint() -> None:
    (_,), judge = judged([verdict(ear="self_revelation")], ITEMS[1:2])
    system, human = judge.model.history[0]
    assert "emotion_verbalization" in system.content and "Vier-Seiten" in system.content
    assert BUYER in human.content and ITEMS[1]["text"] in human.content
    assert '"dominant_side"' in human.content  # the rule labels as a hint
    (_,), english = judged([verdict()], ITEMS[2:3])
    assert "four-sides model" in english.model.history[0][0].content


def test_an_invalid_reply_is_retried_with_the_problems_fed_back() -> None:
    bad = verdict("friendly", ["question"], "appeal")
    (out,), judge = judged([bad, verdict("trust", ["open_question"], "relationship")])
    history = judge.model.history
    assert len(history) == 2
    assert history[1][-2].content == bad, "the bad reply goes back as the model's own turn"
    problem = history[1][-1].content
    assert "'mode' is 'friendly'" in problem and "'listening' holds 'question'" in problem
    assert labels(out) == ("trust", ["open_question"], "relationship", None)


def test_replies_that_stay_invalid_keep_the_rule_labels_with_a_reason() -> None:
    rule = annotate_many(ITEMS[:1])[0]
    (out,), judge = judged(["I think it is trust mode."])
    assert len(judge.model.history) == 3, "one request and two retries"
    assert labels(out) == labels(rule) and out.sides == rule.sides
    assert out.evidence[:-1] == rule.evidence
    assert notes(out) == [
        "LLM judge failed after 3 attempts (no JSON object found in the reply); "
        "the rule labels stand"
    ]
    assert "1 of 1 item(s) keep the rule labels" in (judge.warning() or "")


def test_an_ear_without_a_buyer_line_is_refused_and_a_missing_ear_too() -> None:
    (_,), judge = judged([verdict(ear="fact"), verdict()])
    assert "'ear' must be null" in judge.model.history[1][-1].content
    (out,), judge = judged([verdict(ear=None), verdict(ear="appeal")], ITEMS[1:2])
    assert "'ear' is missing" in judge.model.history[1][-1].content
    assert out.ear == "appeal"


def test_a_buyer_line_never_gets_an_ear() -> None:
    item = {**ITEMS[1], "speaker": "buyer"}
    with pytest.raises(VerdictError, match="must be null"):
        parse_verdict(verdict(ear="fact"), ear_expected=False)
    (out,), _ = judged([verdict(ear=None)], [item])
    assert out.ear is None


@pytest.mark.parametrize(
    "reply",
    [
        'Sure! ```json\n{"mode": "Trust", "listening": "open question", "side": "Appeal", '
        '"ear": "null"}\n``` Hope that helps {not json}.',
        '{broken {"mode": "trust", "listening": ["open_question", "open_question"], '
        '"dominant_side": "appeal", "ear": null, "reason": "x"}',
    ],
)
def test_json_is_found_in_prose_and_spelling_is_tolerated(reply: str) -> None:
    got = parse_verdict(reply, ear_expected=False)
    assert (got.mode, got.listening, got.dominant_side, got.ear) == (
        "trust",
        ["open_question"],
        "appeal",
        None,
    )


def test_no_json_object_at_all() -> None:
    assert first_json_object("[1, 2] no object here") is None
    with pytest.raises(VerdictError, match="no JSON object"):
        parse_verdict("trust", ear_expected=False)


def test_a_dead_endpoint_loses_nothing_and_stops_being_called() -> None:
    items = ITEMS * 2
    rules = annotate_many(items)
    model = ScriptedChatModel(replies=[ConnectionError("connection refused")])
    judge = AnnotationJudge(model, max_endpoint_failures=2)
    out = judge.judge_many(items, rules)
    assert len(model.history) == 2, "after two failures in a row the endpoint is not asked again"
    assert [labels(a) for a in out] == [labels(r) for r in rules]
    assert [a.evidence[:-1] for a in out] == [r.evidence for r in rules]
    assert all("the rule labels stand" in notes(a)[0] for a in out)
    assert "skipped (endpoint failed: ConnectionError" in notes(out[-1])[0]
    warning = judge.warning() or ""
    assert "6 of 6 item(s)" in warning and "KAM_LLM_BASE_URL" in warning


def test_order_is_kept_when_some_items_fail() -> None:
    def reply(messages) -> str:
        text = messages[1].content
        if "4%" in text:
            return "no idea"
        return fitting("negotiation")(messages)

    out, judge = judged([reply], ITEMS)
    assert [a.mode for a in out] == ["negotiation", "negotiation", annotate_many(ITEMS[2:])[0].mode]
    assert (judge.judged, judge.invalid, judge.unreached) == (2, 1, 0)


def _online(monkeypatch: pytest.MonkeyPatch, model: ScriptedChatModel) -> None:
    monkeypatch.setenv("KAM_OFFLINE", "0")
    monkeypatch.setenv("KAM_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setattr(coach.llm, "chat_model", lambda settings, **kwargs: model)


def _run(*args: str):
    stdin = "".join(json.dumps(item) + "\n" for item in ITEMS)
    return CliRunner().invoke(app, ["annotate", *args, "-"], input=stdin)


def test_the_cli_judge_keeps_ids_order_and_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    _online(monkeypatch, ScriptedChatModel(replies=[fitting("neutral")]))
    result = _run("--judge")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert all(sorted(r) == sorted(CONTRACT) for r in rows)
    assert [r["mode"] for r in rows] == ["neutral", "neutral", "neutral"]
    assert [r["ear"] for r in rows] == [None, "fact", None]
    assert result.stderr == ""


def test_the_cli_falls_back_with_a_warning_when_the_endpoint_is_dead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = _run()
    _online(monkeypatch, ScriptedChatModel(replies=[TimeoutError("timed out")]))
    result = _run("--judge")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    expected = [json.loads(line) for line in plain.stdout.splitlines()]
    for row, rule in zip(rows, expected, strict=True):
        assert row["evidence"][-1]["label"] == "judge"
        assert {**row, "evidence": row["evidence"][:-1]} == rule
    assert result.stderr.startswith("Warning: 3 of 3 item(s) keep the rule labels")


def test_the_setting_turns_the_judge_on_and_no_judge_off(monkeypatch: pytest.MonkeyPatch) -> None:
    model = ScriptedChatModel(replies=[fitting("neutral")])
    _online(monkeypatch, model)
    monkeypatch.setenv("KAM_SCORING_JUDGE", "1")
    assert json.loads(_run().stdout.splitlines()[0])["mode"] == "neutral"
    calls = len(model.history)
    assert json.loads(_run("--no-judge").stdout.splitlines()[0])["mode"] == "trust"
    assert len(model.history) == calls


def test_without_an_llm_the_setting_warns_and_the_output_stays_offline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = _run()
    monkeypatch.setenv("KAM_SCORING_JUDGE", "1")
    result = _run()
    assert result.stdout == plain.stdout
    assert "KAM_SCORING_JUDGE needs an LLM: set KAM_LLM_BASE_URL" in result.stderr


def test_the_judge_flag_without_an_llm_says_what_to_set() -> None:
    result = kam("annotate", "--judge", "-", stdin=json.dumps(ITEMS[0]) + "\n")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: --judge needs an LLM: set KAM_LLM_BASE_URL")
    assert "Traceback" not in result.stderr
