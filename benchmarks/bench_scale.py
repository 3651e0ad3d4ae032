"""Scale benchmark: throughput, rescan speed-up, peak memory, and avgscan vs vanilla Presidio.

    python benchmarks/bench_scale.py --pupils 400 --documents 2000 [--workers 2] [--rows 1000000]
    python benchmarks/bench_scale.py --pupils 1000 --documents 10000 --workers 2 --scan-only
    python benchmarks/bench_scale.py --pupils 60 --documents 300 --workers 2 --small-files 100000
    python benchmarks/bench_scale.py --rows 1000000 --workers 2 --table-paths columnar,row
    python benchmarks/bench_scale.py --dask-workers 1,2,4 --school /tmp/s17/meerstroom

Steps (each printed as a table row, see benchmarks/README.md):
1. builds the scale corpus with the project's generator (fixed seed) under --work, unless present;
2. extracts every item once (the same texts feed steps 5 and 6);
3. full scan (extract + detect incl. NER + link + rules) into a fresh output folder: MB of extracted
   text per wall-second and per CPU-second (parent + workers), items/s, peak RSS;
4. rescan of the unchanged corpus into the same folder (incremental cache): speed-up;
5. side by side on the same extracted texts, one process each: avgscan's detection (files in
   batches, as a worker runs them) vs vanilla Presidio (AnalyzerEngine, the same spaCy pipeline,
   Presidio's predefined recognizers for nl), per text and through its BatchAnalyzerEngine;
6. recall of both on the labelled development school (../shared/eval-dev, restored to /tmp/eval-dev);
7. with --rows N: a structured table of N rows (foreign key to the register, remarks) scanned alone;
   with --table-paths row,columnar through each table path, side by side (scanner/columnar.py).

With --dask-workers 1,2,4 --school DIR: the school on a dask LocalCluster with each number of worker
processes, wall and CPU (parent, workers) of each, and Amdahl's prediction (benchmarks/README.md).

With --small-files N (issue 17): N small generated text files (a name and a telephone number each) are
added to the corpus under share/Klein, then steps 1 and 3 alone with every report written: peak RSS
and PSS of all processes, and the parent's memory per 10 000 items (the slope of its RSS against the
items done, sampled every 1000 items through the progress hook).

With --scan-only: steps 1 and 3 alone, for the peak-memory target. Step 2 keeps every extracted text
in this process (steps 5 and 6 reuse them), which would count in the parent's peak RSS; here the MB
of text is counted after the scan, one item at a time, and the report is scored against the
generator's truth.json, so a large corpus is also checked for correctness.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pss import PssSampler  # noqa: E402

from connectors import open_source  # noqa: E402
from scanner.audit import audit  # noqa: E402
from scanner.config import load_config  # noqa: E402
from scanner.detection.detect import detect  # noqa: E402
from scanner.detection.engine import build_analyzer, nlp_engine  # noqa: E402
from scanner.detection.paragraphs import join_lines, split_long  # noqa: E402
from scanner.kernel.errors import Unreadable  # noqa: E402
from scanner.records.loading import load_records  # noqa: E402


def cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def peak_mb() -> tuple[float, float]:
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def extracted(cfg) -> Iterator[tuple[str, list]]:  # noqa: ANN001
    """(path, units as detection sees them) of every readable item, one at a time."""
    for src_cfg in cfg.sources:
        source = open_source(src_cfg)
        for item in source.crawl():
            if item.status != "scanned":
                continue
            try:
                content = source.read(item)
            except Unreadable:
                continue
            yield item.path, split_long(join_lines(content.units))
        source.close()


def extract_all(cfg) -> list[tuple[str, list]]:  # noqa: ANN001
    return list(extracted(cfg))


def text_mb_streamed(cfg) -> tuple[int, float]:  # noqa: ANN001
    """(items read, MB of extracted text), one item at a time: nothing is kept, unlike extract_all."""
    items, size = 0, 0
    for _, units in extracted(cfg):
        items += 1
        size += sum(len(u.text.encode()) for u in units)
    return items, size / 1e6


def rss_mb() -> float:
    """This process's resident set now (not the peak), from /proc."""
    with open("/proc/self/status", encoding="ascii") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024


