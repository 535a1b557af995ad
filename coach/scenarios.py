"""Load and validate trainer-authored YAML: scenarios and typology catalogues.

Checks run in layers, as in Rasa: reading (file, encoding), YAML syntax, the schema (pydantic,
`extra="forbid"`), then cross-file checks (typology catalogue and type, levers in play,
duplicate ids). Errors block loading; warnings only inform. Every problem names `file:line`.
The per-file layers live in `authored_yaml` (the rubric override uses them too).
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping
from pathlib import Path

from coach.authored_yaml import FileKind, ParsedFile, parse_file, read_file
from coach.domain import Move, Scenario, Typology
from coach.errors import ScenarioError, UnknownScenarioError
from coach.scenario_errors import Problem, suggest

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


_SCENARIO = FileKind(
    Scenario,
    "scenario",
    "compare with scenarios/schema.json (editors complete and check fields when the file "
    "starts with the schema header).",
)
_TYPOLOGY = FileKind(Typology, "typology catalogue", "compare with knowledge/typologies/disg.yaml.")


# --- scenarios ---------------------------------------------------------------------------------


def _check_scenario(parsed: ParsedFile, typologies: Mapping[str, Typology]) -> None:
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


def _validate_scenario(text: str, file: str, typologies: Mapping[str, Typology]) -> ParsedFile:
    parsed = parse_file(text, file, _SCENARIO)
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
        text, read_problems = read_file(path, _SCENARIO.noun)
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


def _check_typology(parsed: ParsedFile) -> None:
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
        text, read_problems = read_file(path, _TYPOLOGY.noun)
        if text is None:
            problems += read_problems
            continue
        parsed = parse_file(text, str(path), _TYPOLOGY)
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
