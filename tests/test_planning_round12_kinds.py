"""Round 12 of the planner's reading, the SWOT kinds: the buyer's trouble, worries, goals and
suggestions, our strengths and weaknesses, competitors by name and by brand."""

from __future__ import annotations

import pytest
from planning_support import facts_at, plan_facts, reply_facts


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [
        ("de", "Der Abverkauf war mau, weil das Wetter nicht mitgespielt hat.", "pain"),
        ("de", "Ich sag Ihnen, das große Glas war in jeder zweiten Filiale leer.", "pain"),
        ("en", "Our bay is one point two metres and it's full.", "pain"),
        ("en", "Retailers don't like stickering.", "pain"),
        ("de", "Ein leeres Regal ohne Erklärung ist das Schlimmste.", "fear"),
        ("en", "The last supplier left the coolers half-empty. Don't do that to me!", "fear"),
    ],
)
def test_everyday_words_of_the_buyers_trouble_and_worry(lang, line, kind) -> None:
    found = reply_facts(lang, line)
    assert any(k == kind for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("en", "Fair. Buldak outsells all three combined.", "buldak"),
        ("en", "Honestly? Nissin is at two-twenty-nine a cup.", "nissin"),
        ("en", "Smoothies are funny. Innocent basically owns the category.", "innocent"),
        ("de", "Gut. Hakle Feucht liegt bei 1,45 Euro für 42 Tücher.", "hakle"),
    ],
)
def test_a_brand_that_opens_a_sentence_about_its_price_or_sales_is_a_competitor(
    lang, line, name
) -> None:
    found = reply_facts(lang, line)
    assert any(k == "competitor" and name in t.lower() for k, _, t in found), found


def test_a_product_of_ours_that_costs_more_is_no_competitor() -> None:
    line = "Regionales Lamm kostet in der Aufzucht einfach mehr."
    found = facts_at("de", [("buyer", "Und der Preis?"), ("kam", line)], 1)
    assert not [t for k, _, t in found if k == "competitor"], found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Und die Endkappen? Die wären mir echt wichtig, die sieht jeder."),
        ("en", "And the gondola ends? Those would be really important to me."),
    ],
)
def test_what_would_be_important_to_the_buyer_is_a_goal(lang, line) -> None:
    found = reply_facts(lang, line)
    assert any(k == "goal" for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "complaint", "answer", "key"),
    [
        (
            "de",
            "Ihr Servicegrad im Januar, 94 Prozent, war auch nicht berühmt.",
            "Das war der Streik im Hafen, das ist erledigt.",
            "Streik im Hafen",
        ),
        (
            "en",
            "Half of your seasonal stock came back as returns. That's a lot of write-offs.",
            "That was our forecast, not your stores.",
            "our forecast",
        ),
    ],
)
def test_the_cause_the_kam_names_for_a_complaint_is_our_weakness(
    lang, complaint, answer, key
) -> None:
    found = facts_at(lang, [("buyer", complaint), ("kam", answer)], 1)
    assert any(k == "weakness" and key in t for k, _, t in found), found


def test_a_cause_named_without_a_complaint_before_is_no_weakness() -> None:
    turns = [("buyer", "Wie war die Saison?"), ("kam", "Das war der beste Sommer seit Jahren.")]
    found = facts_at("de", turns, 1)
    assert not [t for k, _, t in found if k == "weakness"], found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Rotation ist gestiegen, in den letzten acht Wochen um 22 Prozent."),
        ("en", "Since the relaunch our rate of sale has gone up in every region."),
    ],
)
def test_the_kams_rising_sales_are_a_strength(lang, line) -> None:
    found = reply_facts(lang, line, "kam")
    assert any(k == "strength" for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "I'd rather not do all stores at once. Could we try it somewhere first?"),
        ("de", "Alle Märkte auf einmal ist mir zu viel. Können wir das erst in zwanzig testen?"),
        ("de", "Mich interessiert Umsatz pro Regalmeter."),
    ],
)
def test_what_the_buyer_suggests_or_cares_about_is_a_goal(lang, line) -> None:
    found = reply_facts(lang, line)
    assert any(k == "goal" for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Can we start with the numbers?"),
        ("de", "Können wir anfangen?"),
    ],
)
def test_asking_to_start_the_talk_is_no_goal(lang, line) -> None:
    found = reply_facts(lang, line)
    assert not [t for k, _, t in found if k == "goal"], found


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            "That's what worries me, to be honest. Not the five weeks. That the space is gone.",
            "the space is gone",
        ),
        (
            "The last supplier left the coolers half-empty after a month. That killed it. "
            "Don't do that to me!",
            "half-empty",
        ),
    ],
)
def test_a_short_worry_is_quoted_with_what_it_points_to(line, said) -> None:
    found = facts_at("en", [("kam", "Hello."), ("buyer", line)], 1)
    assert any(k == "fear" and said in t for k, _, t in found), found


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        ("de", "Wenn ich Ihnen Facings gebe, nehme ich sie Zewa weg.", "zewa"),
        ("de", "Wenn im November wieder Lücken sind, bekommt Hengstenberg zwei Facings.", "hengs"),
        ("en", "The chillers are Coca-Cola's, and Fuze Tea has the iced tea slot.", "fuze tea"),
        ("en", "Our category data shows Lockets turn below one unit per store per week.", "locket"),
    ],
)
def test_a_known_brand_or_retailer_is_a_competitor(lang, line, name) -> None:
    found = reply_facts(lang, line)
    assert any(k == "competitor" and name in t.lower() for k, _, t in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Unsere Wasa Vollkornscheiben laufen gut bei Ihnen."),
        ("de", "Die Kinder essen das gern, und das Tempo im Regal stimmt."),
        ("en", "Finish the planogram first, then we talk about the Signal test."),
    ],
)
def test_own_brands_and_everyday_words_are_no_competitor(lang, line) -> None:
    found = reply_facts(lang, line, "kam")
    assert not [t for k, _, t in found if k == "competitor"], found


