"""Round 12 of the planner's reading: closing lists that end on 'then we have a deal'."""

from __future__ import annotations

import pytest
from planning_support import plan_facts

CLOSINGS = {
    "de": [
        ("kam", "Wir müssen über die Konditionen sprechen."),
        ("buyer", "Dann legen Sie los."),
        ("kam", "Wir bieten 3 Prozent Rabatt, 20.000 Euro WKZ und zwei Aktionswochen im Herbst."),
        ("buyer", "Zu wenig."),
        ("kam", "Vier. Und die Preisgarantie bis Ende Juni steht."),
        (
            "buyer",
            "Gut. 4 Prozent, Preisgarantie bis Ende Juni, 20.000 Euro WKZ, zwei Aktionswochen "
            "im Herbst. Dann haben wir einen Deal.",
        ),
    ],
    "en": [
        ("kam", "We need to talk about the terms."),
        ("buyer", "Go ahead."),
        (
            "kam",
            "We offer 3 percent off, 20,000 euros for the flyer and two promotion weeks in autumn.",
        ),
        ("buyer", "Not enough."),
        ("kam", "Four. And the price guarantee until the end of June stands."),
        (
            "buyer",
            "Fine. 4 percent, a price guarantee until the end of June, 20,000 euros for the "
            "flyer, two promotion weeks in autumn. Then we have a deal.",
        ),
    ],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_closing_list_before_then_we_have_a_deal_is_agreed(lang) -> None:
    agreed = [f for f in plan_facts(lang, CLOSINGS[lang]) if f.kind == "agreement"]
    values = {(f.value, f.unit) for f in agreed if 5 in f.turns}
    assert (4.0, "%") in values, agreed
    assert (20000.0, "EUR") in values, agreed


def facts_at(lang: str, turns: list[tuple[str, str]], turn: int) -> list[tuple[str, str, str]]:
    return [(f.kind, f.lever, f.text) for f in plan_facts(lang, turns) if turn in f.turns]


@pytest.mark.parametrize(
    ("lang", "line", "name"),
    [
        (
            "de",
            "Das nehme ich mit, die Backstationen laufen über Frau Kaya im Frischebereich. "
            "Die muss mitentscheiden.",
            "Frau Kaya",
        ),
        ("en", "I'd have to ask Linda in store comms. She's strict about the mailing.", "Linda"),
        ("en", "I'll review it with our supply planner, Declan.", "Declan"),
        ("en", "My media colleague Aoife will send you the booking form.", "Aoife"),
    ],
)
def test_a_named_contact_who_still_has_to_act_is_an_open_point_on_person(lang, line, name) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
    assert any(k == "open_point" and lv == "person" and name in t for k, lv, t in found), found


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("en", "Send me the artwork first.", "promotion"),
        ("en", "I'll send you the certificate.", "product"),
        ("de", "Bis dahin brauche ich die Stammdaten und die Zertifikate.", "product"),
        ("de", "Schicken Sie mir bis Freitag das Motiv für den Prospekt.", "promotion"),
    ],
)
def test_what_is_still_to_send_names_the_lever_of_the_open_point(lang, line, lever) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
    assert any(k == "open_point" and lv == lever for k, lv, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line", "said"),
    [
        ("en", "She needs the GS1 data by April tenth, or you miss the slot.", "April tenth"),
        ("en", "I'll bring it up at our review on the twentieth.", "the twentieth"),
        ("en", "She'll have it by the fourth.", "the fourth"),
        ("en", "The planogram changes in week forty.", "week forty"),
        ("de", "Die Preisliste brauche ich bis zum Fünfzehnten.", "Fünfzehnten"),
        ("de", "Der Umbau startet in KW vierzig.", "KW vierzig"),
    ],
)
def test_a_date_said_with_number_words(lang, line, said) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
    assert any(k == "date" and said.lower() in t.lower() for k, _, t in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "We put it on the second shelf from the top."),
        ("en", "By the third week sales had doubled."),
        ("en", "I'd give it a week or two."),
    ],
)
def test_ordinal_words_that_name_no_day_are_no_date(lang, line) -> None:
    found = facts_at(lang, [("kam", "Hello."), ("buyer", line)], 1)
    assert not [t for k, _, t in found if k == "date"], found


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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
    assert any(k == kind for k, _, _ in found), found


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Then let's set the top tier at two hundred and five thousand.", 205000.0),
        ("We ship three hundred and twenty-five cases a week.", 325.0),
        ("That's two hundred stores.", 200.0),
    ],
)
def test_hundreds_said_in_words_are_one_number(line, value) -> None:
    found = [f.value for f in plan_facts("en", [("buyer", "Hello."), ("kam", line)])]
    assert value in found, found
    assert 5000.0 not in found and 2.0 not in found, found


def test_a_yes_that_says_hundreds_in_words_agrees_the_whole_number() -> None:
    turns = [
        ("kam", "Then let's set the top tier at two hundred and five thousand."),
        ("buyer", "Two hundred and five thousand, fine."),
    ]
    agreed = [f.value for f in plan_facts("en", turns) if f.kind == "agreement"]
    assert agreed == [205000.0], agreed


