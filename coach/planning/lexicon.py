"""Language data of the planner: cue lists and templates from `data/*_<lang>.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from coach.domain import LEVERS, Lang, Lever
from coach.planning.cue_data import (
    alternation as _alternation,
)
from coach.planning.cue_data import (
    cue_pattern,
)
from coach.planning.cue_data import (
    load_yaml as _load_yaml,
)

# the signal cue lists every language file may fill (a missing one never matches)
SIGNALS = tuple(
    """
    weakness slow_seller criticism supplier_kpi pressure price_sensitive still_open negative decline
    positive strength goal fear competitor threat agreement_strong agreement_alone
    agreement_weak agreement_tail conditional_deal recap negation hedge past_report
    no_space recap_request partnership open_point trend chance proposal contact hurt
    launch praise resolved admission cost_rise supply_shock imperative request
    offer_to_send ask demand condition proposal_taken offer apology cause suggestion
    courtesy regards account_channel personal_praise meeting shelf_price strong_praise accepts_term
    """.split()
)


@dataclass(frozen=True)
class DateRule:
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Cues:
    """Compiled cue data of one language."""

    lang: Lang
    lever_cues: dict[Lever, re.Pattern[str]]
    extra_units: dict[str, str]
    count_units: frozenset[str]
    function_words: frozenset[str]
    conditional_start: re.Pattern[str]
    contrast: re.Pattern[str]
    stopwords: frozenset[str]
    part_of: str
    out_of: str  # 'one in five stores': between a part and its whole
    fraction_of: str  # 'three quarters of the stores': a fraction word before this is a share
    weak_cues: re.Pattern[str]
    count_stop: frozenset[str]
    variety: tuple[str, ...]  # 'zwölf verschiedene Reiswaffeln', 'six different flavours': SKUs
    not_dates: re.Pattern[str]
    past_dates: re.Pattern[str]  # 'letzten Herbst', 'since March': a date of the past
    past_lead: re.Pattern[str]  # a date that starts with such a word: 'letzten Monat', 'last week'
    deadline_lead: re.Pattern[str]  # a date that starts with 'bis', 'by': something is due
    article_numbers: frozenset[str]
    article_units: frozenset[str]
    self_words: re.Pattern[str]
    self_possessive: re.Pattern[str]
    market_words: re.Pattern[str]
    other_possessive: re.Pattern[str]
    lever_cores: dict[Lever, tuple[str, ...]]
    strength_levers: dict[Lever, re.Pattern[str]]
    other_words: re.Pattern[str]
    refusal_after: re.Pattern[str]
    signals: dict[str, re.Pattern[str]]
    goal_questions: re.Pattern[str]
    confirmations: re.Pattern[str]
    fillers: frozenset[str]
    competitor_name: re.Pattern[str]
    from_to: str
    name_blockers: frozenset[str]
    not_names: frozenset[str]
    abbreviations: frozenset[str]
    clause_breaks: tuple[str, ...]
    strip_leading: re.Pattern[str]
    bare_price: bool
    price_lead: re.Pattern[str]  # words right before a bare number that make it a price
    points_after: re.Pattern[str]  # 'drei Punkte mehr', 'two points on': points of margin
    anaphora: re.Pattern[str]  # a sentence opening that points back ('Das ist ...', 'That ...')
    reducers: re.Pattern[str]  # 'geringer', 'fewer': less of a bad thing is good news
    dates: tuple[re.Pattern[str], ...]
    ordinals: dict[str, int]
    months: dict[str, int]
    seasons: dict[str, int]
    default_lever: dict[str, Lever]
    fractions: dict[str, float]
    fraction_lead: frozenset[str]
    fraction_follow: str
    range_words: tuple[str, ...] = ()
    carry_to: tuple[str, ...] = ()  # 'six facings ... down to four': the unit carries forward
    range_pairs: tuple[tuple[str, str], ...] = ()  # 'von 30 auf 60 Tage'
    money_verbs: re.Pattern[str] = re.compile(r"(?!x)x")  # 'zahlen', 'cost': no topic of their own
    list_break: re.Pattern[str] = re.compile(r"(?<!\d),(?!\d)\s*|;\s*")  # items of an agreed list
    multiples: dict[str, float] = field(default_factory=dict)
    times_pattern: str = ""
    counted_noun: str = ""
    counted_stop: frozenset[str] = frozenset()
    # 'bei Ihnen', 'in your stores': in the KAM's mouth a place, not whose matter it is
    places: re.Pattern[str] = re.compile(r"(?!x)x")
    litotes: re.Pattern[str] = re.compile(r"(?!x)x")  # 'nicht schlecht': praise, no criticism
    dearer_after: re.Pattern[str] = re.compile(r"(?!x)x")  # '2 Cent mehr': a price gap
    sufferer: re.Pattern[str] = re.compile(r"(?!x)x")  # 'ich hatte', 'haben uns': who suffers
    whether: re.Pattern[str] = re.compile(r"(?!x)x")  # 'ob', 'whether': a question inside
    good_rate: float = 101.0  # a service level the KAM names from this rate up is a strength
    # names inside the buyer's sentence (languages that capitalise names only): what is no brand
    brand_names: dict[str, frozenset[str]] = field(default_factory=dict)
    # words between a share and its product word when the share is part of the product
    share_of: frozenset[str] = frozenset()
    # the units counted are a pack's contents ('24-pack', '88 Stück pro Pack'): the product
    pack_size: re.Pattern[str] = re.compile(r"(?!x)x")
    # 'vor zwei Jahren', 'two years ago': a figure of the past, never an agreed term
    history_before: re.Pattern[str] = re.compile(r"(?!x)x")
    history_after: re.Pattern[str] = re.compile(r"(?!x)x")
    # 'zwei Paletten statt drei', 'six instead of eight': the figure after it is given up
    replaced_before: re.Pattern[str] = re.compile(r"(?!x)x")
    # date words that are other words in lower case ('may', 'march', 'fall'): a date only
    # capitalised or after one of these ('in may', 'by march')
    lowercase_words: frozenset[str] = frozenset()
    lowercase_only_with: re.Pattern[str] = re.compile(r"(?!x)x")
    # the polite address written small in an all-lower-case line ('sie', 'ihnen'): capitalised
    polite_forms: re.Pattern[str] | None = None
    # a sentence opening an ultimatum ('Sonst ...', 'Otherwise ...'): the one before is a demand
    ultimatum_start: re.Pattern[str] = re.compile(r"(?!x)x")
    # words before a date that leave it the same date ('bis Ende April' is 'Ende April')
    date_prepositions: frozenset[str] = frozenset()
    # where one phrase of a sentence ends and another starts: a separator or 'und', 'but'
    joiner: re.Pattern[str] = re.compile(r"(?<!\d),|,(?!\d)|;")
    range_start: re.Pattern[str] = re.compile(r"(?!x)x")  # 'von', 'from': a date range opens
    # a date opened by these right after a share ('3,5 % ab KW 10') is when a condition starts
    effective_from: re.Pattern[str] = re.compile(r"(?!x)x")
    # a clock time around a number ('halb elf', '10 Uhr', 'half past ten'); '#' marks the number
    clock: re.Pattern[str] = re.compile(r"(?!x)x")
    # 'two for', 'zwei für' before an amount: a multibuy, a promotion's price
    multibuy: re.Pattern[str] = re.compile(r"(?!x)x")


def _from_to(raw: dict[str, Any]) -> str:
    """'Facings von 12 auf 8': a unit word, then two numbers."""
    words = raw.get("from_to", {})
    return rf"\s+{words.get('from', 'von')}\s+(?P<a>\S+)\s+{words.get('to', 'auf')}\s+(?P<b>\S+)"


def _list_break(joiners: list[str], starters: list[str]) -> re.Pattern[str]:
    """Where a list of agreed points splits: commas, semicolons, and a joiner ('und') that is
    followed by an article, a number or a possessive."""
    pattern = r",(?=\s)\s*|(?<!\d),(?!\d)\s*|;\s*"  # "KW 36, zwei Displays" splits too
    if joiners and starters:
        starter = _alternation(starters) + r"|\d"
        pattern += rf"|\s(?:{_alternation(joiners)})\s(?=(?:{starter})\b)"
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=4)
def cues(lang: Lang) -> Cues:
    """The compiled cue lists of `lang` ('de' or 'en')."""
    raw = _load_yaml(f"cues_{lang}.yaml")
    signals = {name: cue_pattern(raw["signals"].get(name, [])) for name in SIGNALS}
    extra_units = {str(k).lower(): str(v) for k, v in raw.get("extra_units", {}).items()}
    verbs = "|".join(
        re.escape(v).replace(r"\ ", r"\s+")
        for v in sorted(raw["competitor_verbs"], key=len, reverse=True)
    )
    name = r"(?P<name>[A-ZÄÖÜ][\wäöüß&'-]+)"
    prefix = raw["dates"]["prefix"]
    # a trainee who types 'bis ende märz' or 'kw 12' still names dates: patterns ignore case,
    # and the words that are dates only when capitalised need a date word before them
    dates = tuple(
        re.compile(rf"(?<![\w.,-])(?i:{prefix})(?:{rule['re']})", re.IGNORECASE)
        for rule in raw["dates"]["patterns"]
    )
    return Cues(
        lang=lang,
        lever_cues={lever: cue_pattern(raw["lever_cues"].get(lever, [])) for lever in LEVERS},
        extra_units=extra_units,
        stopwords=frozenset(str(w).lower() for w in raw.get("stopwords", [])),
        contrast=cue_pattern(raw.get("contrast", [])),
        function_words=frozenset(str(w).lower() for w in raw.get("function_words", [])),
        conditional_start=re.compile(
            rf"^\W*(?:{_alternation(raw.get('conditional_start', []))})\b",
            re.IGNORECASE,
        ),
        count_units=frozenset(str(u) for u in raw.get("count_units", [])),
        part_of=str(raw.get("part_of", "(?!x)x")),
        fraction_of=str(raw.get("fraction_of", "(?!x)x")),
        out_of=str(raw.get("out_of", "(?!x)x")),
        weak_cues=cue_pattern(raw.get("weak_cues", [])),
        count_stop=frozenset(str(w).lower() for w in raw.get("count_stop", [])),
        variety=tuple(str(w) for w in raw.get("variety", [])),
        past_dates=re.compile(
            rf"\b(?:{'|'.join(raw['dates'].get('past_after', ['(?!x)x']))})\s*$", re.IGNORECASE
        ),
        past_lead=re.compile(
            rf"^(?:{'|'.join(raw['dates'].get('past_after', ['(?!x)x']))})\b", re.IGNORECASE
        ),
        deadline_lead=re.compile(
            rf"^(?:{_alternation(raw['dates'].get('deadline_lead', []))})\b", re.IGNORECASE
        ),
        date_prepositions=frozenset(str(w).lower() for w in raw["dates"].get("prepositions", [])),
        joiner=re.compile(
            rf"(?<!\d),|,(?!\d)|;|\b(?:{_alternation(raw.get('joiners', []))})\b", re.IGNORECASE
        ),
        range_start=re.compile(
            rf"\b(?:{_alternation(raw['dates'].get('range_start', []))})\b", re.IGNORECASE
        ),
        effective_from=re.compile(
            rf"^(?:{_alternation(raw['dates'].get('effective_from', []))})\b", re.IGNORECASE
        ),
        clock=re.compile(raw["clock"], re.IGNORECASE) if raw.get("clock") else re.compile("(?!x)x"),
        multibuy=re.compile(rf"(?:{raw['multibuy']})\s*$", re.IGNORECASE)
        if raw.get("multibuy")
        else re.compile(r"(?!x)x"),
        not_dates=re.compile(
            rf"\b(?:{'|'.join(raw['dates'].get('not_after', ['(?!x)x']))})\s*$", re.IGNORECASE
        ),
        article_numbers=frozenset(str(w).lower() for w in raw.get("article_numbers", [])),
        article_units=frozenset(str(w) for w in raw.get("article_units", [])),
        self_words=cue_pattern(raw["self_words"]),
        self_possessive=cue_pattern(raw.get("self_possessive", [])),
        market_words=cue_pattern(raw.get("market_words", [])),
        other_possessive=cue_pattern(
            raw.get("other_possessive", []),
            case_sensitive=bool(raw.get("other_words_case_sensitive")),
        ),
        strength_levers={
            lever: cue_pattern(words) for lever, words in raw.get("strength_levers", {}).items()
        },
        lever_cores={
            lever: tuple(
                str(cue).strip("*").lower()
                for cue in raw["lever_cues"].get(lever, [])
                if not str(cue).startswith("re:")
            )
            for lever in LEVERS
        },
        other_words=cue_pattern(
            raw["other_words"], case_sensitive=bool(raw.get("other_words_case_sensitive"))
        ),
        refusal_after=re.compile(raw.get("refusal_after", "(?!x)x"), re.IGNORECASE),
        signals=signals,
        goal_questions=cue_pattern(raw["goal_questions"]),
        confirmations=cue_pattern(raw["confirmations"]),
        fillers=frozenset(str(f).lower() for f in raw["fillers"]),
        competitor_name=re.compile(rf"{name}\s+(?:{verbs})\b"),
        from_to=_from_to(raw),
        name_blockers=frozenset(str(w).lower() for w in raw["name_blockers"]),
        not_names=frozenset(str(w) for w in raw["not_names"]),
        abbreviations=frozenset(str(w).lower() for w in raw["abbreviations"]),
        clause_breaks=tuple(str(b) for b in raw["clause_breaks"]),
        strip_leading=re.compile(
            rf"^(?:(?:{'|'.join(re.escape(w) for w in raw['strip_leading'])})\b[\s,]*)+",
            re.IGNORECASE,
        ),
        bare_price=bool(raw.get("bare_price", False)),
        price_lead=re.compile(
            r"\b(?:" + "|".join(map(re.escape, raw.get("price_lead", []))) + r")\s+$",
            re.IGNORECASE,
        )
        if raw.get("price_lead")
        else re.compile(r"(?!)"),
        points_after=re.compile(
            r"^\s+(?:" + "|".join(re.escape(str(w)) for w in raw.get("points_after", [])) + r")\b",
            re.IGNORECASE,
        ),
        reducers=cue_pattern(raw["reducers"]) if raw.get("reducers") else re.compile("(?!)"),
        anaphora=re.compile(
            r"^\W*(?:(?:" + "|".join(map(re.escape, raw.get("anaphora_lead", []))) + r")\W+)*"
            r"(?:" + "|".join(map(re.escape, raw.get("anaphora", []))) + r")\b",
            re.IGNORECASE,
        )
        if raw.get("anaphora")
        else re.compile(r"(?!)"),
        dates=dates,
        ordinals={str(k).lower(): int(v) for k, v in raw["dates"]["ordinals"].items()},
        months={str(k).lower(): int(v) for k, v in raw["dates"]["months"].items()},
        lowercase_only_with=re.compile(
            rf"(?:{raw['dates']['lowercase_only_with']})\s+$", re.IGNORECASE
        )
        if raw["dates"].get("lowercase_only_with")
        else re.compile(r"(?!x)x"),
        ultimatum_start=re.compile(
            rf"^\W*(?:{_alternation(raw['ultimatum_start'])})\b", re.IGNORECASE
        )
        if raw.get("ultimatum_start")
        else re.compile(r"(?!x)x"),
        polite_forms=re.compile(rf"\b(?:{_alternation(raw['polite_forms'])})\b")
        if raw.get("polite_forms")
        else None,
        lowercase_words=frozenset(str(w).lower() for w in raw["dates"].get("lowercase_words", [])),
        seasons={str(k).lower(): int(v) for k, v in raw["dates"]["seasons"].items()},
        default_lever=dict(raw["default_lever"]),
        fractions={str(k).lower(): float(v) for k, v in raw.get("fractions", {}).items()},
        fraction_lead=frozenset(str(w).lower() for w in raw.get("fraction_lead", [])),
        fraction_follow=str(raw.get("fraction_follow", "")),
        range_words=tuple(str(w) for w in raw.get("range_words", [])),
        carry_to=tuple(str(w) for w in raw.get("carry_to", [])),
        range_pairs=tuple((str(a), str(b)) for a, b in raw.get("range_pairs", [])),
        money_verbs=cue_pattern(raw.get("money_verbs", [])),
        list_break=_list_break(raw.get("list_joiners", []), raw.get("list_starters", [])),
        multiples={str(k).lower(): float(v) for k, v in raw.get("multiples", {}).items()},
        times_pattern=str(raw.get("times_pattern", "")),
        counted_noun=str(raw.get("counted_noun", "")),
        counted_stop=frozenset(str(w).lower() for w in raw.get("counted_stop", [])),
        good_rate=float(raw.get("good_rate", 101.0)),
        brand_names={
            key: frozenset(str(w) if key == "not_names" else str(w).lower() for w in words)
            for key, words in (raw.get("brand_names") or {}).items()
        },
        share_of=frozenset(str(w).lower() for w in raw.get("share_of", [])),
        pack_size=re.compile(raw["pack_size"], re.IGNORECASE)
        if raw.get("pack_size")
        else re.compile(r"(?!x)x"),
        whether=cue_pattern(raw.get("whether", [])) if raw.get("whether") else re.compile("(?!x)x"),
        sufferer=cue_pattern(raw.get("sufferer", []), case_sensitive=True)
        if raw.get("sufferer")
        else re.compile(r"(?!x)x"),
        litotes=re.compile(
            rf"\s+(?:\w+\s+){{0,2}}?(?:{_alternation(raw.get('litotes', []))})\b", re.IGNORECASE
        ),
        dearer_after=re.compile(
            rf"\s*(?:{_alternation(raw.get('dearer_after', []))})\b", re.IGNORECASE
        )
        if raw.get("dearer_after")
        else re.compile(r"(?!x)x"),
        places=cue_pattern(raw.get("places", []), case_sensitive=True)
        if raw.get("places")
        else re.compile(r"(?!x)x"),
        history_before=re.compile(
            rf"\b(?:{_alternation(raw.get('history_before', []))})\s+$", re.IGNORECASE
        )
        if raw.get("history_before")
        else re.compile(r"(?!x)x"),
        replaced_before=re.compile(
            rf"\b(?:{_alternation(raw.get('replaced_before', []))})\s+$", re.IGNORECASE
        )
        if raw.get("replaced_before")
        else re.compile(r"(?!x)x"),
        history_after=re.compile(
            rf"^\s*(?:{_alternation(raw.get('history_after', []))})\b", re.IGNORECASE
        )
        if raw.get("history_after")
        else re.compile(r"(?!x)x"),
    )
