"""A greeting before a name is cut off a PERSON result, whichever model found it."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from scanner.detection.analyzer import without_salutation


@pytest.mark.parametrize(("text", "span", "name"), [
    ("Hallo Merijn,\nHierbij de aanmelding.", "Hallo Merijn", "Merijn"),
    ("Hoi Sanne, zie bijlage.", "Hoi Sanne", "Sanne"),
    ("Goedemorgen mevrouw", "Goedemorgen mevrouw", "Goedemorgen mevrouw"),  # no name follows
    ("Lieve Jansen belt terug.", "Lieve Jansen", "Lieve Jansen"),  # Lieve is a first name
    ("Dag De Vries, tot morgen.", "Dag De Vries", "De Vries"),
    ("Bij Adam is epilepsie vastgesteld.", "Bij Adam", "Adam"),  # a preposition opening the sentence
    ("Van Dijk belde terug.", "Van Dijk", "Van Dijk"),  # a surname's particle stays
])
def test_greeting_is_not_part_of_the_name(text: str, span: str, name: str) -> None:
    start = text.index(span)
    results = [RecognizerResult("PERSON", start, start + len(span), 0.85),
               RecognizerResult("LOCATION", start, start + len(span), 0.85)]
    person, place = without_salutation(text, results)
    assert text[person.start:person.end] == name
    assert text[place.start:place.end] == span  # only names are cut


@pytest.mark.parametrize("text", ["Hallo", "Geachte", "Beste,"])
def test_a_greeting_alone_is_no_name(text: str) -> None:
    results = [RecognizerResult("PERSON", 0, len(text.rstrip(",")), 0.85)]
    assert without_salutation(text, results) == []
