"""The parent's memory over a share of N world-readable small files, each an open-access violation (issue 17).

    PYTHONPATH=<checkout> python benchmarks/open_share_memory.py <school> 20000 /tmp/o

The items arrive already detected (one telephone number each, every tenth linked to a pupil of the
school's register), so the NLP stack and the workers are left out and only what the parent keeps is
measured: the rules, the review and every report. Prints the RSS every 2000 items, its slope, the RSS at
the end and the peak (VmHWM). Run once per checkout and size, each in a fresh process, side by side.
"""
import csv
import json
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import scanner.pipeline as pipeline
from scanner.audit import audit
from scanner.config import load_config
from scanner.kernel.model import Access, Finding, Item, ScannedItem, Subject

school, n, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
samples: list[tuple[int, int]] = []


def rss(key: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return 0.0


def synthetic(*_a: object, **_k: object) -> Iterator[ScannedItem]:
    for k in range(n):
        path = f"Klein/{k // 1000:04}/notitie-{k:07}.txt"
        item = Item(source="share", path=path, kind="file", size=120, modified=datetime(2026, 1, 1),
                    access=Access(mode=0o644, world_readable=True))
        f = Finding(source="share", path=path, place="regel 1", entity_type="PHONE_NUMBER", score=0.8,
                    evidence="06-******12", recognizer="nl_phone", value="0612345612")
        subjects = [Subject(PUPILS[k % len(PUPILS)], "name", 0.9)] if k % 10 == 0 else []
        yield ScannedItem(item=item, findings=[f], subjects=subjects)
        if (k + 1) % 2000 == 0:
            samples.append((k + 1, round(rss())))

pipeline._scanned = synthetic  # type: ignore[assignment]
cfg = load_config(school / "avgscan.yaml")
with (school / "records" / "leerlingen.csv").open(encoding="utf-8") as fh:
    PUPILS = [r["Leerlingnummer"] for r in csv.DictReader(fh, delimiter=";")]
shutil.rmtree(out, ignore_errors=True)
t0 = time.process_time()
res = audit(cfg, out, workers=1, progress=False)
pts = (samples[1:] if len(samples) > 2 else samples) or [(0, 0)]
mx, my = sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)
slope = sum((x - mx) * (y - my) for x, y in pts) / (sum((x - mx) ** 2 for x, _ in pts) or 1)
print(json.dumps({"n": n, "violations": len(res.violations), "cpu_s": round(time.process_time() - t0, 1),
                  "rss_during_scan": samples[:1] + samples[-1:], "slope_MB_per_10000": round(slope * 1e4, 1),
                  "rss_end": round(rss()), "peak_rss": round(rss("VmHWM"))}))
