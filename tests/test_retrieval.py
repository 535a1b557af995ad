"""Knowledge index and retrieval (fake embedding, fixture knowledge; offline and fast)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.config import Settings
from coach.errors import CoachError, KnowledgeIndexError
from coach.retrieval import (
    Passage,
    build_index,
    clear_cache,
    open_retriever,
    prepare_query,
)
from coach.retrieval import embeddings as embeddings_module
from coach.retrieval.chunks import load_sections, parse_markdown
from coach.retrieval.lexical import BM25, stem, tokenize
from coach.retrieval.retriever import MAX_QUERY_CHARS, reciprocal_rank_fusion

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "knowledge"
REBUILD = "kam-coach index --rebuild"


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, knowledge: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        knowledge_dir=knowledge,
        scenarios_dir=tmp_path / "scenarios",
        embeddings="fake",
    )


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the fake embedding is asked to embed, in order."""
    seen: list[str] = []
    real = embeddings_module._fake_vectors

    def counting(texts, dim):
        seen.extend(texts)
        return real(texts, dim)

    monkeypatch.setattr(embeddings_module, "_fake_vectors", counting)
    return seen


# -- splitting and metadata -------------------------------------------------------------


def test_sections_carry_id_source_heading_lang_levers_and_tags():
    parsed = load_sections(FIXTURES)
    by_key = {s.key: s for s in parsed.sections}
    section = by_key["de:concession-trade"]
    assert section.source == "knowledge/de/01-preis.md"
    assert section.heading_path == ("Preisverhandlung", "Zugeständnisse nur gegen Gegenleistung")
    assert section.heading == "Preisverhandlung > Zugeständnisse nur gegen Gegenleistung"
    assert section.lang == "de"
    assert section.levers == ("price", "promotion")
    assert section.tags == ("technique", "concession")
    assert section.topic == "preisverhandlung"
    assert "<!--" not in section.text and section.text.startswith("Gib nie einen Rabatt")
    # a ### subsection stays inside its ## section
    assert "### Die Untergrenze" in by_key["de:annual-talks-prep"].text
    # the same ids exist in both languages
    assert {"en:concession-trade", "en:four-ears", "de:four-ears"} <= set(by_key)


def test_file_without_headings_is_one_section_named_after_the_file_with_a_warning():
    parsed = load_sections(FIXTURES)
    notes = [s for s in parsed.sections if s.source.endswith("03-notizen.md")]
    assert [s.id for s in notes] == ["03-notizen"]
    assert "Augenhöhe" in notes[0].text
    assert any("03-notizen.md" in w and "no '## ' sections" in w for w in parsed.warnings)


def test_broken_front_matter_and_comments_warn_but_never_crash():
    parsed = load_sections(FIXTURES)
    broken = {s.id: s for s in parsed.sections if s.source.endswith("03-broken.md")}
    assert broken["shelf-placement"].levers == ("placement",)
    assert "03-broken-a-section-without-comment" in broken
    assert "03-broken-broken-comment" in broken
    text = "\n".join(parsed.warnings)
    assert "front matter is not valid YAML" in text
    assert "has no id comment" in text
    assert "without a valid 'id: ...'" in text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---\n",
        "---\ntopic: x\n",  # front matter never closed
        "```\n## not a heading inside an unclosed fence\n",
        "## \n<!-- id: -->\n",
        "## Only a heading",
        "<!-- id: lonely; levers: nonsense -->",
        "# Title\n\n" + "## A\n" * 50,
        "\x00\x01 binary \ufffd garbage ## ### ####",
    ],
)
def test_malformed_markdown_never_crashes(text: str):
    result = parse_markdown(text, "knowledge/de/x.md", "de")
    for section in result.sections:
        assert section.id and section.lang == "de"


def test_invalid_utf8_file_is_indexed_with_a_warning(knowledge: Path):
    (knowledge / "de" / "09-kaputt.bin.md").write_bytes(
        b"## Titel\n\xff\xfe Text mit kaputten Bytes\n"
    )
    parsed = load_sections(knowledge)
    assert any(s.source.endswith("09-kaputt.bin.md") for s in parsed.sections)
    assert any("not valid UTF-8" in w for w in parsed.warnings)


def test_duplicate_ids_in_one_language_are_renamed(knowledge: Path):
    (knowledge / "de" / "04-doppelt.md").write_text(
        "## Noch einmal\n<!-- id: four-ears; levers: person -->\nDoppelt.\n", encoding="utf-8"
    )
    parsed = load_sections(knowledge)
    keys = [s.key for s in parsed.sections]
    assert len(keys) == len(set(keys))
    assert any("already used" in w for w in parsed.warnings)


# -- lexical ----------------------------------------------------------------------------


def test_normalisation_folds_case_umlauts_and_inflection():
    assert tokenize("Händler") == tokenize("handler")
    assert stem("verhandlungen") == stem("verhandlung")
    assert stem("promotions") == stem("promotion")
    assert tokenize("Die Zweitplatzierung und der") == ["zweitplatzierung"]


