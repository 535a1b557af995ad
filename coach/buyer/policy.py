"""The buyer's policy: WHAT the buyer does next, from typology and state (never from an LLM).

Concession behaviour follows Faratin, Sierra & Jennings (1998): Boulware holds and concedes late,
Conceder gives early, tit-for-tat mirrors the trainee's (conditional) concessions; risk-averse
types move for pilots and guarantees, evidence-driven ones for data. Deal terms never pass the
hidden limits of the scenario, whatever the trainee writes.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from coach.buyer.perception import Perception, touches_interest
from coach.buyer.state import BuyerState
from coach.domain import BuyerType, Interest, Lever, Limit, Move, Offer, Scenario


@dataclass(frozen=True)
class Decision:
    """The buyer's next act; the voice only words it."""

    move: Move
    lever: Lever | None = None
    offer: float | None = None
    their_offer: float | None = None
    interest: Interest | None = None
    deal: dict[Lever, float] = field(default_factory=dict)


def within(limit: Limit, value: float, position: float) -> bool:
    """Is a trainee value acceptable at the buyer's current position?"""
    return value <= position + 1e-9 if limit.direction == "max" else value >= position - 1e-9


def beyond_limit(limit: Limit, value: float) -> bool:
    return not within(limit, value, limit.limit)


# Units counted in whole numbers: nobody lists 1.4 articles.
WHOLE_UNITS = {
    "SKU",
    "stores",
    "promotions",
    "weeks",
    "week",
    "displays",
    "facings",
    "days",
    "months",
    "pallets",
    "years",
    "quarters",
    "Artikel",
    "Filialen",
    "Aktionen",
    "Wochen",
    "Zweitplatzierungen",
    "Tage",
    "Monate",
}


def _clamp_position(limit: Limit, value: float) -> float:
    """Round to a sayable step, always toward the buyer's side, and stay within the limits."""
    if limit.unit in {"EUR", "€"}:
        # Money in round sums: 22,386 EUR reads like a typo, 22,400 like an offer.
        step = float(10 ** max(0, math.floor(math.log10(max(abs(limit.limit), 1.0))) - 2))
    else:
        step = 1.0 if limit.unit in WHOLE_UNITS else 0.1
    steps = value / step
    rounded = math.floor(steps + 1e-9) if limit.direction == "max" else math.ceil(steps - 1e-9)
    low, high = sorted((limit.opening, limit.limit))
    return round(min(max(rounded * step, low), high), 2)


def _update_trust(state: BuyerState, p: Perception, kind: BuyerType) -> None:
    b = kind.behaviour
    delta = 0.0
    loss = 0.0
    if p.open_question:
        delta += b.trust_per_open_question
    if p.listening:
        delta += b.trust_per_paraphrase
    if p.emotion:
        delta += b.trust_per_emotion
    if p.small_talk:
        delta += b.trust_per_small_talk if state.talk_turns < b.talk_tolerance else -0.03
    if p.evidence:
        delta += b.trust_per_evidence
    if p.benefit:
        delta += b.trust_per_benefit
    if p.risk_reduction and kind.concession.tactic == "risk_averse":
        delta += 0.05
    if p.pressure:
        loss += b.trust_loss_pressure
    if p.pushing_on_feelings:
        loss += b.trust_loss_ignored_feeling
    # Gains flatten as trust grows: the last bit of trust is the hardest to earn.
    gain = delta * (1.2 - state.trust) if delta > 0 else delta
    state.trust = round(min(1.0, max(0.0, state.trust + gain - loss)), 3)


def _may_concede(state: BuyerState, p: Perception, kind: BuyerType, kam_conceded: bool) -> bool:
    style = kind.concession
    if state.trust < style.trust_needed:
        return False
    if style.demands_counter and not (p.conditional or kam_conceded):
        return False
    if style.tactic == "evidence":
        return p.evidence or p.conditional
    if style.tactic == "risk_averse":
        return p.risk_reduction or p.conditional or state.trust >= 0.7
    if style.tactic == "tit_for_tat":
        return kam_conceded or p.conditional
    return True


