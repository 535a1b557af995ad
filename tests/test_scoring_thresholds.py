"""Eval thresholds that are met, asserted so they cannot silently regress (see evals/scoring).

The report sets are written independently of the scorer and never used for tuning; CaSiNo
(Chawla et al., NAACL 2021, CC BY 4.0) is read from shared/ and skipped when absent.
"""

from __future__ import annotations

import pytest

from evals.scoring.run import CASINO, DATA, evaluate, evaluate_casino, load

# Targets of issue #4 that the report sets meet; the others (mode macro-F1 >= 0.80, German ear
# accuracy >= 0.70) are not met yet and are held only at a floor below today's figure.
MET = {
    "report_de": {"listening_micro_f1": 0.75, "side_accuracy": 0.70},
    "report_en": {"listening_micro_f1": 0.75, "side_accuracy": 0.70, "ear_accuracy": 0.70},
}
FLOORS = {
    "report_de": {"mode_macro_f1": 0.68, "ear_accuracy": 0.52},
    "report_en": {"mode_macro_f1": 0.55},
}
TUNE = {
    "mode_macro_f1": 0.85,
    "listening_micro_f1": 0.90,
    "side_accuracy": 0.80,
    "ear_accuracy": 0.62,
}


@pytest.mark.parametrize("name", sorted(MET))
def test_report_set_thresholds(name: str) -> None:
    path = DATA / f"{name}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not written yet")
    result = evaluate(load(path))
    for key, minimum in {**MET[name], **FLOORS[name]}.items():
        assert result[key] >= minimum, (name, key, result[key])


@pytest.mark.parametrize("name", ["tune_de", "tune_en"])
def test_tuning_set_figures_hold(name: str) -> None:
    result = evaluate(load(DATA / f"{name}.jsonl"))
    for key, minimum in TUNE.items():
        assert result[key] >= minimum, (name, key, result[key])


def test_tuning_sets_are_large_enough() -> None:
    assert len(load(DATA / "tune_de.jsonl")) >= 300
    assert len(load(DATA / "tune_en.jsonl")) >= 120


def test_casino_held_out_trust_vs_negotiation() -> None:
    if not CASINO.exists():
        pytest.skip(f"{CASINO} not found")
    result = evaluate_casino(CASINO)
    assert result["held-out (odd ids)"]["macro_f1"] >= 0.75
