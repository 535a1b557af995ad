"""Trainer tab: YAML editor with live validation, save (only when valid), buyer preview."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gradio as gr
import yaml

from coach import scenarios as scenario_files
from coach.errors import CoachError
from coach.session import Coach
from coach.store import Store
from coach.ui import format as fmt
from coach.ui.common import guarded, log
from coach.ui.texts import Localizer, T, t

TEMPLATE = Path(__file__).resolve().parent / "data" / "scenario_template.yaml"


def problems_markdown(problems: Sequence[Any], lang: str, invalid: str = "trainer.invalid") -> str:
    """A summary line, then the Rasa-style problems (file:line, context, how to fix).

    `invalid`: the text key of the summary when there are errors (it names what is edited).
    """
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    if errors:
        head = f"✗ {t(invalid, lang, n=len(errors))}"
    elif warnings:
        head = f"⚠ {t('trainer.valid_warnings', lang, n=len(warnings))}"
    else:
        return f"✓ {t('trainer.valid', lang)}"
    body = "\n\n".join(p.format() for p in [*errors, *warnings])
    return f"{head}\n\n```text\n{body}\n```"


class TrainerHandlers:
    def __init__(self, coach: Coach):
        self.coach = coach

    @property
    def directory(self) -> Path:
        return Path(self.coach.scenarios_dir)

    def files(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return [p.name for p in scenario_files.scenario_paths([self.directory])]

    def load(self, name: str | None) -> str:
        if not name:
            return self.template()
        if name not in self.files():  # only names we listed: no paths from the browser
            raise CoachError(f"unknown scenario file '{name}'")
        return (self.directory / name).read_text(encoding="utf-8")

    @staticmethod
    def template() -> str:
        return TEMPLATE.read_text(encoding="utf-8")

    def problems(self, text: str, file: str = "<editor>") -> list[Any]:
        return scenario_files.validate_text(text or "", file=file, typologies=self.coach.typologies)

    def validate(self, text: str, lang: str) -> str:
        return problems_markdown(self.problems(text), lang)

    def save(self, text: str, lang: str) -> tuple[str, Path]:
        """Write the scenario as `<id>.yaml` when it and the directory stay valid."""
        problems = self.problems(text)
        if any(p.is_error for p in problems):
            raise CoachError(t("trainer.not_saved", lang))
        scenario_id = yaml.safe_load(text)["id"]
        target = self.directory / f"{scenario_id}.yaml"
        others = (
            [p for p in scenario_files.scenario_paths([self.directory]) if p.name != target.name]
            if self.directory.is_dir()
            else []
        )
        with tempfile.TemporaryDirectory(prefix="kam-save-") as tmp:
            candidate = Path(tmp) / target.name
            candidate.write_text(text, encoding="utf-8")
            found = scenario_files.validate_paths([*others, candidate], self.coach.typologies)
            errors = [p for p in found if p.is_error and p.file == str(candidate)]
        if errors:  # e.g. the id is already used by another file
            body = "\n\n".join(p.format().replace(str(candidate), target.name) for p in errors)
            raise CoachError(f"{t('trainer.not_saved', lang)}\n{body}")
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".yaml.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
        self.coach.reload_scenarios()
        return t("trainer.saved", lang, path=str(target)), target

    # --- preview -------------------------------------------------------------------------------

    def preview(
        self, text: str, line: str, state: dict[str, str] | None, lang: str
    ) -> tuple[list[dict[str, str]], str, dict[str, str]]:
        """Send a test line to the editor's buyer in a throwaway store (not the real one)."""
        problems = self.problems(text)
        if any(p.is_error for p in problems):
            raise CoachError(t("trainer.preview_invalid", lang))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if not state or state.get("digest") != digest or not Path(state.get("dir", "")).is_dir():
            if state and state.get("dir"):
                shutil.rmtree(state["dir"], ignore_errors=True)
            preview_dir = tempfile.mkdtemp(prefix="kam-preview-")
            atexit.register(shutil.rmtree, preview_dir, ignore_errors=True)
            state = {
                "dir": preview_dir,
                "digest": digest,
                "session": "",
            }
        root = Path(state["dir"])
        scenario_dir = root / "scenarios"
        scenario_dir.mkdir(exist_ok=True)
        scenario_id = yaml.safe_load(text)["id"]
        (scenario_dir / f"{scenario_id}.yaml").write_text(text, encoding="utf-8")
        store = Store(root / "preview.sqlite3")
        try:
            preview = Coach(
                self.coach.settings,
                store=store,
                scenarios_dir=scenario_dir,
                chat_model=self.coach.chat_model(),
            )
            if not state.get("session"):
                state = {**state, "session": preview.start(scenario_id, seed=0, trainee="preview")}
            reply = preview.send(state["session"], line)
            chat = fmt.chat_messages(preview.turns(state["session"]))
        finally:
            store.close()
        summary = t(
            "trainer.preview_state",
            lang,
            move=reply.move,
            mood=t(f"mood.{reply.state.mood}", lang),
            trust=round(reply.state.trust * 100),
        )
        if reply.state.outcome:
            summary += f" · {t(f'outcome.{reply.state.outcome}', lang)}"
        return chat, summary, state


