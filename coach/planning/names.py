"""Brand and company names in the buyer's mouth that the KAM never uses: the other suppliers.

Only for languages that capitalise names but not nouns (English): a capitalised word inside a
sentence is a name there. People, places, holidays and the manufacturer's own products (the
names the KAM uses) are left out by the cue file's lists.
"""

from __future__ import annotations

import re

from coach.planning.analysis import Clause, Line
from coach.planning.lexicon import Cues

_NAME = re.compile(
    r"(?<=[a-z0-9,;:–-] )(?P<name>[A-Z][\w'&-]*[a-z][\w'&-]*(?: [A-Z][\w'&-]*[a-z][\w'&-]*)*)"
    r"(?![\w'-])"
)
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # 'SKUs', 'DCs'
_CONTRACTION = re.compile(r"I['’]\w+")  # "I'll", "I'm"


def kam_names(lines: list[Line]) -> set[str]:
    """Every capitalised word the KAM says: his brands, his people, his places."""
    return {
        w
        for line in lines
        if line.speaker == "kam"
        for w in re.findall(r"\b[A-Z][\w'-]+", line.text)
    }


def brand_names(
    line: Line, clause: Clause, c: Cues, known: set[str]
) -> list[tuple[str, tuple[int, int]]]:
    """Capitalised names inside the buyer's sentence that are not the manufacturer's own."""
    rules = c.brand_names
    if not rules or line.speaker != "buyer":
        return []
    found = []
    for match in _NAME.finditer(line.text, clause.start, clause.end):
        name = match.group("name")
        words = name.split()
        before = line.text[max(0, match.start() - 40) : match.start()].split()
        after = line.text[match.end() : match.end() + 20].split()[:1]
        if (
            any(w in known for w in words)
            or words[0] in c.not_names
            or name in rules["not_names"]
            or words[0].lower() in c.months
            or _ACRONYM_PLURAL.fullmatch(words[0])
            or _CONTRACTION.fullmatch(words[0])
            or any(w.lower().strip(",") in rules["places_before"] for w in before[-3:])
            or (before and before[-1].lower().strip(",") in rules["not_before"])
            or (after and after[0].lower().strip(".,!?") in rules["not_after"])
            # 'Thanks for coming, Anna.': a name between a comma and the sentence's end is spoken to
            or line.text[match.start() - 2 : match.start()] == ", "
            and line.text[match.end() : match.end() + 1] in (".", ",", "!", "?", "")
        ):
            continue
        found.append((name, (match.start(), match.end())))
    return found
