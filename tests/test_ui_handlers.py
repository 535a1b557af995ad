"""Web app handlers without a browser: formatting, the error -> warning path, the tabs' logic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from ui_support import OPENING, ROOT, SKIP, UI, german_scenario  # noqa: F401

from coach.domain import Feedback, Scorecard
from coach.session import Coach
from coach.store import Store
from coach.ui import format as fmt
from coach.ui.texts import LANGS, Localizer, T, t, texts
from coach.ui.trainee import N_VIEW, TraineeHandlers

# --- texts -------------------------------------------------------------------------------------


def test_every_text_exists_in_both_languages() -> None:
    for key, entry in texts().items():
        assert set(entry) == set(LANGS), key
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), key


def test_every_text_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in UI.glob("*.py"):
        used |= set(re.findall(r"""\b[tT]\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    families = {
        "mood": ["hostile", "cool", "neutral", "warm"],
        "outcome": ["deal", "walk_away", "max_turns"],
        "dimension": list(fmt.DIMENSIONS),
        "lever": ["product", "price", "promotion", "placement", "person", "performance"],
        "side": ["fact", "self_revelation", "relationship", "appeal"],
        "mode": ["trust", "negotiation", "neutral"],
        "difficulty": ["easy", "medium", "hard"],
        "feedback": ["mistake", "good", *fmt.FEEDBACK_COLUMNS],
        "listening": [
            "open_question",
            "closed_question",
            "paraphrase",
            "emotion_verbalization",
            "summary",
            "encourager",
            "metacommunication",
        ],
    }
    used |= {f"{family}.{name}" for family, names in families.items() for name in names}
    missing = sorted(key for key in used if key not in texts())
    assert not missing, f"texts.yaml lacks: {missing}"


def test_a_missing_key_shows_itself_instead_of_crashing() -> None:
    assert t("no.such_key", "de") == "no.such_key"
    assert t("trainee.send", "fr") == t("trainee.send", "de")


def test_localizer_relabels_registered_components() -> None:
    @dataclass
    class Fake:
        value: str = ""
        label: str = ""

    loc = Localizer("de")
    button = loc.make(Fake, value=T("trainee.send"))
    box = loc.make(Fake, label=T("trainee.message"), value="typed text")
    assert button.value == "Senden" and box.label == "Ihre Nachricht" and box.value == "typed text"
    updates = loc.updates("en")
    assert updates[0]["value"] == "Send"
    assert updates[1] == {"__type__": "update", "label": "Your message"}  # value untouched


# --- formatting --------------------------------------------------------------------------------


def test_brief_shows_what_the_trainee_may_know_and_never_the_hidden_part(coach: Coach) -> None:
    for scenario in coach.scenarios.values():
        brief = fmt.brief_markdown(scenario, "de")
        assert scenario.title in brief
        assert scenario.account.retailer in brief
        assert scenario.buyer.name in brief
        for objective in scenario.brief.objectives:
            assert objective.text.strip() in brief
            if objective.target is not None:
                assert fmt.fmt_number(objective.target, "de") in brief
        for point in scenario.brief.walk_away:
            assert point.text.strip() in brief
        for item in scenario.brief.data:
            assert item.strip() in brief
        hidden = scenario.buyer.hidden
        assert hidden.batna not in brief
        for interest in hidden.interests:
            assert interest.text not in brief


def test_brief_headings_follow_the_ui_language(coach: Coach) -> None:
    scenario = coach.scenario(german_scenario(coach))
    assert "#### Ziele" in fmt.brief_markdown(scenario, "de")
    assert "#### Objectives" in fmt.brief_markdown(scenario, "en")
    assert fmt.brief_markdown(None, "en") == t("trainee.brief_empty", "en")


def test_scenario_choices_list_all_scenarios_with_a_language_tag(coach: Coach) -> None:
    choices = fmt.scenario_choices(coach.scenarios)
    assert sorted(value for _, value in choices) == sorted(coach.scenarios)
    for label, value in choices:
        assert label.startswith(f"[{coach.scenarios[value].lang.upper()}] ")
    langs = [coach.scenarios[value].lang for _, value in choices]
    assert langs == sorted(langs, key=lambda lang: lang != "de")  # German first


def _card() -> Scorecard:
    return Scorecard(
        dimensions={"balance": 70, "four_sides": 55, "listening": 40, "technique": 81},
        overall=62,
        feedback=[
            Feedback(
                turn=2,
                issue="Forderung ohne Gegenleistung",
                why="Zugeständnis verschenkt",
                better="Wenn Sie …, dann …",
                source="neg-conditional-concession",
            ),
            Feedback(
                turn=0,
                issue="Offene Frage",
                why="bringt Interessen ans Licht",
                better="",
                source="active-listening",
                kind="good",
            ),
        ],
    )


def test_scorecard_table_numbers_turns_as_the_trainee_counts_them() -> None:
    table = fmt.feedback_table(_card(), {0: 1, 2: 2}, "de")
    assert table["headers"] == ["Zug", "Art", "Beobachtung", "Warum", "Besser formuliert", "Quelle"]
    assert table["data"] == [
        ["1", "Gut", "Offene Frage", "bringt Interessen ans Licht", "", "active-listening"],
        [
            "2",
            "Verbessern",
            "Forderung ohne Gegenleistung",
            "Zugeständnis verschenkt",
            "Wenn Sie …, dann …",
            "neg-conditional-concession",
        ],
    ]
    assert fmt.feedback_table(None, {}, "en") == {"headers": fmt.feedback_headers("en"), "data": []}


