"""Licence-clean NER training text besides the synthetic school sentences (issue 18).

Why: CoNLL-2002 may only be used for research, so the default pipeline learns real Dutch prose from
two sources a school may run a model trained on:

* Europeana Newspapers NER, Dutch part (`/work/shared/data/europeana-nl`, CC0): gold PER/LOC/ORG on
  19th-century newspaper text. Its tokens are whitespace-split with punctuation attached
  ("Amsterdam,"), so each is re-tokenised with the shipped tokenizer and the sentence is cut at a
  token that ends in . ! or ? before a capital.
* UD Dutch LassySmall (`/work/shared/data/ud-dutch`, CC BY-SA 4.0): Wikipedia sentences with gold
  PROPN. Names get *silver* labels from our own rules (`silver_label`): gazetteers, a "human" noun
  or title before the name, organisation words inside it. A PROPN run that no rule settles is left
  *missing* (not O), so the model is not taught that an unknown name is no entity; every other
  token is O.

The data folder is read from `AVGSCAN_DATA_DIR` (default `/work/shared/data`); nothing is copied
into the repository.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

DATA_DIR = Path(os.environ.get("AVGSCAN_DATA_DIR", "/work/shared/data"))
EUROPEANA = "europeana-nl/enp_NL.kb.bio"
LASSY_TRAIN = "ud-dutch/nl_lassysmall-ud-train-2017.conllu"
LASSY_DEV = "ud-dutch/nl_lassysmall-ud-dev.conllu"
SENTENCE_END = re.compile(r"[.!?]$")
MAX_SENTENCE_TOKENS = 80
"""Europeana has no sentence breaks; stock listings would otherwise become 1,000-token 'sentences'."""


# --- Europeana (gold) -----------------------------------------------------------------------


def read_europeana(path: Path) -> list[list[tuple[str, str]]]:
    """(word, BIO tag) sentences of the .bio file; a sentence ends at . ! ? before a capital."""
    rows: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            rows.append((parts[0], parts[1]))
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for i, (word, tag) in enumerate(rows):
        current.append((word, tag))
        following = rows[i + 1][0] if i + 1 < len(rows) else ""
        ends = SENTENCE_END.search(word) and (not following or following[:1].isupper())
        if ends or len(current) >= MAX_SENTENCE_TOKENS:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def europeana_doc(nlp: Language, sentence: list[tuple[str, str]], mark_missing: bool = False) -> Doc:
    """Re-tokenise each gold word with the shipped tokenizer; leading/trailing punctuation of an
    entity word stays outside the entity ("Amsterdam," -> 'Amsterdam' LOC, ',' O). With
    `mark_missing`, capitalised O words inside the sentence are left unannotated (`_unsure`)."""
    text = ""
    spans: list[tuple[int, int, str]] = []
    for word, tag in sentence:
        if text:
            text += " "
        start = len(text)
        text += word
        if tag == "O":
            continue
        core = word.strip(".,;:!?()\"'«»")
        if not core:
            continue
        begin = start + word.index(core)
        end = begin + len(core)
        if tag.startswith("I-") and spans and spans[-1][2] == tag[2:]:
            spans[-1] = (spans[-1][0], end, spans[-1][2])
        else:
            spans.append((begin, end, tag[2:]))
    doc = nlp.make_doc(text)
    ents: list[Span] = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
            ents.append(span)
    inside = {i for e in ents for i in range(e.start, e.end)}
    missing = [Span(doc, t.i, t.i + 1) for t in doc if mark_missing and t.i not in inside and _unsure(doc, t.i)]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def _unsure(doc: Doc, i: int) -> bool:
    """A capitalised word inside a sentence that the gold left O: Europeana's annotators missed
    names ('heer Elout' is O in places), so such a word teaches nothing rather than 'no name'."""
    text = doc[i].text
    return i > 0 and text[:1].isupper() and text.isalpha() and doc[i - 1].text not in (".", "!", "?", ":", '"')


def europeana_docs(nlp: Language, mark_missing: bool = False) -> list[Doc]:
    """Every Europeana sentence as an annotated Doc (gold labels)."""
    return [europeana_doc(nlp, s, mark_missing) for s in read_europeana(DATA_DIR / EUROPEANA)]


# --- LassySmall (silver) --------------------------------------------------------------------


@dataclass(frozen=True)
class UdToken:
    form: str
    lemma: str
    upos: str
    head: int
    deprel: str
    space_after: bool


def read_conllu(path: Path) -> Iterator[list[UdToken]]:
    """Sentences of a CoNLL-U file (multi-word token lines and empty nodes skipped)."""
    sentence: list[UdToken] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue
        head = int(cols[6]) if cols[6].isdigit() else 0
        sentence.append(UdToken(cols[1], cols[2], cols[3], head, cols[7], "SpaceAfter=No" not in cols[9]))
    if sentence:
        yield sentence


@dataclass(frozen=True)
class Gazetteer:
    """Casefolded single-token lists the silver rules consult (built by train_ner at build time)."""

    first: frozenset[str]
    surname: frozenset[str]
    place: frozenset[str]
    lexicon: frozenset[str]


HUMAN_CUES = frozenset("""
dhr. dhr mw. mw mevr. mevrouw heer meneer dr. dr prof. prof mr. mr ir. drs. ds. jhr.
burgemeester wethouder minister premier president koning koningin prins prinses keizer keizerin
paus bisschop kardinaal graaf gravin hertog hertogin generaal kolonel kapitein admiraal
schrijver schrijfster dichter dichteres auteur componist schilder kunstenaar architect zanger
zangeres acteur actrice regisseur trainer coach speler voetballer wielrenner renner atleet
journalist filosoof historicus wetenschapper natuurkundige bioloog politicus leider voorzitter
directeur oprichter broer zus zoon dochter vader moeder vrouw man echtgenoot echtgenote weduwe
neef nicht oom tante opa oma grootvader grootmoeder kleinzoon leerling student leraar
professor pianist violist dirigent fotograaf producent uitvinder ontdekkingsreiziger
""".split())
"""Nouns and titles that, right before a name, make it a person (the 'human' class of the issue)."""

LOCATIVE = frozenset("in naar uit nabij te vanuit richting".split())
"""'in Oost-Vlaanderen', 'naar Gent': a lone name after these is a place (Wikipedia prose)."""
ORG_WORDS = frozenset("""
universiteit hogeschool school college academie instituut museum bibliotheek ziekenhuis bank
partij vereniging stichting bond federatie unie raad commissie ministerie parlement kamer senaat
rechtbank hof gemeenteraad omroep krant dagblad uitgeverij orkest koor band club fc vv sv
bv b.v. nv n.v. inc. inc ltd corporation company group groep holding airlines airways kerk
congregatie orde leger marine luchtmacht politie brandweer theater opera studio's studios records
maatschappij compagnie fabriek brouwerij omroepvereniging nos vara avro kro ncrv vpro
""".split())
"""Words that make a name an organisation ('Universiteit Utrecht', 'FC Twente')."""

MISC_HINTS = frozenset("""
oorlog wereldoorlog prijs award festival spelen kampioenschap cup beker tour toernooi
album single film roman boek serie programma dag week eeuw
""".split())
"""A PROPN run containing one of these is a MISC-like name (events, titles): left missing."""


def propn_runs(sentence: list[UdToken]) -> list[tuple[int, int]]:
    """[start, end) runs of PROPN tokens, with name particles ('van', 'de') and flat:name
    members between them ('Gazet van Antwerpen', 'Vincent van Gogh')."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(sentence)
    while i < n:
        if sentence[i].upos != "PROPN":
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = sentence[j]
            if tok.upos == "PROPN":
                j += 1
            elif tok.deprel == "flat:name" and j + 1 < n and tok.form[:1].islower() and \
                    any(t.upos == "PROPN" for t in sentence[j + 1:j + 3]):
                j += 1
            else:
                break
        while j > i + 1 and sentence[j - 1].upos != "PROPN":
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def silver_label(sentence: list[UdToken], start: int, end: int, gaz: Gazetteer) -> str | None:
    """PER / LOC / ORG for one PROPN run, or None when our rules cannot tell (-> missing)."""
    words = [t.form for t in sentence[start:end]]
    folded = [w.casefold() for w in words]
    caps = [w for w in words if w[:1].isupper()]
    before = sentence[start - 1].form.casefold() if start else ""
    if any(w in MISC_HINTS for w in folded) or any(w.isdigit() for w in folded):
        return None
    if any(w in ORG_WORDS for w in folded) or (len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 4):
        return "ORG"
    if before in HUMAN_CUES:
        return "PER"
    first = caps[0].casefold() if caps else ""
    if len(caps) >= 2 and first in gaz.first and first not in gaz.place:
        return "PER"
    whole = " ".join(folded)
    if len(caps) == 1 and (whole in gaz.place) and first not in gaz.first and first not in gaz.surname:
        return "LOC"
    if len(caps) == 1 and before in LOCATIVE and first not in gaz.first and first not in gaz.surname:
        return "LOC"
    if len(caps) >= 2 and all(c.casefold() in gaz.first | gaz.surname for c in caps) and \
            not any(c.casefold() in gaz.place for c in caps):
        return "PER"
    if len(caps) == 1 and (first in gaz.surname or first in gaz.first) and first not in gaz.place \
            and first not in gaz.lexicon and sentence[start].head and _is_name_subject(sentence, start):
        return "PER"
    return None


