"""Swiss francs are money like euros (the Swiss trade: Coop, Migros, Denner), and a price after a
currency is never a date."""

from __future__ import annotations

import pytest
from planning_support import plan_facts, plan_of

PRICES = [
    ("de", "Unser Balsamico kostet im Regal 4.20 Franken.", 4.2, "CHF"),
    ("de", "Der von Ponti liegt bei CHF 3.90.", 3.9, "CHF"),
    ("de", "Fünf Franken fünfzig ist zu viel.", 5.5, "CHF"),
    ("de", "Mehr als 80 Rappen Aufschlag geht nicht.", 80.0, "ct"),
    ("en", "Our vinegar sells at CHF 4.20 in Coop.", 4.2, "CHF"),
    ("en", "Ponti is at 3.90 francs.", 3.9, "CHF"),
]


@pytest.mark.parametrize(("lang", "line", "value", "unit"), PRICES)
def test_an_amount_in_swiss_francs(lang: str, line: str, value: float, unit: str) -> None:
    hello = "Grüezi, wie läuft es?" if lang == "de" else "Hello, how is it going?"
    facts = plan_facts(lang, [("buyer", hello), ("kam", line)])
    figures = [(f.value, f.unit) for f in facts if f.kind == "figure"]
    assert (value, unit) in figures
    assert not [f for f in facts if f.kind == "date"]  # 'CHF 3.90.' is no 3 September


def test_a_real_date_after_a_price_stays_a_date() -> None:
    facts = plan_facts(
        "de",
        [("kam", "Die Gutschrift zu 7,50 Euro kommt bis Ende August."), ("buyer", "Gut.")],
    )
    assert any(f.kind == "date" and "Ende August" in f.text for f in facts)


def test_an_agreed_price_in_francs_is_a_kaop_target() -> None:
    plan = plan_of(
        "de",
        [
            ("kam", "Wir schlagen einen Regalpreis von 4.20 Franken vor."),
            ("buyer", "Einverstanden, 4.20 Franken."),
        ],
    )
    price = next(o for o in plan.kaop.objectives if o.p == "price")
    assert "4.20" in price.target and "Franken" in price.target