def _concession_step(
    state: BuyerState, limit: Limit, position: float, kind: BuyerType, max_turns: int
) -> float:
    style = kind.concession
    t = min(1.0, state.turn / max(1, max_turns))
    if style.tactic == "boulware":
        factor = max(0.15, t**2 * 2)
    elif style.tactic == "conceder":
        factor = 1.0 + max(0.0, state.trust - 0.5)
    else:
        factor = 0.6 + t
    gap = limit.limit - position
    return _clamp_position(limit, position + gap * min(1.0, style.speed * factor))


def _respond_to_offer(
    state: BuyerState,
    p: Perception,
    offer: Offer,
    limit: Limit,
    kind: BuyerType,
    scenario: Scenario,
) -> Decision:
    lever = offer.lever
    previous = state.kam_offers.get(lever)
    kam_conceded = previous is not None and (
        offer.value < previous if limit.direction == "max" else offer.value > previous
    )
    if kam_conceded:
        state.kam_concessions += 1
        if not p.conditional:
            state.free_concessions += 1
    state.kam_offers[lever] = offer.value
    position = state.positions.get(lever, limit.opening)

    if within(limit, offer.value, position):
        state.agreed[lever] = offer.value
        return Decision("accept", lever, offer=offer.value, their_offer=offer.value)

    if kam_conceded and not p.conditional and kind.concession.exploits_free_concessions:
        # A dominant buyer pockets a free concession and asks for more instead of moving.
        target = _next_open_lever(state, scenario, exclude=lever) or lever
        target_limit = scenario.buyer.hidden.limits[target]
        state.demanded.append(target)
        return Decision(
            "demand",
            target,
            offer=state.positions.get(target, target_limit.opening),
            their_offer=offer.value,
        )

    if _may_concede(state, p, kind, kam_conceded):
        new_position = _concession_step(state, limit, position, kind, scenario.max_turns)
        if new_position != position:
            state.buyer_concessions += 1
            state.positions[lever] = new_position
        if within(limit, offer.value, new_position):
            state.agreed[lever] = offer.value
            return Decision("accept", lever, offer=offer.value, their_offer=offer.value)
        state.demanded.append(lever)
        return Decision("counter_offer", lever, offer=new_position, their_offer=offer.value)

    state.demanded.append(lever)
    if beyond_limit(limit, offer.value) and (p.pressure or state.trust < 0.3):
        return Decision("reject", lever, offer=position, their_offer=offer.value)
    return Decision("object", lever, offer=position, their_offer=offer.value)


def _next_open_lever(
    state: BuyerState, scenario: Scenario, exclude: Lever | None = None
) -> Lever | None:
    for lever in scenario.levers:
        if lever in scenario.buyer.hidden.limits and lever not in state.agreed and lever != exclude:
            return lever
    return None


def _interest_to_reveal(state: BuyerState, p: Perception, scenario: Scenario) -> Interest | None:
    if not (p.open_question or p.listening or p.emotion):
        return None
    hidden = [i for i in scenario.buyer.hidden.interests if i.id not in state.revealed]
    for interest in hidden:
        needed = 0.45 if interest.strategic else 0.35
        if state.trust >= needed and touches_interest(p, interest.revealed_by):
            return interest
    if p.open_question and state.trust >= 0.5:
        hidden.sort(key=lambda i: i.strategic)
        return hidden[0] if hidden else None
    return None


def _all_agreed(state: BuyerState, scenario: Scenario) -> bool:
    limits = scenario.buyer.hidden.limits
    return bool(limits) and all(lever in state.agreed for lever in limits)


