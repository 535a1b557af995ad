"""A turn transcribed from speech or pasted from a document, read like a typed one: without the
fillers ('äh', 'uh'), and with plain spaces and apostrophes.

Transcripts of real talks carry fillers ('Wir würden äh gern ...', 'Äh, einverstanden, ähm, die
Lieferquote ...'). Left in, they cut a sentence into clauses that each say too little, a cue
('wir würden gern', 'wenn ich Sie richtig verstehe') no longer matches, and the sentence encoder
reads noise. The scorer and the planner
read (and quote) the cleaned turn; numbers and all other words stay as said. The filler words
are data: `data/fillers.yaml`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from coach.domain import Lang
from coach.errors import CoachError
from coach.scoring.figures import DATA_DIR

_SENTENCE_END = re.compile(r"[.!?…:]\s*$")
# a word processor's or a transcription tool's typography, one character for one: no-break,
# narrow and thin spaces ('98\u00a0%', '12\u202f000'), curly apostrophes ('we’re', '12’000')
_PLAIN = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
                        "\u2019": "'", "\u02bc": "'", "\u2018": "'"})  # fmt: skip


def plain_typography(text: str) -> str:
    """`text` with plain spaces and straight apostrophes, character for character (same length),
    so cues and numbers read the same however the text was typed."""
    return text.translate(_PLAIN)


_NEVER = re.compile(r"(?!x)x")


@lru_cache(maxsize=4)
def fillers(lang: Lang) -> re.Pattern[str]:
    """A filler with the commas or stops around it."""
    path = DATA_DIR / "fillers.yaml"
    try:
        words = [str(w) for w in (yaml.safe_load(path.read_text(encoding="utf-8")) or {})[lang]]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise CoachError(f"cannot read the filler words of '{lang}' in {path}: {exc}") from exc
    if not words:
        return _NEVER
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?P<lead>\s*,)?\s*(?<![\w'’-])(?:{alternation})(?![\w'’-])(?P<trail>\s*[,.…]+)?\s*",
        re.IGNORECASE,
    )


def without_fillers(text: str, lang: Lang, keep_commas: bool = True) -> str:
    """`text` without spoken fillers; a text without any comes back unchanged. `keep_commas`:
    one of the two commas around a filler stays (the planner: it may part listed terms); the
    scorer drops both ('wenn ich Sie, äh, richtig verstehe' is one cue)."""
    pattern = fillers(lang)
    if not pattern.search(text):
        return text
    out: list[str] = []
    last = 0
    capitalise_at: list[int] = []
    for match in pattern.finditer(text):
        out.append(text[last : match.start()])
        said = "".join(out)
        if not said.strip() or _SENTENCE_END.search(said):
            # 'Äh, einverstanden.' / '... Ähm, wir auch.': the sentence starts after it
            out.append(" " if said.strip() else "")
            capitalise_at.append(len("".join(out)))
        elif match.group("trail") and "." in match.group("trail"):
            out.append(". ")  # 'Das war's, äh. Dann ...'
        elif keep_commas and match.group("lead") and match.group("trail"):
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
