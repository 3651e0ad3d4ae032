"""avgscan's detection of two checkouts and vanilla Presidio on the same texts, in turns (issue 17, item 3).

    python benchmarks/detect_in_turns.py SCHOOL_DIR --before CHECKOUT --after CHECKOUT [--rounds 2] [--no-vanilla]

SCHOOL_DIR holds avgscan.yaml (e.g. bench_scale.py's school-400-2000). Its items are extracted once
(not timed; kept as texts.pkl beside --work). Then, per round, each part runs in its own process: the
detection of each checkout as `bench_scale.side_by_side` runs it (files in batches of FILE_BATCH, the
analyzer built as a scan builds it), vanilla Presidio per text and vanilla's BatchAnalyzerEngine. A
checkout's process imports only that checkout (PYTHONPATH). Prints one JSON line per part (CPU and
wall seconds, findings) and, at the end, the ratios of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def extract(school: Path, texts: Path) -> None:
    sys.path.insert(0, str(HERE))
    import bench_scale

    from scanner.config import load_config

    with open(texts, "wb") as fh:
        pickle.dump(bench_scale.extract_all(load_config(school / "avgscan.yaml")), fh)


def part(name: str, school: Path, texts_file: Path) -> dict[str, object]:
    """One part in this process: the texts, the engine built and warmed up (not timed), the timed run.
    bench_scale (which puts its own checkout first on sys.path) is imported for vanilla Presidio only."""
    import scanner
    from scanner.config import load_config
    from scanner.detection.detect import MIN_SCORE, block_texts, detect
    from scanner.detection.engine import build_analyzer
    from scanner.executor import FILE_BATCH
    from scanner.records.loading import load_records

    with open(texts_file, "rb") as fh:
        texts = pickle.load(fh)
    cfg = load_config(school / "avgscan.yaml")
    found = 0
    if name == "avgscan":
        ours = build_analyzer(load_records(cfg).known_people(), own_names=cfg.organisation.own_names)
        for path, units in texts[:FILE_BATCH]:  # warm-up: the word lists and memos load on first use
            detect(ours, "s", path, units)
        t0, c0 = time.monotonic(), time.process_time()
        for start in range(0, len(texts), FILE_BATCH):
            batch = texts[start:start + FILE_BATCH]
            ours.prepare([block for _, units in batch for block in block_texts(units)], "nl", MIN_SCORE)
            for path, units in batch:
                found += len(detect(ours, "s", path, units))
            ours.forget()
    else:
        sys.path.insert(0, str(HERE))
        import bench_scale
        from presidio_analyzer import BatchAnalyzerEngine

        vanilla = bench_scale.vanilla_analyzer()
        vanilla.analyze(text="Jan de Vries woont in Almere.", language="nl")
        chunks = [text[s:s + 100_000] for _, units in texts
                  for text in ["\n".join(u.text for u in units)] for s in range(0, len(text), 100_000)]
        t0, c0 = time.monotonic(), time.process_time()
        if name == "vanilla":
            found = sum(len(vanilla.analyze(text=chunk, language="nl")) for chunk in chunks)
        else:
            found = sum(len(r) for r in BatchAnalyzerEngine(vanilla).analyze_iterator(
                chunks, language="nl", batch_size=FILE_BATCH))
    return {"cpu": round(time.process_time() - c0, 2), "wall": round(time.monotonic() - t0, 2), "found": found,
            "MB": round(sum(len(u.text.encode()) for _, units in texts for u in units) / 1e6, 3),
            "load": os.getloadavg()[0], "code": str(Path(scanner.__file__).parents[1])}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("school", type=Path)
    ap.add_argument("--before", type=Path, required=True)
    ap.add_argument("--after", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/avgscan-detect-in-turns"))
    ap.add_argument("--no-vanilla", action="store_true", help="only the two checkouts (no vanilla Presidio parts)")
    ap.add_argument("--part", help=argparse.SUPPRESS)
    a = ap.parse_args()
    texts = a.work / "texts.pkl"
    if a.part:
        print(json.dumps(part(a.part, a.school, texts)))
        return
    a.work.mkdir(parents=True, exist_ok=True)
    if not texts.exists():
        extract(a.school, texts)
    runs: dict[str, list[dict[str, object]]] = {}
    plan = [("before", "avgscan", a.before), ("after", "avgscan", a.after),
            ("vanilla", "vanilla", a.after), ("vanilla batch", "batch", a.after)][:2 if a.no_vanilla else 4]
    for n in range(a.rounds):
        for label, name, checkout in plan:
            env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
            out = subprocess.run([sys.executable, str(Path(__file__).resolve()), str(a.school), "--before",
                                  str(a.before), "--after", str(a.after), "--work", str(a.work), "--part", name],
                                 env=env, check=True, capture_output=True, text=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            runs.setdefault(label, []).append(result)
            print(json.dumps({"round": n + 1, "part": label, **result}), flush=True)
    cpu = {label: statistics.median(float(r["cpu"]) for r in rs) for label, rs in runs.items()}  # type: ignore[arg-type]
    if a.no_vanilla:
        print(json.dumps({"median_cpu": cpu, "after_vs_before": round(cpu["before"] / cpu["after"], 3)}))
        return
    print(json.dumps({"median_cpu": cpu,
                      "vanilla_vs_after": round(cpu["vanilla"] / cpu["after"], 2),
                      "vanilla_batch_vs_after": round(cpu["vanilla batch"] / cpu["after"], 2),
                      "vanilla_vs_before": round(cpu["vanilla"] / cpu["before"], 2),
                      "vanilla_batch_vs_before": round(cpu["vanilla batch"] / cpu["before"], 2)}))


if __name__ == "__main__":
    main()
