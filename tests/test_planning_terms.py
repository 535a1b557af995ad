"""Terms of the talk: goals the buyer gives, figures in everyday shapes, agreements said as a whole."""

from __future__ import annotations

import pytest
from planning_support import facts_of, plan_facts, two_turns


@pytest.mark.parametrize(
    ("lang", "question", "answer", "key"),
    [
        (
            "de",
            "Also brauchen Sie vor allem Planbarkeit, für zwölf Monate?",
            "Genau.",
            "Planbarkeit",
        ),
        ("en", "So what matters most is a fixed price for the year?", "Exactly.", "fixed price"),
    ],
)
def test_a_bare_yes_to_the_kams_paraphrase_makes_the_paraphrase_a_goal(
    lang, question, answer, key
) -> None:
    facts = plan_facts(lang, [("kam", question), ("buyer", answer)])
    goals = [f for f in facts if f.kind == "goal"]
    assert goals and key in goals[0].text and goals[0].turns == [0, 1]
    assert all(f.text.strip(".") != answer.strip(".") for f in goals)


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("de", "In Größe 4 haben wir die für den Export, 88 Stück pro Pack.", "product"),
        ("en", "On the 24-pack it was below 60.", "product"),
        ("en", "Your 38-count capsules were out of stock.", "product"),
        ("en", "AA and AAA four-packs at eye level.", "product"),
        ("en", "Our classics already sell 9,000 units a week.", "performance"),
    ],
)
def test_units_in_a_pack_describe_the_product_units_sold_the_performance(lang, line, lever) -> None:
    figures = [f for f in two_turns(lang, "Hallo.", line, "kam") if f.unit == "units"]
    assert figures and figures[0].lever == lever


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        ("de", "Ein Beutel spart gegenüber der Flasche 70 Prozent Plastik.", "product"),
        ("de", "Softino Eco, 30 % weniger Kunststoff.", "product"),
        ("en", "That's a 14% bigger pack for the same pound.", "product"),
        ("en", "We need 7.5 % on the whole range from 1 March.", "price"),
        ("de", "Auf das ganze Sortiment kommen 4 % drauf.", "price"),
    ],
)
def test_a_share_of_the_product_itself_is_a_product_figure(lang, line, lever) -> None:
    figures = [f for f in two_turns(lang, "Hallo.", line, "kam") if f.unit == "%"]
    assert figures and figures[0].lever == lever


def test_in_a_price_talk_a_proposed_plus_is_a_price_not_a_success() -> None:
    proposal = (
        "Dann mein Vorschlag: Erbsen und Bohnen plus 6 %, alle anderen Artikel plus 3 %. "
        "Dafür Preisbindung für zwölf Monate ab 1. März."
    )
    facts = plan_facts(
        "de", [("buyer", "Das ist ein Argument, aber kein Preis."), ("kam", proposal)]
    )
    shares = [f for f in facts if f.kind == "figure" and f.unit == "%"]
    assert shares and {f.lever for f in shares} == {"price"}
    months = [f for f in facts if f.kind == "figure" and f.unit == "months"]
    assert months and months[0].lever == "price"  # 'Preisbindung' binds a price, no shopper
    assert not [f for f in facts if f.kind == "strength"]


@pytest.mark.parametrize(
    ("lang", "line", "value"),
    [
        ("de", "Letztes Jahr waren wir bei 1.780.", 1780.0),
        ("en", "Twenty-one thousand is closer to what we lost.", 21000.0),
        ("en", "We sold two million last year.", 2000000.0),
    ],
)
def test_an_amount_without_a_unit_is_still_a_figure(lang, line, value) -> None:
    figures = [f for f in two_turns(lang, "Hallo.", line) if f.kind == "figure"]
    assert [f for f in figures if f.value == value and not f.unit]


@pytest.mark.parametrize(
    ("lang", "line", "key"),
    [
        (
            "de",
            "Ofengemüse nehme ich, wenn Sie mir für die Außendienstler eine Schulung machen.",
            "Schulung",
        ),
        ("en", "It would, if you keep the same price on both.", "same price"),
        ("en", "My price committee wants every energy brand to match the mechanic.", "committee"),
        (
            "de",
            "Ich krieg von oben gesagt: keine Preiserhöhung über vier Prozent.",
            "Preiserhöhung",
        ),
    ],
)
def test_the_buyers_conditions_and_his_managements_will_are_goals(lang, line, key) -> None:
    goals = [f for f in two_turns(lang, "Hallo.", line) if f.kind == "goal"]
    assert [f for f in goals if key in f.text]


def test_if_you_from_the_kam_is_his_ask_not_the_buyers_goal() -> None:
    facts = two_turns("en", "Hello.", "We can do that if you give us the gondola end.", "kam")
    assert not [f for f in facts if f.kind == "goal"]


def test_a_short_list_answering_a_goal_question_gives_one_goal_per_item() -> None:
    answer = (
        "Three things. A reliable number I can plan with. Compensation for the leaflet. And "
        "honestly, I would also like to understand how this could happen twice in one year "
        "without anybody telling my team in advance."
    )
    question = "What would you need from us now, realistically?"
    facts = plan_facts("en", [("kam", question), ("buyer", answer)])
    goals = [f.text for f in facts if f.kind == "goal"]
    assert any("reliable number" in g for g in goals)
    assert any("Compensation" in g for g in goals)
    assert not any("Three things" in g for g in goals)
    assert not any("twice in one year" in g for g in goals)  # a long sentence explains


