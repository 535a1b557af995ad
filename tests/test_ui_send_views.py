"""A send belongs to the conversation it was typed in: when the trainee starts, resumes or
switches away while the buyer's reply is pending, the reply is stored in its own session but
kept out of the chat now shown (no late reply, no "not sent" bubble, no text put back), and
Retry waits for the reply. SendTab (ui_support) runs the steps as gradio would."""

from __future__ import annotations

from typing import Any

import pytest
from ui_support import OPENING, SKIP, SendTab, finish_session

from coach.session import Coach
from coach.ui.texts import t
from coach.ui.trainee import N_RESULT, N_VIEW, ViewMark
from coach.ui.trainee_send import N_REPLY

NOT_SENT = t("trainee.not_sent", "de")


def _coach(tab: SendTab) -> Coach:
    return tab.flow.trainee.coach


def _show(tab: SendTab, outputs: tuple[Any, ...]) -> None:
    """Apply a start/resume/retry event's session view to the tab, as gradio would."""
    session, chat, *_, message = outputs[:N_VIEW]
    tab.session, tab.chat = session, chat
    if message != SKIP:
        tab.text = message


def _start(tab: SendTab) -> str:
    outputs = tab.flow.trainee.start_event(tab.scenario_id, "", 7, "de", tab.mark)
    _show(tab, outputs)
    assert tab.session
    return tab.session


def test_a_reply_that_arrives_after_start_stays_in_its_own_session(send_tab: SendTab) -> None:
    old = _start(send_tab)
    send_tab.text = OPENING
    send_tab.submit()
    assert send_tab.chat[-1]["content"] == t("trainee.pending", "de")
    new = _start(send_tab)  # clicked while the buyer "thinks"
    assert new != old and send_tab.chat == [] and send_tab.text == ""
    send_tab.reply()
    # Nothing of the old conversation reaches the new one; only the pending send is over.
    assert send_tab.outputs["reply"] == (*(SKIP,) * (N_VIEW - 1), None, *(SKIP,) * N_RESULT)
    assert send_tab.session == new and send_tab.chat == [] and send_tab.pending is None
    send_tab.settle()
    assert send_tab.chat == [] and send_tab.text == ""
    assert send_tab.send_enabled and send_tab.retry_enabled
    coach = _coach(send_tab)
    assert [x.speaker for x in coach.turns(old)] == ["kam", "buyer"]  # stored where typed
    assert coach.turns(new) == []
    send_tab.send("Guten Morgen, schön Sie zu sehen!")  # the new session works as usual
    assert send_tab.session == new and len(send_tab.chat) == 2
    assert send_tab.chat[0]["content"] == "Guten Morgen, schön Sie zu sehen!"


def test_a_first_message_left_behind_starts_no_session(send_tab: SendTab) -> None:
    send_tab.text = OPENING  # no session yet: the reply would start one
    send_tab.submit()
    new = _start(send_tab)
    send_tab.reply()
    send_tab.settle()
    assert send_tab.session == new and send_tab.chat == [] and send_tab.pending is None
    assert [row.id for row in _coach(send_tab).store.list_sessions()] == [new]


def test_resuming_the_same_session_meanwhile_still_shows_its_reply(send_tab: SendTab) -> None:
    session_id = _start(send_tab)
    send_tab.text = OPENING
    send_tab.submit()
    _show(send_tab, send_tab.flow.trainee.resume_event(session_id, "de", send_tab.mark))
    send_tab.reply()
    assert send_tab.session == session_id and len(send_tab.chat) == 2
    assert send_tab.chat[1]["role"] == "assistant" and send_tab.pending is None


def test_a_failed_send_after_start_leaves_no_not_sent_bubble(send_tab: SendTab) -> None:
    old = _start(send_tab)
    send_tab.send(OPENING)
    finish_session(_coach(send_tab), old)
    send_tab.text = "Noch ein Versuch?"
    send_tab.submit()
    new = _start(send_tab)
    send_tab.reply()  # refused ("beendet"), but for a conversation no longer shown: no warning
    send_tab.settle()
    assert send_tab.session == new and send_tab.chat == [] and send_tab.text == ""
    assert send_tab.pending is None and send_tab.send_enabled and send_tab.retry_enabled


def test_a_not_sent_bubble_goes_when_a_new_session_starts(send_tab: SendTab) -> None:
    old = _start(send_tab)
    send_tab.send(OPENING)
    finish_session(_coach(send_tab), old)
    send_tab.text = "Noch ein Versuch?"
    send_tab.submit()
    send_tab.text = "Schon weiter getippt"
    with pytest.warns(UserWarning, match="beendet"):
        send_tab.reply()
    send_tab.settle()
    assert NOT_SENT in send_tab.chat[-1]["content"]
    _start(send_tab)
    assert send_tab.chat == [] and send_tab.text == ""


def test_retry_waits_for_the_pending_reply(send_tab: SendTab) -> None:
    session_id = _start(send_tab)
    send_tab.send(OPENING)
    send_tab.text = "Wie sieht es mit dem Preis aus?"
    send_tab.submit()
    assert not send_tab.retry_enabled
    first = next(x.idx for x in _coach(send_tab).turns(session_id) if x.speaker == "kam")
    token = send_tab.mark.token
    handlers = send_tab.flow.trainee
    with pytest.warns(UserWarning, match="Antwort des Einkäufers ab"):
        outputs = handlers.retry_event(session_id, first, "de", send_tab.pending, send_tab.mark)
    assert outputs == (SKIP,) * (N_VIEW + N_RESULT) and send_tab.mark.token == token
    send_tab.reply()
    send_tab.settle()
    assert len(_coach(send_tab).turns(session_id)) == 4 and send_tab.retry_enabled
    _show(send_tab, handlers.retry_event(session_id, first, "de", None, send_tab.mark))
    assert send_tab.mark.token != token and send_tab.text == OPENING and send_tab.chat == []


def test_only_events_that_replace_the_conversation_renew_the_mark(send_tab: SendTab) -> None:
    handlers, mark = send_tab.flow.trainee, ViewMark()
    token = mark.token
    with pytest.warns(UserWarning, match="Szenario"):
        handlers.start_event(None, "", "", "de", mark)  # refused: the view stays
    with pytest.warns(UserWarning):
        handlers.resume_event("nope", "de", mark)
    assert mark.token == token and mark.session is None
    session_id = handlers.start_event(send_tab.scenario_id, "", 1, "de", mark)[0]
    assert mark.token != token and mark.session == session_id
    handlers.scenario_event(send_tab.scenario_id, "de", mark)
    assert mark.session is None
    token = mark.token
    send_tab.mark = mark
    send_tab.send(OPENING)  # sending shows the same conversation on: no renewal
    assert mark.token == token and len(send_tab.chat) == 2


def test_a_reply_is_still_answered_once_when_the_view_changed(send_tab: SendTab) -> None:
    session_id = _start(send_tab)
    send_tab.text = OPENING
    send_tab.submit()
    pending = send_tab.pending
    _start(send_tab)
    send_tab.reply()
    assert send_tab.flow.reply_event(pending, "de", mark=send_tab.mark) == (SKIP,) * N_REPLY
    assert [x.speaker for x in _coach(send_tab).turns(session_id)] == ["kam", "buyer"]
