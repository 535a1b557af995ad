"""The trainee's two-step send without a browser: the message shows at once, the reply follows,
and nothing the trainee typed is lost (SendTab in ui_support runs the steps as gradio would)."""

from __future__ import annotations

from typing import Any

import pytest
from ui_support import OPENING, SKIP, SendTab, finish_session

from coach.errors import CoachError
from coach.session import Coach
from coach.ui.texts import t
from coach.ui.trainee import N_RESULT, N_VIEW
from coach.ui.trainee_send import N_REPLY, N_SETTLE, N_SUBMIT, sendable

PENDING = t("trainee.pending", "de")


def _started(tab: SendTab) -> str:
    assert tab.scenario_id is not None
    tab.session = tab.flow.trainee.start(tab.scenario_id, "", 7, "de").session_id
    return tab.session


def test_step_one_shows_the_message_and_a_pending_reply_at_once(send_tab: SendTab) -> None:
    session_id = _started(send_tab)
    coach = send_tab.flow.trainee.coach
    send_tab.text = OPENING
    send_tab.submit()
    message, chat, pending, button, retry = send_tab.outputs["submit"]
    assert len(send_tab.outputs["submit"]) == N_SUBMIT
    assert message == "" and button == retry == {"__type__": "update", "interactive": False}
    assert chat == [
        {"role": "user", "content": OPENING},
        {"role": "assistant", "content": PENDING},
    ]
    assert pending["text"] == OPENING and pending["shown"] and not pending["failed"]
    assert pending["session"] == session_id and pending["view"] == send_tab.mark.token
    assert coach.turns(session_id) == []  # nothing is sent before step 2


def test_step_one_keeps_the_earlier_turns_and_speaks_the_ui_language(send_tab: SendTab) -> None:
    _started(send_tab)
    send_tab.send(OPENING)
    send_tab.lang, send_tab.text = "en", "And how is the margin?"
    send_tab.submit()
    assert [m["role"] for m in send_tab.chat] == ["user", "assistant", "user", "assistant"]
    assert send_tab.chat[0]["content"] == OPENING
    assert send_tab.chat[-1]["content"] == t("trainee.pending", "en")


def test_step_two_answers_and_leaves_what_was_typed_meanwhile(send_tab: SendTab) -> None:
    session_id = _started(send_tab)
    send_tab.text = OPENING
    send_tab.submit()
    send_tab.text = "Und dann wollte ich noch"  # typed while the buyer "thinks"
    send_tab.reply()
    outputs = send_tab.outputs["reply"]
    assert len(outputs) == N_REPLY == N_VIEW + N_RESULT
    assert outputs[0] == session_id and outputs[N_VIEW - 1] is None  # nothing pending any more
    assert [m["role"] for m in send_tab.chat] == ["user", "assistant"]
    assert send_tab.chat[1]["content"].strip() and send_tab.chat[1]["content"] != PENDING
    assert "kam-bar" in send_tab.view[1]  # the mood panel
    assert outputs[N_VIEW:] == tuple(SKIP for _ in range(N_RESULT))  # not finished: no scores
    send_tab.settle()
    enable = {"__type__": "update", "interactive": True}
    assert send_tab.outputs["settle"] == (SKIP, SKIP, SKIP, enable, enable)
    assert send_tab.text == "Und dann wollte ich noch" and send_tab.send_enabled
    assert send_tab.retry_enabled


def test_first_message_without_start_opens_a_session(send_tab: SendTab) -> None:
    send_tab.send(OPENING)
    assert send_tab.session and len(send_tab.chat) == 2 and send_tab.text == ""
    assert send_tab.flow.trainee.coach.session(send_tab.session).lang == "de"


@pytest.mark.parametrize(
    ("text", "expected"), [("", "leer"), ("  \n ", "leer"), ("x" * 2001, "2001 Zeichen")]
)
def test_a_blank_or_too_long_message_stays_in_the_box_with_the_usual_warning(
    send_tab: SendTab, text: str, expected: str
) -> None:
    session_id = _started(send_tab)
    send_tab.send(OPENING)
    coach = send_tab.flow.trainee.coach
    before, chat = coach.turns(session_id), list(send_tab.chat)
    send_tab.text = text
    send_tab.submit()
    message, shown, pending, button, retry = send_tab.outputs["submit"]
    assert (message, shown, button, retry) == (SKIP,) * 4 and not pending["shown"]
    with pytest.warns(UserWarning, match=expected):
        send_tab.reply()
    send_tab.settle()
    assert send_tab.outputs["settle"][:2] == (SKIP, SKIP)
    assert send_tab.text == text and send_tab.chat == chat and send_tab.pending is None
    assert coach.turns(session_id) == before


def test_no_session_is_started_for_an_empty_first_message(send_tab: SendTab) -> None:
    with pytest.warns(UserWarning, match="leer"):
        send_tab.send("   ")
    assert send_tab.session is None and send_tab.flow.trainee.coach.store.list_sessions() == []


@pytest.mark.parametrize(
    "text", ["", " \t\n", "a", " a ", "x" * 2000, " " + "x" * 2000 + "\n", "x" * 2001]
)
def test_step_one_refuses_exactly_what_check_message_refuses(coach: Coach, text: str) -> None:
    try:
        coach.check_message(text, "de")
    except CoachError:
        assert not sendable(text)
    else:
        assert sendable(text)


