"""The trainee's send, in three steps, so the chat answers at once and no typed text is lost.

1. `submit_event` (unqueued, no model call): the text leaves the box and appears in the chat
   with a pending buyer bubble; the send is remembered in a `gr.State` and the button is off.
2. `reply_event` (queued, the slow part: buyer reply, hints, maybe the scorecard). Its outputs
   leave the message box alone, so whatever the trainee types meanwhile stays there.
3. `settle_event` (unqueued): the button comes back; after a refused or failed send the text
   goes back into the box if the box is empty now, else it stays in the chat marked "not sent".
   It is a step of its own because the browser sends a textbox's value with each request: only a
   request made after step 2 sees what the box holds by then.

A blank or too long message never leaves the box: step 1 changes nothing visible and step 2
refuses it with the usual warning (`Coach.check_message`). While a send is under way, another
submit (Enter in the box; the button is disabled) is ignored.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import astuple
from typing import Any, TypedDict

import gradio as gr

from coach.domain import MAX_MESSAGE_CHARS
from coach.ui import format as fmt
from coach.ui.common import log, report_error
from coach.ui.texts import t
from coach.ui.trainee import N_RESULT, N_VIEW, TraineeHandlers

N_SUBMIT = 4  # message box, chat, pending, send button
N_REPLY = N_VIEW - 1 + 1 + N_RESULT  # the session view without the box, pending, the results
N_SETTLE = 4  # message box, chat, pending, send button


class Pending(TypedDict):
    """One send between step 1 and step 3 (the value of the pending `gr.State`)."""

    token: str  # tells this send from a repeated submit of the same text
    text: str  # exactly as typed
    shown: bool  # step 1 took it out of the box and showed it in the chat
    failed: bool  # step 2 refused it or failed; step 3 gives the text back


class _Once:
    """Remembers the last tokens seen, so a send is answered once even if step 2 runs twice."""

    def __init__(self, size: int = 4096):
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def first(self, token: str) -> bool:
        with self._lock:
            if token in self._seen:
                return False
            self._seen[token] = None
            if len(self._seen) > self._size:
                self._seen.popitem(last=False)
            return True


def _skip(n: int) -> tuple[Any, ...]:
    return tuple(gr.skip() for _ in range(n))


def sendable(text: str | None) -> bool:
    """Would `Coach.check_message` take it? (The same rule, without a session to ask.)"""
    cleaned = (text or "").strip()
    return bool(cleaned) and len(cleaned) <= MAX_MESSAGE_CHARS


class SendFlow:
    """Steps 1-3 of a send (wired in trainee_tab), around `TraineeHandlers.send`."""

    def __init__(self, trainee: TraineeHandlers):
        self.trainee = trainee
        self._answered = _Once()

    def _chat(self, session_id: str | None) -> list[dict[str, str]]:
        if not session_id:
            return []
        return fmt.chat_messages(self.trainee.coach.turns(session_id))

    def submit_event(
        self, session_id: str | None, text: str, pending: Pending | None, lang: str
    ) -> tuple[Any, ...]:
        """Step 1. Outputs: message box, chat, pending, send button."""
        if pending is not None:  # a send is under way; its own steps finish it
            return _skip(N_SUBMIT)
        token, text = uuid.uuid4().hex, text or ""
        kept = Pending(token=token, text=text, shown=False, failed=False)
        if not sendable(text):  # stays in the box; step 2 says why it is refused
            return gr.skip(), gr.skip(), kept, gr.skip()
        try:
            chat = self._chat(session_id)
        except Exception:  # noqa: BLE001 - step 2 meets the same error and reports it
            log.exception("showing the pending message failed")
            return gr.skip(), gr.skip(), kept, gr.skip()
        chat.append({"role": "user", "content": text})
        chat.append({"role": "assistant", "content": t("trainee.pending", lang)})
        shown = Pending(token=token, text=text, shown=True, failed=False)
        return "", chat, shown, gr.update(interactive=False)

    def reply_event(
        self,
        session_id: str | None,
        pending: Pending | None,
        lang: str,
        scenario_id: str | None = None,
        name: str = "",
        seed: Any = None,
    ) -> tuple[Any, ...]:
        """Step 2. Outputs: session, chat, status, mood, hints, retry turn, pending, results."""
        if not pending or pending["failed"] or not self._answered.first(pending["token"]):
            return _skip(N_REPLY)
        trainee = self.trainee
        try:
            view, finished = trainee.send(
                session_id, pending["text"], lang, scenario_id, name, seed
            )
        except Exception as exc:  # noqa: BLE001 - a warning; step 3 gives the text back
            report_error(exc, lang, "reply_event")
            failed = Pending(
                token=pending["token"], text=pending["text"], shown=pending["shown"], failed=True
            )
            return (*_skip(N_VIEW - 1), failed, *_skip(N_RESULT))
        results = _skip(N_RESULT)
        if finished:
            try:
                results = astuple(trainee.result(view.session_id, lang))
            except Exception as exc:  # noqa: BLE001 - the reply is stored; "Evaluate" retries
                report_error(exc, lang, "reply_event")
        return (*astuple(view)[: N_VIEW - 1], None, *results)

    def settle_event(
        self, session_id: str | None, pending: Pending | None, typed: str | None, lang: str
    ) -> tuple[Any, ...]:
        """Step 3. Outputs: message box, chat, pending, send button."""
        enable = gr.update(interactive=True)
        if pending is None:  # sent (or nothing was pending)
            return gr.skip(), gr.skip(), gr.skip(), enable
        if not pending["failed"]:  # the steps of an ignored submit: the real send still runs
            return _skip(N_SETTLE)
        if not pending["shown"]:  # it never left the box
            return gr.skip(), gr.skip(), None, enable
        text = pending["text"]
        try:
            turns = self.trainee.coach.turns(session_id) if session_id else []
        except Exception:  # noqa: BLE001 - step 2 has warned already; keep the text visible
            log.exception("reloading the chat after a failed send")
            turns = []
        chat = fmt.chat_messages(turns)
        if turns and turns[-1].speaker == "kam" and turns[-1].text == text.strip():
            return gr.skip(), chat, None, enable  # stored, only the answer failed: not lost
        if not (typed or "").strip():
            return text, chat, None, enable
        marked = f"{text}\n\n*{t('trainee.not_sent', lang)}*"
        chat.append({"role": "user", "content": marked})
        return gr.skip(), chat, None, enable
