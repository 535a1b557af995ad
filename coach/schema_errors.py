"""Problems from pydantic schema errors, each at the line the trainer wrote, with a fix."""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Sequence
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from coach.domain import LEVERS, Limit
from coach.scenario_errors import Loc, Problem, format_loc, line_of, make_problem, suggest

# Enum fields whose bare options do not say which one the trainer means.
_ENUM_HINTS = {
    "direction": "use 'max' (the buyer accepts up to the limit) or 'min' "
    "(the buyer needs at least the limit).",
    "lang": "use 'de' (German) or 'en' (English).",
}


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
