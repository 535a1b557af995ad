"""Strengths, weaknesses, goals, offers, open points and competitors in everyday words (planner)."""

from __future__ import annotations

import pytest
from planning_support import facts_of, kinds, two_turns

from coach.domain import Transcript
from coach.planning import draft_plan
from coach.planning.swot import draft_swot


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [
        ("de", "Unsere Lieferquote lag im letzten Jahr bei 99,4 %.", "strength"),
        ("en", "Our service level last year was 98.7 %.", "strength"),
        (
            "de",
            "Unsere Lieferquote lag im letzten Jahr nur bei 89 %, das ist schlecht.",
            "weakness",
        ),
        ("de", "Wir haben 27 % Marktanteil in der Kategorie.", "strength"),
        ("en", "We have 41% share of canned soup in Ireland.", "strength"),
        ("de", "Bellaforno ist bei Ihnen im letzten Jahr um 6,8 Prozent gewachsen.", "strength"),
        ("en", "Our premium line grew 11 % in your stores last year.", "strength"),
    ],
)
def test_the_kams_own_good_figures_are_strengths(lang, line, kind) -> None:
    assert kind in kinds(lang, line)
    assert ("weakness" in kinds(lang, line)) is (kind == "weakness")


def test_a_rivals_failure_beside_our_service_level_is_no_weakness_of_ours() -> None:
    found = facts_of(
        "de",
        "kam",
        "Costa Mar hat gerade Lieferausfälle bei Thunfisch, wir liefern seit Jahren mit 99 % Servicegrad.",
    )
    assert [k for k, text in found if k == "strength" and "Servicegrad" in text]
    assert not [k for k, _ in found if k == "weakness"]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Aber da haben Sie ja nur sechs Sorten."),
        ("de", "Sie haben keinen Außendienst für Tankstellen."),
        ("de", "Ihre Lkw kommen ständig außerhalb der Zeitfenster."),
        ("de", "Ihre Regale sind in vielen Filialen nicht planogrammgerecht."),
        ("en", "Your vegan tub isn't certified."),
        ("en", "You only have two flavours in the range."),
        ("en", "Your weakness is the packaging."),
    ],
)
def test_the_buyers_criticism_of_you_is_a_weakness(lang, line) -> None:
    assert "weakness" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Haben Sie keine kleineren Gebinde?"),
        ("de", "Sie haben nicht unrecht."),
        ("en", "Your offer isn't bad at all."),
        ("de", "Ihr Angebot ist gar nicht schlecht."),
    ],
)
def test_a_question_or_a_double_negation_is_no_criticism(lang, line) -> None:
    assert "weakness" not in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "is_offer"),
    [
        ("de", "buyer", "Ich kann Ihnen den Newsletter anbieten, 180.000 Empfänger.", True),
        ("en", "buyer", "I can give you a featured placement in the dinner bundle.", True),
        ("de", "buyer", "Im Herbst können wir über eine Zweitplatzierung reden.", True),
        ("de", "kam", "Im Gegenzug hätten wir gern die Stirnseite im Mai.", True),
        ("en", "kam", "What I'd ask in return is the gondola end in May.", True),
        ("en", "kam", "I'd like to thank you for your time.", False),  # names no lever
        ("de", "buyer", "Ich kann Ihnen keine Zweitplatzierung geben.", False),  # refused
        ("en", "buyer", "Could I give you a featured placement?", False),  # a question
    ],
)
def test_an_offer_on_the_table_is_an_opportunity(lang, speaker, line, is_offer) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    facts = two_turns(lang, hello, line, speaker)
    assert ("offer" in {f.kind for f in facts}) is is_offer
    if is_offer:
        swot = draft_swot(facts, lang)
        assert [i for i in swot.opportunities if line[:20] in i.text]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ich hatte leere Truhen, gerade bei der Salami."),
        ("en", "I had empty gaps on the shelf for weeks."),
    ],
)
def test_a_failure_the_buyer_suffered_is_our_weakness_and_his_pain(lang, line) -> None:
    assert {"weakness", "pain"} <= {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "is_goal"),
    [
        ("de", "buyer", "Ich erwarte eine Preisabsenkung von 8 % ab dem 1. März.", True),
        ("de", "buyer", "Jeder Zentimeter muss sich rechnen.", True),
        ("de", "buyer", "Das muss ich erst intern klären.", False),  # his own to-do
        ("de", "buyer", "Wir müssen über Ihre Lieferungen reden.", False),
        ("en", "buyer", "Your pound pack needs to be visibly bigger.", True),
        ("en", "buyer", "Make it the top 150 stores and give me a TPR in October.", True),
        (
            "de",
            "kam",
            "Sie hatten angekündigt, dass Ihre Region das Regionalprogramm ausbauen will.",
            True,
        ),
        ("de", "kam", "Wir wollen unsere Marke stärken.", False),  # the KAM's own aim
    ],
)
def test_the_buyers_demands_and_the_goal_the_kam_names_are_goals(
    lang, speaker, line, is_goal
) -> None:
    assert ("goal" in {k for k, _ in facts_of(lang, speaker, line)}) is is_goal


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "owner"),
    [
        ("de", "kam", "Können Sie mir den Palettensaldo je Markt schicken?", "buyer"),
        ("de", "kam", "Schlagen Sie die Märkte vor?", "buyer"),
        ("en", "buyer", "Could you send me the promo artwork by Friday?", "kam"),
        ("de", "kam", "Den Planogramm-Entwurf schick ich Ihnen bis KW 30.", "kam"),
        ("de", "buyer", "Schreiben Sie mir das mit der Preisgarantie schriftlich.", "kam"),
        ("en", "buyer", "And put the whole thing in writing, so I can take it upstairs.", "kam"),
        ("en", "buyer", "Send me the item setup forms by Friday.", "kam"),
        ("de", "kam", "Darf ich Ihnen Abverkaufsdaten aus dem Testmarkt schicken?", "kam"),
        ("en", "kam", "Pallet spec comes tomorrow, along with the newsletter text.", "kam"),
        ("de", "buyer", "Das kläre ich intern bis Freitag.", "buyer"),
    ],
)
def test_requests_and_promises_are_open_points_with_an_owner(lang, speaker, line, owner) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    points = [f for f in two_turns(lang, hello, line, speaker) if f.kind == "open_point"]
    assert [f"owner={owner}" in f.tags for f in points] == [True]


