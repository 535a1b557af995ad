"""The KAM's own figures as proof: a figure about our product, its performance or its
promotion, said as a plain statement, is a strength on that lever; the same figure in a bid,
a question or a request is not (planner, de and en)."""

from __future__ import annotations

import pytest
from planning_support import facts_of, figure_values, two_turns


@pytest.mark.parametrize(
    ("lang", "line", "lever"),
    [
        (
            "de",
            "Im Test bei Globus lag unser Abverkauf bei 14 Stück pro Markt und Woche.",
            "performance",
        ),
        (
            "de",
            "Unsere Masken enthalten 30 Milliliter Serum, bei Garnier sind es 15.",
            "product",
        ),
        (
            "en",
            "We ran them in 60 stores last autumn and the rate of sale was 9.4 units per store"
            " per week.",
            "performance",
        ),
        ("en", "In the pilot, our rate of sale was 9 units a week.", "performance"),
    ],
)
def test_the_kams_own_figure_as_proof_is_a_strength(lang, line, lever) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    assert ("strength", lever) in {(f.kind, f.lever) for f in two_turns(lang, hello, line, "kam")}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Wir schlagen einen Test in 25 Märkten über 10 Wochen vor."),
        ("de", "Können wir die Lieferquote auf 98 Prozent festschreiben?"),
        ("de", "Wir brauchen dafür 40 Displays von Ihnen."),
        ("de", "Wir wollen acht Prospekte statt zwölf."),
        ("en", "We'd propose a 12-week test in 25 stores."),
        ("en", "Could we get 98 percent written into the contract?"),
        ("en", "Your stores sold 400 units last week."),
    ],
)
def test_a_figure_in_a_bid_a_question_or_about_the_account_is_no_strength(lang, line) -> None:
    assert "strength" not in {kind for kind, _ in facts_of(lang, "kam", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Also fast zwei Cent mehr pro Tuch als Alouette."),
        ("de", "Die Garnier-Masken sind bei uns auf 1,95 gegangen, eure liegen bei 2,49."),
        ("de", "Die Eigenmarke kostet 0,99 Euro, Ihre Pads liegen bei 1,49 Euro."),
        ("en", "Fifty cents more per pack, and our own brand is at €0.99."),
        ("en", "Action sells a 4-pack for €3.99. Your 2-pack sits on my shelf at €9.49."),
        ("en", "Own-label at £1.30 is going to make your £2.10 look steep."),
        ("en", "Your current shelf price is 3.49, against Dolmio at 3.29 and ours at 2.79."),
    ],
)
def test_the_buyer_setting_our_price_above_another_is_our_weakness_on_price(lang, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = {(f.kind, f.lever) for f in two_turns(lang, hello, line, "buyer")}
    assert ("weakness", "price") in found


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Ich will zwei Cent mehr Rabatt pro Packung."),
        ("de", "Die Eigenmarke kostet 1,49 Euro, Ihre Pads liegen bei 1,29 Euro."),
        ("en", "Own-label is at £2.10 and yours at £1.80, that works."),
        ("en", "Could you do fifty cents more per case?"),
        ("en", "Your price is 2.79, against Dolmio at 3.29 and Heinz at 3.49."),
    ],
)
def test_a_demand_a_question_or_a_cheaper_price_of_ours_is_no_price_gap(lang, line) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    found = {(f.kind, f.lever) for f in two_turns(lang, hello, line, "buyer")}
    assert ("weakness", "price") not in found


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        (
            "de",
            "kam",
            "Aber ich will Ihnen entgegenkommen: 18 Cent, und die Schulung ist frei.",
            "goal",
        ),
        (
            "en",
            "kam",
            "We want to grow this with you, so here's our offer for your stores.",
            "goal",
        ),
        ("de", "kam", "Wir beteiligen uns mit 3.000 Euro Werbekostenzuschuss.", "strength"),
        (
            "de",
            "buyer",
            "Jetzt bin ich wieder im Alltag, und der ist gerade ziemlich voll.",
            "pain",
        ),
        (
            "de",
            "buyer",
            "Ich möcht eine Absicherung: Wenn die Abverkäufe im Test schlechter sind, bleibt alles.",
            "pain",
        ),
        (
            "en",
            "buyer",
            "Fine. If the rate of sale is poor after twelve weeks, it goes.",
            "weakness",
        ),
    ],
)
def test_own_wishes_bids_busy_days_and_suppositions_are_none_of_these(
    lang, speaker, line, kind
) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    assert kind not in {f.kind for f in two_turns(lang, hello, line, speaker)}


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        (
            "de",
            "Bei Globus läuft sie mit rund 1,8 Abverkäufen pro Filiale und Woche.",
            1.8,
            "units",
        ),
        ("de", "Die Dose gibt es in zwei Größen.", 2.0, "SKU"),
        ("en", "The pouch comes in three sizes.", 3.0, "SKU"),
        ("en", "Four hundred and twelve interviews, in October.", 412.0, "persons"),
        ("en", "We run eight flyers a year.", 8.0, "promotions"),
        ("de", "Wir wollen acht Prospekte statt zwölf.", 8.0, "promotions"),
    ],
)
def test_sales_and_sizes_have_their_units(lang, line, value, unit) -> None:
    assert (value, unit) in figure_values(lang, line)


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("de", "Schicken Sie's mir. Termin im Oktober, das macht meine Assistentin.", True),
        ("de", "Legen Sie das zum Jahresgespräch im November vor, mit Kostennachweis.", True),
        ("en", "Fine. Let's have a call in June about the range.", True),
        ("de", "Die Aktion läuft im Mai in allen Filialen.", False),
        ("en", "Sales were strong in June.", False),
    ],
)
def test_a_meeting_or_a_task_set_for_a_date_is_an_open_point(lang, line, expected) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    kinds_found = {f.kind for f in two_turns(lang, hello, line, "buyer")}
    assert ("open_point" in kinds_found) is expected


