"""The account plan a conversation leads to (SWOT, KAOP, KASP) and the facts it rests on."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from coach.domain_words import Lever, Model, Speaker


class SwotItem(Model):
    text: str
    p: Lever
    evidence_turns: list[int] = Field(default_factory=list)


class Swot(Model):
    strengths: list[SwotItem] = Field(default_factory=list)
    weaknesses: list[SwotItem] = Field(default_factory=list)
    opportunities: list[SwotItem] = Field(default_factory=list)
    threats: list[SwotItem] = Field(default_factory=list)


class KaopObjective(Model):
    text: str
    p: Lever
    kpi: str
    target: str
    quarter: str


class KaopMeasure(Model):
    text: str
    p: Lever
    owner: str = ""
    due: str = ""
    quarter: str = ""


class SalesPlanEntry(Model):
    """One line of the rolling sales plan: what is expected from the account in a quarter."""

    quarter: str
    p: Lever
    text: str
    volume: str = ""


class FollowUp(Model):
    """A promise made in the conversation: who does what by when."""

    text: str
    p: Lever
    owner: str = ""
    due: str = ""
    evidence_turns: list[int] = Field(default_factory=list)


class Kaop(Model):
    objectives: list[KaopObjective] = Field(default_factory=list)
    measures: list[KaopMeasure] = Field(default_factory=list)
    review: str = ""
    sales_plan: list[SalesPlanEntry] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)


class KaspProject(Model):
    text: str
    p: Lever
    rationale: str


class Kasp(Model):
    horizon_years: int = Field(3, ge=2, le=5)
    projects: list[KaspProject] = Field(default_factory=list)


FactKind = Literal[
    "figure",
    "date",
    "goal",
    "pain",
    "fear",
    "competitor",
    "threat",
    "strength",
    "weakness",
    "agreement",
    "open_point",
    "trend",
    "offer",
]


class Fact(Model):
    """One thing a conversation (or its scenario) established, tied to a 6-P lever and turns."""

    kind: FactKind
    lever: Lever
    text: str
    value: float | None = None
    unit: str | None = None
    span: str = Field(default="", description="the words as they stand in the source")
    quarter: str | None = Field(default=None, description="Q1..Q4 for dates that name one")
    speaker: Speaker | None = None
    turns: list[int] = Field(default_factory=list, description="indices into transcript.turns")
    tags: list[str] = Field(default_factory=list, description="e.g. agreed, demand, offer")
    source: Literal["transcript", "scenario"] = "transcript"


class AccountPlan(Model):
    """The draft that follows from a conversation (contract of `kam-coach plan`)."""

    swot: Swot = Field(default_factory=Swot)
    kaop: Kaop = Field(default_factory=Kaop)
    kasp: Kasp = Field(default_factory=Kasp)
    open_questions: list[str] = Field(default_factory=list)
    account: str = ""
    facts: list[Fact] = Field(default_factory=list)
