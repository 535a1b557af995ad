"""The general stance table: delivery measures the KAM names for us are strengths (de, en)."""

from __future__ import annotations

import pytest

from coach.domain import Fact, Transcript
from coach.planning import draft_plan, extract_facts
from coach.planning.swot import draft_swot


def two_turns(lang: str, first: str, second: str, speaker: str = "buyer") -> list[Fact]:
    """The facts of a two-line talk: `first` by the other side, then `second` by `speaker`."""
    other = "kam" if speaker == "buyer" else "buyer"
    t = Transcript.model_validate(
        {
            "lang": lang,
            "turns": [{"speaker": other, "text": first}, {"speaker": speaker, "text": second}],
        }
    )
    return extract_facts(t)


def facts_of(lang: str, speaker: str, line: str) -> list[tuple[str, str]]:
    hello = "Hallo." if lang == "de" else "Hello."
    return [(f.kind, f.text) for f in two_turns(lang, hello, line, speaker)]


def kinds(lang: str, kam_line: str) -> set[str]:
    return {k for k, _ in facts_of(lang, "kam", kam_line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Wir liefern seit Jahren mit 99 % Servicegrad."),
        ("en", "Yes, our service level to the drugstores was 98.6% last year."),
        ("en", "Our fill rate has been 99 % for two years."),
    ],
)
def test_a_delivery_measure_of_ours_is_a_strength(lang: str, line: str) -> None:
    found = kinds(lang, line)
    assert "strength" in found
    assert "competitor" not in found  # a channel we serve is no competitor


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Leider ist unser Servicegrad auf 91 % gefallen, das ist ein Problem."),
        ("en", "Our service level dropped to 91 %, that's a problem."),
    ],
)
def test_a_bad_delivery_measure_is_no_strength(lang: str, line: str) -> None:
    assert "strength" not in kinds(lang, line)


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        ("de", "buyer", "Ich will nicht wieder auf der Ware sitzen bleiben.", "fear"),
        ("de", "buyer", "Frischsäfte sind heikel, ich will keine Abschriften.", "fear"),
        ("en", "buyer", "I want no more empty shelves at Easter.", "fear"),
        ("de", "kam", "Sie befürchten also, dass die Aktion ohne Prospekt untergeht?", "fear"),
        ("en", "kam", "So you're worried the promotion won't move without a leaflet?", "fear"),
        (
            "de",
            "buyer",
            "Bis November, sonst verrechne ich den Betrag mit Ihrer Rechnung.",
            "threat",
        ),
        ("de", "buyer", "Dann gebe ich die Aktionsplätze im Herbst an Costa Mar.", "threat"),
        ("en", "buyer", "If the volume keeps falling, I'll drop the 800 g can.", "threat"),
    ],
)
def test_refused_wishes_named_worries_and_threats(lang, speaker, line, kind) -> None:
    assert kind in {k for k, _ in facts_of(lang, speaker, line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ich will mehr Aktionen im Sommer."),
        ("en", "I'll give you an answer by Friday."),
        ("en", "I want a wider range of organic lines."),
    ],
)
def test_plain_wishes_and_promises_are_no_fear_or_threat(lang: str, line: str) -> None:
    assert not {"fear", "threat"} & {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        ("de", "kam", "Ich bringe zum nächsten Termin eine Kostenschätzung mit."),
        ("de", "buyer", "Über die Großpackungen reden wir im Juli darüber."),
        ("en", "buyer", "Good, subject to the taste panel."),
        ("en", "kam", "Our content team will upload full product data within two weeks."),
        ("en", "buyer", "Let's review the sell-through in January."),
    ],
)
def test_to_dos_and_conditions_are_open_points(lang: str, speaker: str, line: str) -> None:
    assert "open_point" in {k for k, _ in facts_of(lang, speaker, line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Unser Unternehmen will bis 2027 den Plastikanteil um ein Drittel senken."),
        ("de", "Ich könnte mir vorstellen, im Sommer zwei weitere Sorten zu listen."),
        ("en", "I'd be open to a second placement in the summer."),
    ],
)
def test_the_buyers_wishes_are_goals(lang: str, line: str) -> None:
    assert "goal" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [
        (
            "de",
            "In unseren Märkten stapeln sich Ihre Kästen, Ihre Fahrer holen zu wenig ab.",
            "weakness",
        ),
        ("en", "But your company is new to chilled.", "weakness"),
        ("de", "Ihre Preise sind zu hoch.", "weakness"),
        ("de", "Unsere Abverkäufe sind zu niedrig, Ihre Ware ist gut.", "pain"),
    ],
)
def test_the_nearest_owner_decides_whose_bad_news_it_is(lang: str, line: str, kind: str) -> None:
    kinds = {k for k, _ in facts_of(lang, "buyer", line)}
    assert kind in kinds
    assert ({"weakness", "pain"} - {kind}).isdisjoint(kinds)


