"""Brand and company names in the buyer's mouth that the KAM never uses: the other suppliers.

Only for languages that capitalise names but not nouns (English): a capitalised word inside a
sentence is a name there. People, places, holidays and the manufacturer's own products (the
names the KAM uses) are left out by the cue file's lists.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from coach.planning.analysis import Line
from coach.planning.lexicon import Cues
from coach.planning.sentences import Clause

DATA = Path(__file__).resolve().parent / "data"
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


# a name in quotes: 'Filmavond', „Torffrei-Woche“, "Brand Days"
_QUOTED = re.compile(
    r"(?:(?<![\w])['‘]|[\"“„«»])([A-ZÄÖÜ][^'’\"“”„«»]{1,40}?)(?:['’](?![\w])|[\"”“«»])"
)


def quoted_names(lines: list[Line]) -> set[str]:
    """Capitalised words said in quotes anywhere in the talk ("a 'Filmavond' theme"): the name
    of a campaign, a theme or a claim, not of a rival."""
    return {
        word
        for line in lines
        for match in _QUOTED.finditer(line.text)
        for word in re.findall(r"\b[A-ZÄÖÜ][\w'-]+", match.group(1))
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
            or words[0] in given_names()  # 'Joris', 'Nora Quinn': people ("Jack Link's" stays)
            or (before and is_person(f"{before[-1]} {words[0]}"))  # "Frank O'Brien"
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


@lru_cache(maxsize=1)
def _given() -> tuple[frozenset[str], frozenset[str]]:
    raw = yaml.safe_load((DATA / "given_names.yaml").read_text(encoding="utf-8"))
    return frozenset(str(n) for n in raw["names"]), frozenset(
        str(n) for n in raw["with_surname_only"]
    )


def given_names() -> frozenset[str]:
    return _given()[0]


def is_person(name: str) -> bool:
    """'Joris', 'Nora Quinn', "Frank O'Brien" (not 'Frank' alone): a person, no brand."""
    words = name.split()
    names, with_surname = _given()
    return words[0] in names or (words[0] in with_surname and len(words) > 1)


_PERSON = re.compile(
    r"(?<![\w'’-])(?P<first>[A-ZÄÖÜÁÉÍÓÚ][a-zäöüßáéíóúçşğı]+(?:-[A-Z][a-z]+)?)"
    r"(?:\s+(?P<last>(?:O['’]|Mc|Mac|van\s+(?:der\s+|den\s+)?|de\s+)?[A-ZÄÖÜ][a-zäöüß'’-]+))?"
    r"(?![\w'’])(?!['’]t\b)"
)
# spoken to, or introducing oneself: 'Thanks, Ciara.', 'Guten Morgen Frau Albers', "I'm Priya"
_ADDRESS = re.compile(
    r"(?i:\b(?:hi|hello|hallo|hey|morning|good\s+(?:morning|afternoon|evening)|thanks|"
    r"thank\s+you|danke|dear|liebe|lieber|guten\s+(?:tag|morgen|abend)|servus|moin|"
    r"grüß\s+gott|i['’]m|i\s+am|ich\s+bin|my\s+name\s+is|mein\s+name\s+ist|this\s+is)),?\s*$"
)


_WHO = re.compile(r"(?i:\b(?:who|whom|wer|wen|wem)\b[^?]*\?)")


def asks_who(line: Line | None) -> bool:
    """'Who decides that?', 'Wer ist bei Ihnen zuständig?': the answer names a contact."""
    return line is not None and bool(_WHO.search(line.text))


def spoken_to(line: Line, start: int, end: int, answer: bool = False) -> bool:
    """The name is the one spoken to ('Frau Lorenz, danke ...', 'Kein Problem, Frau Kowalski.',
    'Hallo Herr Vogt'), or the speaker's own ("I'm Priya"); a name that opens the answer to
    'Who ...?' is the contact asked for ('Sanne Bakker, category assistant.')."""
    before = line.text[max(0, start - 25) : start]
    if _ADDRESS.search(before):
        return True
    lead = line.text[:start].rstrip()
    after = line.text[end:].lstrip()
    # 'Frau Lorenz, danke für den Termin.', 'Ah Ciarán, it was mad', 'Oh and Ciarán, ...'
    opens = (not lead or lead[-1] in ".!?" or bool(_INTERJECTION.fullmatch(lead))) and not answer
    # 'Kein Problem, Frau Kowalski.', 'No worries, Marieke, I'll ...': a short word of address;
    # 'das muss ich mit meinem Chef klären, Herrn Albers.' names who decides
    sentence = re.split(r"[.!?]\s", lead)[-1]
    short = lead.endswith(",") and len(sentence.split()) <= 4
    # "Don't lecture me on shoppers, Priya.": a bare first name closing the sentence is spoken
    # to, unless a role names who it is ('with our supply planner, Declan')
    closing = (
        lead.endswith(",")
        and " " not in line.text[start:end].strip()
        and (not after or after[0] in ".!?")
        and not _ROLE_BEFORE.search(lead[:-1])
    )
    return (opens or short or closing) and (not after or after[0] in ",.!?")


# a capitalised word, not at a sentence's start, right before: part of a longer name
_NAME_BEFORE = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b(?!(?:The|A|An|Der|Die|Das)\b)[A-ZÄÖÜ][a-zäöüß]+\s$"
)
_TITLE_BEFORE = re.compile(r"\b(?:Herr|Herrn|Frau|Mr|Mrs|Ms|Dr)\.?\s+$")
_INTERJECTION = re.compile(
    r"(?i)(?:.*[.!?]\s+)?(?:ah|oh|hi|hey|hello|hallo|ach|na|ja|so|well|and|und|oh\s+and|ah\s+and)[,!]?"
)
_ROLE_BEFORE = re.compile(
    r"(?i)\b(?:planner|director|manager|buyer|assistant|analyst|colleague|boss|head|lead|rep|"
    r"contact|partner|\w*leiter(?:in)?|chef(?:in)?|kolleg(?:e|in)|assistent(?:in)?|planer(?:in)?|"
    r"disponent(?:in)?|einkäufer(?:in)?|ansprechpartner(?:in)?)$"
)


def person_names(
    line: Line, clause: Clause, answer: bool = False
) -> list[tuple[str, tuple[int, int]]]:
    """Named people in the clause ('Talk to Joris in data partnerships', 'Nora Quinn in finance
    signs off'), not the one spoken to ('Thanks, Ciara.') nor the speaker himself."""
    found = []
    for match in _PERSON.finditer(line.text, clause.start, clause.end):
        start, end = match.start(), match.end()
        last = match.group("last")
        if last and last.lower() in {"and", "und"}:  # 'Anna and ...': only the first name
            end = match.start("last") - 1
        elif last and last[-2:] in ("'s", "’s"):  # "Jack Link's" is a brand
            continue
        if not is_person(line.text[start:end]):
            continue
        if not spoken_to(line, start, end, answer):
            found.append((line.text[start:end], (start, end)))
    return found


@lru_cache(maxsize=1)
def _brands() -> dict[str, list[str]]:
    return dict(yaml.safe_load((DATA / "brands.yaml").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _brand_pattern() -> tuple[re.Pattern[str], frozenset[str]]:
    raw = _brands()
    names = sorted({str(n) for key in ("retailers", "brands") for n in raw[key]}, key=len)
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in reversed(names))
    pattern = re.compile(rf"(?<![\w&'’-])(?:{alternation})(?![\w&'’-])")
    return pattern, frozenset(str(n) for n in raw["retailers"])


@lru_cache(maxsize=1)
def _everyday() -> frozenset[str]:
    return frozenset(str(n) for n in _brands().get("everyday", []))


def _as_word(text: str, start: int, end: int) -> bool:
    """'Netto sind das drei Prozent', 'Netto 3 %': at a sentence's start or before a number an
    everyday word, not the retailer."""
    opening = not text[:start].strip() or bool(re.search(r"[.!?:]\s*$", text[:start]))
    return opening or bool(re.match(r"\s*\d", text[end:]))


# 'bei Kaufland', 'in SuperValu', 'bei Globus und Rewe': a retailer as the place where it sells
_AT_PLACE = re.compile(
    r"(?i)\b(?:bei|in|im|an|auf|at|on|with)\s+(?:(?:\d[\d.,]*|all|allen|the|den|our|your"
    r"|unseren|Ihren)\s+)*(?:[A-ZÄÖÜ][\w&'’-]*\s*(?:,|und|and)\s+)?$"
)


# the buyer's own company: 'dass wir das bei dm so nicht machen', 'we at Tesco', 'bei uns bei Edeka'
_WE_AT = re.compile(
    r"(?i)\b(?:wir|uns|we|us)\b[^.?!,;:–]{0,40}?\b(?:bei|at|in|im)\s+(?:uns\s+(?:bei|in)\s+)?$"
)


def own_retailer(line: Line, start: int, end: int) -> bool:
    """The buyer names his own company ('dass wir das bei dm so nicht machen'): the account."""
    name = _bare(line.text[start:end])
    before = line.text[max(0, start - 60) : start]
    return line.speaker == "buyer" and name in _bare_retailers() and bool(_WE_AT.search(before))


def retailer_at(line: Line, start: int, end: int) -> bool:
    """The KAM names a retailer as the place where it sells ('seit Januar liegen wir bei
    Kaufland bei 98,4 %', 'bei Globus und Rewe läuft sie'): the account he sits with or a
    reference customer, no rival; 'you're losing shoppers to Lidl' still names one."""
    name = _bare(line.text[start:end])
    if name in _bare_retailers():
        return at_place(line, start)
    # 'bei Edeka Südbayern', 'at Rewe West': the retailer's region or format, part of its name
    before = re.search(r"([\w'’&-]+)\s+$", line.text[max(0, start - 30) : start])
    if before is None or _bare(before.group(1)) not in _bare_retailers():
        return False
    return at_place(line, start - len(before.group(0)))


@lru_cache(maxsize=1)
def _bare_retailers() -> frozenset[str]:
    return frozenset(_bare(r) for r in _brand_pattern()[1])


def _bare(name: str) -> str:
    """'Sainsbury's' and 'Sainsbury' are one retailer."""
    return re.sub(r"['’]s$", "", name.lower())


def at_place(line: Line, start: int) -> bool:
    """A place preposition right before `start` ('im Drogeriekanal', 'bei Rewe', 'on Amazon')."""
    return bool(_AT_PLACE.search(line.text[max(0, start - 40) : start]))


_OWN = re.compile(r"(?i)\b(?:our|unser\w*|my|mein\w*)\s+(?:[\w-]+\s+)?$")


def inside_brand(line: Line, hit: tuple[int, int]) -> bool:
    """The words lie inside a market brand's name ('Garantie' in 'Prix Garantie')."""
    pattern, _ = _brand_pattern()
    start = max(0, hit[0] - 40)
    return any(
        m.start() <= hit[0] and hit[1] <= m.end()
        for m in pattern.finditer(line.text, start, min(len(line.text), hit[1] + 40))
    )


def known_brands(line: Line, clause: Clause) -> list[tuple[str, tuple[int, int]]]:
    """Retailers and brands of the market ('Zewa', 'Hengstenberg', 'Fuze Tea'), not the
    speaker's own ('unsere Wasa'); a retailer only in the buyer's mouth, since the KAM's
    'in SuperValu' names the account he sits with."""
    pattern, retailers = _brand_pattern()
    found = []
    for match in pattern.finditer(line.text, clause.start, clause.end):
        if _OWN.search(line.text[max(0, match.start() - 30) : match.start()]):
            continue
        if line.speaker == "kam" and match.group(0) in retailers:
            continue
        if match.group(0) in _everyday() and _as_word(line.text, match.start(), match.end()):
            continue
        if _NAME_BEFORE.search(line.text[max(0, match.start() - 30) : match.start()]):
            continue  # 'Electric Picnic branding': the end of another name, a festival
        if _TITLE_BEFORE.search(line.text[max(0, match.start() - 8) : match.start()]):
            continue  # 'Herr Brandt': a person, not the rusk brand
        found.append((match.group(0), (match.start(), match.end())))
    return found
