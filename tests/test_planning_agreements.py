"""Agreed lists, closing recaps and the lever of a date (planner, de and en)."""

from __future__ import annotations

import pytest

from coach.domain import Fact, Transcript
from coach.planning import extract_facts


def transcript(lang: str, *lines: str) -> Transcript:
    speakers = ("kam", "buyer")
    return Transcript.model_validate(
        {
            "lang": lang,
            "turns": [{"speaker": speakers[i % 2], "text": t} for i, t in enumerate(lines)],
        }
    )


def agreements(t: Transcript) -> list[Fact]:
    return [f for f in extract_facts(t) if f.kind == "agreement"]


@pytest.mark.parametrize(
    ("lang", "line", "key", "lever"),
    [
        (
            "de",
            "Einverstanden: 2 % Senkung, die 6 Sorten auf Augenhöhe und eine Verkostung.",
            "augenhöhe",
            "placement",
        ),
        (
            "de",
            "Einverstanden: 2 % Senkung, die 6 Sorten auf Augenhöhe und eine Verkostung.",
            "verkostung",
            "promotion",
        ),
        (
            "en",
            "Agreed: the promotion in week 20 at 79p and the facing swap.",
            "facing swap",
            "placement",
        ),
        ("en", "Deal: €0.66 per litre and the small pack from year two.", "small pack", "product"),
    ],
)
def test_each_point_of_an_agreed_list_is_its_own_agreement(lang, line, key, lever) -> None:
    t = transcript(lang, "Was schlagen Sie vor?" if lang == "de" else "What do you offer?", line)
    found = [f for f in agreements(t) if key in f.text.lower()]
    assert [f.lever for f in found if f.value is None] == [lever]
    assert any(f.value is not None for f in agreements(t))  # the list's figure is agreed as well


def test_a_closing_recap_agrees_its_figures_and_points() -> None:
    t = transcript(
        "de",
        "Guten Tag, Herr Roth.",
        "Guten Tag. Was bringen Sie mit?",
        "Wir schlagen 3 % Rabatt und eine Zweitplatzierung vor.",
        "Klingt vernünftig.",
        "Dann halten wir fest: 3 % Rabatt ab März, die Zweitplatzierung in 40 Filialen und ein Handzettel in KW 12.",
    )
    found = agreements(t)
    assert {(f.value, f.unit) for f in found if f.value is not None} >= {
        (3.0, "%"),
        (40.0, "stores"),
    }
    assert any(f.lever == "promotion" and "handzettel" in f.text.lower() for f in found)


def test_a_summary_early_in_the_talk_is_no_agreement() -> None:
    t = transcript(
        "en",
        "To sum up your position: 5 % off and a second placement in 40 stores.",
        "Exactly. And I want it by March.",
        "I understand. Our view is different.",
        "Then explain it.",
        "Our costs went up 8 %.",
        "That is your problem.",
        "Let us look at the data together.",
        "Fine, send it over.",
    )
    assert agreements(t) == []


def test_a_recap_that_is_a_question_or_a_condition_agrees_nothing() -> None:
    t = transcript(
        "en",
        "We propose 3 % and two displays.",
        "So we have 3 % and two displays, is that right?",
    )
    assert agreements(t) == []


@pytest.mark.parametrize(
    ("lang", "text", "date", "lever"),
    [
        (
            "de",
            "Wir bieten statt eines Rabatts eine Handzettelaktion in KW 9 an.",
            "KW 9",
            "promotion",
        ),
        (
            "en",
            "We propose 300 pallet displays, plus a leaflet feature in week 48.",
            "week 48",
            "promotion",
        ),
        (
            "en",
            "We'd also like a launch display in 150 stores from week 36.",
            "week 36",
            "placement",
        ),
        # a deadline belongs to the to-do's first object, not to the last word before it
        (
            "en",
            "I'll send the listing forms and the promotion plan by Friday.",
            "Friday",
            "product",
        ),
    ],
)
def test_a_date_takes_the_lever_of_what_it_dates(lang, text, date, lever) -> None:
    facts = [f for f in extract_facts(transcript(lang, text)) if f.kind == "date"]
    assert [f.lever for f in facts if date.lower() in f.text.lower()] == [lever]


