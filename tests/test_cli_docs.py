"""docs/cli.md is generated from --help; it must match the commands as they are."""

from __future__ import annotations

from evals.cli_docs import TARGET, render


def test_cli_reference_is_up_to_date() -> None:
    assert TARGET.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is out of date: run `python -m evals.cli_docs`"
    )
