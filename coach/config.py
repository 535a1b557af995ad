"""Settings from the environment (and a .env file in the working directory).

Contract (DESIGN.md): KAM_LLM_BASE_URL, KAM_LLM_MODEL, KAM_LLM_API_KEY (falling back to
OPENAI_*), KAM_OFFLINE=1 forces the offline voice, KAM_DATA_DIR holds index and database.
KAM_SCORING_JUDGE=1 lets the configured LLM check `kam-coach annotate` labels (off by default).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from coach.errors import CoachError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def _read_dotenv(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; comments and blank lines are ignored."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    knowledge_dir: Path
    scenarios_dir: Path
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    offline: bool = True
    embeddings: str = "use"  # "use" (offline multilingual), "openai", "fake"
    chroma_url: str | None = None
    retrieval_mode: str | None = None  # dense | lexical | hybrid (+pool); None: the measured best
    embedding_model: str | None = None
    scoring_judge: bool = False  # the optional LLM judge of `annotate` (coach/llm/judge.py)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "coach.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def llm_enabled(self) -> bool:
        return not self.offline and bool(self.llm_base_url or self.llm_api_key)


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings; explicit env wins over .env, which wins over defaults."""
    merged = _read_dotenv(Path.cwd() / ".env")
    merged.update(os.environ if env is None else env)

    def pick(*names: str) -> str | None:
        for name in names:
            if merged.get(name):
                return merged[name]
        return None

    data_dir = Path(pick("KAM_DATA_DIR") or (ROOT / ".kam-data")).expanduser()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoachError(
            f"cannot create the data directory {data_dir}: {exc}. "
            "Set KAM_DATA_DIR to a writable folder."
        ) from exc
    base_url = pick("KAM_LLM_BASE_URL", "OPENAI_BASE_URL")
    api_key = pick("KAM_LLM_API_KEY", "OPENAI_API_KEY")
    model = pick("KAM_LLM_MODEL", "OPENAI_MODEL")
    offline = _truthy(pick("KAM_OFFLINE")) or not (base_url or api_key)
    return Settings(
        data_dir=data_dir,
        knowledge_dir=Path(pick("KAM_KNOWLEDGE_DIR") or (ROOT / "knowledge")),
        scenarios_dir=Path(pick("KAM_SCENARIOS_DIR") or (ROOT / "scenarios")),
        llm_base_url=base_url,
        llm_model=model or "gpt-4o-mini",
        llm_api_key=api_key,
        offline=offline,
        embeddings=(pick("KAM_EMBEDDINGS") or "use").lower(),
        chroma_url=pick("KAM_CHROMA_URL"),
        retrieval_mode=pick("KAM_RETRIEVAL_MODE"),
        embedding_model=pick("KAM_EMBEDDING_MODEL"),
        scoring_judge=_truthy(pick("KAM_SCORING_JUDGE")),
    )
