"""Strengths, weaknesses, goals, fears, trends and open points as people say them in a
negotiation, not in a report: what sells well or sits on the shelf, a remedy after a failure,
product claims, strong praise, admitted mistakes and misjudgements, what the buyer likes or
shoppers ask for, Austrian and Swiss speech (planner, de and en)."""

from __future__ import annotations

import pytest
from planning_support import facts_of, kinds, plan_of, two_turns


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "I'm scared the shopper just walks past us to the Act II deal."),
        ("en", "Honestly, a shortage in December keeps me up at night."),
        ("de", "Das macht mir ehrlich gesagt Bauchweh, ob die Kundschaft das bezahlt."),
        ("de", "Bei der neuen Verpackung ist mir ein bisschen mulmig."),
        ("de", "Ich liste nichts, was nach zwölf Wochen wieder rausfliegt."),
        ("en", "Please, I don't want to get stuck again with stock in spring."),
        ("de", "Aber ich möchte das Regal auch nicht auf den Kopf stellen."),
        ("de", "So etwas möchte ich nicht noch einmal erleben."),
        ("en", "I don't want to change too much at once."),
    ],
)
def test_the_buyers_worries_in_plain_words(lang, line) -> None:
    assert "fear" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Brownies laufen bei Rewe sehr gut."),
        ("de", "Die laufen richtig gut, wir hatten dort ein Plus von 38 Prozent."),
        ("en", "Last year they did really well, about 2,100 units a week across the estate."),
        ("en", "Our chilli oil is the best-selling line in the category."),
    ],
)
def test_the_kams_products_that_sell_well_are_strengths(lang, line) -> None:
    assert "strength" in kinds(lang, line)


@pytest.mark.parametrize(
    ("lang", "line", "todo"),
    [
        ("de", "Die Aktion lief von Oktober bis Januar.", False),
        ("de", "Von Oktober bis Januar hatten wir dort ein Plus von 38 Prozent.", False),
        ("en", "From October until January we had a plus of 38 percent.", False),
        ("de", "Die Unterlagen bekommen Sie bis Januar.", True),
        ("en", "You get the data by Friday.", True),
    ],
)
def test_the_end_of_a_period_is_no_deadline(lang, line, todo) -> None:
    assert ("open_point" in kinds(lang, line)) is todo


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Oh, till displays, I like that, people always grab something at the till."),
        ("en", "Low and no is flying for us."),
        ("de", "Das passt zu uns, wir haben heuer den Schwerpunkt Regional."),
        ("de", "Ich hätte lieber eine Zweitplatzierung im Aktionsbereich."),
        ("de", "Bio ist bei uns ein grosses Thema."),
        ("de", "Ich möcht eine Absicherung, falls der Test schlechter läuft."),
        ("en", "Our minimum is 97."),
    ],
)
def test_what_the_buyer_likes_or_prefers_is_a_goal(lang, line) -> None:
    assert "goal" in {k for k, _ in facts_of(lang, "buyer", line)}


def test_what_the_buyer_likes_is_an_opportunity() -> None:
    plan = plan_of(
        "de",
        [
            ("kam", "Wir hätten einen Bergkäse aus Vorarlberg."),
            ("buyer", "Oh, das passt zu uns, Regional ist ein großes Thema."),
        ],
    )
    assert any("passt zu uns" in item.text for item in plan.swot.opportunities)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Unsere Duftkerzen sind kaum gelaufen."),
        ("de", "Ohne Aktion dreht sich unser Graved Lachs kaum."),
        ("de", "Wir nehmen unsere zwei schwächsten Sorten raus."),
        ("en", "Our garlic mayo just sits there."),
        ("en", "Our 1-litre bottle sells slowly."),
    ],
)
def test_our_slow_sellers_are_weaknesses_of_the_range(lang, line) -> None:
    facts = two_turns(lang, "Hallo." if lang == "de" else "Hello.", line, "kam")
    assert ("weakness", "product") in {(f.kind, f.lever) for f in facts}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Wir hatten die Nachfrage unterschätzt."),
        ("de", "Da haben Sie recht, eine Charge hatte einen Fehler in der Lotion."),
        ("en", "We underestimated demand in June."),
        ("en", "That was our mistake, one bad batch of lids."),
    ],
)
def test_the_kams_admitted_mistakes_are_weaknesses(lang, line) -> None:
    assert "weakness" in kinds(lang, line)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "We've since added a second route via Helsingborg."),
        ("en", "Since then we have moved the bottling to Rotterdam."),
        ("en", "It's been recalibrated, and we hold four weeks of safety stock."),
        ("de", "Wir haben daraus gelernt: Wir haben jetzt zwei Glaslieferanten statt einem."),
        (
            "de",
            "Für heuer haben wir einen Lohnbäcker dazugenommen und ein Sicherheitslager aufgebaut.",
        ),
    ],
)
def test_the_kams_remedy_after_a_failure_is_a_strength(lang, line) -> None:
    assert "strength" in kinds(lang, line)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Wir bringen eine Protein-Linie, drei Sorten, ohne Zuckerzusatz."),
        ("de", "Die neue Coloration kommt ohne Ammoniak."),
        ("en", "From May the whole line has no preservatives."),
        ("en", "It comes in a resealable bag."),
    ],
)
def test_the_claims_of_our_products_are_strengths_of_the_product(lang, line) -> None:
    facts = two_turns(lang, "Hallo." if lang == "de" else "Hello.", line, "kam")
    assert ("strength", "product") in {(f.kind, f.lever) for f in facts}