def build_trainer_tab(
    coach: Coach, loc: Localizer, lang_box: gr.Radio, trainee: dict[str, Any]
) -> None:
    h = TrainerHandlers(coach)
    lang = loc.lang
    files = h.files()
    first = files[0] if files else None
    initial = h.load(first) if first else h.template()
    loc.make(gr.Markdown, value=T("trainer.intro"), elem_classes=["kam-intro"])
    with gr.Row(equal_height=False):
        with gr.Column(scale=7):
            with gr.Row(equal_height=False, elem_classes=["kam-actions"]):
                pick = loc.make(
                    gr.Dropdown,
                    label=T("trainer.load"),
                    choices=files,
                    value=first,
                    scale=4,
                    elem_id="trainer-file",
                )
                new = loc.make(
                    gr.Button, value=T("trainer.new"), scale=1, size="md", elem_id="trainer-new"
                )
            editor = loc.make(
                gr.Code,
                label=T("trainer.editor"),
                value=initial,
                language="yaml",
                lines=28,
                max_lines=40,
                interactive=True,
                elem_id="trainer-editor",
            )
            save = loc.make(
                gr.Button, value=T("trainer.save"), variant="primary", elem_id="trainer-save"
            )
        with gr.Column(scale=5):
            loc.make(gr.Markdown, value=T("trainer.validation"), elem_classes=["kam-panel-title"])
            report = gr.Markdown(
                h.validate(initial, lang),
                elem_id="trainer-validation",
                elem_classes=["kam-validation"],
            )
            loc.make(gr.Markdown, value=T("trainer.preview"), elem_classes=["kam-panel-title"])
            loc.make(gr.Markdown, value=T("trainer.preview_info"), elem_classes=["kam-small"])
            preview_chat = gr.Chatbot(
                elem_id="preview-chat",
                height=260,
                show_label=False,
                feedback_options=None,
                buttons=["copy"],
                layout="bubble",
            )
            preview_info = gr.Markdown("", elem_id="preview-state")
            with gr.Row(equal_height=False, elem_classes=["kam-actions"]):
                line = loc.make(
                    gr.Textbox,
                    label=T("trainer.preview_line"),
                    placeholder=T("trainer.preview_line_ph"),
                    scale=4,
                    max_lines=3,
                    elem_id="preview-line",
                )
                try_it = loc.make(
                    gr.Button,
                    value=T("trainer.preview_send"),
                    scale=1,
                    size="md",
                    elem_id="preview-send",
                )
            reset = loc.make(
                gr.Button, value=T("trainer.preview_reset"), size="sm", elem_id="preview-reset"
            )
    preview_state = gr.State(None)

    @guarded(1)
    def on_validate(text: str, lang: str) -> str:
        return h.validate(text, lang)

    @guarded(2)
    def on_load(name: str | None, lang: str) -> tuple[str, str]:
        text = h.load(name)
        return text, h.validate(text, lang)

    @guarded(2)
    def on_new(lang: str) -> tuple[str, str]:
        text = h.template()
        return text, h.validate(text, lang)

    @guarded(3)
    def on_save(text: str, lang: str) -> tuple[Any, Any, Any]:
        message, target = h.save(text, lang)
        gr.Info(message)
        choices = fmt.scenario_choices(coach.scenarios)
        return (
            gr.update(choices=h.files(), value=target.name),
            h.validate(text, lang),
            gr.update(choices=choices),
        )

    @guarded(4)
    def on_preview(text: str, test_line: str, state: Any, lang: str) -> tuple[Any, ...]:
        chat, summary, new_state = h.preview(text, test_line, state, lang)
        return chat, summary, new_state, ""

    editor.change(
        on_validate, [editor, lang_box], report, trigger_mode="always_last", show_progress="hidden"
    )
    pick.input(on_load, [pick, lang_box], [editor, report])
    new.click(on_new, [lang_box], [editor, report])
    save.click(on_save, [editor, lang_box], [pick, report, trainee["scenario"]])
    try_it.click(
        on_preview,
        [editor, line, preview_state, lang_box],
        [preview_chat, preview_info, preview_state, line],
    )
    line.submit(
        on_preview,
        [editor, line, preview_state, lang_box],
        [preview_chat, preview_info, preview_state, line],
    )
    reset.click(lambda: ([], "", None), None, [preview_chat, preview_info, preview_state])
    loc.on_switch(on_validate, [editor, lang_box], [report])
    log.debug("trainer tab built with %d scenario files", len(files))