@pytest.mark.parametrize(
    ("lang", "offer", "answer", "agreed"),
    [
        (
            "de",
            "Wir bieten 3 % Rabatt und zwei Displays.",
            "Einverstanden, das machen wir so.",
            True,
        ),
        ("de", "Wir bieten 3 % Rabatt und zwei Displays.", "Gut, das passt mir.", True),
        ("de", "Wir bieten 3 % Rabatt und zwei Displays.", "Das passt nicht.", False),
        ("en", "We offer 3 % off and two displays.", "Fine by me, let us do it that way.", True),
        ("en", "We offer 3 % off and two displays.", "That works for me.", True),
        ("en", "We offer 3 % off and two displays.", "Add a tasting and you have a deal.", False),
    ],
)
def test_a_yes_that_points_back_agrees_the_proposal_before(lang, offer, answer, agreed) -> None:
    found = {(f.value, f.unit) for f in agreements(transcript(lang, offer, answer))}
    assert ((3.0, "%") in found) is agreed
    assert ((2.0, "displays") in found) is agreed


def test_a_yes_takes_the_proposal_not_the_figure_just_turned_down() -> None:
    t = transcript(
        "de",
        "Für eine Neulistung erwarte ich 15.000 Euro Listungsgeld.",
        "15.000 Euro sind für uns nicht darstellbar. Was halten Sie von 12.000 Euro?",
        "Damit kann ich leben.",
    )
    assert {f.value for f in agreements(t)} == {12000.0}


def test_each_point_of_a_recap_is_quoted_on_its_own() -> None:
    t = transcript(
        "de",
        "Guten Tag.",
        "Guten Tag, was bringen Sie mit?",
        "Ein Angebot zur Listung.",
        "Dann zum Geld.",
        "Ich fasse zusammen: 12.000 Euro Listungsgeld, Aktionspreis 2,99 Euro ab KW 36, "
        "zwei Displays in 60 Märkten mit Aufbau und Pflege durch unseren Außendienst.",
    )
    texts = {f.value: f.text for f in agreements(t)}
    assert texts[12000.0] == "12.000 Euro Listungsgeld"
    assert texts[2.99] == "Aktionspreis 2,99 Euro ab KW 36"
    assert "Aufbau und Pflege" in texts[2.0]  # a pair of nouns is one point


@pytest.mark.parametrize(
    ("lang", "offer", "answer", "value"),
    [
        ("en", "Would you do 15,000 euros?", "15,000 euros works.", 15000.0),
        ("en", "We propose 100 stores.", "I can live with 100 stores.", 100.0),
        ("de", "Wir bieten 3 % Rabatt.", "Mit 3 % kann ich leben.", 3.0),
        ("de", "Wir bieten 3 % Rabatt.", "3 % passt.", 3.0),
    ],
)
def test_short_forms_of_yes_agree_the_figure(lang, offer, answer, value) -> None:
    assert value in {f.value for f in agreements(transcript(lang, offer, answer))}


def test_never_works_is_no_agreement() -> None:
    assert agreements(transcript("en", "We offer 3 % off.", "It never works.")) == []


