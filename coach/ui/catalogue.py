"""Typologies & rubric tab: the typology catalogues and the scoring rubric as YAML, validated
while typing, saved only when valid; after a save the running app uses the new file.

Catalogues are written to `<knowledge dir>/typologies/` (only names this tab listed, or a new
name matching NEW_NAME: no paths from the browser); the rubric goes to the data dir as an
override, never into the package (coach/rubric_override.py).

The rubric editor shows the override file as the trainer wrote it (comments and all; a partial
file stays partial when saved again), or the packaged file when there is no override. What a
partial file amounts to, the packaged rubric with the file laid over it, is shown read-only under
the validation, so the editor never turns a partial override into a full copy behind the
trainer's back.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
import yaml

from coach import rubric_override
from coach import scenarios as yaml_files
from coach.errors import CoachError
from coach.scenario_errors import Problem
from coach.session import Coach
from coach.ui.common import guarded, log
from coach.ui.texts import Localizer, T, t
from coach.ui.trainer import problems_markdown

NEW_NAME = re.compile(r"^[a-z0-9_-]+\.yaml$")
_DRAFT = "new.yaml"  # the name a catalogue is checked under before it has one
_DEPENDS = (
    "this scenario uses the catalogue: keep the catalogue id and type codes it names, or change "
    "the scenario first (scenario editor)."
)


def _publish(target: Path, text: str) -> None:
    """Write so that a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