def test_a_brand_the_kam_called_his_own_stays_his_later() -> None:
    turns = [
        ("kam", "Unsere Wasa Vollkornscheiben laufen gut bei Ihnen."),
        ("buyer", "Stimmt, Wasa dreht ordentlich."),
    ]
    found = facts_at("de", turns, 1)
    assert not [t for k, _, t in found if k == "competitor"], found


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        ("de", "kam", "Wir haben den Test nach GD4 bestanden, bei einem unabhängigen Institut."),
        ("de", "kam", "Das kleine Glas liefern wir voll, da reicht die Ware."),
        ("en", "kam", "It's an arm-in-cage test, done by an accredited lab in Hamburg."),
        ("en", "kam", "It's been corrected since June: zero mismatches in the last five months."),
        ("en", "kam", "Kantar data first: our mixes grow twice as fast as the category."),
        ("en", "buyer", "The team loved your peach one at the tasting."),
    ],
)
def test_proof_points_and_praise_are_strengths(lang, speaker, line) -> None:
    found = reply_facts(lang, line, speaker)
    assert any(k == "strength" for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        ("de", "kam", "Die CO2-Bilanz haben wir, vom TÜV geprüft."),
        (
            "en",
            "kam",
            "Compostability by TÜV Austria, and the plastic-free status was confirmed by SGS.",
        ),
        ("de", "buyer", "Ihr Räuchertofu ist stabil, wirklich, da gibt's nichts zu meckern."),
        ("en", "buyer", "Yes, and you've been very reliable. That's worth a lot to me."),
    ],
)
def test_certifiers_and_the_buyers_good_word_are_strengths(lang, speaker, line) -> None:
    found = reply_facts(lang, line, speaker)
    assert any(k == "strength" for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line", "kind"),
    [
        ("de", "Wer macht die Verkostung? Wir haben ja kaum Personal in den Märkten.", "pain"),
        ("en", "Half of it goes in the bin on a Monday.", "pain"),
        (
            "de",
            "Mir hat in der Saison drei Wochen lang Ware gefehlt, in über hundert Märkten.",
            "weakness",
        ),
        ("en", "And supply. Two deliveries short before Christmas.", "weakness"),
        ("en", "Your on-time rate was ninety-one percent. Our target is ninety-six.", "goal"),
        ("en", "Compeed went up three percent in January.", "competitor"),
    ],
)
def test_round12_everyday_words_of_trouble_targets_and_rivals(lang, line, kind) -> None:
    found = reply_facts(lang, line)
    assert any(k == kind for k, _, _ in found), found


def test_a_pronoun_before_a_verb_is_no_competitor_name() -> None:
    line = "Mir hat in der Saison drei Wochen lang Ware gefehlt, in über hundert Märkten."
    found = facts_at("de", [("kam", "Hallo."), ("buyer", line)], 1)
    assert not [t for k, _, t in found if k == "competitor"], found


def test_the_account_the_kam_names_and_a_persons_surname_are_no_competitors() -> None:
    turns = [
        ("kam", "Kantar data first: in SuperValu frozen fruit is growing three percent."),
        ("buyer", "Who should I talk to? Frank O'Brien. He knows the retailers."),
    ]
    rivals = [f.text for f in plan_facts("en", turns) if f.kind == "competitor"]
    assert not [t for t in rivals if "SuperValu" in t or "O'Brien" in t], rivals


def test_a_country_is_no_competitor_name() -> None:
    turns = [
        ("kam", "Hello."),
        ("buyer", "Fair enough, but Ireland isn't the Netherlands, though."),
    ]
    rivals = [f.text for f in plan_facts("en", turns) if f.kind == "competitor"]
    assert rivals == [], rivals
