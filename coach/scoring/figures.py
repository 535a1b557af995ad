"""Figures in free text: numbers with units, tied to a 6-P lever ("WKZ 3,5 %", "zwei Aktionen").

Shared by the buyer's perception, the scorer and the planner. Language data (number words, units,
lever cue words) lives in `data/figures_<lang>.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from coach.domain import LEVERS, Lang, Lever, Offer

DATA_DIR = Path(__file__).resolve().parent / "data"
# money units a figure can carry (Swiss francs for the Swiss trade: Coop, Migros, Denner; the
# Nordic crowns for ICA, Rema, Salling)
CURRENCIES = ("EUR", "CHF", "GBP", "USD", "SEK", "NOK", "DKK")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")
_WORD = re.compile(r"[\wäöüß%€-]+", re.IGNORECASE)
# 1.234,5 | 1,234.5 | 3,5 | 3.5 | 12 | +2,8 | -1
# a sign ('+2,8', '-1') never stands right after a word or a number: '3-4 Paletten' is a range
DIGITS = (
    r"(?:(?<![\w.,])[+-])?(?:\d{1,3}(?:[.\s']\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d+,[-–](?![\w-])|\d+(?:[.,]\d+)?)"  # '3,- Euro': a whole price
)


@dataclass(frozen=True)
class Figure:
    """One number with its unit and the lever the surrounding words point to."""

    value: float
    unit: str
    span: str
    start: int
    end: int
    lever: Lever | None

    def to_offer(self, conditional: bool = False) -> Offer | None:
        if self.lever is None:
            return None
        return Offer(
            lever=self.lever,
            value=self.value,
            unit=self.unit,
            span=self.span,
            conditional=conditional,
        )


@dataclass(frozen=True)
class FigureLexicon:
    number_words: dict[str, float]
    scale_words: dict[str, float]
    units: dict[str, str]
    lever_cues: dict[Lever, frozenset[str]]
    conditional_cues: tuple[str, ...]
    pattern: re.Pattern[str]
    prefix_pattern: re.Pattern[str] | None = None  # "€2.99", "EUR 1.500": the unit comes first
    # German compounds end in their unit ('Anliefertage', 'Testmärkte'): suffix -> unit
    unit_suffixes: dict[str, str] = field(default_factory=dict)
    decimal_words: tuple[str, ...] = ()  # 'vier Komma neun'
    compound_joiners: tuple[str, ...] = ()  # 'achtund|neunzig', 'fünf|tausend'
    # 'two hundred and five': hundreds said as separate words, with the joiner between, and the
    # thousand word ('three thousand five hundred')
    hundreds: tuple[str, str, str] | None = None
    half: str = ""  # 'four and a half': a number and a half
    # a currency right before or after a number ('CHF 3.90', '4.20 Franken'): an amount
    money_before: re.Pattern[str] = re.compile(r"(?!x)x")
    money_after: re.Pattern[str] = re.compile(r"(?!x)x")
    # a unit that carries its scale ('50 TEUR', '20 k€'): unit word -> factor
    unit_scales: dict[str, float] = field(default_factory=dict)

    def money_around(self, text: str, start: int, end: int) -> bool:
        """The words at start:end are an amount of money, not a date ('CHF 3.90.')."""
        return bool(self.money_before.search(text, 0, start) or self.money_after.match(text, end))

    def unit_of(self, word: str) -> str:
        """The canonical unit of a matched unit word (a compound by its longest known suffix)."""
        word = re.sub(r"\s+", " ", word.lower())
        if word in self.units:
            return self.units[word]
        for suffix in sorted(self.unit_suffixes, key=len, reverse=True):
            if word.endswith(suffix):
                return self.unit_suffixes[suffix]
        return word


@lru_cache(maxsize=4)
def lexicon(lang: Lang) -> FigureLexicon:
    raw = yaml.safe_load((DATA_DIR / f"figures_{lang}.yaml").read_text(encoding="utf-8"))
    number_words = {str(k).lower(): float(v) for k, v in raw["number_words"].items()}
    # Swiss German writes no ß ('dreissig'); the lexicon needs only the one spelling
    number_words.update({k.replace("ß", "ss"): v for k, v in number_words.items() if "ß" in k})
    scale_words = {str(k).lower(): float(v) for k, v in raw["scale_words"].items()}
    units = {str(k).lower(): str(v) for k, v in raw["units"].items()}
    units.update({k.replace("ß", "ss"): v for k, v in units.items() if "ß" in k})
    unit_scales: dict[str, float] = {}
    for word, (code, factor) in (raw.get("scaled_units") or {}).items():
        units[str(word).lower()] = str(code)
        unit_scales[str(word).lower()] = float(factor)
    cues: dict[Lever, frozenset[str]] = {}
    for lever in LEVERS:
        cues[lever] = frozenset(w.lower() for w in raw["lever_cues"].get(lever, []))

    def alternation(words: list[str]) -> str:
        ordered = sorted(words, key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)

    # 'achtundneunzig', 'sechseinhalb', 'siebeneinhalbtausend': number words glued by joiners,
    # read by compound_number
    joiners = [str(e) for e in raw.get("compound_joiners") or []]
    parts = alternation([*number_words, *joiners])
    compounds = rf"|\b(?:{alternation(list(number_words))})(?:{parts})+\b" if joiners else ""
    # spoken decimals: 'vier Komma neun', 'four point five'
    points = [str(w) for w in raw.get("decimal_words") or []]
    word = rf"(?:{alternation(list(number_words))})"
    spoken = rf"|\b{word}\s+(?:{alternation(points)})\s+{word}\b" if points else ""
    said = raw.get("hundreds") or {}
    hundreds = (
        (str(said["word"]), str(said["joiner"]), str(said.get("thousand", ""))) if said else None
    )
    if hundreds:  # 'two hundred and five', before 'two' alone
        spoken += hundreds_pattern(word, *hundreds)
    half = str(raw.get("and_a_half") or "")
    if half:  # 'four and a half'
        spoken += rf"|\b{word}\s+{alternation([half])}\b"
    number = rf"(?P<num>{DIGITS}{spoken}|\b(?:{alternation(list(number_words))})\b{compounds})"
    # '40 K-Citymarkets' is 40 stores of a chain, not 40,000
    scale = rf"(?:\s*(?P<scale>{alternation(list(scale_words))})\.?(?![\wäöüß]|(?-i:-[A-ZÄÖÜ])))?"
    suffixes = {str(k).lower(): str(v) for k, v in (raw.get("unit_suffixes") or {}).items()}
    # 'Testmärkte', 'INTERSPAR-Märkte', 'K-Citymarkets': a compound ends in its unit
    compound = (
        rf"|(?:[a-zäöüß]-)?[a-zäöüß]{{3,}}-?(?:{alternation(list(suffixes))})" if suffixes else ""
    )
    modifiers = [str(m) for m in raw.get("unit_modifiers") or []]
    # 'two-week', '5 working days', 'zwei zusätzliche Facings': the unit may sit one word away
    modifier = rf"(?:(?:{alternation(modifiers)})\s+)?" if modifiers else ""
    unit = rf"(?:\s*-\s*|\s*){modifier}(?P<unit>{alternation(list(units))}{compound})(?![\wäöüß])"
    pattern = re.compile(number + scale + unit, re.IGNORECASE)
    prefixes = {str(k).lower(): str(v) for k, v in (raw.get("prefix_units") or {}).items()}
    units.update({k: v for k, v in prefixes.items() if k not in units})
    prefix_pattern = None
    if prefixes:
        unit_first = rf"(?<![\wäöüß])(?P<unit>{alternation(list(prefixes))})\s?"
        prefix_pattern = re.compile(
            unit_first + rf"(?P<num>{DIGITS})" + scale,  # '€1.2m', '£50k', 'CHF 3 Mio.'
            re.IGNORECASE,
        )
    money = [w for w, u in units.items() if u in CURRENCIES or u == "ct"]
    signs = [w for w, u in prefixes.items() if u in CURRENCIES] or ["(?!x)x"]
    money_before = re.compile(rf"(?<![\wäöüß])(?:{alternation(signs)})\s?$", re.IGNORECASE)
    money_after = re.compile(rf"\s?(?:{alternation(money)})(?![\wäöüß])", re.IGNORECASE)
    return FigureLexicon(
        number_words=number_words,
        scale_words=scale_words,
        units=units,
        lever_cues=cues,
        conditional_cues=tuple(c.lower() for c in raw.get("conditional_cues", [])),
        pattern=pattern,
        prefix_pattern=prefix_pattern,
        unit_suffixes=suffixes,
        decimal_words=tuple(p.lower() for p in points),
        compound_joiners=tuple(j.lower() for j in joiners),
        hundreds=hundreds,
        half=half,
        money_before=money_before,
        money_after=money_after,
        unit_scales=unit_scales,
    )


def hundreds_pattern(word: str, hundred: str, joiner: str, thousand: str = "") -> str:
    """'two hundred', 'two hundred and five', 'three hundred and twenty-five', and with the
    thousand word 'three thousand five hundred', 'twelve thousand and fifty' (an alternative)."""
    ones = rf"{word}(?:-{word})?"
    hundreds = rf"{word}\s+{hundred}(?:\s+(?:{joiner}\s+)?{ones})?"
    if not thousand:
        return rf"|\b{hundreds}\b"
    small = rf"(?:{hundreds}|{ones})"
    return (
        rf"|\b{small}\s+{thousand}(?:,?\s+(?:{joiner}\s+)?{small})?\b(?!\s+{hundred}\b)"
        rf"|\b{hundreds}\b"
    )


def parse_number(token: str, lang: Lang) -> float | None:
    """A digit string (decimal comma or point, thousands separators) or a number word."""
    text = token.strip().lower()
    words = lexicon(lang).number_words
    if text in words:
        return words[text]
    squashed = re.sub(r"\s+", " ", text)
    if squashed in words:
        return words[squashed]
    cleaned = re.sub(r"(?<=\d)'(?=\d{3})", "", text.replace(" ", ""))  # Swiss '12'000'
    cleaned = re.sub(r"(?<=\d),[-–]$", "", cleaned)  # '3,-'
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", cleaned) and lang == "en":
        cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        pass
    half = lexicon(lang).half
    if half and squashed.endswith(f" {half}"):  # 'four and a half'
        base = parse_number(squashed[: -len(half) - 1], lang)
        return base + 0.5 if base is not None else None
    hundreds = lexicon(lang).hundreds
    if hundreds and hundreds[2] and re.search(rf"\s{hundreds[2]}\b", squashed):
        head, _, tail = squashed.partition(f" {hundreds[2]}")  # 'three thousand five hundred'
        tail = re.sub(rf"^[\s,]*(?:{hundreds[1]}\s+)?", "", tail)
        high = parse_number(head, lang)
        low = parse_number(tail, lang) if tail else 0.0
        if high is not None and low is not None and low < 1000 and high < 1000:
            return high * 1000 + low
    if hundreds and re.search(rf"\s{hundreds[0]}\b", squashed):  # 'two hundred and five'
        head, _, tail = squashed.partition(f" {hundreds[0]}")
        tail = re.sub(rf"^\s*(?:{hundreds[1]}\s+)?", "", tail)
        high = parse_number(head, lang)
        low = parse_number(tail, lang) if tail else 0.0
        # 'fifteen hundred' is 1,500; 'twenty hundred' is no way to say a number
        if high is not None and low is not None and low < 100 and (high < 20 or high % 10):
            return high * 100 + low
    for point in lexicon(lang).decimal_words:
        whole, found, fraction = squashed.partition(f" {point} ")
        if found:
            a, b = parse_number(whole, lang), parse_number(fraction, lang)
            if a is not None and b is not None and b == int(b) and 0 <= b < 10:
                return a + b / 10
    return compound_number(text, lang)


def compound_number(word: str, lang: Lang) -> float | None:
    """A number word built of parts ('achtundneunzig', 'sechseinhalb', 'fünftausend',
    'siebeneinhalbtausend', 'zweihundertfünfzig'); None when any part is no number."""
    words = lexicon(lang).number_words
    word = word.strip().lower()
    if word.count("-") == 1:  # 'twenty-five'
        first, second = (words.get(part) for part in word.split("-"))
        if first is None or second is None:
            return None
        return first + second if first >= 20 and first % 10 == 0 and 0 < second < 10 else None
    if not word or not word.isalpha():
        return None
    if word in words:
        return words[word]
    for scale, times in (("tausend", 1000.0), ("hundert", 100.0)):
        head, found, tail = word.partition(scale)
        if found and (head or tail):
            high = compound_number(head, lang) if head else 1.0
            low = compound_number(tail, lang) if tail else 0.0
            if high is None or low is None:
                return None
            return high * times + low
    if word.endswith("einhalb") and len(word) > len("einhalb"):
        base = compound_number(word[: -len("einhalb")], lang)
        return base + 0.5 if base is not None else None
    ones, found, tens = word.partition("und")
    if found and ones and tens:
        a, b = words.get(ones), words.get(tens)
        return a + b if a is not None and b is not None and b >= 20 else None
    return None


@lru_cache(maxsize=32)
def _stems(lang: Lang, lever: Lever) -> tuple[str, ...]:
    """Cue words longer than four letters: a word starting with one counts as that cue."""
    return tuple(cue for cue in lexicon(lang).lever_cues[lever] if len(cue) > 4)


def guess_lever(text: str, start: int, end: int, lang: Lang, window: int = 60) -> Lever | None:
    """The lever whose cue words stand nearest to the span; the unit decides ties."""
    lex = lexicon(lang)
    best: tuple[int, Lever] | None = None
    # Stay inside the figure's sentence: "Rohkaffee ist um 38 % gestiegen. Wir brauchen 4,5 %
    # Preiserhöhung." must not make the 38 % a price offer.
    left = max(0, start - window)
    for boundary in _SENTENCE_END.finditer(text, left, start):
        left = boundary.end()
    right_end = _SENTENCE_END.search(text, end, end + window)
    right = right_end.start() if right_end else end + window
    for match in _WORD.finditer(text[left:right]):
        word = match.group(0).lower()
        absolute = match.start() + left
        distance = 0 if start <= absolute < end else min(abs(absolute - start), abs(absolute - end))
        for lever in LEVERS:
            if word in lex.lever_cues[lever] or word.startswith(_stems(lang, lever)):
                if best is None or distance < best[0]:
                    best = (distance, lever)
    return best[1] if best else None


_UNIT_LEVER: dict[str, Lever] = {
    "SKU": "product",
    "facings": "placement",
    "shelf_m": "placement",
    "displays": "placement",
    "promotions": "promotion",
    "stores": "product",
}


def extract_figures(text: str, lang: Lang) -> list[Figure]:
    """All numbers with a recognised unit, left to right."""
    lex = lexicon(lang)
    figures: list[Figure] = []
    matches = list(lex.pattern.finditer(text))
    if lex.prefix_pattern is not None:
        taken = [(m.start(), m.end()) for m in matches]
        matches += [
            m
            for m in lex.prefix_pattern.finditer(text)
            if not any(a < m.end() and m.start() < b for a, b in taken)
        ]
        matches.sort(key=lambda m: m.start())
    for match in matches:
        value = parse_number(match.group("num"), lang)
        if value is None:
            continue
        scale = match.group("scale")
        if scale:
            value *= lex.scale_words.get(scale.lower().rstrip("."), 1.0)
        unit = lex.unit_of(match.group("unit"))
        value *= lex.unit_scales.get(re.sub(r"\s+", " ", match.group("unit").lower()), 1.0)
        lever = guess_lever(text, match.start(), match.end(), lang) or _UNIT_LEVER.get(unit)
        figures.append(
            Figure(
                value=value,
                unit=unit,
                span=match.group(0).strip(),
                start=match.start(),
                end=match.end(),
                lever=lever,
            )
        )
    return figures


def is_conditional(text: str, lang: Lang) -> bool:
    """A 'wenn ..., dann ...' / 'if ..., then ...' shape: something is asked in return."""
    lowered = f" {text.lower()} "
    cues = lexicon(lang).conditional_cues
    strong = [c for c in cues if c not in ("dann", "then", "dafür")]
    return any(re.search(rf"\b{re.escape(c)}\b", lowered) for c in strong)


def extract_offers(text: str, lang: Lang) -> list[Offer]:
    """Figures that name a lever, marked conditional when the sentence asks for a return."""
    conditional = is_conditional(text, lang)
    offers = []
    for figure in extract_figures(text, lang):
        offer = figure.to_offer(conditional)
        if offer is not None:
            offers.append(offer)
    return offers


def format_value(value: float, unit: str, lang: Lang) -> str:
    """3.5, "%" -> "3,5 %" (de) / "3.5%" (en)."""
    number = f"{value:.1f}" if abs(value - round(value)) > 1e-9 else f"{int(round(value))}"
    if lang == "de":
        number = number.replace(".", ",")
    labels = {
        "de": {
            "SKU": "Artikel",
            "weeks": "Wochen",
            "stores": "Filialen",
            "promotions": "Aktionen",
            "displays": "Zweitplatzierungen",
            "days": "Tage",
            "months": "Monate",
            "facings": "Facings",
            "shelf_m": "Regalmeter",
            "pp": "Prozentpunkte",
        },
        "en": {"SKU": "SKUs", "shelf_m": "shelf metres", "pp": "percentage points"},
    }
    shown = labels[lang].get(unit, unit)
    if unit == "%":
        return f"{number} %" if lang == "de" else f"{number}%"
    return f"{number} {shown}".strip()
