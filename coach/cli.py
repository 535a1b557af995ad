"""`kam-coach` commands (thin: parse, call the library, print). Contracts in DESIGN.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from coach.cli_annotate import annotate
from coach.errors import CoachError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="KAM Negotiation Coach: practise retail negotiations, get scored, draft the account plan.",
    pretty_exceptions_enable=False,
)

FormatOpt = Annotated[str, typer.Option("--format", "-f", help="json or md")]
KamOpt = Annotated[
    str | None,
    typer.Option("--kam", help="plain-text transcript: the speaker who is the KAM (by name)"),
]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="plain-text transcript: de or en (else detected)")
]


def fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def _load_transcript(path: str, kam: str | None = None, lang: str | None = None) -> Any:
    from coach.transcripts import read_transcript_file

    return read_transcript_file(path, kam=kam, lang=lang)


@app.command()
def practice(
    scenario: Annotated[str, typer.Option("--scenario", "-s", help="scenario id")],
    seed: Annotated[int | None, typer.Option(help="same seed, same conversation")] = None,
    transcript_out: Annotated[
        Path | None, typer.Option("--transcript-out", help="write the transcript (JSON) here")
    ] = None,
    trainee: Annotated[str, typer.Option(help="trainee name for the session list")] = "",
) -> None:
    """Negotiate with a scenario's buyer in the terminal (reads lines from stdin when piped)."""
    from coach.session import Coach

    coach = Coach()
    if coach.rubric_choice.rejected:
        typer.echo(f"Warning: {coach.rubric_choice.notice()}", err=True)
    chosen = coach.scenario(scenario)
    session_id = coach.start(chosen.id, seed=seed, trainee=trainee)
    interactive = sys.stdin.isatty()
    if interactive:
        typer.echo(f"{chosen.title} — {chosen.buyer.name}, {chosen.buyer.role}")
        typer.echo(chosen.brief.summary)
        typer.echo("(Ctrl-D to finish)\n")
    while True:
        try:
            line = input("you: " if interactive else "")
        except EOFError:
            break
        if not line.strip():
            continue
        try:
            reply = coach.send(session_id, line)
        except CoachError as exc:
            typer.echo(f"Error: {exc}", err=True)
            if "ended" in str(exc) or "beendet" in str(exc):
                break
            continue
        typer.echo(f"buyer: {reply.buyer_text}")
        if reply.finished:
            break
    state = coach.state(session_id)
    if transcript_out:
        transcript_out.write_text(
            coach.transcript(session_id).model_dump_json(indent=2), encoding="utf-8"
        )
    from coach.scoring.report import render_scorecard_md

    typer.echo("")
    typer.echo(f"session {session_id}: outcome {state.outcome or 'open'}, trust {state.trust:.2f}")
    typer.echo(render_scorecard_md(coach.scorecard(session_id), chosen.lang))


# Registered between practice and score: --help and docs/cli.md list commands in this order.
app.command()(annotate)


def _rubric() -> Any:
    """The trainer's rubric from the data dir if valid; else the packaged one, with a warning."""
    from coach.config import load_settings
    from coach.rubric_override import load_rubric

    try:
        settings = load_settings()
    except CoachError:
        return None  # scoring needs no data dir: score with the packaged rubric
    choice = load_rubric(settings.data_dir)
    if choice.rejected:
        typer.echo(f"Warning: {choice.notice()}", err=True)
    return choice.rubric


@app.command()
def score(
    transcript: str, format: FormatOpt = "json", kam: KamOpt = None, lang: LangOpt = None
) -> None:
    """Scorecard of a transcript file (JSON, or 'Speaker: text' lines / WebVTT / SubRip)."""
    from coach.scoring import score_transcript
    from coach.scoring.report import render_scorecard_md

    parsed = _load_transcript(transcript, kam, lang)
    card = score_transcript(parsed, retriever=_retriever_or_none(), rubric=_rubric())
    if format == "md":
        typer.echo(render_scorecard_md(card, parsed.lang))
    elif format == "json":
        typer.echo(card.model_dump_json(indent=2, exclude={"annotations"}))
    else:
        fail("--format must be json or md")


@app.command()
def plan(
    transcript: str,
    format: FormatOpt = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="file (docx needs it)")
    ] = None,
    kam: KamOpt = None,
    lang: LangOpt = None,
) -> None:
    """Draft SWOT and KEP (KAOP + KASP) from a transcript file (JSON, or 'Speaker: text' lines /
    WebVTT / SubRip)."""
    from coach.planning import draft_plan, render_docx, render_json, render_markdown

    parsed = _load_transcript(transcript, kam, lang)
    scenario = None
    if parsed.scenario_id:
        from coach.config import load_settings
        from coach.scenarios import load_scenarios

        scenario = load_scenarios(load_settings().scenarios_dir).get(parsed.scenario_id)
        if scenario is None:
            typer.echo(
                f"Warning: unknown scenario id '{parsed.scenario_id}'; planning from the "
                "transcript alone.",
                err=True,
            )
    drafted = draft_plan(parsed, scenario)
    if format == "json":
        text = render_json(drafted)
    elif format == "md":
        text = render_markdown(drafted, parsed.lang)
    elif format == "docx":
        target = output or Path(Path(transcript).stem + "-plan.docx")
        render_docx(drafted, parsed.lang, target)
        typer.echo(str(target))
        return
    else:
        fail("--format must be json, md or docx")
        return
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text)