def test_bm25_prefers_the_document_with_the_rare_term():
    docs = [tokenize(t) for t in ["Preis Preis Rabatt", "Preis WKZ Handzettel", "Regal Facings"]]
    top = BM25(docs).top(tokenize("WKZ Preis"), 3)
    assert top[0][0] == 1
    assert all(score > 0 for _, score in top)


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = reciprocal_rank_fusion([[("a", 1), ("b", 1), ("c", 1)], [("b", 1), ("c", 1), ("a", 1)]])
    assert [key for key, _ in fused][0] == "b"
    assert fused[0][1] <= 1.0
    assert reciprocal_rank_fusion([[("x", 1)], [("x", 1)]])[0] == ("x", 1.0)


# -- index: build, incremental rebuild, deletion ----------------------------------------


def test_build_reports_counts_and_progress(settings: Settings, embedded: list[str]):
    calls: list[tuple[int, int]] = []
    report = build_index(settings, progress=lambda done, total: calls.append((done, total)))
    n = len(load_sections(settings.knowledge_dir).sections)
    assert (report.added, report.updated, report.unchanged, report.deleted) == (n, 0, 0, 0)
    assert len(embedded) == n
    assert calls[0] == (0, n) and calls[-1] == (n, n)
    assert report.seconds > 0 and report.warnings
    summary = str(report).splitlines()
    assert summary[0].startswith(f"{n} sections: {n} added, 0 updated")
    assert summary[1].startswith("warning: knowledge/")


def test_unchanged_sections_are_never_re_embedded(settings: Settings, embedded: list[str]):
    build_index(settings)
    embedded.clear()
    report = build_index(settings)
    assert embedded == []
    assert report.embedded == 0 and report.unchanged == report.total


def test_editing_one_section_re_embeds_exactly_that_section(
    settings: Settings, knowledge: Path, embedded: list[str]
):
    build_index(settings)
    embedded.clear()
    path = knowledge / "de" / "02-vier-seiten.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("bevor du argumentierst", "bevor du verhandelst"),
        encoding="utf-8",
    )
    report = build_index(settings)
    assert (report.added, report.updated, report.deleted) == (0, 1, 0)
    assert len(embedded) == 1 and "bevor du verhandelst" in embedded[0]
    passage = open_retriever(settings).get("active-listening", "de")
    assert passage is not None and "bevor du verhandelst" in passage.text


def test_changing_only_levers_updates_metadata_without_embedding(
    settings: Settings, knowledge: Path, embedded: list[str]
):
    build_index(settings)
    embedded.clear()
    path = knowledge / "en" / "02-four-sides.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "id: active-listening; levers: person", "id: active-listening; levers: person, price"
        ),
        encoding="utf-8",
    )
    report = build_index(settings)
    assert embedded == [] and report.relabelled == 1
    assert open_retriever(settings).get("active-listening", "en").levers == ("person", "price")


def test_removed_sections_are_deleted(settings: Settings, knowledge: Path, embedded: list[str]):
    build_index(settings)
    (knowledge / "de" / "02-vier-seiten.md").unlink()
    embedded.clear()
    report = build_index(settings)
    assert report.deleted == 2 and embedded == []
    retriever = open_retriever(settings)
    assert retriever.get("four-ears", "de") is None
    assert retriever.get("four-ears", "en") is not None
    assert all(p.id != "four-ears" for p in retriever.search("vier Ohren", k=10, lang="de"))


def test_open_retriever_builds_on_first_use_and_reopening_embeds_nothing(settings: Settings):
    first = open_retriever(settings)
    assert first.embeddings.documents_embedded == len(first)
    assert open_retriever(settings) is first  # cached per process
    clear_cache()
    again = open_retriever(settings)
    assert again is not first
    assert again.embeddings.documents_embedded == 0


def test_open_retriever_picks_up_edited_knowledge_incrementally(
    settings: Settings, knowledge: Path, embedded: list[str]
):
    open_retriever(settings)
    clear_cache()
    (knowledge / "en" / "04-new.md").write_text(
        "## Walk away\n<!-- id: walk-away; levers: price -->\nKnow your BATNA.\n", encoding="utf-8"
    )
    embedded.clear()
    retriever = open_retriever(settings)
    assert len(embedded) == 1
    assert retriever.get("walk-away", "en") is not None


def test_collection_resolves_to_our_embedding_function_never_chromas_default(settings: Settings):
    import chromadb

    build_index(settings)
    client = chromadb.PersistentClient(
        path=str(settings.index_dir), settings=chromadb.Settings(anonymized_telemetry=False)
    )
    try:
        (collection,) = client.list_collections()
        function = collection.configuration["embedding_function"]
        assert function.name() == "kam-coach"
        assert function.get_config() == {"backend": "fake", "model": "256"}
    finally:
        client.close()


# -- broken or missing index --------------------------------------------------------------


def test_missing_index_without_build_names_the_rebuild_command(settings: Settings):
    with pytest.raises(KnowledgeIndexError, match=REBUILD):
        open_retriever(settings, build_if_missing=False)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "delete-db-keep-segments"])
