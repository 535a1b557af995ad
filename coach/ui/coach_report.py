"""The coach's session report: scores, feedback, the commented transcript and the drafted plan,
as one Markdown document."""

from __future__ import annotations

import re
from typing import Any

from coach.domain import AccountPlan, Scorecard
from coach.planning import render_markdown
from coach.session import Coach
from coach.store import SessionRow
from coach.ui import format as fmt
from coach.ui.texts import t


def session_report(
    coach: Coach,
    row: SessionRow,
    card: Scorecard | None,
    *,
    title: str,
    outcome: str,
    lang: str,
    plan: AccountPlan | None = None,
) -> str:
    """The report of one session in the coach's language; the plan in the talk's."""
    turns = coach.turns(row.id)
    numbers = fmt.kam_numbers(turns)
    lines = [
        f"# {t('coach.report_title', lang)}: {title}",
        "",
        f"- {t('coach.col_trainee', lang)}: {row.trainee or t('coach.anonymous', lang)}",
        f"- {t('coach.col_date', lang)}: {fmt.fmt_date(row.created_at, lang)}",
        f"- {t('coach.col_outcome', lang)}: {outcome}",
        f"- {t('trainee.session', lang)}: `{row.id}`",
        "",
    ]
    if card:
        lines += [
            f"## {t('trainee.scorecard', lang)}",
            "",
            f"**{t('trainee.overall', lang)}: {card.overall}/100**",
            "",
        ]
        lines += [f"- {t(f'dimension.{k}', lang)}: {v}/100" for k, v in card.dimensions.items()]
        lines += ["", f"## {t('trainee.feedback', lang)}", ""]
        for item in card.feedback:
            lines.append(
                f"- **{t('feedback.turn', lang)} {numbers.get(item.turn, item.turn)} "
                f"({t(f'feedback.{item.kind}', lang)}):** {item.issue} – {item.why}"
                + (f" *{t('trainee.hint_better', lang)}:* {item.better}" if item.better else "")
                + (f" ({item.source})" if item.source else "")
            )
        lines.append("")
    comments: dict[int, list[Any]] = {}
    for comment in coach.store.comments(row.id):
        comments.setdefault(comment.turn, []).append(comment)
    lines += [f"## {t('coach.transcript', lang)}", ""]
    number = 0
    for turn in turns:
        number = numbers.get(turn.idx, number)
        who = t("coach.speaker_kam" if turn.speaker == "kam" else "coach.speaker_buyer", lang)
        labels = annotation_labels(turn.annotation, lang) if turn.speaker == "kam" else ""
        lines.append(
            f"**{who} · {t('feedback.turn', lang)} {number}**"
            + (f" – *{labels}*" if labels else "")
        )
        lines.append("")
        lines.append("> " + turn.text.replace("\n", "\n> "))
        lines.append("")
        for c in comments.get(turn.idx, []):
            lines.append(f"✎ **{c.author or 'Coach'}:** {c.text}")
            lines.append("")
    # the plan's language is the talk's; one heading level down, under the report's title
    drafted = render_markdown(plan or coach.plan(row.id), row.lang)
    lines += [re.sub(r"(?m)^#", "##", drafted)]
    return "\n".join(lines).rstrip() + "\n"


def annotation_labels(annotation: dict[str, Any] | None, lang: str) -> str:
    if not annotation:
        return ""
    parts = [
        f"{t('coach.mode', lang)}: {t('mode.' + str(annotation.get('mode')), lang)}",
        f"{t('coach.side', lang)}: {t('side.' + str(annotation.get('dominant_side')), lang)}",
    ]
    if annotation.get("ear"):
        parts.append(f"{t('coach.ear', lang)}: {t('side.' + str(annotation['ear']), lang)}")
    if annotation.get("listening"):
        names = ", ".join(t(f"listening.{x}", lang) for x in annotation["listening"])
        parts.append(f"{t('coach.listening', lang)}: {names}")
    return " · ".join(parts)
