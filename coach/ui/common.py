"""What the tabs share: the error -> warning wrapper, export files, optional modules."""

from __future__ import annotations

import atexit
import functools
import importlib
import inspect
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from coach.errors import CoachError
from coach.ui.texts import t

log = logging.getLogger("coach.ui")


def warn(message: str, lang: str = "de") -> None:
    """Show a warning toast (outside a request, gradio turns it into a Python warning)."""
    gr.Warning(message, title=t("app.warning", lang))


def guarded(
    n_outputs: int, lang_arg: str = "lang"
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a handler: a CoachError becomes a warning and every output stays as it was.

    Skipping the outputs is what keeps the chat history and the typed text when a message is
    refused. Unexpected errors are logged with their traceback on the server and shown to the
    user as a short warning, never as a traceback.
    """

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def handler(*args: Any, **kwargs: Any) -> Any:
            lang = _lang_of(signature, lang_arg, args, kwargs)
            try:
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the trainee must never see a traceback
                report_error(exc, lang, fn.__name__)
            skipped = tuple(gr.skip() for _ in range(n_outputs))
            return skipped[0] if n_outputs == 1 else skipped

        return handler

    return wrap


def report_error(exc: Exception, lang: str, where: str) -> None:
    """Show a failed handler's error: a CoachError as it says, anything else as a short warning
    (its traceback goes to the server log only)."""
    if isinstance(exc, CoachError):
        warn(str(exc), lang)
        return
    log.error("handler %s failed", where, exc_info=exc)
    warn(t("app.internal_error", lang, kind=type(exc).__name__), lang)


def _lang_of(
    signature: inspect.Signature, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> str:
    try:
        value = signature.bind_partial(*args, **kwargs).arguments.get(name)
    except TypeError:
        value = None
    return value if value in ("de", "en") else "de"


def optional(module: str, attr: str | None = None) -> Any | None:
    """A module (or one of its attributes) that another engineer may not have landed yet."""
    try:
        found = importlib.import_module(module)
    except ImportError as exc:
        log.warning("optional module %s unavailable: %s", module, exc)
        return None
    if attr is None:
        return found
    return getattr(found, attr, None)


def missing_notice(what: str, lang: str) -> str:
    return f"⚠ {t('app.unavailable', lang, what=what)}"


class Exports:
    """Files offered for download; a temp folder, because gradio serves files from there."""

    def __init__(self, root: Path | None = None):
        self._root = root
        self._owned = False  # True once we made the folder ourselves

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="kam-coach-exports-"))
            self._owned = True
            atexit.register(self.cleanup)  # a folder of our own: gone when the app stops
        self._root.mkdir(parents=True, exist_ok=True)
        return self._root

    def cleanup(self) -> None:
        """Remove the export folder this object created (never a folder it was given)."""
        if self._owned and self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)

    def path(self, name: str) -> Path:
        return self.root / name

    def write_text(self, name: str, text: str) -> Path:
        path = self.path(name)
        path.write_text(text, encoding="utf-8")
        return path


class Knowledge:
    """The methodology retriever, opened once; building a fresh index takes a while."""

    def __init__(self, settings: Any):
        self.settings = settings
        self._retriever: Any | None = None
        self._lock = threading.Lock()
        self._warming = False

    def retriever(self) -> Any:
        """Open (and on first use build) the index; CoachError when retrieval is missing."""
        with self._lock:
            if self._retriever is None:
                open_retriever = optional("coach.retrieval", "open_retriever")
                if open_retriever is None:
                    raise CoachError(missing_notice("coach.retrieval", "en"))
                self._retriever = open_retriever(self.settings)
            return self._retriever

    def ready(self) -> Any | None:
        """The retriever if it is open already (never waits): scorecards then cite headings."""
        return self._retriever

    def warm_in_background(self, niceness: int = 10) -> None:
        """Open the index in a low-priority thread, so requests keep the CPU first."""
        if self._warming or self._retriever is not None:
            return
        self._warming = True

        def run() -> None:
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)
            except (AttributeError, OSError):
                pass
            try:
                self.retriever()
                log.info("knowledge index ready")
            except Exception:  # noqa: BLE001 - the handbook shows the error when searched
                log.exception("opening the knowledge index failed")
            finally:
                self._warming = False

        threading.Thread(target=run, name="kam-knowledge-warmup", daemon=True).start()
