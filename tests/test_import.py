"""A real talk imported as a session: scored, annotated and planned like practice, reviewed in
the Coaching tab, and never answered by a simulated buyer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_cli import kam

from coach.domain import Transcript
from coach.errors import CoachError, MessageError
from coach.session import IMPORTED, Coach
from coach.store import MIGRATIONS, Store
from coach.transcripts import parse_transcript_text
from coach.ui.coach_tab import CoachHandlers
from coach.ui.common import Exports

TALK = """KAM: Guten Tag, Frau Keller! Wie läuft die Kategorie bei Ihnen?
Einkäuferin: Schwierig. Ihre Lieferfähigkeit lag bei 84 %, das ärgert mich.
KAM: Das verstehe ich, das ärgert Sie zu Recht. Was müsste passieren, damit es besser wird?
Einkäuferin: 98 % bis Ende März, sonst nehme ich zwei Facings weg.
KAM: Wir liefern ab KW 10 aus einem zweiten Lager. Einverstanden mit 98 % bis Ende März.
"""


def test_an_imported_talk_is_scored_annotated_and_planned(coach_app: Coach) -> None:
    talk = parse_transcript_text(TALK)
    session_id = coach_app.import_transcript(talk, trainee="Anna", title="Jahresgespräch Edeka")
    row = coach_app.session(session_id)
    assert (row.status, row.trainee, row.title, row.lang) == (
        IMPORTED,
        "Anna",
        "Jahresgespräch Edeka",
        "de",
    )
    turns = coach_app.turns(session_id)
    assert [t.speaker for t in turns] == ["kam", "buyer", "kam", "buyer", "kam"]
    assert all(t.annotation for t in turns if t.speaker == "kam")
    assert not any(t.annotation for t in turns if t.speaker == "buyer")
    card = coach_app.scorecard(session_id)
    assert card.overall > 0 and card.feedback is not None
    plan = coach_app.plan(session_id)
    assert plan.swot.weaknesses  # the 84 % delivery rate


def test_nobody_answers_in_an_imported_talk(coach_app: Coach) -> None:
    session_id = coach_app.import_transcript(parse_transcript_text(TALK))
    with pytest.raises(MessageError, match="importiertes Transkript"):
        coach_app.send(session_id, "Noch eine Frage?")
    with pytest.raises(MessageError):
        coach_app.retry_from(session_id, 2)
    assert len(coach_app.turns(session_id)) == 5  # nothing was added or dropped


def test_an_empty_transcript_is_not_imported(coach_app: Coach) -> None:
    empty = Transcript.model_validate({"lang": "de", "turns": [{"speaker": "kam", "text": " "}]})
    with pytest.raises(CoachError, match="no turns"):
        coach_app.import_transcript(empty)


def test_the_coach_tab_lists_it_with_its_title(coach_app: Coach, tmp_path: Path) -> None:
    session_id = coach_app.import_transcript(
        parse_transcript_text(TALK), trainee="Anna", title="Jahresgespräch Edeka"
    )
    review = CoachHandlers(coach_app, Exports(tmp_path / "exports"))
    table, choices = review.sessions("Anna", "de")
    row = next(r for r in table["data"] if r[0] == session_id)
    assert row[2] == "Jahresgespräch Edeka" and row[4] == "importiertes Gespräch"
    assert any("Jahresgespräch Edeka" in label for label, _ in choices)
    report = review.report_markdown(session_id, "en")
    assert "Jahresgespräch Edeka" in report and "imported talk" in report
    # the account plan drafted from the talk, in the talk's language, under the report
    assert "## Kundenplan" in report or "## Account-Plan" in report
    assert "84 %" in report.split("## Annotated transcript")[-1]


def test_a_database_from_before_titles_opens_and_keeps_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, at REAL)")
    for fn in MIGRATIONS[:3]:
        fn(db)
        db.execute("INSERT INTO _migrations VALUES (?, 0)", (fn.__name__,))
    db.execute(
        "INSERT INTO sessions (id, scenario_id, lang, seed, trainee, state_json, created_at, "
        "updated_at) VALUES ('old1', 'x', 'de', 1, 'Bea', '{}', 1, 1)"
    )
    db.commit()
    db.close()
    row = Store(path).get_session("old1")
    assert (row.trainee, row.title, row.status) == ("Bea", "", "open")


def test_import_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "jahresgespraech.txt"
    path.write_text(TALK, encoding="utf-8")
    env = {"KAM_DATA_DIR": str(tmp_path / "data")}
    done = kam("import", str(path), "--trainee", "Anna", env=env)
    assert done.returncode == 0, done.stderr
    session_id = done.stdout.strip()
    listed = kam("sessions", "--trainee", "Anna", env=env)
    assert f"{session_id}\t" in listed.stdout and "\timported\t" in listed.stdout
    names = tmp_path / "names.txt"
    names.write_text("Anna Berger: Hello.\nTom Walsh: Hi.\n", encoding="utf-8")
    refused = kam("import", str(names), env=env)
    assert refused.returncode == 1 and "--kam" in refused.stderr


def test_the_import_box_reads_a_file_and_asks_for_the_kam(coach_app: Coach, tmp_path: Path) -> None:
    from coach.ui.importer import import_file

    with pytest.raises(CoachError, match="Wählen Sie zuerst"):
        import_file(coach_app, None, "Anna", "", "", "de")
    names = tmp_path / "talk_with_eva.txt"
    names.write_text(
        "Anna Berger: Hello Eva, how is it going?\nEva Keller: Fine.\n", encoding="utf-8"
    )
    with pytest.raises(CoachError, match="'Anna Berger', 'Eva Keller'") as err:
        import_file(coach_app, str(names), "Anna", "", "", "en")
    assert "--kam" not in str(err.value)  # the UI has a field, not an option
    session_id = import_file(coach_app, str(names), "Anna", "Anna Berger", "", "en")
    assert coach_app.session(session_id).title == "talk with eva"


def test_opening_an_imported_talk_shows_its_plan(coach_app: Coach, tmp_path: Path) -> None:
    session_id = coach_app.import_transcript(parse_transcript_text(TALK), trainee="Anna")
    review = CoachHandlers(coach_app, Exports(tmp_path / "exports"))
    *_, plan_md, docx = review.open(session_id, "en")
    assert "SWOT" in plan_md and "84 %" in plan_md  # in the talk's language: German headings
    assert docx["visible"] and docx["value"].endswith(".docx")
