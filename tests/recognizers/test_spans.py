"""Spans as a scan reports them (detect over text units): never across a line break, and a phone
number keeps its '+' or '('."""

from __future__ import annotations

import pytest

from scanner.detection.detect import detect
from scanner.detection.spans import one_line
from scanner.kernel.model import TextUnit


def _values(analyzer, text: str, entity: str) -> list[str]:  # noqa: ANN001
    return [f.value for f in detect(analyzer, "s", "p.txt", [TextUnit("regel 1-3", text)]) if f.entity_type == entity]


@pytest.mark.parametrize(("text", "value"), [
    ("vader: +31 6 12345678", "+31 6 12345678"),
    ("Tel. (036) 523 45 67 graag", "(036) 523 45 67"),
    ("bel +31 (0)36 523 4567.", "+31 (0)36 523 4567"),
    ("mobiel 06-12345678.", "06-12345678"),
])
def test_phone_keeps_its_prefix(analyzer, text: str, value: str) -> None:  # noqa: ANN001
    assert _values(analyzer, text, "PHONE_NUMBER") == [value]


@pytest.mark.parametrize(("text", "entity", "value"), [
    ("Kotter 14\n1319 AB Almere", "ADDRESS", "Kotter 14"),
    ("Woonadres\nMerelstraat 34\n5302 WB Zaltbommel", "ADDRESS", "Merelstraat 34"),
    ("Bespreking\nTimo Vermeulen is ziek.", "PERSON", "Timo Vermeulen"),
])
def test_no_span_crosses_a_line_break(analyzer, text: str, entity: str, value: str) -> None:  # noqa: ANN001
    found = detect(analyzer, "s", "p.txt", [TextUnit("regel 1-3", text)])
    assert all("\n" not in f.value for f in found)
    assert value in [f.value for f in found if f.entity_type == entity]


@pytest.mark.parametrize(("text", "entity", "expected"), [
    ("06\n12345678", "PHONE_NUMBER", None),
    ("Woonadres\nKotter 14", "ADDRESS", "Kotter 14"),
    ("Afscheid | Musical", "PERSON", "Musical"),
    ("verstandelijke\nbeperking", "HEALTH", "verstandelijke\nbeperking"),
])
def test_one_line(text: str, entity: str, expected: str | None) -> None:
    span = one_line(text, 0, len(text), entity)
    assert (text[span[0]:span[1]] if span else None) == expected
