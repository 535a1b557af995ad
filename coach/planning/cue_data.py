"""Reading the planner's language data: YAML files under data/ and the cue-list regex."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coach.domain import Lang
from coach.errors import CoachError

DATA_DIR = Path(__file__).resolve().parent / "data"
WORD_CHARS = r"\w\-"


def load_yaml(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CoachError(f"cannot read planner language data {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise CoachError(f"{path} must hold a mapping")
    return data


def cue_pattern(cues: list[str], case_sensitive: bool = False) -> re.Pattern[str]:
    """One regex for a cue list; '*' at either end of a cue lets the word continue that way,
    and a cue starting with 're:' is a regular expression."""
    parts = []
    for cue in sorted({str(c) for c in cues}, key=len, reverse=True):
        if cue.startswith("re:"):  # a separable verb needs a pattern: 'listen wir ... aus'
            parts.append(f"(?:{cue[3:]})")
            continue
        core = cue.strip("*")
        if not core:
            continue
        # Swiss German writes no ß: 'gross', 'schliessen', 'Strasse'
        body = re.escape(core).replace(r"\ ", r"\s+").replace("ß", "(?:ß|ss)")
        left = rf"[{WORD_CHARS}]*" if cue.startswith("*") else ""
        right = rf"[{WORD_CHARS}]*" if cue.endswith("*") else ""
        parts.append(left + body + right)
    if not parts:
        return re.compile(r"(?!x)x")
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![{WORD_CHARS}])(?:{'|'.join(parts)})(?![{WORD_CHARS}])", flags)


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(str(w)) for w in words) or "(?!x)x"


@lru_cache(maxsize=4)
def templates(lang: Lang) -> dict[str, Any]:
    """Plan wording of `lang`: labels, objective and measure templates, KASP catalogue."""
    return load_yaml(f"plan_{lang}.yaml")
