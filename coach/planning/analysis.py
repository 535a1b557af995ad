"""Reading one line of a dialogue: sentences, clauses, who is meant, which lever, which dates.

Everything here works on character offsets into the original text, so the planner can quote
the source word for word (it never rewrites a number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from coach.domain import Lang, Lever, Speaker
from coach.planning.lexicon import Cues, cues
from coach.planning.numbers import find_figures
from coach.planning.sentences import Clause, split_clauses
from coach.scoring.figures import Figure, lexicon
from coach.scoring.speech import plain_typography, without_fillers

Owner = str  # "manufacturer" | "account"


@dataclass(frozen=True)
class LeverCue:
    start: int
    end: int
    lever: Lever
    word: str


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str
    quarter: str | None
    past: bool = False  # 'letzten Herbst', 'since March': context, never a deadline


@dataclass
class Line:
    """One analysed utterance (a turn, or a line of scenario text with turn -1)."""

    turn: int
    speaker: Speaker | None
    text: str
    lang: Lang
    clauses: list[Clause]
    lever_cues: list[LeverCue]
    figures: list[Figure]
    dates: list[DateSpan]
    signals: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def quote(self, clause: Clause, c: Cues, limit: int = 200) -> str:
        """The clause as a readable quote: no leading 'aber', no trailing punctuation."""
        text = re.sub(r"\s+", " ", self.text[clause.start : clause.end]).strip()
        text = c.strip_leading.sub("", text).strip(" ,;:–-")
        if len(text) > limit:
            cut = text.rfind(" ", 0, limit)
            text = text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"
        return text[:1].upper() + text[1:] if text else text

    def hits(self, signal: str, clause: Clause) -> list[tuple[int, int]]:
        return [h for h in self.signals.get(signal, []) if clause.start <= h[0] < clause.end]


def with_antecedent(line: Line, clause: Clause, c: Cues, limit: int) -> Clause:
    """A short sentence that points back ('Das ist Ihr größtes Problem.', 'That hurts us.')
    together with the sentence before it, which says what 'das' is, when both fit `limit`."""
    sentence = line.text[clause.sentence_start : clause.sentence_end]
    if len(sentence) > limit // 2 or not c.anaphora.search(sentence):
        return clause
    before = [cl for cl in line.clauses if cl.sentence_end <= clause.sentence_start]
    if not before or clause.sentence_end - before[-1].sentence_start > limit:
        return clause
    start = before[-1].sentence_start
    return Clause(start, clause.end, start, clause.sentence_end, clause.question)


def find_dates(text: str, c: Cues) -> list[DateSpan]:
    """Dates and deadlines, longest first, without overlaps ('bis Ende März', 'KW 12', 'Q3')."""
    found: list[DateSpan] = []
    for pattern in c.dates:
        for match in pattern.finditer(text):
            before = text[: match.start()][-25:]
            if not match.group(0).strip() or re.match(r"[.,]\d", text[match.end() :]):
                continue  # 'KW 1,5' is no week: the number goes on
            if lexicon(c.lang).money_around(text, match.start(), match.end()):
                continue  # 'CHF 3.90.', '4.20 Franken': a price, no date
            if c.not_dates.search(before):
                past = c.past_dates.search(before)
                if past:  # 'im letzten Herbst', 'since March': a date of the past
                    start = match.start() - len(before) + past.start()
                    found.append(
                        DateSpan(start, match.end(), text[start : match.end()], None, True)
                    )
                continue
            words = match.group(0).strip()
            if words in c.lowercase_words and not c.lowercase_only_with.search(before):
                continue  # 'prices may rise', 'sales fall': no date
            if c.past_lead.match(words):  # 'letzten Monat', 'last week'
                found.append(DateSpan(match.start(), match.end(), words, None, past=True))
                continue
            found.append(DateSpan(match.start(), match.end(), words, _quarter(match, c)))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    kept: list[DateSpan] = []
    for date in found:
        if all(date.end <= k.start or date.start >= k.end for k in kept):
            kept.append(date)
    return sorted(kept, key=lambda d: d.start)


def _quarter(match: re.Match[str], c: Cues) -> str | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "week" in groups:
        week = int(groups["week"])
        return f"Q{min(4, (week - 1) // 13 + 1)}" if 1 <= week <= 53 else None
    if "quarter" in groups:
        return f"Q{groups['quarter']}"
    if "ordinal" in groups:
        return f"Q{c.ordinals[groups['ordinal'].lower()]}"
    month = c.months.get(groups.get("month", "").lower())
    if month is None and "month_num" in groups and 1 <= int(groups["month_num"]) <= 12:
        month = int(groups["month_num"])
    if month:
        return f"Q{(month - 1) // 3 + 1}"
    if "half" in groups or "half_num" in groups:
        first = groups.get("half_num") == "1" or groups.get("half", "").lower() in (
            "ersten",
            "first",
        )
        return "Q1" if first else "Q3"
    if "season" in groups:
        return f"Q{c.seasons[groups['season'].lower()]}"
    return None


def find_lever_cues(text: str, c: Cues) -> list[LeverCue]:
    """Lever words; a compound matched by two levers keeps the lever of its head, the last part
    ('Aktionstruhe' is a Truhe: placement; 'Preisaktion' is an Aktion: promotion)."""
    found: dict[tuple[int, int], list[LeverCue]] = {}
    for lever, pattern in c.lever_cues.items():
        for match in pattern.finditer(text):
            cue = LeverCue(match.start(), match.end(), lever, match.group(0))
            found.setdefault((cue.start, cue.end), []).append(cue)
    kept = [max(group, key=lambda cue: _head_length(cue, c)) for group in found.values()]
    # the first or last word of a longer phrase is not a cue of its own: 'shelf life' is no
    # shelf, a 'price list' no listing
    kept = [
        cue
        for cue in kept
        if not any(
            (o.start == cue.start and cue.end < o.end) or (o.start < cue.start and cue.end == o.end)
            for o in kept
        )
    ]
    return sorted(kept, key=lambda cue: (cue.start, -(cue.end - cue.start)))


def _head_length(cue: LeverCue, c: Cues) -> int:
    word = cue.word.lower()
    return max((len(core) for core in c.lever_cores[cue.lever] if word.endswith(core)), default=0)


_PRODUCT_KIND = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+-[a-zäöüß][\w-]*|(?:Non|Low|No|Zero)-\w+")
COST_WORD = re.compile(r"(?i)cost|kosten|pric|preis")


def analyse_line(turn: int, speaker: Speaker | None, text: str, lang: Lang) -> Line:
    """Clauses, lever cues, figures, dates and signal hits of one utterance."""
    c = cues(lang)
    text = with_polite_address(without_fillers(plain_typography(text), lang), c)
    dates = find_dates(text, c)
    line = Line(
        turn=turn,
        speaker=speaker,
        text=text,
        lang=lang,
        clauses=split_clauses(text, c),
        lever_cues=find_lever_cues(text, c),
        figures=find_figures(text, lang, c, dates),
        dates=dates,
    )
    for name, pattern in c.signals.items():
        line.signals[name] = [(m.start(), m.end()) for m in pattern.finditer(text)]
    # 'Our 330ml cans are up 14 percent': our own product grows, no raw material got dearer
    # ('Unsere Rohstoffkosten sind gestiegen' still names a cost)
    line.signals["cost_rise"] = [
        h
        for h in line.signals.get("cost_rise", [])
        if COST_WORD.search(text, h[0], h[1])
        or not c.self_possessive.search(" ".join(text[max(0, h[0] - 30) : h[0]].split()[-2:]))
    ]
    return line


def with_polite_address(text: str, c: Cues) -> str:
    """A line typed all in lower case ('können sie mir das schicken') writes the polite 'Sie'
    small: capitalise it back, so the line still says whom it addresses. Same length."""
    if not c.polite_forms or any(ch.isupper() for ch in text):
        return text
    return c.polite_forms.sub(lambda m: m.group(0).capitalize(), text)


def clause_only(clause: Clause) -> Clause:
    """The clause as its own sentence: for readings that must not lean on the rest."""
    return replace(clause, sentence_start=clause.start, sentence_end=clause.end)


def owner_of(line: Line, clause: Clause, c: Cues) -> Owner | None:
    """Whose matter a clause is: 'we/our' is the speaker's side, 'you/your' the other side."""
    for lo, hi in ((clause.start, clause.end), (clause.sentence_start, clause.sentence_end)):
        segment = line.text[lo:hi]
        if line.speaker == "kam":  # 'Bellaforno ist bei Ihnen gewachsen' is our brand's news
            segment = c.places.sub(lambda m: " " * len(m.group(0)), segment)
        # Possessives first: in 'Da haben Sie recht, unsere Spedition ...' the matter is ours.
        mine = c.self_possessive.search(segment)
        theirs = c.other_possessive.search(segment)
        if not mine and not theirs:
            mine = c.self_words.search(segment)
            theirs = c.other_words.search(segment)
        if not mine and not theirs:
            continue
        speaker_side = mine is not None and (theirs is None or mine.start() < theirs.start())
        if line.speaker == "kam":
            return "manufacturer" if speaker_side else "account"
        if line.speaker == "buyer":
            return "account" if speaker_side else "manufacturer"
        return None
    return None