class TypologyHandlers:
    """Load, check and save the typology catalogues of the running coach."""

    def __init__(self, coach: Coach):
        self.coach = coach

    @property
    def directory(self) -> Path:
        return Path(self.coach.typologies_dir)

    def files(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        return [p.name for p in yaml_files.scenario_paths([self.directory])]

    def load(self, name: str | None, lang: str = "de") -> str:
        if name not in self.files():  # only names we listed: no paths from the browser
            raise CoachError(t("catalogue.unknown_file", lang, name=name or ""))
        return (self.directory / str(name)).read_text(encoding="utf-8")

    def _check_name(self, name: str, lang: str) -> None:
        """A new file name: plain, lowercase, .yaml, and not taken yet."""
        if not NEW_NAME.fullmatch(name or ""):
            raise CoachError(t("catalogue.bad_name", lang, name=name or ""))
        if name in self.files() or (self.directory / name).exists():
            raise CoachError(t("catalogue.exists", lang, name=name))

    def problems(self, text: str, name: str | None = None) -> list[Problem]:
        """Problems of the directory with `text` as file `name`, then of the scenarios that
        depend on the catalogues (a removed type must not break a scenario)."""
        target = name if name and (name in self.files() or NEW_NAME.fullmatch(name)) else _DRAFT
        with tempfile.TemporaryDirectory(prefix="kam-typologies-") as tmp:
            root = Path(tmp)
            for other in self.files():
                if other != target:
                    shutil.copyfile(self.directory / other, root / other)
            (root / target).write_text(text or "", encoding="utf-8")
            found = [self._named(p, root) for p in yaml_files.validate_typologies(root)]
            if any(p.is_error for p in found):
                return found
            typologies = yaml_files.load_typologies(root)
        scenarios_dir = Path(self.coach.scenarios_dir)
        broken = [
            dataclasses.replace(
                self._named(p, scenarios_dir.parent), hint=f"{_DEPENDS} {p.hint}".strip()
            )
            for p in yaml_files.validate_paths([scenarios_dir], typologies)
            if p.is_error
        ]
        return found + broken

    @staticmethod
    def _named(problem: Problem, root: Path) -> Problem:
        """The problem with a file name relative to `root` (no temp or server paths shown)."""
        try:
            file = str(Path(problem.file).relative_to(root))
        except ValueError:
            file = Path(problem.file).name
        return dataclasses.replace(problem, file=file)

    def validate(self, text: str, name: str | None, lang: str) -> str:
        return problems_markdown(self.problems(text, name), lang, invalid="catalogue.invalid")

    def save(self, text: str, name: str | None, lang: str, new: bool = False) -> tuple[str, str]:
        """Write `text` as `name` (a listed file, or with `new` an unused valid name) when the
        catalogues and the scenarios stay valid; then the coach reloads them."""
        name = name or ""
        if new:
            self._check_name(name, lang)
        elif name not in self.files():
            raise CoachError(t("catalogue.unknown_file", lang, name=name))
        errors = [p for p in self.problems(text, name) if p.is_error]
        if errors:
            body = "\n\n".join(p.format() for p in errors)
            raise CoachError(f"{t('catalogue.not_saved', lang)}\n{body}")
        target = self.directory / name
        before = target.read_text(encoding="utf-8") if target.is_file() else None
        _publish(target, text)
        try:
            self.coach.reload_typologies()
        except CoachError:
            # Changed on disk since the check: put the old file back, the app keeps working.
            if before is None:
                target.unlink(missing_ok=True)
            else:
                _publish(target, before)
            raise
        log.info("typology catalogue saved: %s", target)
        return t("catalogue.saved", lang, path=str(target)), name


class RubricHandlers:
    """Load, check, save and reset the trainer's rubric override."""

    def __init__(self, coach: Coach):
        self.coach = coach

    @property
    def data_dir(self) -> Path:
        return Path(self.coach.settings.data_dir)

    @property
    def path(self) -> Path:
        return rubric_override.override_path(self.data_dir)

    def load(self) -> str:
        """The override (even an invalid one, to fix it) or else the packaged rubric."""
        if self.path.is_file():
            try:
                return self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("cannot read %s: %s", self.path, exc)
        return rubric_override.packaged_text()

    def problems(self, text: str) -> list[Problem]:
        return rubric_override.validate_rubric_text(text)[1]

    def validate(self, text: str, lang: str) -> str:
        """The problems; for a valid text the weights and, for a partial file, the whole rubric
        it makes of the packaged one."""
        rubric, problems = rubric_override.validate_rubric_text(text)
        report = problems_markdown(problems, lang, invalid="catalogue.invalid")
        if rubric is None:
            return report
        weights = " · ".join(
            f"{t(f'dimension.{name}', lang)} {round(100 * weight)} %"
            for name, weight in rubric.weights.items()
        )
        report = f"{report}\n\n{t('rubric.weights', lang, weights=weights)}"
        if yaml.safe_load(text) == rubric.model_dump(mode="json"):  # a whole file: nothing added
            return report
        effective = rubric_override.effective_text(rubric)
        return f"{report}\n\n**{t('rubric.effective', lang)}**\n\n```yaml\n{effective}```"

    def status(self, lang: str) -> str:
        """Which rubric new scorecards use, and why an override is ignored."""
        choice = self.coach.rubric_in_force()
        if choice.rejected:
            head = t("rubric.status_rejected", lang, path=str(self.path))
            return f"⚠ {head}\n\n{problems_markdown(choice.problems, lang, 'catalogue.invalid')}"
        if choice.path is not None:
            return t("rubric.status_override", lang, path=str(choice.path))
        return t("rubric.status_packaged", lang)

    def save(self, text: str, lang: str) -> str:
        if any(p.is_error for p in self.problems(text)):
            raise CoachError(t("catalogue.not_saved", lang))
        path = rubric_override.save_override(self.data_dir, text)
        self.coach.reload_rubric()
        log.info("rubric override saved: %s", path)
        return t("rubric.saved", lang, path=str(path))

    def reset(self, lang: str) -> tuple[str, str]:
        """Back to the packaged rubric (the override is kept as rubric.yaml.bak)."""
        backup = rubric_override.remove_override(self.data_dir)
        self.coach.reload_rubric()
        if backup is None:
            return rubric_override.packaged_text(), t("rubric.reset_nothing", lang)
        return rubric_override.packaged_text(), t("rubric.reset_done", lang, path=str(backup))


# --- the tab -----------------------------------------------------------------------------------


def _editor(loc: Localizer, label: str, value: str, elem_id: str) -> Any:
    return loc.make(
        gr.Code,
        label=T(label),
        value=value,
        language="yaml",
        lines=28,
        max_lines=40,
        interactive=True,
        elem_id=elem_id,
    )


def _report(loc: Localizer, value: str, elem_id: str) -> gr.Markdown:
    loc.make(gr.Markdown, value=T("trainer.validation"), elem_classes=["kam-panel-title"])
    return gr.Markdown(value, elem_id=elem_id, elem_classes=["kam-validation"])


def _typology_section(coach: Coach, loc: Localizer, lang_box: gr.Radio) -> None:
    h = TypologyHandlers(coach)
    files = h.files()
    first = files[0] if files else None
    initial = h.load(first) if first else ""
    with gr.Row(equal_height=False):
        with gr.Column(scale=7):
            pick = loc.make(
                gr.Dropdown,
                label=T("catalogue.file"),
                choices=files,
                value=first,
                elem_id="catalogue-file",
            )
            editor = _editor(loc, "catalogue.editor", initial, "catalogue-editor")
            save = loc.make(
                gr.Button, value=T("trainer.save"), variant="primary", elem_id="catalogue-save"
            )
            with gr.Row(equal_height=False, elem_classes=["kam-actions"]):
                new_name = loc.make(
                    gr.Textbox,
                    label=T("catalogue.new_name"),
                    placeholder=T("catalogue.new_name_ph"),
                    max_lines=1,
                    scale=4,
                    elem_id="catalogue-new-name",
                )
                save_new = loc.make(
                    gr.Button,
                    value=T("catalogue.save_new"),
                    scale=1,
                    size="md",
                    elem_id="catalogue-save-new",
                )
        with gr.Column(scale=5):
            report = _report(loc, h.validate(initial, first, loc.lang), "catalogue-validation")

    @guarded(1)
    def on_validate(text: str, name: str | None, lang: str) -> str:
        return h.validate(text, name, lang)

    @guarded(2)
    def on_load(name: str | None, lang: str) -> tuple[str, str]:
        text = h.load(name, lang)
        return text, h.validate(text, name, lang)

    @guarded(2)
    def on_save(text: str, name: str | None, lang: str) -> tuple[Any, str]:
        message, saved = h.save(text, name, lang)
        gr.Info(message)
        return gr.update(choices=h.files(), value=saved), h.validate(text, saved, lang)

    @guarded(3)
    def on_save_new(text: str, name: str, lang: str) -> tuple[Any, str, str]:
        message, saved = h.save(text, (name or "").strip(), lang, new=True)
        gr.Info(message)
        return gr.update(choices=h.files(), value=saved), h.validate(text, saved, lang), ""

    editor.change(
        on_validate,
        [editor, pick, lang_box],
        report,
        trigger_mode="always_last",
        show_progress="hidden",
    )
    pick.input(on_load, [pick, lang_box], [editor, report])
    save.click(on_save, [editor, pick, lang_box], [pick, report])
    save_new.click(on_save_new, [editor, new_name, lang_box], [pick, report, new_name])
    loc.on_switch(on_validate, [editor, pick, lang_box], [report])


def _rubric_section(coach: Coach, loc: Localizer, lang_box: gr.Radio, tab: Any) -> None:
    h = RubricHandlers(coach)
    initial = h.load()
    with gr.Row(equal_height=False):
        with gr.Column(scale=7):
            status = gr.Markdown(h.status(loc.lang), elem_id="rubric-status")
            loc.make(gr.Markdown, value=T("rubric.info"), elem_classes=["kam-small"])
            editor = _editor(loc, "rubric.editor", initial, "rubric-editor")
            with gr.Row(equal_height=False, elem_classes=["kam-actions"]):
                save = loc.make(
                    gr.Button,
                    value=T("trainer.save"),
                    variant="primary",
                    scale=3,
                    elem_id="rubric-save",
                )
                reset = loc.make(
                    gr.Button, value=T("rubric.reset"), scale=2, elem_id="rubric-reset"
                )
        with gr.Column(scale=5):
            report = _report(loc, h.validate(initial, loc.lang), "rubric-validation")

    @guarded(1)
    def on_validate(text: str, lang: str) -> str:
        return h.validate(text, lang)

    @guarded(1)
    def on_status(lang: str) -> str:
        return h.status(lang)

    @guarded(2)
    def on_save(text: str, lang: str) -> tuple[str, str]:
        gr.Info(h.save(text, lang))
        return h.validate(text, lang), h.status(lang)

    @guarded(3)
    def on_reset(lang: str) -> tuple[str, str, str]:
        text, message = h.reset(lang)
        gr.Info(message)
        return text, h.validate(text, lang), h.status(lang)

    editor.change(
        on_validate,
        [editor, lang_box],
        report,
        trigger_mode="always_last",
        show_progress="hidden",
    )
    save.click(on_save, [editor, lang_box], [report, status])
    reset.click(on_reset, [lang_box], [editor, report, status])
    tab.select(on_status, [lang_box], [status], show_progress="hidden")
    loc.on_switch(on_validate, [editor, lang_box], [report])
    loc.on_switch(on_status, [lang_box], [status])


def build_catalogue_tab(coach: Coach, loc: Localizer, lang_box: gr.Radio, tab: Any) -> None:
    """The "Typologien & Bewertung" tab; `tab` is the enclosing gr.Tab (its selection refreshes
    which rubric is in force)."""
    loc.make(gr.Markdown, value=T("catalogue.intro"), elem_classes=["kam-intro"])
    with gr.Tabs(elem_id="catalogue-tabs"):
        with loc.make(gr.Tab, label=T("catalogue.typologies_tab"), elem_id="catalogue-typologies"):
            _typology_section(coach, loc, lang_box)
        with loc.make(gr.Tab, label=T("catalogue.rubric_tab"), elem_id="catalogue-rubric"):
            _rubric_section(coach, loc, lang_box, tab)
    log.debug("typologies & rubric tab built")
