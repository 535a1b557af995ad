"""One trainer-authored YAML file read and checked: encoding, syntax, shape, duplicates, schema."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from coach.scenario_errors import (
    CHECKS,
    Problem,
    duplicate_keys,
    format_loc,
    line_of,
    make_problem,
    split_lines,
    syntax_hint,
)
from coach.schema_errors import problems_from_validation


@dataclass(frozen=True)
class FileKind:
    """What a file is meant to hold, and where its author finds an example."""

    model: type[BaseModel]
    noun: str
    reference: str
    # What the model validates, made from the file's mapping (the rubric lays it over defaults).
    prepare: Callable[[dict[str, Any]], Any] | None = None


@dataclass
class ParsedFile:
    """One file and what the checks found in it."""

    file: str
    lines: list[str]
    root: yaml.Node | None = None
    value: Any = None  # the validated model, None while it has errors
    problems: list[Problem] = field(default_factory=list)

    def add(self, kind: str, loc: Sequence[str | int], **values: Any) -> None:
        """Record a check from CHECKS at the line of `loc`."""
        severity, message, hint = CHECKS[kind]
        line = values.pop("line", None) or (line_of(self.root, loc) if loc else None)
        message, hint, where = message.format(**values), hint.format(**values), format_loc(loc)
        found = make_problem(self.file, self.lines, line, where, message, hint, severity, kind)
        self.problems.append(found)

    @property
    def ok(self) -> bool:
        return self.value is not None and not any(p.is_error for p in self.problems)


def parse_file(text: str, file: str, kind: FileKind) -> ParsedFile:
    """YAML syntax, top-level shape, duplicate keys and the pydantic schema."""
    parsed = ParsedFile(file, split_lines(text))
    # The pure-Python loader, not libyaml: its messages are the ones the tests pin down.
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        parsed.root = loader.get_single_node()
        data = loader.construct_document(parsed.root) if parsed.root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, hint = mark.line + 1 if mark else None, syntax_hint(str(exc.problem))
        message = f"YAML syntax error: {exc.problem or exc.context}"
        parsed.problems.append(
            make_problem(file, parsed.lines, line, "", message, hint, "error", "syntax")
        )
        return parsed
    except yaml.reader.ReaderError as exc:  # a control character, often pasted from a PDF
        line = len(split_lines(text[: exc.position] + "x"))
        message = f"the file contains a control character (#x{exc.character:04x})"
        hint = "delete the invisible character on this line (retype the line if unsure)."
        found = make_problem(file, parsed.lines, line, "", message, hint, kind="encoding")
        parsed.problems.append(found)
        return parsed
    finally:
        if loader is not None:
            loader.dispose()
    if parsed.root is None:
        what = "empty" if not text.strip() else "empty (it holds only comments)"
        hint = f"write the {kind.noun} fields at the top level; " + kind.reference
        parsed.problems.append(Problem(file, None, "", f"the file is {what}", hint, kind="empty"))
        return parsed
    if not isinstance(data, dict):
        shape = "a list" if isinstance(data, list) else f"a single value ({data!r})"
        parsed.add("shape", [], line=parsed.root.start_mark.line + 1, found=shape)
        return parsed
    for path, line, first in duplicate_keys(parsed.root):
        parsed.add("duplicate_key", path, line=line, first=first)
    try:
        value = kind.model.model_validate(kind.prepare(data) if kind.prepare else data)
    except ValidationError as exc:
        parsed.problems += problems_from_validation(
            exc, kind.model, parsed.root, file, parsed.lines, kind.reference
        )
    else:
        parsed.value = value if not parsed.problems else None
    return parsed


def read_file(path: Path, noun: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be read."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        hint = f"check the path; a {noun} is a .yaml file."
        return None, [Problem(file, None, "", "file not found", hint, kind="io")]
    except OSError as exc:  # a directory, no permission, ...
        message = f"cannot read the file: {exc.strerror or exc}"
        return None, [Problem(file, None, "", message, "check the path.", kind="io")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        lines = split_lines(raw.decode("utf-8", errors="replace"))
        message = f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded)"
        hint = "save the file as UTF-8 (umlauts written as Latin-1/Windows-1252 are not accepted)."
        return None, [make_problem(file, lines, line, "", message, hint, kind="encoding")]
