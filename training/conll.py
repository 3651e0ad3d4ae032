"""Read CoNLL-2002 Dutch (`word POS IOB2` lines) into spaCy Docs.

Why MISC is dropped (tagged O): the product only needs PER, LOC and ORG, and the
synthetic school sentences never annotate MISC; keeping MISC in one source and
not in the other would teach the model contradictory things. The shipped NER
therefore knows exactly three labels and Presidio needs no `labels_to_ignore`.

The data files are read from outside the repository (default
/work/shared/data/conll2002, or $AVGSCAN_CONLL_DIR); they are never copied in.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

KEPT_LABELS = frozenset({"PER", "LOC", "ORG"})
ALL_LABELS = frozenset({"PER", "LOC", "ORG", "MISC"})
NO_SPACE_BEFORE = frozenset({".", ",", ":", ";", "?", "!", ")", "'s"})
NO_SPACE_AFTER = frozenset({"("})

Sentence = list[tuple[str, str]]
"""(word, IOB2 tag) pairs of one sentence."""


def conll_dir() -> Path:
    """Where the CoNLL files live; overridable for other machines."""
    return Path(os.environ.get("AVGSCAN_CONLL_DIR", "/work/shared/data/conll2002"))


def read_documents(path: Path) -> list[list[Sentence]]:
    """Split a CoNLL file into documents (at -DOCSTART-) of sentences."""
    documents: list[list[Sentence]] = [[]]
    sentence: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                documents[-1].append(sentence)
                sentence = []
        elif parts[0] == "-DOCSTART-":
            if documents[-1]:
                documents.append([])
        else:
            sentence.append((parts[0], parts[-1]))
    if sentence:
        documents[-1].append(sentence)
    return [doc for doc in documents if doc]


def _keep_label(tag: str, kept: frozenset[str]) -> str:
    """Map tags of labels outside `kept` (MISC) to O."""
    return tag if tag == "O" or tag[2:] in kept else "O"


def _spaces(words: list[str]) -> list[bool]:
    """Newspaper-like spacing, so `doc.text` resembles the text the product reads."""
    spaces = []
    for word, following in zip(words, [*words[1:], None], strict=True):
        spaces.append(
            following is not None and following not in NO_SPACE_BEFORE and word not in NO_SPACE_AFTER
        )
    return spaces


def sentences_to_doc(
    vocab: Vocab, sentences: list[Sentence], kept: frozenset[str] = KEPT_LABELS
) -> Doc:
    """Join sentences into one Doc with entity annotation and sentence starts."""
    words: list[str] = []
    tags: list[str] = []
    starts: list[bool] = []
    for sentence in sentences:
        for index, (word, tag) in enumerate(sentence):
            words.append(word)
            tags.append(_keep_label(tag, kept))
            starts.append(index == 0)
    spaces = _spaces(words)
    for i, start in enumerate(starts):
        if start and i > 0:
            spaces[i - 1] = True
    return Doc(vocab, words=words, spaces=spaces, ents=tags, sent_starts=starts)


def docs_from_documents(
    vocab: Vocab, documents: list[list[Sentence]], per_doc: int,
    kept: frozenset[str] = KEPT_LABELS,
) -> Iterator[Doc]:
    """Chunk every document into Docs of `per_doc` sentences (1 = sentence level)."""
    for document in documents:
        for start in range(0, len(document), per_doc):
            yield sentences_to_doc(vocab, document[start:start + per_doc], kept)
