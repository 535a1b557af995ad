"""Figures whose unit sits one word away, in a hyphenated or compound word, or after a range."""

from __future__ import annotations

import pytest

from coach.domain import Fact, Transcript
from coach.planning import extract_facts
from coach.scoring.figures import extract_figures


def facts_of_line(lang: str, text: str, speaker: str = "buyer") -> list[Fact]:
    """The planner's facts of a talk of one line."""
    turns = [{"speaker": speaker, "text": text}]
    return extract_facts(Transcript.model_validate({"lang": lang, "turns": turns}))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "We deliver within 5 working days.", [(5.0, "days")]),
        (
            "en",
            "We add two extra facings in 4 additional stores.",
            [(2.0, "facings"), (4.0, "stores")],
        ),
        ("en", "A six-month fix and a three-year contract.", [(6.0, "months"), (3.0, "years")]),
        (
            "de",
            "Zwei zusätzliche Facings in 30 weiteren Filialen.",
            [(2.0, "facings"), (30.0, "stores")],
        ),
        ("de", "Fünf Anliefertage sind zu viel.", [(5.0, "days")]),
        (
            "de",
            "Wir testen in zwei Testmärkten mit drei Teesorten.",
            [(2.0, "stores"), (3.0, "SKU")],
        ),
        ("de", "Riegel habe ich in meinen 420 Stationen genug.", [(420.0, "stores")]),
        ("de", "Wir haben pro Filiale im Schnitt 3,5 Meter für Pizza.", [(3.5, "shelf_m")]),
        ("en", "The chillers are only 1.2 metres wide.", [(1.2, "shelf_m")]),
        ("de", "Können Sie 60.000 Packungen zusätzlich liefern?", [(60000.0, "units")]),
        (
            "en",
            "We sell 40 million bags in 120 doors.",
            [(40000000.0, "units"), (120.0, "stores")],
        ),
    ],
)
def test_units_one_word_away_hyphenated_or_compound(lang, text, expected) -> None:
    assert [(f.value, f.unit) for f in extract_figures(text, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "Am 5. Montag treffen wir uns."), ("en", "We met at 5 pm with more people.")],
)
def test_no_unit_is_invented(lang: str, text: str) -> None:
    assert extract_figures(text, lang) == []


def test_both_ends_of_a_from_to_change_carry_the_unit() -> None:
    t = Transcript.model_validate(
        {
            "lang": "de",
            "turns": [
                {"speaker": "buyer", "text": "Wir verlängern die Zahlungsziele von 30 auf 60 Tage."}
            ],
        }
    )
    found = {(f.value, f.unit) for f in extract_facts(t) if f.kind == "figure"}
    assert found == {(30.0, "days"), (60.0, "days")}


@pytest.mark.parametrize(
    ("lang", "text", "lever"),
    [
        ("en", "You pay 2,000 euros for the displays.", "placement"),
        ("en", "The banner slots cost 3,500 euros a week.", "promotion"),
        ("de", "Für die Zweitplatzierung zahlen Sie 3.500 Euro.", "placement"),
        ("de", "Die Listung kostet 2.000 Euro pro Artikel.", "price"),
        ("en", "The price is 2.49 euros per pack.", "price"),
    ],
)
def test_money_measures_what_is_paid_for(lang: str, text: str, lever: str) -> None:
    assert [f.lever for f in facts_of_line(lang, text) if f.kind == "figure"] == [lever]


@pytest.mark.parametrize(
    ("turns", "lever"),
    [
        # a delivery rate named in its own clause stays a delivery rate after a price talk
        (
            ["Wir erhöhen den Preis um 5 %.", "Ihre Lieferquote lag im Winter nur bei 91 %."],
            "performance",
        ),
        (
            ["Wir erhöhen den Preis um 5 %.", "Seit der Listung wachsen wir um 18,5 %."],
            "performance",
        ),
        (
            ["Wir erhöhen den Preis um 5 %.", "Unsere Rohstoffkosten sind um 11 % gestiegen."],
            "price",
        ),
    ],
)
def test_a_share_keeps_the_topic_of_its_own_clause(turns: list[str], lever: str) -> None:
    t = Transcript.model_validate(
        {
            "lang": "de",
            "turns": [
                {"speaker": s, "text": x} for s, x in zip(("kam", "buyer"), turns, strict=True)
            ],
        }
    )
    assert [f.lever for f in extract_facts(t) if f.kind == "figure" and 1 in f.turns] == [lever]


