"""NlAddressRecognizer's street pattern reads only the lines with a street word before a number; it finds
what the pattern finds over the whole text."""

from __future__ import annotations

import pytest
from presidio_analyzer import PatternRecognizer

from scanner.detection.recognizers.nl_address import NlAddressRecognizer

TEXTS = [
    "Adres: Merelstraat 34\n1234 AB Almere\nTelefoon 036-1234567",
    "Burgemeester de Withlaan 5a, Achter de Muur 9 en Van der Duyn van Maasdamlaan 12-14 bis; Zaandam 2026",
    "De Kinderboekenweek\nMERELSTRAAT 3 en merelstraat 4 en Merelstraat\n5, Dorpsstraat 7b\nHoofdweg 12 Hoofdweg 13",
    "Groep 7 gaat naar de Kerkstraat 1; Artikel 14 van de Leerplichtwet; het Marktplein 2026 is vol.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_lines_give_what_the_whole_text_gives(text: str) -> None:
    recognizer = NlAddressRecognizer()
    whole = sorted((r.start, r.end, r.score) for r in PatternRecognizer.analyze(recognizer, text, ["ADDRESS"]))
    lines = sorted((r.start, r.end, r.score) for r in recognizer._on_street_lines(text, ["ADDRESS"], None, None))
    assert lines and lines == whole
