"""Eval thresholds that are met, asserted so they cannot silently regress (see evals/scoring).

report7_* is the held-out set of this round: written by an annotator who never saw the scorer,
evaluated once blind with the model trained on tune, tune2, tune3, report v1-v6 and the even CaSiNo
half; its floors sit slightly below that run. Report v1 to v6 are training data now: they keep
floors as in-sample regression guards only (in-sample figures say nothing about held-out
quality). CaSiNo (Chawla et al., NAACL 2021, CC BY 4.0) is the copy vendored under evals/data/.
"""

from __future__ import annotations

import pytest

from evals.scoring.run import CASINO, DATA, evaluate, evaluate_casino, load

# report5 (former blind set, training data now; its figures with the model of that round):
# de 0.856/0.866/0.737/0.679 -> 0.855/0.845/0.724/0.686; en 0.797/0.804/0.748/0.629 ->
# 0.829/0.804/0.776/0.644
# (mode / listening / side / ear). The ear stays below the 0.70 target in both languages.
# report4 (former blind single run, previous model; training data now): de mode 0.912, listening 0.906, side 0.782, ear 0.707;
# en mode 0.862, listening 0.848, side 0.770, ear 0.638. Floors slightly below those figures.
# report3 (former blind single run, previous model; training data now): de mode 0.841, listening
# 0.779, side 0.708, ear 0.519; en mode 0.749, listening 0.819, side 0.630, ear 0.593; floors kept
# as in-sample guards.
# report2 floors: its former blind single run (de 0.827/0.716/0.695/0.636, en 0.795/0.800/0.710/
# 0.568), kept although it is training data now.
# report6 (blind; first run, model without tune3): de 0.870/0.818/0.767/0.645, en 0.769/0.793/
# 0.728/0.732; second look with tune3 in training: de 0.874/0.816/0.767/0.652, en 0.779/0.802/
# 0.728/0.725 (mode / listening / side / ear); training data since report7 was written.
# report7 (blind, first and only run before these floors): de 0.848/0.833/0.741/0.701, en
# 0.828/0.835/0.747/0.752 (mode / listening / side / ear): every target met, the German ear at it.
FLOORS = {
    "report7_de": {
        "mode_macro_f1": 0.82,
        "listening_micro_f1": 0.80,
        "side_accuracy": 0.71,
        "ear_accuracy": 0.67,
    },
    "report7_en": {
        "mode_macro_f1": 0.80,
        "listening_micro_f1": 0.80,
        "side_accuracy": 0.72,
        "ear_accuracy": 0.72,
    },
    "report6_de": {
        "mode_macro_f1": 0.85,
        "listening_micro_f1": 0.79,
        "side_accuracy": 0.74,
        "ear_accuracy": 0.62,
    },
    "report6_en": {
        "mode_macro_f1": 0.75,
        "listening_micro_f1": 0.77,
        "side_accuracy": 0.70,
        "ear_accuracy": 0.69,
    },
    "report5_de": {
        "mode_macro_f1": 0.83,
        "listening_micro_f1": 0.82,
        "side_accuracy": 0.70,
        "ear_accuracy": 0.66,
    },
    "report5_en": {
        "mode_macro_f1": 0.80,
        "listening_micro_f1": 0.79,
        "side_accuracy": 0.75,
        "ear_accuracy": 0.62,
    },
    "report4_de": {
        "mode_macro_f1": 0.89,
        "listening_micro_f1": 0.88,
        "side_accuracy": 0.76,
        "ear_accuracy": 0.68,
    },
    "report4_en": {
        "mode_macro_f1": 0.83,
        "listening_micro_f1": 0.82,
        "side_accuracy": 0.74,
        "ear_accuracy": 0.61,
    },
    "report3_de": {
        "mode_macro_f1": 0.82,
        "listening_micro_f1": 0.75,
        "side_accuracy": 0.68,
        "ear_accuracy": 0.49,
    },
    "report3_en": {
        "mode_macro_f1": 0.72,
        "listening_micro_f1": 0.79,
        "side_accuracy": 0.60,
        "ear_accuracy": 0.56,
    },
    "report2_de": {
        "mode_macro_f1": 0.80,
        "listening_micro_f1": 0.69,
        "side_accuracy": 0.67,
        "ear_accuracy": 0.61,
    },
    "report2_en": {
        "mode_macro_f1": 0.77,
        "listening_micro_f1": 0.77,
        "side_accuracy": 0.68,
        "ear_accuracy": 0.54,
    },
    "report_de": {"listening_micro_f1": 0.75, "side_accuracy": 0.70, "mode_macro_f1": 0.68},
    "report_en": {"listening_micro_f1": 0.75, "side_accuracy": 0.70, "mode_macro_f1": 0.55},
}
TUNE = {
    "mode_macro_f1": 0.85,
    "listening_micro_f1": 0.90,
    "side_accuracy": 0.80,
    "ear_accuracy": 0.62,
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_report_set_thresholds(name: str) -> None:
    path = DATA / f"{name}.jsonl"
    assert path.exists(), f"{path} is missing: the labelled report sets are part of the repo"
    result = evaluate(load(path))
    for key, minimum in FLOORS[name].items():
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
    assert CASINO.exists(), f"{CASINO} is missing (vendored CaSiNo dev data, evals/data/)"
    result = evaluate_casino(CASINO)
    # 0.808 with this model (0.812, 0.793 and 0.819 with earlier ones); target 0.75
    assert result["held-out (odd ids)"]["macro_f1"] >= 0.78


@pytest.mark.parametrize("name", ["report7_de", "report7_en"])
def test_transcribed_speech_keeps_the_held_out_floors(name: str) -> None:
    # 'äh'/'uh' in every utterance (evals.scoring.run --spoken): without reading past the fillers
    # report7_de fell to 0.812 / 0.785 / 0.679 / 0.707; read past them it keeps 0.848 / 0.833 /
    # 0.747 / 0.701 (en 0.854 / 0.844 / 0.747 / 0.758).
    from evals.scoring.run import as_spoken

    result = evaluate(as_spoken(load(DATA / f"{name}.jsonl")))
    for key, floor in FLOORS[name].items():
        assert result[key] >= floor, (key, result[key])