@pytest.mark.parametrize(
    ("text", "kind", "lever"),
    [
        ("Bei Grillwurst hatten wir 11 Prozent Abschriften.", "figure", "performance"),
        ("Wir schreiben Ihnen die Abschriften komplett gut.", "agreement", "price"),
    ],
)
def test_write_offs_are_performance_and_credits_are_price(text: str, kind: str, lever: str) -> None:
    t = Transcript.model_validate(
        {
            "lang": "de",
            "turns": [
                {"speaker": "buyer", "text": "Wie gehen wir damit um?"},
                {"speaker": "kam" if kind == "agreement" else "buyer", "text": text},
            ],
        }
    )
    assert lever in {f.lever for f in extract_facts(t) if f.kind == kind}


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "You have six facings now; I could take you down to four.", 4.0, "facings"),
        ("en", "The range review brief says 64 craft lines down to 48.", 48.0, "SKU"),
        ("de", "Sie haben sechs Facings, ich kürze Sie runter auf vier.", 4.0, "facings"),
        (
            "en",
            "Dark stores carry about 2,500 SKUs, versus 12,000 in a supermarket.",
            12000.0,
            "SKU",
        ),
        ("de", "Wenn Sie nur noch an fünf statt sechs Tagen anliefern.", 5.0, "days"),
    ],
)
def test_a_bare_number_after_down_to_keeps_the_unit_of_its_sentence(lang, text, value, unit):
    facts = facts_of_line(lang, text)
    assert any(f.value == value and f.unit == unit for f in facts)


def test_money_does_not_carry_to_a_bare_number() -> None:
    text = "We pay 4,000 euros now and cut to 3 next year."
    facts = facts_of_line("en", text, "kam")
    assert not any(f.value == 3.0 and f.unit == "EUR" for f in facts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das muss auf achtundneunzig Prozent.", [(98.0, "%")]),
        ("Sechseinhalb Prozent Preiserhöhung.", [(6.5, "%")]),
        ("Wir gehen von drei Metern auf zweieinhalb Meter.", [(3.0, "shelf_m"), (2.5, "shelf_m")]),
        ("Das sind siebeneinhalbtausend Euro pro Haus.", [(7500.0, "EUR")]),
        ("In zweihundertfünfzig Filialen.", [(250.0, "stores")]),
        ("Das haben wir gemacht, 5 Tage lang.", [(5.0, "days")]),
        ("Gewichtet landen wir bei vier Komma neun Prozent.", [(4.9, "%")]),
    ],
)
def test_spoken_german_number_words(text: str, expected) -> None:
    assert [(f.value, f.unit) for f in extract_figures(text, "de")] == expected


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "Fifteen. After last year, fifteen.", 15.0),
        ("en", "Okay, 10,500.", 10500.0),
        ("de", "Fünftausend, und der Außendienst macht die dreißig größten.", 5000.0),
        ("de", "Vier. Abgemacht.", 4.0),
    ],
)
def test_a_bare_counter_offer_is_a_figure_without_a_unit(lang, text, value) -> None:
    facts = facts_of_line(lang, text)
    assert any(f.kind in ("figure", "agreement") and f.value == value for f in facts)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "One: Honey Hoops swaps in-line in December."),
        ("de", "2026. Das wird ein Jahr."),
        ("en", "0.66 is close."),  # never the '0' of a decimal: a number not in the text
    ],
)
def test_list_openers_and_years_are_no_counter_offer(lang, text) -> None:
    facts = facts_of_line(lang, text)
    assert not [f for f in facts if f.kind == "figure"]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("By our numbers, that's about twenty-five thousand euros.", 25000.0, "EUR"),
        ("Your competitor booked sixty thousand euros of retail media.", 60000.0, "EUR"),
        ("Twenty-one cents against twenty-four on the big bag.", 21.0, "ct"),
        ("The till area is redone across all 210 sites.", 210.0, "stores"),
        ("On the 24-pack it was below 60.", 24.0, "units"),
    ],
)
def test_english_compound_numbers_and_trade_counts(text, value, unit) -> None:
    found = {(f.value, f.unit) for f in facts_of_line("en", text) if f.kind == "figure"}
    assert (value, unit) in found
