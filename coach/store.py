"""SQLite storage of practice sessions, turns, annotations and coach comments.

Migrations are an ordered list of small functions (as in simonw/llm); the `_migrations` table
records which ran, so an old database file is upgraded in place on open.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.errors import CoachError

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = []


def migration(fn: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_sessions_and_turns(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            scenario_id TEXT NOT NULL,
            lang TEXT NOT NULL,
            seed INTEGER NOT NULL,
            trainee TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open',
            outcome TEXT,
            state_json TEXT NOT NULL DEFAULT '{}',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE turns (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            text TEXT NOT NULL,
            move TEXT,
            annotation_json TEXT,
            created_at REAL NOT NULL,
            PRIMARY KEY (session_id, idx)
        )"""
    )


@migration
def m002_comments(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE comments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            turn INTEGER NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            created_at REAL NOT NULL
        )"""
    )


@migration
def m003_indexes(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX idx_sessions_trainee ON sessions(trainee, created_at)")
    db.execute("CREATE INDEX idx_comments_session ON comments(session_id, turn)")


@migration
def m004_session_title(db: sqlite3.Connection) -> None:
    # an imported transcript of a real talk has no scenario: its title names it
    db.execute("ALTER TABLE sessions ADD COLUMN title TEXT NOT NULL DEFAULT ''")


@dataclass
class SessionRow:
    id: str
    scenario_id: str
    lang: str
    seed: int
    trainee: str
    status: str
    outcome: str | None
    state: dict[str, Any]
    created_at: float
    updated_at: float
    title: str = ""


@dataclass
class TurnRow:
    idx: int
    speaker: str
    text: str
    move: str | None
    annotation: dict[str, Any] | None


@dataclass
class CommentRow:
    id: int
    turn: int
    author: str
    text: str
    created_at: float


class Store:
    """One SQLite file; safe to share between the web app's worker threads."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise CoachError(
                f"the session database {self.path} cannot be opened ({exc}). Move it aside "
                "or set KAM_DATA_DIR to another folder; a new database is created there."
            ) from exc

    def _migrate(self) -> None:
        with self._transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, at REAL)")
            done = {row["name"] for row in db.execute("SELECT name FROM _migrations")}
            for fn in MIGRATIONS:
                if fn.__name__ not in done:
                    fn(db)
                    db.execute("INSERT INTO _migrations VALUES (?, ?)", (fn.__name__, time.time()))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- sessions -----------------------------------------------------------------------------

    def create_session(
        self,
        scenario_id: str,
        lang: str,
        seed: int,
        trainee: str,
        state: dict[str, Any],
        title: str = "",
        status: str = "open",
    ) -> str:
        session_id = uuid.uuid4().hex[:12]
        now = time.time()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO sessions (id, scenario_id, lang, seed, trainee, state_json, "
                "created_at, updated_at, title, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    scenario_id,
                    lang,
                    seed,
                    trainee,
                    json.dumps(state),
                    now,
                    now,
                    title,
                    status,
                ),
            )
        return session_id

    def get_session(self, session_id: str) -> SessionRow:
        with self._lock:
            row = self._db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise CoachError(
                f"unknown session id '{session_id}'. List sessions with `kam-coach sessions`."
            )
        return _session_row(row)

    def list_sessions(self, trainee: str | None = None, limit: int = 200) -> list[SessionRow]:
        query = "SELECT * FROM sessions"
        params: tuple[Any, ...] = ()
        if trainee:
            query += " WHERE trainee = ?"
            params = (trainee,)
        query += " ORDER BY created_at DESC LIMIT ?"
        with self._lock:
            rows = self._db.execute(query, (*params, limit)).fetchall()
        return [_session_row(r) for r in rows]

    def update_session(
        self,
        session_id: str,
        state: dict[str, Any],
        status: str | None = None,
        outcome: str | None = None,
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET state_json = ?, status = COALESCE(?, status), "
                "outcome = ?, updated_at = ? WHERE id = ?",
                (json.dumps(state), status, outcome, time.time(), session_id),
            )

    # --- turns --------------------------------------------------------------------------------

    def add_turn(
        self,
        session_id: str,
        speaker: str,
        text: str,
        move: str | None = None,
        annotation: dict[str, Any] | None = None,
    ) -> int:
        """Append a turn and commit it at once; returns its index."""
        return self._append(session_id, [(speaker, text, move, annotation)])

    def add_turns(
        self, session_id: str, turns: list[tuple[str, str, dict[str, Any] | None]]
    ) -> None:
        """Append (speaker, text, annotation) rows in one transaction: an imported talk."""
        self._append(session_id, [(speaker, text, None, note) for speaker, text, note in turns])

    def _append(
        self, session_id: str, rows: list[tuple[str, str, str | None, dict[str, Any] | None]]
    ) -> int:
        """Append (speaker, text, move, annotation) rows in one transaction; the first index."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM turns WHERE session_id = ?",
                (session_id,),
            ).fetchone()
            first, now = int(row["n"]), time.time()
            db.executemany(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (session_id, first + i, speaker, text, move, _json_or_none(note), now)
                    for i, (speaker, text, move, note) in enumerate(rows)
                ],
            )
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (now, session_id))
        return first

    def set_annotation(self, session_id: str, idx: int, annotation: dict[str, Any]) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE turns SET annotation_json = ? WHERE session_id = ? AND idx = ?",
                (json.dumps(annotation), session_id, idx),
            )

    def truncate_turns(self, session_id: str, keep: int) -> None:
        """Drop turns from index `keep` on (retry from a turn)."""
        with self._transaction() as db:
            db.execute("DELETE FROM turns WHERE session_id = ? AND idx >= ?", (session_id, keep))

    def turns(self, session_id: str) -> list[TurnRow]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM turns WHERE session_id = ? ORDER BY idx", (session_id,)
            ).fetchall()
        return [
            TurnRow(
                idx=r["idx"],
                speaker=r["speaker"],
                text=r["text"],
                move=r["move"],
                annotation=json.loads(r["annotation_json"]) if r["annotation_json"] else None,
            )
            for r in rows
        ]

    # --- comments -----------------------------------------------------------------------------

    def add_comment(self, session_id: str, turn: int, text: str, author: str = "") -> int:
        self.get_session(session_id)
        with self._transaction() as db:
            cur = db.execute(
                "INSERT INTO comments (session_id, turn, author, text, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (session_id, turn, author, text, time.time()),
            )
        return int(cur.lastrowid or 0)

    def comments(self, session_id: str) -> list[CommentRow]:
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM comments WHERE session_id = ? ORDER BY turn, id", (session_id,)
            ).fetchall()
        return [
            CommentRow(r["id"], r["turn"], r["author"], r["text"], r["created_at"]) for r in rows
        ]


def _json_or_none(value: dict[str, Any] | None) -> str | None:
    return json.dumps(value) if value is not None else None


def _session_row(row: sqlite3.Row) -> SessionRow:
    return SessionRow(
        id=row["id"],
        scenario_id=row["scenario_id"],
        lang=row["lang"],
        seed=row["seed"],
        trainee=row["trainee"],
        status=row["status"],
        outcome=row["outcome"],
        state=json.loads(row["state_json"] or "{}"),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        title=row["title"],
    )