def test_a_swot_item_quotes_its_short_sentence() -> None:
    t = Transcript.model_validate(
        {
            "lang": "en",
            "turns": [
                {"speaker": "buyer", "text": "How is supply now?"},
                {
                    "speaker": "kam",
                    "text": "Since January we've had a second co-packer on board, and our "
                    "service level to you is at 98.6%.",
                },
            ],
        }
    )
    plan = draft_plan(t)
    assert any("second co-packer" in item.text for item in plan.swot.strengths)


def test_a_refused_wish_after_a_worry_word_is_no_goal() -> None:
    kinds = [
        k
        for k, _ in facts_of(
            "de", "buyer", "Und wenn es regnet, will ich nicht auf der Ware sitzen bleiben."
        )
    ]
    assert "fear" in kinds
    assert "goal" not in kinds


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("de", "Wenn die Riegel nicht drehen, fliegen sie wieder aus dem Sortiment.", None),
        ("de", "Noch so ein Herbst, und wir reden über Ihre Listung insgesamt.", "product"),
        ("en", "If you don't reach 6% of picks within twelve weeks, you're out again.", None),
        ("en", "If you're still below 90%, I'll review the whole soup range.", "product"),
        ("en", "Match the Red Bull mechanic, or we cut facings.", "placement"),
    ],
)
def test_a_consequence_the_buyer_names_is_a_threat_on_what_it_threatens(lang, line, lever) -> None:
    threats = [
        f
        for f in two_turns(lang, "Hallo." if lang == "de" else "Hello.", line)
        if f.kind == "threat"
    ]
    assert threats
    if lever:
        assert threats[0].lever == lever


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "de",
            "Klarwerk hat in Ihrer Kette 27 Prozent Anteil am Spülmittel, wir sind die Nummer eins.",
        ),
        ("de", "Wir sind also klar der Wachstumstreiber in Ihrer Truhe."),
        ("en", "We cook in sunflower oil and we're BRC grade AA."),
    ],
)
def test_the_kam_naming_his_own_company_is_a_strength_not_a_competitor(lang, line) -> None:
    found = kinds(lang, line)
    assert "strength" in found
    assert "competitor" not in found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "I need your stock plan for the launch by Friday."),
        ("en", "And tell me who from your field team checks the chillers."),
        ("de", "Dann brauche ich von Ihnen die Liste der 300 Filialen."),
        ("de", "Und denken Sie an ein Plakat für die Displays."),
    ],
)
def test_what_the_buyer_still_needs_is_an_open_point(lang, line) -> None:
    assert "open_point" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Können Sie 60.000 Packungen mehr liefern, ohne dass mir das Regal leer läuft?"),
        ("de", "Ihr Zuschlag würde also fast jede Bestellung treffen."),
        ("en", "I want growth back without losing the younger shoppers to the discounters."),
        ("en", "I'm not going to sit at 1.99 and look expensive next to a supermarket."),
    ],
)
def test_a_worry_said_as_a_consequence_is_a_fear(lang, line) -> None:
    assert "fear" in {k for k, _ in facts_of(lang, "buyer", line)}


def test_a_swot_item_that_points_back_quotes_the_sentence_before() -> None:
    criticism = "Ihre Bratwurst ist Haltungsform 2. Das ist Ihr größtes Problem bei mir."
    facts = two_turns("de", "Wie sehen Sie unsere Bratwurst?", criticism)
    weak = [f for f in facts if f.kind == "weakness"]
    assert weak and "Haltungsform 2" in weak[0].text


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Im Pilot sind uns anfangs Beutel an der Naht ausgelaufen."),
        ("en", "Two of our freezers broke down in July, I know."),
    ],
)
def test_an_admitted_defect_is_a_weakness(lang, line) -> None:
    assert "weakness" in kinds(lang, line)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Bei uns sind die Abschriften geringer, weil wir nachliefern statt vorzuladen."),
        ("en", "Our write-offs are lower because we deliver daily."),
    ],
)
def test_less_of_a_bad_thing_is_a_strength_not_a_weakness(lang, line) -> None:
    found = kinds(lang, line)
    assert "weakness" not in found
    assert "strength" in found


def test_news_about_a_product_the_kam_called_ours_is_about_us() -> None:
    news = "Die Schorlen laufen gut, plus 9 % gegenüber Vorjahr."
    facts = two_turns("de", "Wie laufen unsere Schorlen bei Ihnen?", news)
    assert "strength" in {f.kind for f in facts}


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [
        ("de", "Zu viele Varianten, die Kundin findet nichts mehr.", "pain"),
        ("en", "The hot sauce set is four feet and it's already crammed.", "pain"),
        ("de", "Von Ihren vierzehn SKU stehen fünf auf meiner Streichliste.", "threat"),
        ("en", "If nothing changes, those go in the January review.", "threat"),
    ],
)
def test_the_buyers_trouble_and_threats_in_everyday_words(lang, line, kind) -> None:
    assert kind in {k for k, _ in facts_of(lang, "buyer", line)}


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
