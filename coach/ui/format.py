"""Pure formatting of coach objects for the web app (no Gradio, no I/O): tested directly."""

from __future__ import annotations

import html
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from coach.domain import Feedback, Scenario, Scorecard
from coach.ui.texts import t

DIMENSIONS = ("balance", "four_sides", "listening", "technique")
FEEDBACK_COLUMNS = ("turn", "kind", "issue", "why", "better", "source")


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def fmt_number(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "de" else text


def fmt_date(timestamp: float, lang: str) -> str:
    pattern = "%d.%m.%Y %H:%M" if lang == "de" else "%Y-%m-%d %H:%M"
    return time.strftime(pattern, time.localtime(timestamp))


def lever_name(lever: str, lang: str) -> str:
    return t(f"lever.{lever}", lang)


# --- scenarios -------------------------------------------------------------------------------


def scenario_choices(scenarios: Mapping[str, Scenario]) -> list[tuple[str, str]]:
    """Dropdown choices `[DE] Title` -> id, German scenarios first, then by title."""
    ordered = sorted(scenarios.values(), key=lambda s: (s.lang != "de", s.title.lower()))
    return [(f"[{s.lang.upper()}] {s.title}", s.id) for s in ordered]


def brief_markdown(scenario: Scenario | None, lang: str) -> str:
    """What the trainee may know before the talk; `buyer.hidden` is never read here."""
    if scenario is None:
        return t("trainee.brief_empty", lang)
    account, brief, buyer = scenario.account, scenario.brief, scenario.buyer
    levers = ", ".join(lever_name(lever, lang) for lever in scenario.levers)
    meta = t(
        "brief.meta",
        lang,
        difficulty=t(f"difficulty.{scenario.difficulty}", lang),
        max=scenario.max_turns,
        levers=levers,
    )
    lines = [
        f"### {scenario.title}",
        f"*{meta} · {t('brief.lang_note', lang, language=t(f'language.{scenario.lang}', lang))}*",
        "",
        f"**{t('brief.account', lang)}:** {account.retailer} · {account.format} · "
        f"{t('brief.stores', lang, n=account.stores)} · {t('brief.category', lang)}: "
        f"{account.category}",
        "",
        f"**{t('brief.buyer', lang)}:** {buyer.name}, {buyer.role}",
        "",
        f"#### {t('brief.situation', lang)}",
        account.situation.strip(),
        "",
        f"#### {t('brief.task', lang)}",
        brief.summary.strip(),
        "",
        f"#### {t('brief.objectives', lang)}",
    ]
    for objective in brief.objectives:
        target = ""
        if objective.target is not None:
            amount = _amount(objective.target, objective.unit, lang)
            target = f" ({t('brief.target', lang)}: {amount})"
        lines.append(
            f"- **{lever_name(objective.lever, lang)}** – {objective.text.strip()}{target}"
        )
    if brief.walk_away:
        lines += ["", f"#### {t('brief.walk_away', lang)}"]
        for point in brief.walk_away:
            value = ""
            if point.value is not None:
                value = (
                    f" ({fmt_number(point.value, lang)}{' ' + point.unit if point.unit else ''})"
                )
            lines.append(f"- **{lever_name(point.lever, lang)}** – {point.text.strip()}{value}")
    if brief.data:
        lines += ["", f"#### {t('brief.data', lang)}"]
        lines += [f"- {item.strip()}" for item in brief.data]
    return "\n".join(lines)


# --- the conversation ----------------------------------------------------------------------------


def chat_messages(turns: Iterable[Any]) -> list[dict[str, str]]:
    """Stored turns -> Chatbot messages (the trainee is the user, the buyer the assistant)."""
    return [
        {"role": "user" if turn.speaker == "kam" else "assistant", "content": turn.text}
        for turn in turns
    ]


def kam_numbers(turns: Iterable[Any]) -> dict[int, int]:
    """Transcript index of each trainee turn -> its number as the trainee counts (1, 2, ...)."""
    numbers: dict[int, int] = {}
    for turn in turns:
        if turn.speaker == "kam":
            numbers[turn.idx] = len(numbers) + 1
    return numbers


def retry_choices(turns: Sequence[Any], width: int = 48) -> list[tuple[str, int]]:
    """`3 · "We would like…"` -> transcript index, for the retry dropdown."""
    out = []
    for number, turn in zip(
        kam_numbers(turns).values(), [x for x in turns if x.speaker == "kam"], strict=True
    ):
        text = " ".join(turn.text.split())
        short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
        out.append((f"{number} · {short}", turn.idx))
    return out


def mood_html(state: Any | None, lang: str) -> str:
    """The buyer's mood and trust as a coloured bar; an empty panel without a session."""
    if state is None:
        return f'<div class="kam-mood kam-mood--none">{esc(t("trainee.no_session", lang))}</div>'
    trust = max(0.0, min(1.0, float(state.trust)))
    mood = state.mood
    percent = round(trust * 100)
    return (
        f'<div class="kam-mood kam-mood--{esc(mood)}" data-mood="{esc(mood)}">'
        + _mood_row(t("mood.label", lang), t(f"mood.{mood}", lang))
        + _mood_row(t("mood.trust", lang), f"{percent} %")
        + f'<div class="kam-bar" role="meter" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{percent}">{_fill(percent)}</div></div>'
    )


def _mood_row(label: str, value: str) -> str:
    return (
        f'<div class="kam-mood__row"><span class="kam-mood__label">{esc(label)}</span>'
        f'<span class="kam-mood__value">{esc(value)}</span></div>'
    )


def _fill(percent: int) -> str:
    return f'<div class="kam-bar__fill" style="width:{percent}%"></div>'


def _amount(value: float | None, unit: str | None, lang: str) -> str:
    return fmt_number(value, lang) + (f" {unit}" if unit else "")


def status_html(session_id: str | None, state: Any | None, max_turns: int | None, lang: str) -> str:
    """One line above the chat: session id, turn counter, and the end of the session."""
    if not session_id or state is None:
        return f'<div class="kam-status">{esc(t("trainee.no_session", lang))}</div>'
    parts = [
        f'{esc(t("trainee.session", lang))} <code class="kam-session-id">{esc(session_id)}</code>',
        esc(t("trainee.turn_of", lang, n=state.turn, max=max_turns or "?")),
    ]
    line = " · ".join(parts)
    if state.outcome:
        kind = "good" if state.outcome == "deal" else "bad"
        banner = f"{t('outcome.ended', lang)}: {t(f'outcome.{state.outcome}', lang)}"
        return (
            f'<div class="kam-status">{line}</div>'
            f'<div class="kam-end kam-end--{kind}" data-outcome="{esc(state.outcome)}">'
            f"{esc(banner)}</div>"
        )
    return f'<div class="kam-status">{line} · {esc(t("trainee.open", lang))}</div>'


def hints_markdown(hints: Sequence[Feedback] | None, lang: str, started: bool = True) -> str:
    """Live hints on the last trainee turn."""
    if not started or hints is None:
        return t("trainee.hints_none", lang)
    if not hints:
        return t("trainee.hints_clean", lang)
    lines = []
    for hint in hints:
        mark = "✓" if hint.kind == "good" else "⚠"
        lines.append(f"{mark} **{hint.issue}**  \n{hint.why}")
        if hint.kind != "good" and hint.better:
            lines.append(f"> *{t('trainee.hint_better', lang)}:* {hint.better}")
        lines.append("")
    return "\n".join(lines).strip()


# --- scorecard -------------------------------------------------------------------------------


def dimensions_html(card: Scorecard | None, lang: str) -> str:
    """Overall score and one bar per dimension."""
    if card is None:
        return f'<div class="kam-score kam-score--none">{esc(t("trainee.score_empty", lang))}</div>'
    rows = []
    names = list(DIMENSIONS) + [d for d in card.dimensions if d not in DIMENSIONS]
    for name in names:
        if name not in card.dimensions:
            continue
        value = int(card.dimensions[name])
        rows.append(
            f'<div class="kam-dim" data-dimension="{esc(name)}">'
            f'<span class="kam-dim__name">{esc(t(f"dimension.{name}", lang))}</span>'
            f'<div class="kam-bar">{_fill(value)}</div>'
            f'<span class="kam-dim__value">{value}</span></div>'
        )
    return (
        '<div class="kam-score">'
        f'<div class="kam-overall"><span>{esc(t("trainee.overall", lang))}</span>'
        f'<strong data-overall="{int(card.overall)}">{int(card.overall)}</strong>'
        '<span class="kam-overall__max">/ 100</span></div>' + "".join(rows) + "</div>"
    )


def feedback_headers(lang: str) -> list[str]:
    return [t(f"feedback.{column}", lang) for column in FEEDBACK_COLUMNS]


def feedback_rows(card: Scorecard | None, numbers: Mapping[int, int], lang: str) -> list[list[str]]:
    """Per-turn feedback as table rows; the turn shows as the trainee counts it."""
    if card is None:
        return []
    rows = []
    for item in sorted(card.feedback, key=lambda f: (f.turn, f.kind != "mistake")):
        rows.append(
            [
                str(numbers.get(item.turn, item.turn)),
                t(f"feedback.{item.kind}", lang),
                item.issue,
                item.why,
                item.better,
                item.source,
            ]
        )
    return rows


def feedback_table(card: Scorecard | None, numbers: Mapping[int, int], lang: str) -> dict[str, Any]:
    """The value of the feedback Dataframe (headers follow the UI language)."""
    return {"headers": feedback_headers(lang), "data": feedback_rows(card, numbers, lang)}
