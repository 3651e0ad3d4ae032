"""Two-model agreement on PER spans (session 32, issue 18): do two NERs of the same recipe and another
seed agree on real names and disagree on false ones?

`collect` runs one pipeline folder over the prose corpora, ned.testa and the held-out school sentences, the
NER alone and then its person check on the same docs (the same code paths as `training.evaluate`: its
paragraphs, `testa_docs`, `heldout_docs`, `bare_copy`), and stores every span (characters for prose, tokens
for the gold sets) as JSON. `compare` combines two such files: the overlap of their false names on prose, and
model A's spans with a PER span kept only when model B agrees (variants below), scored as `span_scores` and
`prose_false_names` score.

`PersonAgreement` (factory `avgscan_person_agreement`, registered when this module is imported) does the same
inside a pipeline, after the person check: `assemble` writes the shipped folder with it added, and `product`
runs a benchmark script (benchmarks/eval_dev.py, eval_generated.py, prose_noise.py) with the scanner's engine
loading that folder and running the component in its second pass. Session 32 shipped nothing: the component
lives here, not in config/nlp.

Usage:
  python -m training.agreement collect MODEL_DIR OUT.json [--corpora prose,prose-heldout,...]
  python -m training.agreement compare A.json B.json [C.json ... --min-votes N --mode overlap]
  python -m training.agreement assemble OUT_DIR OTHER_DIR[,OTHER_DIR...] [--mode overlap] [--min-votes 1]
  python -m training.agreement product PIPELINE_DIR SCRIPT.py [script arguments...]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from config.nlp.check_words import ModelLists
from training import evaluate as ev

PROSE = ev.PROSE_DIRS
"""Every corpus of `training.evaluate` (prose to prose-heldout7); prose-heldout8 only when named."""


def _listed(span: Span, lists: ModelLists, titles: frozenset[str]) -> bool:
    """A word of the model's first-name or surname lists in the span, or a title right before it: the
    'protected' variant keeps such a span without agreement."""
    from config.nlp.check_tokens import plain

    doc = span.doc
    if span.start > 0 and plain(doc[span.start - 1].text) in titles:
        return True
    return any(lists.named(plain(t.text)) for t in span if t.text[:1].isupper())


def _spans(doc: Doc, chars: bool, lists: ModelLists | None = None, titles: frozenset[str] = frozenset()) -> list[list]:
    out = []
    for e in doc.ents:
        if e.label_ not in ev.LABELS:
            continue
        row = [e.start_char, e.end_char] if chars else [e.start, e.end]
        row.append(e.label_)
        row.append(bool(lists is not None and e.label_ == "PER" and _listed(e, lists, titles)))
        out.append(row)
    return out


def collect(path: Path, corpora: list[str], gold: bool = True,
            data: Path = ev.DEFAULT_MODEL.parents[2] / "tests" / "data") -> dict[str, object]:
    from config.nlp.person_check import PIPE as CHECK

    nlp = ev.load_pipeline(path)
    check = nlp.get_pipe(CHECK)
    lists = check.lists()
    titles = check.words.titles
    result: dict[str, object] = {"model": str(path), "prose": {}, "sets": {}}

    def run(docs_or_texts: list[str] | list[Doc], chars: bool) -> tuple[list, list]:
        alone, checked = [], []
        with nlp.select_pipes(disable=[CHECK, "lemmatizer"]):
            for doc in nlp.pipe(docs_or_texts, batch_size=64):
                alone.append(_spans(doc, chars, lists, titles))
                check(doc)
                checked.append(_spans(doc, chars, lists, titles))
        return alone, checked

    for name in corpora:
        paragraphs = ev.prose_paragraphs_by_file(data / name)
        alone, checked = run([t for _, t in paragraphs], True)
        result["prose"][name] = {"chars": sum(len(t) for _, t in paragraphs),
                                 "texts": [t for _, t in paragraphs], "files": [f for f, _ in paragraphs],
                                 "alone": alone, "checked": checked}
    for name, docs in (("testa", ev.testa_docs(nlp)), ("heldout", ev.heldout_docs(nlp))) if gold else ():
        alone, checked = run([ev.bare_copy(nlp, d) for d in docs], False)
        entry = {"alone": alone, "checked": checked}
        if gold:
            entry["gold"] = [[[e.start, e.end, e.label_] for e in d.ents if e.label_ in ev.LABELS] for d in docs]
        result["sets"][name] = entry
    return result


# --- the component -----------------------------------------------------------------------------

FACTORY = "avgscan_person_agreement"
PIPE = "person_agreement"
MODES = ("overlap", "exact", "any")
AGREE_LABELS = frozenset({"PER", "LOC", "ORG"})


class PersonAgreement:
    def __init__(self, nlp: Language, name: str, models: list[str], mode: str, min_votes: int,
                 batch_size: int = 256) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}: {mode!r}")
        self.name = name
        self.folders = [Path(m) for m in models]
        self.mode = mode
        self.min_votes = min_votes
        self.batch_size = batch_size
        self._others: list[Language] | None = None

    def others(self) -> list[Language]:
        if self._others is None:
            import config.nlp.components  # noqa: F401  the tok2vec's layer

            self._others = []
            for folder in self.folders:
                other = spacy.load(folder)
                keep = {"tok2vec", "ner"}
                for pipe in other.pipe_names:
                    if pipe not in keep:
                        other.disable_pipe(pipe)
                self._others.append(other)
        return self._others

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, stream: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= (batch_size or self.batch_size):
                yield from self._judge(batch)
                batch = []
        if batch:
            yield from self._judge(batch)

    def _judge(self, docs: list[Doc]) -> list[Doc]:
        todo = [d for d in docs if any(e.label_ == "PER" for e in d.ents)]
        if not todo:
            return docs
        votes: list[list[list[tuple[int, int, str]]]] = [[] for _ in todo]
        for other in self.others():
            copies = (Doc(other.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
                      for d in todo)
            for i, found in enumerate(other.pipe(copies, batch_size=self.batch_size)):
                votes[i].append([(e.start, e.end, e.label_) for e in found.ents if e.label_ in AGREE_LABELS])
        for doc, theirs in zip(todo, votes, strict=True):
            kept = [e for e in doc.ents if e.label_ != "PER" or self._agreed(e, theirs)]
            if len(kept) != len(doc.ents):
                doc.set_ents(kept, default="outside")
        return docs

    def _agreed(self, span: Span, theirs: list[list[tuple[int, int, str]]]) -> bool:
        def agrees(spans: list[tuple[int, int, str]]) -> bool:
            for start, end, label in spans:
                if self.mode == "exact" and label == "PER" and (start, end) == (span.start, span.end):
                    return True
                if start < span.end and span.start < end and (self.mode == "any" or (
                        self.mode == "overlap" and label == "PER")):
                    return True
            return False

        return sum(agrees(s) for s in theirs) >= self.min_votes


@Language.factory(FACTORY, default_config={"models": [], "mode": "overlap", "min_votes": 1, "batch_size": 256})
def make_person_agreement(nlp: Language, name: str, models: list[str], mode: str, min_votes: int,
                          batch_size: int) -> PersonAgreement:
    return PersonAgreement(nlp, name, models, mode, min_votes, batch_size)


# --- combining ---------------------------------------------------------------------------------------

def _agrees(span: list, others: list[list], mode: str) -> bool:
    start, end = span[0], span[1]
    for o in others:
        if o[2] != "PER" or mode == "any":
            continue
        if mode == "exact" and (o[0], o[1]) == (start, end):
            return True
        if mode == "overlap" and o[0] < end and start < o[1]:
            return True
    if mode == "any":  # B has an entity of any label (PER, LOC, ORG) over part of the span
        return any(o[0] < end and start < o[1] for o in others)
    return False


VARIANTS = {
    "A": None,
    "overlap": ("alone", "overlap", False),
    "overlap, B checked": ("checked", "overlap", False),
    "exact": ("alone", "exact", False),
    "overlap, listed kept": ("alone", "overlap", True),
    "any label": ("alone", "any", False),
}
"""name -> (B's spans: its NER alone or after its person check; overlap or exact boundaries; whether a span
with a listed first name or surname, or a title before it, is kept without agreement)."""


def combine(a: list[list], b_alone: list[list], b_checked: list[list], variant: str) -> list[list]:
    spec = VARIANTS[variant]
    if spec is None:
        return a
    which, mode, protect = spec
    others = b_alone if which == "alone" else b_checked
    return [s for s in a if s[2] != "PER" or (protect and s[3]) or _agrees(s, others, mode)]


def score(pred: list[list[list]], gold: list[list[list]]) -> dict[str, ev.Prf]:
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs = {(s[0], s[1], s[2]) for s in g}
        ps = {(s[0], s[1], s[2]) for s in p}
        n_gold.update(s[2] for s in gs)
        n_pred.update(s[2] for s in ps)
        tp.update(s[2] for s in gs & ps)
    out = {label: ev.prf(tp[label], n_pred[label], n_gold[label]) for label in ev.LABELS}
    out["ALL"] = ev.prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return out


def per(rows: list[list[list]]) -> int:
    return sum(1 for r in rows for s in r if s[2] == "PER")


def overlap_of_false_names(a: dict, b: dict, corpora: list[str]) -> list[tuple]:
    """Per corpus: A's false names (NER alone; with the check), B's, and how many of A's B also has
    (an overlapping PER span of B's NER alone; of B's pipeline with the check; the same boundaries)."""
    rows = []
    for name in corpora:
        pa, pb = a["prose"][name], b["prose"][name]
        row = [name, pa["chars"]]
        for which in ("alone", "checked"):
            n_a = per(pa[which])
            n_b = per(pb[which])
            also = sum(1 for ra, rb in zip(pa[which], pb[which], strict=True) for s in ra
                       if s[2] == "PER" and _agrees(s, rb, "overlap"))
            exact = sum(1 for ra, rb in zip(pa[which], pb[which], strict=True) for s in ra
                        if s[2] == "PER" and _agrees(s, rb, "exact"))
            also_raw = sum(1 for ra, rb in zip(pa[which], pb["alone"], strict=True) for s in ra
                           if s[2] == "PER" and _agrees(s, rb, "overlap"))
            row.append((n_a, n_b, also, exact, also_raw))
        rows.append(tuple(row))
    return rows


def compare(a: dict, b: dict, corpora: list[str]) -> dict[str, object]:
    out: dict[str, object] = {"overlap": overlap_of_false_names(a, b, corpora), "variants": {}}
    for variant in VARIANTS:
        res: dict[str, object] = {}
        for name in corpora:
            pa, pb = a["prose"][name], b["prose"][name]
            for which in ("alone", "checked"):
                kept = [combine(ra, rb, rbc, variant)
                        for ra, rb, rbc in zip(pa[which], pb["alone"], pb["checked"], strict=True)]
                res[f"{name} {which}"] = ev.per_100k(pa["chars"], per(kept))
        for setname in [n for n in ("testa", "heldout") if n in a["sets"]]:
            sa, sb = a["sets"][setname], b["sets"][setname]
            for which in ("alone", "checked"):
                kept = [combine(ra, rb, rbc, variant)
                        for ra, rb, rbc in zip(sa[which], sb["alone"], sb["checked"], strict=True)]
                res[f"{setname} {which}"] = {k: [v.p, v.r, v.f, v.tp, v.n_pred, v.n_gold]
                                             for k, v in score(kept, sa["gold"]).items()}
        out["variants"][variant] = res
    return out


def votes_variant(a: dict, others: list[dict], corpora: list[str], mode: str, min_votes: int) -> dict[str, object]:
    """A's PER spans kept when at least `min_votes` of the other models' NERs (alone) agree (`mode`)."""
    def kept(ra: list[list], theirs: list[list[list]]) -> list[list]:
        return [s for s in ra if s[2] != "PER" or sum(_agrees(s, t, mode) for t in theirs) >= min_votes]

    res: dict[str, object] = {}
    for name in corpora:
        pa = a["prose"][name]
        for which in ("alone", "checked"):
            rows = [kept(ra, list(theirs)) for ra, *theirs in
                    zip(pa[which], *(o["prose"][name]["alone"] for o in others), strict=True)]
            res[f"{name} {which}"] = ev.per_100k(pa["chars"], per(rows))
    for setname in [n for n in ("testa", "heldout") if n in a["sets"]]:
        sa = a["sets"][setname]
        for which in ("alone", "checked"):
            rows = [kept(ra, list(theirs)) for ra, *theirs in
                    zip(sa[which], *(o["sets"][setname]["alone"] for o in others), strict=True)]
            res[f"{setname} {which}"] = {k: [v.p, v.r, v.f, v.tp, v.n_pred, v.n_gold]
                                         for k, v in score(rows, sa["gold"]).items()}
    return res


def false_name_texts(a: dict, b: dict, corpus: str, variant: str, which: str = "checked") -> list[tuple]:
    """A's PER spans on a prose corpus and whether the variant keeps them (to read the spent corpora)."""
    pa, pb = a["prose"][corpus], b["prose"][corpus]
    rows = []
    for text, ra, rb, rbc in zip(pa["texts"], pa[which], pb["alone"], pb["checked"], strict=True):
        kept = combine(ra, rb, rbc, variant)
        for s in ra:
            if s[2] == "PER":
                rows.append((text[s[0]:s[1]], s in kept, ev.sentence_around(text, s[0], s[1])))
    return rows


