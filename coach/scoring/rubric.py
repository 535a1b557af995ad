"""The scorecard rubric: weights and thresholds a trainer may tune (data/rubric.yaml).

`Rubric` validates a rubric file with `extra="forbid"` and ranges that keep every score within
0..100; the overall weights are normalised to sum to 1. Loading a trainer's override from the
data dir is not done here (scoring does no I/O on user files): see coach/rubric_override.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from coach.domain import Listening
from coach.scoring.technique import Technique

PACKAGED_PATH = Path(__file__).resolve().parent / "data" / "rubric.yaml"
DIMENSIONS = ("balance", "four_sides", "listening", "technique")

# The labels of coach/scoring/technique.py; "pressure" counts KAM turns that put pressure on.
Counted = Literal[Technique, "pressure"]
Points = Annotated[float, Field(ge=0, le=100)]


class _Strict(BaseModel):
    # strict: YAML reads `yes`/`on` as true, which lax pydantic would take for the number 1.
    # frozen: the packaged rubric is cached and shared by every scorecard.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True, strict=True)


class OverallWeights(_Strict):
    """The four dimension weights as written; `Rubric.weights` normalises them to sum to 1."""

    balance: float = Field(ge=0, le=100, description="weight of the trust/negotiation balance")
    four_sides: float = Field(ge=0, le=100, description="weight of the four-sides dimension")
    listening: float = Field(ge=0, le=100, description="weight of active listening")
    technique: float = Field(ge=0, le=100, description="weight of negotiation technique")

    @model_validator(mode="after")
    def _some_weight(self) -> OverallWeights:
        if self.total <= 0:
            raise ValueError(
                "all four overall weights are 0: give at least one dimension a weight above 0 "
                "(e.g. 1 each; the weights are normalised to sum to 1)"
            )
        return self

    @property
    def total(self) -> float:
        return self.balance + self.four_sides + self.listening + self.technique


class Balance(_Strict):
    """When the methodology expects trust mode (balance and four-sides dimensions)."""

    opening_trust_turns: int = Field(
        ge=0, le=20, description="the first KAM turns expected in trust mode"
    )
    trust_stands_after: int = Field(
        ge=0, le=20, description="trust turns needed before negotiation is expected"
    )
    loud_feeling: float = Field(
        ge=0.05,
        le=1.0,
        description="buyer self_revelation + relationship share (0..1) that calls for trust",
    )


class TechniquePoints(_Strict):
    """Points per technique: base, bonus per good move (capped), malus per bad move."""

    base: float = Field(ge=0, le=100, description="the score before any move counts (0..100)")
    good: dict[Technique, Points] = Field(description="points per good move")
    good_caps: dict[Technique, Points] = Field(description="most points per good move kind")
    bad: dict[Counted, Points] = Field(description="points taken per bad move")

    @field_validator("good_caps")
    @classmethod
    def _caps_match_good(cls, caps: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        good = info.data.get("good")
        if good is None:  # `good` itself is invalid; its own error says why
            return caps
        missing = [label for label in good if label not in caps]
        if missing:
            raise ValueError(
                f"no cap for {', '.join(repr(m) for m in missing)}: add "
                + ", ".join(f"'{m}: <most points>'" for m in missing)
                + " to good_caps (a cap equal to the points allows one such move)"
            )
        extra = [label for label in caps if label not in good]
        if extra:
            raise ValueError(
                f"cap for {', '.join(repr(e) for e in extra)}, which has no points in good: "
                "remove the cap or add the move to good"
            )
        return caps

    @field_validator("bad")
    @classmethod
    def _not_good_and_bad(cls, bad: dict[str, float], info: ValidationInfo) -> dict[str, float]:
        both = [label for label in bad if label in (info.data.get("good") or {})]
        if both:
            raise ValueError(
                f"{', '.join(repr(b) for b in both)} is in good and in bad: "
                "keep each move in one of them"
            )
        return bad


class ListeningPoints(_Strict):
    """Which active-listening moves count, and the share of turns that earns full marks."""

    target_share: float = Field(
        ge=0.05,
        le=1.0,
        description="share of KAM turns with an active-listening move for full marks (0..1)",
    )
    points: dict[Listening, Annotated[float, Field(ge=0, le=10)]] = Field(
        description="moves that count as active listening (a move with 0 does not count)"
    )

    @field_validator("points")
    @classmethod
    def _some_move_counts(cls, points: dict[str, float]) -> dict[str, float]:
        if not any(value > 0 for value in points.values()):
            raise ValueError(
                "no listening move has points above 0, so no turn could ever count: "
                "give at least one move (e.g. open_question: 1.0) points above 0"
            )
        return points


class Rubric(_Strict):
    """The whole rubric file; see coach/scoring/README.md for the formulas it feeds."""

    overall_weights: OverallWeights = Field(description="weights of the four dimensions")
    balance: Balance = Field(description="opening_trust_turns, trust_stands_after, loud_feeling")
    technique: TechniquePoints = Field(description="base, good, good_caps, bad")
    listening: ListeningPoints = Field(description="target_share, points")

    @property
    def weights(self) -> dict[str, float]:
        """Dimension -> weight, normalised: the weights sum to 1."""
        written, total = self.overall_weights, self.overall_weights.total
        return {name: float(getattr(written, name)) / total for name in DIMENSIONS}

    @property
    def counted_moves(self) -> frozenset[str]:
        """The listening moves that count as active listening (points above 0)."""
        return frozenset(label for label, value in self.listening.points.items() if value > 0)


def parse_rubric(data: Any) -> Rubric:
    """A rubric from parsed YAML; raises pydantic.ValidationError when it is invalid."""
    return Rubric.model_validate(data)


@lru_cache(maxsize=1)
def packaged_rubric() -> Rubric:
    """The rubric shipped with the package (data/rubric.yaml)."""
    return parse_rubric(yaml.safe_load(PACKAGED_PATH.read_text(encoding="utf-8")))
