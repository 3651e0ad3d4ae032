"""violations.csv and findings.csv: masked exports for Dutch Excel (`;`-separated, UTF-8 with BOM).

Dutch Excel reads a plain comma file as one column and a file without BOM as Latin-1, so both are
fixed here; scores get a decimal comma in Dutch. Raw values are never exported to CSV, not even with
--show-values (that is for report.json only), and text that looks like a formula is quoted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from reports import private_file
from reports.i18n import t, value_label
from reports.reuse import Reuse, current
from reports.terminal import printable
from reports.view import FORMULA_START, lang_of, violation_rows
from scanner.kernel.model import Report


def _write(path: Path, header: list[str], rows: Iterable[list[object]]) -> Path:
    """`rows` may be a generator: findings.csv of a large share is written as the ledger is read."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(header)
        # control and bidi characters as escapes, as the terminal shows them (a spoofed name stays visible)
        writer.writerows(_cells(row) for row in rows)
    private_file(path)
    return path


def _cells(row: list[object]) -> list[str]:
    """Each cell as `printable(sheet_text(cell))`; a row whose text is all printable (nearly every row)
    is checked once instead of cell by cell (90 000 findings made 700 000 calls)."""
    cells = ["'" + c if isinstance(c, str) and c.startswith(FORMULA_START) else str(c) for c in row]  # sheet_text
    if "".join(cells).isprintable():
        return cells
    return [printable(c, keep="\n\t") for c in cells]


def _score(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "nl" else text


def _copied(reuse: Reuse, path: Path, key: str) -> bool:
    """The previous run's file copied into `path` whole (Reuse.copy), when it may be taken over."""
    if reuse.span(path.name, "all", key) is None or path.resolve() == (reuse.previous / path.name).resolve():
        return False
    with path.open("wb") as out:
        return reuse.copy(path.name, "all", out, key)


def write_csv(report: Report, out_dir: Path) -> Path:
    """Writes both files; returns violations.csv (findings.csv sits beside it)."""
    lang = lang_of(report)
    reuse = current()
    keys = ["id", "rule", "severity", "source", "path", "pupil", "linked_by", "evidence", "message", "legal",
            "action", "status", "change", "first_seen", "reason", "owner", "expires"]
    violations = out_dir / "violations.csv"
    key = reuse.violations_key(report) if reuse is not None else ""
    if reuse is not None and _copied(reuse, violations, key):  # the same reviewed violations
        private_file(violations)
    else:
        _write(violations, [t(k, lang) for k in keys], (
            [r.identity, r.rule, value_label("sev", r.severity, lang), r.source, r.path, r.leerlingnummer,
             r.linked_by, r.evidence,
             r.message, r.legal_reference, r.action, value_label("status", r.status, lang),
             value_label("change", r.change, lang), r.first_seen, r.reason, r.owner, r.expires]
            for r in violation_rows(report)))
    if reuse is not None:
        reuse.note(violations.name, "all", 0, violations.stat().st_size, key)
    keys = ["source", "path", "place", "entity_type", "score", "evidence", "pupil", "recognizer"]
    path = out_dir / "findings.csv"
    if reuse is not None and _copied(reuse, path, ""):  # the same findings: the same file
        private_file(path)
    else:
        _write(path, [t(k, lang) for k in keys], (
            [f.source, f.path, f.place, f.entity_type, _score(f.score, lang), f.evidence, f.leerlingnummer or "",
             f.recognizer] for f in report.findings))
    if reuse is not None:
        reuse.note(path.name, "all", 0, path.stat().st_size)
    return violations
