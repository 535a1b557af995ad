"""Load and validate trainer-authored YAML: scenarios and typology catalogues.

Checks run in layers, as in Rasa: reading (file, encoding), YAML syntax, the schema (pydantic,
`extra="forbid"`), then cross-file checks (typology catalogue and type, levers in play,
duplicate ids). Errors block loading; warnings only inform. Every problem names `file:line`.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from coach.domain import Move, Scenario, Typology
from coach.errors import ScenarioError, UnknownScenarioError
from coach.scenario_errors import (
    CHECKS,
    Problem,
    duplicate_keys,
    format_loc,
    line_of,
    make_problem,
    problems_from_validation,
    split_lines,
    suggest,
    syntax_hint,
)

SCHEMA_HEADER = "# yaml-language-server: $schema=./schema.json"

_COMMON = frozenset({"buyer_name", "retailer", "category"})
# The contract between typology templates and the buyer voice (which calls str.format_map).
TEMPLATE_PLACEHOLDERS: dict[Move, frozenset[str]] = {
    "small_talk": _COMMON,
    "probe": _COMMON | {"lever"},
    "object": _COMMON | {"lever", "their_offer"},
    "reveal_interest": _COMMON | {"interest"},
    "demand": _COMMON | {"lever", "offer"},
    "counter_offer": _COMMON | {"lever", "offer", "their_offer"},
    "accept": _COMMON | {"lever", "offer"},
    "reject": _COMMON | {"lever", "their_offer"},
    "walk_away": _COMMON,
    "close": _COMMON | {"deal"},
}


@dataclass(frozen=True)
class _Kind:
    """What a file is meant to hold, and where its author finds an example."""

    model: type[BaseModel]
    noun: str
    reference: str
    # What the model validates, made from the file's mapping (the rubric lays it over defaults).
    prepare: Callable[[dict[str, Any]], Any] | None = None


_SCENARIO = _Kind(
    Scenario,
    "scenario",
    "compare with scenarios/schema.json (editors complete and check fields when the file "
    "starts with the schema header).",
)
_TYPOLOGY = _Kind(Typology, "typology catalogue", "compare with knowledge/typologies/disg.yaml.")


@dataclass
class _Parsed:
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


def _parse(text: str, file: str, kind: _Kind) -> _Parsed:
    """YAML syntax, top-level shape, duplicate keys and the pydantic schema."""
    parsed = _Parsed(file, split_lines(text))
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


def _read_text(path: Path, noun: str) -> tuple[str | None, list[Problem]]:
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


# --- scenarios ---------------------------------------------------------------------------------


def _check_scenario(parsed: _Parsed, typologies: Mapping[str, Typology]) -> None:
    """Cross-file and consistency checks on a schema-valid scenario."""
    scenario: Scenario = parsed.value
    buyer, levers = scenario.buyer, scenario.levers
    catalogue = typologies.get(buyer.typology)
    if catalogue is None:
        guess = suggest(buyer.typology, list(typologies))
        known = ", ".join(sorted(typologies)) or "(none)"
        hint = f"did you mean '{guess}'? " if guess else ""
        hint += f"Catalogues (files in knowledge/typologies/): {known}."
        parsed.add("unknown_typology", ["buyer", "typology"], name=buyer.typology, hint=hint)
    elif buyer.type not in catalogue.types:
        codes = list(catalogue.types)
        guess = suggest(buyer.type, codes)
        hint = f"did you mean '{guess}'? " if guess else ""
        if buyer.type.upper() == "C" and "G" in codes:  # English literature writes DISG as DISC
            hint = "DISG writes the conscientious type as 'G' (gewissenhaft): use 'G'. "
        hint += f"Types in '{catalogue.id}': " + ", ".join(codes) + "."
        parsed.add(
            "unknown_type", ["buyer", "type"], name=buyer.type, catalogue=catalogue.id, hint=hint
        )
    in_play = ", ".join(levers)
    placed: list[tuple[list[str | int], str, str]] = [
        (["buyer", "hidden", "limits", lever], "limit", lever) for lever in buyer.hidden.limits
    ]
    placed += [
        (["brief", "objectives", i, "lever"], "objective", o.lever)
        for i, o in enumerate(scenario.brief.objectives)
    ]
    placed += [
        (["brief", "walk_away", i, "lever"], "walk-away point", w.lever)
        for i, w in enumerate(scenario.brief.walk_away)
    ]
    for where, what, lever in placed:
        if lever not in levers:
            parsed.add("lever_not_in_play", where, what=what, lever=lever, in_play=in_play)
    seen: dict[str, int] = {}
    for i, interest in enumerate(buyer.hidden.interests):
        loc: list[str | int] = ["buyer", "hidden", "interests", i]
        if interest.id in seen:
            parsed.add("duplicate_interest", [*loc, "id"], id=interest.id, other=seen[interest.id])
        seen.setdefault(interest.id, i)
        if interest.lever not in levers:
            values = {"id": interest.id, "lever": interest.lever, "in_play": in_play}
            parsed.add("interest_not_in_play", [*loc, "lever"], **values)
        if not interest.revealed_by:
            parsed.add("unrevealable", [*loc, "id"], id=interest.id)
        for j, word in enumerate(interest.revealed_by):
            if len(word.split()) > 1:
                where = [*loc, "revealed_by", j]
                parsed.add("revealed_by_phrase", where, word=word, first=word.split()[0])
    for lever in levers:
        if lever not in buyer.hidden.limits:
            parsed.add("no_limit", ["levers"], lever=lever)
    if not parsed.lines or not parsed.lines[0].startswith("# yaml-language-server: $schema="):
        parsed.add("no_header", [], line=1, header=SCHEMA_HEADER)


def _validate_scenario(text: str, file: str, typologies: Mapping[str, Typology]) -> _Parsed:
    parsed = _parse(text, file, _SCENARIO)
    if parsed.value is not None:
        _check_scenario(parsed, typologies)
    return parsed


def validate_text(
    text: str, file: str = "<scenario>", typologies: Mapping[str, Typology] | None = None
) -> list[Problem]:
    """Problems of one scenario given as text (the trainer's editor validates while typing)."""
    return _validate_scenario(text, file, _typologies_or_default(typologies)).problems


def scenario_paths(paths: Iterable[Path]) -> list[Path]:
    """Files to check: files as given, directories expanded to their *.yaml/*.yml files."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        else:
            out.append(path)
    return out


def _validate_many(
    paths: Iterable[Path], typologies: Mapping[str, Typology]
) -> tuple[dict[str, Scenario], list[Problem]]:
    scenarios: dict[str, Scenario] = {}
    first_file: dict[str, str] = {}
    problems: list[Problem] = []
    for path in scenario_paths(paths):
        text, read_problems = _read_text(path, _SCENARIO.noun)
        if text is None:
            problems += read_problems
            continue
        parsed = _validate_scenario(text, str(path), typologies)
        if parsed.ok and parsed.value.id in first_file:
            other = first_file[parsed.value.id]
            parsed.add("duplicate_id", ["id"], noun="scenario", id=parsed.value.id, other=other)
        elif parsed.ok:
            first_file[parsed.value.id] = str(path)
            scenarios[parsed.value.id] = parsed.value
        problems += parsed.problems
    return scenarios, problems


def validate_paths(
    paths: list[Path], typologies: Mapping[str, Typology] | None = None
) -> list[Problem]:
    """All errors and warnings of the given scenario files (directories are expanded).

    Without `typologies` the catalogues are read from the configured knowledge directory.
    """
    return _validate_many(paths, _typologies_or_default(typologies))[1]


def _raise_on_errors(problems: Iterable[Problem], what: str) -> None:
    errors = [p for p in problems if p.is_error]
    if errors:
        count = f"{len(errors)} error" + ("s" if len(errors) > 1 else "")
        body = "\n\n".join(p.format() for p in errors)
        raise ScenarioError(f"{what}: {count}\n\n{body}")


def load_scenario(path: Path, typologies: Mapping[str, Typology] | None = None) -> Scenario:
    """One valid scenario; raises ScenarioError listing every error with file:line."""
    scenarios, problems = _validate_many([path], _typologies_or_default(typologies))
    _raise_on_errors(problems, f"invalid scenario {path}")
    return next(iter(scenarios.values()))


def load_scenarios(
    directory: Path, typologies: Mapping[str, Typology] | None = None
) -> dict[str, Scenario]:
    """All scenarios of a directory by id; any error (a duplicate id too) raises ScenarioError."""
    if not directory.is_dir():
        raise ScenarioError(
            f"scenario directory not found: {directory}. Set KAM_SCENARIOS_DIR to the folder "
            "that holds the scenario YAML files."
        )
    scenarios, problems = _validate_many([directory], _typologies_or_default(typologies))
    _raise_on_errors(problems, f"invalid scenarios in {directory}")
    return scenarios


def get_scenario(
    directory: Path, scenario_id: str, typologies: Mapping[str, Typology] | None = None
) -> Scenario:
    """The scenario with this id; UnknownScenarioError lists the known ids."""
    scenarios = load_scenarios(directory, typologies)
    if scenario_id not in scenarios:
        raise UnknownScenarioError(scenario_id, sorted(scenarios))
    return scenarios[scenario_id]


def schema_text() -> str:
    """The JSON Schema of a scenario file, as written to scenarios/schema.json."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema.update(Scenario.model_json_schema())
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def export_schema(path: Path) -> Path:
    """Write the scenario JSON Schema (editors use it through the header of each scenario)."""
    path.write_text(schema_text(), encoding="utf-8")
    return path


# --- typology catalogues -----------------------------------------------------------------------


def template_problem(template: str, move: Move) -> str:
    """Why a reply template cannot be filled for `move`, or "" when it can."""
    allowed = TEMPLATE_PLACEHOLDERS[move]
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return f"template cannot be formatted: {exc}"
    unknown = [n for n in names if n not in allowed]
    if unknown:
        return f"placeholder '{{{unknown[0]}}}' is not available in move '{move}'"
    try:
        template.format_map({name: f"<{name}>" for name in allowed})
    except (KeyError, ValueError, IndexError, AttributeError) as exc:
        return f"template cannot be formatted: {exc!r}"
    return ""


def _check_typology(parsed: _Parsed) -> None:
    """Type codes match their keys; templates use only the placeholders of their move."""
    typology: Typology = parsed.value
    for code, buyer_type in typology.types.items():
        if buyer_type.code != code:
            parsed.add("type_code", ["types", code, "code"], code=buyer_type.code, key=code)
        for lang, moves in buyer_type.templates.items():
            for move, variants in moves.items():
                allowed = ", ".join("{" + n + "}" for n in sorted(TEMPLATE_PLACEHOLDERS[move]))
                for i, template in enumerate(variants):
                    problem = template_problem(template, move)
                    if problem:
                        loc: list[str | int] = ["types", code, "templates", lang, move, i]
                        parsed.add("placeholder", loc, problem=problem, move=move, allowed=allowed)


def _validate_typology_files(directory: Path) -> tuple[dict[str, Typology], list[Problem]]:
    if not directory.is_dir():
        hint = "set KAM_KNOWLEDGE_DIR to the folder that holds typologies/disg.yaml."
        return {}, [Problem(str(directory), None, "", "typology directory not found", hint)]
    catalogues: dict[str, Typology] = {}
    first_file: dict[str, str] = {}
    problems: list[Problem] = []
    for path in scenario_paths([directory]):
        text, read_problems = _read_text(path, _TYPOLOGY.noun)
        if text is None:
            problems += read_problems
            continue
        parsed = _parse(text, str(path), _TYPOLOGY)
        if parsed.value is not None:
            _check_typology(parsed)
        if parsed.ok and parsed.value.id in first_file:
            other = first_file[parsed.value.id]
            parsed.add("duplicate_id", ["id"], noun="catalogue", id=parsed.value.id, other=other)
        elif parsed.ok:
            first_file[parsed.value.id] = str(path)
            catalogues[parsed.value.id] = parsed.value
        problems += parsed.problems
    if not catalogues and not problems:
        hint = "add a catalogue such as disg.yaml."
        problems.append(Problem(str(directory), None, "", "no typology catalogues (*.yaml)", hint))
    return catalogues, problems


def validate_typologies(directory: Path) -> list[Problem]:
    """All problems of the typology catalogues in a directory."""
    return _validate_typology_files(directory)[1]


def load_typologies(directory: Path) -> dict[str, Typology]:
    """Catalogue id -> Typology for every *.yaml in the directory; errors raise ScenarioError."""
    catalogues, problems = _validate_typology_files(directory)
    _raise_on_errors(problems, f"invalid typology catalogues in {directory}")
    return catalogues


def _typologies_or_default(typologies: Mapping[str, Typology] | None) -> Mapping[str, Typology]:
    if typologies is not None:
        return typologies
    from coach.config import load_settings  # config reads the environment; only when needed

    return load_typologies(load_settings().knowledge_dir / "typologies")
