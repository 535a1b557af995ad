"""The one-way data flow of DESIGN.md: a module imports only what stands above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coach"

# For each layer: the coach modules it must never import.
FORBIDDEN = {
    "domain": {
        "config",
        "scenarios",
        "retrieval",
        "llm",
        "scoring",
        "buyer",
        "planning",
        "store",
        "session",
        "cli",
        "ui",
    },
    "scoring": {"llm", "buyer", "planning", "store", "session", "cli", "ui"},
    "planning": {"llm", "buyer", "store", "session", "cli", "ui"},
    "retrieval": {"scoring", "buyer", "planning", "store", "session", "cli", "ui"},
    "buyer": {"planning", "store", "session", "cli", "ui"},
    "store": {"scoring", "buyer", "planning", "llm", "session", "cli", "ui"},
    # reading transcript files: below the commands that use it, above nothing that runs a talk
    "transcripts": {"retrieval", "llm", "buyer", "planning", "store", "session", "cli", "ui"},
    "scenarios": {
        "retrieval",
        "llm",
        "scoring",
        "buyer",
        "planning",
        "store",
        "session",
        "cli",
        "ui",
    },
}

# Modules split out of a layer's module keep that layer, in what they import and who imports them.
PART_OF = {
    "domain_words": "domain",
    "domain_plan": "domain",
    "authored_yaml": "scenarios",
    "scenario_errors": "scenarios",
    "schema_errors": "scenarios",
    "cli_annotate": "cli",
}


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    name = rel.parts[0].removesuffix(".py")
    return PART_OF.get(name, name)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "coach" and len(parts) > 1:
                found.add(PART_OF.get(parts[1], parts[1]))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_data_flow(path: Path) -> None:
    layer = _layer(path)
    bad = _imports(path) & FORBIDDEN.get(layer, set())
    assert not bad, f"{path.relative_to(PACKAGE)} ({layer}) must not import coach.{sorted(bad)}"


def test_modules_stay_small() -> None:
    big = [str(p.relative_to(PACKAGE)) for p in MODULES if len(p.read_text().splitlines()) > 450]
    assert not big, f"split these modules by responsibility: {big}"