def owner_before(line: Line, clause: Clause, pos: int, c: Cues) -> Owner | None:
    """Whose matter the words before `pos` are: the last possessive there decides
    ('In unseren Märkten stapeln sich Ihre Kästen, Ihre Fahrer holen zu wenig ab')."""
    segment = line.text[clause.start : pos]
    last: tuple[int, bool] | None = None
    for pattern, mine in ((c.self_possessive, True), (c.other_possessive, False)):
        for match in pattern.finditer(segment):
            if last is None or match.start() > last[0]:
                last = (match.start(), mine)
    if last is None or line.speaker not in ("kam", "buyer"):
        return None
    if line.speaker == "kam":
        return "manufacturer" if last[1] else "account"
    return "account" if last[1] else "manufacturer"


def hedged(line: Line, start: int, c: Cues) -> bool:
    """'I could accept that': a modal among the three words before `start`."""
    words = line.text[max(0, start - 30) : start].split()[-3:]
    return any(c.signals["hedge"].fullmatch(w.strip(",.;:!?")) for w in words)


def negated(line: Line, start: int, c: Cues, window: int = 5) -> bool:
    """A negation word among the words before `start` ("doesn't mean I will accept"), within
    its part of the sentence ('Wenn sie nicht drehen, fliegen sie raus' is a threat)."""
    before = re.split(r"[,;:–]|[.!?](?:\s|$)", line.text[max(0, start - 8 * window) : start])[-1]
    words = before.split()[-window:]
    return any(c.signals["negation"].fullmatch(w.strip(",.;:!?")) for w in words)


