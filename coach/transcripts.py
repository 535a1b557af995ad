"""Transcript files: the JSON contract of DESIGN.md, or a plain-text, SubRip or WebVTT transcript
of a real talk ("Einkäuferin: ...", a Teams/Zoom .vtt export with "<v Name>" voices, an .srt file
with "Name: ..." cues, or the speaker-then-text layout of Otter or a copied Teams transcript:
a line "Anna Berger  0:03" and the words below it).

A real transcript names people, not roles. Role labels ("KAM", "Einkäuferin", "Buyer") are read
from `data/speaker_roles.yaml`; with names, the user says which one is the KAM (`kam=`), and every
other speaker is the buyer's side. Lines without a label continue the turn before; lines of one
speaker in a row are one turn. The language is detected unless given.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from coach.domain import Transcript
from coach.errors import CoachError

ROLES_PATH = Path(__file__).resolve().parent / "data" / "speaker_roles.yaml"
CONTRACT = (
    '{"scenario_id": str|null, "lang": "de"|"en", "turns": [{"speaker": "kam"|"buyer", '
    '"text": str}, ...]}'
)
# '[00:01:02]', '00:01:02', '(12:03)', '12:03:04.500 -' before the speaker
_STAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*[-–]?\s*")
_LABELLED = re.compile(r"^(?P<label>[^\W\d][\w .'’()/&-]{0,48}?)\s*:\s+(?P<text>.*)$")
MAX_LABEL_WORDS = 5  # 'Key Account Managerin (Hersteller)'; a longer stretch is a sentence
_VTT_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}\s+-->\s+")
# 'Anna Berger  0:03', 'Tom Walsh 00:01:12', 'Speaker 1 [12:03]': a speaker above the words
_HEADER = re.compile(
    r"^(?P<label>[^\W\d][\w .'’()/&-]{0,48}?)\s+[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?$"
)
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+(?P<label>[^>]+)>(?P<text>.*?)(?:</v>)?\s*$")
_TAG = re.compile(r"</?[a-z][^>]*>")


class UnclearSpeakers(CoachError):
    """Who is the KAM cannot be told from the labels; `speakers` are the labels as written."""

    def __init__(self, message: str, speakers: list[str]):
        super().__init__(message)
        self.speakers = speakers


@lru_cache(maxsize=1)
def speaker_roles() -> tuple[dict[str, str], frozenset[str]]:
    """Role label (lower case) -> 'kam' | 'buyer', and the titles stripped before a label."""
    try:
        raw = yaml.safe_load(ROLES_PATH.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CoachError(f"cannot read speaker roles {ROLES_PATH}: {exc}") from exc
    roles = {str(label).lower(): side for side in ("kam", "buyer") for label in raw.get(side, [])}
    return roles, frozenset(str(t).lower() for t in raw.get("titles", []))


def read_transcript_file(
    path: str, *, kam: str | None = None, lang: str | None = None
) -> Transcript:
    """A transcript file (or '-' for stdin) in any of the formats above."""
    import sys

    try:
        raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise CoachError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    return load_transcript(path, raw, kam=kam, lang=lang)


def load_transcript(
    path: str, raw: str, *, kam: str | None = None, lang: str | None = None
) -> Transcript:
    """A transcript from a file's text: JSON (the contract) or labelled plain text / WebVTT."""
    if raw.lstrip("\ufeff \t\r\n").startswith("{"):
        return _from_json(path, raw)
    return parse_transcript_text(raw, kam=kam, lang=lang, source=path)


def _from_json(path: str, raw: str) -> Transcript:
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CoachError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    if isinstance(data, dict) and "turns" not in data:
        inner = data.get("transcript")
        if not (isinstance(inner, dict) and "turns" in inner):
            raise CoachError(f"{path}: no 'turns' in this JSON. A transcript is {CONTRACT}")
        data = inner  # a labelled case of the evals: {"transcript": {...}, "expected": {...}}
    try:
        return Transcript.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CoachError(f"{path}: {where}: {first['msg']}. A transcript is {CONTRACT}") from exc


def parse_transcript_text(
    raw: str, *, kam: str | None = None, lang: str | None = None, source: str = "transcript"
) -> Transcript:
    """Turns of a labelled plain-text or WebVTT transcript, with each speaker's side."""
    if lang is not None and lang not in ("de", "en"):
        raise CoachError(f"--lang must be de or en, not '{lang}'")
    said = _labelled_lines(raw)
    if not said:
        raise CoachError(
            f"{source}: no turns found. Write one turn per line as 'Speaker: text' (for example "
            f"'KAM: ...' and 'Einkäuferin: ...'), use a WebVTT file with <v Name> voices, or the "
            f"JSON format {CONTRACT}"
        )
    sides = _sides([label for label, _ in said], kam, source)
    turns: list[dict[str, str]] = []
    for label, text in said:
        side = sides.get(_key(label))
        if side is None:  # 'Zum Preis: dann ...' inside a turn of known roles: no speaker
            side, text = (turns[-1]["speaker"], f"{label}: {text}") if turns else ("kam", text)
        if turns and turns[-1]["speaker"] == side:
            turns[-1]["text"] = f"{turns[-1]['text']} {text}".strip()
        else:
            turns.append({"speaker": side, "text": text})
    turns = [t for t in turns if t["text"].strip()]
    if lang is None:
        from coach.scoring.lexicon import detect_lang

        lang = detect_lang(" ".join(t["text"] for t in turns))
    return Transcript.model_validate({"scenario_id": None, "lang": lang, "turns": turns})


