"""One recognizer of two checkouts on the same texts, block by block in turns: CPU and whether they agree.

    python benchmarks/recognizer_turns.py BEFORE_CHECKOUT AFTER_CHECKOUT MODULE CLASS SCHOOL... [--prose]

MODULE is the recognizer's file under scanner/detection/recognizers (e.g. nl_phone), CLASS its class (e.g.
NlPhoneRecognizer). Each SCHOOL (a folder with avgscan.yaml, or a configuration file such as
benchmarks/eval-dev.avgscan.yaml) is read as a scan reads it (bench_scale.extracted: extractor,
lines joined into paragraphs, long ones split) and cut into the blocks detection analyses; with --prose the
tests/data/prose* corpora are added. Every block goes to the before class and then to the after class, so a
machine whose speed changes during the run (seen here: a busy loop took 0.23 or 0.42 s within minutes) slows
both alike. Prints the blocks, their characters, each side's CPU seconds and every block where the results
(start, end, score, type) differ, with its first characters.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_scale import extracted  # noqa: E402

from scanner.config import load_config  # noqa: E402
from scanner.detection.detect import block_texts  # noqa: E402


def recognizer(checkout: Path, module: str, cls: str) -> Any:
    path = checkout / "scanner" / "detection" / "recognizers" / f"{module}.py"
    spec = importlib.util.spec_from_file_location(f"{module}_{abs(hash(str(checkout)))}", path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return getattr(loaded, cls)()


def blocks(schools: list[Path], prose: bool) -> list[str]:
    configs = [school if school.suffix in (".yaml", ".yml") else school / "avgscan.yaml" for school in schools]
    out = [b for cfg in configs for _, units in extracted(load_config(cfg)) for b in block_texts(units)]
    if prose:
        data = HERE.parent / "tests" / "data"
        out += [f.read_text(encoding="utf-8", errors="replace") for f in sorted(data.glob("prose*/*"))
                if f.suffix in (".txt", ".md") and f.name != "README.md"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("module")
    ap.add_argument("cls")
    ap.add_argument("schools", type=Path, nargs="+")
    ap.add_argument("--prose", action="store_true")
    a = ap.parse_args()
    texts = blocks(a.schools, a.prose)
    sides = [recognizer(a.before, a.module, a.cls), recognizer(a.after, a.module, a.cls)]
    entities = sides[0].supported_entities
    for side in sides:
        side.analyze(texts[0], entities)  # word lists load on first use
    cpu = [0.0, 0.0]
    differ = []
    for text in texts:
        found = []
        for n, side in enumerate(sides):
            t = time.process_time()
            results = side.analyze(text, entities)
            cpu[n] += time.process_time() - t
            found.append(sorted((r.start, r.end, r.score, r.entity_type) for r in results))
        if found[0] != found[1]:
            differ.append((text[:80], found))
    print(f"{len(texts)} blocks, {sum(map(len, texts))} characters; CPU before {cpu[0]:.2f} s, after {cpu[1]:.2f} s; "
          f"{len(differ)} blocks differ")
    for head, found in differ[:20]:
        print(f"  {head!r}: {found[0]} -> {found[1]}")


if __name__ == "__main__":
    main()
