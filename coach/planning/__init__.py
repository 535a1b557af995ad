"""Account planning from a negotiation: 6-P facts, SWOT, KAOP, KASP and their renderings.

Public API: `draft_plan`, `extract_facts`, `render_markdown`, `render_json`, `render_docx`.
"""

from __future__ import annotations

from coach.planning.document import render_docx
from coach.planning.facts import extract_facts
from coach.planning.plan import draft_plan
from coach.planning.render import render_json, render_markdown

__all__ = ["draft_plan", "extract_facts", "render_docx", "render_json", "render_markdown"]
