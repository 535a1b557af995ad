"""Whose matter a clause is when no possessive says it: products the manufacturer owns, and the
KAM's own 'wir' right before an asset."""

from __future__ import annotations

import re

from coach.planning.analysis import Line
from coach.planning.levers import Hit
from coach.planning.lexicon import Cues
from coach.planning.sentences import Clause


def remember_products(line: Line, c: Cues, products: set[str]) -> None:
    """'unsere Schorlen' (KAM), 'your IPA' (buyer): words that name the manufacturer's products,
    so a later 'Die Schorlen laufen gut' is about us. Kept as 5-letter stems in `products`."""
    mine = c.self_possessive if line.speaker == "kam" else c.other_possessive
    for match in mine.finditer(line.text):
        for word in re.findall(r"[\w-]+", line.text[match.end() : match.end() + 40])[:2]:
            # 'Ihre Preise', 'unser Team' name no product
            levers = [p for lever, p in c.lever_cues.items() if lever != "product"]
            generic = any(p.fullmatch(word) for p in levers)
            if len(word) >= 4 and word.lower() not in c.stopwords and not generic:
                products.add(word.lower()[:5])


def owner_by_name(line: Line, clause: Clause, products: set[str]) -> str | None:
    """No possessive: a product word the manufacturer owns makes the clause ours."""
    words = re.findall(r"[\w-]+", line.text[clause.start : clause.end])
    if any(len(w) >= 4 and w.lower()[:5] in products for w in words):
        return "manufacturer"
    return None


def we_before(line: Line, hit: Hit, c: Cues) -> bool:
    """The speaker's 'wir'/'we' in the stretch of the sentence before the hit."""
    before = re.split(r"[,;:–]", line.text[: hit[0]])[-1]
    return bool(c.self_words.search(before))
