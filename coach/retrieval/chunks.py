"""Knowledge markdown -> sections with metadata (one section per `##` heading).

A knowledge file is `knowledge/<lang>/<name>.md`: optional YAML front matter (`topic:`),
then `## Title` headings, each followed by a line
`<!-- id: some-id; levers: price, promotion; tags: technique, concession -->`.
The same id in every language names the same section. Files that do not follow this shape
are still indexed (never a crash) and produce a warning that says what to fix.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from langchain_text_splitters import ExperimentalMarkdownSyntaxTextSplitter

LEVERS = ("product", "price", "promotion", "placement", "person", "performance")
# Bump when the text that gets embedded changes shape, so every section is re-embedded once.
CHUNK_FORMAT = 1

_LANG_DIR = re.compile(r"^[a-z]{2}$")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)
_SPLIT_ON = [("#", "h1"), ("##", "h2")]


@dataclass(frozen=True)
class Section:
    """One retrievable unit of the knowledge base."""

    id: str
    lang: str
    source: str  # e.g. knowledge/de/06-vier-seiten.md
    heading_path: tuple[str, ...]
    text: str  # markdown body without the id comment
    topic: str = ""
    levers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    order: int = 0  # position in its file, for browsing in source order

    @property
    def key(self) -> str:
        """The record id in the vector store: ids repeat across languages, keys do not."""
        return f"{self.lang}:{self.id}"

    @property
    def heading(self) -> str:
        return " > ".join(self.heading_path)

    @property
    def embedding_text(self) -> str:
        """What the embedding and the lexical index see: headings carry much of the meaning."""
        return f"{self.heading}\n\n{self.text}".strip()

    @property
    def content_hash(self) -> str:
        """Hash of what gets embedded; metadata changes alone never cost an embedding."""
        payload = json.dumps([CHUNK_FORMAT, self.embedding_text], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store (Chroma wants scalar values)."""
        return {
            "section_id": self.id,
            "lang": self.lang,
            "source": self.source,
            "heading": self.heading,
            "heading_path": json.dumps(list(self.heading_path), ensure_ascii=False),
            "topic": self.topic,
            "levers": ",".join(self.levers),
            "tags": ",".join(self.tags),
            "order": self.order,
            "hash": self.content_hash,
        }

    @classmethod
    def from_record(cls, text: str, meta: dict) -> Section:
        try:
            path = tuple(json.loads(str(meta.get("heading_path") or "[]")))
        except ValueError:
            path = (str(meta.get("heading", "")),)
        return cls(
            id=str(meta["section_id"]),
            lang=str(meta["lang"]),
            source=str(meta.get("source", "")),
            heading_path=path,
            text=text,
            topic=str(meta.get("topic", "")),
            levers=_split_list(str(meta.get("levers", ""))),
            tags=_split_list(str(meta.get("tags", ""))),
            order=int(meta.get("order", 0) or 0),
        )


@dataclass
class ParseResult:
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[,\s]+", value) if part.strip())


def slugify(value: str) -> str:
    folded = value.lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(src, dst)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "section"


def _front_matter(text: str, source: str, warnings: list[str]) -> tuple[str, dict]:
    """Split YAML front matter off; a broken one is reported and ignored."""
    if not text.startswith("---"):
        return text, {}
    lines = text.splitlines(keepends=True)
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            raw = "".join(lines[1:end])
            body = "".join(lines[end + 1 :])
            try:
                data = yaml.safe_load(raw) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f":{mark.line + 2}" if mark is not None else ""
                warnings.append(f"{source}{where}: front matter is not valid YAML; ignored")
                return body, {}
            if not isinstance(data, dict):
                warnings.append(f"{source}: front matter is not a mapping; ignored")
                return body, {}
            return body, data
    warnings.append(f"{source}: front matter starts with '---' but never ends; read as text")
    return text, {}


def _parse_comment(body: str, source: str, heading: str, warnings: list[str]) -> tuple[dict, str]:
    """Read `<!-- id: x; levers: a, b; tags: c -->` and return (fields, body without it)."""
    match = _COMMENT.search(body)
    if match is None:
        return {}, body
    fields: dict[str, str] = {"_comment": "yes"}
    for part in match.group(1).split(";"):
        key, sep, value = part.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip()
    rest = (body[: match.start()] + body[match.end() :]).strip("\n")
    if not _ID.match(fields.get("id", "")):
        warnings.append(
            f"{source}: section '{heading}' has a comment without a valid 'id: ...'; "
            "write <!-- id: some-id; levers: price; tags: technique -->"
        )
        fields.pop("id", None)
    return fields, rest


def _levers(value: str, source: str, warnings: list[str]) -> tuple[str, ...]:
    levers = []
    for lever in _split_list(value.lower()):
        if lever in LEVERS:
            levers.append(lever)
        else:
            warnings.append(f"{source}: unknown lever '{lever}' (known: {', '.join(LEVERS)})")
    return tuple(levers)


