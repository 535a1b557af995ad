"""What the planner must not write: apologies read as strengths, clock times read as figures, a
word of small talk read as praise, a retailer's region or a colleague read as a rival (what it
must not write as agreed: test_planning_not_agreed.py)."""

from __future__ import annotations

import pytest

from tests.planning_support import facts_of, plan_of


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "de",
            "Entschuldigung, das lag an uns, die Paneldaten kamen erst gestern aus der Marktforschung.",
        ),
        (
            "en",
            "Sorry, that's on us, the Kantar panel data only arrived from our research team on Friday.",
        ),
    ],
)
def test_an_admitted_failure_is_a_weakness_not_a_strength(lang: str, line: str) -> None:
    plan = plan_of(
        lang, [("buyer", "Die Muster kamen spät." if lang == "de" else "Late."), ("kam", line)]
    )
    assert plan.swot.weaknesses
    assert not plan.swot.strengths


@pytest.mark.parametrize(
    "line",
    [
        "Einverstanden, dafür geben wir ein Facing von der Zitrone im 500-Gramm-Glas ab.",
        "Wir liefern den Senf künftig im 250-Milliliter-Glas.",
    ],
)
def test_a_pack_size_or_a_concession_proves_no_strength(line: str) -> None:
    assert "strength" not in {k for k, _ in facts_of("de", "kam", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Lassen wir das, ich habe nur bis halb zwölf."),
        ("de", "Wir sehen uns um 9 Uhr im Büro."),
        ("en", "I'm only here until half past four."),
        ("en", "Let's speak at 10am."),
    ],
)
def test_a_clock_time_is_no_figure(lang: str, line: str) -> None:
    assert "figure" not in {k for k, _ in facts_of(lang, "buyer", line)}


@pytest.mark.parametrize(
    ("lang", "line"),
    [("de", "Gut, zu Ihren Neuheiten."), ("en", "Great. Next point, your new flavours.")],
)
def test_a_word_that_turns_to_the_next_point_praises_nothing(lang: str, line: str) -> None:
    first = "Unsere Neuheiten sind fertig." if lang == "de" else "Our new flavours are ready."
    plan = plan_of(lang, [("kam", first), ("buyer", line)])
    assert not [i for i in plan.swot.strengths if 1 in i.evidence_turns]


def test_a_retailers_region_is_no_rival() -> None:
    line = "Die Sorte läuft bei Edeka Nordbayern seit einem Jahr mit 4,2 Stück pro Markt."
    assert "competitor" not in {k for k, _ in facts_of("de", "kam", line)}


def test_our_own_product_growing_is_no_cost_rise() -> None:
    kinds = {k for k, _ in facts_of("en", "kam", "Our 500ml cans are up 9 percent.")}
    assert "threat" not in kinds
    assert "threat" in {k for k, _ in facts_of("en", "kam", "Tinplate cans are up 9 percent.")}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Don't try to teach me about my shoppers, Oliver."),
        ("de", "Das müssen Sie mir nicht erklären, Tobias."),
    ],
)
def test_a_first_name_closing_the_sentence_is_spoken_to_not_a_contact(lang: str, line: str) -> None:
    assert "open_point" not in {k for k, _ in facts_of(lang, "buyer", line)}


def test_a_named_contact_after_a_role_is_still_a_contact() -> None:
    line = "Send the forecast to our supply planner, Declan."
    assert "open_point" in {k for k, _ in facts_of("en", "buyer", line)}


def test_getting_straight_to_the_point_is_no_follow_up() -> None:
    line = "Of course. I'll get straight to it: our two new flavours for the summer."
    assert "open_point" not in {k for k, _ in facts_of("en", "kam", line)}


def test_the_kams_if_we_delist_offer_admits_no_weakness() -> None:
    line = "What I can do is look at the mix: if we take out the two slowest SKUs, your space works harder."
    assert "weakness" not in {k for k, _ in facts_of("en", "kam", line)}


