"""A partial rubric override: only the fields a trainer writes change, the packaged rubric fills
in the rest (mappings merge key by key, lists and scalars replace, null removes a key), and
problems still point at the line of the override that causes them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_rubric import PACKAGED
from test_scoring_scorecard import BAD_DE

from coach.rubric_override import (
    effective_text,
    load_rubric,
    merge_onto,
    override_path,
    override_problems,
    save_override,
    validate_rubric_text,
)
from coach.scoring import score_transcript
from coach.scoring.rubric import packaged_rubric

DEFAULT = packaged_rubric()


def test_merge_onto_merges_mappings_and_replaces_everything_else() -> None:
    base = {"a": {"x": 1, "y": [1, 2], "z": {"deep": 1, "kept": 2}}, "b": 1, "c": "keep"}
    over = {"a": {"y": [3], "z": {"deep": 9}, "new": {"n": 1, "gone": None}}, "b": None, "d": 4}
    assert merge_onto(base, over) == {
        "a": {"x": 1, "y": [3], "z": {"deep": 9, "kept": 2}, "new": {"n": 1}},
        "c": "keep",
        "d": 4,
    }
    assert base["a"]["z"] == {"deep": 1, "kept": 2} and "b" in base  # inputs unchanged
    assert merge_onto({"a": 1}, {"a": {"b": 2}}) == {"a": {"b": 2}}  # a mapping over a scalar
    assert merge_onto({"a": {"b": 2}}, {"a": 5}) == {"a": 5}  # a scalar over a mapping
    assert merge_onto({"a": 1}, [1]) == [1]


def test_only_the_weights_make_a_valid_override_that_keeps_every_default() -> None:
    rubric, problems = validate_rubric_text(
        "overall_weights: {balance: 0, four_sides: 0, listening: 0, technique: 3}\n"
    )
    assert problems == [] and rubric is not None
    assert rubric.weights == {"balance": 0, "four_sides": 0, "listening": 0, "technique": 1}
    assert (rubric.balance, rubric.technique, rubric.listening) == (
        DEFAULT.balance,
        DEFAULT.technique,
        DEFAULT.listening,
    )


def test_nested_mappings_merge_key_by_key() -> None:
    text = (
        "# my changes only\n"
        "overall_weights:\n"
        "  technique: 1\n"  # the other three weights stay 0.25
        "technique:\n"
        "  good: {anchoring: 8}\n"
        "listening:\n"
        "  points: {encourager: 0}\n"
    )
    rubric, problems = validate_rubric_text(text)
    assert problems == [] and rubric is not None
    assert rubric.overall_weights.technique == 1 and rubric.overall_weights.balance == 0.25
    assert rubric.technique.good == {**DEFAULT.technique.good, "anchoring": 8}
    assert rubric.technique.good_caps == DEFAULT.technique.good_caps
    assert rubric.technique.base == DEFAULT.technique.base
    assert rubric.counted_moves == DEFAULT.counted_moves - {"encourager"}


def test_null_removes_a_move_so_it_can_change_sides() -> None:
    text = (
        "technique:\n"
        "  good: {anchoring: null}\n"
        "  good_caps: {anchoring: null}\n"
        "  bad: {anchoring: 5}\n"
    )
    rubric, problems = validate_rubric_text(text)
    assert problems == [] and rubric is not None
    assert "anchoring" not in rubric.technique.good and rubric.technique.bad["anchoring"] == 5
    # Without removing the cap as well, the cross-field check names the fix.
    _, problems = validate_rubric_text(text.replace("  good_caps: {anchoring: null}\n", ""))
    assert [p.field for p in problems] == ["technique.good_caps"]
    assert "remove the cap" in problems[0].message and problems[0].line == 1


def test_null_on_a_required_field_says_it_removes_the_packaged_value() -> None:
    _, problems = validate_rubric_text("balance:\n  loud_feeling: null\n")
    assert len(problems) == 1
    found = problems[0]
    assert found.format().startswith("rubric.yaml:2: balance.loud_feeling: ")
    assert "null removes the packaged value" in found.message
    assert "leave the field out" in found.hint


def test_bad_keys_and_values_in_a_partial_file_keep_their_file_line() -> None:
    text = (
        "# only what changes\n"
        "balance:\n"
        "  loud_feeling: 4.5\n"
        "technique:\n"
        "  good: {anchorin: 4}\n"
        "listening:\n"
        "  target_shares: 0.4\n"
    )
    rubric, problems = validate_rubric_text(text)
    assert rubric is None
    by_line = {p.line: p for p in problems}
    assert set(by_line) == {3, 5, 7}, [p.format() for p in problems]
    assert by_line[3].format().startswith("rubric.yaml:3: balance.loud_feeling: ")
    assert "at most 1" in by_line[3].hint
    assert "did you mean 'anchoring'" in by_line[5].hint
    assert by_line[7].message == "unknown field 'target_shares'"
    assert "did you mean 'target_share'" in by_line[7].hint


def test_a_check_across_fields_points_at_the_part_of_the_override_that_causes_it() -> None:
    # free_concession is a bad move in the packaged rubric: as a good one it has no cap either.
    text = "overall_weights: {technique: 1}\ntechnique:\n  good: {free_concession: 5}\n"
    _, problems = validate_rubric_text(text)
    assert {p.field for p in problems} == {"technique.good_caps", "technique.bad"}
    assert {p.line for p in problems} == {2}  # good_caps and bad are not in the file
    assert all(p.format().startswith("rubric.yaml:2: technique.") for p in problems)


def test_a_partial_override_in_the_data_dir_scores_the_next_scorecard(tmp_path: Path) -> None:
    card = score_transcript(BAD_DE)
    partial = "overall_weights: {balance: 0, four_sides: 0, listening: 0}\n"
    save_override(tmp_path, partial)
    assert override_path(tmp_path).read_text(encoding="utf-8") == partial  # saved as written
    choice = load_rubric(tmp_path)
    assert choice.path == override_path(tmp_path) and not choice.rejected
    assert choice.rubric.technique == DEFAULT.technique
    assert score_transcript(BAD_DE, rubric=choice.rubric).overall == card.dimensions["technique"]
    assert override_problems(tmp_path) == (override_path(tmp_path), [])


def test_an_invalid_partial_override_is_rejected_with_its_own_lines(tmp_path: Path) -> None:
    override_path(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    override_path(tmp_path).write_text("technique:\n  base: -5\n", encoding="utf-8")
    choice = load_rubric(tmp_path)
    assert choice.rejected and choice.rubric == DEFAULT
    assert f"{override_path(tmp_path)}:2: technique.base" in choice.notice()
    path, problems = override_problems(tmp_path)
    assert path == override_path(tmp_path) and [p.line for p in problems] == [2]
    assert override_problems(tmp_path / "none") == (None, [])


@pytest.mark.parametrize("text", [PACKAGED, "listening: {target_share: 0.7}\n"])
def test_the_effective_text_is_a_whole_rubric_that_validates_to_itself(text: str) -> None:
    rubric, _ = validate_rubric_text(text)
    assert rubric is not None
    whole = effective_text(rubric)
    assert set(yaml.safe_load(whole)) == {"overall_weights", "balance", "technique", "listening"}
    assert validate_rubric_text(whole) == (rubric, [])
