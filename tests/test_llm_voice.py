"""The LLM only words the reply: a lying, dead or off-language model never changes the terms."""

from __future__ import annotations

import random

import pytest
from test_buyer import TYPOLOGY, make_scenario

from coach.buyer.guard import check_reply, detect_lang
from coach.buyer.llm_voice import LLMVoice
from coach.buyer.policy import Decision
from coach.config import load_settings
from coach.errors import LLMError
from coach.llm import chat_model
from coach.llm.fake import ScriptedChatModel

SCENARIO = make_scenario("D")
KIND = TYPOLOGY.types["D"]
COUNTER = Decision("counter_offer", "price", offer=1.5, their_offer=4.0)


def voice(replies) -> tuple[LLMVoice, ScriptedChatModel]:
    model = ScriptedChatModel(replies=replies)
    return LLMVoice(model, KIND, SCENARIO, "de"), model


def test_a_good_llm_reply_is_used_and_the_history_is_sent() -> None:
    v, model = voice(["Mit 1,5 % kann ich leben, mehr ist nicht drin."])
    text = v.realise(COUNTER, [("kam", "Wir brauchen 4 % Preiserhöhung.")], random.Random(1))
    assert text == "Mit 1,5 % kann ich leben, mehr ist nicht drin."
    sent = model.history[0]
    assert "Frau Berger" in sent[0].content
    assert "Wir brauchen 4 %" in sent[1].content


def test_a_reply_leaking_the_hidden_limit_is_retried_then_replaced() -> None:
    leaks = "Ehrlich gesagt wäre ich bis 2,8 % gegangen."
    v, model = voice([leaks, leaks])
    text = v.realise(COUNTER, [], random.Random(1))
    assert "2,8" not in text
    assert len(model.history) == 2, "one retry with the problem fed back"
    assert "hidden limit" in model.history[1][-1].content
    assert any("hidden limit" in p for p in v.last_problems)


def test_the_retry_can_succeed() -> None:
    v, model = voice(["Bis 2,8 % ginge es.", "Ich biete 1,5 %, nicht mehr."])
    assert v.realise(COUNTER, [], random.Random(1)) == "Ich biete 1,5 %, nicht mehr."


@pytest.mark.parametrize(
    "reply",
    [
        "As the manufacturer we think 1.5% is fine for our product.",
        "Als Hersteller finde ich unser Produkt toll, 1,5 %.",
        "",
    ],
)
def test_role_inversion_wrong_language_and_empty_replies_are_refused(reply: str) -> None:
    assert check_reply(reply, COUNTER, SCENARIO, "de")


def test_a_dead_endpoint_falls_back_to_the_template_voice() -> None:
    v, _ = voice([ConnectionError("connection refused")])
    text = v.realise(COUNTER, [], random.Random(1))
    assert text and "1,5 %" in text
    assert v.last_problems and "endpoint error" in v.last_problems[0]


def test_language_detection() -> None:
    assert detect_lang("Das ist nicht das, was wir wollen.") == "de"
    assert detect_lang("This is not what we want and it is too much.") == "en"
    assert detect_lang("1,5 %") is None


def test_tests_cannot_reach_a_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAM_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("KAM_OFFLINE", "0")
    with pytest.raises(LLMError):
        chat_model(load_settings())


def test_offline_mode_wins_over_a_configured_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAM_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("KAM_OFFLINE", "1")
    assert chat_model(load_settings()) is None


def test_ask_answers_from_passages_with_a_scripted_model() -> None:
    from coach.llm.answer import answer_question
    from coach.retrieval import Passage

    passage = Passage(
        id="neg-anchoring",
        text="Wer zuerst eine Zahl nennt, setzt den Anker.",
        source="x.md",
        heading="Anker setzen",
        lang="de",
        levers=("price",),
        score=0.9,
    )
    model = ScriptedChatModel(replies=["Setzen Sie den ersten Anker (Anker setzen)."])
    text = answer_question(model, "Wer sollte zuerst eine Zahl nennen?", [passage], "de")
    assert text.startswith("Setzen Sie")
    assert "Anker setzen" in model.history[0][1].content


def test_ask_with_a_dead_model_says_what_to_do() -> None:
    from coach.llm.answer import answer_question

    model = ScriptedChatModel(replies=[ConnectionError("refused")])
    with pytest.raises(LLMError, match="KAM_OFFLINE=1"):
        answer_question(model, "Frage?", [], "de")
