"""Table-driven recognizer tests: one YAML case file per entity type (positive and negative cases)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.detection.detect import resolve_overlaps
from scanner.detection.engine import build_analyzer
from scanner.kernel.model import KnownPerson

CASES = Path(__file__).parent / "cases"
SPECS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.yaml"))}


@pytest.fixture(scope="module")
def analyzer():  # noqa: ANN201
    people = [KnownPerson("pupil", r["leerlingnummer"], r["roepnaam"], r.get("voorvoegsel", ""), r["achternaam"],
                          r.get("voornamen", "")) for r in SPECS["PERSON"]["register"]]
    return build_analyzer(people)


def _found(analyzer, text: str, entity: str) -> list[str]:  # noqa: ANN001
    results = resolve_overlaps(analyzer.analyze(text=text, language="nl", score_threshold=0.35))
    return [text[r.start:r.end] for r in results if r.entity_type == entity]


def _params(kind: str) -> list[Any]:
    out = []
    for entity, spec in SPECS.items():
        for case in spec.get(kind, []):
            text = case["text"] if isinstance(case, dict) else case
            out.append(pytest.param(spec["entity"], case, id=f"{entity}: {text[:40]}"))
    return out


@pytest.mark.parametrize(("entity", "case"), _params("positive"))
def test_positive(analyzer, entity: str, case: dict[str, str]) -> None:  # noqa: ANN001
    assert case["value"] in _found(analyzer, case["text"], entity)


@pytest.mark.parametrize(("entity", "case"), _params("negative"))
def test_negative(analyzer, entity: str, case: str) -> None:  # noqa: ANN001
    assert _found(analyzer, case, entity) == []