@pytest.mark.parametrize(
    ("lang", "question", "answer", "key"),
    [
        (
            "de",
            "Was fehlt Ihnen dann noch in der Aktion?",
            "Tierwohl. Die Presse schaut da genau hin.",
            "Tierwohl",
        ),
        ("de", "Was bräuchten Sie von uns?", "Mehr Aktionsunterstützung.", "Aktionsunterstützung"),
        (
            "de",
            "Welche Kennzahl ist für Sie entscheidend?",
            "Umsatz pro Meter.",
            "Umsatz pro Meter",
        ),
        ("en", "What's missing for you?", "Proper shelf-ready packaging.", "shelf-ready"),
    ],
)
def test_a_short_answer_to_what_the_buyer_misses_or_needs_is_his_goal(
    lang, question, answer, key
) -> None:
    goals = [f for f in two_turns(lang, question, answer) if f.kind == "goal"]
    assert [f for f in goals if key in f.text]


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        ("de", "Listenpreis elf Euro achtzig die Box.", 11.8, "EUR"),
        ("de", "Der Belgier liefert mir Orange für einen Euro zwölf.", 1.12, "EUR"),
        ("de", "Wir bauen ein Modul auf, rund ein Meter zwanzig.", 1.2, "shelf_m"),
        ("en", "It is two pounds fifty a pack.", 2.5, "GBP"),
        ("de", "Und bei Ihnen will ich von 28 Artikeln auf 20 runter.", 20.0, "SKU"),
        ("en", "We cut you from 6 facings to 4.", 4.0, "facings"),
        ("en", "Three of our SKUs go to the top of the strip.", 3.0, "SKU"),
        ("en", "I have 14 of your soup SKUs on shelf.", 14.0, "SKU"),
    ],
)
def test_spoken_amounts_range_ends_and_counts_of_a_unit(lang, line, value, unit) -> None:
    figures = [f for f in two_turns(lang, "Hallo.", line) if f.kind == "figure"]
    assert [f for f in figures if abs((f.value or 0) - value) < 1e-9 and f.unit == unit]


def test_five_euros_then_three_cases_stay_two_figures() -> None:
    figures = [
        f
        for f in two_turns("de", "Hallo.", "Das kostet 5 Euro 3 Kisten lang.")
        if f.kind == "figure"
    ]
    assert {(f.value, f.unit) for f in figures} >= {(5.0, "EUR")}
    assert not [f for f in figures if f.value == 5.03]


def test_a_recap_of_price_steps_is_no_success() -> None:
    line = (
        "Machen wir. Dann fasse ich zusammen: Erbsen und Bohnen plus 6, Rest plus 3, "
        "Preis fest für zwölf Monate ab März."
    )
    assert "strength" not in {k for k, _ in facts_of("de", "kam", line)}


@pytest.mark.parametrize(
    ("lang", "proposal", "between", "taken", "points"),
    [
        (
            "de",
            "Mein Vorschlag: Kräuter und Reisetube gehen raus. Die Kinderzahnpasta bleibt. "
            "Den Planogramm-Vorschlag bekommen Sie fertig bis KW 14.",
            ("Und das Whitening bleibt dann?", "Das bleibt."),
            "Okay. Ich nehme Ihren Vorschlag mit.",
            ["Reisetube gehen raus", "Kinderzahnpasta bleibt", "Planogramm-Vorschlag"],
        ),
        (
            "en",
            "My proposal: the stout goes, the six core lines stay, and the alcohol-free IPA "
            "comes in.",
            ("And the seasonals?", "Those stay as they are."),
            "Fine, I'll take your proposal.",
            ["stout goes", "alcohol-free IPA"],
        ),
    ],
)
def test_taking_the_other_sides_proposal_agrees_every_point_of_it(
    lang, proposal, between, taken, points
) -> None:
    talk = [("kam", proposal), ("buyer", between[0]), ("kam", between[1]), ("buyer", taken)]
    agreed = [f for f in plan_facts(lang, talk) if f.kind == "agreement"]
    for point in points:
        assert [f for f in agreed if point in f.text and f.turns == [0, 3]], point
    assert not [f for f in agreed if f.value == 14.0]  # 'KW 14' is a date, no figure
    assert not [f for f in agreed if f.text.strip(" :.") in ("Mein Vorschlag", "My proposal")]


def test_the_buyers_closing_list_of_terms_is_his_yes() -> None:
    turns = [
        ("kam", "Guten Morgen, Herr Brandt."),
        ("buyer", "Morgen. Wir müssen über die Deo-Facings reden."),
        ("kam", "Gern. Wir bieten 150 Displays im Herbst an."),
        ("buyer", "Und die Lieferquote?"),
        ("kam", "Die liegt wieder bei 97 %."),
        (
            "buyer",
            "Gut. Ein Facing weg, 150 Displays im Herbst, und Ende September schauen wir auf die Lieferquote.",
        ),
    ]
    agreed = [f for f in plan_facts("de", turns) if f.kind == "agreement"]
    assert [f for f in agreed if f.unit == "facings" and f.value == 1.0]
    assert [f for f in agreed if f.unit == "displays" and f.value == 150.0]


def test_a_closing_list_that_demands_is_no_yes() -> None:
    turns = [
        ("kam", "Guten Morgen."),
        ("buyer", "Morgen."),
        ("kam", "Wir bieten 2 Displays."),
        ("buyer", "Ich will drei Displays, 4 % WKZ und KW 12."),
    ]
    assert not [f for f in plan_facts("de", turns) if f.kind == "agreement" and f.unit == "%"]
