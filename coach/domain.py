"""Domain models of the KAM coach (pydantic, no I/O).

Names follow DESIGN.md: 6-P levers, four sides, active listening, trust vs negotiation mode,
typologies, scenarios, transcripts, annotations, scorecards and the account plan (SWOT, KAOP, KASP).
The vocabulary sits in `domain_words` and the account plan in `domain_plan`; both are re-exported
here, so `coach.domain` stays the one place to import domain names from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coach.domain_plan import AccountPlan as AccountPlan
from coach.domain_plan import Fact as Fact
from coach.domain_plan import FactKind as FactKind
from coach.domain_plan import FollowUp as FollowUp
from coach.domain_plan import Kaop as Kaop
from coach.domain_plan import KaopMeasure as KaopMeasure
from coach.domain_plan import KaopObjective as KaopObjective
from coach.domain_plan import Kasp as Kasp
from coach.domain_plan import KaspProject as KaspProject
from coach.domain_plan import SalesPlanEntry as SalesPlanEntry
from coach.domain_plan import Swot as Swot
from coach.domain_plan import SwotItem as SwotItem
from coach.domain_words import LEVERS as LEVERS
from coach.domain_words import LISTENING as LISTENING
from coach.domain_words import MAX_MESSAGE_CHARS as MAX_MESSAGE_CHARS
from coach.domain_words import MODES as MODES
from coach.domain_words import (
    MOVES,
    Lang,
    Lever,
    Listening,
    Localized,
    Mode,
    Model,
    Move,
    Side,
    Speaker,
)
from coach.domain_words import SIDES as SIDES

# --- typologies -------------------------------------------------------------------------------


class ConcessionStyle(Model):
    """How a buyer type gives ground (Faratin et al. 1998 decision functions)."""

    tactic: Literal["boulware", "conceder", "tit_for_tat", "risk_averse", "evidence"]
    speed: float = Field(ge=0, le=1, description="share of the gap closed per concession")
    demands_counter: bool = Field(description="asks for a counter-concession before giving")
    exploits_free_concessions: bool = False
    trust_needed: float = Field(
        0.5, ge=0, le=1, description="trust the buyer needs before conceding at all"
    )


class TypeBehaviour(Model):
    """How perceptions of the trainee's message move this type's trust and patience."""

    trust_per_open_question: float = 0.06
    trust_per_paraphrase: float = 0.08
    trust_per_emotion: float = 0.08
    trust_per_small_talk: float = 0.04
    trust_per_evidence: float = 0.04
    trust_per_benefit: float = 0.04
    trust_loss_pressure: float = 0.12
    trust_loss_ignored_feeling: float = 0.08
    patience: int = Field(6, ge=1, description="pressure points tolerated before walking away")
    talk_tolerance: int = Field(
        6, ge=1, description="turns without substance before the buyer pushes for the point"
    )


class BuyerType(Model):
    code: str
    name: Localized
    tempo: Localized
    focus: Localized
    builds_trust: dict[Lang, list[str]]
    breaks_trust: dict[Lang, list[str]]
    preferred_arguments: dict[Lang, list[str]]
    concession: ConcessionStyle
    behaviour: TypeBehaviour = Field(default_factory=TypeBehaviour)
    templates: dict[Lang, dict[Move, list[str]]]

    @field_validator("templates")
    @classmethod
    def _every_move_has_a_template(
        cls, value: dict[Lang, dict[Move, list[str]]]
    ) -> dict[Lang, dict[Move, list[str]]]:
        for lang, moves in value.items():
            missing = [m for m in MOVES if not moves.get(m)]
            if missing:
                names = ", ".join(missing)
                raise ValueError(f"templates.{lang} has no variants for moves: {names}")
        return value


class Typology(Model):
    """A catalogue of buyer types (DISG by default); trainers can add catalogues as YAML."""

    id: str
    name: Localized
    description: Localized
    types: dict[str, BuyerType]


# --- scenarios --------------------------------------------------------------------------------


class Account(Model):
    retailer: str
    format: str
    stores: int = Field(ge=1)
    category: str
    situation: str


class Interest(Model):
    """A hidden interest of the buyer; revealed when the trainee asks the right way."""

    id: str
    lever: Lever
    text: str
    revealed_by: list[str] = Field(
        default_factory=list,
        description="topic words; an open question or paraphrase touching one reveals it",
    )
    strategic: bool = False


class Limit(Model):
    """The buyer's hidden limit on one lever.

    direction "max": the buyer accepts a trainee value up to `limit` (price increase, new listings).
    direction "min": the buyer needs at least `limit` (WKZ, promotion weeks, service level).
    `opening` is the buyer's first position; concessions move from it toward `limit`.
    """

    metric: str
    unit: str
    direction: Literal["max", "min"]
    opening: float
    limit: float
    label: str | None = None

    @model_validator(mode="after")
    def _opening_on_the_right_side(self) -> Limit:
        if self.direction == "max" and self.opening > self.limit:
            raise ValueError("for direction 'max' the opening must not exceed the limit")
        if self.direction == "min" and self.opening < self.limit:
            raise ValueError("for direction 'min' the opening must not be below the limit")
        return self


class Hidden(Model):
    interests: list[Interest] = Field(min_length=1)
    limits: dict[Lever, Limit] = Field(default_factory=dict)
    batna: str


class BuyerSpec(Model):
    name: str
    role: str
    typology: str = Field(description="catalogue id, e.g. 'disg'")
    type: str = Field(description="type code in the catalogue, e.g. 'D'")
    mood: Literal["hostile", "cool", "neutral", "warm"] = "neutral"
    hidden: Hidden


class Objective(Model):
    lever: Lever
    text: str
    target: float | None = None
    unit: str | None = None


class WalkAway(Model):
    lever: Lever
    text: str
    value: float | None = None
    unit: str | None = None


class Brief(Model):
    summary: str
    objectives: list[Objective] = Field(min_length=1)
    walk_away: list[WalkAway] = Field(default_factory=list)
    data: list[str] = Field(default_factory=list)


class Scenario(Model):
    version: Literal[1] = 1
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    lang: Lang
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    max_turns: int = Field(16, ge=2, le=60)
    levers: list[Lever] = Field(min_length=1)
    account: Account
    buyer: BuyerSpec
    brief: Brief


# --- transcripts and annotations --------------------------------------------------------------


class Utterance(BaseModel):
    """One line of a dialogue, as other tools exchange it (contract: speaker + text)."""

    model_config = ConfigDict(extra="ignore")
    speaker: Speaker
    text: str


class Turn(Utterance):
    """A stored line of a practice session."""

    index: int = 0
    move: Move | None = None


class Transcript(BaseModel):
    """The transcript file contract of DESIGN.md."""

    model_config = ConfigDict(extra="ignore")
    scenario_id: str | None = None
    lang: Lang = "de"
    turns: list[Utterance] = Field(default_factory=list)


class Evidence(Model):
    label: str
    span: str
    reason: str


class Offer(Model):
    """A figure put on the table for a lever ("WKZ 3 %", "zwei Aktionen")."""

    lever: Lever
    value: float
    unit: str
    span: str
    conditional: bool = False


class Annotation(Model):
    """What the annotators see in one utterance (contract of `kam-coach annotate`)."""

    mode: Mode
    listening: list[Listening] = Field(default_factory=list)
    sides: dict[Side, float]
    dominant_side: Side
    ear: Side | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    techniques: list[str] = Field(default_factory=list)
    levers: list[Lever] = Field(default_factory=list)
    offers: list[Offer] = Field(default_factory=list)
    pressure: bool = False
    small_talk: bool = False


class Feedback(Model):
    turn: int
    issue: str
    why: str
    better: str
    source: str
    kind: Literal["mistake", "good"] = "mistake"


class Scorecard(Model):
    dimensions: dict[str, int]
    overall: int
    feedback: list[Feedback] = Field(default_factory=list)
    annotations: list[Annotation | None] = Field(default_factory=list)
