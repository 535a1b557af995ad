"""Real transcripts as people have them: 'Speaker: text' lines or a WebVTT export, read into the
transcript contract; what cannot be read says what to fix."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_cli import kam

from coach.errors import CoachError
from coach.transcripts import load_transcript, parse_transcript_text

ROLES_DE = """[00:00:03] KAM: Guten Tag, Frau Keller! Wie läuft es mit der Kategorie?
[00:00:09] Einkäuferin: Ehrlich gesagt schwierig. Die Lieferfähigkeit lag bei 84 %.
Das geht so nicht weiter.
[00:00:20] KAM: Das verstehe ich. Zum Preis: Wir bieten 5.000 Euro WKZ für KW 12.
Zum Preis: mehr ist nicht drin.
[00:00:31] Einkäuferin: Einverstanden, 5.000 Euro in KW 12.
"""

VTT = """WEBVTT

NOTE exported by a meeting tool

1
00:00:01.000 --> 00:00:04.000
<v Anna Berger>Hello Tom, how are the crisps doing?</v>

2
00:00:04.500 --> 00:00:09.000
<v Tom Walsh>Not great. Our fill rate from you was 84 percent.</v>

3
00:00:09.500 --> 00:00:12.000
<v Tom Walsh>I need that fixed by March.</v>

4
00:00:12.500 --> 00:00:15.000
<v Anna Berger>We can offer two extra deliveries a week.</v>
"""


def test_role_labels_timestamps_and_continued_lines() -> None:
    t = parse_transcript_text(ROLES_DE)
    assert t.lang == "de" and t.scenario_id is None
    assert [u.speaker for u in t.turns] == ["kam", "buyer", "kam", "buyer"]
    assert t.turns[1].text.endswith("Das geht so nicht weiter.")  # the unlabelled line goes on
    # 'Zum Preis:' inside a turn is no speaker when both roles are labelled
    assert "Zum Preis: mehr ist nicht drin." in t.turns[2].text


def test_names_need_the_kam_named_and_everyone_else_is_the_buyer() -> None:
    text = (
        "Anna Berger: Hello Tom, how is the range doing?\n"
        "Tom Walsh: Not bad, but we need to talk about the price.\n"
        "Sue Lee (category): And about the shelf.\n"
    )
    with pytest.raises(CoachError) as err:
        parse_transcript_text(text)
    assert "'Anna Berger', 'Tom Walsh', 'Sue Lee (category)'" in str(err.value)
    assert "--kam" in str(err.value)
    t = parse_transcript_text(text, kam="anna berger")
    assert [u.speaker for u in t.turns] == ["kam", "buyer"]  # Tom and Sue: one buyer turn
    assert t.turns[1].text.endswith("price. And about the shelf.") and t.lang == "en"
    with pytest.raises(CoachError, match="no speaker 'Bob'"):
        parse_transcript_text(text, kam="Bob")


def test_one_role_and_one_name_make_two_sides() -> None:
    t = parse_transcript_text("Einkäufer: Was haben Sie?\nHerr Brandt: Eine Neuheit.\n")
    assert [u.speaker for u in t.turns] == ["buyer", "kam"]


def test_a_webvtt_export_with_voices() -> None:
    t = parse_transcript_text(VTT, kam="Anna Berger")
    assert [u.speaker for u in t.turns] == ["kam", "buyer", "kam"]
    assert (
        t.turns[1].text
        == "Not great. Our fill rate from you was 84 percent. I need that fixed by March."
    )
    assert all("-->" not in u.text and "<v" not in u.text for u in t.turns)


@pytest.mark.parametrize("text", ["", "   \n", "Hallo zusammen, wie geht es?\nGut.\n"])
def test_text_without_speakers_says_how_to_write_it(text: str) -> None:
    with pytest.raises(CoachError, match="'Speaker: text'"):
        parse_transcript_text(text)


def test_a_wrong_language_is_refused() -> None:
    with pytest.raises(CoachError, match="de or en"):
        parse_transcript_text("KAM: Hallo.", lang="fr")


def test_json_stays_the_contract() -> None:
    raw = json.dumps({"lang": "en", "turns": [{"speaker": "kam", "text": "Hello."}]})
    assert load_transcript("t.json", raw).turns[0].speaker == "kam"
    with pytest.raises(CoachError, match="t.json: turns.0.speaker"):
        load_transcript("t.json", '{"turns": [{"speaker": "boss", "text": "x"}]}')


@given(st.text(max_size=300))
def test_any_text_is_a_transcript_or_a_clear_error(text: str) -> None:
    try:
        t = load_transcript("t.txt", text, kam=None)
    except CoachError as err:
        assert str(err)
    else:
        assert all(u.text.strip() for u in t.turns)


def test_plan_and_score_read_a_plain_text_transcript(tmp_path) -> None:
    path = tmp_path / "talk.vtt"
    path.write_text(VTT, encoding="utf-8")
    plan = kam("plan", str(path), "--kam", "Anna Berger", "--format", "json")
    assert plan.returncode == 0, plan.stderr
    assert json.loads(plan.stdout)["swot"]["weaknesses"]  # the 84 % fill rate
    missing = kam("score", str(path))
    assert (
        missing.returncode == 1
        and missing.stderr.startswith("Error:")
        and "--kam" in missing.stderr
    )
    text = tmp_path / "talk.txt"
    text.write_text(ROLES_DE, encoding="utf-8")
    score = kam("score", str(text), "--format", "md")
    assert score.returncode == 0, score.stderr


SRT = """1
00:00:01,000 --> 00:00:04,000
Anna Berger: Hello Tom, how are the crisps doing?

