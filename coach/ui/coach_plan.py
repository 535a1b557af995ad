"""The account plan drafted from a session, as the coach sees it: Markdown and a DOCX download.
For an imported real talk this is the KAM's plan draft."""

from __future__ import annotations

from typing import Any

import gradio as gr

from coach.domain import AccountPlan
from coach.planning import render_docx, render_markdown
from coach.session import Coach
from coach.ui.common import Exports, log


def plan_view(
    coach: Coach, exports: Exports, session_id: str, plan: AccountPlan | None = None
) -> tuple[str, Any]:
    """The plan in the talk's language, and the DOCX button (hidden when writing it fails)."""
    plan = plan or coach.plan(session_id)
    lang = coach.session(session_id).lang
    markdown = render_markdown(plan, lang)
    try:
        path = exports.path(f"kam-plan-{session_id}.docx")
        render_docx(plan, lang, path)
    except Exception:  # noqa: BLE001 - the plan on screen is still useful
        log.exception("DOCX export failed for %s", session_id)
        return markdown, gr.update(visible=False, value=None)
    return markdown, gr.update(visible=True, value=str(path))
