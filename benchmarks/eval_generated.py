"""Build generated trap schools in every house style, scan them and score them; prints markdown tables.

    python benchmarks/eval_generated.py [--styles flevo,meerstroom,zuidrand] [--seeds 11,12,13] [--work /tmp/eval-gen]

Each school is built by `scanner.demo.build_demo_school` (default size), scanned with its own avgscan.yaml
(`audit()` without an output folder, raw values shown so entities can be scored) and scored against its truth/
folder with the in-repo scorer (the shared scorer's semantics). Violation counts are pooled over the schools,
overall and per style; entity recall is given for PERSON, ADDRESS and DATE_OF_BIRTH, and unknown-subject
recall on its own. The schools are ones the scanner was never tuned on: the numbers are the measure of issue
13.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's scanner, not an installed one

from scanner.audit import audit  # noqa: E402
from scanner.config import load_config  # noqa: E402
from scanner.demo import build_demo_school  # noqa: E402
from scanner.demo.scoring import entity_counts, rates, violation_counts  # noqa: E402
from scanner.demo.styles import STYLE_NAMES  # noqa: E402
from scanner.demo.truth import RULES  # noqa: E402

ENTITY_TYPES = ("PERSON", "ADDRESS", "DATE_OF_BIRTH")


def scan_school(root: Path) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]], dict[str, Any]]:
    """(violation counts per rule, entity counts per type, statistics) of one built school."""
    report = audit(load_config(root / "avgscan.yaml"), None, show_values=True, progress=False).report
    predicted = [asdict(v) for v in report.violations]
    findings = [{"path": f.path, "entity_type": f.entity_type, "value": getattr(f, "value", None)}
                for f in report.findings]
    return violation_counts(root / "truth", predicted), entity_counts(root / "truth", findings), report.statistics


def pool(parts: list[dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for part in parts:
        for key, counts in part.items():
            out[key].update(counts)
    return {k: dict(v) for k, v in out.items()}


def violation_table(title: str, counts: dict[str, dict[str, int]]) -> str:
    lines = [f"### {title}", "", "| rule | tp | fp | fn | fp on controls | precision | recall | F1 |",
             "|---|---|---|---|---|---|---|---|"]
    for rule, r in rates({rule: counts.get(rule, {"tp": 0, "fp": 0, "fn": 0, "fp_on_controls": 0})
                          for rule in RULES}).items():
        lines.append(f"| {rule} | {r['tp']} | {r['fp']} | {r['fn']} | {r['fp_on_controls']} | {r['precision']} | "
                     f"{r['recall']} | {r['f1']} |")
    return "\n".join(lines)


def entity_table(rows: dict[str, tuple[dict[str, dict[str, int]], dict[str, int]]]) -> str:
    lines = ["### Entity and unknown-subject recall", "",
             "| schools | " + " | ".join(f"{t} recall" for t in ENTITY_TYPES) + " | unknown-subject recall |",
             "|---|" + "---|" * (len(ENTITY_TYPES) + 1)]
    for name, (ents, unknown) in rows.items():
        cells = []
        for t in ENTITY_TYPES:
            c = ents.get(t, {})
            tp, fn = c.get("tp", 0), c.get("fn", 0)
            cells.append(f"{tp / (tp + fn):.3f} ({tp}/{tp + fn})" if tp + fn else "-")
        tp, total = unknown["tp"], unknown["tp"] + unknown["fn"]
        cells.append(f"{tp / total:.3f} ({tp}/{total})" if total else "-")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--styles", default=",".join(STYLE_NAMES), help="comma-separated house styles")
    ap.add_argument("--seeds", default="11,12,13", help="comma-separated seeds (one school per style and seed)")
    ap.add_argument("--pupils", type=int, default=60)
    ap.add_argument("--work", default="/tmp/eval-generated", help="folder for the generated schools")
    a = ap.parse_args()
    styles = [s for s in a.styles.split(",") if s]
    seeds = [int(s) for s in a.seeds.split(",") if s]
    work = Path(a.work)
    by_style: dict[str, list[tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]]] = defaultdict(list)
    t0 = time.monotonic()
    for style in styles:
        for seed in seeds:
            root = work / f"{style}-{seed}"
            build_demo_school(root, seed=seed, pupils=a.pupils, style=style)
            viol, ents, stats = scan_school(root)
            by_style[style].append((viol, ents))
            print(f"- {style} seed {seed}: {stats['items']} items, {stats['unreadable']} unreadable, "
                  f"{sum(c['fp'] for c in viol.values())} fp, {sum(c['fn'] for c in viol.values())} fn")
    print(f"\n{len(styles) * len(seeds)} schools in {time.monotonic() - t0:.0f} s\n")
    every = [v for runs in by_style.values() for v, _ in runs]
    print(violation_table(f"All schools ({', '.join(styles)}; seeds {', '.join(map(str, seeds))})", pool(every)))
    for style, runs in by_style.items():
        print()
        print(violation_table(f"Style {style}", pool([v for v, _ in runs])))
    rows = {"all": (pool([e for runs in by_style.values() for _, e in runs]), pool(every)["unknown-subject"])}
    for style, runs in by_style.items():
        rows[style] = (pool([e for _, e in runs]), pool([v for v, _ in runs])["unknown-subject"])
    print()
    print(entity_table(rows))


if __name__ == "__main__":
    main()
