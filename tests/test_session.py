"""Sessions end to end: storage, resume after restart, bad input that loses nothing."""

from __future__ import annotations

import pytest

from coach.errors import MessageError, UnknownScenarioError
from coach.session import Coach
from coach.store import Store


def german_scenario(coach_app: Coach) -> str:
    return sorted(s.id for s in coach_app.scenarios.values() if s.lang == "de")[0]


def test_a_turn_is_stored_with_its_reply_and_annotation(coach_app: Coach) -> None:
    sid = coach_app.start(german_scenario(coach_app), seed=3, trainee="anna")
    reply = coach_app.send(sid, "Guten Tag! Wie läuft das Geschäft in Ihrer Kategorie?")
    assert reply.buyer_text
    turns = coach_app.turns(sid)
    assert [t.speaker for t in turns] == ["kam", "buyer"]
    assert turns[0].annotation is not None and "open_question" in turns[0].annotation["listening"]
    assert turns[1].move == reply.move


def test_session_survives_a_restart(coach_app: Coach, tmp_path) -> None:
    sid = coach_app.start(german_scenario(coach_app), seed=5)
    coach_app.send(sid, "Was ist Ihnen für das nächste Jahr besonders wichtig?")
    state = coach_app.state(sid)
    coach_app.store.close()
    reopened = Coach(settings=coach_app.settings, store=Store(coach_app.store.path))
    assert reopened.state(sid) == state
    reply = reopened.send(sid, "Verstehe. Was genau bereitet Ihnen Sorgen?")
    assert len(reopened.turns(sid)) == 4
    assert reply.buyer_text


def test_a_stored_but_unanswered_turn_is_answered_on_resume(coach_app: Coach) -> None:
    sid = coach_app.start(german_scenario(coach_app), seed=5)
    coach_app.store.add_turn(sid, "kam", "Wie geht es Ihnen heute?")  # crash before the reply
    coach_app.send(sid, "Was steht bei Ihnen in diesem Jahr an?")
    speakers = [t.speaker for t in coach_app.turns(sid)]
    assert speakers == ["kam", "buyer", "kam", "buyer"]


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_bad_messages_are_refused_and_nothing_is_lost(coach_app: Coach, text: str) -> None:
    sid = coach_app.start(german_scenario(coach_app), seed=1)
    coach_app.send(sid, "Guten Tag, wie läuft es?")
    before = coach_app.turns(sid)
    with pytest.raises(MessageError) as info:
        coach_app.send(sid, text)
    assert "leer" in str(info.value) or "2000" in str(info.value)
    assert coach_app.turns(sid) == before


def test_unknown_scenario_lists_the_known_ids(coach_app: Coach) -> None:
    with pytest.raises(UnknownScenarioError) as info:
        coach_app.start("no-such-scenario")
    for known in coach_app.scenarios:
        assert known in str(info.value)


def test_retry_from_a_turn_replays_the_buyer_state(coach_app: Coach) -> None:
    sid = coach_app.start(german_scenario(coach_app), seed=9)
    coach_app.send(sid, "Guten Tag, wie läuft es bei Ihnen?")
    after_first = coach_app.state(sid)
    coach_app.send(sid, "Sie müssen 9 % Preiserhöhung akzeptieren, sonst liefern wir nicht.")
    coach_app.retry_from(sid, 2)
    assert len(coach_app.turns(sid)) == 2
    assert coach_app.state(sid) == after_first


def test_finished_session_refuses_more_messages(coach_app: Coach) -> None:
    sid = coach_app.start(german_scenario(coach_app), seed=2)
    for _ in range(40):
        try:
            reply = coach_app.send(
                sid, "Sie müssen 15 % Preiserhöhung akzeptieren, sonst war's das!"
            )
        except MessageError:
            break
        if reply.finished:
            break
    assert coach_app.state(sid).finished
    with pytest.raises(MessageError):
        coach_app.send(sid, "Hallo?")
