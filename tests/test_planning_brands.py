"""The market's brands and retailers' private labels are rivals: a word of a private label's
name ('Garantie' in 'Prix Garantie') is no asset of ours, and German nouns that are also brand
names elsewhere ('Kinder', 'Boni', 'Alpen') name no rival."""

from __future__ import annotations

import pytest
import yaml
from planning_support import two_turns

from coach.planning.names import DATA


def _facts(speaker: str, line: str, lang: str = "de"):
    hello = "Hallo." if lang == "de" else "Hello."
    return two_turns(lang, hello, line, speaker)


def test_a_private_label_is_a_rival_and_its_name_no_asset() -> None:
    facts = _facts("buyer", "M-Budget kostet bei uns 1,20 Franken, Ihre Packung liegt bei 2,40.")
    assert [f.kind for f in facts if f.kind in ("competitor", "strength")] == ["competitor"]
    facts = _facts("buyer", "Prix Garantie Apfelmus kostet 1,60 Franken, Ihr Glas liegt bei 3,20.")
    assert "strength" not in {f.kind for f in facts}
    assert "competitor" in {f.kind for f in facts}


@pytest.mark.parametrize(
    "line",
    [
        "Die Kinder lieben die Sorte, das sehen wir an der Kasse.",
        "Die Boni für das nächste Jahr reden wir im Herbst durch.",
        "Im Urlaub in den Alpen läuft das Produkt besonders gut.",
    ],
)
def test_german_nouns_name_no_rival(line: str) -> None:
    assert "competitor" not in {f.kind for f in _facts("buyer", line)}


def test_the_gazetteer_has_no_duplicates_and_no_bare_everyday_words() -> None:
    raw = yaml.safe_load((DATA / "brands.yaml").read_text(encoding="utf-8"))
    brands = [str(b) for b in raw["brands"]]
    assert len(brands) == len(set(brands))
    for word in ("Kinder", "Boni", "Mutti", "Alpen", "Sure", "Sun", "Everyday"):
        assert word not in brands


def test_more_brands_of_the_market_are_rivals() -> None:
    for line in ("Der Caffè Latte von Emmi ist bei uns der Platzhirsch.", "Schär bleibt gelistet."):
        kinds = {f.kind for f in two_turns("de", "Hallo.", line)}
        assert "competitor" in kinds