@pytest.mark.parametrize(
    ("line", "rival"),
    [
        ("DASH is up forty, and your cans are flat.", True),
        ("Moorish gave us 6 last month without a fight.", True),
        ("Calvé put 40,000 euros on the table for the reset.", True),
        ("Meanwhile our own AH protein quark does 1.3 million units a year at 1.29.", True),
        ("HiPRO has been on promotion almost every other week.", True),
        ("I'd want to see it tested in our own stores first.", False),
        ("I put the order in yesterday.", False),
        ("Sales is up again this month.", False),
    ],
)
def test_a_named_rival_that_grows_or_gives_more_is_a_competitor(line, rival) -> None:
    kinds_found = {f.kind for f in two_turns("en", "Hello.", line, "buyer")}
    assert ("competitor" in kinds_found) is rival


@pytest.mark.parametrize(
    ("lang", "line", "week"),
    [
        ("en", "Half-pallet displays from week 45 to 51 in all stores.", 51.0),
        ("en", "We run it from week 10 to 12, in 40 stores.", 12.0),
        ("de", "Aktion von KW 10 bis 12 in 40 Filialen.", 12.0),
    ],
)
def test_the_end_of_a_range_of_weeks_is_no_figure(lang, line, week) -> None:
    assert week not in {value for value, _ in figure_values(lang, line)}


def test_a_filler_is_no_goal_and_a_price_above_a_rival_no_proof() -> None:
    turns = [
        ("kam", "What would you need to see to list it?"),
        ("buyer", "Hmm. Proof that it sells in Finland, not just in the UK."),
        ("kam", "That puts us about 15 percent above Pirkka, but below Air Wick."),
    ]
    from planning_support import plan_facts

    facts = plan_facts("en", turns)
    assert not [f for f in facts if f.kind == "goal" and f.text.strip(" .") == "Hmm"]
    assert not [f for f in facts if f.kind == "strength" and "Pirkka" in f.text]
