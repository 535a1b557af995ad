"""Handbook tab: search the methodology knowledge base (retriever) with a de/en filter."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import gradio as gr

from coach.errors import CoachError
from coach.ui import format as fmt
from coach.ui.common import Knowledge, guarded, missing_notice
from coach.ui.texts import Localizer, T, t

FILTERS = ("all", "de", "en")


def passages_markdown(passages: Sequence[Any], lang: str) -> str:
    """Each passage with heading, source, relevance and levers, then its text."""
    if not passages:
        return t("handbook.no_results", lang)
    blocks = []
    for passage in passages:
        meta = [f"{t('handbook.source', lang)}: `{passage.source}`", f"[{passage.lang.upper()}]"]
        score = getattr(passage, "score", None)
        if score is not None:
            meta.append(f"{t('handbook.relevance', lang)}: {fmt.fmt_number(round(score, 3), lang)}")
        levers = getattr(passage, "levers", ()) or ()
        if levers:
            names = ", ".join(fmt.lever_name(lever, lang) for lever in levers)
            meta.append(f"{t('handbook.levers', lang)}: {names}")
        blocks.append(f"### {passage.heading}\n*{' · '.join(meta)}*\n\n{passage.text.strip()}")
    return "\n\n---\n\n".join(blocks)


class HandbookHandlers:
    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge

    def search(self, query: str, language: str, k: Any, lang: str) -> str:
        if not (query or "").strip():
            raise CoachError(t("handbook.empty_query", lang))
        which = None if language not in ("de", "en") else language
        passages = self.knowledge.retriever().search(query.strip(), k=int(k or 4), lang=which)
        return passages_markdown(passages, lang)


def filter_choices(lang: str) -> list[tuple[str, str]]:
    return [
        (t("handbook.all", lang), "all"),
        (t("language.de", lang), "de"),
        (t("language.en", lang), "en"),
    ]


def build_handbook_tab(knowledge: Knowledge, loc: Localizer, lang_box: gr.Radio, tab: Any) -> None:
    h = HandbookHandlers(knowledge)
    lang = loc.lang
    loc.make(gr.Markdown, value=T("handbook.intro"), elem_classes=["kam-intro"])
    if importlib.util.find_spec("coach.retrieval") is None:  # importing it loads chromadb: later
        gr.Markdown(missing_notice("coach.retrieval", lang), elem_id="handbook-missing")
    with gr.Row(equal_height=True):
        query = loc.make(
            gr.Textbox,
            label=T("handbook.query"),
            placeholder=T("handbook.query_ph"),
            scale=6,
            max_lines=1,
            elem_id="handbook-query",
        )
        language = loc.make(
            gr.Radio,
            label=T("handbook.filter"),
            choices=filter_choices(lang),
            value="all",
            scale=2,
            elem_id="handbook-lang",
        )
        k = loc.make(
            gr.Slider,
            label=T("handbook.k"),
            minimum=1,
            maximum=10,
            step=1,
            value=4,
            scale=2,
            elem_id="handbook-k",
        )
    search = loc.make(
        gr.Button, value=T("handbook.search"), variant="primary", elem_id="handbook-search"
    )
    results = gr.Markdown("", elem_id="handbook-results", elem_classes=["kam-passages"])

    @guarded(1)
    def on_search(text: str, which: str, count: Any, lang: str) -> str:
        return h.search(text, which, count, lang)

    search.click(on_search, [query, language, k, lang_box], results)
    query.submit(on_search, [query, language, k, lang_box], results)
    # Open the index in the background when the tab is first shown, so the first search is quick.
    tab.select(knowledge.warm_in_background, None, None)

    def relabel(which: str, lang: str) -> Any:
        return gr.update(choices=filter_choices(lang), value=which)

    loc.on_switch(relabel, [language, lang_box], [language])
