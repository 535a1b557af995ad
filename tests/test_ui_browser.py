"""The web app in headless Chromium: brief, a chat turn, a refused message, the language switch;
a send whose reply is held back (the message shows at once, text typed meanwhile stays; a new
session started meanwhile does not get the late reply); the typologies & rubric editors (break
the YAML, see the error, fix it, save); a real talk imported in the Coaching tab (a WebVTT file
with names: the coach is asked for the KAM's name, then the talk opens for review).

Starts `python app.py` as a subprocess (temp data dir, no network) on a free port and drives it
with Playwright (Debian chromium, never `playwright install`). Waits use expect(), never sleep.
The buyer is worded by `FakeBuyerLLM`, an OpenAI-compatible endpoint in this process that returns
the template reply it is given, so replies are the offline ones, and a test can hold a reply back
until it lets it go: a slow LLM, deterministically, with nothing test-only in the app.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


class FakeBuyerLLM:
    """`POST /v1/chat/completions` answering with the draft the buyer voice asks to reword.

    `hold()` makes the next replies wait until `release()`; `asked` is set once a request
    arrived. A held request gives up after HOLD_LIMIT seconds, so a failing test cannot hang.
    """

    HOLD_LIMIT = 60.0

    def __init__(self) -> None:
        self.open = threading.Event()
        self.open.set()
        self.asked = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.asked.set()
                fake.open.wait(timeout=fake.HOLD_LIMIT)
                reply = json.dumps(fake.completion(body["messages"])).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *_: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    @staticmethod
    def completion(messages: list[dict[str, str]]) -> dict[str, object]:
        # The voice's last request line is "[Vorgegebene Antwort (move)]: <template reply>".
        asks = [m["content"] for m in messages if str(m["content"]).startswith("[")]
        text = asks[-1].split("]: ", 1)[-1] if asks else "Erzählen Sie mir mehr."
        return {
            "id": "fake",
            "object": "chat.completion",
            "created": 0,
            "model": "fake-buyer",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    def hold(self) -> None:
        self.asked.clear()
        self.open.clear()

    def release(self) -> None:
        self.open.set()


@pytest.fixture(scope="module")
def buyer_llm() -> Iterator[FakeBuyerLLM]:
    fake = FakeBuyerLLM()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.release()
    fake.server.shutdown()
    fake.server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def app_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of the knowledge and scenario folders: the editors save there, never in the repo."""
    root = tmp_path_factory.mktemp("kam-files")
    shutil.copytree(ROOT / "knowledge", root / "knowledge")
    shutil.copytree(ROOT / "scenarios", root / "scenarios")
    return root


