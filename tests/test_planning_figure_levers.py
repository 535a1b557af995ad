"""Which lever a figure gets from the words around it: effective dates, multibuys, phrases."""

from __future__ import annotations

import pytest

from coach.planning.analysis import find_lever_cues
from coach.planning.lexicon import cues
from tests.planning_support import two_turns


def figure_levers(lang: str, line: str, speaker: str = "kam") -> dict[float, str]:
    hello = "Hallo." if lang == "de" else "Hello."
    return {
        f.value: f.lever
        for f in two_turns(lang, hello, line, speaker)
        if f.kind == "figure" and f.value is not None
    }


@pytest.mark.parametrize(
    ("lang", "line", "value"),
    [
        ("en", "Our letter asks for four and a half percent from the first of May.", 4.5),
        ("en", "We could live with 2.8% starting week 14.", 2.8),
        ("de", "Wir würden dann 3,2 Prozent ab KW 18 umsetzen.", 3.2),
        ("de", "Machen wir es in zwei Schritten: zwei Prozent ab Juli, der Rest zum Januar.", 2.0),
    ],
)
def test_a_share_that_starts_from_a_date_is_a_price_condition(
    lang: str, line: str, value: float
) -> None:
    assert figure_levers(lang, line)[value] == "price"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Our sales are up 6 percent since March."),
        ("de", "Der Absatz liegt seit Mai 6 Prozent über Vorjahr."),
    ],
)
def test_growth_since_a_date_stays_performance(lang: str, line: str) -> None:
    assert figure_levers(lang, line)[6.0] == "performance"


@pytest.mark.parametrize(
    ("lang", "line", "value"),
    [
        ("en", "For the summer we'd run three for €5 on the small bottles.", 5.0),
        ("en", "Two tubs for £4 in the June window.", 4.0),
        ("de", "Im Herbst dann zwei Packungen für 5 Euro.", 5.0),
    ],
)
def test_a_multibuy_amount_is_a_promotion(lang: str, line: str, value: float) -> None:
    assert figure_levers(lang, line)[value] == "promotion"


def test_a_plain_price_stays_a_price() -> None:
    assert figure_levers("en", "The jar sells for €3.49 today.")[3.49] == "price"


@pytest.mark.parametrize(
    ("line", "value", "lever"),
    [
        ("With the new film the shelf life goes to 30 days.", 30.0, "product"),
        ("Our yoghurt has 24 days of life from packing.", 24.0, "product"),
    ],
)
def test_shelf_life_is_about_the_product_not_the_shelf(line: str, value: float, lever: str) -> None:
    assert figure_levers("en", line)[value] == lever


def test_a_word_at_the_edge_of_a_longer_phrase_is_no_cue_of_its_own() -> None:
    found = [(c.word, c.lever) for c in find_lever_cues("the shelf life of the tubs", cues("en"))]
    assert ("shelf life", "product") in found
    assert not any(word == "shelf" for word, _ in found)