def test_a_rivals_growth_is_a_threat_not_a_customer_trend() -> None:
    kinds = {k for k, _ in facts_of("en", "buyer", "Fever-Tree is up thirty this year.")}
    assert "competitor" in kinds
    assert "trend" not in kinds


def test_a_capitalised_compound_opening_a_sentence_is_no_rival() -> None:
    kinds = {k for k, _ in facts_of("en", "buyer", "Plant-based is up 12% this year.")}
    assert "competitor" not in kinds


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Was wir dafür bräuchten, ist die Listung in allen 300 Filialen."),
        ("en", "What we'd need in return is the listing in all 300 stores."),
    ],
)
def test_what_the_kam_asks_for_is_no_strength(lang: str, line: str) -> None:
    assert "strength" not in {k for k, _ in facts_of(lang, "kam", line)}


def test_our_baustelle_is_a_weakness() -> None:
    kinds = {k for k, _ in facts_of("de", "kam", "Da haben Sie recht, das ist unsere Baustelle.")}
    assert "weakness" in kinds
    assert "strength" not in kinds


def test_the_buyers_own_label_growing_is_a_threat_not_a_trend() -> None:
    plan = plan_of(
        "de",
        [
            ("kam", "Wie sieht es bei laktosefrei aus?"),
            ("buyer", "Unsere Eigenmarke ist im letzten Jahr um zwanzig Prozent gewachsen."),
        ],
    )
    assert not plan.swot.opportunities
    assert plan.swot.threats


def test_the_buyer_quoting_our_cost_rise_praises_nothing() -> None:
    kinds = {k for k, _ in facts_of("en", "buyer", "Your appendix says flour is up 9 percent.")}
    assert "strength" not in kinds


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Glasur wächst gerade, plus 12 Prozent."),
        ("de", "In der Gastronomie lief er stark, plus 18 Prozent."),
    ],
)
def test_glasur_and_gastronomie_are_no_raw_materials(lang: str, line: str) -> None:
    assert "threat" not in {k for k, _ in facts_of(lang, "kam", line)}


def test_glass_getting_dearer_is_a_market_risk() -> None:
    line = "Das Glas ist um 25 Prozent teurer geworden."
    assert "threat" in {k for k, _ in facts_of("de", "kam", line)}


def test_a_cost_breakdown_is_no_breakdown() -> None:
    line = "I'd need to see your cost breakdown before I go above four."
    assert "weakness" not in {k for k, _ in facts_of("en", "buyer", line)}


def test_above_my_calculation_is_no_good_news() -> None:
    kinds = {k for k, _ in facts_of("en", "buyer", "Five is still above my calculation.")}
    assert "trend" not in kinds


@pytest.mark.parametrize(
    ("lang", "line"),
    [("de", "Und grüßen Sie Herrn Maurer von mir."), ("en", "And say hi to Mark Brennan from me.")],
)
def test_regards_to_someone_are_no_follow_up(lang: str, line: str) -> None:
    assert "open_point" not in {k for k, _ in facts_of(lang, "buyer", line)}


def test_imagining_a_listing_is_no_presentation_to_prepare() -> None:
    assert "open_point" not in {k for k, _ in facts_of("de", "buyer", "Vorstellen schon.")}
    kinds = {k for k, _ in facts_of("de", "kam", "Wir würden Ihnen die Studie gern vorstellen.")}
    assert "open_point" in kinds


def test_a_non_prefix_names_a_kind_of_product_not_a_rival() -> None:
    kinds = {k for k, _ in facts_of("en", "buyer", "Low-sugar is up eight in the category.")}
    assert "competitor" not in kinds
    assert "trend" in kinds


def test_a_count_by_article_or_a_duration_proves_no_strength() -> None:
    line = "Und wir flankieren das im Mai mit einer Aktion, zwei Wochen Handzettel."
    assert "strength" not in {k for k, _ in facts_of("de", "kam", line)}


