"""SWOT of the manufacturer vs the account and its competitors, per 6-P, from the facts."""

from __future__ import annotations

from coach.domain import LEVERS, Fact, Lang, Scenario, Swot, SwotItem, Transcript
from coach.planning.cue_data import templates

QUADRANT_OF = {
    "strength": "strengths",
    "weakness": "weaknesses",
    "goal": "opportunities",
    "trend": "opportunities",
    "offer": "opportunities",
    "fear": "threats",
    "competitor": "threats",
    "threat": "threats",
}
MAX_PER_QUADRANT = 10
# which kind labels an item when one quote is two facts of one quadrant (lower first)
TELLING = {
    "threat": 0,
    "weakness": 0,
    "strength": 0,
    "goal": 1,
    "fear": 1,
    "competitor": 2,
    "pain": 3,
    "channel": 1,  # 'Recipes work well in our Plussa app': the channel says more than the trend
}


def quadrant_of(fact: Fact) -> str | None:
    """Where a fact belongs; a buyer's falling sales are a market threat, other pains a chance."""
    if fact.kind == "pain":
        # a full shelf means something must go for anything new: a threat, like falling sales
        # shoppers counting every cent press on price: a market threat too
        scarce = bool({"decline", "no_space", "price_pressure"} & set(fact.tags))
        return "threats" if scarce else "opportunities"
    return QUADRANT_OF.get(fact.kind)


def kind_key(fact: Fact) -> str:
    """The kind that labels the fact's SWOT item: the account's channel is a trend of its own."""
    return "channel" if "channel" in fact.tags else fact.kind


def item_text(fact: Fact, lang: Lang) -> str:
    prefixes = templates(lang)["swot_prefix"].get(kind_key(fact), {})
    who = "scenario" if fact.source == "scenario" else (fact.speaker or "scenario")
    prefix = prefixes.get(who) or next(iter(prefixes.values()), "")
    name = next((t.split("=", 1)[1] for t in fact.tags if t.startswith("name=")), "")
    if name and fact.kind == "competitor":
        prefix = f"{prefix} ({name})"
    return f"{prefix}: {fact.text}" if prefix else fact.text


def revealed_interests(transcript: Transcript, scenario: Scenario) -> list[tuple[int, list[int]]]:
    """Scenario interests whose topic words the buyer touched: (index, turns)."""
    found = []
    for index, interest in enumerate(scenario.buyer.hidden.interests):
        words = [w.lower() for w in interest.revealed_by if w.strip()]
        turns = [
            i
            for i, turn in enumerate(transcript.turns)
            if turn.speaker == "buyer" and any(w in turn.text.lower() for w in words)
        ]
        if turns:
            found.append((index, turns))
    return found


def draft_swot(
    facts: list[Fact],
    lang: Lang,
    transcript: Transcript | None = None,
    scenario: Scenario | None = None,
) -> Swot:
    """Strengths, weaknesses, opportunities and threats, each item with its evidence turns."""
    quadrants: dict[str, dict[str, SwotItem]] = {q: {} for q in QUADRANT_OF.values()}
    kinds: dict[tuple[str, str], str] = {}  # the fact kind each item is labelled by
    quadrants.setdefault("opportunities", {})
    for fact in facts:
        quadrant = quadrant_of(fact)
        if quadrant is None:
            continue
        # One clause may carry two facts of one quadrant (a fear and a competitor): keep one item,
        # labelled by the more telling kind ('I'm cutting your range ... to our own label' is
        # the buyer's threat before it is a rival)
        key = fact.text
        items = quadrants[quadrant]
        if key in items:
            known = items[key]
            known.evidence_turns = sorted(set(known.evidence_turns) | set(fact.turns))
            if TELLING.get(kind_key(fact), 9) < TELLING.get(kinds[quadrant, key], 9):
                known.text, kinds[quadrant, key] = item_text(fact, lang), kind_key(fact)
                known.p = fact.lever  # the telling fact names the lever too
            continue
        kinds[quadrant, key] = kind_key(fact)
        items[key] = SwotItem(
            text=item_text(fact, lang), p=fact.lever, evidence_turns=list(fact.turns)
        )
    if scenario is not None and transcript is not None:
        label = templates(lang)["swot_prefix"]["goal"]["scenario"]
        quote = templates(lang)["render"]["quote"]
        for index, turns in revealed_interests(transcript, scenario):
            interest = scenario.buyer.hidden.interests[index]
            # Interests are written as the buyer's own words: quote them.
            text = f"{label}: {quote.format(text=interest.text)}"
            quadrants["opportunities"].setdefault(
                interest.text, SwotItem(text=text, p=interest.lever, evidence_turns=turns)
            )

    def ordered(items: dict[str, SwotItem]) -> list[SwotItem]:
        # 'Wir hatten einen Ausfall.' beside 'Wir hatten einen Ausfall. Das war unser Fehler.':
        # one item, the longer quote, with the evidence of both
        for key in sorted(items, key=len):
            core = key.lower().rstrip(".!?")
            longer = next((k for k in items if k != key and core in k.lower()), None)
            if longer is not None:
                merged = sorted(set(items[longer].evidence_turns) | set(items[key].evidence_turns))
                items[longer].evidence_turns = merged
                del items[key]
        values = sorted(
            items.values(),
            key=lambda i: (LEVERS.index(i.p), i.evidence_turns[:1] or [-1]),
        )
        return values[:MAX_PER_QUADRANT]

    return Swot(
        strengths=ordered(quadrants["strengths"]),
        weaknesses=ordered(quadrants["weaknesses"]),
        opportunities=ordered(quadrants["opportunities"]),
        threats=ordered(quadrants["threats"]),
    )
