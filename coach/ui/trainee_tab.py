"""Trainee tab layout: brief | chat | live panel, then scorecard and plan (handlers: trainee.py)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from coach.session import Coach
from coach.ui import format as fmt
from coach.ui.common import Exports, Knowledge
from coach.ui.texts import Localizer, T, t
from coach.ui.trainee import TraineeHandlers, ViewMark
from coach.ui.trainee_send import SendFlow


def build_trainee_tab(
    coach: Coach, loc: Localizer, lang_box: gr.Radio, exports: Exports, knowledge: Knowledge
) -> dict[str, Any]:
    """Lay out the tab inside the current gr.Tab and wire its events; returns shared components."""
    h = TraineeHandlers(coach, exports, knowledge)
    flow = SendFlow(h)
    lang = loc.lang
    choices = h.choices()
    first = choices[0][1] if choices else None
    session = gr.State(None)
    pending = gr.State(None)  # the send under way (trainee_send.Pending), between its steps
    # Which conversation is shown; each browser tab gets its own copy (gr.State deep-copies the
    # value per session) and handlers get that object itself, so a late reply can check it.
    mark = gr.State(ViewMark())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300, elem_classes=["kam-side"]):
            scenario = loc.make(
                gr.Dropdown,
                label=T("trainee.scenario"),
                info=T("trainee.scenario_info"),
                choices=choices,
                value=first,
                elem_id="scenario-select",
                interactive=True,
            )
            brief = gr.Markdown(
                h.brief(first, lang), elem_id="scenario-brief", elem_classes=["kam-brief"]
            )
            with loc.make(gr.Accordion, label=T("trainee.new_session"), open=True):
                trainee = loc.make(
                    gr.Textbox, label=T("trainee.name"), elem_id="trainee-name", max_lines=1
                )
                seed = loc.make(
                    gr.Textbox,
                    label=T("trainee.seed"),
                    placeholder=T("trainee.seed_ph"),
                    max_lines=1,
                    elem_id="seed",
                )
                start = loc.make(
                    gr.Button, value=T("trainee.start"), variant="primary", elem_id="start"
                )
            with loc.make(gr.Accordion, label=T("trainee.resume_box"), open=False):
                resume_id = loc.make(
                    gr.Textbox,
                    label=T("trainee.resume_id"),
                    placeholder=T("trainee.resume_id_ph"),
                    elem_id="resume-id",
                    max_lines=1,
                )
                resume = loc.make(gr.Button, value=T("trainee.resume"), elem_id="resume")
        with gr.Column(scale=6, min_width=420):
            status = gr.HTML(fmt.status_html(None, None, None, lang), elem_id="session-status")
            chat = loc.make(
                gr.Chatbot,
                label=T("trainee.chat"),
                placeholder=T("trainee.chat_placeholder"),
                elem_id="chat",
                height=460,
                feedback_options=None,
                buttons=["copy"],
                layout="bubble",
            )
            with gr.Row(equal_height=True):
                message = loc.make(
                    gr.Textbox,
                    label=T("trainee.message"),
                    placeholder=T("trainee.message_ph"),
                    lines=1,
                    max_lines=8,
                    scale=5,
                    elem_id="msg",
                    show_label=False,
                )
                send = loc.make(
                    gr.Button,
                    value=T("trainee.send"),
                    variant="primary",
                    scale=1,
                    elem_id="send",
                    min_width=100,
                )
            with gr.Row(equal_height=False, elem_classes=["kam-actions"]):
                retry_turn = loc.make(
                    gr.Dropdown,
                    label=T("trainee.retry_turn"),
                    info=T("trainee.retry_info"),
                    choices=[],
                    value=None,
                    scale=4,
                    elem_id="retry-turn",
                )
                retry = loc.make(
                    gr.Button,
                    value=T("trainee.retry"),
                    scale=1,
                    size="md",
                    elem_id="retry",
                    min_width=110,
                )
                evaluate = loc.make(
                    gr.Button,
                    value=T("trainee.evaluate"),
                    scale=1,
                    size="md",
                    elem_id="evaluate",
                    min_width=110,
                )
        with gr.Column(scale=3, min_width=260, elem_classes=["kam-side"]):
            loc.make(gr.Markdown, value=T("trainee.panel"), elem_classes=["kam-panel-title"])
            mood = gr.HTML(fmt.mood_html(None, lang), elem_id="buyer-mood")
            loc.make(gr.Markdown, value=T("trainee.hints"), elem_classes=["kam-panel-title"])
            hints = gr.Markdown(fmt.hints_markdown(None, lang, started=False), elem_id="live-hints")
    with gr.Tabs(elem_id="result-tabs"):
        with loc.make(gr.Tab, label=T("trainee.scorecard"), id="score", elem_id="tab-score"):
            dims = gr.HTML(fmt.dimensions_html(None, lang), elem_id="score-dims")
            feedback = loc.make(
                gr.Dataframe,
                label=T("trainee.feedback"),
                value=fmt.feedback_table(None, {}, lang),
                interactive=False,
                wrap=True,
                elem_id="feedback-table",
                elem_classes=["kam-table"],
                column_widths=["6%", "9%", "20%", "25%", "25%", "15%"],
            )
        with loc.make(gr.Tab, label=T("trainee.plan"), id="plan", elem_id="tab-plan"):
            with gr.Row():
                dl_json = loc.make(
                    gr.DownloadButton,
                    label=T("trainee.download_json"),
                    visible=False,
                    elem_id="dl-json",
                    size="md",
                )
                dl_md = loc.make(
                    gr.DownloadButton,
                    label=T("trainee.download_md"),
                    visible=False,
                    elem_id="dl-md",
                    size="md",
                )
                dl_docx = loc.make(
                    gr.DownloadButton,
                    label=T("trainee.download_docx"),
                    visible=False,
                    elem_id="dl-docx",
                    size="md",
                )
            plan = gr.Markdown(
                t("trainee.plan_empty", lang), elem_id="plan-md", elem_classes=["kam-plan"]
            )

    view_out = [session, chat, status, mood, hints, retry_turn, message]
    result_out = [dims, feedback, plan, dl_json, dl_md, dl_docx]
    scenario.input(h.scenario_event, [scenario, lang_box, mark], [*view_out, *result_out, brief])
    start.click(h.start_event, [scenario, trainee, seed, lang_box, mark], [*view_out, *result_out])
    for trigger in (resume.click, resume_id.submit):
        trigger(
            h.resume_event, [resume_id, lang_box, mark], [*view_out, *result_out, scenario, brief]
        )
    # Show the message at once (unqueued), fetch the reply (queued), then give the buttons back.
    # Start stays usable meanwhile: a reply that arrives after it stays out of the new chat.
    gr.on(
        [send.click, message.submit],
        flow.submit_event,
        [session, message, pending, lang_box, mark],
        [message, chat, pending, send, retry],
        queue=False,
        show_progress="hidden",
    ).then(
        flow.reply_event,
        [pending, lang_box, scenario, trainee, seed, mark],
        [*view_out[:-1], pending, *result_out],  # never the message box: typing goes on
        show_progress="hidden",
    ).then(
        flow.settle_event,
        [session, pending, message, lang_box, mark],
        [message, chat, pending, send, retry],
        queue=False,
        show_progress="hidden",
    )
    retry.click(
        h.retry_event, [session, retry_turn, lang_box, pending, mark], [*view_out, *result_out]
    )
    evaluate.click(h.evaluate_event, [session, lang_box], result_out)
    loc.on_switch(
        h.relabel_event, [session, scenario, lang_box], [status, mood, hints, brief, feedback]
    )
    return {"scenario": scenario, "brief": brief, "choices": h.choices}
