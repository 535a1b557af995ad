"""Readable problems for trainer-authored YAML (scenarios, typology catalogues).

A `Problem` carries file, line, field path, message and a hint on how to fix it, and formats
itself Rasa-style: `file:line: field: message`, the bad line with its neighbours, `How to fix:`.
Line numbers come from the YAML node tree (`yaml.compose`), so a pydantic `loc` such as
`('buyer', 'hidden', 'limits', 'price', 'direction')` points at the line the trainer wrote.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from coach.domain import LEVERS, Limit

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

_ENUM_HINTS = {
    "direction": "use 'max' (the buyer accepts up to the limit) or 'min' "
    "(the buyer needs at least the limit).",
    "lang": "use 'de' (German) or 'en' (English).",
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


# --- pydantic errors ---------------------------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> `X` (the only unions in the authored models)."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The pydantic model that validates the value at `loc`, if it is a model."""
    annotation: Any = model
    for step in loc:
        annotation = _unwrap(annotation)
        origin = get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(str(step))
            if info is None:
                return None
            annotation = info.annotation
        elif origin in (list, tuple):
            annotation = get_args(annotation)[0]
        elif origin is dict:
            annotation = get_args(annotation)[1]
        else:
            return None
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# direction -> (opening is .. the limit, opens .., low/high, concedes .., bound, other, other means)
_SIDES = {
    "max": ("above", "at or below", "low", "up", "at most", "min", "demands at least"),
    "min": ("below", "at or above", "high", "down", "at least", "max", "accepts up to"),
}


def _limit_side(given: dict[str, Any]) -> tuple[str, str]:
    """Message and hint for a limit whose opening is on the wrong side."""
    d, opening, limit = given["direction"], _number(given["opening"]), _number(given["limit"])
    beyond, inside, start, way, bound, other, means = _SIDES[d]
    message = (
        f"opening {opening} is {beyond} the limit {limit}; with direction '{d}' the buyer opens "
        f"{inside} its limit"
    )
    hint = (
        f"with '{d}' the buyer opens {start} and concedes {way} to the limit: set opening to "
        f"{bound} {limit}, or use direction '{other}' if the buyer {means} the limit."
    )
    return message, hint


def _enum_hint(name: str, expected: str, given: object) -> str:
    options = re.findall(r"'([^']*)'", expected)
    if set(options) == set(LEVERS):
        hint = "use a 6-P code name: " + ", ".join(LEVERS) + "."
    else:
        hint = _ENUM_HINTS.get(name) or "use one of: " + ", ".join(f"'{o}'" for o in options) + "."
    guess = suggest(given, options) if isinstance(given, str) else None
    return f"did you mean '{guess}'? " + hint[0].upper() + hint[1:] if guess else hint


# pydantic error type (or its prefix before "_") -> how to fix it; {name} is the field.
_TYPE_HINTS = {
    "int": "write a whole number without quotes or unit, e.g. '{name}: 12'.",
    "float": "write a number without quotes or unit, e.g. '{name}: 2.5' (the unit goes in 'unit').",
    "string_type": "write text; quote values YAML reads as numbers, dates or yes/no: "
    "'{name}: \"...\"'.",
    "bool": "write true or false: '{name}: true'.",
    "list_type": "write a list under '{name}:', one item per line starting with '- '.",
    "dict_type": "write a mapping under '{name}:': indented 'field: value' lines.",
    "model_type": "write a mapping under '{name}:': indented 'field: value' lines.",
    "too_short": "add at least {min_length} item(s) to '{name}'.",
    "greater_than_equal": "use a value of at least {ge}.",
    "less_than_equal": "use a value of at most {le}.",
}


def _type_hint(kind: str, name: str, given: object, ctx: dict[str, Any]) -> str | None:
    if kind == "float_parsing" and isinstance(given, str):
        if re.fullmatch(r"-?\d+,\d+\s*%?", given.strip()):  # a German decimal comma
            fixed = given.strip().rstrip("%").strip().replace(",", ".")
            return f"use a dot as the decimal separator and no unit: '{name}: {fixed}'."
    if kind == "string_pattern_mismatch" and name == "id":
        return (
            "use kebab-case: lowercase letters, digits and hyphens, e.g. 'jahresgespraech-kaffee'."
        )
    hint = _TYPE_HINTS.get(kind) or _TYPE_HINTS.get(kind.split("_")[0])
    return hint.format(name=name, **ctx) if hint else None


def problems_from_validation(
    exc: ValidationError,
    model: type[BaseModel],
    root: yaml.Node | None,
    file: str,
    lines: Sequence[str],
    reference: str,
) -> list[Problem]:
    """One Problem per pydantic error, pointing at the line the trainer wrote."""
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc: list[str | int] = list(error["loc"])
        kind, message, given = error["type"], error["msg"], error.get("input")
        ctx: dict[str, Any] = dict(error.get("ctx") or {})
        if loc and loc[-1] == "[key]":  # a dict key outside a Literal (e.g. limits: {prise: ...})
            loc = loc[:-1]
        name = next((str(s) for s in reversed(loc) if isinstance(s, str)), "")
        hint: str | None
        if kind == "missing":
            message = f"missing required field '{loc[-1]}'"
            owner = model_at(model, loc[:-1])
            info = owner.model_fields.get(str(loc[-1])) if owner else None
            where = format_loc(loc[:-1]) or "the top level"
            hint = f"add '{loc[-1]}:' to {where}"
            hint += f" ({info.description})." if info and info.description else "."
        elif kind == "extra_forbidden":
            message = f"unknown field '{loc[-1]}'"
            owner = model_at(model, loc[:-1])
            allowed = list(owner.model_fields) if owner else []
            guess = suggest(loc[-1], allowed)
            hint = f"did you mean '{guess}'? " if guess else "remove it. "
            hint += "Allowed fields here: " + ", ".join(allowed) + "."
        elif kind == "literal_error":
            hint = _enum_hint(name, str(ctx.get("expected", "")), given)
        elif kind == "value_error" and model_at(model, loc) is Limit and isinstance(given, dict):
            loc, kind = [*loc, "opening"], "limit_side"
            message, hint = _limit_side(given)
        else:
            message = message.removeprefix("Value error, ")
            hint = _type_hint(kind, name, given, ctx)
        where = format_loc(loc)
        found = make_problem(file, lines, line_of(root, loc), where, message, hint or reference)
        problems.append(dataclasses.replace(found, kind=kind))
    return problems
