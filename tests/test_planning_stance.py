"""The general stance table: delivery measures the KAM names for us are strengths (de, en)."""

from __future__ import annotations

import pytest

from coach.domain import Transcript
from coach.planning import extract_facts


def kinds(lang: str, kam_line: str) -> set[str]:
    t = Transcript.model_validate(
        {
            "lang": lang,
            "turns": [
                {"speaker": "buyer", "text": "Wie sieht es aus?" if lang == "de" else "How is it?"},
                {"speaker": "kam", "text": kam_line},
            ],
        }
    )
    return {f.kind for f in extract_facts(t)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Wir liefern seit Jahren mit 99 % Servicegrad."),
        ("en", "Yes, our service level to the drugstores was 98.6% last year."),
        ("en", "Our fill rate has been 99 % for two years."),
    ],
)
def test_a_delivery_measure_of_ours_is_a_strength(lang: str, line: str) -> None:
    found = kinds(lang, line)
    assert "strength" in found
    assert "competitor" not in found  # a channel we serve is no competitor


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Leider ist unser Servicegrad auf 91 % gefallen, das ist ein Problem."),
        ("en", "Our service level dropped to 91 %, that's a problem."),
    ],
)
def test_a_bad_delivery_measure_is_no_strength(lang: str, line: str) -> None:
    assert "strength" not in kinds(lang, line)
