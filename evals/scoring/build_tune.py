"""Build tune_<lang>.jsonl from the compact hand-written dialogue sources tune_src_<lang>_*.txt.

    python -m evals.scoring.build_tune

Source format (one dialogue per `## id` block):
    B: buyer line
    K: kam line || mode | listening | dominant_side | ear
mode t/n/0; listening codes oq cq pa em su en me (comma-separated, or -);
sides f s r a; ear - = null.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MODES = {"t": "trust", "n": "negotiation", "0": "neutral"}
LISTENING = {
    "oq": "open_question",
    "cq": "closed_question",
    "pa": "paraphrase",
    "em": "emotion_verbalization",
    "su": "summary",
    "en": "encourager",
    "me": "metacommunication",
}
SIDES = {"f": "fact", "s": "self_revelation", "r": "relationship", "a": "appeal"}


def parse(path: Path, lang: str) -> list[dict]:
    records: list[dict] = []
    dialogue = ""
    context: list[dict] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") and not line.startswith("##"):
            continue
        if line.startswith("##"):
            dialogue, context = line[2:].strip(), []
            continue
        speaker, _, rest = line.partition(":")
        if speaker == "B":
            context.append({"speaker": "buyer", "text": rest.strip()})
            continue
        if speaker != "K" or "||" not in rest:
            raise SystemExit(f"{path}:{number}: expected 'B: …' or 'K: … || labels'")
        text, _, labels = rest.partition("||")
        fields = [f.strip() for f in labels.split("|")]
        if len(fields) != 4:
            raise SystemExit(f"{path}:{number}: need mode | listening | side | ear")
        mode, listening, side, ear = fields
        has_buyer = any(c["speaker"] == "buyer" for c in context)
        if (ear == "-") == has_buyer and context:
            raise SystemExit(
                f"{path}:{number}: ear must be null exactly when no buyer line precedes"
            )
        records.append(
            {
                "id": f"{dialogue}-{sum(r['dialogue'] == dialogue for r in records) + 1:02d}",
                "dialogue": dialogue,
                "lang": lang,
                "speaker": "kam",
                "text": text.strip(),
                "context": list(context),
                "mode": MODES[mode],
                "listening": []
                if listening == "-"
                else [LISTENING[x.strip()] for x in listening.split(",")],
                "dominant_side": SIDES[side],
                "ear": None if ear == "-" else SIDES[ear],
            }
        )
        context.append({"speaker": "kam", "text": text.strip()})
    return records


def main() -> int:
    for lang in ("de", "en"):
        records: list[dict] = []
        for path in sorted(DATA.glob(f"tune_src_{lang}_*.txt")):
            records += parse(path, lang)
        out = DATA / f"tune_{lang}.jsonl"
        with out.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{out.name}: {len(records)} KAM utterances", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