@pytest.mark.parametrize(
    ("lang", "line", "strength"),
    [
        ("en", "The sample bagels you brought in. They were excellent.", True),
        ("de", "Frau Krüger im Innendienst ist Gold wert.", True),
        # the buyer's own brand doing well is no strength of ours
        ("de", "Unsere Eigenmarke läuft hervorragend.", False),
        ("en", "Our own label is doing brilliantly.", False),
    ],
)
def test_the_buyers_strong_praise_needs_no_your(lang, line, strength) -> None:
    assert ("strength" in {k for k, _ in facts_of(lang, "buyer", line)}) is strength


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ohne Netz, danach fragen die Kunden tatsächlich ständig."),
        ("en", "The fragrance-free, definitely, that's what parents ask for."),
    ],
)
def test_what_shoppers_ask_for_is_a_trend(lang, line) -> None:
    assert "trend" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Unser Kartonlieferant hängt hinterher, die Displays kommen später."),
        ("de", "Wir haben die Hafer-Ernte zu optimistisch eingeschätzt."),
        ("en", "We misjudged the harvest."),
    ],
)
def test_the_kams_misjudgements_and_lagging_suppliers_are_weaknesses(lang, line) -> None:
    assert "weakness" in kinds(lang, line)
    assert "strength" not in kinds(lang, line)


def test_an_asset_the_buyer_says_we_lack_is_no_strength() -> None:
    line = "Noch ein Punkt: Ihre Flocken haben kein Glutenfrei-Siegel."
    assert "strength" not in {k for k, _ in facts_of("de", "buyer", line)}


@pytest.mark.parametrize(
    "line",
    [
        "Offen sind die Dauer der Exklusivität und die Höhe des WKZ.",
        "Gut. Offen bleibt die Höhe des Jahresbonus.",
    ],
)
def test_what_the_kam_calls_open_is_an_open_point_and_offen_no_rival(line) -> None:
    found = kinds("de", line)
    assert "open_point" in found
    assert "competitor" not in found


def test_a_denied_success_is_a_weakness_in_standard_and_austrian_german() -> None:
    """'net', 'ned', 'nöd' are 'nicht': 'Unser Absatz ist nicht gewachsen' is bad news."""
    for line in ("Unser Absatz ist net gewachsen.", "Unser Absatz ist nicht gewachsen."):
        assert "strength" not in kinds("de", line)
        assert "weakness" in kinds("de", line)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Vegan ist nett, aber ich habe im Kakaoregal keinen Zentimeter frei."),
        ("de", "Puh, ehrlich: Das Regal ist voll bis oben."),
        ("en", "Honestly, the chillers are rammed, I can't see where it would go."),
        ("en", "The problem is the fixture is full already."),
    ],
)
def test_a_full_shelf_is_a_threat_not_a_chance(lang, line) -> None:
    hello = "Guten Tag, was bringen Sie?" if lang == "de" else "Hi, what have you got?"
    plan = plan_of(lang, [("kam", hello), ("buyer", line)])
    assert any(line[-25:] in item.text for item in plan.swot.threats)
    assert not any(line[-25:] in item.text for item in plan.swot.opportunities)


@pytest.mark.parametrize(
    ("lang", "line", "kind", "present"),
    [
        (
            "en",
            "Your deliveries are always on time, your field team keeps the shelves tidy.",
            "weakness",
            False,
        ),
        (
            "en",
            "Your deliveries are always on time, your field team keeps the shelves tidy.",
            "strength",
            True,
        ),
        ("en", "Your deliveries are always late.", "weakness", True),
        ("en", "Your rep keeps forgetting the order.", "weakness", True),
        ("de", "Ich bin froh, dass beim Spargel alles beim Alten bleibt.", "competitor", False),
        ("de", "Wir arbeiten ja schon seit elf Jahren zusammen.", "strength", True),
        ("en", "We've worked together for twelve years now.", "strength", True),
    ],
)
def test_praise_idioms_and_a_long_partnership(lang, line, kind, present) -> None:
    hello = "Guten Tag!" if lang == "de" else "Hi there!"
    plan = plan_of(lang, [("kam", hello), ("buyer", line)])
    assert (kind in {f.kind for f in plan.facts}) is present


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Love that. Honestly, low sugar is huge for us."),
        ("en", "Price is key for us this year."),
        ("de", "Regional ist bei uns gerade riesig."),
    ],
)
def test_what_is_huge_for_the_buyer_is_his_goal(lang, line) -> None:
    assert "goal" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "You're right, I should have checked that."),
        ("en", "Fair. I should have been more precise about the claim."),
        ("de", "Das hätte ich Ihnen früher sagen müssen."),
    ],
)
def test_the_kam_owning_a_slip_is_our_weakness(lang, line) -> None:
    assert "weakness" in kinds(lang, line)
