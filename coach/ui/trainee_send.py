"""The trainee's send, in three steps, so the chat answers at once and no typed text is lost.

1. `submit_event` (unqueued, no model call): the text leaves the box and appears in the chat
   with a pending buyer bubble; the send is remembered in a `gr.State`; Send and Retry are off.
2. `reply_event` (queued, the slow part: buyer reply, hints, maybe the scorecard). Its outputs
   leave the message box alone, so whatever the trainee types meanwhile stays there.
3. `settle_event` (unqueued): the buttons come back; after a refused or failed send the text
   goes back into the box if the box is empty now, else it stays in the chat marked "not sent".
   It is a step of its own because the browser sends a textbox's value with each request: only a
   request made after step 2 sees what the box holds by then.

A blank or too long message never leaves the box: step 1 changes nothing visible and step 2
refuses it with the usual warning (`Coach.check_message`). While a send is under way, another
submit (Enter in the box; the button is disabled) is ignored, and Retry is off (and refused:
the reply would land after the turns it drops).

A send belongs to the conversation it was typed in: the pending send remembers its session and
the tab's `ViewMark` token. When the trainee starts, resumes or switches away meanwhile (the
token changes), the reply is still stored in its own session (resuming it shows the reply), but
steps 2 and 3 leave the conversation now on screen alone: no late reply, no "not sent" bubble,
no text put back into the box of another conversation. (Resuming the send's own session is no
change of conversation: its reply is shown.) Start stays usable while a reply is pending; Send
comes back once the old reply has arrived.
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
from coach.ui.trainee import N_RESULT, N_VIEW, TraineeHandlers, ViewMark

N_SUBMIT = 5  # message box, chat, pending, send button, retry button
N_REPLY = N_VIEW - 1 + 1 + N_RESULT  # the session view without the box, pending, the results
N_SETTLE = 5  # message box, chat, pending, send button, retry button


class Pending(TypedDict):
    """One send between step 1 and step 3 (the value of the pending `gr.State`)."""

    token: str  # tells this send from a repeated submit of the same text
    text: str  # exactly as typed
    shown: bool  # step 1 took it out of the box and showed it in the chat
    failed: bool  # step 2 refused it or failed; step 3 gives the text back
    session: str | None  # the session it was typed in (None: its first message starts one)
    view: str  # the ViewMark token when it was typed


def _moved_on(pending: Pending, mark: ViewMark | None, session_id: str | None) -> bool:
    """Has the tab replaced the conversation `pending` was typed in by one other than
    `session_id` (the send's session)? Resuming that very session is no move; with no session
    yet, any replacement is."""
    if mark is None or pending["view"] == mark.token:
        return False
    return session_id is None or mark.session != session_id


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
        self,
        session_id: str | None,
        text: str,
        pending: Pending | None,
        lang: str,
        mark: ViewMark | None = None,
    ) -> tuple[Any, ...]:
        """Step 1. Outputs: message box, chat, pending, send button, retry button."""
        if pending is not None:  # a send is under way; its own steps finish it
            return _skip(N_SUBMIT)
        text = text or ""
        kept = Pending(
            token=uuid.uuid4().hex,
            text=text,
            shown=False,
            failed=False,
            session=session_id or None,
            view=mark.token if mark is not None else "",
        )
        if not sendable(text):  # stays in the box; step 2 says why it is refused
            return gr.skip(), gr.skip(), kept, gr.skip(), gr.skip()
        try:
            chat = self._chat(session_id)
        except Exception:  # noqa: BLE001 - step 2 meets the same error and reports it
            log.exception("showing the pending message failed")
            return gr.skip(), gr.skip(), kept, gr.skip(), gr.skip()
        chat.append({"role": "user", "content": text})
        chat.append({"role": "assistant", "content": t("trainee.pending", lang)})
        off = gr.update(interactive=False)
        return "", chat, Pending(**{**kept, "shown": True}), off, off

    def reply_event(
        self,
        pending: Pending | None,
        lang: str,
        scenario_id: str | None = None,
        name: str = "",
        seed: Any = None,
        mark: ViewMark | None = None,
    ) -> tuple[Any, ...]:
        """Step 2. Outputs: session, chat, status, mood, hints, retry turn, pending, results.

        The send goes to the session it was typed in, whatever the tab shows by now.
        """
        if not pending or pending["failed"] or not self._answered.first(pending["token"]):
            return _skip(N_REPLY)
        dropped = (*_skip(N_VIEW - 1), None, *_skip(N_RESULT))  # nothing shown, nothing pending
        session_id = pending["session"]
        if session_id is None and _moved_on(pending, mark, None):
            return dropped  # the first message of a conversation left before it began
        trainee = self.trainee
        try:
            view, finished = trainee.send(
                session_id, pending["text"], lang, scenario_id, name, seed
            )
        except Exception as exc:  # noqa: BLE001 - a warning; step 3 gives the text back
            if _moved_on(pending, mark, session_id):  # its conversation left the screen
                log.warning("a send in a conversation no longer shown failed", exc_info=exc)
                return dropped
            report_error(exc, lang, "reply_event")
            failed = Pending(**{**pending, "failed": True})
            return (*_skip(N_VIEW - 1), failed, *_skip(N_RESULT))
        if _moved_on(pending, mark, view.session_id):
            log.info("reply stored in session %s, which is no longer shown", view.session_id)
            return dropped
        results = _skip(N_RESULT)
        if finished:
            try:
                results = astuple(trainee.result(view.session_id, lang))
            except Exception as exc:  # noqa: BLE001 - the reply is stored; "Evaluate" retries
                report_error(exc, lang, "reply_event")
        return (*astuple(view)[: N_VIEW - 1], None, *results)

    def settle_event(
        self,
        session_id: str | None,
        pending: Pending | None,
        typed: str | None,
        lang: str,
        mark: ViewMark | None = None,
    ) -> tuple[Any, ...]:
        """Step 3. Outputs: message box, chat, pending, send button, retry button."""
        enable = gr.update(interactive=True)
        if pending is None:  # sent (or nothing was pending)
            return gr.skip(), gr.skip(), gr.skip(), enable, enable
        if not pending["failed"]:  # the steps of an ignored submit: the real send still runs
            return _skip(N_SETTLE)
        # Never left the box, or typed in a conversation no longer shown: nothing to give back.
        if not pending["shown"] or _moved_on(pending, mark, pending["session"]):
            return gr.skip(), gr.skip(), None, enable, enable
        text = pending["text"]
        try:
            turns = self.trainee.coach.turns(session_id) if session_id else []
        except Exception:  # noqa: BLE001 - step 2 has warned already; keep the text visible
            log.exception("reloading the chat after a failed send")
            turns = []
        chat = fmt.chat_messages(turns)
        if turns and turns[-1].speaker == "kam" and turns[-1].text == text.strip():
            return gr.skip(), chat, None, enable, enable  # stored, only the answer failed
        if not (typed or "").strip():
            return text, chat, None, enable, enable
        marked = f"{text}\n\n*{t('trainee.not_sent', lang)}*"
        chat.append({"role": "user", "content": marked})
        return gr.skip(), chat, None, enable, enable
