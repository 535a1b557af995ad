"""Coach tab: session list, annotated transcript, comments, progress over time, report export."""

from __future__ import annotations

import threading
from typing import Any

import gradio as gr

from coach.domain import AccountPlan, Scorecard
from coach.errors import CoachError
from coach.session import IMPORTED, Coach
from coach.store import SessionRow
from coach.ui import format as fmt
from coach.ui.coach_plan import plan_view
from coach.ui.coach_report import annotation_labels, session_report
from coach.ui.common import Exports, Knowledge, guarded, log
from coach.ui.format import esc
from coach.ui.importer import build_import_box, import_file
from coach.ui.texts import Localizer, T, t

SESSION_COLUMNS = ("id", "trainee", "scenario", "date", "outcome", "turns", "overall")


# what opening a session fills: transcript, comment turns, progress, report, plan, plan DOCX
N_OPEN = 6


class CoachHandlers:
    def __init__(
        self, coach: Coach, exports: Exports | None = None, knowledge: Knowledge | None = None
    ):
        self.coach = coach
        self.exports = exports or Exports()
        self.knowledge = knowledge
        self._cards: dict[tuple[str, float, bool], Scorecard | None] = {}
        self._lock = threading.Lock()

    def card(self, session_id: str) -> Scorecard | None:
        """The scorecard, cached until the session changes (None while scoring is missing)."""
        row = self.coach.session(session_id)
        retriever = self.knowledge.ready() if self.knowledge else None
        key = (session_id, row.updated_at, retriever is not None)
        with self._lock:
            if key in self._cards:
                return self._cards[key]
        try:
            card: Scorecard | None = self.coach.scorecard(session_id, retriever=retriever)
        except ImportError as exc:
            log.warning("scoring unavailable: %s", exc)
            card = None
        with self._lock:
            self._cards[key] = card
        return card

    def _title(self, row: SessionRow) -> str:
        scenario = self.coach.scenarios.get(row.scenario_id)
        return row.title or (scenario.title if scenario else row.scenario_id)

    def _outcome(self, row: SessionRow, lang: str) -> str:
        if row.status == IMPORTED:  # a real talk: nobody played the buyer
            return t("outcome.imported", lang)
        return t(f"outcome.{row.outcome}", lang) if row.outcome else t("outcome.open", lang)

    def sessions(self, trainee: str, lang: str) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The session table and the choices of the "open session" dropdown."""
        rows, choices = [], []
        for row in self.coach.store.list_sessions(trainee=(trainee or "").strip() or None):
            if not self.coach.turns(row.id):
                continue
            card = self.card(row.id)
            name = row.trainee or t("coach.anonymous", lang)
            date = fmt.fmt_date(row.created_at, lang)
            turns = sum(1 for turn in self.coach.turns(row.id) if turn.speaker == "kam")
            rows.append(
                [
                    row.id,
                    name,
                    self._title(row),
                    date,
                    self._outcome(row, lang),
                    turns,
                    card.overall if card else "",
                ]
            )
            choices.append((f"{date} · {name} · {self._title(row)}", row.id))
        headers = [t(f"coach.col_{c}", lang) for c in SESSION_COLUMNS]
        return {"headers": headers, "data": rows}, choices

    def transcript_html(self, session_id: str, lang: str) -> str:
        """Each turn with its annotation chips, the scorer's feedback and the coach comments."""
        turns = self.coach.turns(session_id)
        card = self.card(session_id)
        numbers = fmt.kam_numbers(turns)
        comments: dict[int, list[Any]] = {}
        for comment in self.coach.store.comments(session_id):
            comments.setdefault(comment.turn, []).append(comment)
        feedback: dict[int, list[Any]] = {}
        for item in card.feedback if card else []:
            feedback.setdefault(item.turn, []).append(item)
        blocks, number = [], 0
        for turn in turns:
            is_kam = turn.speaker == "kam"
            number = numbers.get(turn.idx, number)
            who = t("coach.speaker_kam" if is_kam else "coach.speaker_buyer", lang)
            chips = (
                _chips(turn.annotation or _card_annotation(card, turn.idx), lang) if is_kam else ""
            )
            if not is_kam and turn.move:
                chips = f'<span class="kam-chip kam-chip--move">{esc(turn.move)}</span>'
            notes = "".join(_feedback_note(f, lang) for f in feedback.get(turn.idx, []))
            notes += "".join(_comment_note(c) for c in comments.get(turn.idx, []))
            blocks.append(
                f'<div class="kam-turn kam-turn--{esc(turn.speaker)}" data-turn="{turn.idx}">'
                f'<div class="kam-turn__head"><span class="kam-turn__who">{esc(who)} · '
                f"{esc(t('feedback.turn', lang))} {number}</span>{chips}</div>"
                f'<div class="kam-turn__text">{esc(turn.text)}</div>{notes}</div>'
            )
        return '<div class="kam-transcript">' + "".join(blocks) + "</div>"

    def comment_choices(self, session_id: str, lang: str) -> list[tuple[str, int]]:
        turns = self.coach.turns(session_id)
        numbers = fmt.kam_numbers(turns)
        out, number = [], 0
        for turn in turns:
            number = numbers.get(turn.idx, number)
            who = t("coach.speaker_kam" if turn.speaker == "kam" else "coach.speaker_buyer", lang)
            short = " ".join(turn.text.split())[:40]
            out.append((f"{number} · {who} · {short}", turn.idx))
        return out

    def compare(self, session_id: str, lang: str) -> dict[str, Any]:
        """Overall and dimension scores of this trainee's sessions, oldest first."""
        row = self.coach.session(session_id)
        rows_in = self.coach.store.list_sessions(trainee=row.trainee) if row.trainee else [row]
        headers = [
            t("coach.col_date", lang),
            t("coach.col_scenario", lang),
            t("coach.col_outcome", lang),
            t("coach.col_overall", lang),
        ]
        headers += [t(f"dimension.{d}", lang) for d in fmt.DIMENSIONS]
        data = []
        for other in sorted(rows_in, key=lambda r: r.created_at):
            if not self.coach.turns(other.id):
                continue
            card = self.card(other.id)
            dims = [card.dimensions.get(d, "") if card else "" for d in fmt.DIMENSIONS]
            data.append(
                [
                    fmt.fmt_date(other.created_at, lang),
                    self._title(other),
                    self._outcome(other, lang),
                    card.overall if card else "",
                    *dims,
                ]
            )
        return {"headers": headers, "data": data}

    def add_comment(
        self, session_id: str | None, turn: Any, author: str, text: str, lang: str
    ) -> str:
        if not session_id:
            raise CoachError(t("coach.none_open", lang))
        if not (text or "").strip():
            raise CoachError(t("coach.comment_empty", lang))
        if turn is None or turn == "":
            raise CoachError(t("trainee.pick_turn", lang))
        self.coach.store.add_comment(
            session_id, int(turn), text.strip(), author=(author or "").strip()
        )
        return self.transcript_html(session_id, lang)

    def report_markdown(self, session_id: str, lang: str, plan: AccountPlan | None = None) -> str:
        row = self.coach.session(session_id)
        return session_report(
            self.coach,
            row,
            self.card(session_id),
            title=self._title(row),
            outcome=self._outcome(row, lang),
            lang=lang,
            plan=plan,
        )

    def report_file(self, session_id: str, lang: str, plan: AccountPlan | None = None) -> str:
        return str(
            self.exports.write_text(
                f"kam-report-{session_id}.md", self.report_markdown(session_id, lang, plan)
            )
        )

    def open(self, session_id: str | None, lang: str) -> tuple[Any, ...]:
        """Transcript, comment turns, progress, report, plan and its DOCX (N_OPEN outputs)."""
        if not session_id:
            raise CoachError(t("coach.none_open", lang))
        plan = self.coach.plan(session_id)  # drafted once: for the report and the plan view
        return (
            self.transcript_html(session_id, lang),
            gr.update(choices=self.comment_choices(session_id, lang), value=None),
            self.compare(session_id, lang),
            gr.update(value=self.report_file(session_id, lang, plan), visible=True),
            *plan_view(self.coach, self.exports, session_id, plan),
        )


