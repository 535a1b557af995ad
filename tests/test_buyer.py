"""Behaviour of the offline buyer: trust, interests, concessions, limits, determinism."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.buyer.perception import perceive
from coach.buyer.policy import choose_move
from coach.buyer.state import BuyerState, initial_state
from coach.buyer.voice import TemplateVoice
from coach.domain import BuyerType, Scenario, Utterance
from coach.scenarios import load_typologies

ROOT = Path(__file__).resolve().parent.parent
TYPOLOGY = load_typologies(ROOT / "knowledge" / "typologies")["disg"]


def make_scenario(type_code: str, lang: str = "de") -> Scenario:
    return Scenario.model_validate(
        {
            "id": f"test-{type_code.lower()}-{lang}",
            "title": "Jahresgespräch Kaffee",
            "lang": lang,
            "max_turns": 16,
            "levers": ["price", "promotion", "product"],
            "account": {
                "retailer": "Frischmarkt Nord",
                "format": "Vollsortimenter",
                "stores": 420,
                "category": "Kaffee",
                "situation": "Preiserhöhung nach Rohkaffee-Anstieg",
            },
            "buyer": {
                "name": "Frau Berger",
                "role": "Category Buyer",
                "typology": "disg",
                "type": type_code,
                "mood": "neutral",
                "hidden": {
                    "interests": [
                        {
                            "id": "margin",
                            "lever": "price",
                            "text": "unsere Marge in der Kategorie unter Druck ist",
                            "revealed_by": ["marge", "ertrag", "margin", "ziel", "goal", "druck"],
                        },
                        {
                            "id": "private-label",
                            "lever": "product",
                            "text": "wir die Eigenmarke ausbauen wollen",
                            "revealed_by": [
                                "eigenmarke",
                                "sortiment",
                                "private",
                                "range",
                                "strateg",
                            ],
                            "strategic": True,
                        },
                        {
                            "id": "footfall",
                            "lever": "promotion",
                            "text": "wir mehr Frequenz brauchen",
                            "revealed_by": ["aktion", "frequenz", "promotion", "kunden", "shopper"],
                        },
                    ],
                    "limits": {
                        "price": {
                            "metric": "price_increase",
                            "unit": "%",
                            "direction": "max",
                            "opening": 0.0,
                            "limit": 2.8,
                            "label": "Preiserhöhung",
                        },
                        "promotion": {
                            "metric": "wkz",
                            "unit": "%",
                            "direction": "min",
                            "opening": 5.0,
                            "limit": 3.5,
                            "label": "WKZ",
                        },
                        "product": {
                            "metric": "new_listings",
                            "unit": "SKU",
                            "direction": "max",
                            "opening": 1,
                            "limit": 2,
                            "label": "Neulistungen",
                        },
                    },
                    "batna": "Eigenmarke und Zweitlieferant",
                },
            },
            "brief": {
                "summary": "Setzen Sie die Preiserhöhung durch.",
                "objectives": [
                    {"lever": "price", "text": "Preiserhöhung", "target": 4.5, "unit": "%"}
                ],
            },
        }
    )


GOOD_DE = [
    "Guten Tag Frau Berger, schön, Sie zu sehen. Wie läuft es gerade in Ihrer Kategorie?",
    "Was sind denn Ihre wichtigsten Ziele für das nächste Jahr?",
    "Wenn ich Sie richtig verstehe, steht Ihre Marge unter Druck. Was bedeutet das für Ihre Sortimentsstrategie?",
    "Ich merke, dass Sie das beschäftigt. Wie können wir Sie bei der Frequenz unterstützen?",
    "Welche Rolle spielt die Eigenmarke in Ihren Plänen?",
]
PUSHY_DE = [
    "Wir brauchen 6 % Preiserhöhung, sonst liefern wir nicht mehr.",
    "Sie müssen die 6 % akzeptieren, das ist unser letztes Angebot.",
    "Das ist nicht verhandelbar. 6 % Preiserhöhung, Punkt.",
    "Ich erwarte bis morgen eine Zusage zu den 6 %.",
    "Entweder 6 % oder wir reduzieren die Belieferung.",
]


def run_dialogue(
    scenario: Scenario, kind: BuyerType, lines: list[str], seed: int = 7
) -> tuple[BuyerState, list[tuple[str, str]]]:
    state = initial_state(scenario, kind.behaviour.patience)
    history: list[tuple[str, str]] = []
    voice = TemplateVoice(kind, scenario, scenario.lang)
    for index, line in enumerate(lines):
        context = [Utterance(speaker=s, text=t) for s, t in history]  # type: ignore[arg-type]
        perception = perceive(line, scenario.lang, context, scenario)
        rng = random.Random(f"{seed}:{index}")
        decision, state = choose_move(state, perception, scenario, kind, rng)
        history += [("kam", line), ("buyer", voice.realise(decision, history, rng))]
        if state.finished:
            break
    return state, history


@pytest.mark.parametrize("code", ["D", "I", "S", "G"])
def test_listening_trainee_earns_more_trust_and_interests_than_a_pushy_one(code: str) -> None:
    scenario = make_scenario(code)
    kind = TYPOLOGY.types[code]
    good, _ = run_dialogue(scenario, kind, GOOD_DE)
    pushy, _ = run_dialogue(scenario, kind, PUSHY_DE)
    assert good.trust > pushy.trust
    assert len(good.revealed) > len(pushy.revealed)
    assert good.revealed, "open questions and paraphrases should reveal at least one interest"


def test_pushy_trainee_makes_an_impatient_buyer_walk_away() -> None:
    scenario = make_scenario("D")
    state, history = run_dialogue(scenario, TYPOLOGY.types["D"], PUSHY_DE * 3)
    assert state.outcome == "walk_away"
    assert history[-1][0] == "buyer"


def _offer_line(lever: str, value: float, conditional: bool) -> str:
    number = f"{value:.1f}".replace(".", ",")
    term = {
        "price": f"eine Preiserhöhung von {number} %",
        "promotion": f"{number} % WKZ",
        "product": f"{int(value)} Artikel Neulistung",
    }[lever]
    if conditional:
        return f"Wenn Sie die Zweitplatzierung zusagen, dann gehen wir auf {term}."
    return f"Wir bieten {term}."


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    code=st.sampled_from(["D", "I", "S", "G"]),
    offers=st.lists(
        st.tuples(
            st.sampled_from(["price", "promotion", "product"]),
            st.floats(min_value=0, max_value=9, allow_nan=False),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    ),
    agree=st.lists(st.booleans(), min_size=12, max_size=12),
)
def test_buyer_never_agrees_beyond_its_hidden_limits(code, offers, agree) -> None:
    scenario = make_scenario(code)
    kind = TYPOLOGY.types[code]
    lines = []
    for (lever, value, conditional), say_yes in zip(offers, agree, strict=False):
        lines.append(_offer_line(lever, round(value, 1), conditional))
        if say_yes:
            lines.append("Einverstanden, das passt für uns.")
    state, _ = run_dialogue(scenario, kind, lines)
    limits = scenario.buyer.hidden.limits
    for lever, value in state.agreed.items():
        limit = limits[lever]
        if limit.direction == "max":
            assert value <= limit.limit + 1e-9
        else:
            assert value >= limit.limit - 1e-9
    for lever, position in state.positions.items():
        low, high = sorted((limits[lever].opening, limits[lever].limit))
        assert low - 1e-9 <= position <= high + 1e-9


def _warm_up(scenario: Scenario, kind: BuyerType) -> BuyerState:
    state, _ = run_dialogue(scenario, kind, GOOD_DE[:3])
    return state


def test_dominant_buyer_exploits_a_free_concession() -> None:
    scenario = make_scenario("D")
    kind = TYPOLOGY.types["D"]
    base = _warm_up(scenario, kind)
    base = base.model_copy(update={"kam_offers": {"price": 4.5}, "trust": 0.8})
    context: list[Utterance] = []
    free = perceive("Gut, dann gehen wir eben auf 3,5 % Preiserhöhung.", "de", context, scenario)
    decision, after = choose_move(base, free, scenario, kind, random.Random(1))
    assert decision.move == "demand"
    assert after.positions["price"] == base.positions["price"], "no counter-move for a gift"
    assert after.free_concessions == 1

    conditional = perceive(
        "Wenn Sie zwei Artikel listen, dann gehen wir auf 3,5 % Preiserhöhung.",
        "de",
        context,
        scenario,
    )
    decision, after = choose_move(base, conditional, scenario, kind, random.Random(1))
    assert decision.move in {"counter_offer", "accept"}
    assert after.positions["price"] > base.positions["price"]


def test_same_seed_same_conversation() -> None:
    scenario = make_scenario("I")
    kind = TYPOLOGY.types["I"]
    lines = GOOD_DE + ["Wir schlagen 3 % Preiserhöhung vor, wenn Sie zwei Aktionen fahren."]
    first = run_dialogue(scenario, kind, lines, seed=11)
    second = run_dialogue(scenario, kind, lines, seed=11)
    assert first == second


def test_english_buyer_answers_in_english() -> None:
    scenario = make_scenario("G", lang="en")
    kind = TYPOLOGY.types["G"]
    _, history = run_dialogue(scenario, kind, ["What are your goals for the category next year?"])
    from coach.buyer.guard import detect_lang

    assert detect_lang(history[-1][1]) in ("en", None)


def test_agreed_terms_stay_agreed() -> None:
    scenario = make_scenario("I")
    kind = TYPOLOGY.types["I"]
    state = _warm_up(scenario, kind).model_copy(update={"agreed": {"price": 2.0}, "trust": 0.8})
    summary = perceive(
        "Dann halten wir fest: 2 % Preiserhöhung. Sind wir uns einig?", "de", [], scenario
    )
    decision, after = choose_move(state, summary, scenario, kind, random.Random(1))
    assert decision.move == "close" and after.outcome == "deal"
    assert after.agreed == {"price": 2.0}

    reopen = perceive("Dann halten wir fest: 2,5 % Preiserhöhung.", "de", [], scenario)
    decision, after = choose_move(state, reopen, scenario, kind, random.Random(1))
    assert decision.move == "object" and decision.offer == 2.0
    assert after.agreed == {"price": 2.0}