def truth_score(school: Path, report) -> dict[str, object]:  # noqa: ANN001
    """Precision and recall per rule against the generator's truth.json (as tests/test_demo.py does)."""
    from dataclasses import asdict

    from scanner.demo import score

    truth = json.loads((school / "truth.json").read_text(encoding="utf-8"))
    result = score([asdict(v) for v in report.violations], truth["violations"])
    out: dict[str, object] = {rule: f"P {r['precision']} R {r['recall']} (tp {r['tp']} fp {r['fp']} fn {r['fn']})"
                              for rule, r in result["rules"].items()}
    out["unexpected"], out["missed"] = result["unexpected"][:20], result["missed"][:20]
    return out


def add_small_files(school: Path, n: int) -> None:
    """N small text files under share/Klein, 1000 a folder, written once (a marker beside the share
    says how many): what a share of a million files holds besides its documents."""
    import random

    marker = school / f"small-files-{n}.done"
    if marker.exists():
        return
    root = school / "share" / "Klein"
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(17)
    first = ["Daan", "Sanne", "Noah", "Emma", "Lotte", "Sem", "Julia", "Finn", "Tess", "Milan"]
    last = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos"]
    for k in range(n):
        folder = root / f"{k // 1000:04}"
        if k % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"notitie-{k:07}.txt").write_text(
            f"Notitie {k}: gesprek met {rng.choice(first)} {rng.choice(last)}, "
            f"telefoon 06-{rng.randint(10**7, 10**8 - 1)}, over het rooster van volgende week.\n", encoding="utf-8")
    marker.touch()


class ParentSlope:
    """The parent's RSS against the items done, every `every` items, through the progress hook (the
    same hook in every version of the scanner, so before and after are measured alike)."""

    def __init__(self, every: int = 1000) -> None:
        import scanner.progress as progress

        self.every, self.samples = every, [(0, rss_mb())]
        self._cls, self._original = progress.ScanProgress, progress.ScanProgress.__call__
        original, samples = self._original, self.samples

        def counting(meter, scanned) -> None:  # noqa: ANN001
            original(meter, scanned)
            if meter.done % every == 0:
                samples.append((meter.done, rss_mb()))

        self._cls.__call__ = counting

    def stop(self) -> dict[str, float]:
        self._cls.__call__ = self._original
        pts = self.samples[2:] if len(self.samples) > 4 else self.samples[1:]  # after the analyzer and the fork
        if len(pts) < 2:
            return {}
        mx, my = sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)
        slope = sum((x - mx) * (y - my) for x, y in pts) / (sum((x - mx) ** 2 for x, _ in pts) or 1)
        return {"parent_MB_per_10000_items": round(slope * 10_000, 1), "parent_MB_first_sample": round(pts[0][1]),
                "parent_MB_last_sample": round(pts[-1][1]), "items_sampled": pts[-1][0]}


def scan_only(school: Path, cfg, workers: int, work: Path, reports: bool = False  # noqa: ANN001
              ) -> dict[str, object]:
    """Full scan of the corpus with its peak RSS, then the MB of text streamed, then the truth score."""
    out = work / "out-scan-only"
    shutil.rmtree(out, ignore_errors=True)
    before = rss_mb()
    sampler = PssSampler()
    sampler.start()
    slope = ParentSlope()
    wall, used, report = scan(cfg, out, workers, reports)
    total_pss = sampler.stop()
    parent, largest_child = peak_mb()
    after = rss_mb()
    stats = report.statistics
    result: dict[str, object] = {
        "items": stats["items"], "unreadable": stats["unreadable"], "findings": stats["findings"],
        "violations": len(report.violations), "wall_s": round(wall, 1), "cpu_s_parent_and_workers": round(used, 1),
        "peak_rss_MB": {"parent": round(parent), "largest_worker": round(largest_child),
                        "parent_before_scan": round(before), "parent_after_scan": round(after)},
        "peak_pss_MB_parent_plus_workers": round(total_pss), "parent_slope": slope.stop()}
    result["truth"] = truth_score(school, report)
    del report
    n, size = text_mb_streamed(cfg)
    result["text"] = {"items_with_text": n, "MB": round(size, 2), "MB_per_wall_s": round(size / wall, 3),
                      "MB_per_cpu_s": round(size / used, 3), "items_per_wall_s": round(stats["items"] / wall, 1)}
    return result


