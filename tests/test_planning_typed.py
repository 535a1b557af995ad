"""A trainee who types in lower case ('ok. wir liefern ab kw 11.') gets the plan of the same
words written with capitals: a small letter after a full stop still starts a sentence when the
writer does not capitalise sentence starts."""

from __future__ import annotations

import pytest
from planning_support import plan_of, two_turns

from coach.planning.lexicon import cues
from coach.planning.sentences import capitalises, split_clauses

TALKS = [
    (
        "de",
        "Wie steht es um Ihre Lieferfähigkeit?",
        "Ok. Wir haben seit März eine zweite Abfüllanlage in Betrieb. Die Lieferfähigkeit liegt "
        "jetzt bei 98 Prozent. Das Problem aus dem Herbst ist also gelöst.",
    ),
    (
        "en",
        "What about the late deliveries last winter?",
        "Fair point. We've signed a second haulier since January. Our on-time rate is back at "
        "97.5%. I'll send you the weekly report by Friday.",
    ),
]


def _sentences(text: str, lang: str) -> list[str]:
    spans = sorted({(c.sentence_start, c.sentence_end) for c in split_clauses(text, cues(lang))})
    return [text[a:b].strip() for a, b in spans]


@pytest.mark.parametrize(("lang", "question", "answer"), TALKS)
def test_a_line_typed_in_lower_case_keeps_its_sentences(lang, question, answer) -> None:
    assert len(_sentences(answer.lower(), lang)) == len(_sentences(answer, lang)) == 4


@pytest.mark.parametrize(("lang", "question", "answer"), TALKS)
def test_a_kam_typing_in_lower_case_gets_the_same_plan(lang, question, answer) -> None:
    written = plan_of(lang, [("buyer", question), ("kam", answer)])
    typed = plan_of(lang, [("buyer", question), ("kam", answer.lower())])
    assert [(f.kind, f.lever, f.value, f.text.lower()) for f in typed.facts] == [
        (f.kind, f.lever, f.value, f.text.lower()) for f in written.facts
    ]
    assert [i.text.lower() for i in typed.swot.strengths] == [
        i.text.lower() for i in written.swot.strengths
    ]
    assert written.swot.strengths


def test_a_cased_text_keeps_its_abbreviations_and_small_letter_continuations() -> None:
    c = cues("de")
    # the writer capitalises: 'ca. drei' and 'usw. und' do not end a sentence
    text = "Wir liefern ca. drei Paletten. Dazu kommen Displays usw. und das im Mai."
    assert capitalises(text, c.abbreviations)
    assert len({(x.sentence_start, x.sentence_end) for x in split_clauses(text, c)}) == 2
    assert not capitalises("ok. wir liefern ab kw 11. das ist fix.")
    assert not capitalises("Ok. wir liefern ab kw 11. das ist fix.")  # most starts decide


@pytest.mark.parametrize(
    "line",
    [
        "Unser Aussendienst pflegt das Regal in dreissig Filialen.",
        "Unser Außendienst pflegt das Regal in dreißig Filialen.",
    ],
)
def test_swiss_german_without_eszett_reads_as_german_with_it(line: str) -> None:
    """Swiss German writes no ß: cue words and number words match both spellings."""
    facts = two_turns("de", "Hallo.", line, "kam")
    assert (30.0, "stores") in {(f.value, f.unit) for f in facts}
    assert ("strength", "person") in {(f.kind, f.lever) for f in facts}
