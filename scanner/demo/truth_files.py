"""truth/: the expected results of a generated school (docs/generated-schools.md), next to truth.json,
in the format of the labelled evaluation corpora avgscan is judged on.

- expected_violations.csv: source,path,leerlingnummer,rule,note
- controls.csv: every share file and every database row (the register tables aside) without an expected
  violation: a report of anything there is a false positive on a control
- expected_entities.csv: path,entity_type,value (entities.py)
- decoys.csv: path,decoy_kind,value,must_not_be_reported_as
- file_meta.csv: path,mode,mtime_epoch of every file and folder of the share
- traps.csv: trap class,path: where issue 13's traps are planted (for reading a score, not for scoring)
"""

from __future__ import annotations

import csv
import stat
from pathlib import Path

from scanner.demo.entities import birth_strings, decoys_in, doc_text, entities_in, people, row_text, sheet_names
from scanner.demo.model import Plan
from scanner.demo.truth import all_places, expected_violations


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def entity_rows(plan: Plan) -> tuple[list[list[object]], list[list[object]]]:
    """(expected entity rows, decoy rows) for every document and database row of the plan."""
    everyone = people(plan, plan.applicants, plan.contacts)
    kids = [*plan.pupils, *plan.applicants]
    births = birth_strings(kids)
    entities: list[list[object]] = []
    decoys: list[list[object]] = []
    for doc in plan.docs:
        text = doc_text(doc)
        found = entities_in(text, everyone, doc.place.subjects, kids)
        found = list(dict.fromkeys(sheet_names(doc) + found))
        entities += [[doc.place.path, kind, value] for kind, value in found]
        invoices = [("INVOICE_NUMBER", str(r[0]), "NL_BSN") for r in doc.sheet[1:]] if "Facturen" in doc.title else []
        decoys += [[doc.place.path, k, v, a] for k, v, a in decoys_in(text, plan, births, invoices)]
    for row in plan.rows:
        text = row_text(row)
        entities += [[row.place.path, kind, value] for kind, value in entities_in(text, everyone, row.place.subjects,
                                                                                   kids)]
        decoys += [[row.place.path, k, v, a] for k, v, a in decoys_in(text, plan, births)]
    return entities, decoys


def write_truth_files(folder: Path, plan: Plan, share: Path | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    violations = expected_violations(plan)
    _write(folder / "expected_violations.csv", ["source", "path", "leerlingnummer", "rule", "note"],
           [[v.source, v.path, v.leerlingnummer or "", v.rule, v.note] for v in violations])
    flagged = {(v.source, v.path) for v in violations}
    _write(folder / "controls.csv", ["source", "path", "leerlingnummer", "reason"],
           [[p.source, p.path, p.subjects[0].leerlingnummer if len(p.subjects) == 1 else "", p.note or p.role or ""]
            for p in all_places(plan) if (p.source, p.path) not in flagged])
    entities, decoys = entity_rows(plan)
    _write(folder / "expected_entities.csv", ["path", "entity_type", "value"], entities)
    _write(folder / "decoys.csv", ["path", "decoy_kind", "value", "must_not_be_reported_as"], decoys)
    _write(folder / "traps.csv", ["trap", "path"], [[k, p] for k, paths in sorted(plan.traps.items()) for p in paths])
    if share is not None:
        meta = []
        for p in sorted(share.rglob("*")):
            st = p.stat()
            rel = p.relative_to(share).as_posix() + ("/" if p.is_dir() else "")
            meta.append([rel, oct(stat.S_IMODE(st.st_mode)), int(st.st_mtime)])
        _write(folder / "file_meta.csv", ["path", "mode", "mtime_epoch"], meta)
    return folder
