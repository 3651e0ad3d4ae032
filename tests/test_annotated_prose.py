"""The project's own annotated prose as NER training text (issue 18, session 33).

Why: a marker read one character off, or a name of the corpus taught as O because its marker was
broken, would silently teach the model the opposite of what the text says; so the reader refuses a
broken marker by file and paragraph, and every file the repository ships must read cleanly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from training import annotated_prose
from training.annotated_prose import AnnotationError
from training.nl_tokenizer import add_special_cases


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return add_special_cases(spacy.blank("nl"))


def test_markers_become_spans_of_the_plain_text() -> None:
    text, spans = annotated_prose.parse("Juf [[PER:Esra]] ging met groep 5 naar [[LOC:Artis]] in "
                                        "[[LOC:Amsterdam]], met de [[MISC:Chromebooks]].")
    assert text == "Juf Esra ging met groep 5 naar Artis in Amsterdam, met de Chromebooks."
    assert [(text[a:b], label) for a, b, label in spans] == [
        ("Esra", "PER"), ("Artis", "LOC"), ("Amsterdam", "LOC"), ("Chromebooks", "MISC")]


@pytest.mark.parametrize("broken", [
    "Meneer [[PER:De Wit] gaf les.",            # closing bracket missing
    "Meneer [[De Wit]] gaf les.",               # no label
    "Meneer [[NAME:De Wit]] gaf les.",          # unknown label
    "Meneer [[PER: De Wit]] gaf les.",          # a space inside the marker
    "Meneer De Wit]] gaf les.",                 # a stray closing
])
def test_a_broken_marker_is_refused_by_file_and_paragraph(broken: str) -> None:
    with pytest.raises(AnnotationError, match="x.md, alinea 3"):
        annotated_prose.parse(broken, "x.md, alinea 3")


def test_paragraphs_lose_markdown_as_the_evaluation_reads_prose(tmp_path: Path) -> None:
    (tmp_path / "a-01-test.md").write_text(
        "# VERSLAG VAN DE [[ORG:MR]]\n\n- Aanwezig: [[PER:Karim El Amrani]], [[PER:Bo]]\n"
        "- Afwezig: niemand\n\n| Vak | Docent |\n|---|---|\n| Frans | [[PER:Visser]] |\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("[[PER:niet gelezen]]", encoding="utf-8")
    found = annotated_prose.paragraphs(tmp_path)
    assert [p.text for p in found] == ["VERSLAG VAN DE MR", "Aanwezig: Karim El Amrani, Bo Afwezig: niemand",
                                       "Vak Docent --- --- Frans Visser"]
    assert [(p.text[a:b], label) for p in found for a, b, label in p.spans] == [
        ("MR", "ORG"), ("Karim El Amrani", "PER"), ("Bo", "PER"), ("Visser", "PER")]


def test_docs_hold_the_names_and_everything_else_is_outside(nlp: spacy.language.Language) -> None:
    paragraph = annotated_prose.Paragraph("a.md", 1, *annotated_prose.parse(
        "Op [[MISC:Koningsdag]] bakte [[PER:Bakker]] taart; de bakker op de hoek niet."))
    doc = annotated_prose.to_doc(nlp, paragraph)
    assert [(e.text, e.label_) for e in doc.ents] == [("Koningsdag", "MISC"), ("Bakker", "PER")]
    assert all(t.ent_iob_ in ("B", "I", "O") for t in doc)  # nothing left missing: the text is fully labelled
    assert doc[0].ent_iob_ == "O" and doc[-3].text == "hoek" and doc[-3].ent_iob_ == "O"


def test_two_names_in_one_token_leave_it_missing(nlp: spacy.language.Language) -> None:
    paragraph = annotated_prose.Paragraph("a.md", 1, *annotated_prose.parse(
        "Ze woont in [[LOC:Rotterdam]]-[[LOC:Charlois]] bij [[PER:Warsame]]."))
    doc = annotated_prose.to_doc(nlp, paragraph)
    assert [(e.text, e.label_) for e in doc.ents] == [("Warsame", "PER")]
    joined = next(t for t in doc if "Charlois" in t.text)
    assert joined.ent_iob_ == ""  # missing: neither a name of one label nor outside


def test_misc_left_missing_teaches_neither_way(tmp_path: Path, nlp: spacy.language.Language) -> None:
    (tmp_path / "a-01.md").write_text("".join(
        f"Alinea {i}: [[PER:Noor]] speelt [[MISC:Rummikub]] in [[LOC:Delft]].\n\n" for i in range(16)),
        encoding="utf-8")
    train, dev = annotated_prose.corpus_docs(nlp, tmp_path, misc="missing")
    doc = (train + dev)[0]
    assert [(e.text, e.label_) for e in doc.ents] == [("Noor", "PER"), ("Delft", "LOC")]
    assert next(t for t in doc if t.text == "Rummikub").ent_iob_ == ""  # missing, not O
    assert next(t for t in doc if t.text == "speelt").ent_iob_ == "O"
    with pytest.raises(ValueError, match="misc"):
        annotated_prose.corpus_docs(nlp, tmp_path, misc="drop")


def test_without_misc_the_misc_names_are_outside(tmp_path: Path, nlp: spacy.language.Language) -> None:
    (tmp_path / "a-01.md").write_text("".join(
        f"Alinea {i}: [[PER:Noor]] speelt [[MISC:Rummikub]].\n\n" for i in range(16)), encoding="utf-8")
    train, dev = annotated_prose.corpus_docs(nlp, tmp_path, keep_misc=False)
    assert len(train) + len(dev) == 16 and 0 < len(dev) < 16
    assert {e.label_ for d in train + dev for e in d.ents} == {"PER"}


def test_the_shipped_corpus_reads_cleanly(nlp: spacy.language.Language) -> None:
    found = annotated_prose.paragraphs()
    if not found:
        pytest.skip("no annotated prose in this checkout")
    docs = [annotated_prose.to_doc(nlp, p) for p in found]
    labelled = sum(len(d.ents) for d in docs)
    assert sum(len(p.spans) for p in found) - 20 <= labelled <= sum(len(p.spans) for p in found)
    counts = annotated_prose.summary()
    assert counts["PER"] > 0 and counts["MISC"] > 0


def test_parts_are_chosen_by_file_prefix(tmp_path: Path) -> None:
    (tmp_path / "klas-01-logboek.md").write_text("Vandaag las [[PER:Dawit]] voor.\n", encoding="utf-8")
    (tmp_path / "beleid-01-protocol.md").write_text("Zie de [[MISC:Wet op het primair onderwijs]].\n",
                                                   encoding="utf-8")
    (tmp_path / "README.md").write_text("Geen [[PER:naam]] hier.\n", encoding="utf-8")
    assert annotated_prose.parts(tmp_path) == ["beleid", "klas"]
    assert [p.file for p in annotated_prose.paragraphs(tmp_path, only=["beleid"])] == ["beleid-01-protocol.md"]
    assert len(annotated_prose.paragraphs(tmp_path)) == 2
    with pytest.raises(ValueError, match="onbekende delen: \\['ouders'\\]"):
        annotated_prose.paragraphs(tmp_path, only=["klas", "ouders"])