def _grouped_chunks(body: str) -> list[tuple[tuple[str, ...], bool, str]]:
    """(heading path, is a `##` section, text) per block.

    The splitter also cuts at code blocks and horizontal rules; those pieces are glued back
    to their section, which is the unit we retrieve and cite.
    """
    splitter = ExperimentalMarkdownSyntaxTextSplitter(headers_to_split_on=_SPLIT_ON)
    groups: list[tuple[tuple[str, ...], bool, str]] = []
    for doc in splitter.split_text(body):
        path = tuple(
            str(doc.metadata[name]).strip().rstrip("#").strip()
            for _, name in _SPLIT_ON
            if doc.metadata.get(name)
        )
        is_section = bool(doc.metadata.get("h2"))
        if groups and groups[-1][:2] == (path, is_section):
            groups[-1] = (path, is_section, groups[-1][2] + doc.page_content)
        else:
            groups.append((path, is_section, doc.page_content))
    return groups


def parse_markdown(text: str, source: str, lang: str) -> ParseResult:
    """Parse one knowledge file; never raises on malformed content."""
    result = ParseResult()
    warnings = result.warnings
    stem = slugify(Path(source).stem)
    body, front = _front_matter(text, source, warnings)
    topic_value = front.get("topic", "")
    topic = ", ".join(map(str, topic_value)) if isinstance(topic_value, list) else str(topic_value)
    if len(_FENCE.findall(body)) % 2:
        warnings.append(f"{source}: a code fence (```) is never closed; closed at the end")
        body += "\n```\n"

    try:
        groups = _grouped_chunks(body)
    except Exception as exc:  # the splitter is third-party code: a bad file must not stop indexing
        warnings.append(f"{source}: could not split by headings ({exc}); indexed as one section")
        groups = [((), False, body)]

    if not any(is_section for _, is_section, _ in groups):
        warnings.append(
            f"{source}: no '## ' sections found; indexed as one section with id '{stem}'"
        )
        title = next((path[0] for path, _, _ in groups if path), "")
        whole = "\n\n".join(chunk.strip("\n") for _, _, chunk in groups).strip()
        fields, whole = _parse_comment(whole, source, title or stem, warnings)
        if whole:
            result.sections.append(
                Section(
                    id=fields.get("id") or stem,
                    lang=lang,
                    source=source,
                    heading_path=(title,) if title else (stem,),
                    text=whole,
                    topic=topic,
                    levers=_levers(fields.get("levers", ""), source, warnings),
                    tags=_split_list(fields.get("tags", "")),
                )
            )
        return result

    seen: set[str] = set()
    for path, is_section, chunk in groups:
        heading = path[-1] if path else ""
        fields, chunk_text = _parse_comment(chunk, source, heading, warnings)
        chunk_text = chunk_text.strip()
        if not chunk_text:
            continue
        if not is_section and not fields.get("id"):
            section_id = f"{stem}-intro"  # text under the `#` title, before the first `##`
        elif fields.get("id"):
            section_id = fields["id"]
        else:
            section_id = f"{stem}-{slugify(heading)}"
            if not fields.get("_comment"):  # a broken comment was reported already
                warnings.append(
                    f"{source}: section '{heading}' has no id comment; using id '{section_id}'. "
                    "Add <!-- id: ...; levers: ...; tags: ... --> under the heading so the "
                    "languages match"
                )
        if section_id in seen:
            new_id = f"{section_id}-{len(seen)}"
            warnings.append(f"{source}: duplicate section id '{section_id}'; using '{new_id}'")
            section_id = new_id
        seen.add(section_id)
        result.sections.append(
            Section(
                id=section_id,
                lang=lang,
                source=source,
                heading_path=path or (stem,),
                text=chunk_text,
                topic=topic,
                levers=_levers(fields.get("levers", ""), source, warnings),
                tags=_split_list(fields.get("tags", "")),
                order=len(result.sections),
            )
        )
    return result


def knowledge_files(knowledge_dir: Path) -> Iterable[tuple[Path, str]]:
    """(path, lang) of every `<lang>/*.md` file, sorted so builds are deterministic."""
    if not knowledge_dir.is_dir():
        return []
    found: list[tuple[Path, str]] = []
    for lang_dir in sorted(knowledge_dir.iterdir()):
        if lang_dir.is_dir() and _LANG_DIR.match(lang_dir.name):
            found.extend((path, lang_dir.name) for path in sorted(lang_dir.rglob("*.md")))
    return found


def load_sections(knowledge_dir: Path) -> ParseResult:
    """Parse every knowledge file; ids that repeat across files of one language are renamed."""
    result = ParseResult()
    keys: set[str] = set()
    for path, lang in knowledge_files(knowledge_dir):
        source = (Path(knowledge_dir.name) / path.relative_to(knowledge_dir)).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            result.warnings.append(f"{source}: cannot be read ({exc}); skipped")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            result.warnings.append(f"{source}: not valid UTF-8; undecodable bytes replaced")
            text = raw.decode("utf-8", errors="replace")
        parsed = parse_markdown(text.replace("\r\n", "\n"), source, lang)
        result.warnings.extend(parsed.warnings)
        for section in parsed.sections:
            if section.key in keys:
                new_id = f"{slugify(path.stem)}-{section.id}"
                result.warnings.append(
                    f"{source}: section id '{section.id}' is already used in another {lang} "
                    f"file; using '{new_id}'"
                )
                section = Section(**{**section.__dict__, "id": new_id})
            keys.add(section.key)
            result.sections.append(section)
    return result
