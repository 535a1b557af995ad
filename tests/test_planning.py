"""Planner behaviour: facts per 6-P, SWOT quadrants, KAOP, KASP and open questions (de, en)."""

from __future__ import annotations

import pytest

from coach.domain import (
    Account,
    Brief,
    BuyerSpec,
    Hidden,
    Interest,
    Objective,
    Scenario,
    Transcript,
)
from coach.errors import CoachError
from coach.planning import draft_plan, extract_facts
from coach.planning.render import render_markdown


def transcript(lang: str, *lines: str, first: str = "kam") -> Transcript:
    speakers = ("kam", "buyer") if first == "kam" else ("buyer", "kam")
    return Transcript.model_validate(
        {
            "lang": lang,
            "turns": [{"speaker": speakers[i % 2], "text": t} for i, t in enumerate(lines)],
        }
    )


def facts_of(t: Transcript, kind: str) -> list[tuple[str, float | None, str | None]]:
    return [(f.lever, f.value, f.unit) for f in extract_facts(t) if f.kind == kind]


# One line, the figure the planner must find in it: (lang, speaker, text, lever, value, unit).
FIGURES = [
    ("de", "buyer", "Ihre Lieferfähigkeit lag im Juli bei 84 %.", "performance", 84.0, "%"),
    ("de", "kam", "Wir bieten WKZ 3,5 % auf den Aktionsumsatz.", "promotion", 3.5, "%"),
    ("de", "kam", "Wir starten mit einem Pilot in 4 Filialen.", "product", 4.0, "stores"),
    ("de", "kam", "Dazu kommen zwei Zweitplatzierungen im Frühjahr.", "placement", 2.0, "displays"),
    ("de", "kam", "Wir müssen die Listenpreise um 4,9 % anheben.", "price", 4.9, "%"),
    (
        "de",
        "buyer",
        "Wir schätzen den Umsatzverlust auf 1,2 Mio. Euro.",
        "performance",
        1.2e6,
        "EUR",
    ),
    ("de", "kam", "Wir schlagen drei neue Sorten vor.", "product", 3.0, "SKU"),
    ("de", "buyer", "Dann reduzieren wir Ihre Facings von 12 auf 8.", "placement", 8.0, "facings"),
    ("en", "buyer", "Your service level was 89% last quarter.", "performance", 89.0, "%"),
    ("en", "kam", "We propose a price increase of 3.8% from April.", "price", 3.8, "%"),
    (
        "en",
        "kam",
        "We'd fund two promotions with a leaflet feature.",
        "promotion",
        2.0,
        "promotions",
    ),
    ("en", "buyer", "We plan to delist four of your seven SKUs.", "product", 4.0, "SKU"),
    ("en", "kam", "We add a 4-week end-cap in 400 stores.", "placement", 4.0, "weeks"),
    (
        "de",
        "kam",
        "Ab September gibt es die Bag-in-Box mit fünf Liter, für 12 Euro.",
        "product",
        5.0,
        "l",
    ),
    ("en", "buyer", "The 250 grams pack looks small next to own label.", "product", 250.0, "g"),
    ("en", "kam", "We fund a two-week promotion in the leaflet.", "promotion", 2.0, "weeks"),
    ("de", "kam", "Die Bratwurst für 2,99 statt regulär 3,79 Euro.", "price", 2.99, "EUR"),
]


@pytest.mark.parametrize(("lang", "speaker", "text", "lever", "value", "unit"), FIGURES)
def test_figures_carry_lever_value_and_unit(lang, speaker, text, lever, value, unit) -> None:
    t = transcript(lang, text, first=speaker)
    assert (lever, value, unit) in facts_of(t, "figure")


@pytest.mark.parametrize(
    ("lang", "text", "date", "quarter"),
    [
        ("de", "Der Pilot startet in KW 12.", "KW 12", "Q1"),
        ("de", "Das Konzept kommt bis Ende März.", "bis Ende März", "Q1"),
        ("de", "Die Aktion läuft im Q3.", "Q3", "Q3"),
        ("de", "Die Preise gelten zum 1. April.", "zum 1. April", "Q2"),
        ("en", "The launch is in week 40.", "week 40", "Q4"),
        ("en", "We review it next quarter.", "next quarter", None),
        ("en", "The new price applies from the first of June.", "the first of June", "Q2"),
        ("de", "Uns fehlen für das dritte Quartal 18.000 Euro.", "dritte Quartal", "Q3"),
        ("de", "Den Newsletter buche ich für die zweite Novemberwoche.", "Novemberwoche", "Q4"),
        ("de", "Bis Ende 2026 wollen wir weniger Plastik.", "Ende 2026", None),
        ("de", "Die Hauptsaison beginnt mit den Pfingstferien.", "Pfingstferien", "Q2"),
        ("de", "Zur Jahresmitte gibt es eine Ausschreibung.", "Jahresmitte", "Q3"),
        ("en", "A dollar off for one week, first week of October.", "first week of October", "Q4"),
        ("en", "We want 70% of sales on the card by year end.", "year end", "Q4"),
        ("en", "What if we go 2 for 2.50 in weeks 20 and 21?", "weeks 20 and 21", "Q2"),
        ("en", "I'll send you the listing forms today.", "today", None),
    ],
)
def test_dates_and_their_quarters(lang: str, text: str, date: str, quarter: str | None) -> None:
    dates = [f for f in extract_facts(transcript(lang, text)) if f.kind == "date"]
    assert any(date in f.text and f.quarter == quarter for f in dates), dates