def _labelled_lines(raw: str) -> list[tuple[str, str]]:
    """(speaker label, text) per labelled line; an unlabelled line continues the one before."""
    said: list[tuple[str, str]] = []
    vtt = raw.lstrip("\ufeff").lstrip().startswith("WEBVTT")
    cued = vtt or any(_VTT_TIMING.match(line) for line in raw.splitlines())  # .vtt or .srt
    # speaker-then-text layout: at least two such header lines
    headed = sum(1 for line in raw.splitlines() if _header(line.strip())) >= 2
    skip_block = False
    for line in raw.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            skip_block = False
            continue
        if cued and (_VTT_TIMING.match(stripped) or stripped.isdigit()):
            continue  # a cue's number and timing
        if vtt:
            if stripped.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
                skip_block = True
                continue
            if skip_block:
                continue
            voice = _VOICE.match(stripped)
            if voice:
                said.append((voice["label"].strip(), _TAG.sub("", voice["text"]).strip()))
                continue
            if "-->" in stripped:  # a cue id followed by its timing on one line
                continue
        if headed and (speaker := _header(stripped)):
            said.append((speaker, ""))
            continue
        stripped = _STAMP.sub("", stripped)
        labelled = _LABELLED.match(stripped)
        if labelled and len(labelled["label"].split()) <= MAX_LABEL_WORDS:
            said.append((labelled["label"].strip(), labelled["text"].strip()))
        elif said:
            label, text = said[-1]
            said[-1] = (label, f"{text} {_TAG.sub('', stripped)}".strip())
    return said


def _header(line: str) -> str:
    """The speaker of a header line ('Anna Berger  0:03', 'KAM 00:01:12'), else ''. A name's
    words are capitalised, so a sentence ending in a time ('Treffen wir uns um 10:30') is none."""
    match = _HEADER.match(line)
    if not match:
        return ""
    label = match["label"].strip()
    words = re.sub(r"\([^)]*\)", " ", label).split()
    if not words or len(words) > MAX_LABEL_WORDS:
        return ""
    named = all(w[:1].isupper() or w.isdigit() for w in words)
    return label if named or _key(label) in speaker_roles()[0] else ""


def _key(label: str) -> str:
    """A label compared: lower case, without '(...)' and a leading title ('Frau Keller')."""
    words = re.sub(r"\([^)]*\)", " ", label).lower().split()
    _, titles = speaker_roles()
    while len(words) > 1 and words[0].rstrip(".") in titles:
        words = words[1:]
    return " ".join(words)


def _sides(labels: list[str], kam: str | None, source: str) -> dict[str, str]:
    """Each speaker's side: by role word, or by the KAM's name given with `kam`."""
    roles, _ = speaker_roles()
    keys = list(dict.fromkeys(_key(label) for label in labels))
    if kam is not None:
        wanted = _key(kam)
        if wanted not in keys:
            raise UnclearSpeakers(
                f"{source}: no speaker '{kam}'; the speakers are {_listing(labels)}. "
                "Give --kam one of them.",
                list(dict.fromkeys(labels)),
            )
        return {k: "kam" if k == wanted else "buyer" for k in keys}
    sides = {k: roles[k] for k in keys if k in roles}
    unknown = [k for k in keys if k not in sides]
    if not unknown:
        return sides
    known = set(sides.values())
    if known == {"kam", "buyer"}:
        return sides  # the other labels are words before a colon inside a turn
    if len(unknown) == 1 and len(known) == 1:
        # 'KAM' and 'Frau Keller': the one name is the other side
        sides[unknown[0]] = "buyer" if known == {"kam"} else "kam"
        return sides
    if known == {"kam"}:
        return {**sides, **{k: "buyer" for k in unknown}}  # the KAM and the buyer's team
    raise UnclearSpeakers(
        f"{source}: cannot tell who is the KAM among {_listing(labels)}. Name the KAM with "
        "--kam NAME (everyone else is the buyer's side), or label the lines 'KAM:' and "
        "'Einkäufer:' / 'Buyer:'.",
        list(dict.fromkeys(labels)),
    )


def _listing(labels: list[str]) -> str:
    return ", ".join(f"'{label}'" for label in dict.fromkeys(labels))
