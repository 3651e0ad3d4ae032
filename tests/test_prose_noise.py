"""Ordinary Dutch prose without personal data (tests/data/prose) through the analyzer a scan uses:
at most 1 PERSON per 10 000 characters, and no identifier, contact or address finding at all.

Every finding on the corpus is a false positive (see its README); the numbers before and after the
name-evidence rules are in benchmarks/README.md (`python benchmarks/prose_noise.py`).
"""

from __future__ import annotations

import pytest

from benchmarks.prose_noise import MAX_PERSON_PER_10K, ProseNoise, corpus_files, measure

MIN_CHARS = 60_000


@pytest.fixture(scope="module")
def noise(analyzer) -> ProseNoise:  # noqa: ANN001
    return measure(analyzer, corpus_files())


def test_corpus_is_large_enough(noise: ProseNoise) -> None:
    assert len(corpus_files()) >= 5
    assert noise.chars >= MIN_CHARS


def test_few_persons_on_prose(noise: ProseNoise) -> None:
    persons = [f.value for f in noise.findings if f.entity_type == "PERSON"]
    assert noise.rate("PERSON") <= MAX_PERSON_PER_10K, persons


def test_no_identifier_contact_or_address_on_prose(noise: ProseNoise) -> None:
    assert [(f.entity_type, f.value) for f in noise.contact()] == []