def test_a_bare_yes_agrees_to_the_figures_just_proposed() -> None:
    t = transcript(
        "de",
        "Wir bieten 2,8 % Preiserhöhung und zwei Aktionen im Handzettel.",
        "Einverstanden.",
    )
    agreed = facts_of(t, "agreement")
    assert ("price", 2.8, "%") in agreed
    assert ("promotion", 2.0, "promotions") in agreed


def test_an_offer_with_and_we_have_a_deal_is_not_yet_agreed() -> None:
    t = transcript("en", "Hello.", "3.5% and we have a deal.", first="kam")
    assert facts_of(t, "agreement") == []


def test_buyer_goals_pains_fears_and_competitors() -> None:
    t = transcript(
        "de",
        "Wie läuft die Kategorie bei Ihnen?",
        "Die Kategorie ist um 4 % gesunken. Wir wollen mehr junge Familien in die Märkte holen. "
        "Meine Sorge ist, dass die Kunden zur Eigenmarke greifen. "
        "Der Wettbewerber Kronenbäck hat uns eine Nullrunde angeboten.",
    )
    kinds = {f.kind for f in extract_facts(t)}
    assert {"pain", "goal", "fear", "competitor"} <= kinds
    names = [f for f in extract_facts(t) if "name=Kronenbäck" in f.tags]
    assert names and names[0].lever == "price"


SWOT_CASES = [
    (
        "de",
        "buyer",
        "Ihre Lieferfähigkeit lag im Juli bei 86 %, die Regale waren leer.",
        "weaknesses",
    ),
    ("de", "kam", "Unsere Marke ist Marktführer und wächst mit 12 %.", "strengths"),
    ("de", "buyer", "Wir wollen das Kaffeeregal nach Zubereitungsart neu ordnen.", "opportunities"),
    ("de", "buyer", "Wenn das so bleibt, listen wir zwei Sorten aus.", "threats"),
    ("en", "buyer", "We had empty shelves in 300 stores because of your delays.", "weaknesses"),
    (
        "en",
        "kam",
        "Our consumer research shows our range is growing faster than the market.",
        "strengths",
    ),
    ("en", "buyer", "Our goal is to trade shoppers up to premium.", "opportunities"),
    ("en", "buyer", "Fizzco offers us a price freeze for the whole year.", "threats"),
]


@pytest.mark.parametrize(("lang", "speaker", "text", "quadrant"), SWOT_CASES)
def test_swot_quadrant(lang: str, speaker: str, text: str, quadrant: str) -> None:
    plan = draft_plan(transcript(lang, text, first=speaker))
    items = getattr(plan.swot, quadrant)
    assert items, plan.swot
    assert all(i.evidence_turns == [0] for i in items)


def test_kaop_targets_come_from_agreements_and_missing_ones_become_questions() -> None:
    t = transcript(
        "de",
        "Unsere Rohstoffkosten sind gestiegen, wir brauchen 4,5 % Preiserhöhung.",
        "2,8 % zum 1. April, dann haben wir einen Deal.",
        "Einverstanden, 2,8 % zum 1. April. Ich schicke Ihnen die Vereinbarung bis Freitag.",
        "Und Ihre Lieferfähigkeit lag bei 91 %, das muss besser werden.",
    )
    plan = draft_plan(t)
    price = next(o for o in plan.kaop.objectives if o.p == "price")
    assert "2,8 %" in price.target and price.quarter == "Q2"
    performance = next(o for o in plan.kaop.objectives if o.p == "performance")
    assert "91 %" in performance.kpi  # the baseline, quoted
    assert "offen" in performance.target
    assert any("Lieferfähigkeit" in q for q in plan.open_questions)
    assert "Supply Chain" in plan.kaop.review  # a board, because supply chain must act
    follow_up = plan.kaop.follow_ups[0]
    assert follow_up.owner == "KAM" and follow_up.due == "bis Freitag"
    assert follow_up.evidence_turns == [2]


