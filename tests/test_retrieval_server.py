"""The index on a Chroma server (`KAM_CHROMA_URL`): a real `chroma run` on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from coach.config import Settings
from coach.retrieval import build_index, clear_cache, open_retriever

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "knowledge"
_BESIDE_PYTHON = Path(sys.executable).with_name("chroma")
CHROMA = str(_BESIDE_PYTHON) if _BESIDE_PYTHON.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path):
    if CHROMA is None:
        if os.environ.get("CI"):
            pytest.fail("the chroma server command (from chromadb) is not installed")
        pytest.skip("the chroma server command is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [CHROMA, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("chroma server did not start")
                time.sleep(0.1)  # polling a starting server, not waiting for a result
        yield url
    finally:
        clear_cache()
        server.terminate()
        server.wait(timeout=10)


def test_build_search_and_rebuild_on_a_chroma_server(tmp_path: Path, chroma_url: str):
    settings = Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=FIXTURES,
        scenarios_dir=tmp_path,
        embeddings="fake",
        chroma_url=chroma_url,
    )
    first = build_index(settings)
    assert first.added == first.total > 0
    assert build_index(settings).embedded == 0
    retriever = open_retriever(settings, build_if_missing=False)
    assert retriever.search("never give a discount", k=1, lang="de")[0].id == "concession-trade"
    clear_cache()
    assert build_index(settings, rebuild=True).added == first.added
    assert not (tmp_path / "data" / "index").exists()  # nothing was written locally