def _retriever_or_none() -> Any | None:
    """The knowledge retriever when its index can be opened; scoring works without it."""
    try:
        from coach.config import load_settings
        from coach.retrieval import open_retriever

        return open_retriever(load_settings())
    except Exception:  # feedback falls back to section ids
        return None


@app.command()
def ask(
    question: str,
    k: Annotated[int, typer.Option("--k", help="number of passages")] = 4,
    format: FormatOpt = "md",
    lang: Annotated[str | None, typer.Option(help="de or en; default: both")] = None,
) -> None:
    """Methodology passages for a question (and an answer when an LLM is configured)."""
    from coach.config import load_settings
    from coach.retrieval import open_retriever

    settings = load_settings()
    passages = open_retriever(settings).search(question, k=k, lang=lang)
    answer = None
    if settings.llm_enabled:
        from coach.buyer.guard import detect_lang
        from coach.llm import chat_model
        from coach.llm.answer import answer_question

        asked = lang or detect_lang(question) or "de"
        answer = answer_question(chat_model(settings), question, passages, asked)
    if format == "json":
        found = [p.to_dict() for p in passages]
        # Offline the output is the list of passages; with an LLM, the answer is added.
        out: Any = found if answer is None else {"answer": answer, "passages": found}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if answer:
        typer.echo(f"{answer}\n")
    for p in passages:
        typer.echo(f"## {p.heading}  ({p.source}, score {p.score:.2f})\n\n{p.text.strip()}\n")


@app.command()
def index(rebuild: Annotated[bool, typer.Option("--rebuild")] = False) -> None:
    """Build or update the knowledge index (incremental by content hash)."""
    from coach.config import load_settings
    from coach.retrieval import build_index

    with typer.progressbar(length=100, label="indexing") as bar:
        seen = {"done": 0}

        def progress(done: int, total: int) -> None:
            step = int(100 * done / max(total, 1)) - seen["done"]
            if step > 0:
                bar.update(step)
                seen["done"] += step

        report = build_index(load_settings(), rebuild=rebuild, progress=progress)
    typer.echo(str(report))


@app.command()
def validate(paths: Annotated[list[Path] | None, typer.Argument()] = None) -> None:
    """Check scenario YAML files; exit 1 with file:line errors. Without PATH: the scenario
    directory and, when KAM_DATA_DIR holds one, the rubric override (rubric.yaml)."""
    from coach.config import load_settings
    from coach.rubric_override import override_problems
    from coach.scenarios import load_typologies, validate_paths

    settings = load_settings()
    targets = paths or [settings.scenarios_dir]
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files.extend(sorted(target.glob("*.yaml")) + sorted(target.glob("*.yml")))
        else:
            files.append(target)
    problems = validate_paths(files, load_typologies(settings.knowledge_dir / "typologies"))
    if not paths:  # given paths are scenarios; the override is checked with the whole setup
        rubric_file, rubric_problems = override_problems(settings.data_dir)
        files += [rubric_file] if rubric_file else []
        problems += rubric_problems
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        typer.echo(problem.format(), err=problem.severity == "error")
        typer.echo("")
    typer.echo(
        f"{len(files)} file(s) checked: {len(errors)} error(s), "
        f"{len(problems) - len(errors)} warning(s)"
    )
    if errors:
        raise typer.Exit(1)


@app.command("import")
def import_(
    transcript: str,
    trainee: Annotated[str, typer.Option(help="whose talk it is (the coach's session list)")] = "",
    title: Annotated[str, typer.Option(help="what the talk was about")] = "",
    kam: KamOpt = None,
    lang: LangOpt = None,
) -> None:
    """Store the transcript of a real talk as a session for the Coaching tab; prints its id."""
    from coach.session import Coach

    parsed = _load_transcript(transcript, kam, lang)
    title = title or Path(transcript).stem if transcript != "-" else title
    session_id = Coach().import_transcript(parsed, trainee=trainee, title=title)
    typer.echo(session_id)


@app.command()
def scenarios() -> None:
    """List the scenarios (id, language, buyer type, title)."""
    from coach.session import Coach

    for s in sorted(Coach().scenarios.values(), key=lambda s: s.id):
        typer.echo(f"{s.id}\t{s.lang}\t{s.buyer.typology}:{s.buyer.type}\t{s.title}")


@app.command()
def sessions(trainee: Annotated[str | None, typer.Option()] = None) -> None:
    """List stored practice sessions (newest first)."""
    from coach.session import Coach

    for row in Coach().store.list_sessions(trainee):
        typer.echo(
            f"{row.id}\t{row.scenario_id}\t{row.trainee or '-'}\t{row.status}\t{row.outcome or ''}"
        )


def main() -> None:
    try:
        app()
    except CoachError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
