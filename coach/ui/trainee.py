"""Trainee tab: brief, chat with the buyer, live panel, retry, scorecard and plan downloads."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Any

import gradio as gr

from coach.domain import Feedback, Scorecard
from coach.errors import CoachError
from coach.session import Coach
from coach.ui import format as fmt
from coach.ui.common import Exports, guarded, log, optional
from coach.ui.texts import T, Localizer, t


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


class TraineeHandlers:
    """Thin handlers: they call Coach and format; errors surface as CoachError."""

    def __init__(self, coach: Coach, exports: Exports | None = None):
        self.coach = coach
        self.exports = exports or Exports()

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
        gr.Info(t("trainee.started", lang, id=session_id))
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
        """Send one message (starting a session first if none is open); True when it ended."""
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
            return self.view(session_id, lang, message=""), self.coach.state(session_id).finished
        return self.view(session_id, lang, hints=reply.hints, message=""), reply.finished

    def retry(self, session_id: str | None, turn: Any, lang: str) -> SessionView:
        """Drop a trainee turn and what follows; its text goes back into the message box."""
        if not session_id:
            raise CoachError(t("trainee.no_session", lang))
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
            card = self.coach.scorecard(session_id)
        except ImportError as exc:
            log.warning("scoring unavailable: %s", exc)
        dims = fmt.dimensions_html(card, lang)
        if card is None:
            dims = f'<div class="kam-notice">{fmt.esc(t("app.unavailable", lang, what="coach.scoring"))}</div>'
        table = fmt.feedback_table(card, fmt.kam_numbers(turns), lang)
        plan_md, files = self._plan(session_id, lang)
        return ResultView(dims, table, plan_md, *files)

    def _plan(self, session_id: str, lang: str) -> tuple[str, list[Any]]:
        hidden = gr.update(visible=False, value=None)
        planning = optional("coach.planning")
        needed = ("draft_plan", "render_markdown", "render_json", "render_docx")
        if planning is None or not all(hasattr(planning, name) for name in needed):
            return t("app.unavailable", lang, what="coach.planning"), [hidden, hidden, hidden]
        plan = self.coach.plan(session_id)
        doc_lang = self.coach.session(session_id).lang
        markdown = planning.render_markdown(plan, doc_lang)
        stem = f"kam-plan-{session_id}"
        json_path = self.exports.write_text(f"{stem}.json", planning.render_json(plan))
        md_path = self.exports.write_text(f"{stem}.md", markdown)
        files: list[Any] = [
            gr.update(visible=True, value=str(json_path)),
            gr.update(visible=True, value=str(md_path)),
        ]
        try:
            docx_path = self.exports.path(f"{stem}.docx")
            planning.render_docx(plan, doc_lang, docx_path)
            files.append(gr.update(visible=True, value=str(docx_path)))
        except Exception:  # noqa: BLE001 - the other formats are still useful
            log.exception("DOCX export failed for %s", session_id)
            files.append(hidden)
        return markdown, files


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


def build_trainee_tab(coach: Coach, loc: Localizer, lang_box: gr.Radio, exports: Exports) -> dict[str, Any]:
    """Lay out the tab inside the current gr.Tab and wire its events; returns shared components."""
    h = TraineeHandlers(coach, exports)
    lang = loc.lang
    choices = h.choices()
    first = choices[0][1] if choices else None
    session = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300, elem_classes=["kam-side"]):
            scenario = loc.make(
                gr.Dropdown, label=T("trainee.scenario"), info=T("trainee.scenario_info"),
                choices=choices, value=first, elem_id="scenario-select", interactive=True,
            )
            brief = gr.Markdown(h.brief(first, lang), elem_id="scenario-brief", elem_classes=["kam-brief"])
            with loc.make(gr.Accordion, label=T("trainee.new_session"), open=True):
                trainee = loc.make(gr.Textbox, label=T("trainee.name"), elem_id="trainee-name", max_lines=1)
                seed = loc.make(gr.Textbox, label=T("trainee.seed"), placeholder=T("trainee.seed_ph"), max_lines=1, elem_id="seed")
                start = loc.make(gr.Button, value=T("trainee.start"), variant="primary", elem_id="start")
            with loc.make(gr.Accordion, label=T("trainee.resume_box"), open=False):
                resume_id = loc.make(
                    gr.Textbox, label=T("trainee.resume_id"), placeholder=T("trainee.resume_id_ph"),
                    elem_id="resume-id", max_lines=1,
                )
                resume = loc.make(gr.Button, value=T("trainee.resume"), elem_id="resume")
        with gr.Column(scale=6, min_width=420):
            status = gr.HTML(fmt.status_html(None, None, None, lang), elem_id="session-status")
            chat = loc.make(
                gr.Chatbot, label=T("trainee.chat"), placeholder=T("trainee.chat_placeholder"),
                elem_id="chat", height=460, feedback_options=None, buttons=["copy"],
                layout="bubble",
            )
            with gr.Row(equal_height=True):
                message = loc.make(
                    gr.Textbox, label=T("trainee.message"), placeholder=T("trainee.message_ph"),
                    lines=2, max_lines=8, scale=5, elem_id="msg", show_label=False,
                )
                send = loc.make(gr.Button, value=T("trainee.send"), variant="primary", scale=1, elem_id="send", min_width=100)
            with gr.Row(equal_height=False, elem_classes=["kam-actions"]):
                retry_turn = loc.make(
                    gr.Dropdown, label=T("trainee.retry_turn"), info=T("trainee.retry_info"),
                    choices=[], value=None, scale=4, elem_id="retry-turn",
                )
                retry = loc.make(gr.Button, value=T("trainee.retry"), scale=1, size="md", elem_id="retry", min_width=110)
                evaluate = loc.make(gr.Button, value=T("trainee.evaluate"), scale=1, size="md", elem_id="evaluate", min_width=110)
        with gr.Column(scale=3, min_width=260, elem_classes=["kam-side"]):
            loc.make(gr.Markdown, value=T("trainee.panel"), elem_classes=["kam-panel-title"])
            mood = gr.HTML(fmt.mood_html(None, lang), elem_id="buyer-mood")
            loc.make(gr.Markdown, value=T("trainee.hints"), elem_classes=["kam-panel-title"])
            hints = gr.Markdown(fmt.hints_markdown(None, lang, started=False), elem_id="live-hints")
    with gr.Tabs(elem_id="result-tabs"):
        with loc.make(gr.Tab, label=T("trainee.scorecard"), id="score", elem_id="tab-score"):
            dims = gr.HTML(fmt.dimensions_html(None, lang), elem_id="score-dims")
            feedback = loc.make(
                gr.Dataframe, label=T("trainee.feedback"), value=fmt.feedback_table(None, {}, lang),
                interactive=False, wrap=True, elem_id="feedback-table",
                column_widths=["6%", "9%", "20%", "25%", "25%", "15%"],
            )
        with loc.make(gr.Tab, label=T("trainee.plan"), id="plan", elem_id="tab-plan"):
            with gr.Row():
                dl_json = loc.make(gr.DownloadButton, label=T("trainee.download_json"), visible=False, elem_id="dl-json", size="md")
                dl_md = loc.make(gr.DownloadButton, label=T("trainee.download_md"), visible=False, elem_id="dl-md", size="md")
                dl_docx = loc.make(gr.DownloadButton, label=T("trainee.download_docx"), visible=False, elem_id="dl-docx", size="md")
            plan = gr.Markdown(t("trainee.plan_empty", lang), elem_id="plan-md", elem_classes=["kam-plan"])

    view_out = [session, chat, status, mood, hints, retry_turn, message]
    result_out = [dims, feedback, plan, dl_json, dl_md, dl_docx]

    @guarded(len(view_out) + len(result_out) + 1)
    def on_scenario(scenario_id: str | None, lang: str) -> tuple[Any, ...]:
        return (*astuple(h.empty_view(lang)), *astuple(h.empty_result(lang)), h.brief(scenario_id, lang))

    @guarded(len(view_out) + len(result_out))
    def on_start(scenario_id: str | None, name: str, seed_value: Any, lang: str) -> tuple[Any, ...]:
        return (*astuple(h.start(scenario_id, name, seed_value, lang)), *astuple(h.empty_result(lang)))

    @guarded(len(view_out) + len(result_out) + 2)
    def on_resume(session_id: str, lang: str) -> tuple[Any, ...]:
        view, scenario_id, brief_md = h.resume(session_id, lang)
        finished = coach.state(view.session_id or "").finished
        result = h.result(view.session_id, lang) if finished else h.empty_result(lang)
        return (*astuple(view), *astuple(result), scenario_id, brief_md)

    @guarded(len(view_out) + len(result_out))
    def on_send(
        session_id: str | None, text: str, lang: str, scenario_id: str | None, name: str, seed_value: Any
    ) -> tuple[Any, ...]:
        view, finished = h.send(session_id, text, lang, scenario_id, name, seed_value)
        if finished:
            return (*astuple(view), *astuple(h.result(view.session_id, lang)))
        return (*astuple(view), *(gr.skip() for _ in result_out))

    @guarded(len(view_out) + len(result_out))
    def on_retry(session_id: str | None, turn: Any, lang: str) -> tuple[Any, ...]:
        return (*astuple(h.retry(session_id, turn, lang)), *astuple(h.empty_result(lang)))

    @guarded(len(result_out))
    def on_evaluate(session_id: str | None, lang: str) -> tuple[Any, ...]:
        return astuple(h.result(session_id, lang))

    scenario.input(on_scenario, [scenario, lang_box], [*view_out, *result_out, brief])
    start.click(on_start, [scenario, trainee, seed, lang_box], [*view_out, *result_out])
    resume.click(on_resume, [resume_id, lang_box], [*view_out, *result_out, scenario, brief])
    resume_id.submit(on_resume, [resume_id, lang_box], [*view_out, *result_out, scenario, brief])
    send_inputs = [session, message, lang_box, scenario, trainee, seed]
    send.click(on_send, send_inputs, [*view_out, *result_out])
    message.submit(on_send, send_inputs, [*view_out, *result_out])
    retry.click(on_retry, [session, retry_turn, lang_box], [*view_out, *result_out])
    evaluate.click(on_evaluate, [session, lang_box], result_out)

    @guarded(5)
    def relabel(session_id: str | None, scenario_id: str | None, lang: str) -> tuple[Any, ...]:
        if session_id:
            view = h.view(session_id, lang)
            return view.status, view.mood, view.hints, h.brief(scenario_id, lang), gr.skip()
        empty = h.empty_view(lang)
        return empty.status, empty.mood, empty.hints, h.brief(scenario_id, lang), fmt.feedback_table(None, {}, lang)

    loc.on_switch(relabel, [session, scenario, lang_box], [status, mood, hints, brief, feedback])
    return {"scenario": scenario, "brief": brief, "choices": h.choices}
