"""Dates as people write them in mails and notes: numeric day/month in the UK and Ireland
('by 15/07', '01/03/2026'), ISO dates, 'by EOW', and the German '1.1.' that does not end its
sentence."""

from __future__ import annotations

import pytest
from planning_support import two_turns

DATES = [
    ("en", "Please confirm the volumes by 15/07.", "by 15/07"),
    ("en", "The first delivery is on 01/03/2026.", "on 01/03/2026"),
    ("en", "I need the artwork by EOW.", "EOW"),
    ("en", "Listing goes live on 2026-03-01.", "2026-03-01"),
    ("de", "Die Listung startet am 2026-03-01.", "2026-03-01"),
    # Austrian month names
    ("de", "Die Ware kommt bis Ende Jänner.", "Ende Jänner"),
    ("de", "Der Start ist im Feber.", "Feber"),
]


@pytest.mark.parametrize(("lang", "line", "span"), DATES)
def test_a_written_date_is_a_date(lang: str, line: str, span: str) -> None:
    hello = "Hallo." if lang == "de" else "Hello."
    dates = [f for f in two_turns(lang, hello, line, "kam") if f.kind == "date"]
    assert [span in f.span for f in dates] == [True]


def test_a_date_with_dots_does_not_cut_its_sentence() -> None:
    facts = two_turns("de", "Hallo.", "Der Start ist ab 1.1. in allen Märkten geplant.", "kam")
    dates = [f for f in facts if f.kind == "date"]
    assert dates and "1.1. in allen Märkten geplant" in dates[0].text
