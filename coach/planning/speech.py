"""A turn transcribed from speech, read like a typed one: without the fillers ('äh', 'uh').

Transcripts of real talks carry fillers ('Wir würden äh gern ...', 'Äh, einverstanden, ähm, die
Lieferquote ...'). Left in, they cut a sentence into clauses that each say too little, and a cue
('wir würden gern') no longer matches. Between two commas one comma stays: it may part items.
The planner quotes the cleaned turn; numbers and all other words stay as said.
"""

from __future__ import annotations

import re

from coach.planning.lexicon import Cues

_SENTENCE_END = re.compile(r"[.!?…:]\s*$")


def without_fillers(text: str, c: Cues) -> str:
    """`text` without spoken fillers; a text without any comes back unchanged."""
    if not c.disfluencies.search(text):
        return text
    out: list[str] = []
    last = 0
    capitalise_at: list[int] = []
    for match in c.disfluencies.finditer(text):
        before = text[last : match.start()]
        out.append(before)
        said = "".join(out)
        if not said.strip() or _SENTENCE_END.search(said):
            # 'Äh, einverstanden.' / '... Ähm, wir auch.': the sentence starts after it
            out.append(" " if said.strip() else "")
            capitalise_at.append(len("".join(out)))
        elif match.group("trail") and "." in match.group("trail"):
            out.append(". ")  # 'Das war's, äh. Dann ...'
        elif match.group("lead") and match.group("trail"):
            out.append(", ")  # 'Ja, äh, das geht', 'drei Prozent, äh, zwei Facings'
        else:
            out.append(" ")  # 'Wir würden äh gern ...', 'in äh KW 12'
        last = match.end()
    out.append(text[last:])
    cleaned = "".join(out)
    for at in capitalise_at:
        if at < len(cleaned):
            cleaned = cleaned[:at] + cleaned[at].upper() + cleaned[at + 1 :]
    cleaned = re.sub(r"\s+(?=[?!.,;])", "", re.sub(r" {2,}", " ", cleaned)).strip()
    return cleaned or text
