"""The web app in headless Chromium: brief, a chat turn, a refused message, the language switch;
the typologies & rubric editors (break the YAML, see the error, fix it, save).

Starts `python app.py` as a subprocess (temp data dir, offline) on a free port and drives it
with Playwright (Debian chromium, never `playwright install`). Waits use expect(), never sleep.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
START_TIMEOUT = 90.0  # seconds; importing gradio alone takes ~10 s on a busy 2-core machine


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed"
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"chromium not found at {CHROMIUM}"
    return None


_missing = _unavailable()
if _missing:
    if os.environ.get("CI"):
        pytest.fail(f"browser test cannot run in CI: {_missing}", pytrace=False)
    pytest.skip(f"browser test skipped: {_missing}", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@pytest.fixture(scope="module")
def app_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of the knowledge and scenario folders: the editors save there, never in the repo."""
    root = tmp_path_factory.mktemp("kam-files")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    return root


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, app_files: Path) -> Iterator[str]:
    port = _free_port()
    data_dir = tmp_path_factory.mktemp("kam-data")
    env = {
        **os.environ,
        "KAM_DATA_DIR": str(data_dir),
        "KAM_KNOWLEDGE_DIR": str(app_files / "knowledge"),
        "KAM_SCENARIOS_DIR": str(app_files / "scenarios"),
        "KAM_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "GRADIO_SERVER_NAME": "127.0.0.1",
        "GRADIO_SERVER_PORT": str(port),
        "KAM_WARM_INDEX": "0",  # the handbook index is not part of this test; keep the CPU free
    }
    log_path = data_dir / "app.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + START_TIMEOUT
        try:
            # Polling a subprocess has no event to wait on: a short poll interval is the wait.
            while not _answers(url):
                if proc.poll() is not None:
                    pytest.fail(f"app.py exited with {proc.returncode}:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"app.py did not answer within {START_TIMEOUT:.0f} s")
                time.sleep(0.25)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, app_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    external: list[str] = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else None
        ),
    )
    page.goto(app_url)
    yield page
    context.close()
    assert not external, f"the app fetched from the network: {external}"


def _pick_scenario(page: Page, index: int) -> str:
    """Choose the index-th scenario in the dropdown; returns its title (without the [DE] tag)."""
    page.locator("#scenario-select input").click()
    option = page.locator("#scenario-select [role=option]").nth(index)
    label = (option.get_attribute("aria-label") or "").strip()
    option.click()
    return label.split("] ", 1)[-1]


def test_trainee_chat_warning_and_language_switch(page: Page) -> None:
    brief = page.locator("#scenario-brief")
    expect(brief).to_contain_text("Ziele")
    title = _pick_scenario(page, 1)
    expect(brief.locator("h3")).to_have_text(title)
    expect(brief).not_to_contain_text("batna")

    page.locator("#start").click()
    expect(page.locator("#session-status .kam-session-id")).to_be_visible()

    message = page.locator("#msg textarea")
    message.fill("Guten Tag! Wie läuft die Kategorie bei Ihnen im Moment?")
    page.locator("#send").click()
    chat = page.locator("#chat")
    expect(chat.locator("[data-testid=user]")).to_have_count(1)
    expect(chat.locator("[data-testid=user]")).to_contain_text("Wie läuft die Kategorie")
    expect(chat.locator("[data-testid=bot]")).to_have_count(1)
    expect(chat.locator("[data-testid=bot]")).not_to_have_text("")
    expect(message).to_have_value("")
    expect(page.locator("#buyer-mood .kam-bar")).to_be_visible()

    # An empty message is refused with a warning; the conversation stays as it was.
    page.locator("#send").click()
    toasts = page.locator("[data-testid=toast-body].warning")
    expect(toasts.filter(has_text="Nachricht ist leer")).to_have_count(1)
    expect(chat.locator("[data-testid=user]")).to_have_count(1)
    expect(chat.locator("[data-testid=bot]")).to_have_count(1)

    # A message over the limit is refused too, and the typed text stays in the box.
    too_long = "Wir bieten Ihnen an. " * 100
    message.fill(too_long)
    page.locator("#send").click()
    expect(toasts.filter(has_text="2000")).to_have_count(1)
    expect(message).to_have_value(too_long)
    expect(chat.locator("[data-testid=user]")).to_have_count(1)

    # Switching to English relabels the UI (and keeps the chat).
    page.locator("#lang label").filter(has_text="English").click()
    expect(page.locator("#send")).to_have_text("Send")
    expect(page.locator("#tab-trainee-button")).to_have_text("Practice")
    expect(page.locator("#buyer-mood")).to_contain_text("Trust")
    expect(chat.locator("[data-testid=bot]")).to_have_count(1)


def _replace_code(page: Page, editor: str, text: str) -> None:
    """Replace the whole text of a gr.Code editor (CodeMirror) as a paste would."""
    content = page.locator(f"{editor} .cm-content")
    content.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(text)


def test_typology_and_rubric_editors_validate_and_save(page: Page, app_files: Path) -> None:
    page.locator("#tab-catalogue-button").click()
    catalogue = app_files / "knowledge" / "typologies" / "disg.yaml"
    original = catalogue.read_text(encoding="utf-8")
    report = page.locator("#catalogue-validation")
    expect(report).to_contain_text("Gültig")

    # Broken: an unknown field. The report names file:line and the field; save is refused.
    _replace_code(page, "#catalogue-editor", original + "farbe: blau\n")
    expect(report).to_contain_text("unknown field 'farbe'")
    line = len(original.splitlines()) + 1
    expect(report).to_contain_text(f"disg.yaml:{line}")
    page.locator("#catalogue-save").click()
    toasts = page.locator("[data-testid=toast-body]")
    expect(toasts.filter(has_text="Nicht gespeichert")).to_have_count(1)
    assert catalogue.read_text(encoding="utf-8") == original

    # Fixed (and a type renamed): valid, saved, on disk.
    fixed = original.replace(
        "name: {de: Dominant, en: Dominant}", "name: {de: Bestimmend, en: Bossy}"
    )
    _replace_code(page, "#catalogue-editor", fixed)
    expect(report).to_contain_text("Gültig")
    page.locator("#catalogue-save").click()
    # ("Nicht gespeichert" matches "Gespeichert" too: has_text ignores case.)
    expect(toasts.filter(has_text="nutzt den Katalog ab sofort")).to_have_count(1)
    assert catalogue.read_text(encoding="utf-8") == fixed

    # The rubric: break a weight, see the error, fix it, save; the override is in force.
    page.locator("#catalogue-rubric-button").click()
    status, rubric_report = page.locator("#rubric-status"), page.locator("#rubric-validation")
    expect(status).to_contain_text("Standard-Bewertungsraster")
    weights = "overall_weights: {balance: 1, four_sides: 1, listening: 1, technique: 2}\n"
    _replace_code(page, "#rubric-editor", weights.replace("technique: 2", "technique: -2"))
    expect(rubric_report).to_contain_text("rubric.yaml:1: overall_weights.technique")
    rubric = (ROOT / "coach" / "scoring" / "data" / "rubric.yaml").read_text(encoding="utf-8")
    _replace_code(page, "#rubric-editor", weights + rubric.split("\n", 2)[2])
    expect(rubric_report).to_contain_text("Verhandlungstechnik 40 %")
    page.locator("#rubric-save").click()
    expect(status).to_contain_text("Ihr Bewertungsraster")
