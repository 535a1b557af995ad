"""The CLI contracts of DESIGN.md, run as a user would (subprocess, real console script)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kam(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "coach.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=120,
    )


def first_scenario(lang: str) -> str:
    out = kam("scenarios")
    assert out.returncode == 0, out.stderr
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    return next(r[0] for r in rows if r[1] == lang)


def test_practice_from_a_script_prints_one_buyer_line_per_trainee_line(tmp_path: Path) -> None:
    lines = [
        "Guten Tag, schön dass es heute klappt. Wie läuft es in Ihrer Kategorie?",
        "Was sind Ihre wichtigsten Ziele für das nächste Jahr?",
        "Wenn ich Sie richtig verstehe, geht es Ihnen vor allem um die Marge?",
    ]
    out_file = tmp_path / "t.json"
    result = kam(
        "practice",
        "--scenario",
        first_scenario("de"),
        "--seed",
        "4",
        "--transcript-out",
        str(out_file),
        stdin="\n".join(lines) + "\n",
    )
    assert result.returncode == 0, result.stderr
    buyer_lines = [line for line in result.stdout.splitlines() if line.startswith("buyer: ")]
    assert len(buyer_lines) == len(lines)
    transcript = json.loads(out_file.read_text())
    assert transcript["lang"] == "de" and len(transcript["turns"]) == 2 * len(lines)
    again = kam(
        "practice", "--scenario", first_scenario("de"), "--seed", "4", stdin="\n".join(lines) + "\n"
    )
    assert [x for x in again.stdout.splitlines() if x.startswith("buyer: ")] == buyer_lines


def test_unknown_scenario_is_a_clear_error() -> None:
    result = kam("practice", "--scenario", "nope", stdin="Hallo\n")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: unknown scenario id 'nope'")
    assert "Known scenarios:" in result.stderr


def test_annotate_keeps_order_and_contract_keys() -> None:
    items = [
        {"id": 1, "text": "Wie planen Sie die Kategorie im nächsten Jahr?", "speaker": "kam"},
        {
            "id": "b",
            "text": "I understand this is frustrating for you.",
            "speaker": "kam",
            "lang": "en",
            "context": [{"speaker": "buyer", "text": "Your deliveries were late again!"}],
        },
    ]
    result = kam("annotate", "-", stdin="\n".join(json.dumps(i) for i in items) + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1, "b"]
    for row in rows:
        assert set(row) == {"id", "mode", "listening", "dominant_side", "sides", "ear", "evidence"}
    assert rows[0]["ear"] is None
    assert rows[1]["ear"] is not None


def test_annotate_reports_bad_json_with_the_line() -> None:
    result = kam("annotate", "-", stdin='{"id": 1, "text": "ok"}\n{broken\n')
    assert result.returncode == 1
    assert result.stderr.startswith("Error: -:2: not valid JSON")


def test_score_and_plan_read_a_transcript(tmp_path: Path) -> None:
    transcript = {
        "scenario_id": None,
        "lang": "de",
        "turns": [
            {"speaker": "kam", "text": "Guten Tag! Wie läuft es in Ihrer Kategorie?"},
            {"speaker": "buyer", "text": "Schwierig, die Lieferfähigkeit lag bei 84 %."},
            {
                "speaker": "kam",
                "text": "Das ärgert Sie verständlicherweise. Was brauchen Sie von uns?",
            },
        ],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(transcript), encoding="utf-8")
    score = kam("score", str(path), "--format", "json")
    assert score.returncode == 0, score.stderr
    card = json.loads(score.stdout)
    assert {"balance", "four_sides", "listening", "technique"} <= set(card["dimensions"])
    plan = kam("plan", str(path), "--format", "json")
    assert plan.returncode == 0, plan.stderr
    assert set(json.loads(plan.stdout)) >= {"swot", "kaop", "kasp"}


def test_a_broken_transcript_says_what_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"lang": "de", "turns": [{"speaker": "boss", "text": "x"}]}')
    result = kam("score", str(path))
    assert result.returncode == 1
    assert "turns.0.speaker" in result.stderr and "Error:" in result.stderr
