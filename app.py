"""Start the KAM Negotiation Coach web app (offline by default; see README for the LLM setup).

Honours GRADIO_SERVER_NAME / GRADIO_SERVER_PORT (default 127.0.0.1:7860).
"""

from __future__ import annotations

import logging
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from coach.errors import CoachError  # noqa: E402
from coach.ui import build_app, build_unavailable_app, launch_options  # noqa: E402


def make_app():  # noqa: ANN201 - gradio.Blocks
    """The app around a Coach; a notice page when the coach cannot start (it says why)."""
    from coach.session import Coach

    try:
        return build_app(Coach())
    except CoachError as exc:
        logging.getLogger("coach.ui").error("coach cannot start: %s", exc)
        return build_unavailable_app(str(exc))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = make_app()
    app.queue(default_concurrency_limit=8)
    app.launch(
        server_name=os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1",
        server_port=int(os.environ.get("GRADIO_SERVER_PORT") or 7860),
        show_error=False,
        footer_links=[],
        run_history=False,
        prevent_thread_lock=True,
        **launch_options(),
    )
    # Only once the page is served: building a fresh knowledge index takes a while.
    knowledge = getattr(app, "kam_knowledge", None)
    if knowledge is not None and os.environ.get("KAM_WARM_INDEX", "1") != "0":
        knowledge.warm_in_background()
    app.block_thread()


if __name__ == "__main__":
    main()