@pytest.mark.parametrize(
    ("lang", "line", "is_strength"),
    [
        ("en", "We already run vendor-managed inventory with two retailers.", True),
        (
            "de",
            "Die Zusatzmenge ist kein Problem, wir fahren seit Januar im Dreischichtbetrieb.",
            True,
        ),
        ("en", "Slim coolers? We have them ready to ship.", True),
        (
            "en",
            "It's the number one kids' cereal in the market, and your own label doesn't come close.",
            True,
        ),
        ("en", "You already have two freezers in those stores.", False),  # the account's
    ],
)
def test_the_kams_capabilities_are_strengths(lang, line, is_strength) -> None:
    assert ("strength" in kinds(lang, line)) is is_strength


def test_a_refusal_with_a_filler_word_is_a_worry_quoted_with_what_it_refuses() -> None:
    found = facts_of(
        "de",
        "buyer",
        "Category Captain, das ist der Preis. Und das will ich eigentlich nicht.",
    )
    assert "goal" not in {k for k, _ in found}
    assert [text for k, text in found if k == "fear" and "Category Captain" in text]


def test_an_asset_after_the_other_sides_possessive_is_not_our_strength() -> None:
    line = "Wir bauen das Planogramm und Sie prüfen es mit Ihrer Marktforschung gegen."
    assert "strength" not in kinds("de", line)
    assert "strength" in kinds("de", "Unsere Marktforschung zeigt das Gegenteil.")


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        (
            "en",
            "Fuego Rojo just offered me a free-fill on their new squeeze bottles.",
            "Fuego Rojo",
        ),
        ("en", "Honestly, Crunchy Go has offered 6,000 euros for the chain.", "Crunchy Go"),
        ("de", "Der Kräuterhof hat uns angeboten, das Regal umzubauen.", None),  # 'Der' blocks
    ],
)
def test_a_competitors_name_keeps_all_its_capitalised_words(lang, line, name) -> None:
    facts = two_turns(lang, "Hello." if lang == "en" else "Hallo.", line)
    names = [t.split("=", 1)[1] for f in facts for t in f.tags if t.startswith("name=")]
    assert names == ([name] if name else [])


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "en",
            "One more thing: Vitalis, the grocery chain down the road, is selling your bars at 1.49.",
        ),
        ("de", "Metzgerstolz, unsere Eigenmarke, steht in der Aktion bei 2,79."),
    ],
)
def test_a_name_with_an_apposition_of_its_trade_is_a_competitor(lang, line) -> None:
    assert "competitor" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [
        (
            "de",
            "Ehrlich gesagt überlege ich, ob wir bei Kinder nicht ganz auf Eigenmarke gehen.",
            "threat",
        ),
        (
            "de",
            "Mein Chef fragt, ob wir im Nachfüllsegment überhaupt noch eine Marke brauchen.",
            "threat",
        ),
        ("en", "If this drags on, I'll give them your space for good.", "threat"),
        ("en", "Shoppers will trade down.", "fear"),
        ("en", "Ghost Lime is unproven.", "fear"),
        ("de", "Aber Nachfüllbeutel drehen nicht.", "pain"),
    ],
)
def test_threats_worries_and_pains_in_the_buyers_words(lang, line, kind) -> None:
    assert kind in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line", "quadrant"),
    [
        ("en", "Pulp has gone up 35 % in twelve months.", "threats"),
        ("de", "Die Rohstoffkosten für Butter sind um 11 % gestiegen.", "threats"),
        ("en", "The category's up 9% in dollars, and our brand is up 27.", "opportunities"),
        ("en", "Younger shoppers are trading up to premium heat.", "opportunities"),
    ],
)
def test_market_costs_and_market_growth_named_by_the_kam(lang, line, quadrant) -> None:
    facts = two_turns(lang, "Hello." if lang == "en" else "Hallo.", line, speaker="kam")
    swot = draft_swot(facts, lang)
    assert getattr(swot, quadrant), swot


