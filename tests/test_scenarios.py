"""Scenario YAML: shipped scenarios are valid and coherent; every kind of error reads well.

One broken fixture per kind of error lives in tests/fixtures/scenarios/; the table below pairs
each with the exact text a trainer sees (file:line, field path, message, context, how to fix).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain import Scenario, Typology
from coach.errors import CoachError, ScenarioError, UnknownScenarioError
from coach.scenarios import (
    SCHEMA_HEADER,
    Problem,
    export_schema,
    get_scenario,
    load_scenario,
    load_scenarios,
    load_typologies,
    schema_text,
    validate_paths,
    validate_text,
)

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "scenarios"
TYPOLOGIES = load_typologies(ROOT / "knowledge" / "typologies")
SHIPPED = sorted(SCENARIOS.glob("*.yaml"))


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    return load_scenarios(SCENARIOS, TYPOLOGIES)


# --- shipped scenarios -------------------------------------------------------------------------


def test_shipped_scenarios_have_no_errors_and_no_warnings() -> None:
    problems = validate_paths([SCENARIOS], TYPOLOGIES)
    assert problems == [], "\n\n".join(p.format() for p in problems)


def test_schema_json_is_up_to_date(tmp_path: Path) -> None:
    fresh = export_schema(tmp_path / "schema.json").read_text(encoding="utf-8")
    committed = (SCENARIOS / "schema.json").read_text(encoding="utf-8")
    assert committed == fresh == schema_text(), (
        "scenarios/schema.json is stale: run "
        "python -c 'from pathlib import Path; from coach.scenarios import export_schema; "
        'export_schema(Path("scenarios/schema.json"))\''
    )
    assert json.loads(committed)["additionalProperties"] is False


def test_shipped_scenarios_also_pass_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCENARIOS / "schema.json").read_text(encoding="utf-8"))
    for path in SHIPPED:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_scenario_starts_with_the_schema_header_and_is_named_by_its_id(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_HEADER
    assert load_scenario(path, TYPOLOGIES).id == path.stem


def test_catalogue_of_scenarios_covers_every_type_and_both_languages(
    scenarios: dict[str, Scenario],
) -> None:
    assert len(scenarios) >= 7
    german_types = {s.buyer.type for s in scenarios.values() if s.lang == "de"}
    assert german_types >= {"D", "I", "S", "G"}
    assert sum(s.lang == "en" for s in scenarios.values()) >= 2


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_scenario_shape_matches_the_authoring_guide(path: Path) -> None:
    s = load_scenario(path, TYPOLOGIES)
    assert 12 <= s.max_turns <= 20
    assert 2 <= len(s.levers) <= 4
    assert 3 <= len(s.buyer.hidden.interests) <= 5
    assert any(i.strategic for i in s.buyer.hidden.interests)
    assert set(s.buyer.hidden.limits) == set(s.levers)
    assert all(limit.label for limit in s.buyer.hidden.limits.values())
    for interest in s.buyer.hidden.interests:
        assert interest.revealed_by
        # The buyer matches word beginnings of the lowercased message.
        assert all(w == w.lower() and " " not in w for w in interest.revealed_by)
        assert not interest.text.endswith("."), "the voice puts the full stop"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_targets_are_reachable_only_in_part(path: Path) -> None:
    """Each target lies beyond the buyer's limit; each walk-away point still leaves a deal."""
    s = load_scenario(path, TYPOLOGIES)
    limits = s.buyer.hidden.limits
    for objective in s.brief.objectives:
        limit = limits[objective.lever]
        assert objective.target is not None and objective.unit == limit.unit
        if limit.direction == "max":
            assert objective.target > limit.limit, objective.text
        else:
            assert objective.target < limit.limit, objective.text
    for point in s.brief.walk_away:
        limit = limits[point.lever]
        assert point.value is not None and point.unit == limit.unit
        if limit.direction == "max":
            assert point.value <= limit.limit, point.text
        else:
            assert point.value >= limit.limit, point.text


def test_unknown_scenario_id_lists_the_known_ids(scenarios: dict[str, Scenario]) -> None:
    with pytest.raises(UnknownScenarioError) as caught:
        get_scenario(SCENARIOS, "jahresgespraech", TYPOLOGIES)
    message = str(caught.value)
    assert message.startswith("unknown scenario id 'jahresgespraech'. Known scenarios: ")
    assert all(scenario_id in message for scenario_id in scenarios)
    assert caught.value.known == sorted(scenarios)
    assert isinstance(caught.value, CoachError)


def test_get_scenario_returns_the_scenario(scenarios: dict[str, Scenario]) -> None:
    some_id = sorted(scenarios)[0]
    assert get_scenario(SCENARIOS, some_id, TYPOLOGIES) == scenarios[some_id]


