"""The project's own annotated Dutch prose as NER training text (issue 18, session 33).

Why: sessions 28-32 measured that the NER's false names on unseen prose (brands, places, species,
feasts, game pieces, headings) are mostly *systematic*: two models of the same recipe share ~60 % of
them, and rules written against one corpus carry over to the next only in small part. The recipe's
prose came from templates (`templates.py`) and 19th-century newspapers; running text of a school's
own kinds, with every proper name labelled, was missing. `training/annotated_prose/` holds such text,
written for the project in its own words (EUPL-1.2), with each name inline as `[[PER:Sanne de Vries]]`,
`[[LOC:...]]`, `[[ORG:...]]` or `[[MISC:...]]`; every other token is 'no entity'. Its authors never
read the sealed prose corpora of `tests/data`, which stay the held-out measure.

A paragraph is read the way `training.evaluate` reads prose (blank-line blocks, Markdown bullets,
headings and table bars removed), so the model trains on the unit a scan hands it.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from training.evaluate import MARKUP

FOLDER = Path(__file__).resolve().parent / "annotated_prose"
LABELS = ("PER", "LOC", "ORG", "MISC")
MARK = re.compile(r"\[\[(PER|LOC|ORG|MISC):([^\[\]\n]+?)\]\]")
STRAY = re.compile(r"\[\[|\]\]")
DEV_EVERY = 8
"""One paragraph in eight (by a stable hash of its text) joins the dev set that picks the checkpoint."""


class AnnotationError(ValueError):
    """A marker that cannot be read: the file and paragraph are named so the author can fix it."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as plain text with its labelled character spans."""

    file: str
    number: int
    text: str
    spans: tuple[tuple[int, int, str], ...]

    @property
    def dev(self) -> bool:
        return zlib.crc32(self.text.encode("utf-8")) % DEV_EVERY == 0


def parse(marked: str, where: str = "") -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """Plain text and (start, end, label) spans of a marked paragraph."""
    plain: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    last = 0
    for match in MARK.finditer(marked):
        before = marked[last:match.start()]
        if STRAY.search(before):
            raise AnnotationError(f"{where}: een markering zonder label of sluiting vóór {match.group(0)!r}")
        plain.append(before)
        length += len(before)
        words = match.group(2)
        if words != words.strip() or not words.strip():
            raise AnnotationError(f"{where}: spaties aan de rand van de naam in {match.group(0)!r}")
        spans.append((length, length + len(words), match.group(1)))
        plain.append(words)
        length += len(words)
        last = match.end()
    rest = marked[last:]
    if STRAY.search(rest):
        raise AnnotationError(f"{where}: een markering zonder label of sluiting in {rest[:60]!r}")
    plain.append(rest)
    return "".join(plain), tuple(spans)


def _files(folder: Path) -> list[tuple[str, Path]]:
    """The corpus's files in order, each with its part: the name's prefix (`school`, `ouders`, ...)."""
    return [(path.name.split("-", 1)[0], path) for path in sorted(folder.glob("*.md"))
            if not path.name.startswith("README")]


def parts(folder: Path = FOLDER) -> list[str]:
    """The corpus's parts, one writer's genres each."""
    return sorted({part for part, _ in _files(folder)})


def paragraphs(folder: Path = FOLDER, only: Iterable[str] | None = None) -> list[Paragraph]:
    """Every paragraph of the corpus, in file order; with `only`, of those parts (file prefixes): the
    parts differ in how densely they name people, and that density moves a model's false names."""
    files = _files(folder)
    chosen = None if only is None else set(only)
    known = sorted({part for part, _ in files})
    if chosen is not None and chosen - set(known):
        raise ValueError(f"onbekende delen: {sorted(chosen - set(known))}; er zijn: {known}")
    out: list[Paragraph] = []
    for part, path in files:
        if chosen is not None and part not in chosen:
            continue
        blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        for number, block in enumerate(blocks, start=1):
            marked = " ".join(MARKUP.sub(" ", line).strip() for line in block.splitlines()).strip()
            if not marked:
                continue
            text, spans = parse(marked, f"{path.name}, alinea {number}")
            out.append(Paragraph(path.name, number, text, spans))
    return out


def to_doc(nlp: Language, paragraph: Paragraph, unsure: frozenset[str] = frozenset()) -> Doc:
    """The paragraph tokenised with the shipped tokenizer, its names as entities, every other token O.

    A name whose edges fall inside a token is widened to the token (`alignment_mode="expand"`), as the
    Europeana reader does; two names in one token (`Rotterdam-Charlois`, both marked) leave that token
    missing: the text says it holds names, not which single one. A name whose label is in `unsure` is left
    missing too: the model is told neither that it is such a name nor that it is none."""
    doc = nlp.make_doc(paragraph.text)
    spans: list[Span] = []
    for start, end, label in paragraph.spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            raise AnnotationError(f"{paragraph.file}, alinea {paragraph.number}: "
                                  f"{paragraph.text[start:end]!r} valt buiten de tekst")
        spans.append(span)
    covered = Counter(i for span in spans for i in range(span.start, span.end))
    ents = [s for s in spans if s.label_ not in unsure and all(covered[i] == 1 for i in range(s.start, s.end))]
    kept = {i for s in ents for i in range(s.start, s.end)}
    missing = [Span(doc, i, i + 1) for i in sorted(covered) if i not in kept]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


MISC_CHOICES = ("keep", "outside", "missing")


def corpus_docs(nlp: Language, folder: Path = FOLDER, keep_misc: bool = True,
                misc: str = "keep", only: Iterable[str] | None = None) -> tuple[list[Doc], list[Doc]]:
    """(train, dev) Docs of the corpus. MISC names are kept (`misc="keep"`), become O (`"outside"`, also
    without `keep_misc`, like CoNLL's without MISC) or are left unannotated (`"missing"`: session 33 saw a
    model taught this corpus's many product and app names as MISC call unknown first names MISC)."""
    if misc not in MISC_CHOICES:
        raise ValueError(f"misc: one of {MISC_CHOICES}, not {misc!r}")
    train: list[Doc] = []
    dev: list[Doc] = []
    for paragraph in paragraphs(folder, only):
        if not keep_misc or misc == "outside":
            paragraph = Paragraph(paragraph.file, paragraph.number, paragraph.text,
                                  tuple(s for s in paragraph.spans if s[2] != "MISC"))
        unsure = frozenset({"MISC"}) if misc == "missing" else frozenset()
        (dev if paragraph.dev else train).append(to_doc(nlp, paragraph, unsure))
    return train, dev


def summary(folder: Path = FOLDER, only: Iterable[str] | None = None) -> dict[str, int]:
    """Files, paragraphs, characters and names per label: the model card's line on this source."""
    found = paragraphs(folder, only)
    counts = {label: sum(1 for p in found for s in p.spans if s[2] == label) for label in LABELS}
    return {"files": len({p.file for p in found}), "paragraphs": len(found),
            "characters": sum(len(p.text) for p in found), **counts}
