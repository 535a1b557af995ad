"""UI texts (de/en) from data/texts.yaml, and the registry that relabels components on a switch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGS = ("de", "en")
DEFAULT_LANG = "de"
_DATA = Path(__file__).resolve().parent / "data" / "texts.yaml"


@cache
def texts() -> dict[str, dict[str, str]]:
    """Key -> {"de": ..., "en": ...}; loaded once."""
    with _DATA.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, **fields: Any) -> str:
    """The text for `key` in `lang`; a missing key shows itself, so a typo is visible, not fatal."""
    entry = texts().get(key)
    if entry is None:
        return key
    text = entry.get(norm_lang(lang)) or entry.get(DEFAULT_LANG) or key
    return text.format(**fields) if fields else text


@dataclass(frozen=True)
class T:
    """Marks a component argument as a text key: `Localizer.make(gr.Button, value=T("x"))`."""

    key: str


class Localizer:
    """Remembers which component argument shows which text key, to relabel all on a switch."""

    def __init__(self, lang: str = DEFAULT_LANG):
        self.lang = norm_lang(lang)
        self._items: list[tuple[Any, dict[str, str]]] = []
        self.hooks: list[tuple[Callable[..., Any], list[Any], list[Any]]] = []

    def make(self, cls: Callable[..., Any], **kwargs: Any) -> Any:
        keys = {name: value.key for name, value in kwargs.items() if isinstance(value, T)}
        resolved = {
            name: (t(value.key, self.lang) if isinstance(value, T) else value)
            for name, value in kwargs.items()
        }
        component = cls(**resolved)
        if keys:
            self._items.append((component, keys))
        return component

    def on_switch(
        self, fn: Callable[..., Any], inputs: Sequence[Any], outputs: Sequence[Any]
    ) -> None:
        """Also run `fn(*inputs)` after a switch (for content that is rendered, not labelled)."""
        self.hooks.append((fn, list(inputs), list(outputs)))

    @property
    def components(self) -> list[Any]:
        return [component for component, _ in self._items]

    def updates(self, lang: str) -> list[dict[str, Any]]:
        import gradio as gr

        updates: list[dict[str, Any]] = []
        for _, keys in self._items:
            changes: dict[str, Any] = {name: t(key, lang) for name, key in keys.items()}
            updates.append(gr.update(**changes))
        return updates
