"""A name column's cell is one name: a recognizer that finds only part of it must not cut the name."""

from __future__ import annotations

import re

import pytest
from presidio_analyzer import RecognizerResult

from scanner.detection.detect import detect
from scanner.kernel.model import TextUnit


class PartOfNames:
    """An analyzer whose NER finds only the given words as names, wherever they stand."""

    def __init__(self, *words: str) -> None:
        self.words = words

    def analyze(self, text: str, language: str, score_threshold: float) -> list[RecognizerResult]:
        return [RecognizerResult("PERSON", m.start(), m.end(), 0.85,
                                 recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "SpacyRecognizer"})
                for w in self.words for m in re.finditer(rf"\b{re.escape(w)}\b", text)]


def names(units: list[TextUnit], *found: str) -> list[tuple[str, str]]:
    return [(f.value, f.recognizer) for f in detect(PartOfNames(*found), "share", "a.docx", units)
            if f.entity_type == "PERSON"]


@pytest.mark.parametrize(("cell", "found", "name"), [
    ("ten Brink", ("Brink",), "ten Brink"),  # a particle left out
    ("Jan van den Berg", ("Berg",), "Jan van den Berg"),  # the given name and the particles
    ("Ritsema, W. (Wessel)", ("Ritsema", "Wessel"), "Ritsema, W. (Wessel)"),  # an initial, as Magister lists
])
def test_a_cut_name_in_a_name_column_is_the_whole_cell(cell: str, found: tuple[str, ...], name: str) -> None:
    assert names([TextUnit("tabel 1 rij 2", cell, column="Achternaam", record="tabel 1 rij 2")], *found) == [
        (name, "ColumnClassifier")]


def test_a_name_found_whole_keeps_its_recognizer() -> None:
    units = [TextUnit("tabel 1 rij 2", "Jan de Vries (vader)", column="Naam", record="tabel 1 rij 2")]
    assert names(units, "Jan de Vries") == [("Jan de Vries", "SpacyRecognizer")]  # 'vader' is no part of it


def test_text_outside_name_columns_keeps_its_spans() -> None:
    units = [TextUnit("alinea 1", "Gesprek met ten Brink over groep 5.")]
    assert names(units, "Brink") == [("Brink", "SpacyRecognizer")]
