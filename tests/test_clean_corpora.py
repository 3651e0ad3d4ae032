"""The licence-clean training corpora of the NER (issue 18): Europeana re-tokenised with gold labels,
LassySmall PROPN runs with our own silver labels, undecided names left missing (not O).

Why: these readers decide what the default model learns; a wrong offset or an unknown name taught as
O would silently cost recall, and nothing else would notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from training import clean_corpora
from training.clean_corpora import Gazetteer, UdToken
from training.nl_tokenizer import add_special_cases


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return add_special_cases(spacy.blank("nl"))


GAZ = Gazetteer(first=frozenset({"jan", "sanne"}), surname=frozenset({"peeters", "jansen"}),
                place=frozenset({"gent", "brussel"}), lexicon=frozenset({"de", "stad", "zei"}))


def test_europeana_sentences_end_at_a_full_stop_before_a_capital(tmp_path: Path) -> None:
    bio = tmp_path / "x.bio"
    bio.write_text("De O\nheer O\nElout B-PER\nvertrok O\nnaar O\nAmsterdam. B-LOC\nHij O\nkwam O\n"
                   "om O\n1 O\nu. O\nterug. O\n", encoding="utf-8")
    sentences = clean_corpora.read_europeana(bio)
    assert [len(s) for s in sentences] == [6, 6]  # 'u.' before lower-case 'terug.' does not end one


def test_europeana_punctuation_stays_outside_the_entity(nlp: spacy.language.Language) -> None:
    doc = clean_corpora.europeana_doc(nlp, [("Te", "O"), ("Gent,", "B-LOC"), ("zeide", "O"), ("de", "O"),
                                            ("heer", "O"), ("Van", "B-PER"), ("Damme.", "I-PER")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Gent", "LOC"), ("Van Damme", "PER")]
    assert doc[2].text == ","


def _sentence(*rows: tuple[str, str, str]) -> list[UdToken]:
    return [UdToken(form, form.lower(), upos, 0, deprel, True) for form, upos, deprel in rows]


def test_propn_runs_join_name_particles() -> None:
    sentence = _sentence(("Vincent", "PROPN", "nsubj"), ("van", "PROPN", "flat:name"), ("Gogh", "PROPN", "flat:name"),
                         ("schilderde", "VERB", "root"), ("in", "ADP", "case"), ("Arles", "PROPN", "obl"))
    assert clean_corpora.propn_runs(sentence) == [(0, 3), (5, 6)]


@pytest.mark.parametrize(
    ("rows", "label"),
    [
        ((("burgemeester", "NOUN", "nmod"), ("Peeters", "PROPN", "appos")), "PER"),
        ((("Jan", "PROPN", "nsubj"), ("Jansen", "PROPN", "flat:name")), "PER"),
        ((("in", "ADP", "case"), ("Gent", "PROPN", "obl")), "LOC"),
        ((("de", "DET", "det"), ("Universiteit", "PROPN", "nmod"), ("Gent", "PROPN", "flat:name")), "ORG"),
        ((("de", "DET", "det"), ("Tweede", "PROPN", "amod"), ("Wereldoorlog", "PROPN", "obl")), None),
        ((("met", "ADP", "case"), ("Xylofoon", "PROPN", "obl")), None),
    ],
)
def test_silver_labels(rows: tuple[tuple[str, str, str], ...], label: str | None) -> None:
    sentence = _sentence(*rows)
    start, end = clean_corpora.propn_runs(sentence)[0]
    assert clean_corpora.silver_label(sentence, start, end, GAZ) == label


def test_undecided_names_are_missing_not_outside(nlp: spacy.language.Language, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [("1", "Sanne", "PROPN", "nsubj"), ("2", "Peeters", "PROPN", "flat:name"), ("3", "zag", "VERB", "root"),
            ("4", "Xylofoon", "PROPN", "obj"), ("5", ".", "PUNCT", "punct")]
    text = "\n".join(f"{i}\t{f}\t{f.lower()}\t{u}\t_\t_\t0\t{d}\t_\t_" for i, f, u, d in rows) + "\n\n"
    (tmp_path / "ud-dutch").mkdir()
    (tmp_path / clean_corpora.LASSY_TRAIN).write_text(text, encoding="utf-8")
    monkeypatch.setattr(clean_corpora, "DATA_DIR", tmp_path)
    docs, counts = clean_corpora.lassy_docs(nlp, GAZ)
    doc = docs[0]
    assert [(e.text, e.label_) for e in doc.ents] == [("Sanne Peeters", "PER")]
    assert [t.ent_iob_ for t in doc] == ["B", "I", "O", "", "O"]  # '' = missing: no loss on Xylofoon
    assert counts == {"PER": 1, "LOC": 0, "ORG": 0, "missing": 1, "teacher": 0}


def test_a_teacher_settles_only_undecided_names_it_predicts_exactly(
        nlp: spacy.language.Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [("1", "Sanne", "PROPN", "nsubj"), ("2", "Peeters", "PROPN", "flat:name"), ("3", "zag", "VERB", "root"),
            ("4", "Xylofoon", "PROPN", "obj"), ("5", "en", "CCONJ", "cc"), ("6", "Dravo", "PROPN", "conj"),
            ("7", "Tex", "PROPN", "flat"), ("8", ".", "PUNCT", "punct")]
    text = "\n".join(f"{i}\t{f}\t{f.lower()}\t{u}\t_\t_\t0\t{d}\t_\t_" for i, f, u, d in rows) + "\n\n"
    (tmp_path / "ud-dutch").mkdir()
    (tmp_path / clean_corpora.LASSY_TRAIN).write_text(text, encoding="utf-8")
    monkeypatch.setattr(clean_corpora, "DATA_DIR", tmp_path)
    teacher = spacy.blank("nl")
    teacher.add_pipe("entity_ruler").add_patterns([
        {"label": "ORG", "pattern": "Xylofoon"},  # exactly an undecided run: taken
        {"label": "LOC", "pattern": "Dravo"},  # half of the run 'Dravo Tex': not taken
        {"label": "ORG", "pattern": [{"TEXT": "Sanne"}, {"TEXT": "Peeters"}]},  # the rules decided: kept PER
    ])
    docs, counts = clean_corpora.lassy_docs(nlp, GAZ, teacher=teacher)
    assert [(e.text, e.label_) for e in docs[0].ents] == [("Sanne Peeters", "PER"), ("Xylofoon", "ORG")]
    assert [t.ent_iob_ for t in docs[0]][5:7] == ["", ""]
    assert counts == {"PER": 1, "LOC": 0, "ORG": 1, "missing": 1, "teacher": 1}
