"""split_long: a huge unit is analysed in bounded pieces that rejoin to exactly its text."""

from __future__ import annotations

import random

import pytest

from scanner.detection.paragraphs import UNIT_LIMIT, split_long
from scanner.kernel.model import TextUnit


@pytest.mark.parametrize("kind", ["words", "no spaces", "mixed"])
def test_pieces_rejoin_bounded_and_cut_at_a_space(kind: str) -> None:
    rng = random.Random(kind)
    if kind == "words":
        text = " ".join(rng.choice(["BSN", "Sanne", "de", "Vries", "dyslexie", "x" * 30]) for _ in range(200_000))
    elif kind == "no spaces":
        text = "x" * (7 * UNIT_LIMIT + 123)
    else:
        text = "".join(rng.choice(["woord ", "y" * (UNIT_LIMIT // 3)]) for _ in range(3000))
    unit = TextUnit(place="rij 1", text=text, column="notitie", record="row")
    pieces = split_long([unit])
    assert "".join(p.text for p in pieces) == text
    assert all(0 < len(p.text) <= UNIT_LIMIT for p in pieces)
    assert {(p.place, p.column, p.record) for p in pieces} == {("rij 1", "notitie", "row")}
    if kind == "words":  # a space is always in reach: every cut falls before one
        assert all(p.text.startswith(" ") for p in pieces[1:])
    if kind == "no spaces":  # none is: cut at the limit
        assert [len(p.text) for p in pieces] == [UNIT_LIMIT] * 7 + [123]

def test_a_short_unit_is_kept_as_it_is() -> None:
    unit = TextUnit(place="p1", text="Sanne de Vries", column=None, record=None)
    assert split_long([unit])[0] is unit
