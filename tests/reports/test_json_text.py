"""reports.json_text writes what json.dumps(ensure_ascii=False, indent=N, default=str) writes."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import IntEnum

import pytest

from reports.json_text import dumps


class Level(IntEnum):
    LOW = 1


AWKWARD = {
    "text": ["", "é ø 漢字 🙂", 'quote " backslash \\ slash /', "\x00\x01\x1f\x7f \u2028 \u202e", "line\nbreak\ttab\r"],
    "numbers": [0, -1, 10**20, 1.0, 0.1, -0.0, 2.5e-05, 1e16, 1e22, 5e-324, float("nan"), float("inf"),
                float("-inf"), True, False, None, Level.LOW],
    "keys": {7: "int", 2.5: "float", True: "true", False: "false", None: "none", "": "empty"},
    "other": [date(2026, 12, 1), datetime(2026, 12, 1, 10, 30), {"a", }, frozenset(), (1, (2, [])), {}, []],
    "nested": [[[]], [{}], {"a": {"b": [1, {"c": None}]}}],
}


@pytest.mark.parametrize("indent", [0, 1, 2, 4])
def test_same_text_as_the_standard_library(indent: int) -> None:
    assert dumps(AWKWARD, indent=indent) == json.dumps(AWKWARD, ensure_ascii=False, indent=indent, default=str)


@pytest.mark.parametrize("value", ["x", 1, 1.5, None, True, [], {}, [1], {"a": 1}, date(2026, 1, 2)])
def test_top_level_values(value: object) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1, default=str)


def test_a_key_json_cannot_have_is_refused_as_by_the_standard_library() -> None:
    with pytest.raises(TypeError):
        json.dumps({(1, 2): 1}, indent=1)
    with pytest.raises(TypeError):
        dumps({(1, 2): 1})
