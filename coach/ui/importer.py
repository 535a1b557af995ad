"""The Coaching tab's import box: the transcript of a real talk (JSON, 'Speaker: text' lines or a
WebVTT export) becomes a session the coach reviews like a practice session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from coach.errors import CoachError
from coach.session import Coach
from coach.transcripts import UnclearSpeakers, read_transcript_file
from coach.ui.texts import Localizer, T, t

FILE_TYPES = [".json", ".txt", ".vtt", ".srt"]


def import_file(
    coach: Coach, path: str | None, trainee: str, kam: str, title: str, lang: str
) -> str:
    """Read an uploaded transcript and store it as a session; returns the session id."""
    if not path:
        raise CoachError(t("coach.import_nofile", lang))
    try:
        transcript = read_transcript_file(path, kam=kam.strip() or None)
    except UnclearSpeakers as exc:  # the CLI's words name --kam; here it is a field
        speakers = ", ".join(f"'{s}'" for s in exc.speakers)
        raise CoachError(t("coach.import_which_kam", lang, speakers=speakers)) from exc
    # Gradio keeps the uploaded file's own name: 'jahresgespraech-edeka.vtt' names the talk
    name = title.strip() or Path(path).stem.replace("_", " ").replace("-", " ")
    return coach.import_transcript(transcript, trainee=trainee, title=name)


def build_import_box(loc: Localizer) -> tuple[Any, Any, Any, Any, Any]:
    """The upload, who it was, the KAM's name in the file, a title, and the button."""
    with loc.make(gr.Accordion, label=T("coach.import"), open=False, elem_id="coach-import"):
        loc.make(gr.Markdown, value=T("coach.import_help"))
        with gr.Row(equal_height=False):
            upload = loc.make(
                gr.File,
                label=T("coach.import_file"),
                file_types=FILE_TYPES,
                type="filepath",
                scale=2,
                elem_id="import-file",
            )
            with gr.Column(scale=3):
                who = loc.make(
                    gr.Textbox, label=T("coach.import_trainee"), max_lines=1, elem_id="import-who"
                )
                kam = loc.make(
                    gr.Textbox, label=T("coach.import_kam"), max_lines=1, elem_id="import-kam"
                )
                title = loc.make(
                    gr.Textbox, label=T("coach.import_title"), max_lines=1, elem_id="import-title"
                )
                go = loc.make(
                    gr.Button, value=T("coach.import_go"), variant="primary", elem_id="import-go"
                )
    return upload, who, kam, title, go
