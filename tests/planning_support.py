"""Helpers of the planner's clause-reading tests: the facts of a one- or two-line talk."""

from __future__ import annotations

from coach.domain import AccountPlan, Fact, Transcript
from coach.planning import draft_plan, extract_facts


def two_turns(lang: str, first: str, second: str, speaker: str = "buyer") -> list[Fact]:
    """The facts of a two-line talk: `first` by the other side, then `second` by `speaker`."""
    other = "kam" if speaker == "buyer" else "buyer"
    t = Transcript.model_validate(
        {
            "lang": lang,
            "turns": [{"speaker": other, "text": first}, {"speaker": speaker, "text": second}],
        }
    )
    return extract_facts(t)


def facts_of(lang: str, speaker: str, line: str) -> list[tuple[str, str]]:
    hello = "Hallo." if lang == "de" else "Hello."
    return [(f.kind, f.text) for f in two_turns(lang, hello, line, speaker)]


def kinds(lang: str, kam_line: str) -> set[str]:
    return {k for k, _ in facts_of(lang, "kam", kam_line)}


def plan_of(lang: str, turns: list[tuple[str, str]]) -> AccountPlan:
    """The drafted plan of a talk given as (speaker, text) pairs, in order."""
    t = Transcript.model_validate(
        {"lang": lang, "turns": [{"speaker": s, "text": x} for s, x in turns]}
    )
    return draft_plan(t)


def plan_facts(lang: str, turns: list[tuple[str, str]]) -> list[Fact]:
    """The facts of the drafted plan of a talk given as (speaker, text) pairs, in order."""
    return plan_of(lang, turns).facts


def facts_at(lang: str, turns: list[tuple[str, str]], turn: int) -> list[tuple[str, str, str]]:
    """(kind, lever, text) of the plan's facts that cite `turn`."""
    return [(f.kind, f.lever, f.text) for f in plan_facts(lang, turns) if turn in f.turns]


def reply_facts(lang: str, line: str, speaker: str = "buyer") -> list[tuple[str, str, str]]:
    """(kind, lever, text) of `line`, said by `speaker` after the other side's greeting."""
    other = "kam" if speaker == "buyer" else "buyer"
    hello = "Hallo." if lang == "de" else "Hello."
    return facts_at(lang, [(other, hello), (speaker, line)], 1)


def figure_values(lang: str, kam_line: str) -> list[tuple[float | None, str | None]]:
    """(value, unit) of each figure the planner reads in one line of the KAM."""
    hello = "Hallo." if lang == "de" else "Hello."
    return [
        (f.value, f.unit) for f in two_turns(lang, hello, kam_line, "kam") if f.kind == "figure"
    ]