def test_default_typologies_come_from_the_knowledge_directory() -> None:
    assert validate_paths([SCENARIOS]) == []


# --- one broken fixture per kind of error ------------------------------------------------------

EXPECTED = {
    "syntax_error": """\
FILE:4: YAML syntax error: mapping values are not allowed here
   3 | id: fixture-syntax-error
>  4 | title: Jahresgespräch: Kaffee
   5 | lang: de
How to fix: quote a value that contains ': ' (e.g. title: "Preis: Jahresgespräch"), or indent \
this line under its parent.""",
    "missing_field": """\
FILE:21: buyer.hidden.batna: missing required field 'batna'
   20 |   mood: cool
>  21 |   hidden:
   22 |     interests:
How to fix: add 'batna:' to buyer.hidden.""",
    "wrong_enum": """\
FILE:31: buyer.hidden.limits.price.direction: Input should be 'max' or 'min'
   30 |         unit: "%"
>  31 |         direction: up
   32 |         opening: 0
How to fix: use 'max' (the buyer accepts up to the limit) or 'min' (the buyer needs at least \
the limit).""",
    "wrong_type": """\
FILE:12: account.stores: Input should be a valid integer, unable to parse string as an integer
   11 |   format: Vollsortimenter
>  12 |   stores: viele
   13 |   category: Röstkaffee
How to fix: write a whole number without quotes or unit, e.g. 'stores: 12'.""",
    "decimal_comma": """\
FILE:33: buyer.hidden.limits.price.limit: Input should be a valid number, unable to parse \
string as a number
   32 |         opening: 0
>  33 |         limit: 2,8
   34 |         label: Preiserhöhung
How to fix: use a dot as the decimal separator and no unit: 'limit: 2.8'.""",
    "unknown_field": """\
FILE:41: buyer.hidden.limits.promotion.lable: unknown field 'lable'
   40 |         limit: 3.5
>  41 |         lable: WKZ
   42 |     batna: Zweitlieferant mit +1,9 %
How to fix: did you mean 'label'? Allowed fields here: metric, unit, direction, opening, limit, \
label.""",
    "unknown_lever": """\
FILE:28: buyer.hidden.limits.preis: Input should be 'product', 'price', 'promotion', \
'placement', 'person' or 'performance'
   27 |     limits:
>  28 |       preis:
   29 |         metric: price_increase
How to fix: did you mean 'price'? Use a 6-P code name: product, price, promotion, placement, \
person, performance.""",
    "limit_wrong_side": """\
FILE:32: buyer.hidden.limits.price.opening: opening 3.5 is above the limit 2.8; with direction \
'max' the buyer opens at or below its limit
   31 |         direction: max
>  32 |         opening: 3.5
   33 |         limit: 2.8
How to fix: with 'max' the buyer opens low and concedes up to the limit: set opening to at most \
2.8, or use direction 'min' if the buyer demands at least the limit.""",
    "duplicate_key": """\
FILE:21: buyer.mood: duplicate key (first written on line 20)
   20 |   mood: cool
>  21 |   mood: warm
   22 |   hidden:
How to fix: remove one of them: YAML silently keeps only the last value.""",
    "unknown_typology": """\
FILE:18: buyer.typology: unknown typology catalogue 'disc'
   17 |   role: Bereichseinkaufsleiter
>  18 |   typology: disc
   19 |   type: D
How to fix: did you mean 'disg'? Catalogues (files in knowledge/typologies/): disg.""",
    "unknown_type": """\
FILE:19: buyer.type: unknown type 'C' in catalogue 'disg'
   18 |   typology: disg
>  19 |   type: C
   20 |   mood: cool
How to fix: DISG writes the conscientious type as 'G' (gewissenhaft): use 'G'. Types in 'disg': \
D, I, S, G.""",
    "lever_not_in_play": """\
FILE:35: buyer.hidden.limits.promotion: limit on lever 'promotion', which is not in levers
   34 |         label: Preiserhöhung
>  35 |       promotion:
   36 |         metric: wkz
How to fix: add 'promotion' to levers (now: price) or remove the limit.""",
    "objective_not_in_play": """\
FILE:50: brief.objectives[1].lever: objective on lever 'placement', which is not in levers
   49 |       unit: "%"
>  50 |     - lever: placement
   51 |       text: Zweitplatzierungen
How to fix: add 'placement' to levers (now: price, promotion) or remove the objective.""",
    "not_mapping": """\
FILE:2: the top level must be a mapping of fields, found a list
   1 | # Broken on purpose: a list at the top level.
>  2 | - id: fixture-list
   3 | - title: Liste
How to fix: write 'field: value' lines at the top level, without a leading '- '.""",
    "not_utf8": """\
FILE:4: the file is not UTF-8 (byte 0xe4 cannot be decoded)
   3 | id: fixture-not-utf8
>  4 | title: Jahresgespr\ufffdch Kaffee
   5 | lang: de
How to fix: save the file as UTF-8 (umlauts written as Latin-1/Windows-1252 are not accepted).""",
    "empty": """\
FILE: the file is empty
How to fix: write the scenario fields at the top level; compare with scenarios/schema.json \
(editors complete and check fields when the file starts with the schema header).""",
    "comments_only": """\
FILE: the file is empty (it holds only comments)
How to fix: write the scenario fields at the top level; compare with scenarios/schema.json \
(editors complete and check fields when the file starts with the schema header).""",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_gives_its_exact_message(name: str) -> None:
    path = FIXTURES / f"{name}.yaml"
    problems = validate_paths([path], TYPOLOGIES)
    assert [p.format() for p in problems] == [EXPECTED[name].replace("FILE", str(path))]
    assert problems[0].severity == "error"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, TYPOLOGIES)
    assert str(caught.value).endswith(EXPECTED[name].replace("FILE", str(path)))
    assert str(caught.value).startswith(f"invalid scenario {path}: 1 error\n\n")


