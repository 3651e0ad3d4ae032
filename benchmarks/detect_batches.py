"""Detection of a school's files one at a time vs several per batch (issue 17), side by side in one process.

    python benchmarks/detect_batches.py /tmp/speed/bench/school-400-2000 [--batch 32] [--rounds 2]

Every file of the school's file sources is read once (not timed). Then, in turns, the CPU seconds of
`Scanner.detect_item` file by file, and of `Scanner.prepare` over `--batch` files followed by
`detect_item` for each (what a worker does with a batch: scanner.executor.detect_batch). The findings
of both must be identical; the first difference is printed. A warm-up round runs first (the
per-process memos of word forms and cells fill in it).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from connectors import open_source  # noqa: E402
from scanner.config import load_config  # noqa: E402
from scanner.kernel.errors import Unreadable  # noqa: E402
from scanner.kernel.model import Content, Item  # noqa: E402
from scanner.pipeline import Scanner  # noqa: E402
from scanner.records.loading import load_records  # noqa: E402


def contents(cfg) -> list[tuple[Item, Content]]:  # noqa: ANN001
    out = []
    for src_cfg in cfg.sources:
        source = open_source(src_cfg)
        for item in source.crawl():
            if item.status != "scanned" or item.kind == "row":
                continue
            try:
                out.append((item, source.read(item)))
            except Unreadable:
                continue
        source.close()
    return out


def one_by_one(scanner: Scanner, files: list[tuple[Item, Content]]) -> list[tuple]:
    return [key(item, scanner.detect_item(item, content)) for item, content in files]


def batched(scanner: Scanner, files: list[tuple[Item, Content]], size: int) -> list[tuple]:
    out = []
    for start in range(0, len(files), size):
        part = files[start:start + size]
        scanner.prepare(part)
        out += [key(item, scanner.detect_item(item, content)) for item, content in part]
        scanner.forget()
    return out


def key(item: Item, detected) -> tuple:  # noqa: ANN001
    return item.path, [(f.place, f.entity_type, f.value, f.start, f.end, f.score, f.recognizer)
                       for f in detected.findings]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("school")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    cfg = load_config(Path(a.school) / "avgscan.yaml")
    scanner = Scanner(cfg, load_records(cfg))
    _ = scanner.analyzer
    files = contents(cfg)
    mb = sum(len(u.text.encode()) for _, c in files for u in c.units) / 1e6
    reference = one_by_one(scanner, files)  # warm-up
    result: dict[str, object] = {"files": len(files), "text_MB": round(mb, 2), "batch": a.batch}
    times: dict[str, list[float]] = {"one_by_one": [], "batched": []}
    for _ in range(a.rounds):
        for name, run in (("one_by_one", lambda: one_by_one(scanner, files)),
                          ("batched", lambda: batched(scanner, files, a.batch))):
            c0 = time.process_time()
            got = run()
            times[name].append(round(time.process_time() - c0, 2))
            if got != reference:
                diff = next((r, g) for r, g in zip(reference, got, strict=True) if r != g)
                result.setdefault("differences", []).append({name: diff})  # type: ignore[union-attr]
    result["cpu_s"] = times
    result["ratio"] = round(sum(times["one_by_one"]) / sum(times["batched"]), 2)
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
