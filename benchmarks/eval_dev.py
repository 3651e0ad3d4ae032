"""Scan the labelled development school and score it with the shared scorer; prints markdown tables.

    python benchmarks/eval_dev.py [--shared ../shared] [--work /tmp/eval-dev]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import yaml

from reports import write_all
from scanner.audit import audit
from scanner.config import build_config

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    ap.add_argument("--work", default="/tmp/eval-dev")
    ap.add_argument("--out", default="/tmp/eval-dev-out")
    a = ap.parse_args()
    shared, work, out = Path(a.shared), Path(a.work), Path(a.out)
    subprocess.run([sys.executable, str(shared / "tools" / "restore_meta.py"), str(shared / "eval-dev"), str(work)],
                   check=True, capture_output=True)
    cfg_path = HERE / "eval-dev.avgscan.yaml"
    raw = yaml.safe_load(cfg_path.read_text(encoding="utf-8").replace("/tmp/eval-dev", str(work)))
    t0 = time.monotonic()
    report = audit(build_config(raw, str(cfg_path), HERE), None, as_of=date(2026, 11, 29), show_values=True,
                   progress=False).report
    wall = time.monotonic() - t0
    write_all(report, out, ["json"])
    score_file = out / "score.json"
    subprocess.run([sys.executable, str(shared / "tools" / "score.py"), str(work), "--report", str(out / "report.json"),
                    "--json", str(score_file)], check=True, capture_output=True)
    score = json.loads(score_file.read_text(encoding="utf-8"))
    print(f"wall time {wall:.1f} s, {report.statistics['items']} items, {report.statistics['unreadable']} unreadable\n")
    print("| rule | tp | fp | fn | fp on controls | precision | recall | F1 |\n|---|---|---|---|---|---|---|---|")
    for rule, r in score["violations"].items():
        print(f"| {rule} | {r['tp']} | {r['fp']} | {r['fn']} | {r['fp_on_controls']} | {r['precision']} | "
              f"{r['recall']} | {r['f1']} |")
    print("\n| entity | tp | fn | decoy hits | unlabelled | recall | precision vs decoys | strict precision |")
    print("|---|---|---|---|---|---|---|---|")
    for t, r in score["entities"].items():
        print(f"| {t} | {r['tp']} | {r['fn']} | {r['decoy_hits']} | {r['unlabelled']} | {r['recall']} | "
              f"{r['precision_vs_decoys']} | {r['precision_strict']} |")


if __name__ == "__main__":
    main()