def assemble(out: Path, models: list[str], mode: str, min_votes: int, base: Path = ev.DEFAULT_MODEL) -> None:
    """The shipped folder with the agreement component after its person check, written to `out`."""
    import shutil

    from config.nlp.person_check import PIPE as CHECK

    nlp = ev.load_pipeline(base)
    nlp.add_pipe(FACTORY, name=PIPE, after=CHECK,
                 config={"models": [str(Path(m).resolve()) for m in models], "mode": mode, "min_votes": min_votes})
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)


def product(folder: Path, script: Path, argv: list[str]) -> None:
    """Run a benchmark script with the scanner's engine loading `folder` (an NLP yaml like config/nlp/nlp.yaml
    naming it) and running the agreement in its second pass with the NER and the person check."""
    import runpy
    import sys
    import tempfile

    import yaml

    import scanner.detection.engine as engine
    import scanner.detection.nlp_engine as nlp_engine

    conf = yaml.safe_load(engine.DEFAULT_NLP.read_text(encoding="utf-8"))
    conf["models"][0]["model_name"] = str(folder.resolve())
    handle = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8")
    with handle:
        yaml.safe_dump(conf, handle)
    engine.DEFAULT_NLP = Path(handle.name)
    nlp_engine.NER_PIPES = (*nlp_engine.NER_PIPES, PIPE)
    sys.argv = [str(script), *argv]
    runpy.run_path(str(script), run_name="__main__")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("collect")
    c.add_argument("model", type=Path)
    c.add_argument("out", type=Path)
    c.add_argument("--corpora", default=",".join(PROSE))
    c.add_argument("--data", type=Path, default=ev.DEFAULT_MODEL.parents[2] / "tests" / "data",
                   help="the folder holding the prose corpora")
    c.add_argument("--prose-only", action="store_true", help="no ned.testa and held-out school sentences")
    m = sub.add_parser("compare")
    m.add_argument("a", type=Path)
    m.add_argument("b", type=Path)
    m.add_argument("more", type=Path, nargs="*", help="further models: A kept when --min-votes of B and these agree")
    m.add_argument("--min-votes", type=int, default=1)
    m.add_argument("--mode", default="overlap")
    m.add_argument("--corpora", default=",".join(PROSE))
    m.add_argument("--json", type=Path)
    asm = sub.add_parser("assemble")
    asm.add_argument("out", type=Path)
    asm.add_argument("models", help="comma-separated pipeline folders of the other models")
    asm.add_argument("--mode", default="overlap", choices=MODES)
    asm.add_argument("--min-votes", type=int, default=1)
    prod = sub.add_parser("product")
    prod.add_argument("folder", type=Path)
    prod.add_argument("script", type=Path)
    prod.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.cmd == "assemble":
        assemble(args.out, args.models.split(","), args.mode, args.min_votes)
        return
    if args.cmd == "product":
        product(args.folder, args.script, args.rest)
        return
    corpora = [c for c in args.corpora.split(",") if c]
    if args.cmd == "collect":
        args.out.write_text(json.dumps(collect(args.model, corpora, not args.prose_only, args.data),
                                       ensure_ascii=False))
        return
    a, b = json.loads(args.a.read_text()), json.loads(args.b.read_text())
    if args.more:
        others = [b, *(json.loads(p.read_text()) for p in args.more)]
        res = votes_variant(a, others, corpora, args.mode, args.min_votes)
        for key, value in res.items():
            if "names" in value:
                print(f"  {key}: {value['names']} ({value['per_100k']})")
            else:
                print(f"  {key}: " + ", ".join(f"{k} {v[0]:.3f}/{v[1]:.3f}/{v[2]:.3f}" for k, v in value.items()))
        if args.json:
            args.json.write_text(json.dumps(res, indent=1, ensure_ascii=False))
        return
    result = compare(a, b, corpora)
    print("corpus | chars | NER alone: A, B, A's also in B (overlap, exact, -) | with the check: A, B, "
          "A's also in B's checked (overlap, exact), A's also in B's NER alone (overlap)")
    for row in result["overlap"]:
        print(row)
    for variant, res in result["variants"].items():
        print(f"== {variant}")
        for key, value in res.items():
            if isinstance(value, dict) and "names" in value:
                print(f"  {key}: {value['names']} ({value['per_100k']})")
            else:
                print(f"  {key}: " + ", ".join(f"{k} {v[0]:.3f}/{v[1]:.3f}/{v[2]:.3f}" for k, v in value.items()))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
