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


PERSON_AT_MOST = {"prose-heldout3": 4, "prose-heldout4": 6}
"""PERSON findings measured on the newest corpora (benchmarks/README.md): prose-heldout3 6 (0.51 per 10 000
characters; 9 from session 28b to 29, 7 in session 30), prose-heldout4 19 (1.24; 93, i.e. 6.07, before session
29, 33 after it, 32 in session 30) since session 31. The target is 1 per 10 000 characters; these only keep
what was reached from slipping back.
Session 34's model (f4 trained on with the annotated prose): prose-heldout3 7 (one 'Surname, Firstname'-shaped pair
of peoples the prose's exports taught; f4 had 6), prose-heldout4 16; with the check's enumeration rule (session
34, person_layout.py): 6 and 15. Session 35's model (f4 trained on with five more parts of the prose): 5 and
12. Session 36's (session 35's trained on with four more parts, the world's multi-word cities and more language
names in the check's lexicons): 5 and 9. Session 38's (36's trained on with four more parts): 4 and 6."""


@pytest.mark.parametrize("corpus", ["prose-heldout3", "prose-heldout4"])
def test_no_identifier_contact_or_address_on_the_newest_held_out_prose(analyzer, corpus: str) -> None:  # noqa: ANN001
    """tests/data/prose-heldout3 (session 28) and prose-heldout4 (session 28b, sealed until session 29
    developed the person check on it) were written after the others' words went into training lists;
    their identifier/contact/address target (none) holds and must keep holding, and their PERSON findings
    must not rise above what was measured (`PERSON_AT_MOST`)."""
    noise = measure(analyzer, corpus_files(CORPUS.parent / corpus))
    assert noise.chars >= 100_000
    assert [(f.entity_type, f.value) for f in noise.contact()] == []
    persons = [f.value for f in noise.findings if f.entity_type == "PERSON"]
    assert len(persons) <= PERSON_AT_MOST[corpus], persons


def test_the_fifth_corpus_does_not_slip_back(analyzer) -> None:  # noqa: ANN001
    """tests/data/prose-heldout5 (written in session 29 while the person check's session-29 rules were made
    without it, measured once they were final: 126 PERSON findings, 7.96 per 10 000 characters; session 30
    developed on it: 79, 4.99; session 31 too: 46, 2.90) and one postcode in an inventory's product code, both
    far from the targets (1 and none). Kept from rising."""
    noise = measure(analyzer, corpus_files(CORPUS.parent / "prose-heldout5"))
    assert noise.chars >= 100_000
    assert len(noise.contact()) <= 1, [(f.entity_type, f.value) for f in noise.contact()]
    persons = [f.value for f in noise.findings if f.entity_type == "PERSON"]
    assert len(persons) <= 18, len(persons)  # session 34's model: 34 (the enumeration rule: 33); 35: 29; 36: 22; 38: 18


def test_the_sixth_corpus_does_not_slip_back(analyzer) -> None:  # noqa: ANN001
    """tests/data/prose-heldout6 (written in session 30 while the person check's session-30 rules were made
    without it, measured once they were final: 29 PERSON findings, 1.88 per 10 000 characters; session 31
    developed on it: 23, 1.49) and one identifier/contact/address finding, both above the targets (1 and
    none). Kept from rising."""
    noise = measure(analyzer, corpus_files(CORPUS.parent / "prose-heldout6"))
    assert noise.chars >= 100_000
    assert len(noise.contact()) <= 1, len(noise.contact())
    persons = [f.value for f in noise.findings if f.entity_type == "PERSON"]
    assert len(persons) <= 10, len(persons)  # session 34's model: 18; session 35's: 14; session 36's: 13; 38's: 10


def test_the_sealed_seventh_corpus_does_not_slip_back(analyzer) -> None:  # noqa: ANN001
    """tests/data/prose-heldout7 (sealed; written in session 31 while the person check's session-31 rules were
    made without it, measured once they were final): 67 PERSON findings (4.48 per 10 000 characters; main's
    check before session 31: 74, 4.95) and no identifier/contact/address finding. Kept from rising until a
    session develops on it and writes the next sealed corpus; its strings are quoted nowhere (its README)."""
    noise = measure(analyzer, corpus_files(CORPUS.parent / "prose-heldout7"))
    assert noise.chars >= 100_000
    assert noise.contact() == [], len(noise.contact())
    persons = [f.value for f in noise.findings if f.entity_type == "PERSON"]
    assert len(persons) <= 29, len(persons)  # session 34's model: 55 (the enumeration rule: 49); 35: 43; 36: 38; 38: 29


@pytest.mark.parametrize(("corpus", "at_most"), [("prose-heldout8", 17), ("prose-heldout9", 28),
                                                 ("prose-heldout10", 38), ("prose-heldout11", 39),
                                                 ("prose-heldout12", 48), ("prose-heldout13", 48),
                                                 ("prose-heldout14", 16), ("prose-heldout15", 43)])
def test_the_sealed_eighth_to_fifteenth_corpora_do_not_slip_back(analyzer, corpus: str, at_most: int) -> None:  # noqa: ANN001
    """tests/data/prose-heldout8 (sealed in session 32, measured once at its end: 63 PERSON findings, 4.25 per
    10 000 characters), prose-heldout9 (sealed in session 33, measured once at its end: 73, 5.03) and
    prose-heldout10 (sealed in session 34, measured once after its model was chosen: 83, 5.75; f4 had 109),
    all without an identifier/contact/address finding: kept from rising at session 34's model (heldout8 42,
    heldout9 63, 61 with the check's enumeration rule), and since session 35 at its model's (heldout8 39, heldout9
    45, heldout10 72). prose-heldout11 (sealed in session 34, measured in session 35 after its model was
    chosen: 54, 3.65 per 10 000 characters; session 34's model had 67, and one address, a town and a year, that the
    address recognizer no longer takes). Session 36's model and lexicons: heldout8 22, heldout9 33, heldout10 52,
    heldout11 46 (with the teacher words before a language and a first name that is a place among places: heldout10
    51, heldout11 44); prose-heldout12 (sealed in session 35, measured
    in session 36 after its model was chosen: 56, 3.84 per 10 000 characters; session 35's model and lexicons had
    68, 4.66). prose-heldout13 (sealed in session 36, measured in session 37 before anything changed: 82, 5.66
    per 10 000 characters); session 37's foreign sentences (German, English, French and Spanish small words in
    context_words.txt) and a place's class noun in those languages before it: heldout9 31, heldout10 50,
    heldout13 59. prose-heldout14 (sealed in session 37, measured in session 38 before anything changed: 33, 2.33
    per 10 000 characters, and one address finding, an exercise's number); session 38's languages, foreign months
    and weekdays, the definition turned round, a part of a longer place and the numbered words' street word:
    heldout11 43, heldout14 18 and no address. Session 38's model (36's trained on with four more parts of annotated
    prose): heldout8 17, heldout9 28, heldout10 38, heldout11 39, heldout12 48, heldout13 48, heldout14 16; and
    prose-heldout15 (sealed in session 38, measured once after that model was chosen: 44, 2.99 per 10 000
    characters; the session's start, its model and rules: 64, 4.35), then developed on (a language's variety, a moon
    before an apposition): 43. Their strings are quoted nowhere (their READMEs); only the counts are asserted."""
    noise = measure(analyzer, corpus_files(CORPUS.parent / corpus))
    assert noise.chars >= 100_000
    assert noise.contact() == [], len(noise.contact())
    persons = [f.value for f in noise.findings if f.entity_type == "PERSON"]
    assert len(persons) <= at_most, len(persons)