@pytest.mark.parametrize(
    ("lang", "bid", "yes"),
    [
        ("de", "Wir liefern die Aktionsware frei Markt.", "Fracht frei Markt, das nehme ich."),
        ("de", "Die Zweitplatzierung im Januar kostet Sie nichts.", "Die nehme ich gern."),
        ("de", "Können wir Augenhöhe für drei Artikel haben?", "Augenhöhe kriegen Sie."),
        (
            "en",
            "Forty sites and three flavours to start?",
            "Forty sites, yes! Three flavours, perfect.",
        ),
    ],
)
def test_everyday_ways_of_taking_the_other_sides_bid(lang, bid, yes) -> None:
    turns = [("kam", bid), ("buyer", yes)]
    agreed = [f for f in plan_facts(lang, turns) if f.kind == "agreement" and 1 in f.turns]
    assert agreed, plan_facts(lang, turns)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Sonst nehme ich lieber Tchibo ins Regal."),
        ("de", "Dann nehme ich Ihnen die Augenhöhe weg."),
        ("de", "Das nehme ich mit und kläre es intern."),
    ],
)
def test_taking_something_away_or_along_agrees_nothing(lang, line) -> None:
    turns = [("kam", "Wir bieten 2 Prozent WKZ."), ("buyer", line)]
    agreed = [f for f in plan_facts(lang, turns) if f.kind == "agreement"]
    assert not agreed, agreed


def contacts(lang: str, turns: list[tuple[str, str]]) -> list[str]:
    last = len(turns) - 1
    return [
        f.text
        for f in plan_facts(lang, turns)
        if f.kind == "open_point" and f.lever == "person" and last in f.turns
    ]


@pytest.mark.parametrize(
    ("lang", "question", "answer", "name"),
    [
        ("en", "Who runs the data?", "Talk to Joris in data partnerships.", "Joris"),
        ("en", "What about the terms?", "Nora Quinn in finance signs off on terms.", "Nora Quinn"),
        ("en", "Who should I talk to?", "Frank O'Brien. He knows the retailers.", "Frank O'Brien"),
        (
            "en",
            "Who needs the data?",
            "Sanne Bakker, category assistant. She needs it by Friday.",
            "Sanne",
        ),
        ("de", "Und das Display?", "Herr Yilmaz macht das, der meldet sich.", "Herr Yilmaz"),
        (
            "de",
            "Geht das ohne Listungsgebühr?",
            "Das muss ich mit meinem Chef klären, Herrn Albers.",
            "Herrn Albers",
        ),
    ],
)
def test_a_named_person_is_a_contact_of_the_plan(lang, question, answer, name) -> None:
    found = contacts(lang, [("kam", question), ("buyer", answer)])
    assert any(name in text for text in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Thanks, Ciara. This feels a lot more manageable."),
        ("en", "No worries, Marieke, I'll keep it tight."),
        ("en", "Good morning Ms Hartley, thanks for making time."),
        ("en", "Hi, I'm Priya from the category team."),
        ("de", "Frau Lorenz, danke für den Termin zum Müsliregal."),
        ("de", "Hallo Herr Vogt, schön, dass es heute klappt."),
        ("de", "Kein Problem, Frau Kowalski."),
    ],
)
def test_the_person_spoken_to_is_no_contact(lang, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    assert contacts(lang, [("kam", hello), ("buyer", line)]) == []


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Nissin is at two-twenty-nine a cup, you're at two-ninety-nine.", 2.29),
        ("Nissin is at two-twenty-nine a cup, you're at two-ninety-nine.", 2.99),
        ("And Aldi has its mixed berries at two forty-nine.", 2.49),
        ("The listing fee is fifteen hundred per SKU.", 1500.0),
        ("The penalty is four and a half percent of the invoice.", 4.5),
    ],
)
def test_prices_and_amounts_said_in_words(line, value) -> None:
    found = [f.value for f in plan_facts("en", [("kam", "Hello."), ("buyer", line)])]
    assert value in found, found


def test_a_time_said_in_words_is_no_price() -> None:
    found = plan_facts("en", [("kam", "Hello."), ("buyer", "Let's meet at two thirty.")])
    assert not [f for f in found if f.value == 2.3], found


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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("buyer", hello), ("kam", line)], 1)
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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
    assert any(k == "goal" for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Can we start with the numbers?"),
        ("de", "Können wir anfangen?"),
    ],
)
def test_asking_to_start_the_talk_is_no_goal(lang, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("buyer", hello), ("kam", line)], 1)
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
    hello = "Hallo." if lang == "de" else "Hello."
    other = "buyer" if speaker == "kam" else "kam"
    found = facts_at(lang, [(other, hello), (speaker, line)], 1)
    assert any(k == "strength" for k, _, _ in found), found


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        ("de", "Wir könnten sechstausend WKZ geben.", 6000.0, None),
        ("de", "Unser regulärer Preis liegt bei zweiundzwanzig neunundneunzig.", 22.99, None),
        ("de", "Eine Erstorder von 24.000 Beuteln über beide Sorten.", 24000.0, "units"),
        ("en", "Roughly eleven million cups a year across all stores.", 11000000.0, "units"),
    ],
)
def test_amounts_in_words_and_counted_goods(lang, line, value, unit) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = [(f.value, f.unit) for f in plan_facts(lang, [("buyer", hello), ("kam", line)])]
    assert (value, unit) in found, found


def test_a_counter_offer_may_trail_a_hedge() -> None:
    turns = [
        ("kam", "Wie viele Märkte nehmen das Display?"),
        ("buyer", "Hundertzwanzig vielleicht."),
    ]
    found = [f.value for f in plan_facts("de", turns)]
    assert 120.0 in found, found


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
    hello = "Hallo." if lang == "de" else "Hello."
    other = "buyer" if speaker == "kam" else "kam"
    found = facts_at(lang, [(other, hello), (speaker, line)], 1)
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
    hello = "Hallo." if lang == "de" else "Hello."
    found = facts_at(lang, [("kam", hello), ("buyer", line)], 1)
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
