"""Ordinary Dutch prose without personal data (tests/data/prose) through the analyzer a scan uses:
at most 1 PERSON per 10 000 characters, and no identifier, contact or address finding at all.

Every finding on the corpus is a false positive (see its README); the numbers before and after the
name-evidence rules are in benchmarks/README.md (`python benchmarks/prose_noise.py`).
"""

from __future__ import annotations

import pytest

from benchmarks.prose_noise import CORPUS, MAX_PERSON_PER_10K, ProseNoise, corpus_files, measure

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


@pytest.mark.parametrize("corpus", ["prose-heldout3", "prose-heldout4"])
def test_no_identifier_contact_or_address_on_the_newest_held_out_prose(analyzer, corpus: str) -> None:  # noqa: ANN001
    """tests/data/prose-heldout3 (session 28) and the sealed prose-heldout4 (session 28b, measured once the
    rules were final) were written after the others' words went into training lists and nothing is tuned
    to them; their PERSON rates (0.76 and 6.07 per 10 000 characters, target 1) are measured in
    benchmarks/README.md, their identifier/contact/address target (none) holds and must keep holding."""
    noise = measure(analyzer, corpus_files(CORPUS.parent / corpus))
    assert noise.chars >= 100_000
    assert [(f.entity_type, f.value) for f in noise.contact()] == []