2
00:00:04,500 --> 00:00:09,000
Tom Walsh: Not great. Our fill rate from you was 84 percent.

3
00:00:09,500 --> 00:00:12,000
I need that fixed by March.

4
00:00:12,500 --> 00:00:15,000
Anna Berger: We can offer two extra deliveries a week.
"""

HEADED = """Anna Berger  0:03
Hello Tom, how are the crisps doing?

Tom Walsh  0:09
Not great. Our fill rate from you was 84 percent.
I need that fixed by March. Shall we meet on Friday at 10:30

Anna Berger  0:21
We can offer two extra deliveries a week.
"""


@pytest.mark.parametrize("text", [SRT, HEADED], ids=["srt", "speaker-then-text"])
def test_subrip_and_speaker_then_text_layouts(text: str) -> None:
    t = parse_transcript_text(text, kam="Anna Berger")
    assert [u.speaker for u in t.turns] == ["kam", "buyer", "kam"]
    assert t.turns[1].text.startswith("Not great. Our fill rate from you was 84 percent. I need")
    assert "-->" not in " ".join(u.text for u in t.turns)
    assert not any(u.text.strip().isdigit() for u in t.turns)


def test_a_line_ending_in_a_time_is_no_speaker() -> None:
    text = (
        "KAM   00:00:03\nGuten Tag! Wie läuft es?\n"
        "Einkäuferin   00:00:09\nSchwierig. Treffen wir uns um 10:30\nDann reden wir.\n"
    )
    t = parse_transcript_text(text)
    assert [u.speaker for u in t.turns] == ["kam", "buyer"]
    assert t.turns[1].text == "Schwierig. Treffen wir uns um 10:30 Dann reden wir."


def test_json_without_turns_is_refused_with_the_contract() -> None:
    """A JSON object that is no transcript ('{"lang": "de"}') used to read as an empty talk and
    gave an empty plan; it is an error that shows the format."""
    with pytest.raises(CoachError, match="no 'turns'.*A transcript is"):
        load_transcript("x.json", json.dumps({"lang": "de"}))
    # an empty talk said as such is still a valid, empty transcript
    assert load_transcript("x.json", json.dumps({"lang": "de", "turns": []})).turns == []


def test_a_labelled_eval_case_reads_as_its_transcript() -> None:
    case = {
        "split": "tune",
        "transcript": {"lang": "en", "turns": [{"speaker": "kam", "text": "Hello."}]},
        "expected": {"facts": [], "swot": {}},
    }
    t = load_transcript("case.json", json.dumps(case))
    assert (t.lang, [u.text for u in t.turns]) == ("en", ["Hello."])
