"""Numbers spelled out as people say them, for property tests of the number readers."""

from __future__ import annotations

_EN_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_DE_ONES = (
    "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
    "fünfzehn sechzehn siebzehn achtzehn neunzehn"
).split()
_DE_TENS = "_ _ zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split()


def _en_small(n: int) -> str:
    """1..999 in English: 'three hundred and twenty-five'."""
    hundreds, rest = divmod(n, 100)
    if rest < 20:
        tail = _EN_ONES[rest] if rest else ""
    else:
        tens, ones = divmod(rest, 10)
        tail = _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else "")
    if not hundreds:
        return tail
    return f"{_EN_ONES[hundreds]} hundred" + (f" and {tail}" if tail else "")


def spell_en(n: int) -> str:
    """1..999,999 in English words: 'three thousand five hundred', 'twelve thousand and fifty'."""
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _en_small(rest)
    head = f"{_en_small(thousands)} thousand"
    if not rest:
        return head
    return f"{head} and {_en_small(rest)}" if rest < 100 else f"{head} {_en_small(rest)}"


def _de_small(n: int, alone: bool) -> str:
    """1..999 in German, glued: 'dreihundertfünfundzwanzig'; 'eins' only at the end."""
    hundreds, rest = divmod(n, 100)
    if rest < 20:
        tail = _DE_ONES[rest] if rest else ""
        if rest == 1 and not alone:
            tail = "ein"
    else:
        tens, ones = divmod(rest, 10)
        unit = "ein" if ones == 1 else _DE_ONES[ones]
        tail = (f"{unit}und" if ones else "") + _DE_TENS[tens]
    head = f"{'ein' if hundreds == 1 else _DE_ONES[hundreds]}hundert" if hundreds else ""
    return head + tail


def spell_de(n: int) -> str:
    """1..999,999 in German words, one word: 'dreitausendfünfhundert'."""
    thousands, rest = divmod(n, 1000)
    head = f"{_de_small(thousands, alone=False)}tausend" if thousands else ""
    return head + (_de_small(rest, alone=True) if rest else "")