def choose_move(
    state: BuyerState, p: Perception, scenario: Scenario, kind: BuyerType, rng: random.Random
) -> tuple[Decision, BuyerState]:
    """Next buyer act and the state after it; the input state is not modified."""
    s = state.model_copy(deep=True)
    s.turn += 1
    _update_trust(s, p, kind)
    substance = bool(p.offers or p.levers)
    s.talk_turns = 0 if substance else s.talk_turns + 1
    if p.pressure:
        s.pressure_points += 1
        s.patience -= 1
    if s.talk_turns > kind.behaviour.talk_tolerance + 2:
        s.patience -= 1

    decision = _decide(s, p, scenario, kind, rng)
    if decision.move in ("accept", "counter_offer") and _all_agreed(s, scenario):
        decision = Decision("close", decision.lever, deal=dict(s.agreed))
    if decision.move == "close":
        s.outcome = "deal"
    elif decision.move == "walk_away":
        s.outcome = "walk_away"
    elif s.turn >= scenario.max_turns:
        if s.agreed:
            decision, s.outcome = Decision("close", deal=dict(s.agreed)), "deal"
        else:
            decision, s.outcome = Decision("walk_away"), "max_turns"
    s.last_move = decision.move
    named = decision.move in ("counter_offer", "demand") and decision.offer is not None
    s.last_offer = decision.lever if named else None
    return decision, s


def _decide(
    s: BuyerState, p: Perception, scenario: Scenario, kind: BuyerType, rng: random.Random
) -> Decision:
    limits = scenario.buyer.hidden.limits
    if p.leaving or s.patience <= 0:
        return Decision("walk_away")

    agreed_again = [o for o in p.offers if o.lever in s.agreed]
    for offer in agreed_again:
        if abs(offer.value - s.agreed[offer.lever]) > 1e-9:
            # Re-opening a settled term: the buyer holds the trainee to what was agreed.
            return Decision(
                "object", offer.lever, offer=s.agreed[offer.lever], their_offer=offer.value
            )
    # Restating agreed terms (a closing summary) is not a new offer.
    priced = [o for o in p.offers if o.lever in limits and o.lever not in s.agreed]
    if priced:
        decisions = [_respond_to_offer(s, p, o, limits[o.lever], kind, scenario) for o in priced]
        # With a package the buyer answers the weakest part: a rejection outranks a counter.
        rank = {"reject": 0, "demand": 1, "object": 2, "counter_offer": 3, "accept": 4}
        chosen = min(decisions, key=lambda d: rank.get(d.move, 5))
        if chosen.lever is not None and chosen.move != "accept":
            s.demanded.append(chosen.lever)  # a later "agreed" refers to what was said last
        return chosen

    if p.agreement and s.last_offer is not None and s.last_offer not in s.agreed:
        # "Einverstanden" accepts the figure the buyer named last, nothing else.
        named: Lever = s.last_offer
        s.agreed[named] = s.positions.get(named, limits[named].opening)
        return Decision("accept", named, offer=s.agreed[named])

    if p.closing:
        if _all_agreed(s, scenario) or (s.agreed and s.trust >= 0.5):
            return Decision("close", deal=dict(s.agreed))
        open_lever = _next_open_lever(s, scenario)
        return Decision(
            "object", open_lever, offer=s.positions.get(open_lever) if open_lever else None
        )

    if p.pressure:
        pressed = p.levers[0] if p.levers else _next_open_lever(s, scenario)
        return Decision("object", pressed, offer=s.positions.get(pressed) if pressed else None)

    interest = _interest_to_reveal(s, p, scenario)
    if interest is not None:
        s.revealed.append(interest.id)
        return Decision("reveal_interest", interest.lever, interest=interest)

    if p.small_talk and s.talk_turns <= kind.behaviour.talk_tolerance:
        return Decision("small_talk")

    lever: Lever | None = next((lv for lv in p.levers if lv in limits and lv not in s.agreed), None)
    if lever is None and s.talk_turns > kind.behaviour.talk_tolerance:
        lever = _next_open_lever(s, scenario)
    if lever is not None:
        s.demanded.append(lever)
        return Decision("demand", lever, offer=s.positions.get(lever, limits[lever].opening))
    return Decision("probe", p.levers[0] if p.levers else rng.choice(scenario.levers))
