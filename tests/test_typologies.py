"""The DISG catalogue: complete, in both languages, in each type's voice, placeholders valid."""

from __future__ import annotations

import re
import string
from pathlib import Path
from statistics import mean

import pytest

from coach.domain import MOVES, BuyerType
from coach.errors import ScenarioError
from coach.scenarios import (
    TEMPLATE_PLACEHOLDERS,
    load_typologies,
    template_problem,
    validate_typologies,
)

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY = ROOT / "knowledge" / "typologies"
DISG_TEXT = (DIRECTORY / "disg.yaml").read_text(encoding="utf-8")
DISG = load_typologies(DIRECTORY)["disg"]
CODES = ["D", "I", "S", "G"]
LANGS = ["de", "en"]

# The values the voice fills in, in their realistic shape (offer = number with unit only).
SAMPLE = {
    "buyer_name": "Frau Berger",
    "retailer": "Kaufpark Süd",
    "category": "Röstkaffee",
    "lever": "WKZ",
    "offer": "4,0 %",
    "their_offer": "3,0 %",
    "interest": "wir die Eigenmarke ausbauen wollen",
    "deal": "Preiserhöhung: 2,8 %; WKZ: 4,0 %",
}


def _templates(code: str, lang: str) -> dict[str, list[str]]:
    return DISG.types[code].templates[lang]  # type: ignore[index]


def _all_templates() -> list[tuple[str, str, str, str]]:
    return [
        (code, lang, move, template)
        for code in CODES
        for lang in LANGS
        for move, variants in _templates(code, lang).items()
        for template in variants
    ]


def test_catalogue_loads_with_the_four_disg_types() -> None:
    assert DISG.id == "disg"
    assert list(DISG.types) == CODES
    assert DISG.types["G"].name.de == "Gewissenhaft"
    assert DISG.types["G"].name.en == "Conscientious"
    assert validate_typologies(DIRECTORY) == []


@pytest.mark.parametrize("code", CODES)
def test_every_type_has_every_move_in_both_languages_with_three_variants(code: str) -> None:
    kind: BuyerType = DISG.types[code]
    assert set(kind.templates) == set(LANGS)
    for lang in LANGS:
        moves = kind.templates[lang]  # type: ignore[index]
        assert set(moves) == set(MOVES)
        for move in MOVES:
            variants = moves[move]
            assert len(variants) >= 3, (code, lang, move)
            assert len(set(variants)) == len(variants), f"repeated variant in {code}/{lang}/{move}"
    for field in ("builds_trust", "breaks_trust", "preferred_arguments"):
        assert all(getattr(kind, field)[lang] for lang in LANGS), field
    for localized in (kind.name, kind.tempo, kind.focus):
        assert localized.de and localized.en


@pytest.mark.parametrize(("code", "lang", "move", "template"), _all_templates())
def test_templates_use_only_the_placeholders_of_their_move(
    code: str, lang: str, move: str, template: str
) -> None:
    used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    assert used <= TEMPLATE_PLACEHOLDERS[move]  # type: ignore[index]
    assert template_problem(template, move) == ""  # type: ignore[arg-type]
    filled = template.format_map(SAMPLE)
    assert "{" not in filled and "}" not in filled
    # Digits in a template could be read by the guard as a leaked limit.
    assert not re.search(r"\d", template)


def test_probe_does_not_rely_on_a_lever_that_may_be_empty() -> None:
    for code in CODES:
        for lang in LANGS:
            for template in _templates(code, lang)["probe"]:
                assert "{lever}" not in template


def test_templates_are_in_their_language() -> None:
    german = re.compile(r"\b(und|nicht|ich|wir|Sie|das|ist)\b")
    english = re.compile(r"\b(the|and|you|we|is|not)\b")
    for code, lang, move, template in _all_templates():
        words = template.replace("{", " ").replace("}", " ")
        if lang == "en":
            assert not german.search(words), (code, move, template)
        else:
            assert not english.search(words), (code, move, template)


def test_concession_styles_follow_the_design() -> None:
    d, i, s, g = (DISG.types[c].concession for c in CODES)
    assert (d.tactic, d.demands_counter, d.exploits_free_concessions) == ("boulware", True, True)
    assert d.trust_needed == max(c.trust_needed for c in (d, i, s, g))
    assert d.speed == min(c.speed for c in (d, i, s, g))
    assert (i.tactic, i.exploits_free_concessions) == ("conceder", False)
    assert i.speed == max(c.speed for c in (d, i, s, g))
    assert i.trust_needed == min(c.trust_needed for c in (d, i, s, g))
    assert s.tactic == "risk_averse"
    assert g.tactic == "evidence"