@pytest.mark.parametrize(
    ("lang", "proposal", "yes", "value", "unit", "key"),
    [
        (
            "en",
            "Here's where I am: a two-year contract, not three, starting 1 September.",
            "Two years I accept.",
            2.0,
            "years",
            "two-year contract",
        ),
        (
            "en",
            "Meet me at 140 euros credit per freezer and we're done.",
            "Fine, 140.",
            140.0,
            "EUR",
            "credit per freezer",
        ),
        (
            "de",
            "Ich biete Ihnen 18.000 Euro WKZ für die Kühlinsel.",
            "18.000, einverstanden.",
            18000.0,
            "EUR",
            "wkz",
        ),
    ],
)
def test_a_yes_to_the_other_sides_figure_quotes_the_proposal(
    lang, proposal, yes, value, unit, key
) -> None:
    """'Fine, 140.' agrees the figure proposed before: the proposal says what it is."""
    (found,) = [f for f in agreements(transcript(lang, proposal, yes)) if f.value == value]
    assert found.unit == unit
    assert key in found.text.lower()
    assert found.turns == [0, 1]


def test_a_yes_to_ones_own_earlier_figure_takes_no_proposal() -> None:
    t = Transcript.model_validate(
        {
            "lang": "en",
            "turns": [
                {"speaker": "kam", "text": "We offer 3 % off-invoice for the relaunch."},
                {"speaker": "kam", "text": "3 %, agreed on our side."},
            ],
        }
    )
    assert all("accepted" not in f.tags for f in agreements(t))


def test_a_yes_to_one_figure_of_an_offer_takes_the_whole_offer() -> None:
    t = Transcript.model_validate(
        {
            "lang": "en",
            "turns": [
                {"speaker": "buyer", "text": "Twelve thousand is too much for a listing fee."},
                {
                    "speaker": "kam",
                    "text": "I can go to 10,500 euros, and we add 25 percent off for four weeks.",
                },
                {"speaker": "buyer", "text": "Okay, 10,500."},
            ],
        }
    )
    agreed = {(f.value, f.unit) for f in agreements(t)}
    assert {(10500.0, "EUR"), (25.0, "%"), (4.0, "weeks")} <= agreed


@pytest.mark.parametrize(
    ("lang", "recap", "value"),
    [
        ("en", "Understood. So: two-year contract from 1 September, 62 cents a bag.", 62.0),
        ("de", "Gut. Also: zwei Wellen in KW 22 und KW 26, Aktionspreis 2,89 Euro.", 2.89),
        ("en", "Okay: 4% from March, and waste under 6% by June.", 6.0),
    ],
)
def test_a_closing_list_after_so_colon_is_a_recap(lang, recap, value) -> None:
    opener = "Hallo." if lang == "de" else "Hello."
    t = transcript(lang, opener, "...", "...", recap)
    assert value in {f.value for f in agreements(t)}


@pytest.mark.parametrize(
    ("lang", "status", "answer"),
    [
        (
            "de",
            "Ihre Lieferfähigkeit war im Winter katastrophal, 91 Prozent. Ich will 12 Testmärkte.",
            "Machen wir.",
        ),
        (
            "de",
            "Sie haben uns vor zwei Jahren das Planogramm gebaut. Bauen Sie es wieder, 8 Facings.",
            "Machen wir gern.",
        ),
        ("en", "Two years ago you ran a tasting. I want 8 facings for the range.", "Agreed."),
    ],
)
def test_a_yes_does_not_agree_where_things_stand_or_stood(lang, status, answer) -> None:
    agreed = {f.value for f in agreements(transcript(lang, "...", status, answer))}
    assert agreed & {12.0, 8.0}  # the demand is agreed
    assert not agreed & {91.0, 2.0}  # the status quo and the past are not


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        ("de", "Achtundneunzig Prozent sagen wir zu, ab Juni.", 98.0, "%"),
        ("en", "We commit to 98 % from June.", 98.0, "%"),
    ],
)
def test_a_commitment_agrees_its_figure(lang, line, value, unit) -> None:
    t = transcript(lang, "...", "Das muss besser werden." if lang == "de" else "Do better.", line)
    assert (value, unit) in {(f.value, f.unit) for f in agreements(t)}


