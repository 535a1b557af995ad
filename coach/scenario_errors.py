"""Readable problems for trainer-authored YAML (scenarios, typology catalogues).

A `Problem` carries file, line, field path, message and a hint on how to fix it, and formats
itself Rasa-style: `file:line: field: message`, the bad line with its neighbours, `How to fix:`.
Line numbers come from the YAML node tree (`yaml.compose`), so a pydantic `loc` such as
`('buyer', 'hidden', 'limits', 'price', 'direction')` points at the line the trainer wrote.
`schema_errors` turns pydantic's errors into such problems.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import yaml

from coach.domain import LEVERS

Severity = Literal["error", "warning"]
Loc = Sequence[str | int]

# German lever names a trainer may type out of habit (6-P in the methodology text).
_LEVER_SYNONYMS = {
    "produkt": "product",
    "preis": "price",
    "platzierung": "placement",
    "leistung": "performance",
    "leistungsfähigkeit": "performance",
    "aktion": "promotion",
    "wkz": "promotion",
}


@dataclass(frozen=True)
class Problem:
    """One finding in a file; `format()` renders it for a terminal or the trainer's editor."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str
    severity: Severity = "error"
    kind: str = "schema"
    context: tuple[tuple[int, str], ...] = dataclasses.field(default=(), compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        head = f"{where}: " + ("warning: " if self.severity == "warning" else "")
        head += f"{self.field}: {self.message}" if self.field else self.message
        out = [head]
        if self.context:
            width = len(str(self.context[-1][0]))
            for number, text in self.context:
                marker = ">" if number == self.line else " "
                out.append(f"{marker}  {number:>{width}} | {text}".rstrip())
        if self.hint:
            out.append(f"How to fix: {self.hint}")
        return "\n".join(out)

    def __str__(self) -> str:
        return self.format()


_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Lines as PyYAML counts them (str.splitlines also breaks on \\x0b, \\x1c and others)."""
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def context_lines(lines: Sequence[str], line: int | None) -> tuple[tuple[int, str], ...]:
    """The bad line with one neighbour on each side (1-based numbers)."""
    if not line or not lines:
        return ()
    first, last = max(1, line - 1), min(len(lines), line + 1)
    return tuple((n, lines[n - 1]) for n in range(first, last + 1))


def make_problem(
    file: str,
    lines: Sequence[str],
    line: int | None,
    path: str,
    message: str,
    hint: str,
    severity: Severity = "error",
    kind: str = "schema",
) -> Problem:
    return Problem(file, line, path, message, hint, severity, kind, context_lines(lines, line))


# Checks beyond the schema: kind -> (severity, message, hint), filled with str.format.
CHECKS: dict[str, tuple[Severity, str, str]] = {
    "duplicate_key": (
        "error",
        "duplicate key (first written on line {first})",
        "remove one of them: YAML silently keeps only the last value.",
    ),
    "shape": (
        "error",
        "the top level must be a mapping of fields, found {found}",
        "write 'field: value' lines at the top level, without a leading '- '.",
    ),
    "unknown_typology": ("error", "unknown typology catalogue '{name}'", "{hint}"),
    "unknown_type": ("error", "unknown type '{name}' in catalogue '{catalogue}'", "{hint}"),
    "lever_not_in_play": (
        "error",
        "{what} on lever '{lever}', which is not in levers",
        "add '{lever}' to levers (now: {in_play}) or remove the {what}.",
    ),
    "duplicate_interest": (
        "error",
        "duplicate interest id '{id}' (also interests[{other}])",
        "give each interest its own id.",
    ),
    "duplicate_id": (
        "error",
        "duplicate {noun} id '{id}' (also in {other})",
        "give each {noun} its own id; ids are how the app and `kam-coach` find them.",
    ),
    "type_code": ("error", "code '{code}' differs from its key '{key}'", "write code: {key}."),
    "placeholder": (
        "error",
        "{problem}",
        "in '{move}' use only {allowed}; write '{{{{' and '}}}}' for literal braces.",
    ),
    "interest_not_in_play": (
        "warning",
        "interest '{id}' is on lever '{lever}', which is not in levers",
        "add '{lever}' to levers (now: {in_play}) so the talk can settle it, "
        "or move the interest to a lever in play.",
    ),
    "unrevealable": (
        "warning",
        "interest '{id}' has no revealed_by words, so no question can reveal it",
        "add topic words (word stems in the scenario language, e.g. 'eigenmarke', 'regal').",
    ),
    "revealed_by_phrase": (
        "warning",
        "'{word}' has a space, but the buyer matches single words",
        "use word beginnings without spaces (e.g. '{first}'); the buyer checks whether a word "
        "of the trainee's message starts with one of them.",
    ),
    "no_limit": (
        "warning",
        "lever '{lever}' is in play but the buyer has no limit on it",
        "add buyer.hidden.limits.{lever} (metric, unit, direction, opening, limit).",
    ),
    "no_header": (
        "warning",
        "no schema header on the first line",
        "start the file with '{header}' so editors complete fields and flag mistakes.",
    ),
}


def format_loc(loc: Loc) -> str:
    """`('brief', 'objectives', 1, 'lever')` -> `brief.objectives[1].lever`."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + str(step)
    return out


def suggest(word: object, options: Sequence[str]) -> str | None:
    """The closest option to a mistyped word, or None."""
    text = str(word)
    lowered = {o.lower(): o for o in options}
    if text.lower() in lowered:
        return lowered[text.lower()]
    if set(options) <= set(LEVERS) and text.lower() in _LEVER_SYNONYMS:
        return _LEVER_SYNONYMS[text.lower()]
    match = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


# --- YAML positions ----------------------------------------------------------------------------


def line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """1-based line of the deepest node on `loc` (key line in mappings, item line in lists).

    A loc that leaves the tree (a missing field) stops at its parent, where the field belongs.
    """
    if root is None:
        return None
    node, line = root, root.start_mark.line + 1
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                    node, line = value, key.start_mark.line + 1
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                break
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def duplicate_keys(root: yaml.Node) -> Iterator[tuple[list[str | int], int, int]]:
    """(path, line, first line) of every key written twice in one mapping (YAML keeps the last)."""
    stack: list[tuple[yaml.Node, list[str | int]]] = [(root, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                line = key.start_mark.line + 1
                if name in seen:
                    yield [*path, name], line, seen[name]
                else:
                    seen[name] = line
                stack.append((value, [*path, name]))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, [*path, i]) for i, item in enumerate(node.value))


# Parser wording -> how to fix it; the first match wins.
_SYNTAX_HINTS = (
    ("\\t", "indent with spaces, not tabs."),
    (
        "mapping values are not allowed",
        "quote a value that contains ': ' (e.g. title: \"Preis: Jahresgespräch\"), "
        "or indent this line under its parent.",
    ),
    (
        "could not find expected ':'",
        "write 'name: value' on each line; a text over several lines needs quotes "
        "or '>' after the colon.",
    ),
    ("end of stream", "close the quote that starts on or before this line."),
    (
        "expected",
        "check the indentation: fields of one mapping start in the same column, "
        "list items ('- ') line up under each other.",
    ),
)


def syntax_hint(problem: str) -> str:
    """How to fix a YAML parser error, by the parser's own wording."""
    if "expected a single document" in problem:
        return "keep one scenario per file and remove the '---' separator."
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem or (needle == "\\t" and "\t" in problem):
            return hint
    return (
        "check the indentation (spaces only, children deeper than their parent) "
        "and quote values that contain ':' or '#'."
    )