def test_a_rival_the_kam_denies_is_no_rival_move() -> None:
    line = "Die Neukäufer kommen also nicht von Philadelphia, sondern zusätzlich in die Kategorie."
    assert "competitor" not in {k for k, _ in facts_of("de", "kam", line)}


@pytest.mark.parametrize(
    "line",
    ["I saw the teaser on LinkedIn.", "The newsletter, I need to check, Hannah runs that."],
)
def test_a_platform_or_a_colleague_is_no_rival(line: str) -> None:
    assert "competitor" not in {k for k, _ in facts_of("en", "buyer", line)}


def test_a_figure_in_a_conditional_offer_proves_nothing() -> None:
    line = "We'd take out two SKUs if you give us 40 more stores for the trial."
    assert "strength" not in {k for k, _ in facts_of("en", "kam", line)}


@pytest.mark.parametrize(
    "line",
    [
        "Ah Ciarán, it was mad, honestly, rain all weekend.",
        "Perfect. Oh and Ciarán, we'll probably go lower on shelf.",
    ],
)
def test_a_name_after_an_interjection_is_spoken_to(line: str) -> None:
    assert "open_point" not in {k for k, _ in facts_of("en", "buyer", line)}


def test_a_retailers_name_inside_another_name_is_no_rival() -> None:
    kinds = {k for k, _ in facts_of("en", "buyer", "Can we do Electric Picnic branding on it?")}
    assert "competitor" not in kinds
    assert "competitor" in {k for k, _ in facts_of("en", "buyer", "Yesterday Lidl cut its price.")}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Die Filialdaten nehme ich gern, das bietet mir sonst keiner Ihrer Wettbewerber."),
        ("de", "Kein Wettbewerber liefert so zuverlässig."),
        ("en", "None of your competitors gives me store data."),
    ],
)
def test_no_rival_named_is_no_rival(lang: str, line: str) -> None:
    assert "competitor" not in {k for k, _ in facts_of(lang, "buyer", line)}


def test_meeting_at_a_figure_is_a_compromise_not_a_meeting() -> None:
    facts = facts_of("de", "buyer", "Treffen wir uns bei 6.000 Euro, vier Wochen Kasse ab KW 2.")
    assert "open_point" not in {k for k, _ in facts}


@pytest.mark.parametrize(
    "line", ["I have some concerns, I must say.", "I must tell you also: the review is in May."]
)
def test_i_must_say_is_no_goal(line: str) -> None:
    assert "goal" not in {k for k, _ in facts_of("en", "buyer", line)}


def test_a_wish_denied_right_before_is_no_goal() -> None:
    kinds = {k for k, _ in facts_of("en", "buyer", "I don't want to change the bay again.")}
    assert "goal" not in kinds


def test_what_the_buyer_will_not_guarantee_is_no_strength() -> None:
    kinds = {k for k, _ in facts_of("de", "buyer", "Die Regalmeter garantier ich Ihnen nicht.")}
    assert "strength" not in kinds


def test_the_kam_naming_the_buyers_worry_admits_nothing() -> None:
    line = "Sie befürchten also, dass bei der Umstellung wieder Lücken entstehen."
    kinds = {k for k, _ in facts_of("de", "kam", line)}
    assert "fear" in kinds
    assert "weakness" not in kinds


def test_a_brand_name_after_a_title_is_a_person() -> None:
    line = "Drei neue? Herr Brandt, ich hab im Regal nicht mal Platz für die, die wir haben."
    kinds = {k for k, _ in facts_of("de", "buyer", line)}
    assert "competitor" not in kinds
    assert "open_point" not in kinds
    assert "pain" in kinds


@pytest.mark.parametrize(
    ("lang", "line"), [("en", "Is that a problem for you?"), ("de", "Ist das ein Problem für Sie?")]
)
def test_asking_whether_something_is_a_problem_reports_none(lang: str, line: str) -> None:
    assert "weakness" not in {k for k, _ in facts_of(lang, "buyer", line)}
