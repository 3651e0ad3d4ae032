"""NlPhoneRecognizer runs phonenumbers' matcher around each candidate instead of over the whole text; the
numbers it keeps are the ones the matcher finds over the whole text."""

from __future__ import annotations

import re

import phonenumbers
import pytest
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from scanner.detection.recognizers import nl_phone
from scanner.detection.recognizers.nl_phone import NlPhoneRecognizer

TEXTS = [
    "Stichting De Vaart · Dorpsstraat 4 · 1234 AB Almere · T 036-1234567 · KvK 12345678\n"
    "Almere, 12-03-2026\n\nGeachte ouder(s),\nOp 11-03-2026 om 08:15:30 belde u met 06-12345678 over €12,50.",
    "Bel 06-\n12345678 of 020 \u2013 123 45 67; fax 036 123 45 68 / +31 (0)36 123 4569.",
    "Rooster 2026-2027: 08.30-10.00, 10.15-11.45, lokaal 0.12; ref 0031612345678 en 003161234567",
    "Groep 8 (2015-2016) tel.\n06\n12345678 noodnummer 0612345678",
    "1234567890123 06 12345678 2026 06 1234567 0612345678901 (06) 12345678",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_numbers_found_around_candidates_are_the_whole_text_s(text: str) -> None:
    found = sorted((r.start, r.end) for r in NlPhoneRecognizer().analyze(text, ["PHONE_NUMBER"]))
    whole = PhoneRecognizer(supported_language="nl", supported_regions=("NL",), leniency=phonenumbers.Leniency.POSSIBLE)
    dutch = sorted((r.start, r.end) for r in whole.analyze(text, ["PHONE_NUMBER"])
                   if nl_phone.dialled_in_nl(text[r.start:r.end]))
    assert found and found == dutch


def test_a_number_s_characters_are_the_matcher_s() -> None:
    """A stretch takes the run a number stands in by the matcher's own punctuation (an upgrade of phonenumbers
    that changes it shows here)."""
    util = phonenumbers.phonenumberutil
    pattern = re.compile("[" + util._VALID_PUNCTUATION + util._PLUS_CHARS + "]")
    assert {chr(c) for c in range(0x10000) if pattern.match(chr(c))} == nl_phone._PUNCTUATION