def mb(texts: list[tuple[str, list]]) -> float:
    return sum(len(u.text.encode()) for _, units in texts for u in units) / 1e6


def scan(cfg, out: Path, workers: int, reports: bool = False) -> tuple[float, float, object]:  # noqa: ANN001
    """The audit into `out` (its state store: the second run is answered from the cache), no report files
    unless `reports` (then all of them): the scan and the review are timed, not the writers."""
    t0, c0 = time.monotonic(), cpu()
    report = audit(cfg, out, workers=workers, formats=None if reports else [], progress=False).report
    wall, used = time.monotonic() - t0, cpu() - c0
    return wall, used, report


def vanilla_analyzer():  # noqa: ANN201
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from scanner.detection.recognizers.nl_email import _OFFLINE

    # Presidio's EmailRecognizer calls tldextract, which downloads the public suffix list on first use;
    # this machine is offline, so it gets the same extractor on the bundled list (same work per call).
    tldextract.tldextract.TLD_EXTRACTOR = _OFFLINE

    engine = nlp_engine()
    registry = RecognizerRegistry(supported_languages=["nl"])
    registry.load_predefined_recognizers(languages=["nl"], nlp_engine=engine)
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["nl"])


def side_by_side(texts: list[tuple[str, list]], cfg) -> dict[str, dict[str, float]]:  # noqa: ANN001
    """avgscan's detection as a worker runs it (files in batches of FILE_BATCH: the NER reads all their
    windows at once; the analyzer knows the organisation's own names, as `Scanner.analyzer` builds it:
    without them the letterhead sent every letter to the NER, sessions 23-29), then vanilla Presidio
    per text, then vanilla Presidio's own batch engine (spaCy's whole pipeline over FILE_BATCH texts at a
    time with nlp.pipe, then the recognizers per text)."""
    from presidio_analyzer import BatchAnalyzerEngine

    from scanner.detection.detect import MIN_SCORE, block_texts
    from scanner.executor import FILE_BATCH

    ours = build_analyzer(load_records(cfg).known_people(), own_names=cfg.organisation.own_names)
    vanilla = vanilla_analyzer()
    out = {}
    t0, c0 = time.monotonic(), time.process_time()
    for start in range(0, len(texts), FILE_BATCH):
        part = texts[start:start + FILE_BATCH]
        ours.prepare([block for _, units in part for block in block_texts(units)], "nl", MIN_SCORE)
        for path, units in part:
            detect(ours, "s", path, units)
        ours.forget()
    out["avgscan"] = {"wall": time.monotonic() - t0, "cpu": time.process_time() - c0}

    def chunks() -> Iterator[str]:
        for _, units in texts:
            text = "\n".join(u.text for u in units)
            for start in range(0, len(text), 100_000):  # spaCy refuses texts over 1,000,000 characters
                yield text[start:start + 100_000]

    t0, c0 = time.monotonic(), time.process_time()
    for chunk in chunks():
        vanilla.analyze(text=chunk, language="nl")
    out["vanilla Presidio"] = {"wall": time.monotonic() - t0, "cpu": time.process_time() - c0}
    t0, c0 = time.monotonic(), time.process_time()
    for _ in BatchAnalyzerEngine(vanilla).analyze_iterator(list(chunks()), language="nl", batch_size=FILE_BATCH):
        pass
    out["vanilla Presidio, BatchAnalyzerEngine"] = {"wall": time.monotonic() - t0, "cpu": time.process_time() - c0}
    return out


