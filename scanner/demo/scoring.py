"""Score a scan against a generated school's truth/ folder (docs/generated-schools.md), with the same
semantics as the evaluation corpora avgscan is judged on, so a generated school and such a corpus are
scored alike.

Violations: retention-expired and consent-* match on (source, path, rule, leerlingnummer); open-access
and bsn-outside-administration on (source, path, rule); unknown-subject on (source, path, rule) with
multiplicity. Predictions on the register tables are ignored; a false positive on a path listed in
controls.csv is also counted as a false positive on a control. Entities: per (path, type), values
compared case-folded with whitespace collapsed (identifiers: alphanumerics only), a match when either
contains the other (at least 3 characters), each expected value matched at most once.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from scanner.demo.truth import RULES, SUBJECT_RULES

ID_TYPES = {"NL_BSN", "NL_ONDERWIJSNUMMER", "PHONE_NUMBER", "IBAN_CODE", "NL_POSTCODE"}
REGISTER = ("table:leerlingen#", "table:ouders#")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def npath(p: str) -> str:
    p = (p or "").strip().replace("\\", "/")
    for pre in ("./", "share/"):
        if p.startswith(pre):
            p = p[len(pre):]
    return p.split("!/", 1)[0]  # a zip member or attachment counts for its container


def vkey(r: dict[str, Any]) -> tuple[str, ...]:
    path = npath(str(r.get("path") or ""))
    src = "las" if path.startswith("table:") else "share"
    rule = str(r.get("rule") or "").strip()
    if rule in SUBJECT_RULES:
        return src, path, rule, str(r.get("leerlingnummer") or "").strip()
    return src, path, rule


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def violation_counts(truth: Path, predicted: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """tp/fp/fn/fp_on_controls per rule (counts, so schools can be pooled before rates are taken)."""
    exp = Counter(vkey(r) for r in read_csv(truth / "expected_violations.csv"))
    controls = {npath(r["path"]) for r in read_csv(truth / "controls.csv")}
    pred: Counter[tuple[str, ...]] = Counter()
    for r in predicted:
        if str(r.get("rule") or "").strip() not in RULES:
            continue
        k = vkey(r)
        if k[1].startswith(REGISTER):
            continue
        pred[k] = pred[k] + 1 if k[2] == "unknown-subject" else 1
    out: dict[str, dict[str, int]] = {}
    for rule in RULES:
        e = Counter({k: v for k, v in exp.items() if k[2] == rule})
        p = Counter({k: v for k, v in pred.items() if k[2] == rule})
        out[rule] = {"tp": sum((e & p).values()), "fp": sum((p - e).values()), "fn": sum((e - p).values()),
                     "fp_on_controls": sum(v for k, v in (p - e).items() if k[1] in controls)}
    return out


def rates(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, Any]]:
    """Add precision/recall/F1 per rule and an 'ALL' row."""
    out: dict[str, dict[str, Any]] = {}
    total = Counter[str]()
    for rule, c in counts.items():
        total.update(c)
        p, r, f = prf(c["tp"], c["fp"], c["fn"])
        out[rule] = {**c, "precision": p, "recall": r, "f1": f}
    p, r, f = prf(total["tp"], total["fp"], total["fn"])
    out["ALL"] = {**{k: total[k] for k in ("tp", "fp", "fn", "fp_on_controls")}, "precision": p, "recall": r, "f1": f}
    return out


def nval(kind: str, value: str) -> str:
    v = re.sub(r"\s+", " ", value or "").strip().casefold()
    return re.sub(r"[^0-9a-z]", "", v) if kind in ID_TYPES else v


def vmatch(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a))


def entity_counts(truth: Path, findings: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """tp/fn per entity type: how many planted values a finding (with its raw value) covers."""
    exp: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in read_csv(truth / "expected_entities.csv"):
        exp[(npath(r["path"]), r["entity_type"])].append(nval(r["entity_type"], r["value"]))
    pred: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in findings:
        if f.get("value") is not None:
            kind = str(f.get("entity_type") or "")
            pred[(npath(str(f.get("path") or "")), kind)].append(nval(kind, str(f["value"])))
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for key, values in exp.items():
        pvals = list(dict.fromkeys(pred.get(key, [])))
        used = [False] * len(pvals)
        for ev in values:
            hit = next((i for i, pv in enumerate(pvals) if not used[i] and vmatch(ev, pv)), None)
            if hit is None:
                out[key[1]]["fn"] += 1
            else:
                used[hit] = True
                out[key[1]]["tp"] += 1
    return {k: dict(v) for k, v in out.items()}


def unknown_subject_recall(truth: Path, predicted: list[dict[str, Any]]) -> tuple[int, int]:
    """(found, planted) unknown children."""
    c = violation_counts(truth, predicted)["unknown-subject"]
    return c["tp"], c["tp"] + c["fn"]


def score_truth(truth: Path, predicted: list[dict[str, Any]], findings: list[dict[str, Any]] | None = None
                ) -> dict[str, Any]:
    """The shared scorer's result for one school: {'violations': {...}, 'entities': {...}}."""
    out: dict[str, Any] = {"violations": rates(violation_counts(truth, predicted))}
    if findings is not None:
        ents = {}
        for kind, c in entity_counts(truth, findings).items():
            tp, fn = c.get("tp", 0), c.get("fn", 0)
            ents[kind] = {"tp": tp, "fn": fn, "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0}
        out["entities"] = ents
    return out
