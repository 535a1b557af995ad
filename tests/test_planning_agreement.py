"""The inter-annotator study of the planning eval: its loose matching rule and its data."""

from __future__ import annotations

import json

from evals.planning.agreement import SECOND, compare, loose_match, overlaps
from evals.planning.run import DATA

REF = {"kind": "figure", "lever": "price", "value": 1.5, "unit": "EUR", "text": "Eins fünfzig"}


def test_keys_overlap_by_containment_or_a_shared_word_or_number() -> None:
    assert overlaps("Eins fünfzig", "eins fünfzig und Tausch")
    assert overlaps("400 Filialen", "in 400 großen Filialen")
    assert not overlaps("Aldi", "Lidl")


def test_a_fact_is_found_only_in_the_same_turn_kind_lever_and_value() -> None:
    other = {**REF, "text": "Eins fünfzig. Und der Tausch.", "turns": [5]}
    ref = {**REF, "turn": 5}
    assert loose_match(ref, other)
    assert not loose_match({**ref, "turn": 6}, other)
    assert not loose_match(ref, {**other, "value": 1.0})
    assert not loose_match(ref, {**other, "lever": "product"})
    assert loose_match(ref, {**other, "lever": "product"}, lever=False)
    assert not loose_match(ref, {**other, "kind": "agreement"})


def test_the_second_annotators_files_label_transcripts_of_the_eval() -> None:
    paths = sorted(SECOND.glob("*.json"))
    assert [p.name.split("_")[0] for p in paths].count("report10") == 8
    assert [p.name.split("_")[0] for p in paths].count("report11") == 8
    assert [p.name.split("_")[0] for p in paths].count("report12") == 8
    for path in paths:
        turns = json.loads((DATA / path.name).read_text(encoding="utf-8"))["transcript"]["turns"]
        expected = json.loads(path.read_text(encoding="utf-8"))["expected"]
        for fact in expected["facts"]:
            assert set(fact) == {"kind", "lever", "value", "unit", "text", "turn"}, path.name
            assert fact["text"].lower() in turns[fact["turn"]]["text"].lower(), (path.name, fact)
        said = " ".join(t["text"] for t in turns).lower()
        for keys in expected["swot"].values():
            assert all(k.lower() in said for k in keys), path.name


def test_every_row_counts_all_references() -> None:
    assert compare("report10")["planner against A"].expected == 304
    rows = compare()
    a_facts = rows["annotator B against A"].expected
    assert a_facts == rows["planner against A"].expected > 200
    assert rows["annotator A against B"].expected == rows["planner against B"].expected > 200
    for tally in rows.values():
        assert 0 <= tally.found <= tally.found_any_lever <= tally.expected