def recall(shared: Path) -> dict[str, dict[str, float]]:
    """Entity recall of avgscan's detection and of vanilla Presidio on the labelled development school."""
    work = Path("/tmp/eval-dev")
    subprocess.run([sys.executable, str(shared / "tools" / "restore_meta.py"), str(shared / "eval-dev"), str(work)],
                   check=True, capture_output=True)
    cfg = load_config(HERE / "eval-dev.avgscan.yaml")
    texts = extract_all(cfg)
    expected: dict[tuple[str, str], list[str]] = defaultdict(list)
    import csv

    with open(work / "truth" / "expected_entities.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            expected[(r["path"], r["entity_type"])].append(r["value"])
    ours = build_analyzer(load_records(cfg).known_people(), own_names=cfg.organisation.own_names)
    vanilla = vanilla_analyzer()
    alias = {"DATE_TIME": "DATE_OF_BIRTH"}
    found: dict[str, dict[tuple[str, str], list[str]]] = {"avgscan": defaultdict(list), "vanilla": defaultdict(list)}
    for path, units in texts:
        for f in detect(ours, "s", path, units):
            found["avgscan"][(path, f.entity_type)].append(f.value)
        for u in units:
            for r in vanilla.analyze(text=u.text, language="nl"):
                found["vanilla"][(path, alias.get(r.entity_type, r.entity_type))].append(u.text[r.start:r.end])

    def norm(v: str) -> str:
        return re.sub(r"\s+", " ", v).strip().casefold()

    result: dict[str, dict[str, float]] = {}
    for name, got in found.items():
        tp = total = 0
        for key, values in expected.items():
            preds = [norm(p) for p in got.get(key, [])]
            for v in values:
                total += 1
                nv = norm(v)
                tp += any(nv == p or (min(len(nv), len(p)) >= 3 and (nv in p or p in nv)) for p in preds)
        result[name] = {"recall_all_types": round(tp / total, 3)}
    return result


def table_benchmark(rows: int, work: Path, workers: int) -> tuple[float, int]:
    cfg_path = build_table(rows, work)
    t0 = time.monotonic()
    report = audit(load_config(cfg_path), None, workers=workers, progress=False).report
    return time.monotonic() - t0, len(report.violations)


def build_table(rows: int, work: Path) -> Path:
    """The table of `rows` absence rows (foreign key to a register of 500, remarks) and its config."""
    db = work / f"rows{rows}.db"
    if not db.exists():
        import random

        random.seed(7)
        conn = sqlite3.connect(db)
        conn.executescript(
            "create table leerlingen (id integer primary key, leerlingnummer text, achternaam text, roepnaam text,"
            " geboortedatum text, uitschrijving text);"
            "create table verzuim (id integer primary key, leerling_id integer references leerlingen(id),"
            " datum text, soort text, uren real, opmerking text);")
        conn.executemany("insert into leerlingen values (?,?,?,?,?,?)",
                         [(i, str(20000 + i), f"Achternaam{i}", f"Roepnaam{i}", "2014-01-01",
                           "2019-07-31" if i % 10 == 0 else None) for i in range(1, 501)])
        notes = ["te laat (bus)", "afspraak i.v.m. ADHD", "ziek", "tandarts", "afspraak jeugdarts", None,
                 "luxe verzuim", "fysiotherapie", "bezoek orthodontist", None]
        conn.executemany("insert into verzuim values (?,?,?,?,?,?)", (
            (i, random.randint(1, 500), f"2026-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}",
             random.choice(["geoorloofd", "ongeoorloofd", "te laat"]), 1.5, random.choice(notes))
            for i in range(1, rows + 1)))
        conn.commit()
        conn.close()
    cfg_path = work / "rows.yaml"
    cfg_path.write_text(f"""sources:
  - {{name: las, type: database, url: "sqlite:///{db}", register_tables: [leerlingen],
      roles: {{verzuim: care}}}}
records:
  register: {{url: "sqlite:///{db}", table: leerlingen, columns: {{uitschrijving: uitschrijving}}}}
as_of: 2026-11-29
""", encoding="utf-8")
    return cfg_path


def table_paths(rows: int, work: Path, workers: int, paths: list[str]) -> dict[str, object]:
    """The same table through the row path and the columnar path (scanner/columnar.py), one after the
    other in this process: wall and CPU (this process and its workers) of each, and whether the
    violations are the same."""
    import scanner.columnar as columnar

    out: dict[str, object] = {}
    seen = []
    table_benchmark(1000, work, workers)  # imports and the first load of the NLP pipeline are nobody's cost
    cfg_path = build_table(rows, work)
    for path in paths:
        columnar.ENABLED = path == "columnar"
        t0, c0 = time.monotonic(), cpu()
        report = audit(load_config(cfg_path), None, workers=workers, progress=False).report
        wall, used = time.monotonic() - t0, cpu() - c0
        seen.append(sorted((v.rule, v.path, v.leerlingnummer or "") for v in report.violations))
        out[path] = {"wall_s": round(wall, 1), "cpu_s": round(used, 1), "violations": len(report.violations),
                     "items": report.statistics["items"], "findings": report.statistics["findings"],
                     "load": Path("/proc/loadavg").read_text().split()[:3]}
        del report
    columnar.ENABLED = True
    out["same_violations"] = all(s == seen[0] for s in seen)
    return out


def dask_scale_out(school: Path, counts: list[int]) -> dict[str, object]:
    """The same school on a dask LocalCluster with each number of worker processes, one after the other.

    Wall time includes starting the cluster and each worker building its own analyzer (in parallel).
    The parent's own CPU (crawling, linking, the cache, the rules, the report) is the serial part
    Amdahl's law needs: it does not shrink with more workers. The load average is printed with each
    run: on a shared machine it says how many cores the workers really had."""
    cfg = load_config(school / "avgscan.yaml")
    runs: dict[str, object] = {}
    first = None
    for n in counts:
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        s0, k0 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        report = audit(cfg, None, workers=n, executor="dask", formats=[], progress=False).report
        wall = time.monotonic() - t0
        s1, k1 = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        parent_cpu = (s1.ru_utime + s1.ru_stime) - (s0.ru_utime + s0.ru_stime)
        # the cluster's worker processes are this process's children, reaped when the cluster closes
        workers_cpu = (k1.ru_utime + k1.ru_stime) - (k0.ru_utime + k0.ru_stime)
        first = first or wall
        runs[str(n)] = {"wall_s": round(wall, 1), "parent_cpu_s": round(parent_cpu, 1),
                        "workers_cpu_s": round(workers_cpu, 1),
                        "speedup_vs_first": round(first / wall, 2),
                        "speedup_per_worker": round(first / wall / (n / counts[0]), 2),
                        "items": report.statistics["items"], "violations": len(report.violations),
                        "load_before": load_before, "load_after": Path("/proc/loadavg").read_text().split()[:3]}
        del report
    serial = min(r["parent_cpu_s"] for r in runs.values())  # type: ignore[index]
    t1 = runs[str(counts[0])]["wall_s"] * counts[0]  # type: ignore[index]  (one worker's wall, as if alone)
    parallel = max(t1 - serial, 0.0)
    runs["amdahl"] = {"serial_s": round(serial, 1), "serial_fraction": round(serial / t1, 3),
                      **{f"predicted_wall_s_{k}_workers": round(serial + parallel / k, 1) for k in (2, 4, 8, 16)},
                      "predicted_speedup_16": round(t1 / (serial + parallel / 16), 2),
                      "limit_speedup": round(t1 / serial, 2) if serial else None}
    # the same from CPU seconds, which the machine's load does not stretch: the parent's part does not
    # shrink with more workers, the workers' part is shared by them
    work = runs[str(counts[0])]["workers_cpu_s"]  # type: ignore[index]
    runs["amdahl_cpu"] = {f"predicted_s_{k}_workers": round(serial + work / k, 1) for k in (1, 2, 4, 8, 16)}
    runs["amdahl_cpu"]["predicted_speedup_16"] = round((serial + work) / (serial + work / 16), 2)  # type: ignore[index]
    return runs


def cli_scan(cfg_path: Path, out: Path, workers: int, code: Path = HERE.parent) -> tuple[float, dict]:
    """`avgscan scan` of checkout `code` in its own process, as a school runs it (imports, every report
    format): wall seconds and the report.json it wrote."""
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", "-c", str(cfg_path), "--out", str(out),
                           "--workers", str(workers)], cwd=code, capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": str(code)})
    wall = time.monotonic() - t0
    if done.returncode not in (0, 1, 3):
        raise RuntimeError(done.stderr[-3000:])
    return wall, json.loads((out / "report.json").read_text(encoding="utf-8"))