def test_behaviour_numbers_match_each_type() -> None:
    b = {c: DISG.types[c].behaviour for c in CODES}
    # D: little patience, none for small talk.
    assert b["D"].patience == min(x.patience for x in b.values())
    assert b["D"].talk_tolerance == min(x.talk_tolerance for x in b.values())
    assert b["D"].trust_per_small_talk == 0
    # I loves small talk; S rewards empathy and is hurt most by pressure.
    assert b["I"].trust_per_small_talk == max(x.trust_per_small_talk for x in b.values())
    assert b["I"].talk_tolerance == max(x.talk_tolerance for x in b.values())
    assert b["S"].trust_per_emotion == max(x.trust_per_emotion for x in b.values())
    assert b["S"].trust_loss_pressure == max(x.trust_loss_pressure for x in b.values())
    # G rewards evidence; a benefit claim without figures earns next to nothing.
    assert b["G"].trust_per_evidence == max(x.trust_per_evidence for x in b.values())
    assert b["G"].trust_per_benefit == min(x.trust_per_benefit for x in b.values())


@pytest.mark.parametrize("lang", LANGS)
def test_each_voice_sounds_like_its_type(lang: str) -> None:
    def average_length(code: str) -> float:
        return mean(len(t) for variants in _templates(code, lang).values() for t in variants)

    # D is short and blunt, I warm and talkative.
    assert average_length("D") < min(average_length(c) for c in ("I", "S", "G"))
    assert average_length("I") == max(average_length(c) for c in CODES)
    asks_for_data = {"de": ("Daten", "Zahlen", "Kennzahlen"), "en": ("data", "figures")}[lang]
    g_probes = _templates("G", lang)["probe"]
    assert sum(any(w in t for w in asks_for_data) for t in g_probes) >= 2
    security = {"de": ("Risiko", "Sicherheit", "sicher"), "en": ("risk", "certainty", "safe")}
    s_lines = [t for variants in _templates("S", lang).values() for t in variants]
    assert sum(any(w in t for w in security[lang]) for t in s_lines) >= 5


def _write_catalogue(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "disg.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_wrong_placeholder_is_reported_at_its_line(tmp_path: Path) -> None:
    needle = '"Was bringt mir das unterm Strich?"'
    text = DISG_TEXT.replace(needle, '"Was bringt mir {offer} unterm Strich?"')
    path = _write_catalogue(tmp_path, text)
    (problem,) = validate_typologies(tmp_path)
    line = _line_of(text, "Was bringt mir {offer}")
    assert problem.format().splitlines()[0] == (
        f"{path}:{line}: types.D.templates.de.probe[0]: placeholder '{{offer}}' is not available "
        "in move 'probe'"
    )
    assert problem.hint == (
        "in 'probe' use only {buyer_name}, {category}, {lever}, {retailer}; write '{{' and '}}' "
        "for literal braces."
    )
    with pytest.raises(ScenarioError, match="is not available in move 'probe'"):
        load_typologies(tmp_path)


def test_an_unbalanced_brace_is_reported(tmp_path: Path) -> None:
    needle = '"Ihre {their_offer}? Nein."'
    _write_catalogue(tmp_path, DISG_TEXT.replace(needle, '"Ihre {their_offer? Nein."'))
    (problem,) = validate_typologies(tmp_path)
    assert problem.field == "types.D.templates.de.reject[0]"
    assert problem.message.startswith("template cannot be formatted: ")


def test_a_missing_move_and_a_misspelt_move_are_reported(tmp_path: Path) -> None:
    text = DISG_TEXT.replace("        small_talk:\n", "        smalltalk:\n", 1)
    _write_catalogue(tmp_path, text)
    problems = validate_typologies(tmp_path)
    assert [(p.field, p.message) for p in problems] == [
        (
            "types.D.templates.de.smalltalk",
            "Input should be 'small_talk', 'probe', 'object', 'reveal_interest', 'demand', "
            "'counter_offer', 'accept', 'reject', 'walk_away' or 'close'",
        )
    ]
    assert problems[0].hint.startswith("did you mean 'small_talk'? ")
    assert problems[0].line == _line_of(text, "smalltalk:")


def test_a_type_code_must_match_its_key(tmp_path: Path) -> None:
    _write_catalogue(tmp_path, DISG_TEXT.replace("    code: G\n", "    code: C\n"))
    (problem,) = validate_typologies(tmp_path)
    assert (problem.field, problem.message) == ("types.G.code", "code 'C' differs from its key 'G'")


def test_duplicate_catalogue_ids_and_empty_directories(tmp_path: Path) -> None:
    _write_catalogue(tmp_path, DISG_TEXT)
    (tmp_path / "copy.yaml").write_text(DISG_TEXT, encoding="utf-8")
    (problem,) = validate_typologies(tmp_path)
    assert problem.kind == "duplicate_id" and "duplicate catalogue id 'disg'" in problem.message
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ScenarioError, match=r"no typology catalogues \(\*\.yaml\)"):
        load_typologies(empty)
    with pytest.raises(ScenarioError, match="typology directory not found"):
        load_typologies(tmp_path / "missing")