@pytest.mark.parametrize(
    ("lang", "line", "kind", "absent"),
    [
        (
            "de",
            "Stimmt, einen eigenen Außendienst haben wir im Tankstellenkanal nicht.",
            "weakness",
            "strength",
        ),
        ("en", "True, we don't have a field team for petrol stations.", "weakness", "strength"),
        (
            "de",
            "Das haben wir mit einer neuen Schweißnaht behoben, die Reklamationsquote liegt jetzt unter 0,2 Prozent.",
            "strength",
            "weakness",
        ),
        ("de", "Die Warengruppe ist dort um 4,6 Prozent gewachsen.", "trend", "strength"),
        (
            "de",
            "Bellaforno ist bei Ihnen um 6,8 Prozent gewachsen, die Warengruppe nur um 2,1 Prozent.",
            "strength",
            "trend",
        ),
    ],
)
def test_what_the_kam_admits_fixed_or_measures_against_the_market(lang, line, kind, absent) -> None:
    found = kinds(lang, line)
    assert kind in found
    assert absent not in found


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        (
            "de",
            "buyer",
            "Ich hab Ihren Senf schon probiert, der süße ist gefährlich gut.",
            "strength",
        ),
        ("en", "buyer", "They say yours foams better and doesn't split.", "strength"),
        ("de", "buyer", "Ihr Senf ist nicht gut genug.", "weakness"),
        (
            "de",
            "kam",
            "Direktbelieferung der Märkte schaffen wir nur einmal pro Woche.",
            "weakness",
        ),
        ("en", "kam", "We should have warned you earlier.", "weakness"),
        (
            "de",
            "buyer",
            "Bei Ihnen sind aktuell nur vier von sieben Artikeln zertifiziert.",
            "weakness",
        ),
        ("en", "kam", "The sealing line is fixed now, and we have stock again.", "strength"),
    ],
)
def test_praise_admissions_and_fixes(lang, speaker, line, kind) -> None:
    assert kind in {k for k, _ in facts_of(lang, speaker, line)}


def test_a_rising_cost_is_a_price_risk_not_a_kpi_baseline_and_our_offer_no_customer_trend() -> None:
    t = Transcript.model_validate(
        {
            "lang": "de",
            "turns": [
                {"speaker": "kam", "text": "Pfeffer ist im Einkauf um dreißig Prozent gestiegen."},
                {"speaker": "buyer", "text": "Keine Preiserhöhung über vier Prozent."},
                {"speaker": "kam", "text": "Dafür erweitern wir die Weltküche auf zehn Sorten."},
            ],
        }
    )
    plan = draft_plan(t)
    assert [i.p for i in plan.swot.threats if "Pfeffer" in i.text] == ["price"]
    assert not [i for i in plan.swot.opportunities if "erweitern wir" in i.text]
    assert not [o for o in plan.kaop.objectives if "dreißig" in o.kpi]


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "is_pain"),
    [
        ("en", "buyer", "That costs us credibility with our shoppers.", True),
        ("de", "buyer", "Das ärgert mich wirklich, jede Woche dieselbe Lücke.", True),
        ("en", "kam", "A dollar off costs us about $2.10 a bottle in trade spend.", False),
    ],
)
def test_what_hurts_the_buyer_is_his_pain_and_the_kams_own_cost_no_weakness(
    lang, speaker, line, is_pain
) -> None:
    found = {k for k, _ in facts_of(lang, speaker, line)}
    assert ("pain" in found) is is_pain
    assert "weakness" not in found
