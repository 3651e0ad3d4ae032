"""Build the shipped Dutch pipeline `config/nlp/nl_school` from scratch, reproducibly.

Steps (all intermediate files go to --workdir, default /tmp/avgscan-ner):
1. corpora: CoNLL-2002 ned.train (MISC dropped) + synthetic school sentences;
   the last CoNLL documents and a synthetic sample form the dev set that picks
   the best checkpoint, so ned.testa stays a clean test set;
2. `spacy train` with training/ner.cfg (or ner_lexflags.cfg), fixed seed;
3. assemble: best checkpoint + lookup lemmatizer (table from
   spacy-lookups-data, serialised into the folder) + metadata;
4. evaluate (training/evaluate.py) and write RESULTS.md and MODEL_CARD.md.

Usage: python -m training.train_ner [--variant plain|lexflags] [--output DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import time
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc, DocBin

from training import conll, names
from training.nl_tokenizer import add_special_cases
from training.synth_school import generate

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"
DEFAULT_OUTPUT = ROOT / "config" / "nlp" / "nl_school"
CONFIGS = {"plain": TRAINING / "ner.cfg", "lexflags": TRAINING / "ner_lexflags.cfg"}
SEED = 42
DEV_CONLL_DOCS = 20
"""The last 20 of 287 ned.train documents (about 1,300 sentences) select the checkpoint."""
CONLL_SENTENCES_PER_DOC = 10
SYNTH_PER_DOC = 4


def build_corpora(
    workdir: Path, n_synth: int, n_synth_dev: int, keep_misc: bool
) -> tuple[Path, Path]:
    """Write train.spacy / dev.spacy DocBins and return their paths."""
    nlp = add_special_cases(spacy.blank("nl"))
    kept = conll.ALL_LABELS if keep_misc else conll.KEPT_LABELS
    documents = conll.read_documents(conll.conll_dir() / "ned.train")
    train_docs = list(conll.docs_from_documents(
        nlp.vocab, documents[:-DEV_CONLL_DOCS], CONLL_SENTENCES_PER_DOC, kept))
    dev_docs = list(conll.docs_from_documents(
        nlp.vocab, documents[-DEV_CONLL_DOCS:], CONLL_SENTENCES_PER_DOC, kept))
    train_docs += group_docs(nlp, list(generate(nlp, n_synth, "train", SEED)))
    dev_docs += group_docs(nlp, list(generate(nlp, n_synth_dev, "train", SEED + 1)))
    random.Random(SEED).shuffle(train_docs)
    workdir.mkdir(parents=True, exist_ok=True)
    paths = workdir / "train.spacy", workdir / "dev.spacy"
    DocBin(docs=train_docs, store_user_data=False).to_disk(paths[0])
    DocBin(docs=dev_docs, store_user_data=False).to_disk(paths[1])
    print(f"corpora: {len(train_docs)} train docs, {len(dev_docs)} dev docs")
    return paths


def group_docs(nlp: Language, docs: list[Doc]) -> list[Doc]:
    """Join synthetic sentences in small groups, like paragraphs of one note."""
    return [Doc.from_docs(docs[i:i + SYNTH_PER_DOC]) for i in range(0, len(docs), SYNTH_PER_DOC)]


@spacy.registry.misc("avgscan.lexflag_lists.v1")
def lexflag_lists() -> dict[str, list[str]]:
    """Gazetteer lists for the lexflags variant: train-side pools only.

    Held-out names stay out of the lists so the held-out test stays honest. The
    'lexicon' list is the word forms of spacy-lookups-data's Dutch lemma table.
    """
    pools = names.build_pools()
    lexicon = {word for word in dutch_word_forms() if word.isalpha() and len(word) > 1}
    places = [p for p in pools.place.train if " " not in p]
    return {
        "first": sorted(names.name_tokens(pools.first.train)),
        "surname": sorted(names.name_tokens(pools.surname.train)),
        "place": sorted(places),
        "lexicon": sorted(lexicon),
    }


def dutch_word_forms() -> list[str]:
    """Word forms of spacy-lookups-data's Dutch lemma table (the spaCy Table hashes keys)."""
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        return list(json.load(handle))


def run_training(variant: str, workdir: Path, paths: tuple[Path, Path], max_steps: int) -> Path:
    """Run `spacy train` in-process (so our registered callbacks are visible)."""
    if variant == "lexflags":
        import config.nlp.components  # noqa: F401  registers avgscan_lexflags
    output = workdir / f"model-{variant}"
    overrides = {"paths.train": str(paths[0]), "paths.dev": str(paths[1]),
                 "training.max_steps": max_steps}
    start = time.perf_counter()
    spacy_train(CONFIGS[variant], output, use_gpu=-1, overrides=overrides)
    (workdir / f"train-seconds-{variant}.txt").write_text(f"{time.perf_counter() - start:.0f}\n")
    return output / "model-best"


def assemble(best: Path, output: Path, variant: str) -> Language:
    """Add the lookup lemmatizer, switch training-only settings off, write the folder."""
    overrides = {}
    if variant == "lexflags":
        import config.nlp.components  # noqa: F401  registers avgscan_lexflags

        overrides = {"components": {"lexflags": {"flag_dropout": 0.0}}}
    nlp = spacy.load(best, config=overrides)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": False})
    lemmatizer.initialize(lookups=load_lookups("nl", ["lemma_lookup"]))
    nlp.config["initialize"]["before_init"] = None  # special cases are already serialised
    nlp.config["initialize"]["components"] = {}
    nlp.config["paths"].update({"train": None, "dev": None})  # build-machine /tmp paths
    nlp.meta.update({
        "name": "school", "version": "0.1.0", "license": "see MODEL_CARD.md",
        "author": "avgscan", "description": "Dutch school-text NER (PER/LOC/ORG) + lookup lemmas",
    })
    if output.exists():
        shutil.rmtree(output)
    nlp.to_disk(output)
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=sorted(CONFIGS), default="plain")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/avgscan-ner"))
    parser.add_argument("--synthetic", type=int, default=4000)
    parser.add_argument("--max-steps", type=int, default=4000)
    parser.add_argument("--keep-misc", action=argparse.BooleanOptionalAction, default=True,
                        help="train with CoNLL MISC as a 4th label (ignored at use time)")
    parser.add_argument("--no-report", action="store_true", help="skip RESULTS.md/MODEL_CARD.md")
    args = parser.parse_args()

    paths = build_corpora(
        args.workdir, args.synthetic, max(args.synthetic // 10, 200), args.keep_misc)
    best = run_training(args.variant, args.workdir, paths, args.max_steps)
    assemble(best, args.output, args.variant)
    from training import evaluate

    result = evaluate.evaluate(args.output)
    result["train_seconds"] = int(
        (args.workdir / f"train-seconds-{args.variant}.txt").read_text().strip())
    result["variant"] = args.variant
    (args.workdir / f"result-{args.variant}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    if not args.no_report:
        from training import report

        report.write_reports(result, args.output, vars(args))


if __name__ == "__main__":
    main()
