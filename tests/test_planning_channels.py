"""The account's own ways to reach shoppers (its app, newsletter, loyalty card, leaflet) are a
chance for the brand: an opportunity on the promotion lever, labelled as the account's channel."""

from __future__ import annotations

import pytest

from tests.planning_support import plan_of


@pytest.mark.parametrize(
    ("lang", "speaker", "line"),
    [
        ("en", "buyer", "Recipes would work well in our Plussa app, people use it every week."),
        ("en", "kam", "We could feature the range in your customer newsletter in May."),
        ("de", "buyer", "Das könnte auch in unseren Kundenclub, da sind 800.000 Leute drin."),
        ("de", "kam", "Wir könnten die Sorte in Ihrem Handzettel in KW 20 zeigen."),
    ],
)
def test_the_accounts_channel_is_an_opportunity(lang: str, speaker: str, line: str) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    other = "kam" if speaker == "buyer" else "buyer"
    plan = plan_of(lang, [(other, hello), (speaker, line)])
    label = "Kanal des Kunden" if lang == "de" else "Account's channel"
    chances = [i for i in plan.swot.opportunities if label in i.text]
    assert chances
    assert chances[0].p == "promotion"


def test_our_own_webshop_is_no_channel_of_the_account() -> None:
    plan = plan_of(
        "de",
        [
            ("buyer", "Haben Sie Daten?"),
            ("kam", "In unserem eigenen Webshop verkauft die Linie gut."),
        ],
    )
    assert not [i for i in plan.swot.opportunities if "Kanal des Kunden" in i.text]


def test_one_channel_named_twice_is_one_chance_with_both_turns() -> None:
    plan = plan_of(
        "en",
        [
            ("buyer", "Send me recipe content for our Plussa app."),
            ("kam", "Happy to, the Plussa app content comes by Friday."),
        ],
    )
    chances = [i for i in plan.swot.opportunities if "Account's channel" in i.text]
    assert len(chances) == 1
    assert chances[0].evidence_turns == [0, 1]


@pytest.mark.parametrize(
    "line", ["I'll send you the app details and a card.", "The app is great, honestly."]
)
def test_a_plain_app_or_card_is_no_channel_of_the_account(line: str) -> None:
    plan = plan_of("en", [("kam", "Hello."), ("buyer", line)])
    assert not [i for i in plan.swot.opportunities if "Account's channel" in i.text]
