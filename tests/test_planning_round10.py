"""This round's planner reading: buyers' threats in first-person and tender words, sentence
starters that are no rivals' names, and counted nouns that name a canonical unit."""

from __future__ import annotations

import pytest
from planning_support import facts_of, plan_facts, plan_of, two_turns


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Dann streiche ich eben Artikel."),
        ("de", "Ich plane trotzdem, Ihnen zwei Facings wegzunehmen."),
        ("de", "Im Herbst schreibe ich das Sortiment neu aus."),
        ("en", "I'm putting it out to tender anyway in autumn."),
        ("en", "We're re-tendering the whole category next year."),
    ],
)
def test_the_buyers_own_cut_or_tender_is_a_threat(lang, line) -> None:
    assert "threat" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Send me the amended terms and I'll take it to my director. No promises."),
        ("en", "Fine. Nobody promises more than that."),
        ("de", "Schicken Sie mir das. Nichts verspricht mehr als ein Test."),
    ],
)
def test_a_sentence_starter_is_no_rivals_name(lang, line) -> None:
    facts = two_turns(lang, "Hello." if lang == "en" else "Hallo.", line)
    assert not [f for f in facts if f.kind == "competitor"], facts


@pytest.mark.parametrize(
    ("lang", "line", "value", "unit"),
    [
        ("de", "Ich hab aktuell zwölf Honig-Artikel im Regal.", 12.0, "SKU"),
        ("de", "Wir liegen bei 2,1 Gläsern pro Markt und Woche.", 2.1, "units"),
        ("de", "Ich will 1,5 Punkte mehr Bonus.", 1.5, "pp"),
        ("en", "Across the 64 hotels we serve breakfast every day.", 64.0, "stores"),
        ("en", "That is 3.1 million portions a year.", 3_100_000.0, "units"),
    ],
)
def test_a_counted_noun_names_its_unit(lang, line, value, unit) -> None:
    facts = two_turns(lang, "Hello." if lang == "en" else "Hallo.", line)
    figures = {(f.value, f.unit) for f in facts if f.kind == "figure"}
    assert (value, unit) in figures, figures