def same_report(a: dict, b: dict) -> bool:
    """The same violations (with their IDs and triage status), findings and items; not the times or counters."""
    def essence(r: dict) -> tuple:
        return ([(v["id"], v["rule"], v["path"], v["leerlingnummer"], v["status"], v["message"], v["findings"])
                 for v in r["violations"]], r["findings"], r["items"], r.get("to_review"), r.get("exempt"))
    return essence(a) == essence(b)


def rescans(corpora: dict[str, Path], work: Path, workers: int, compare: Path | None,
            repeat: int = 2, keep_first: bool = False) -> dict[str, object]:
    """Issue 17: per corpus, a first scan into a fresh output folder, then `repeat` rescans of the unchanged
    corpus into the same folder, each `avgscan scan` in its own process with every report format. With
    `compare` (another checkout, e.g. main) its rescans run in turn with these, on a copy of the folder
    after the first scan (the detection cache is the same), so both ratios share one first scan. With
    `keep_first` the first scan of an earlier run (its folders and time) is used again."""
    out: dict[str, object] = {}
    for name, cfg_path in corpora.items():
        folder, other = work / f"out-rescan-{name}", work / f"out-rescan-{name}-compare"
        marker = work / f"first-scan-{name}.json"  # with keep_first: the first scan of an earlier run
        if keep_first and marker.exists() and folder.exists() and (compare is None or other.exists()):
            first = json.loads(marker.read_text(encoding="utf-8"))["wall_s"]
            report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        else:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(other, ignore_errors=True)
            first, report = cli_scan(cfg_path, folder, workers)
            marker.write_text(json.dumps({"wall_s": first}), encoding="utf-8")
            if compare is not None:
                shutil.copytree(folder, other)
        runs: dict[str, list[float]] = {"this": [], "compare": []}
        same = {"this": True, "compare": True}
        for _ in range(repeat):
            for who, code, place in (("this", HERE.parent, folder), ("compare", compare, other)):
                if code is None:
                    continue
                wall, again = cli_scan(cfg_path, place, workers, code)
                runs[who].append(wall)
                same[who] = same[who] and same_report(report, again)
                if who == "this":
                    stats = again["statistics"]
        out[name] = {"items": report["statistics"]["items"], "findings": len(report["findings"]),
                     "violations": len(report["violations"]), "first_scan_s": round(first, 1),
                     "rescans_s": [round(w, 2) for w in runs["this"]], "ratio": round(first / min(runs["this"]), 1),
                     "cache_hits": stats["cache_hits"], "judgements_reused": stats.get("judgements_reused"),
                     "same_report": same["this"]}
        if compare is not None:
            out[name]["compare"] = {"code": str(compare), "rescans_s": [round(w, 2) for w in runs["compare"]],
                                    "ratio": round(first / min(runs["compare"]), 1), "same_report": same["compare"]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pupils", type=int, default=400)
    ap.add_argument("--documents", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--work", default="/tmp/avgscan-bench")
    ap.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    ap.add_argument("--rows", type=int, default=0)
    ap.add_argument("--skip-side-by-side", action="store_true")
    ap.add_argument("--small-files", type=int, default=0,
                    help="add N small generated files to the corpus, scan it once with every report: memory")
    ap.add_argument("--table-paths", default="",
                    help="with --rows: e.g. row,columnar: the table through each path, side by side")
    ap.add_argument("--scan-only", action="store_true",
                    help="only the corpus and one full scan: peak RSS, time, text MB, score against truth.json")
    ap.add_argument("--dask-workers", default="",
                    help="e.g. 1,2,4: scan --school on a dask LocalCluster with each number of worker processes")
    ap.add_argument("--school", default="", help="a built school (the folder of its avgscan.yaml) for "
                                                 "--dask-workers and --rescan-only (default there: the "
                                                 "--pupils/--documents corpus)")
    ap.add_argument("--rescan-only", action="store_true",
                    help="issue 17: first scan and rescans (own process, every format) of --school and of a "
                         "--rows table, side by side")
    ap.add_argument("--compare", help="with --rescan-only: another checkout (e.g. /work/main) whose rescans run "
                                      "in turn with this one's")
    ap.add_argument("--repeat", type=int, default=2, help="with --rescan-only: rescans per checkout")
    ap.add_argument("--keep-first", action="store_true",
                    help="with --rescan-only: reuse the first scans (folders and times) of an earlier run")
    a = ap.parse_args()
    work = Path(a.work)
    if a.dask_workers:
        counts = [int(x) for x in a.dask_workers.split(",")]
        results = {"school": a.school, "dask": dask_scale_out(Path(a.school), counts)}
        print(json.dumps(results, indent=1))
        return
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {}
    if a.rows and a.table_paths:
        results["table"] = {"rows": a.rows, **table_paths(a.rows, work, a.workers, a.table_paths.split(","))}
        print(json.dumps(results, indent=1))
        return
    if a.rescan_only:
        from scanner.demo import build_demo_school

        school = Path(a.school) if a.school else work / f"school-{a.pupils}-{a.documents}"
        if not (school / "avgscan.yaml").exists():
            build_demo_school(school, seed=7, pupils=a.pupils, documents=a.documents)
        corpora = {school.name: school / "avgscan.yaml"}
        if a.rows:
            corpora[f"las-{a.rows}-rows"] = build_table(a.rows, work)
        results["rescan"] = rescans(corpora, work, a.workers, Path(a.compare) if a.compare else None,
                                    a.repeat, a.keep_first)
        print(json.dumps(results, indent=1))
        return
    if a.rows:
        wall, n = table_benchmark(a.rows, work, a.workers)
        results["table"] = {"rows": a.rows, "wall_s": round(wall, 1), "violations": n}
        print(json.dumps(results, indent=1))
        return
    from scanner.demo import build_demo_school

    school = work / (f"school-{a.pupils}-{a.documents}" + (f"-small-{a.small_files}" if a.small_files else ""))
    marker = school / "avgscan.yaml"
    t0 = time.monotonic()
    cfg_path = marker if marker.exists() else build_demo_school(school, seed=7, pupils=a.pupils, documents=a.documents)
    if a.small_files:
        add_small_files(school, a.small_files)
    results["corpus"] = {"build_s": round(time.monotonic() - t0, 1)}
    cfg = load_config(cfg_path)
    if a.small_files:
        results["full_scan"] = scan_only(school, cfg, a.workers, work, reports=True)
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return
    if a.scan_only:
        results["full_scan"] = scan_only(school, cfg, a.workers, work)
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return
    t0 = time.monotonic()
    texts = extract_all(cfg)
    size = mb(texts)
    results["extraction"] = {"items": len(texts), "text_MB": round(size, 2), "wall_s": round(time.monotonic() - t0, 1)}
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    wall, used, report = scan(cfg, out, a.workers)
    items = report.statistics["items"]
    results["full_scan"] = {"items": items, "wall_s": round(wall, 1), "cpu_s": round(used, 1),
                            "MB_per_wall_s": round(size / wall, 3), "MB_per_cpu_s": round(size / used, 3),
                            "items_per_s": round(items / wall, 1), "violations": len(report.violations),
                            "peak_rss_MB_parent_children": [round(x) for x in peak_mb()]}
    wall2, _, report2 = scan(cfg, out, a.workers)
    results["rescan"] = {"wall_s": round(wall2, 2), "speedup": round(wall / wall2, 1),
                         "cache_hits": report2.statistics["cache_hits"],
                         "same_violations": sorted((v.rule, v.path, v.leerlingnummer or "") for v in report.violations)
                         == sorted((v.rule, v.path, v.leerlingnummer or "") for v in report2.violations)}
    if not a.skip_side_by_side:
        sbs = side_by_side(texts, cfg)
        for r in sbs.values():
            r["MB_per_wall_s"] = round(size / r["wall"], 3)
            r["MB_per_cpu_s"] = round(size / r["cpu"], 3)
        sbs["ratio_cpu"] = {"avgscan_vs_vanilla": round(sbs["vanilla Presidio"]["cpu"] / sbs["avgscan"]["cpu"], 2),
                            "avgscan_vs_vanilla_batch": round(
                                sbs["vanilla Presidio, BatchAnalyzerEngine"]["cpu"] / sbs["avgscan"]["cpu"], 2)}
        results["side_by_side"] = sbs
        results["recall_eval_dev"] = recall(Path(a.shared))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