def test_a_refused_send_puts_the_text_back_into_an_empty_box(send_tab: SendTab) -> None:
    session_id = _started(send_tab)
    send_tab.send(OPENING)
    coach = send_tab.flow.trainee.coach
    finish_session(coach, session_id)
    send_tab.text = "Noch ein Versuch?"
    send_tab.submit()
    assert send_tab.text == "" and not send_tab.send_enabled
    with pytest.warns(UserWarning, match="beendet"):
        send_tab.reply()
    assert send_tab.pending["failed"] and not send_tab.send_enabled
    send_tab.settle()
    assert send_tab.text == "Noch ein Versuch?" and send_tab.send_enabled
    assert send_tab.pending is None
    assert [m["content"] for m in send_tab.chat][0] == OPENING and len(send_tab.chat) == 2
    assert len(coach.turns(session_id)) == 2


def test_a_refused_send_keeps_what_was_typed_and_marks_the_text_not_sent(
    send_tab: SendTab,
) -> None:
    session_id = _started(send_tab)
    send_tab.send(OPENING)
    finish_session(send_tab.flow.trainee.coach, session_id)
    send_tab.text = "Noch ein Versuch?"
    send_tab.submit()
    send_tab.text = "Schon weiter getippt"
    with pytest.warns(UserWarning, match="beendet"):
        send_tab.reply()
    send_tab.settle()
    assert send_tab.text == "Schon weiter getippt" and send_tab.send_enabled
    last = send_tab.chat[-1]
    assert len(send_tab.chat) == 3 and last["role"] == "user"
    assert last["content"].startswith("Noch ein Versuch?")
    assert t("trainee.not_sent", "de") in last["content"]
    assert PENDING not in [m["content"] for m in send_tab.chat]


def test_an_unexpected_error_is_a_short_warning_and_the_text_comes_back(
    send_tab: SendTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    _started(send_tab)

    def broken(*_: Any) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(send_tab.flow.trainee.coach, "send", broken)
    send_tab.text = OPENING
    send_tab.submit()
    with pytest.warns(UserWarning) as caught:
        send_tab.reply()
    message = str(caught[0].message)
    assert "RuntimeError" in message and "database on fire" not in message
    send_tab.settle()
    assert send_tab.text == OPENING and send_tab.chat == [] and send_tab.send_enabled


def test_a_stored_message_whose_answer_failed_is_not_put_back(
    send_tab: SendTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = _started(send_tab)
    coach = send_tab.flow.trainee.coach

    def mute(*_: Any) -> None:
        raise RuntimeError("voice gone")

    monkeypatch.setattr(coach, "_voice", mute)
    send_tab.text = OPENING
    send_tab.submit()
    with pytest.warns(UserWarning, match="RuntimeError"):
        send_tab.reply()
    send_tab.settle()
    # The store has it (the next send answers it first): back in the box it would go twice.
    assert send_tab.text == "" and send_tab.chat == [{"role": "user", "content": OPENING}]
    assert [x.speaker for x in coach.turns(session_id)] == ["kam"]


def test_a_second_submit_while_one_is_pending_is_ignored(send_tab: SendTab) -> None:
    session_id = _started(send_tab)
    send_tab.text = OPENING
    send_tab.submit()
    first = send_tab.pending
    send_tab.text = "Enter gedrückt, während die Antwort lädt"
    send_tab.submit()  # the button is off, but Enter in the box still fires
    assert send_tab.outputs["submit"] == tuple(SKIP for _ in range(N_SUBMIT))
    assert send_tab.pending == first
    send_tab.settle()  # the ignored submit's last step, before the reply: changes nothing
    assert send_tab.outputs["settle"] == tuple(SKIP for _ in range(N_SETTLE))
    assert not send_tab.send_enabled
    pending = send_tab.pending
    send_tab.reply()
    # Both chains' step 2 read the same pending send: it is answered once.
    again = send_tab.flow.reply_event(pending, "de")
    assert again == tuple(SKIP for _ in range(N_REPLY))
    send_tab.settle()
    kam = [x.text for x in send_tab.flow.trainee.coach.turns(session_id) if x.speaker == "kam"]
    assert kam == [OPENING] and send_tab.send_enabled
    assert send_tab.text == "Enter gedrückt, während die Antwort lädt"


def test_the_end_of_a_session_shows_the_scorecard_with_the_last_reply(
    send_tab: SendTab,
) -> None:
    session_id = _started(send_tab)
    coach = send_tab.flow.trainee.coach
    lines = [
        OPENING,
        "Verstehe ich richtig, dass Ihnen die Marge Sorgen macht?",
        "Wir brauchen 8 % mehr im Preis. Punkt.",
        "Das ist unser letztes Wort: 8 %.",
    ]
    assert send_tab.scenario_id is not None
    for turn in range(coach.scenario(send_tab.scenario_id).max_turns + 1):
        send_tab.send(lines[min(turn, len(lines) - 1)])
        if coach.state(session_id).finished:
            break
    outcome = coach.state(session_id).outcome
    assert outcome in ("deal", "walk_away", "max_turns")
    status, results = send_tab.view[0], send_tab.outputs["reply"][N_VIEW:]
    assert f'data-outcome="{outcome}"' in status and t(f"outcome.{outcome}", "de") in status
    assert "data-overall=" in results[0] and results[1]["data"]  # scorecard shown at once
    assert results[2].strip() and results[2] != t("trainee.plan_empty", "de")
