"""Trainee tab: brief, chat with the buyer, live panel, retry, scorecard and plan downloads."""

from __future__ import annotations

import uuid
from dataclasses import astuple, dataclass, fields
from typing import Any

import gradio as gr

from coach.domain import Feedback, Scorecard
from coach.errors import CoachError
from coach.session import Coach
from coach.ui import format as fmt
from coach.ui.common import Exports, Knowledge, guarded, log, optional
from coach.ui.texts import t


@dataclass
class SessionView:
    """Everything the tab shows about one session (order = order of the wired outputs)."""

    session_id: str | None
    chat: list[dict[str, str]]
    status: str
    mood: str
    hints: str
    retry: Any
    message: Any


@dataclass
class ResultView:
    """Scorecard and plan (order = order of the wired outputs)."""

    dimensions: str
    feedback: dict[str, Any]
    plan: str
    json_file: Any
    md_file: Any
    docx_file: Any


N_VIEW = len(fields(SessionView))
N_RESULT = len(fields(ResultView))


class ViewMark:
    """Which conversation the tab shows: a new token, and the session then shown, whenever an
    event replaces it (start, resume, another scenario, retry). One per browser tab, kept in a
    `gr.State`; gradio hands a handler the stored object itself, so a reply that arrives after
    the trainee moved on can tell (trainee_send) and keeps out of the conversation now shown."""

    def __init__(self) -> None:
        self.token = uuid.uuid4().hex
        self.session: str | None = None

    def renew(self, session_id: str | None) -> None:
        self.token, self.session = uuid.uuid4().hex, session_id


def _renew(mark: ViewMark | None, session_id: str | None) -> None:
    if mark is not None:
        mark.renew(session_id)