def test_corrupt_index_raises_and_rebuild_repairs_it(settings: Settings, damage: str):
    build_index(settings)
    sqlite = settings.index_dir / "chroma.sqlite3"
    if damage == "garbage":
        sqlite.write_bytes(b"this is not a database " * 500)
    elif damage == "truncate":
        with sqlite.open("r+b") as f:
            f.truncate(sqlite.stat().st_size // 3)
    else:
        sqlite.unlink()
    with pytest.raises(KnowledgeIndexError, match=REBUILD):
        open_retriever(settings, build_if_missing=False)
    if damage != "delete-db-keep-segments":
        with pytest.raises(KnowledgeIndexError, match=REBUILD):
            open_retriever(settings)
    report = build_index(settings, rebuild=True)
    assert report.added == report.total > 0
    assert open_retriever(settings, build_if_missing=False).search("Rabatt", lang="de")


def test_unreachable_chroma_server_is_a_knowledge_index_error(settings: Settings):
    from dataclasses import replace

    remote = replace(settings, chroma_url="http://127.0.0.1:9")
    with pytest.raises(KnowledgeIndexError, match="127.0.0.1:9"):
        open_retriever(remote, build_if_missing=False)


def test_no_knowledge_files_is_a_clear_error(settings: Settings, tmp_path: Path):
    from dataclasses import replace

    empty = replace(settings, knowledge_dir=tmp_path / "nowhere")
    with pytest.raises(KnowledgeIndexError, match="KAM_KNOWLEDGE_DIR"):
        build_index(empty)
    with pytest.raises(KnowledgeIndexError, match="KAM_KNOWLEDGE_DIR"):
        open_retriever(empty)


# -- search -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   \n\t", None])
def test_empty_question_is_a_coach_error(settings: Settings, query):
    retriever = open_retriever(settings)
    with pytest.raises(CoachError, match="the question is empty"):
        retriever.search(query)  # type: ignore[arg-type]


def test_huge_question_is_truncated_and_still_answered(settings: Settings):
    question = ("Wie antworte ich dem Einkäufer? " * 400) + "Rabatt ohne Gegenleistung"
    assert len(question) > 10_000
    prepared = prepare_query(question)
    assert len(prepared) <= MAX_QUERY_CHARS + 5
    assert prepared.endswith("Rabatt ohne Gegenleistung")  # the tail survives
    passages = open_retriever(settings).search(question, k=2, lang="de")
    assert passages and passages[0].id == "concession-trade"


def test_k_must_be_positive(settings: Settings):
    with pytest.raises(CoachError, match="at least 1"):
        open_retriever(settings).search("Rabatt", k=0)


def test_lang_filter_returns_only_that_language(settings: Settings):
    retriever = open_retriever(settings)
    for lang in ("de", "en"):
        passages = retriever.search("Rabatt discount Ohren ears", k=10, lang=lang)
        assert passages and {p.lang for p in passages} == {lang}
    with pytest.raises(CoachError, match="Available: de, en"):
        retriever.search("Rabatt", lang="fr")


def test_without_lang_each_section_appears_once(settings: Settings):
    passages = open_retriever(settings).search("four ears vier Ohren", k=10)
    ids = [p.id for p in passages]
    assert len(ids) == len(set(ids))


def test_english_question_finds_the_german_passage(settings: Settings):
    passages = open_retriever(settings).search("never give a discount for nothing", k=1, lang="de")
    assert passages[0].id == "concession-trade" and passages[0].lang == "de"
    assert passages[0].source == "knowledge/de/01-preis.md"


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_every_mode_ranks_the_obvious_section_first(settings: Settings, mode: str):
    retriever = open_retriever(settings, mode=mode)
    assert retriever.search("Vier Ohren Sachseite Appell", k=1, lang="de")[0].id == "four-ears"


def test_unknown_mode_is_a_coach_error(settings: Settings):
    with pytest.raises(CoachError, match="unknown retrieval mode"):
        open_retriever(settings, mode="magic")


def test_passage_contract_for_ask_json(settings: Settings):
    passage = open_retriever(settings).search("Rabatt", k=1, lang="de")[0]
    assert isinstance(passage, Passage)
    data = passage.to_dict()
    assert {"text", "source", "heading", "score", "id"} <= set(data)
    assert isinstance(data["score"], float) and data["source"].startswith("knowledge/de/")


def test_get_by_section_id_and_language(settings: Settings):
    retriever = open_retriever(settings)
    de, en = retriever.get("four-ears", "de"), retriever.get("four-ears", "en")
    assert de is not None and en is not None
    assert de.heading.endswith("Die vier Ohren") and en.heading.endswith("The four ears")
    assert retriever.get("no-such-id", "de") is None
    assert retriever.get("four-ears", "fr") is None


def test_passages_browse_in_source_order(settings: Settings):
    ids = [p.id for p in open_retriever(settings).passages("de")]
    assert ids.index("concession-trade") < ids.index("annual-talks-prep") < ids.index("four-ears")