def test_dimension_bars_show_every_score_and_the_overall() -> None:
    html = fmt.dimensions_html(_card(), "en")
    assert 'data-overall="62"' in html
    for name in fmt.DIMENSIONS:
        assert f'data-dimension="{name}"' in html and t(f"dimension.{name}", "en") in html
    assert "width:81%" in html
    assert t("trainee.score_empty", "de") in fmt.dimensions_html(None, "de")


def test_hints_and_status_formatting() -> None:
    card = _card()
    hints = fmt.hints_markdown(card.feedback, "de")
    assert "⚠ **Forderung ohne Gegenleistung**" in hints and "Wenn Sie …, dann …" in hints
    assert "✓ **Offene Frage**" in hints
    assert fmt.hints_markdown([], "en") == t("trainee.hints_clean", "en")

    @dataclass
    class State:
        trust: float = 0.72
        turn: int = 3
        outcome: str | None = "walk_away"
        mood: str = "warm"

    status = fmt.status_html("abc123", State(), 16, "de")
    assert "abc123" in status and "Zug 3 von 16" in status
    assert 'data-outcome="walk_away"' in status and "abgebrochen" in status
    assert 'data-mood="warm"' in fmt.mood_html(State(), "de") and "72 %" in fmt.mood_html(
        State(), "de"
    )


def test_html_from_user_text_is_escaped() -> None:
    assert fmt.esc('<script>"x"</script>') == "&lt;script&gt;&quot;x&quot;&lt;/script&gt;"


# --- trainee: sessions, and errors as warnings -------------------------------------------------


def test_start_without_scenario_and_bad_seed_warn(trainee: TraineeHandlers) -> None:
    with pytest.warns(UserWarning, match="Szenario"):
        assert trainee.start_event(None, "", "", "de")[0] == SKIP
    with pytest.warns(UserWarning, match="whole number"):
        trainee.start_event(german_scenario(trainee.coach), "", "abc", "en")


def test_retry_drops_the_turn_and_puts_its_text_back(trainee: TraineeHandlers) -> None:
    session_id = trainee.start(german_scenario(trainee.coach), "", 3, "de").session_id
    trainee.send(session_id, OPENING, "de")
    second = "Wir brauchen 5 % mehr im Preis, sonst geht es nicht."
    trainee.send(session_id, second, "de")
    second_idx = [x.idx for x in trainee.coach.turns(session_id) if x.speaker == "kam"][1]
    outputs = trainee.retry_event(session_id, second_idx, "de")
    chat, message = outputs[1], outputs[N_VIEW - 1]
    assert len(chat) == 2 and message == second
    with pytest.warns(UserWarning, match="Ihrer Züge"):
        trainee.retry_event(session_id, None, "de")


def test_resume_after_a_restart_shows_the_stored_session(trainee: TraineeHandlers) -> None:
    coach = trainee.coach
    scenario_id = german_scenario(coach)
    session_id = trainee.start(scenario_id, "", None, "de").session_id
    trainee.send(session_id, OPENING, "de")
    restarted = Coach(
        coach.settings, store=Store(coach.store.path), scenarios_dir=coach.scenarios_dir
    )
    outputs = TraineeHandlers(restarted).resume_event(f"  {session_id} ", "en")
    assert outputs[0] == session_id and len(outputs[1]) == 2
    assert outputs[-2] == scenario_id and "#### Objectives" in outputs[-1]
    with pytest.warns(UserWarning, match="unknown session"):
        TraineeHandlers(restarted).resume_event("nope", "de")


def test_evaluate_shows_scores_feedback_and_the_plan(trainee: TraineeHandlers) -> None:
    session_id = trainee.start(german_scenario(trainee.coach), "", 1, "de").session_id
    with pytest.warns(UserWarning, match="nichts auszuwerten"):
        trainee.evaluate_event(session_id, "de")
    trainee.send(session_id, OPENING, "de")
    trainee.send(session_id, "Verstehe ich richtig, dass Ihnen die Marge Sorgen macht?", "de")
    dims, table, plan, *files = trainee.evaluate_event(session_id, "de")
    assert "data-overall=" in dims
    assert table["headers"] == fmt.feedback_headers("de") and table["data"]
    assert plan.strip()
    for update in files:
        if update.get("visible"):
            assert Path(update["value"]).is_file()


def test_relabel_follows_the_language(trainee: TraineeHandlers) -> None:
    scenario_id = german_scenario(trainee.coach)
    status, mood, hints, brief, table = trainee.relabel_event(None, scenario_id, "en")
    assert "No active session" in status and "#### Objectives" in brief
    assert table["headers"][0] == "Turn"


def test_export_folder_is_removed_on_cleanup_but_a_given_folder_is_kept(tmp_path) -> None:
    from coach.ui.common import Exports

    own = Exports()
    made = own.write_text("plan.md", "# Plan").parent
    assert made.is_dir()
    own.cleanup()
    assert not made.exists()
    given = Exports(tmp_path / "exports")
    given.write_text("plan.md", "# Plan")
    given.cleanup()
    assert (tmp_path / "exports" / "plan.md").exists()