@pytest.fixture(scope="module")
def app_url(
    tmp_path_factory: pytest.TempPathFactory, app_files: Path, buyer_llm: FakeBuyerLLM
) -> Iterator[str]:
    port = _free_port()
    data_dir = tmp_path_factory.mktemp("kam-data")
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "KAM_"))}
    env = {
        **inherited,
        "KAM_DATA_DIR": str(data_dir),
        "KAM_KNOWLEDGE_DIR": str(app_files / "knowledge"),
        "KAM_SCENARIOS_DIR": str(app_files / "scenarios"),
        "KAM_OFFLINE": "0",
        "KAM_LLM_BASE_URL": buyer_llm.url,
        "KAM_LLM_MODEL": "fake-buyer",
        "KAM_LLM_API_KEY": "not-needed",
        "NO_PROXY": "127.0.0.1,localhost",
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


def test_a_message_shows_at_once_and_text_typed_meanwhile_stays(
    page: Page, buyer_llm: FakeBuyerLLM
) -> None:
    page.locator("#start").click()
    expect(page.locator("#session-status .kam-session-id")).to_be_visible()
    chat, message, send = (
        page.locator("#chat"),
        page.locator("#msg textarea"),
        page.locator("#send"),
    )
    user, bot = chat.locator("[data-testid=user]"), chat.locator("[data-testid=bot]")
    typed_meanwhile = "Und wie sieht es mit der Platzierung im Regal aus?"
    buyer_llm.hold()
    try:
        message.fill("Guten Tag! Wie läuft die Kategorie bei Ihnen im Moment?")
        message.press("Enter")
        # Shown before the buyer has answered: the trainee's message and a pending reply.
        expect(user).to_have_count(1)
        expect(user).to_contain_text("Wie läuft die Kategorie")
        expect(bot).to_have_count(1)
        expect(bot).to_contain_text("Der Einkäufer antwortet")
        expect(message).to_have_value("")
        expect(send).to_be_disabled()
        message.fill(typed_meanwhile)
        # The reply is under way (its wording request waits here), so the text was typed
        # while it was pending.
        assert buyer_llm.asked.wait(timeout=30), "the buyer voice never asked the fake LLM"
    finally:
        buyer_llm.release()
    expect(bot).not_to_contain_text("Der Einkäufer antwortet")
    expect(bot).to_have_count(1)
    expect(bot).not_to_have_text("")
    expect(send).to_be_enabled()
    expect(page.locator("#buyer-mood .kam-bar")).to_be_visible()
    expect(message).to_have_value(typed_meanwhile)


def test_a_reply_pending_when_start_is_clicked_stays_out_of_the_new_chat(
    page: Page, buyer_llm: FakeBuyerLLM
) -> None:
    session_id = page.locator("#session-status .kam-session-id")
    chat, message, send = (
        page.locator("#chat"),
        page.locator("#msg textarea"),
        page.locator("#send"),
    )
    user, bot = chat.locator("[data-testid=user]"), chat.locator("[data-testid=bot]")
    page.locator("#start").click()
    expect(session_id).to_be_visible()
    old = session_id.inner_text()
    buyer_llm.hold()
    try:
        message.fill("Guten Tag! Wie läuft die Kategorie bei Ihnen im Moment?")
        message.press("Enter")
        expect(bot).to_contain_text("Der Einkäufer antwortet")
        expect(page.locator("#retry")).to_be_disabled()
        assert buyer_llm.asked.wait(timeout=30), "the buyer voice never asked the fake LLM"
        page.locator("#start").click()  # a new session while the old reply is held back
        expect(session_id).not_to_have_text(old)
        expect(user).to_have_count(0)
        expect(bot).to_have_count(0)
        new = session_id.inner_text()
    finally:
        buyer_llm.release()
    # The send is over once the button is back (step 3 runs after the reply has arrived).
    expect(send).to_be_enabled()
    expect(page.locator("#retry")).to_be_enabled()
    expect(session_id).to_have_text(new)
    expect(user).to_have_count(0)
    expect(bot).to_have_count(0)
    # The reply was stored with the session it belongs to.
    page.get_by_role("button", name="Gespräch fortsetzen").click()
    page.locator("#resume-id").get_by_role("textbox").fill(old)
    page.locator("#resume").click()
    expect(session_id).to_have_text(old)
    expect(user).to_have_count(1)
    expect(user).to_contain_text("Wie läuft die Kategorie")
    expect(bot).to_have_count(1)
    expect(bot).not_to_contain_text("Der Einkäufer antwortet")
    expect(bot).not_to_have_text("")


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
    # Fixed as a partial file: only the weights; the packaged rubric fills in the rest.
    _replace_code(page, "#rubric-editor", weights)
    expect(rubric_report).to_contain_text("Verhandlungstechnik 40 %")
    expect(rubric_report).to_contain_text("Wirksames Raster")
    expect(rubric_report.locator("code")).to_contain_text("loud_feeling: 0.45")
    page.locator("#rubric-save").click()
    expect(status).to_contain_text("Ihr Bewertungsraster")


def test_a_real_talk_is_imported_and_opens_for_review(page: Page, tmp_path: Path) -> None:
    talk = tmp_path / "jahresgespraech-edeka.vtt"
    talk.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Anna Berger>Guten Tag, Frau Keller! Wie "
        "läuft die Kategorie bei Ihnen?</v>\n\n00:00:05.000 --> 00:00:09.000\n<v Eva Keller>"
        "Schwierig. Ihre Lieferfähigkeit lag bei 84 %, das ärgert mich.</v>\n\n"
        "00:00:10.000 --> 00:00:14.000\n<v Anna Berger>Das verstehe ich. Was müsste passieren, "
        "damit es besser wird?</v>\n",
        encoding="utf-8",
    )
    page.locator("#tab-coach-button").click()
    page.locator("#coach-import").get_by_text("Echtes Gespräch importieren").click()
    page.locator("#import-file input[type=file]").set_input_files(str(talk))
    page.locator("#import-who textarea, #import-who input").first.fill("Anna")
    page.locator("#import-go").click()
    toasts = page.locator("[data-testid=toast-body]")
    # Names, not roles, and no KAM named: the coach is told what to enter.
    expect(toasts.filter(has_text="Wer ist der KAM?")).to_have_count(1)
    expect(toasts.filter(has_text="'Anna Berger', 'Eva Keller'")).to_have_count(1)
    page.locator("#import-kam textarea, #import-kam input").first.fill("Anna Berger")
    page.locator("#import-go").click()
    expect(toasts.filter(has_text="importiert")).to_have_count(1)
    transcript = page.locator("#coach-transcript")
    expect(transcript).to_contain_text("Lieferfähigkeit lag bei 84 %")
    sessions = page.locator("#coach-sessions")
    expect(sessions).to_contain_text("jahresgespraech edeka")
    expect(sessions).to_contain_text("importiertes Gespräch")
    expect(page.locator("#coach-report")).to_be_visible()
    page.locator("#coach-plan").get_by_text("Kundenplan (Entwurf)").click()
    expect(page.locator("#coach-plan-md")).to_contain_text("SWOT nach 6-P")
    expect(page.locator("#coach-plan-docx")).to_be_visible()
