"""The trainer's rubric: `<KAM_DATA_DIR>/rubric.yaml`, when present and valid, is laid over the
packaged rubric (coach/scoring/data/rubric.yaml) for every new scorecard.

The override may be partial: a trainer writes only what changes. It is deep-merged onto the
packaged rubric (`merge_onto`: mappings key by key, lists and scalars replace, `null` removes a
key, e.g. a move from `technique.good`) and the merged result is validated. A complete file works
as before. Problems name the line of the override that causes them: a bad key or value its own
line; a check across fields (a cap missing for a move the override adds) the nearest line of the
override above the field.

An invalid override never stops scoring: the packaged rubric stays in force and the problems are
reported Rasa-style (`file:line`, the bad line, how to fix it), like scenario files.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

# The layered checks of scenario files (syntax, shape, duplicate keys, schema) apply unchanged.
from coach.authored_yaml import FileKind, parse_file, read_file
from coach.errors import CoachError
from coach.scenario_errors import Problem, format_loc
from coach.scoring.rubric import PACKAGED_PATH, Rubric, packaged_rubric

RUBRIC_FILE = "rubric.yaml"


def merge_onto(base: Any, override: Any) -> Any:
    """`override` laid over `base`: mappings merge key by key (a `None` value removes the key),
    anything else (lists, scalars, a mapping over a scalar) replaces. Neither input is changed."""
    if not isinstance(override, dict):
        return override
    merged = dict(base) if isinstance(base, dict) else {}
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_onto(merged.get(key), value)
    return merged


@lru_cache(maxsize=1)
def _packaged_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PACKAGED_PATH.read_text(encoding="utf-8"))
    return data


def effective_data(override: dict[str, Any]) -> Any:
    """The rubric data an override (parsed YAML, possibly partial) stands for."""
    return merge_onto(_packaged_data(), override)


_RUBRIC = FileKind(
    Rubric,
    "rubric",
    "compare with the packaged rubric, coach/scoring/data/rubric.yaml (the editor's "
    "'reset to default' restores it); a partial file changes only the fields it names, and "
    "null removes an entry (e.g. a move from good or bad).",
    prepare=effective_data,
)


def _nulls(data: Any, loc: tuple[str | int, ...] = ()) -> set[str]:
    """Field paths the override sets to null (`format_loc` form)."""
    if not isinstance(data, dict):
        return set()
    found: set[str] = set()
    for key, value in data.items():
        here = (*loc, str(key))
        found |= {format_loc(here)} if value is None else _nulls(value, here)
    return found


def _explain_nulls(text: str, problems: list[Problem]) -> list[Problem]:
    """A required field removed with `null` says so, rather than only "missing"."""
    if not any(p.kind == "missing" for p in problems):
        return problems
    try:
        removed = _nulls(yaml.safe_load(text))
    except yaml.YAMLError:
        return problems
    return [
        dataclasses.replace(
            p,
            message="null removes the packaged value, but this field is required",
            hint="write a value, or leave the field out to keep the packaged one "
            "(null only removes entries of good, good_caps, bad and listening.points).",
        )
        if p.kind == "missing" and p.field in removed
        else p
        for p in problems
    ]


class RubricError(CoachError):
    """A rubric the trainer wants to save is invalid."""


def override_path(data_dir: Path) -> Path:
    """Where the trainer's rubric lives (the packaged file is never written)."""
    return Path(data_dir) / RUBRIC_FILE


def packaged_text() -> str:
    """The packaged rubric file, comments included (the editor's starting point)."""
    return PACKAGED_PATH.read_text(encoding="utf-8")


def validate_rubric_text(text: str, file: str = RUBRIC_FILE) -> tuple[Rubric | None, list[Problem]]:
    """The rubric that `text` (a whole or partial override) makes of the packaged one (None while
    it has errors), and every problem found."""
    parsed = parse_file(text or "", file, _RUBRIC)
    return (parsed.value if parsed.ok else None), _explain_nulls(text or "", parsed.problems)


def effective_text(rubric: Rubric) -> str:
    """`rubric` as complete YAML (what a partial override amounts to)."""
    return yaml.safe_dump(
        rubric.model_dump(mode="json"), sort_keys=False, allow_unicode=True, width=100
    )


@dataclass(frozen=True)
class RubricChoice:
    """The rubric in force, where it came from, and why an override was rejected."""

    rubric: Rubric
    path: Path | None = None  # the override in force; None: the packaged rubric
    problems: tuple[Problem, ...] = ()  # of an override that was found

    @property
    def rejected(self) -> bool:
        return any(p.is_error for p in self.problems)

    def notice(self) -> str:
        """A message for the CLI and the log; empty unless an override was rejected."""
        if not self.rejected:
            return ""
        errors = [p for p in self.problems if p.is_error]
        file = errors[0].file
        body = "\n\n".join(p.format() for p in errors)
        return (
            f"the rubric override {file} is invalid ({len(errors)} error"
            f"{'s' if len(errors) > 1 else ''}); scores use the packaged rubric until it is "
            f"fixed or deleted.\n\n{body}"
        )


def _check_override(path: Path) -> tuple[Rubric | None, list[Problem]]:
    text, problems = read_file(path, "rubric")
    if text is None:
        return None, problems
    return validate_rubric_text(text, str(path))


def override_problems(data_dir: Path) -> tuple[Path | None, list[Problem]]:
    """The override file of the data dir (None when there is none) and its problems."""
    path = override_path(data_dir)
    if not path.exists():
        return None, []
    return path, _check_override(path)[1]


def load_rubric(data_dir: Path) -> RubricChoice:
    """The packaged rubric with the data dir's override laid over it when that is valid, else the
    packaged rubric alone (with the override's problems)."""
    path = override_path(data_dir)
    if not path.exists():
        return RubricChoice(packaged_rubric())
    rubric, problems = _check_override(path)
    if rubric is None:
        return RubricChoice(packaged_rubric(), problems=tuple(problems))
    return RubricChoice(rubric, path, tuple(problems))


def save_override(data_dir: Path, text: str) -> Path:
    """Write `text` as the override when it is valid; RubricError lists the problems if not."""
    rubric, problems = validate_rubric_text(text)
    if rubric is None:
        errors = [p for p in problems if p.is_error]
        body = "\n\n".join(p.format() for p in errors)
        raise RubricError(f"the rubric is not saved: {len(errors)} error(s)\n\n{body}")
    path = override_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".yaml.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)  # a reader never sees half a file
    return path


def remove_override(data_dir: Path) -> Path | None:
    """Go back to the packaged rubric. The override is kept as `rubric.yaml.bak` (returned, so a
    trainer can restore it); None when there was no override."""
    path = override_path(data_dir)
    if not path.is_file():
        return None
    backup = path.with_name(path.name + ".bak")
    os.replace(path, backup)
    return backup
