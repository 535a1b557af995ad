"""What the simulated buyer carries from turn to turn."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.domain import Lever, Move, Scenario

Outcome = Literal["deal", "walk_away", "max_turns"]

_MOOD_TRUST = {"hostile": 0.15, "cool": 0.3, "neutral": 0.4, "warm": 0.55}


class BuyerState(BaseModel):
    """Trust, patience, positions and agreements; serialised to the store after every reply."""

    model_config = ConfigDict(extra="forbid")

    trust: float = Field(0.4, ge=0, le=1)
    patience: int = 6
    pressure_points: int = 0
    talk_turns: int = 0
    turn: int = 0
    revealed: list[str] = Field(default_factory=list)
    positions: dict[Lever, float] = Field(default_factory=dict)
    kam_offers: dict[Lever, float] = Field(default_factory=dict)
    agreed: dict[Lever, float] = Field(default_factory=dict)
    buyer_concessions: int = 0
    kam_concessions: int = 0
    free_concessions: int = 0
    demanded: list[Lever] = Field(default_factory=list)
    last_move: Move | None = None
    last_offer: Lever | None = Field(
        None, description="lever of the figure the buyer named last; 'agreed' accepts it"
    )
    outcome: Outcome | None = None

    @property
    def mood(self) -> str:
        if self.trust < 0.25:
            return "hostile"
        if self.trust < 0.4:
            return "cool"
        if self.trust < 0.6:
            return "neutral"
        return "warm"

    @property
    def finished(self) -> bool:
        return self.outcome is not None


def initial_state(scenario: Scenario, patience: int) -> BuyerState:
    """The buyer before the first word: mood from the scenario, positions at their openings."""
    hidden = scenario.buyer.hidden
    return BuyerState(
        trust=_MOOD_TRUST[scenario.buyer.mood],
        patience=patience,
        positions={lever: limit.opening for lever, limit in hidden.limits.items()},
    )