class TraineeHandlers:
    """Thin handlers: they call Coach and format; errors surface as CoachError."""

    def __init__(
        self, coach: Coach, exports: Exports | None = None, knowledge: Knowledge | None = None
    ):
        self.coach = coach
        self.exports = exports or Exports()
        self.knowledge = knowledge

    # --- scenario and session ------------------------------------------------------------------

    def choices(self) -> list[tuple[str, str]]:
        return fmt.scenario_choices(self.coach.scenarios)

    def brief(self, scenario_id: str | None, lang: str) -> str:
        scenario = self.coach.scenarios.get(scenario_id) if scenario_id else None
        return fmt.brief_markdown(scenario, lang)

    def empty_view(self, lang: str) -> SessionView:
        return SessionView(
            None,
            [],
            fmt.status_html(None, None, None, lang),
            fmt.mood_html(None, lang),
            fmt.hints_markdown(None, lang, started=False),
            gr.update(choices=[], value=None),
            gr.skip(),
        )

    def view(
        self,
        session_id: str,
        lang: str,
        hints: list[Feedback] | None = None,
        message: Any = None,
    ) -> SessionView:
        row = self.coach.session(session_id)
        state = self.coach.state(session_id)
        turns = self.coach.turns(session_id)
        scenario = self.coach.scenarios.get(row.scenario_id)
        kam_turns = [turn for turn in turns if turn.speaker == "kam"]
        if hints is None and kam_turns:
            hints = self._hints(session_id, kam_turns[-1].idx)
        return SessionView(
            session_id,
            fmt.chat_messages(turns),
            fmt.status_html(session_id, state, scenario.max_turns if scenario else None, lang),
            fmt.mood_html(state, lang),
            fmt.hints_markdown(hints, lang, started=bool(kam_turns)),
            gr.update(choices=fmt.retry_choices(turns), value=None),
            gr.skip() if message is None else message,
        )

    def _hints(self, session_id: str, turn: int) -> list[Feedback] | None:
        try:
            return self.coach.hints(session_id, turn)
        except ImportError as exc:  # scoring not landed yet: the chat still works
            log.warning("hints unavailable: %s", exc)
            return None

    def start(self, scenario_id: str | None, trainee: str, seed: Any, lang: str) -> SessionView:
        if not scenario_id:
            raise CoachError(t("trainee.pick_scenario", lang))
        session_id = self.coach.start(scenario_id, seed=_seed(seed, lang), trainee=trainee or "")
        return self.view(session_id, lang, message="")

    def resume(self, session_id: str, lang: str) -> tuple[SessionView, Any, str]:
        """The stored session, plus the scenario to select and its brief."""
        session_id = (session_id or "").strip()
        if not session_id:
            raise CoachError(t("trainee.no_id", lang))
        row = self.coach.session(session_id)
        view = self.view(session_id, lang, message="")
        return view, row.scenario_id, self.brief(row.scenario_id, lang)

    def send(
        self,
        session_id: str | None,
        text: str,
        lang: str,
        scenario_id: str | None = None,
        trainee: str = "",
        seed: Any = None,
    ) -> tuple[SessionView, bool]:
        """Send one message (starting a session first if none is open); True when it ended.

        The view leaves the message box as it is (the trainee may have typed on meanwhile).
        """
        if not session_id:
            if not scenario_id:
                raise CoachError(t("trainee.pick_scenario", lang))
            self.coach.check_message(text, self.coach.scenario(scenario_id).lang)
            session_id = self.coach.start(
                scenario_id, seed=_seed(seed, lang), trainee=trainee or ""
            )
        try:
            reply = self.coach.send(session_id, text)
        except ImportError as exc:  # scoring missing: the turns are stored, show them
            log.warning("reply without hints: %s", exc)
            return self.view(session_id, lang), self.coach.state(session_id).finished
        return self.view(session_id, lang, hints=reply.hints), reply.finished

    def retry(
        self, session_id: str | None, turn: Any, lang: str, pending: Any = None
    ) -> SessionView:
        """Drop a trainee turn and what follows; its text goes back into the message box.

        Refused while a send is `pending`: its reply would land after the dropped turns.
        """
        if not session_id:
            raise CoachError(t("trainee.no_session", lang))
        if pending is not None:
            raise CoachError(t("trainee.wait_for_reply", lang))
        if turn is None or turn == "":
            raise CoachError(t("trainee.pick_turn", lang))
        idx = int(turn)
        turns = self.coach.turns(session_id)
        old = next((x.text for x in turns if x.idx == idx and x.speaker == "kam"), "")
        number = fmt.kam_numbers(turns).get(idx, idx)
        self.coach.retry_from(session_id, idx)
        gr.Info(t("trainee.retried", lang, n=number) + " " + t("trainee.retry_keep", lang))
        return self.view(session_id, lang, message=old)

    # --- results -------------------------------------------------------------------------------

    def empty_result(self, lang: str) -> ResultView:
        hidden = gr.update(visible=False, value=None)
        return ResultView(
            fmt.dimensions_html(None, lang),
            fmt.feedback_table(None, {}, lang),
            t("trainee.plan_empty", lang),
            hidden,
            hidden,
            hidden,
        )

    def result(self, session_id: str | None, lang: str) -> ResultView:
        """Scorecard and plan draft with its three downloads."""
        if not session_id:
            raise CoachError(t("trainee.no_session", lang))
        turns = self.coach.turns(session_id)
        if not any(turn.speaker == "kam" for turn in turns):
            raise CoachError(t("trainee.nothing_to_score", lang))
        card: Scorecard | None = None
        try:
            retriever = self.knowledge.ready() if self.knowledge else None
            card = self.coach.scorecard(session_id, retriever=retriever)
        except ImportError as exc:
            log.warning("scoring unavailable: %s", exc)
        dims = fmt.dimensions_html(card, lang)
        if card is None:
            notice = t("app.unavailable", lang, what="coach.scoring")
            dims = f'<div class="kam-notice">{fmt.esc(notice)}</div>'
        table = fmt.feedback_table(card, fmt.kam_numbers(turns), lang)
        plan_md, files = self._plan(session_id, lang)
        return ResultView(dims, table, plan_md, *files)

    def _plan(self, session_id: str, lang: str) -> tuple[str, list[Any]]:
        hidden = gr.update(visible=False, value=None)
        planning = optional("coach.planning")
        needed = ("draft_plan", "render_markdown", "render_json", "render_docx")
        if planning is None or not all(hasattr(planning, name) for name in needed):
            return t("app.unavailable", lang, what="coach.planning"), [hidden, hidden, hidden]
        from coach.ui.coach_plan import plan_view  # after the check: planning is there

        plan = self.coach.plan(session_id)
        markdown, docx = plan_view(self.coach, self.exports, session_id, plan)
        stem = f"kam-plan-{session_id}"
        json_path = self.exports.write_text(f"{stem}.json", planning.render_json(plan))
        md_path = self.exports.write_text(f"{stem}.md", markdown)
        return markdown, [
            gr.update(visible=True, value=str(json_path)),
            gr.update(visible=True, value=str(md_path)),
            docx,
        ]

    # --- events: wired in trainee_tab; a CoachError becomes a warning and no output changes ----

    # The events that replace the conversation shown renew the tab's ViewMark once they succeed.

    @guarded(N_VIEW + N_RESULT + 1)
    def scenario_event(
        self, scenario_id: str | None, lang: str, mark: ViewMark | None = None
    ) -> tuple[Any, ...]:
        """Another scenario: show its brief and leave the old session (it stays resumable)."""
        out = (
            *astuple(self.empty_view(lang)),
            *astuple(self.empty_result(lang)),
            self.brief(scenario_id, lang),
        )
        _renew(mark, None)
        return out

    @guarded(N_VIEW + N_RESULT)
    def start_event(
        self, scenario_id: str | None, name: str, seed: Any, lang: str, mark: ViewMark | None = None
    ) -> tuple[Any, ...]:
        view = self.start(scenario_id, name, seed, lang)
        _renew(mark, view.session_id)
        return (*astuple(view), *astuple(self.empty_result(lang)))

    @guarded(N_VIEW + N_RESULT + 2)
    def resume_event(
        self, session_id: str, lang: str, mark: ViewMark | None = None
    ) -> tuple[Any, ...]:
        view, scenario_id, brief_md = self.resume(session_id, lang)
        finished = self.coach.state(view.session_id or "").finished
        result = self.result(view.session_id, lang) if finished else self.empty_result(lang)
        _renew(mark, view.session_id)
        return (*astuple(view), *astuple(result), scenario_id, brief_md)

    @guarded(N_VIEW + N_RESULT)
    def retry_event(
        self,
        session_id: str | None,
        turn: Any,
        lang: str,
        pending: Any = None,
        mark: ViewMark | None = None,
    ) -> tuple[Any, ...]:
        view = self.retry(session_id, turn, lang, pending)
        _renew(mark, view.session_id)
        return (*astuple(view), *astuple(self.empty_result(lang)))

    @guarded(N_RESULT)
    def evaluate_event(self, session_id: str | None, lang: str) -> tuple[Any, ...]:
        return astuple(self.result(session_id, lang))

    @guarded(5)
    def relabel_event(
        self, session_id: str | None, scenario_id: str | None, lang: str
    ) -> tuple[Any, ...]:
        """After a language switch: status, mood, hints, brief, and the empty table's headers."""
        brief = self.brief(scenario_id, lang)
        if session_id:
            view = self.view(session_id, lang)
            return view.status, view.mood, view.hints, brief, gr.skip()
        empty = self.empty_view(lang)
        return empty.status, empty.mood, empty.hints, brief, fmt.feedback_table(None, {}, lang)


def _seed(value: Any, lang: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CoachError(t("trainee.bad_seed", lang)) from None
    if number != int(number):
        raise CoachError(t("trainee.bad_seed", lang))
    return int(number)
