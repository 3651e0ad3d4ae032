"""Sort a model's PER errors on CoNLL ned.testa into classes (issue 18 error analysis).

Why: precision 0.6 on testa says most of the loss is false PER, but not *which* words; the class
counts decide which licence-clean training frames are worth writing. The gold MISC spans are kept
here (the scores drop them) because nationalities and events called PER are one such class.
Only counts and the most frequent values are printed; nothing from testa goes into training.

Usage: python -m training.error_classes [MODEL_DIR] [--examples N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, Span

from training import conll
from training.evaluate import DEFAULT_MODEL, bare_copy, load_pipeline

TITLES = frozenset({
    "mevrouw", "mevr.", "mw.", "heer", "dhr.", "meneer", "dr.", "prof.", "mr.", "ir.", "drs.",
    "minister", "premier", "voorzitter", "burgemeester", "president", "koning", "koningin",
    "prins", "paus", "trainer", "coach", "kapitein", "generaal", "kardinaal", "bisschop",
    "schepen", "senator", "advocaat", "directeur", "zanger", "zangeres", "schrijver", "regisseur",
})


def _overlapping(span: Span, others: list[Span]) -> list[Span]:
    return [o for o in others if o.start < span.end and span.start < o.end]


def false_person_class(pred: Span, gold: list[Span]) -> str:
    """Why a predicted PER is wrong: a person with other borders, another gold type, or no entity."""
    hits = _overlapping(pred, gold)
    if any(g.label_ == "PER" for g in hits):
        return "PER, other borders"
    if hits:
        return f"gold {hits[0].label_}" + ("" if (hits[0].start, hits[0].end) == (pred.start, pred.end)
                                          else " (other borders)")
    if pred.start == 0 or pred.doc[pred.start - 1].is_punct:
        return "no entity, sentence-initial or after punctuation"
    if any(not t.is_title and not t.is_upper for t in pred):
        return "no entity, lower-case word"
    return "no entity, capitalised word mid-sentence"


def missed_person_class(gold: Span, pred: list[Span]) -> str:
    """Why a gold PER was not found exactly: found with other borders, typed otherwise, or missed."""
    hits = _overlapping(gold, pred)
    if any(p.label_ == "PER" for p in hits):
        return "PER, other borders"
    if hits:
        return f"typed {hits[0].label_}"
    before = gold.doc[gold.start - 1].lower_ if gold.start > 0 else ""
    shape = "single word" if len(gold) == 1 else f"{min(len(gold), 3)}{'+' if len(gold) > 3 else ''} words"
    if before in TITLES:
        return f"missed, after a title or role ({shape})"
    return f"missed, {shape}"


def analyse(model: Path, examples: int) -> dict[str, Counter[str]]:
    nlp = load_pipeline(model)
    documents = conll.read_documents(conll.conll_dir() / "ned.testa")
    gold_docs: list[Doc] = list(conll.docs_from_documents(nlp.vocab, documents, 1, conll.ALL_LABELS))
    classes: dict[str, Counter[str]] = {"false PER": Counter(), "missed PER": Counter()}
    values: dict[str, Counter[str]] = {}
    for gold_doc, pred_doc in zip(gold_docs, nlp.pipe(bare_copy(nlp, d) for d in gold_docs), strict=True):
        gold = list(gold_doc.ents)
        pred = list(pred_doc.ents)
        gold_per = {(g.start, g.end) for g in gold if g.label_ == "PER"}
        pred_per = {(p.start, p.end) for p in pred if p.label_ == "PER"}
        for p in pred:
            if p.label_ == "PER" and (p.start, p.end) not in gold_per:
                kind = false_person_class(p, gold)
                classes["false PER"][kind] += 1
                values.setdefault("false PER: " + kind, Counter())[p.text] += 1
        for g in gold:
            if g.label_ == "PER" and (g.start, g.end) not in pred_per:
                kind = missed_person_class(g, pred)
                classes["missed PER"][kind] += 1
                values.setdefault("missed PER: " + kind, Counter())[g.text] += 1
    for name, counts in classes.items():
        print(f"\n{name}: {sum(counts.values())}")
        for kind, n in counts.most_common():
            top = ", ".join(f"{v} ({c})" if c > 1 else v
                            for v, c in values[f"{name}: {kind}"].most_common(examples))
            print(f"  {n:5d}  {kind}: {top}")
    return classes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--examples", type=int, default=12)
    args = parser.parse_args()
    analyse(args.model, args.examples)


if __name__ == "__main__":
    main()
