"""The one place that wires scoring, the buyer and the store together.

Flow per trainee message: validate -> commit the trainee turn -> annotate -> perceive -> policy
-> voice -> guard -> commit the buyer turn and state. A crash between the two commits leaves the
trainee turn stored; `send` on resume answers the pending turn instead of losing it.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.buyer.llm_voice import LLMVoice
from coach.buyer.perception import perceive
from coach.buyer.policy import choose_move
from coach.buyer.state import BuyerState, initial_state
from coach.buyer.voice import TemplateVoice, Voice
from coach.config import Settings, load_settings
from coach.domain import (
    MAX_MESSAGE_CHARS,
    AccountPlan,
    Annotation,
    BuyerType,
    Feedback,
    Lang,
    Scenario,
    Scorecard,
    Transcript,
    Typology,
    Utterance,
)
from coach.errors import CoachError, MessageError, UnknownScenarioError
from coach.rubric_override import RubricChoice, load_rubric, override_path
from coach.scenarios import load_scenarios, load_typologies
from coach.scoring.rubric import Rubric
from coach.store import SessionRow, Store, TurnRow

log = logging.getLogger("coach.session")
# A library logger: the app's logging config shows these; a bare CLI run reports on its own
# (Python's last-resort handler would print them a second time, without "Warning:").
log.addHandler(logging.NullHandler())


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is written or replaced; None when it is missing."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino


IMPORTED = "imported"  # the status of a session read from a transcript file
_MESSAGES = {
    "empty": {
        "de": "Die Nachricht ist leer. Schreiben Sie, was Sie dem Einkäufer sagen möchten.",
        "en": "The message is empty. Write what you want to say to the buyer.",
    },
    "long": {
        "de": "Die Nachricht hat {n} Zeichen; erlaubt sind {max}. Kürzen Sie sie – im "
        "Gespräch wirken kurze Beiträge ohnehin stärker.",
        "en": "The message has {n} characters; the limit is {max}. Shorten it – short "
        "contributions work better in a negotiation anyway.",
    },
    "imported": {
        "de": "Dieses Gespräch ist ein importiertes Transkript: Es gibt keinen Einkäufer, der "
        "antwortet. Starten Sie ein neues Gespräch, um zu üben.",
        "en": "This session is an imported transcript: no buyer answers here. Start a new "
        "session to practise.",
    },
    "finished": {
        "de": "Dieses Gespräch ist beendet ({outcome}). Starten Sie ein neues Gespräch oder "
        "wiederholen Sie ab einem früheren Zug.",
        "en": "This conversation has ended ({outcome}). Start a new session or retry from an "
        "earlier turn.",
    },
}


def message(key: str, lang: str, **fields: Any) -> str:
    texts = _MESSAGES[key]
    return texts.get(lang, texts["en"]).format(**fields)


@dataclass
class Reply:
    """What the trainee sees after sending a message."""

    kam_turn: int
    buyer_text: str
    move: str
    annotation: Annotation
    state: BuyerState
    hints: list[Feedback] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.state.finished


class Coach:
    """Sessions of practice against scenario buyers, with scoring and planning."""

    def __init__(
        self,
        settings: Settings | None = None,
        store: Store | None = None,
        chat_model: Any | None = None,
        scenarios_dir: Path | None = None,
    ):
        self.settings = settings or load_settings()
        self.store = store or Store(self.settings.db_path)
        self.scenarios_dir = scenarios_dir or self.settings.scenarios_dir
        self.typologies_dir = self.settings.knowledge_dir / "typologies"
        self.typologies: dict[str, Typology] = load_typologies(self.typologies_dir)
        self.scenarios: dict[str, Scenario] = load_scenarios(self.scenarios_dir, self.typologies)
        self._rubric_stamp: tuple[int, int, int] | None = None
        self.rubric_choice: RubricChoice = self.reload_rubric()
        self._chat_model = chat_model
        self._chat_model_loaded = chat_model is not None

    # --- scenarios ----------------------------------------------------------------------------

    def scenario(self, scenario_id: str) -> Scenario:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            raise UnknownScenarioError(scenario_id, sorted(self.scenarios)) from None

    def buyer_type(self, scenario: Scenario) -> BuyerType:
        return self.typologies[scenario.buyer.typology].types[scenario.buyer.type]

    def reload_scenarios(self) -> None:
        self.scenarios = load_scenarios(self.scenarios_dir, self.typologies)

    def reload_typologies(self) -> None:
        """Read the catalogues again, and the scenarios against them; on error nothing changes."""
        typologies = load_typologies(self.typologies_dir)
        scenarios = load_scenarios(self.scenarios_dir, typologies)
        self.typologies, self.scenarios = typologies, scenarios

    # --- rubric -------------------------------------------------------------------------------

    @property
    def rubric(self) -> Rubric:
        """The rubric new scorecards use: the trainer's override when valid, else the packaged."""
        return self.rubric_in_force().rubric

    def rubric_in_force(self) -> RubricChoice:
        """The current rubric choice; re-read when the override file changed on disk (a stat per
        call, so an edit from another process or editor counts at the next scorecard)."""
        if _stamp(override_path(self.settings.data_dir)) != self._rubric_stamp:
            self.reload_rubric()
        return self.rubric_choice

    def reload_rubric(self) -> RubricChoice:
        """Read `<data dir>/rubric.yaml` again (an invalid file keeps the packaged rubric)."""
        self._rubric_stamp = _stamp(override_path(self.settings.data_dir))
        self.rubric_choice = load_rubric(self.settings.data_dir)
        if self.rubric_choice.rejected:
            log.warning("%s", self.rubric_choice.notice())
        return self.rubric_choice

    # --- sessions -----------------------------------------------------------------------------

    def start(self, scenario_id: str, seed: int | None = None, trainee: str = "") -> str:
        """Create a session and return its id; the trainee speaks first."""
        scenario = self.scenario(scenario_id)
        kind = self.buyer_type(scenario)
        chosen = seed if seed is not None else random.SystemRandom().randrange(1_000_000)
        state = initial_state(scenario, kind.behaviour.patience)
        return self.store.create_session(
            scenario.id, scenario.lang, chosen, trainee.strip(), state.model_dump()
        )

    def import_transcript(self, transcript: Transcript, trainee: str = "", title: str = "") -> str:
        """Store the transcript of a real talk as a finished session a coach can review: scored,
        annotated, commented and planned like a practice session; nobody answers in it."""
        from coach.scoring import annotate_transcript

        turns = [u for u in transcript.turns if u.text.strip()]
        if not turns:
            raise CoachError("the transcript has no turns; nothing to import")
        known = transcript.scenario_id if transcript.scenario_id in self.scenarios else None
        notes = annotate_transcript(transcript.model_copy(update={"turns": turns}))
        session_id = self.store.create_session(
            known or "",
            transcript.lang,
            0,
            trainee.strip(),
            BuyerState().model_dump(),
            title=title.strip() or (transcript.scenario_id or ""),
            status=IMPORTED,
        )
        self.store.add_turns(
            session_id,
            [
                (u.speaker, u.text, note.model_dump() if u.speaker == "kam" else None)
                for u, note in zip(turns, notes, strict=True)
            ],
        )
        return session_id

    def session(self, session_id: str) -> SessionRow:
        return self.store.get_session(session_id)

    def state(self, session_id: str) -> BuyerState:
        return BuyerState.model_validate(self.store.get_session(session_id).state)

    def turns(self, session_id: str) -> list[TurnRow]:
        return self.store.turns(session_id)

    def transcript(self, session_id: str) -> Transcript:
        row = self.store.get_session(session_id)
        return Transcript(
            scenario_id=row.scenario_id,
            lang=row.lang,  # type: ignore[arg-type]
            turns=[Utterance(speaker=t.speaker, text=t.text) for t in self.store.turns(session_id)],  # type: ignore[arg-type]
        )

    def check_message(self, text: str, lang: str) -> str:
        cleaned = (text or "").strip()
        if not cleaned:
            raise MessageError(message("empty", lang))
        if len(cleaned) > MAX_MESSAGE_CHARS:
            raise MessageError(message("long", lang, n=len(cleaned), max=MAX_MESSAGE_CHARS))
        return cleaned

    def send(self, session_id: str, text: str) -> Reply:
        """Store the trainee's message, then compute, store and return the buyer's reply."""
        row = self.store.get_session(session_id)
        if row.status == IMPORTED:
            raise MessageError(message("imported", row.lang))
        state = BuyerState.model_validate(row.state)
        if state.finished:
            raise MessageError(message("finished", row.lang, outcome=state.outcome))
        turns = self.store.turns(session_id)
        if turns and turns[-1].speaker == "kam":
            # A trainee turn was stored but never answered (crash, restart): answer it first.
            self._answer(row, state, turns)
            row = self.store.get_session(session_id)
            state = BuyerState.model_validate(row.state)
            if state.finished:
                raise MessageError(message("finished", row.lang, outcome=state.outcome))
        cleaned = self.check_message(text, row.lang)
        self.store.add_turn(session_id, "kam", cleaned)
        return self._answer(row, state, self.store.turns(session_id))

    def _answer(self, row: SessionRow, state: BuyerState, turns: list[TurnRow]) -> Reply:
        scenario = self.scenario(row.scenario_id)
        lang: Lang = scenario.lang
        kam = turns[-1]
        context = [Utterance(speaker=t.speaker, text=t.text) for t in turns[:-1]]  # type: ignore[arg-type]
        perception = perceive(kam.text, lang, context, scenario)
        self.store.set_annotation(row.id, kam.idx, perception.annotation.model_dump())
        rng = random.Random(f"{row.seed}:{kam.idx}")
        decision, new_state = choose_move(
            state, perception, scenario, self.buyer_type(scenario), rng
        )
        history = [(t.speaker, t.text) for t in turns]
        buyer_text = self._voice(scenario).realise(decision, history, rng)
        self.store.add_turn(row.id, "buyer", buyer_text, move=decision.move)
        status = "finished" if new_state.finished else "open"
        self.store.update_session(row.id, new_state.model_dump(), status, new_state.outcome)
        return Reply(
            kam_turn=kam.idx,
            buyer_text=buyer_text,
            move=decision.move,
            annotation=perception.annotation,
            state=new_state,
            hints=self.hints(row.id, kam.idx),
        )

    def _voice(self, scenario: Scenario) -> Voice:
        kind = self.buyer_type(scenario)
        model = self.chat_model()
        if model is None:
            return TemplateVoice(kind, scenario, scenario.lang)
        return LLMVoice(model, kind, scenario, scenario.lang)

    def chat_model(self) -> Any | None:
        if not self._chat_model_loaded:
            from coach.llm import chat_model

            self._chat_model = chat_model(self.settings)
            self._chat_model_loaded = True
        return self._chat_model

    def retry_from(self, session_id: str, turn: int) -> None:
        """Drop turn `turn` (a trainee turn) and everything after it; replay the buyer state."""
        row = self.store.get_session(session_id)
        if row.status == IMPORTED:
            raise MessageError(message("imported", row.lang))
        turns = self.store.turns(session_id)
        if not 0 <= turn < len(turns) or turns[turn].speaker != "kam":
            raise CoachError(
                f"turn {turn} is not a trainee turn of this session; pick one of "
                f"{[t.idx for t in turns if t.speaker == 'kam']}"
            )
        self.store.truncate_turns(session_id, turn)
        scenario = self.scenario(row.scenario_id)
        kind = self.buyer_type(scenario)
        state = initial_state(scenario, kind.behaviour.patience)
        kept = self.store.turns(session_id)
        for i, t in enumerate(kept):
            if t.speaker != "kam":
                continue
            context = [Utterance(speaker=k.speaker, text=k.text) for k in kept[:i]]  # type: ignore[arg-type]
            perception = perceive(t.text, scenario.lang, context, scenario)
            _, state = choose_move(
                state, perception, scenario, kind, random.Random(f"{row.seed}:{t.idx}")
            )
        status = "finished" if state.finished else "open"
        self.store.update_session(session_id, state.model_dump(), status, state.outcome)

    # --- scoring and planning -----------------------------------------------------------------

    def scorecard(self, session_id: str, retriever: Any | None = None) -> Scorecard:
        from coach.scoring import score_transcript

        return score_transcript(
            self.transcript(session_id), retriever=retriever, rubric=self.rubric
        )

    def hints(self, session_id: str, turn: int) -> list[Feedback]:
        """Feedback on one trainee turn, for the live hint panel."""
        card = self.scorecard(session_id)
        return [f for f in card.feedback if f.turn == turn]

    def plan(self, session_id: str) -> AccountPlan:
        from coach.planning import draft_plan

        row = self.store.get_session(session_id)
        return draft_plan(self.transcript(session_id), self.scenarios.get(row.scenario_id))