def test_no_word_list_in_a_data_file_holds_a_yaml_boolean() -> None:
    """YAML 1.1 reads bare no/yes/on/off as booleans: 'No' vanished from a list of non-names."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[1]
    found = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            found.extend(f"{where}[{i}]" for i, v in enumerate(node) if isinstance(v, bool))
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    for path in sorted(root.glob("coach/**/data/*.yaml")) + sorted(
        root.glob("knowledge/**/*.yaml")
    ):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert not found, f"quote these words: {found}"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Last autumn you already shorted us for four weeks."),
        ("en", "And your product pages are awful, honestly."),
        ("de", "Ihre Produktbilder sind völlig veraltet."),
        ("de", "Sie haben uns im Sommer im Stich gelassen."),
    ],
)
def test_the_buyers_harsh_words_about_us_are_a_weakness(lang, line) -> None:
    assert "weakness" in {k for k, _ in facts_of(lang, "buyer", line)}


def test_a_yes_said_alone_after_ones_own_list_agrees_that_list() -> None:
    facts = plan_facts(
        "en",
        [
            ("kam", "We pay the claims review, you give us the gondola end at 3,500 euros."),
            ("buyer", "Three thousand, not 3,500. And the pilot stores, I pick them."),
            ("kam", "Three thousand for the gondola end, you pick the pilot stores. Agreed."),
        ],
    )
    agreed = [f for f in facts if f.kind == "agreement"]
    assert 3000.0 in {f.value for f in agreed}
    assert 3500.0 not in {f.value for f in agreed}  # the bid the buyer turned down
    assert any("pilot stores" in f.text for f in agreed)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Let me get it straight for my notes. Pilot in 20 stores from March, 4 % off."),
        ("de", "Für meine Notizen: Pilot in 20 Filialen ab März, 4 % Rabatt."),
    ],
)
def test_the_buyers_notes_at_the_end_are_a_recap(lang, line) -> None:
    opener = "Gut, dann so." if lang == "de" else "Fine, let's do it."
    facts = plan_facts(lang, [("kam", opener), ("buyer", line)])
    agreed = {(f.value, f.unit) for f in facts if f.kind == "agreement"}
    assert {(20.0, "stores"), (4.0, "%")} <= agreed, agreed


def test_the_kaop_target_is_the_last_word_on_an_amount_not_every_bid() -> None:
    talk = [
        ("kam", "A one-off increase of 8 cents from March, then a fixed price."),
        ("buyer", "Eight cents is too much. Five cents, from April."),
        ("kam", "Six, from April, and 97 percent delivery guaranteed."),
        ("buyer", "Then six cents from April, 97 percent, fixed for a year. Deal."),
    ]
    plan = plan_of("en", talk)
    price = next(o for o in plan.kaop.objectives if o.p == "price")
    assert "six cents" in price.target
    assert "Six;" not in price.target and "Five" not in price.target
    measures = [m.text for m in plan.kaop.measures]
    assert sum("six" in m.lower() for m in measures) == 1, measures


@pytest.mark.parametrize(
    ("lang", "line", "said_before"),
    [
        (
            "de",
            "Ihre Zutatenliste ist alt. Deswegen hatten wir zwei Reklamationen.",
            "Zutatenliste",
        ),
        (
            "en",
            "Your pack shots are from 2019. Because of that we had two complaints.",
            "pack shots",
        ),
    ],
)
def test_a_short_sentence_pointing_back_is_quoted_with_what_it_points_to(
    lang, line, said_before
) -> None:
    facts = two_turns(lang, "Hello." if lang == "en" else "Hallo.", line)
    quotes = [f.text for f in facts if f.kind in ("weakness", "pain")]
    assert any(said_before in q and ("Reklamationen" in q or "complaints" in q) for q in quotes), (
        quotes
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Genau dafür haben wir ab September die neue Bag-in-Box mit Zapfhahn."),
        ("en", "We've got a new mineral range with a dermatologist endorsement."),
    ],
)
def test_the_kams_new_product_is_a_strength(lang, line) -> None:
    assert "strength" in {k for k, _ in facts_of(lang, "kam", line)}


def test_one_quote_naming_two_rivals_is_one_competitor_fact() -> None:
    facts = two_turns(
        "de", "Hallo.", "Fressnapf und die Eigenmarke von Aldi sind 20 Cent günstiger."
    )
    rivals = [f for f in facts if f.kind == "competitor"]
    assert len(rivals) == 1, rivals


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        (
            "en",
            "buyer",
            "Hi Lars, sorry, five minutes late, the previous call overran.",
            "weakness",
        ),
        ("de", "buyer", "Entschuldigung, ich bin zu spät, der Zug war verspätet.", "weakness"),
        ("en", "kam", "The issue is capacity.", "strength"),
        ("de", "kam", "Das Problem ist die Kapazität.", "strength"),
    ],
)
def test_neither_the_buyers_own_slip_nor_a_lacking_asset_counts_for_us(
    lang, speaker, line, kind
) -> None:
    assert kind not in {k for k, _ in facts_of(lang, speaker, line)}


@pytest.mark.parametrize(
    ("line", "fear"),
    [
        ("Then it's our risk, not yours. We sell it through other markets.", False),
        ("So your worry is a claim slipping through and ending up in the press.", True),
    ],
)
def test_the_kam_names_a_worry_only_when_it_is_the_buyers(line, fear) -> None:
    assert ("fear" in {k for k, _ in facts_of("en", "kam", line)}) is fear


def test_a_private_labels_name_of_two_words_is_named_whole() -> None:
    line = "Und unsere Eigenmarke Casa Mia hat gerade mehr Facings bekommen."
    facts = two_turns("de", "Hallo.", line)
    names = {t for f in facts if f.kind == "competitor" for t in f.tags if t.startswith("name=")}
    assert names == {"name=Casa Mia"}, names


def test_the_kams_own_failure_is_a_weakness_and_no_argument() -> None:
    line = "You're right, Halloween was our failure: we underestimated demand."
    kinds_said = {k for k, _ in facts_of("en", "kam", line)}
    assert "weakness" in kinds_said and "strength" not in kinds_said


def test_a_bar_the_buyer_sets_is_a_threat_not_a_failure() -> None:
    line = "If you don't reach at least 6% of drink picks within twelve weeks, you're out again."
    kinds_said = {k for k, _ in facts_of("en", "buyer", line)}
    assert "threat" in kinds_said and "weakness" not in kinds_said


@pytest.mark.parametrize(
    ("line", "agreed"),
    [
        ("Coca-Cola and our own-label water already take 70% of drink picks in the deal.", False),
        ("Seventy percent, deal.", True),
    ],
)
def test_deal_at_a_sentences_end_agrees_only_when_set_off(line, agreed) -> None:
    facts = two_turns("en", "We could offer 70% of the slots to you.", line)
    assert any(f.kind == "agreement" for f in facts) is agreed


def test_a_price_in_pence_keeps_its_own_unit_in_the_target() -> None:
    from coach.domain import Fact
    from coach.planning.terms import figure_label

    fact = Fact(kind="agreement", lever="price", text="10p", value=10.0, unit="ct", span="10p")
    assert figure_label(fact) == "10p"


@pytest.mark.parametrize(
    ("lang", "first", "yes", "kept", "given_up"),
    [
        (
            "de",
            "Drei Paletten pro Markt wie letztes Jahr?",
            "Einverstanden: zwei Paletten pro Markt statt drei.",
            2.0,
            3.0,
        ),
        ("en", "Eight facings as before?", "Agreed: six facings instead of eight.", 6.0, 8.0),
    ],
)
def test_a_figure_given_up_in_the_yes_is_not_agreed(lang, first, yes, kept, given_up) -> None:
    facts = two_turns(lang, first, yes)
    agreed = {f.value for f in facts if f.kind == "agreement"}
    assert kept in agreed and given_up not in agreed, agreed


def test_a_recommended_retail_price_is_no_strength() -> None:
    line = "Unser UVP liegt bei 4,29 für Blüte und Raps, Wald bei 4,79."
    assert "strength" not in {k for k, _ in facts_of("de", "kam", line)}


def test_yes_to_the_kams_account_of_a_failure_agrees_no_term() -> None:
    facts = plan_facts(
        "en",
        [
            (
                "kam",
                "The pollock quota was cut by 25 % this year. We should have warned you earlier.",
            ),
            ("buyer", "Yes, it is. I found out from my stores before I heard from you."),
        ],
    )
    assert not [f for f in facts if f.kind == "agreement"]


def test_a_pack_size_names_the_product_it_is_no_agreed_amount() -> None:
    facts = two_turns(
        "en",
        "Can you commit to a fill rate?",
        "Agreed: a 90 % fill rate on the 10-pack, and the 30-pack paused until September.",
        speaker="kam",
    )
    agreed = [f for f in facts if f.kind == "agreement"]
    assert 90.0 in {f.value for f in agreed} and 10.0 not in {f.value for f in agreed}
    assert any("30-pack paused" in f.text and f.value is None for f in agreed), agreed


def test_a_german_sentence_opening_adverb_is_no_rivals_name() -> None:
    line = "Komplett finanziert geht, wenn die Aktion in allen 54 Märkten läuft."
    facts = two_turns("de", "Zur Hälfte von uns finanziert.", line)
    assert not [f for f in facts if f.kind == "competitor"], facts


@pytest.mark.parametrize(
    ("lang", "line", "date"),
    [
        ("de", "die listung kommt bis ende märz, die aktion in kw 12.", "kw 12"),
        ("de", "das schicke ich ihnen bis freitag.", "freitag"),
        ("en", "we can deliver by may and run the promo in week 18.", "by may"),
    ],
)
def test_dates_typed_in_lower_case_are_dates(lang, line, date) -> None:
    facts = two_turns(lang, "hallo." if lang == "de" else "hello.", line, speaker="kam")
    assert any(f.kind == "date" and date in f.span.lower() for f in facts), facts


def test_may_and_fall_as_verbs_are_no_dates() -> None:
    facts = two_turns("en", "hello.", "prices may rise and sales fall, I'm afraid.", speaker="kam")
    assert not [f for f in facts if f.kind == "date"], facts


def test_an_all_lower_case_line_still_addresses_the_buyer_politely() -> None:
    facts = two_turns(
        "de", "hallo.", "sie befürchten also, dass die ware liegen bleibt?", speaker="kam"
    )
    assert any(f.kind == "fear" for f in facts), facts


def test_a_kaop_target_is_in_a_unit_its_kpi_is_measured_in() -> None:

    talk = [
        ("kam", "Three of our SKUs at eye level, and we fund the anti-theft hooks."),
        (
            "buyer",
            "Fine, but two SKUs. We pilot in 60 stores first, the ones with the worst shrink, and roll out after three months if the numbers work.",
        ),
        ("kam", "Agreed."),
    ]
    targets = {o.p: o.target for o in plan_of("en", talk).kaop.objectives}
    assert "three months" not in targets.get("performance", ""), targets


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_500_turn_talk_of_real_turns_drafts_a_plan(lang) -> None:
    """A recap far from the figure it echoes once left an agreement without a lever (a crash)."""
    from coach.planning import draft_plan
    from evals.planning.bench import long_talk

    plan = draft_plan(long_talk(lang, 500))
    assert plan.facts and all(f.lever for f in plan.facts)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "de",
            "Und ich gebe Ihnen für den Herbst eine Zweitplatzierung mit Displays, auf unsere Kosten.",
        ),
        ("en", "And I can give you a gondola end in May, funded by us."),
    ],
)
def test_a_slot_the_kam_gives_on_the_shop_floor_is_an_opportunity(lang, line) -> None:
    assert "offer" in {k for k, _ in facts_of(lang, "kam", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Und wehe, die Paletten kommen wieder nicht pünktlich."),
        (
            "de",
            "Ich brauche einen Preis, mit dem ich nicht schlechter aussehe als der Markt gegenüber.",
        ),
        ("en", "One wrong claim on the pack and we're in the paper."),
        ("en", "I want a guarantee it won't happen again in the autumn."),
    ],
)
def test_the_buyers_warnings_are_fears(lang, line) -> None:
    assert "fear" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line", "wanted"),
    [
        (
            "de",
            "Also diesmal: weniger Paletten und ein Rückgaberecht. Sonst mach ich's nicht.",
            "Rückgaberecht",
        ),
        (
            "en",
            "Weekly stock reports and a named contact. Otherwise we stop here.",
            "stock reports",
        ),
        ("de", "Wenn ich Ihnen Platz freiräume, brauch ich WKZ.", "WKZ"),
    ],
)
def test_what_the_buyer_says_before_his_ultimatum_is_his_goal(lang, line, wanted) -> None:
    goals = [t for k, t in facts_of(lang, "buyer", line) if k == "goal"]
    assert any(wanted in g for g in goals), goals


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Den Preis will ich bis Mittwoch schriftlich, sonst bleibt's bei zwei Facings."),
        ("de", "Sechs Sorten insgesamt. Die können weg."),
        ("en", "If the damage rate stays high, I'll move the big bags to ship-from-vendor."),
    ],
)
def test_the_buyers_other_ultimatums_are_threats(lang, line) -> None:
    assert "threat" in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        (
            "de",
            "buyer",
            "Letztes Jahr sind mir von Ihren Paletten ein Drittel stehen geblieben.",
            "weakness",
        ),
        ("de", "kam", "Wir haben damals zu viel geschoben, das war falsch.", "weakness"),
        ("en", "buyer", "You said Monday last month too.", "weakness"),
        (
            "de",
            "kam",
            "Wir haben die Umverpackung umgestellt, seit Januar keine einzige Reklamation mehr.",
            "strength",
        ),
        (
            "en",
            "kam",
            "Because we're the biggest: 34 percent share of the category with you.",
            "strength",
        ),
        ("de", "kam", "Vier Sorten, lieferbar ab sofort.", "strength"),
    ],
)
def test_everyday_words_for_our_failures_and_assets(lang, speaker, line, kind) -> None:
    assert kind in {k for k, _ in facts_of(lang, speaker, line)}


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        ("de", "kam", "Und wir gehen mit 3,5 Millionen Euro in TV und Social.", "strength"),
        ("en", "kam", "In the shopper study we ran with you, 22% of buyers said so.", "strength"),
        ("de", "kam", "Unser Maiskeimöl dreht bei Ihnen nicht, ehrlich gesagt.", "weakness"),
        ("en", "buyer", "And your deliveries to them have been patchy.", "weakness"),
        ("de", "kam", "Das war ein Flop, da gibt's nichts schönzureden.", "weakness"),
        ("en", "buyer", "But the number I care about is category value.", "goal"),
        ("de", "buyer", "Und diesmal bitte die Ware pünktlich im Lager.", "goal"),
    ],
)
def test_report10s_everyday_words(lang, speaker, line, kind) -> None:
    assert kind in {k for k, _ in facts_of(lang, speaker, line)}


def test_a_nationality_is_no_rivals_name() -> None:
    line = "Our private label foil comes from a Turkish supplier, and it sells at 1.29."
    facts = two_turns("en", "Hello.", line)
    names = {t for f in facts for t in f.tags if t.startswith("name=")}
    assert "name=Turkish" not in names and any(f.kind == "competitor" for f in facts)


@pytest.mark.parametrize(
    ("lang", "speaker", "line", "kind"),
    [
        ("en", "buyer", "Eight cents is too much.", "pain"),
        ("de", "buyer", "Vier Sorten sind mir zu viel.", "pain"),
        ("en", "kam", "We'll take back unsold stock after the first 12 weeks.", "weakness"),
    ],
)
def test_too_much_of_an_offer_and_taking_back_unsold_stock_are_no_trouble(
    lang, speaker, line, kind
) -> None:
    assert kind not in {k for k, _ in facts_of(lang, speaker, line)}
