"""The code names of DESIGN.md's domain words, and the base of every authored model."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Lang = Literal["de", "en"]
Speaker = Literal["kam", "buyer"]
Lever = Literal["product", "price", "promotion", "placement", "person", "performance"]
Side = Literal["fact", "self_revelation", "relationship", "appeal"]
Mode = Literal["trust", "negotiation", "neutral"]
Listening = Literal[
    "open_question",
    "closed_question",
    "paraphrase",
    "emotion_verbalization",
    "summary",
    "encourager",
    "metacommunication",
]
Move = Literal[
    "small_talk",
    "probe",
    "object",
    "reveal_interest",
    "demand",
    "counter_offer",
    "accept",
    "reject",
    "walk_away",
    "close",
]

# The tuples are derived from the Literal types so the two can never drift apart.
LEVERS: tuple[Lever, ...] = get_args(Lever)
SIDES: tuple[Side, ...] = get_args(Side)
MODES: tuple[Mode, ...] = get_args(Mode)
LISTENING: tuple[Listening, ...] = get_args(Listening)
MOVES: tuple[Move, ...] = get_args(Move)

MAX_MESSAGE_CHARS = 2000


class Model(BaseModel):
    """Base for authored data: unknown fields are errors, so typos surface."""

    model_config = ConfigDict(extra="forbid")


class Localized(Model):
    """A text in both product languages."""

    de: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.de if lang == "de" else self.en