def test_kasp_needs_a_revealed_strategic_interest() -> None:
    quiet = draft_plan(transcript("en", "Hello, thanks for your time.", "Let's start."))
    assert quiet.kasp.projects == []
    t = transcript(
        "en",
        "What matters most to you over the next years?",
        "Longer term we want to move to automatic replenishment based on shared forecasts "
        "over the next two years.",
    )
    plan = draft_plan(t)
    assert plan.kasp.projects[0].p == "performance"
    assert "turn 2" in plan.kasp.projects[0].rationale
    assert plan.kasp.horizon_years == 2


def scenario() -> Scenario:
    return Scenario(
        id="test-pasta",
        title="Jahresgespräch Pasta",
        lang="de",
        levers=["price", "promotion", "placement"],
        account=Account(
            retailer="Frischmarkt Süd",
            format="Vollsortimenter",
            stores=120,
            category="Pasta",
            situation="Die Eigenmarke gewinnt Anteile, die Kategorie ist rückläufig.",
        ),
        buyer=BuyerSpec(
            name="Jonas Wolff",
            role="Einkäufer Trockensortiment",
            typology="disg",
            type="D",
            hidden=Hidden(
                interests=[
                    Interest(
                        id="regal",
                        lever="placement",
                        text="ich die Pasta-Abteilung zu einem Themenregal ausbauen will",
                        revealed_by=["themenregal"],
                        strategic=True,
                    )
                ],
                batna="Eigenmarke ausbauen",
            ),
        ),
        brief=Brief(
            summary="Preiserhöhung durchsetzen.",
            objectives=[
                Objective(lever="price", text="Preiserhöhung durchsetzen", target=4.9, unit="%")
            ],
            data=["Unsere Marke wächst mit 5 % im Markt."],
        ),
    )


def test_the_scenario_adds_account_objective_targets_interests_and_agenda_gaps() -> None:
    t = transcript("de", "Wie sehen Sie das Jahr?", "Ich will ein Themenregal für Pasta aufbauen.")
    plan = draft_plan(t, scenario())
    assert plan.account == "Frischmarkt Süd"
    price = next(o for o in plan.kaop.objectives if o.p == "price")
    assert price.text == "Preiserhöhung durchsetzen" and price.target == "4,9 %"
    assert any("Themenregal" in p.rationale for p in plan.kasp.projects)
    assert any("Eigenmarke" in i.text for i in plan.swot.threats)
    assert any("Promotion" in q for q in plan.open_questions)  # on the agenda, never discussed
    assert any(f.source == "scenario" and f.turns == [] for f in plan.facts)


def test_the_plan_speaks_the_transcript_language() -> None:
    de = draft_plan(transcript("de", "Ihre Lieferfähigkeit lag bei 86 %.", first="buyer"))
    en = draft_plan(transcript("en", "Your service level was 86%.", first="buyer"))
    assert de.kaop.objectives[0].text != en.kaop.objectives[0].text
    assert "Lieferfähigkeit" in de.kaop.objectives[0].text
    assert "service level" in en.kaop.objectives[0].text


def test_draft_plan_is_deterministic() -> None:
    t = transcript("de", "Wir bieten 3 % WKZ und zwei Aktionen.", "Abgemacht, bis KW 12.")
    assert draft_plan(t) == draft_plan(t)


def test_a_wrong_argument_is_a_coach_error() -> None:
    with pytest.raises(CoachError):
        draft_plan({"lang": "de", "turns": []})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("We offer a launch price of €2.99 for the first weeks.", "en", (2.99, "EUR")),
        ("Die Gebühr liegt bei EUR 1.500 pro Artikel.", "de", (1500.0, "EUR")),
        ("Wir hatten nur 2 Fahrer für die Abholung.", "de", (2.0, None)),
        ("Insgesamt liefern 45 Betriebe aus der Region.", "de", (45.0, None)),
        ("The nuts arrived late three times this spring.", "en", (3.0, None)),
        ("Die Ware kam im Mai zweimal zu spät.", "de", (2.0, None)),
        ("We now have 20 pickup points in the city.", "en", (20.0, None)),
    ],
)
def test_prefixed_currencies_and_counted_things_become_figures(text, lang, expected) -> None:
    transcript = Transcript(lang=lang, turns=[{"speaker": "buyer", "text": text}])
    figures = [(f.value, f.unit) for f in extract_facts(transcript) if f.kind == "figure"]
    assert expected in figures


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ich melde mich im Jahr 2026 wieder.", "de"),
        ("One of the things we discussed was the shelf.", "en"),
        ("Wir sehen uns um 10 Uhr.", "de"),
    ],
)
def test_years_articles_and_clock_times_are_no_counted_figures(text, lang) -> None:
    transcript = Transcript(lang=lang, turns=[{"speaker": "buyer", "text": text}])
    assert not [f for f in extract_facts(transcript) if f.kind == "figure" and f.unit is None]


