"""The general stance table: delivery measures the KAM names for us are strengths (de, en)."""

from __future__ import annotations

import pytest
from planning_support import facts_of, kinds, two_turns

from coach.domain import Transcript
from coach.planning import draft_plan


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