def _is_name_subject(sentence: list[UdToken], index: int) -> bool:
    """A lone known name as the subject of a verb of saying/doing ('Peeters zei ...')."""
    return sentence[index].deprel in ("nsubj", "nsubj:pass")


def teacher_labels(teacher: Language, sentences: list[list[UdToken]]) -> list[dict[tuple[int, int], str]]:
    """Per sentence, the PER/LOC/ORG spans a licence-clean model of our own predicts on the UD tokens
    (self-training: labels from the clean model, never from a third party's annotation)."""
    docs = (Doc(teacher.vocab, words=[t.form for t in s], spaces=[t.space_after for t in s]) for s in sentences)
    return [{(e.start, e.end): e.label_ for e in doc.ents if e.label_ in ("PER", "LOC", "ORG")}
            for doc in teacher.pipe(docs, batch_size=256)]


def lassy_docs(
    nlp: Language, gaz: Gazetteer, dev: bool = False, teacher: Language | None = None,
) -> tuple[list[Doc], dict[str, int]]:
    """LassySmall train (or dev) sentences with silver labels, and label counts.

    A run no rule settles takes the label its exact text got elsewhere in the file, when that text
    got only one label (one sense per name, as in a Wikipedia article). With a `teacher` (a clean
    model of an earlier run), a run that is still undecided takes the teacher's label when the teacher
    predicts exactly that run: most of LassySmall's 4,700 undecided runs are organisations and foreign
    names, the classes the clean build misses on news (issue 18, session 24)."""
    sentences = list(read_conllu(DATA_DIR / (LASSY_DEV if dev else LASSY_TRAIN)))
    taught = teacher_labels(teacher, sentences) if teacher is not None else [{} for _ in sentences]
    decided: dict[str, set[str]] = {}
    for sentence in sentences:
        for start, end in propn_runs(sentence):
            label = silver_label(sentence, start, end, gaz)
            if label:
                decided.setdefault(_run_text(sentence, start, end), set()).add(label)
    known = {text: next(iter(labels)) for text, labels in decided.items() if len(labels) == 1}
    counts = {"PER": 0, "LOC": 0, "ORG": 0, "missing": 0, "teacher": 0}
    docs = []
    for sentence, teacher_spans in zip(sentences, taught, strict=True):
        doc = Doc(nlp.vocab, words=[t.form for t in sentence], spaces=[t.space_after for t in sentence])
        ents: list[Span] = []
        missing: list[Span] = []
        for start, end in propn_runs(sentence):
            label = silver_label(sentence, start, end, gaz) or known.get(_run_text(sentence, start, end))
            if not label and (start, end) in teacher_spans:
                label = teacher_spans[(start, end)]
                counts["teacher"] += 1
            if label:
                ents.append(Span(doc, start, end, label=label))
                counts[label] += 1
            else:
                missing.append(Span(doc, start, end))
        counts["missing"] += len(missing)
        doc.set_ents(ents, missing=missing, default="outside")
        docs.append(doc)
    return docs, counts


def _run_text(sentence: list[UdToken], start: int, end: int) -> str:
    return " ".join(t.form for t in sentence[start:end])
