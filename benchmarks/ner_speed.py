"""Words per second of two or more Dutch pipeline folders, measured side by side in one process.

    python benchmarks/ner_speed.py config/nlp/nl_school /tmp/other-model [--rounds 3]

Why interleaved: the machine is shared, so a speed number measured alone says little; the folders are
timed in turns (A, B, A, B, ...) on the same raw text (CoNLL-2002 ned.testa, ten sentences per text,
as `training/evaluate.py` does) and the best round of each is reported, with the ratio to the first.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, not an installed one

from training import conll  # noqa: E402
from training.evaluate import load_pipeline  # noqa: E402


def texts() -> list[str]:
    """Raw ned.testa text, ten sentences per text."""
    sentences = [" ".join(word for word, _ in sentence)
                 for document in conll.read_documents(conll.conll_dir() / "ned.testa") for sentence in document]
    return [" ".join(sentences[i:i + 10]) for i in range(0, len(sentences), 10)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = texts()
    pipelines = [load_pipeline(folder) for folder in args.folders]
    words = sum(len(doc) for doc in pipelines[0].tokenizer.pipe(corpus))
    best = [float("inf")] * len(pipelines)
    for _ in range(args.rounds):
        for i, nlp in enumerate(pipelines):
            start = time.perf_counter()
            for _doc in nlp.pipe(corpus, batch_size=256):
                pass
            best[i] = min(best[i], time.perf_counter() - start)
    print(f"{words} words, best of {args.rounds} interleaved rounds\n")
    print("| pipeline | words/s | ratio to the first |\n|---|---|---|")
    for folder, seconds in zip(args.folders, best, strict=True):
        print(f"| {folder} | {words / seconds:,.0f} | {best[0] / seconds:.2f} |")


if __name__ == "__main__":
    main()
