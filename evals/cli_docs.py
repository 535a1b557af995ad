"""Write docs/cli.md from the CLI's own --help texts, so the reference never drifts.

Run `python -m evals.cli_docs` after changing a command; a test compares the file with a fresh render.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer.core
from typer.testing import CliRunner

from coach.cli import app

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"
COMMANDS = (
    "practice",
    "annotate",
    "score",
    "plan",
    "ask",
    "index",
    "validate",
    "scenarios",
    "sessions",
)


def _help(*args: str) -> str:
    # Plain click formatting: rich's boxes and padding make poor Markdown.
    had_rich = typer.core.HAS_RICH  # type: ignore[attr-defined]
    typer.core.HAS_RICH = False  # type: ignore[attr-defined]
    try:
        result = CliRunner().invoke(
            app,
            [*args, "--help"],
            prog_name="kam-coach",
            env={"COLUMNS": "100"},
            terminal_width=100,
        )
    finally:
        typer.core.HAS_RICH = had_rich  # type: ignore[attr-defined]
    return result.output.rstrip()


def render() -> str:
    parts = [
        "# `kam-coach` command reference",
        "",
        "Generated from `--help` by `python -m evals.cli_docs`; do not edit by hand.",
        "",
        "```",
        _help(),
        "```",
    ]
    for name in COMMANDS:
        parts += ["", f"## `kam-coach {name}`", "", "```", _help(name), "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET.relative_to(ROOT)}\n")
