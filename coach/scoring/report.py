"""The scorecard as Markdown, for the CLI, the coach's export and the practice summary."""

from __future__ import annotations

from coach.domain import Lang, Scorecard

_LABELS = {
    "de": {
        "title": "Auswertung",
        "overall": "Gesamt",
        "balance": "Vertrauen/Verhandlung",
        "four_sides": "Vier Seiten",
        "listening": "Aktives Zuhören",
        "technique": "Verhandlungstechnik",
        "feedback": "Rückmeldungen je Zug",
        "turn": "Zug",
        "why": "Warum",
        "better": "Besser",
        "source": "Methodik",
        "good": "Gut",
        "none": "Keine Rückmeldungen.",
    },
    "en": {
        "title": "Scorecard",
        "overall": "Overall",
        "balance": "Trust/negotiation balance",
        "four_sides": "Four sides",
        "listening": "Active listening",
        "technique": "Negotiation technique",
        "feedback": "Feedback per turn",
        "turn": "Turn",
        "why": "Why",
        "better": "Better",
        "source": "Methodology",
        "good": "Good",
        "none": "No feedback.",
    },
}


def render_scorecard_md(card: Scorecard, lang: Lang) -> str:
    t = _LABELS[lang]
    lines = [f"# {t['title']}", "", f"**{t['overall']}: {card.overall}/100**", ""]
    for name, value in card.dimensions.items():
        lines.append(f"- {t.get(name, name)}: {value}/100")
    lines += ["", f"## {t['feedback']}", ""]
    if not card.feedback:
        lines.append(t["none"])
    for item in card.feedback:
        marker = f"✓ {t['good']}" if item.kind == "good" else "✗"
        lines.append(f"### {t['turn']} {item.turn} — {marker}: {item.issue}")
        lines.append(f"- {t['why']}: {item.why}")
        if item.better and item.kind != "good":
            lines.append(
                f"- {t['better']}: „{item.better}“"
                if lang == "de"
                else f'- {t["better"]}: "{item.better}"'
            )
        if item.source:
            lines.append(f"- {t['source']}: {item.source}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