def _feedback_note(item: Any, lang: str) -> str:
    better = ""
    if item.better and item.kind != "good":
        better = f"<br><em>{esc(t('trainee.hint_better', lang))}:</em> {esc(item.better)}"
    return (
        f'<div class="kam-fb kam-fb--{esc(item.kind)}"><strong>{esc(item.issue)}</strong> – '
        f"{esc(item.why)}{better}</div>"
    )


def _comment_note(comment: Any) -> str:
    author = esc(comment.author or "Coach")
    return f'<div class="kam-comment">✎ <strong>{author}:</strong> {esc(comment.text)}</div>'


def _card_annotation(card: Scorecard | None, idx: int) -> dict[str, Any] | None:
    if card and idx < len(card.annotations) and card.annotations[idx] is not None:
        return card.annotations[idx].model_dump()  # type: ignore[union-attr]
    return None


def _chips(annotation: dict[str, Any] | None, lang: str) -> str:
    return "".join(
        f'<span class="kam-chip">{esc(part)}</span>'
        for part in annotation_labels(annotation, lang).split(" · ")
        if part
    )


def build_coach_tab(
    coach: Coach,
    loc: Localizer,
    lang_box: gr.Radio,
    exports: Exports,
    knowledge: Knowledge,
    tab: Any,
) -> None:
    h = CoachHandlers(coach, exports, knowledge)
    lang = loc.lang
    loc.make(gr.Markdown, value=T("coach.intro"), elem_classes=["kam-intro"])
    with gr.Row(equal_height=False, elem_classes=["kam-actions"]):
        trainee = loc.make(
            gr.Textbox, label=T("coach.filter"), scale=3, max_lines=1, elem_id="coach-filter"
        )
        refresh = loc.make(
            gr.Button, value=T("coach.refresh"), scale=1, size="md", elem_id="coach-refresh"
        )
        pick = loc.make(
            gr.Dropdown,
            label=T("coach.pick"),
            choices=[],
            value=None,
            scale=4,
            elem_id="coach-session",
        )
    table = loc.make(
        gr.Dataframe,
        label=T("coach.sessions"),
        value={"headers": [t(f"coach.col_{c}", lang) for c in SESSION_COLUMNS], "data": []},
        interactive=False,
        wrap=True,
        max_height=280,
        elem_id="coach-sessions",
        elem_classes=["kam-table"],
    )
    upload, who, kam, title, go = build_import_box(loc)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            loc.make(gr.Markdown, value=T("coach.transcript"), elem_classes=["kam-panel-title"])
            transcript = gr.HTML(
                f'<div class="kam-empty">{esc(t("coach.none_open", lang))}</div>',
                elem_id="coach-transcript",
            )
        with gr.Column(scale=2):
            turn = loc.make(
                gr.Dropdown,
                label=T("coach.comment_turn"),
                choices=[],
                value=None,
                elem_id="comment-turn",
            )
            author = loc.make(
                gr.Textbox, label=T("coach.comment_author"), max_lines=1, elem_id="comment-author"
            )
            text = loc.make(
                gr.Textbox, label=T("coach.comment_text"), lines=3, elem_id="comment-text"
            )
            add = loc.make(
                gr.Button, value=T("coach.comment_add"), variant="primary", elem_id="comment-add"
            )
            report = loc.make(
                gr.DownloadButton, label=T("coach.export"), visible=False, elem_id="coach-report"
            )
    with loc.make(gr.Accordion, label=T("coach.plan"), open=False, elem_id="coach-plan"):
        plan_docx = loc.make(
            gr.DownloadButton,
            label=T("trainee.download_docx"),
            visible=False,
            size="md",
            elem_id="coach-plan-docx",
        )
        plan_md = gr.Markdown(
            t("coach.none_open", lang), elem_id="coach-plan-md", elem_classes=["kam-plan"]
        )
    compare = loc.make(
        gr.Dataframe,
        label=T("coach.compare"),
        value={"headers": [""], "data": []},
        interactive=False,
        elem_id="coach-compare",
        elem_classes=["kam-table"],
    )

    @guarded(2)
    def on_refresh(name: str, lang: str) -> tuple[Any, Any]:
        data, choices = h.sessions(name, lang)
        return data, gr.update(choices=choices)

    @guarded(N_OPEN)
    def on_open(session_id: str | None, lang: str) -> tuple[Any, ...]:
        if not session_id:  # the dropdown was cleared or closed without a choice
            return tuple(gr.skip() for _ in range(N_OPEN))
        return h.open(session_id, lang)

    @guarded(N_OPEN + 1)
    def on_select(evt: gr.SelectData, lang: str) -> tuple[Any, ...]:
        session_id = str(evt.row_value[0]) if evt.row_value else None
        return (session_id, *h.open(session_id, lang))

    @guarded(3)
    def on_comment(
        session_id: str | None, idx: Any, who: str, body: str, lang: str
    ) -> tuple[Any, ...]:
        html = h.add_comment(session_id, idx, who, body, lang)
        gr.Info(t("coach.comment_saved", lang))
        return html, "", gr.update(value=h.report_file(session_id or "", lang))

    @guarded(N_OPEN + 3)
    def on_import(
        path: str | None, name: str, kam_name: str, heading: str, lang: str
    ) -> tuple[Any, ...]:
        session_id = import_file(coach, path, name, kam_name, heading, lang)
        gr.Info(t("coach.import_done", lang))
        data, choices = h.sessions(name, lang)  # the list shows this trainee's talks
        return (name, data, gr.update(choices=choices, value=session_id), *h.open(session_id, lang))

    outputs = [transcript, turn, compare, report, plan_md, plan_docx]
    go.click(on_import, [upload, who, kam, title, lang_box], [trainee, table, pick, *outputs])
    refresh.click(on_refresh, [trainee, lang_box], [table, pick])
    trainee.submit(on_refresh, [trainee, lang_box], [table, pick])
    tab.select(on_refresh, [trainee, lang_box], [table, pick])
    pick.input(on_open, [pick, lang_box], outputs)
    table.select(on_select, [lang_box], [pick, *outputs])
    add.click(on_comment, [pick, turn, author, text, lang_box], [transcript, text, report])

    @guarded(N_OPEN + 1)
    def relabel(name: str, session_id: str | None, lang: str) -> tuple[Any, ...]:
        data, _ = h.sessions(name, lang)
        if not session_id:
            return (data, *(gr.skip() for _ in range(N_OPEN)))
        return (data, *h.open(session_id, lang))

    loc.on_switch(relabel, [trainee, pick, lang_box], [table, *outputs])