def test_a_recap_quotes_a_figure_in_words_with_the_unit_said_earlier() -> None:
    t = transcript(
        "de",
        "Gewichtet landen wir bei vier Komma neun Prozent Preiserhöhung.",
        "Hm.",
        "Dafür gibt es zwei Aktionswochen.",
        "Gut.",
        "...",
        "...",
        "...",
        "Also: Preiserhöhung vier Komma neun ab erstem Juni, zwei Aktionswochen. Richtig?",
    )
    found = [f for f in agreements(t) if f.value == 4.9]
    assert [(f.unit, f.lever) for f in found] == [("%", "price")]
    assert 0 in found[0].turns  # the turn that said it first


@pytest.mark.parametrize(
    ("lang", "offer", "answer", "value", "unit"),
    [
        ("en", "Make it the top 150 stores.", "150 stores, yes.", 150.0, "stores"),
        (
            "en",
            "We need 35,000 pounds behind the app campaign.",
            "Thirty-five, okay.",
            35000.0,
            "GBP",
        ),
        ("de", "Das Listungsgeld liegt bei 4.500 Euro.", "Viereinhalb, Deal.", 4500.0, "EUR"),
    ],
)
def test_a_short_yes_after_the_figure_agrees_it(lang, offer, answer, value, unit) -> None:
    assert (value, unit) in {(f.value, f.unit) for f in agreements(transcript(lang, offer, answer))}


@pytest.mark.parametrize(
    ("lang", "question", "answer"),
    [
        ("en", "What was your service level?", "Yes, our service level was 98.6% last year."),
        ("de", "Wachsen Ihre Schalen?", "Genau, die Schalen sind um 14 % gewachsen."),
    ],
)
def test_a_yes_that_confirms_a_fact_agrees_nothing(lang, question, answer) -> None:
    assert not agreements(transcript(lang, question, answer))


@pytest.mark.parametrize(
    ("lang", "recap"),
    [
        ("en", "So let me play it back: 300 stores from week 18, 2 facings, €7,000 for media."),
        ("en", "So to wrap up: 300 stores from week 18, 2 facings, €7,000 for media."),
        ("en", "Let me run through it: 300 stores, 2 facings, €7,000 for media."),
        ("en", "Great, so the deal is: 300 stores, 2 facings, €7,000 for media."),
        ("de", "Darf ich kurz zusammenfassen? 300 Filialen ab KW 18, 2 Facings, 7.000 Euro WKZ."),
        ("de", "Also, dass ich's mir merk: 300 Filialen, 2 Facings, 7.000 Euro WKZ."),
        ("de", "Damit wir dasselbe Verständnis haben: 300 Filialen, 2 Facings, 7.000 Euro WKZ."),
        ("de", "Lassen Sie mich das rekapitulieren: 300 Filialen, 2 Facings, 7.000 Euro WKZ."),
    ],
)
def test_recaps_as_people_open_them(lang, recap) -> None:
    # the KAM's recap: a list of his own is a bid unless its opener says it sums up
    yes = "Gut, einverstanden." if lang == "de" else "Fine, agreed."
    t = transcript(lang, "...", "...", "...", yes, recap)
    assert {300.0, 2.0, 7000.0} <= {f.value for f in agreements(t)}


def test_a_yes_to_a_named_term_agrees_that_term_alone() -> None:
    bid = "We'd need a minimum order of 800 cases for the first wave, and €9,000 for the campaign."
    agreed = {f.value for f in agreements(transcript("en", bid, "800 is fine for the first wave."))}
    assert agreed == {800.0}
    assert not agreements(transcript("en", bid, "Your service level is fine."))


def test_a_named_proposal_taken_is_an_agreed_point() -> None:
    bid = "Wir liefern 40 Kartons pro Bestellung und machen den Planogrammvorschlag."
    t = transcript("de", bid, "Den Planogrammvorschlag nehme ich.")
    assert any("Planogrammvorschlag nehme ich" in f.text for f in agreements(t))