def test_an_agreed_count_keeps_no_unit_and_the_plan_quotes_it_whole() -> None:
    transcript = Transcript(
        lang="de",
        turns=[
            {"speaker": "kam", "text": "Wir holen das Leergut künftig zweimal pro Woche ab."},
            {"speaker": "buyer", "text": "Einverstanden, zweimal pro Woche ab Dezember."},
        ],
    )
    plan = draft_plan(transcript)
    agreed = [f for f in plan.facts if f.kind == "agreement" and f.value == 2.0]
    assert agreed and all(f.unit is None for f in agreed)
    targets = [o.target for o in plan.kaop.objectives]
    assert any("zweimal pro woche" in t.lower() for t in targets), targets


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("de", "Metzgerstolz, unsere Eigenmarke, steht in der Aktion bei 2,79.", 2.79),
        ("en", "Vitalis is selling your bars at 1.49.", 1.49),
        ("en", "A supplier from Poland quoted 0.63 with a six-month fix.", 0.63),
    ],
)
def test_a_bare_number_after_a_price_word_or_at_the_end_of_a_sentence_is_a_price(
    lang, text, value
) -> None:
    facts = extract_facts(
        Transcript.model_validate({"lang": lang, "turns": [{"speaker": "buyer", "text": text}]})
    )
    assert any(f.kind == "figure" and f.value == value and f.lever == "price" for f in facts)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "Wir treffen uns um 14.30 Uhr."), ("en", "See you at 9.30 am at the depot.")],
)
def test_a_clock_time_is_no_price(lang, text) -> None:
    facts = extract_facts(
        Transcript.model_validate({"lang": lang, "turns": [{"speaker": "kam", "text": text}]})
    )
    assert not [f for f in facts if f.kind == "figure"]


def test_one_extra_facing_is_a_figure() -> None:
    text = "Alva bekommt ab KW 40 ein zusätzliches Facing auf Augenhöhe."
    facts = extract_facts(
        Transcript.model_validate({"lang": "de", "turns": [{"speaker": "buyer", "text": text}]})
    )
    assert any(f.value == 1.0 and f.unit == "facings" for f in facts)


def test_a_date_is_quoted_with_its_clause_and_the_plan_uses_its_own_words() -> None:
    t = transcript(
        "de",
        "Den Planogramm-Entwurf schicke ich Ihnen bis KW 30.",
        "Gut, und die Aktion läuft im Herbst.",
    )
    dates = [f for f in extract_facts(t) if f.kind == "date"]
    draft = next(f for f in dates if f.span == "bis KW 30")
    assert draft.text.rstrip(".") == "Den Planogramm-Entwurf schicke ich Ihnen bis KW 30"
    assert "**bis KW 30** – Den Planogramm-Entwurf" in render_markdown(draft_plan(t), "de")
    dues = {m.due for m in draft_plan(t).kaop.measures} | {
        f.due for f in draft_plan(t).kaop.follow_ups
    }
    assert dues & {"bis KW 30", "im Herbst"}  # the plan names the date, not the sentence
    assert not any(due and "Entwurf" in due for due in dues)


@pytest.mark.parametrize(
    ("lang", "line", "past"),
    [
        ("de", "Im letzten Herbst konnten Sie nur zwei Drittel liefern.", "letzten Herbst"),
        ("en", "We've changed the haulier since March.", "since March"),
        ("de", "Wir hatten letzten Monat zwei Reklamationen.", "letzten Monat"),
        ("en", "Sales dropped last month.", "last month"),
    ],
)
def test_a_date_of_the_past_is_a_fact_but_no_deadline(lang, line, past) -> None:
    t = transcript(lang, line, "Okay." if lang == "en" else "Gut.")
    dates = [f for f in extract_facts(t) if f.kind == "date"]
    assert [f.tags for f in dates if past.lower() in f.span.lower()] == [["past"]]
    plan = draft_plan(t)
    dues = [m.due for m in plan.kaop.measures] + [f.due for f in plan.kaop.follow_ups]
    assert not [due for due in dues if past.split()[-1] in due]


def test_a_promise_read_on_two_levers_is_one_follow_up() -> None:
    # a named contact ('Conor in legal') is an open point on the person lever as well
    t = transcript(
        "en",
        "Could we run a meal deal pilot in twenty stores?",
        "I'll have to run it past Conor in legal.",
    )
    plan = draft_plan(t)
    promised = [f for f in plan.facts if f.kind == "open_point" and "Conor" in f.text]
    assert len({f.lever for f in promised}) == 2
    follow_ups = [f for f in plan.kaop.follow_ups if "Conor" in f.text]
    assert len(follow_ups) == 1 and follow_ups[0].owner == "Buyer"
