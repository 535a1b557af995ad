"""`kam-coach annotate`: label utterances, JSON lines in and out, optionally LLM-judged."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from coach.errors import CoachError


def _annotation_judge(flag: bool | None) -> Any | None:
    """The LLM judge for `annotate` when asked for (flag, else KAM_SCORING_JUDGE), else None."""
    if flag is False:
        return None
    from coach.config import load_settings

    try:
        settings = load_settings()
    except CoachError:
        if flag:
            raise
        return None  # the offline annotator needs no settings: keep it working
    if not (flag or settings.scoring_judge):
        return None
    if not settings.llm_enabled:
        where = "--judge" if flag else "KAM_SCORING_JUDGE"
        message = (
            f"{where} needs an LLM: set KAM_LLM_BASE_URL (and KAM_LLM_MODEL, plus KAM_LLM_API_KEY "
            "if the endpoint wants one; OPENAI_* work too) and leave KAM_OFFLINE unset"
        )
        if flag:
            raise CoachError(f"{message}, or drop --judge to use the offline annotator.")
        typer.echo(f"Warning: {message}; the offline annotator labels alone.", err=True)
        return None
    from coach.llm import chat_model
    from coach.llm.judge import JUDGE_MAX_TOKENS, AnnotationJudge

    return AnnotationJudge(chat_model(settings, max_tokens=JUDGE_MAX_TOKENS, temperature=0.0))


def annotate(
    file: Annotated[str, typer.Argument(help="JSON lines file, or - for stdin")] = "-",
    judge: Annotated[
        bool | None,
        typer.Option(
            "--judge/--no-judge",
            help="let the configured LLM check the rule labels (same output; an item it cannot "
            "decide keeps the rule labels). Default: KAM_SCORING_JUDGE, off.",
        ),
    ] = None,
) -> None:
    """Label utterances (JSON lines in, JSON lines out, same order)."""
    from coach.scoring import annotate_many

    judged = _annotation_judge(judge)

    def flush(batch: list[dict]) -> None:
        # one encoder call per chunk; the output keeps the input order
        results = annotate_many(batch)
        if judged is not None:
            results = judged.judge_many(batch, results)
        for item, result in zip(batch, results, strict=True):
            out = {"id": item.get("id")}
            out.update(
                result.model_dump(
                    include={"mode", "listening", "dominant_side", "sides", "ear", "evidence"}
                )
            )
            typer.echo(json.dumps(out, ensure_ascii=False))

    batch: list[dict] = []
    stream = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CoachError(f"{file}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
                raise CoachError(f"{file}:{number}: expected an object with a string 'text'")
            batch.append(
                {
                    "id": item.get("id"),
                    "text": item.get("text", ""),
                    "speaker": item.get("speaker", "kam"),
                    "lang": item.get("lang"),
                    "context": item.get("context") or None,
                }
            )
            if len(batch) >= 256:
                flush(batch)
                batch = []
    if batch:
        flush(batch)
    if judged is not None and judged.warning():
        typer.echo(f"Warning: {judged.warning()}", err=True)
