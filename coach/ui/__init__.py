"""Gradio web app: trainee, trainer (scenarios; typologies & rubric), coach and handbook tabs
(thin handlers over `Coach`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from coach.ui.common import Exports, Knowledge, log
from coach.ui.texts import DEFAULT_LANG, LANGS, Localizer, T, t

__all__ = ["CSS", "build_app", "build_unavailable_app", "launch_options", "theme"]

CSS = (Path(__file__).resolve().parent / "data" / "app.css").read_text(encoding="utf-8")


def theme() -> gr.themes.Base:
    """A calm business look; fonts are gradio's local ones (nothing from a CDN)."""
    return gr.themes.Default(
        primary_hue=gr.themes.colors.blue,
        secondary_hue=gr.themes.colors.slate,
        neutral_hue=gr.themes.colors.slate,
        radius_size=gr.themes.sizes.radius_sm,
        font=[
            gr.themes.LocalFont("IBM Plex Sans", weights=(400, 600, 700)),
            "system-ui",
            "sans-serif",
        ],
    ).set(
        body_background_fill="#f4f6f9",
        block_shadow="0 1px 2px rgba(15, 23, 42, 0.06)",
        button_primary_background_fill="#1d4ed8",
        button_primary_background_fill_hover="#1e40af",
    )


def launch_options() -> dict[str, Any]:
    """Arguments for `Blocks.launch` that belong to the look (gradio 6 takes them there)."""
    return {"theme": theme(), "css": CSS}


def _header(loc: Localizer) -> gr.Radio:
    with gr.Row(elem_id="kam-header", equal_height=True):
        with gr.Column(scale=8):
            loc.make(gr.Markdown, value=T("app.title"), elem_id="kam-title")
            loc.make(gr.Markdown, value=T("app.tagline"), elem_id="kam-tagline")
        with gr.Column(scale=2, min_width=180):
            return loc.make(
                gr.Radio,
                label=T("app.lang"),
                choices=[("Deutsch", "de"), ("English", "en")],
                value=loc.lang,
                elem_id="lang",
                container=False,
            )


def build_app(coach: Any, lang: str = DEFAULT_LANG) -> gr.Blocks:
    """The whole web app around one `Coach` (shared by all browser sessions).

    `app.kam_knowledge.warm_in_background()` (app.py calls it once the server is up) opens the
    knowledge index in a low-priority thread, so the handbook answers at once and scorecards
    cite section headings instead of ids.
    """
    from coach.ui.catalogue import build_catalogue_tab
    from coach.ui.coach_tab import build_coach_tab
    from coach.ui.handbook import build_handbook_tab
    from coach.ui.trainee_tab import build_trainee_tab
    from coach.ui.trainer import build_trainer_tab

    loc = Localizer(lang)
    exports = Exports()
    knowledge = Knowledge(coach.settings)
    with gr.Blocks(title=t("app.title", lang), analytics_enabled=False) as app:
        lang_box = _header(loc)
        with gr.Tabs(elem_id="kam-tabs"):
            with loc.make(gr.Tab, label=T("tab.trainee"), id="trainee", elem_id="tab-trainee"):
                trainee = build_trainee_tab(coach, loc, lang_box, exports, knowledge)
            with loc.make(gr.Tab, label=T("tab.trainer"), id="trainer", elem_id="tab-trainer"):
                build_trainer_tab(coach, loc, lang_box, trainee)
            with loc.make(
                gr.Tab, label=T("tab.catalogue"), id="catalogue", elem_id="tab-catalogue"
            ) as catalogue_tab:
                build_catalogue_tab(coach, loc, lang_box, catalogue_tab)
            with loc.make(
                gr.Tab, label=T("tab.coach"), id="coach", elem_id="tab-coach"
            ) as coach_tab:
                build_coach_tab(coach, loc, lang_box, exports, knowledge, coach_tab)
            with loc.make(
                gr.Tab, label=T("tab.handbook"), id="handbook", elem_id="tab-handbook"
            ) as handbook_tab:
                build_handbook_tab(knowledge, loc, lang_box, handbook_tab)
        _wire_language(loc, lang_box)

        def fresh_choices() -> Any:
            return gr.update(choices=trainee["choices"]())

        # Another browser (or the trainer tab) may have added scenarios since the app was built.
        app.load(fresh_choices, None, trainee["scenario"], show_progress="hidden")
    app.kam_knowledge = knowledge  # type: ignore[attr-defined]
    log.info("web app built (%d localized components)", len(loc.components))
    return app


def _wire_language(loc: Localizer, lang_box: gr.Radio) -> None:
    event = lang_box.change(loc.updates, lang_box, loc.components, show_progress="hidden")
    for fn, inputs, outputs in loc.hooks:
        event.then(fn, inputs, outputs, show_progress="hidden")


def build_unavailable_app(error: str, lang: str = DEFAULT_LANG) -> gr.Blocks:
    """Shown when the coach cannot start (e.g. no scenarios yet): says why instead of crashing."""
    with gr.Blocks(title=t("app.title", lang), analytics_enabled=False) as app:
        gr.Markdown(f"# {t('app.title', lang)}")
        for code in LANGS:
            gr.Markdown(f"⚠ {t('app.not_ready', code, error=error)}", elem_id=f"not-ready-{code}")
    return app
