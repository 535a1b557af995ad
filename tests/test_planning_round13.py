"""Round 13 of the planner: what a reader of a drafted plan stumbles over (a unit read as a rival's
name, the same admission twice in one quadrant)."""

from __future__ import annotations

from planning_support import plan_facts, plan_of


def test_a_unit_after_a_number_is_no_competitor() -> None:
    facts = plan_facts(
        "de",
        [
            ("kam", "Kann ich das so festhalten?"),
            ("buyer", "Ja. Unter der Bedingung, dass die Servicequote über 97 Prozent bleibt."),
        ],
    )
    assert not [f for f in facts if f.kind == "competitor"]
    assert any(f.value == 97.0 and f.unit == "%" for f in facts)


def test_an_admission_quoted_twice_is_one_weakness_with_the_longer_quote() -> None:
    plan = plan_of(
        "de",
        [
            ("buyer", "Ihre Servicequote lag bei 91,5 Prozent. Das waren leere Regale."),
            (
                "kam",
                "Da haben Sie recht. Wir hatten im November einen Ausfall an der Abfüllanlage, "
                "fast drei Wochen lang. Das war unser Fehler, da gibt es nichts zu beschönigen.",
            ),
        ],
    )
    texts = [item.text for item in plan.swot.weaknesses if "Abfüllanlage" in item.text]
    assert len(texts) == 1 and "unser Fehler" in texts[0]