def test_problem_fields_name_file_line_field_message_and_hint() -> None:
    path = FIXTURES / "wrong_enum.yaml"
    (problem,) = validate_paths([path], TYPOLOGIES)
    assert problem == Problem(
        file=str(path),
        line=31,
        field="buyer.hidden.limits.price.direction",
        message="Input should be 'max' or 'min'",
        hint="use 'max' (the buyer accepts up to the limit) or 'min' (the buyer needs at least "
        "the limit).",
        severity="error",
        kind="literal_error",
    )
    assert problem.context == (
        (30, '        unit: "%"'),
        (31, "        direction: up"),
        (32, "        opening: 0"),
    )


def test_duplicate_scenario_id_is_a_cross_file_error() -> None:
    first, second = FIXTURES / "valid.yaml", FIXTURES / "duplicate_id.yaml"
    (problem,) = validate_paths([first, second], TYPOLOGIES)
    assert problem.format() == (
        f"{second}:3: id: duplicate scenario id 'fixture-valid' (also in {first})\n"
        "   2 | # Broken on purpose: the same id as valid.yaml.\n"
        ">  3 | id: fixture-valid\n"
        "   4 | title: Jahresgespräch Kaffee\n"
        "How to fix: give each scenario its own id; ids are how the app and `kam-coach` find them."
    )
    assert validate_paths([second], TYPOLOGIES) == [], "alone, the file is valid"


