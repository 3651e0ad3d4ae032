"""Custom spaCy components of the shipped Dutch pipeline (`config/nlp/nl_school`).

Why this module exists: the NER of the shipped pipeline reads lexical flags
(first-name / surname / place gazetteers and "known Dutch word") as one extra
hashed embedding feature. spaCy needs the factory registered before
`spacy.load(path)`, so the product must `import config.nlp.components` first.
All lists are serialised inside the model folder; nothing is read from
site-packages (Faker, spacy-lookups-data) at run time.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

FACTORY = "avgscan_lexflags"
LIST_NAMES = ("first", "surname", "place", "lexicon")
DROPPABLE = frozenset({"F", "S", "P"})
"""Gazetteer flags hidden at random during training, so names that are in no
list are still recognised from context (see training/README.md)."""
NO_FLAGS = "-"


class LexFlags:
    """Write gazetteer/lexicon flags into `token.tag_` for the NER's tok2vec.

    `token.tag_` is used as the carrier because spaCy's `MultiHashEmbed` can
    hash it without further custom code; the pipeline has no tagger, so the
    attribute is otherwise unused. Flags: F first name, S surname part,
    P place, W lower-cased form is a known Dutch word, `-` none.
    """

    def __init__(self, name: str, flag_dropout: float, seed: int) -> None:
        self.name = name
        self.flag_dropout = flag_dropout
        self._rng = random.Random(seed)
        self.lists: dict[str, frozenset[str]] = {key: frozenset() for key in LIST_NAMES}
        self._cache: dict[str, str] = {}

    def flags(self, text: str) -> str:
        """Flags for one token text (cached; the lists are fixed after loading)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        folded = text.casefold()
        found = ""
        if text[:1].isupper():
            found += "F" if folded in self.lists["first"] else ""
            found += "S" if folded in self.lists["surname"] else ""
            found += "P" if folded in self.lists["place"] else ""
        found += "W" if folded in self.lists["lexicon"] else ""
        value = found or NO_FLAGS
        if len(self._cache) < 200_000:
            self._cache[text] = value
        return value

    def _drop(self, value: str) -> str:
        kept = "".join(
            f for f in value if f not in DROPPABLE or self._rng.random() >= self.flag_dropout
        )
        return kept or NO_FLAGS

    def __call__(self, doc: Doc) -> Doc:
        dropout = self.flag_dropout > 0
        for token in doc:
            value = self.flags(token.text)
            token.tag_ = self._drop(value) if dropout and value != NO_FLAGS else value
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        lists: dict[str, Iterable[str]] | None = None,
    ) -> None:
        """Take the lists at build time (from `[initialize.components]`)."""
        if lists is not None:
            self.set_lists(lists)

    def set_lists(self, lists: dict[str, Iterable[str]]) -> None:
        self.lists = {key: frozenset(v.casefold() for v in lists.get(key, ())) for key in LIST_NAMES}
        self._cache.clear()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        payload = {key: sorted(values) for key, values in self.lists.items()}
        return gzip.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), mtime=0)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LexFlags:
        self.set_lists(json.loads(gzip.decompress(data).decode("utf-8")))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "lists.json.gz").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LexFlags:
        return self.from_bytes((ensure_path(path) / "lists.json.gz").read_bytes())


@Language.factory(FACTORY, default_config={"flag_dropout": 0.0, "seed": 0})
def make_lexflags(nlp: Language, name: str, flag_dropout: float, seed: int) -> LexFlags:
    """spaCy factory; `flag_dropout` is > 0 only while training."""
    return LexFlags(name, flag_dropout, seed)