def denied(line: Line, hit: tuple[int, int], c: Cues) -> bool:
    """A negation before the words or among them ('Unser Absatz ist nicht gewachsen')."""
    inside = line.text[hit[0] : hit[1]].split()
    return negated(line, hit[0], c) or any(
        c.signals["negation"].fullmatch(w.strip(",.;:!?")) for w in inside
    )


def negated_after(line: Line, end: int, c: Cues, window: int = 2) -> bool:
    """A negation word right after `end` ("Das passt nicht", "that works not at all")."""
    words = line.text[end : end + 12 * window].split()[:window]
    return any(c.signals["negation"].fullmatch(w.strip(",.;:!?")) for w in words)


def competitor_names(line: Line, clause: Clause, c: Cues) -> list[tuple[str, tuple[int, int]]]:
    """Capitalised names before an offer verb ('Fizzco offers'), or right after 'Wettbewerber'."""
    found: list[tuple[str, tuple[int, int]]] = []

    units = lexicon(c.lang).units

    def is_name(word: str) -> bool:
        return (
            word not in c.not_names
            and word.lower() not in units  # '97 Prozent bleibt': a unit, no rival
            and not re.fullmatch(r"I['’]\w+", word)  # "I'll cut your range": no name
            # 'Meat-free is up', 'Non-HFSS is up six': a kind of product, no rival
            and not _PRODUCT_KIND.fullmatch(word)
            and not c.other_words.fullmatch(word)
            and not c.self_words.fullmatch(word)
            and word.lower() not in c.months
            and not any(p.fullmatch(word) for p in c.lever_cues.values())
            and not any(p.fullmatch(word) for p in c.signals.values())
        )

    cue_ends = {end for _, end in line.hits("competitor", clause)}
    for match in c.competitor_name.finditer(line.text, clause.start, clause.end):
        name = match.group("name").split()[0]
        start = match.start("name")
        before = line.text[:start].split()
        prev = before[-1].lower().strip(",.:;") if before else ""
        after_cue = any(0 <= start - end <= 1 for end in cue_ends)
        if is_name(name) and (prev not in c.name_blockers or after_cue):
            # 'Fuego Rojo just offered': the capitalised words before belong to the name
            end = start + len(name)
            while len(before) > 0 and re.fullmatch(r"[A-ZÄÖÜ][\wäöüß&'-]+", before[-1]):
                word = before.pop()
                if not is_name(word) or word.lower() in c.name_blockers:
                    break
                start = line.text.rindex(word, 0, start)
                name = line.text[start:end]
            found.append((name, (start, end)))
    for end in sorted(cue_ends):
        after = re.match(r"\s+([A-ZÄÖÜ][\wäöüß&'-]+)", line.text[end : clause.end])
        if after and is_name(after.group(1)):
            start, stop = end + after.start(1), end + after.end(1)
            # 'die Eigenmarke Casa Mia': the capitalised words that follow belong to the name
            while more := re.match(r"\s+([A-ZÄÖÜ][\wäöüß&'-]+)", line.text[stop : clause.end]):
                if not is_name(more.group(1)):
                    break
                stop += more.end(1)
            name = line.text[start:stop]
            if all(n != name and not n.startswith(name) for n, _ in found):
                found.append((name, (start, stop)))
    return found