def test_duplicate_ids_stop_loading_a_directory(tmp_path: Path) -> None:
    for name in ("valid.yaml", "duplicate_id.yaml"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    with pytest.raises(ScenarioError, match="duplicate scenario id 'fixture-valid'"):
        load_scenarios(tmp_path, TYPOLOGIES)


def test_cross_file_checks_run_only_on_schema_valid_files() -> None:
    # A file with a schema error is not also blamed for its typology: one fix at a time.
    text = (FIXTURES / "unknown_typology.yaml").read_text(encoding="utf-8")
    broken = text.replace("  stores: 420", "  stores: viele")
    assert [p.kind for p in validate_text(broken, "x.yaml", TYPOLOGIES)] == ["int_parsing"]


def test_cross_file_checks_need_the_catalogues() -> None:
    path = FIXTURES / "valid.yaml"
    (problem,) = validate_paths([path], typologies={})
    assert problem.kind == "unknown_typology"
    assert problem.hint == "Catalogues (files in knowledge/typologies/): (none)."


def test_warnings_are_separate_from_errors_and_do_not_block_loading() -> None:
    path = FIXTURES / "interest_not_in_play.yaml"
    (problem,) = validate_paths([path], TYPOLOGIES)
    assert problem.severity == "warning" and not problem.is_error
    assert problem.format() == (
        f"{path}:24: warning: buyer.hidden.interests[0].lever: interest 'marge' is on lever "
        "'placement', which is not in levers\n"
        "   23 |       - id: marge\n"
        ">  24 |         lever: placement\n"
        "   25 |         text: unsere Marge in der Kategorie unter Druck ist\n"
        "How to fix: add 'placement' to levers (now: price, promotion) so the talk can settle "
        "it, or move the interest to a lever in play."
    )
    assert load_scenario(path, TYPOLOGIES).id == "fixture-interest-not-in-play"


def test_missing_schema_header_is_a_warning() -> None:
    path = FIXTURES / "no_header.yaml"
    (problem,) = validate_paths([path], TYPOLOGIES)
    assert (problem.severity, problem.line, problem.kind) == ("warning", 1, "no_header")
    assert problem.format().splitlines()[0] == (
        f"{path}:1: warning: no schema header on the first line"
    )
    assert SCHEMA_HEADER in problem.hint


def test_more_warnings_for_interests_the_buyer_can_never_reveal() -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    no_words = text.replace("        revealed_by: [marge, ertrag]\n", "")
    phrase = text.replace("[marge, ertrag]", "[marge, eigene marke]")
    no_limit = text.replace("levers: [price, promotion]", "levers: [price, promotion, product]")
    assert [p.kind for p in validate_text(no_words, "x.yaml", TYPOLOGIES)] == ["unrevealable"]
    (problem,) = validate_text(phrase, "x.yaml", TYPOLOGIES)
    assert (problem.kind, problem.field, problem.line) == (
        "revealed_by_phrase",
        "buyer.hidden.interests[0].revealed_by[1]",
        26,
    )
    assert [p.kind for p in validate_text(no_limit, "x.yaml", TYPOLOGIES)] == ["no_limit"]


def test_every_error_in_a_file_is_reported_with_its_own_line() -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("lang: de", "lang: fr").replace("stores: 420", "stores: -3")
    text = text.replace("        direction: min\n", "        direction: mini\n")
    problems = validate_text(text, "x.yaml", TYPOLOGIES)
    assert [(p.line, p.field) for p in problems] == [
        (5, "lang"),
        (12, "account.stores"),
        (38, "buyer.hidden.limits.promotion.direction"),
    ]
    assert problems[0].hint == "use 'de' (German) or 'en' (English)."
    assert problems[2].hint.startswith("did you mean 'min'? Use 'max' (the buyer accepts")


def test_unreadable_paths_get_clear_messages(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    (problem,) = validate_paths([missing], TYPOLOGIES)
    assert problem.format() == (
        f"{missing}: file not found\nHow to fix: check the path; a scenario is a .yaml file."
    )
    with pytest.raises(ScenarioError, match="scenario directory not found"):
        load_scenarios(tmp_path / "nowhere", TYPOLOGIES)
    assert load_scenarios(tmp_path, TYPOLOGIES) == {}


def test_directories_are_expanded_to_their_yaml_files() -> None:
    problems = validate_paths([FIXTURES], TYPOLOGIES)
    files = {Path(p.file).stem for p in problems}
    # duplicate_id.yaml sorts first, so valid.yaml is the one that repeats the id.
    assert [p.kind for p in problems if Path(p.file).stem == "valid"] == ["duplicate_id"]
    assert {"syntax_error", "no_header", "not_utf8", "empty", "unknown_type"} <= files
    with pytest.raises(ScenarioError) as caught:
        load_scenarios(FIXTURES, TYPOLOGIES)
    errors = [p for p in problems if p.is_error]
    assert str(caught.value).startswith(f"invalid scenarios in {FIXTURES}: {len(errors)} errors")


def test_control_character_is_located_not_raised() -> None:
    # Found by the fuzz test below: PyYAML's ReaderError is not a MarkedYAMLError.
    (problem,) = validate_text("id: x\ntitle: Kaffee\x1f\n", "x.yaml", TYPOLOGIES)
    assert problem.format() == (
        "x.yaml:2: the file contains a control character (#x001f)\n"
        "   1 | id: x\n"
        ">  2 | title: Kaffee\n"  # format() strips trailing whitespace, \x1f included
        "How to fix: delete the invisible character on this line (retype the line if unsure)."
    )


def test_scenario_error_is_a_user_facing_coach_error() -> None:
    assert issubclass(ScenarioError, CoachError)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_validation_never_crashes_and_points_inside_the_file(text: str) -> None:
    problems = validate_text(text, "fuzz.yaml", TYPOLOGIES)
    total = len(text.splitlines())
    for problem in problems:
        assert problem.line is None or 1 <= problem.line <= total + 1
        assert problem.format().startswith("fuzz.yaml")
        assert problem.hint


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(SHIPPED),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["", " ", ":", "- ", "\t", "{", "'", "#"]),
)
def test_a_corrupted_shipped_scenario_always_gets_a_located_problem(
    path: Path, position: int, junk: str
) -> None:
    text = path.read_text(encoding="utf-8")
    position %= len(text)
    corrupted = text[:position] + junk + text[position + 1 :]
    problems = validate_text(corrupted, "c.yaml", TYPOLOGIES)
    for problem in problems:
        assert problem.format()
    if any(p.is_error for p in problems):
        assert all(isinstance(p.line, int) or p.kind in {"empty", "io"} for p in problems)


def test_typology_loading_has_the_same_readable_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: x\nname: [oops\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_typologies(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"invalid typology catalogues in {tmp_path}: 1 error\n\n")
    assert f"{tmp_path / 'broken.yaml'}:3: YAML syntax error:" in message


def test_typologies_are_keyed_by_catalogue_id() -> None:
    assert set(TYPOLOGIES) == {"disg"}
    assert isinstance(TYPOLOGIES["disg"], Typology)
