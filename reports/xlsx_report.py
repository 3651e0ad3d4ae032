"""report.xlsx for the FG (Dutch by default): the workbook they filter, sort and hand to the board.

Sheets: Samenvatting (warnings, counts per rule / source / severity, bar chart), Mogelijk datalek,
Overtredingen (one row per violation with its copyable ID), Per leerling, Vrijgesteld, Triage,
Verloop (audits and what was resolved), Dekking (what was and was not read) and Instellingen.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference

from reports import private_file
from reports.i18n import t, value_label
from reports.reuse import COPY_BLOCK, Reuse, current
from reports.tally import tally
from reports.view import (
    breach_deadline,
    gap_notices,
    item_status,
    pupil_rows,
    review_rows,
    reviewed,
    rule_counts,
    school_counts,
    settings_rows,
    severity_counts,
    source_counts,
    start_rows,
    top_rows,
    violation_rows,
    when,
)
from reports.xlsx_layout import Sheet, alert, bold, table, title
from scanner.kernel.ledger import Ledger
from scanner.kernel.model import ACCEPTED, EXPIRED, FALSE_POSITIVE, Item, Report

SORT_RUN = 20_000  # items of the coverage list held at once while it is sorted (the rest wait on disk)


def _summary(ws: Sheet, report: Report, lang: str) -> None:
    st = report.statistics
    title(ws, t("title", lang))
    ws.append([t("as_of", lang), report.settings.as_of.isoformat(), t("generated", lang), when(report.generated_at)])
    for n in gap_notices(report):  # unread sources first: the counts below do not cover them
        alert(ws, [f"{t('gap_title', lang).upper()}: {n.headline}", *([f"{t('gap_reason', lang)}: {n.reason}"]
                                                                       if n.reason else []),
                   f"{t('gap_fix', lang)}: {n.fix}"])
    if report.breaches:
        alert(ws, [f"{t('breach_title', lang).upper()}: {len(report.breaches)}", t("breach_intro", lang),
                   t("breach_guidance", lang)])
    starts = start_rows(report)
    bold(ws, t("start_here", lang))
    ws.append([t("start_here_intro", lang)])
    if starts:
        table(ws, ["#", t("priority", lang), t("source", lang), t("path", lang), t("action", lang), t("pupils", lang),
                   t("why", lang), t("id", lang)],
              [[n, r.priority, r.source, r.path, r.action or r.rule_title, r.pupils, r.why, r.identities]
               for n, r in enumerate(starts, start=1)], freeze=False, autofilter=False)
    else:
        ws.append([t("nothing_to_do", lang)])
    for key, value in (("items", st["items"]), ("scanned", st["scanned"]), ("unreadable", st["unreadable"]),
                       ("skipped", st["skipped"]), ("findings", st["findings"]),
                       ("violations", len(report.violations)), ("open_violations", report.open_violations),
                       ("accepted", report.count(ACCEPTED)), ("expired", report.count(EXPIRED)),
                       ("false_positives", report.count(FALSE_POSITIVE))):
        label = t(key, lang)
        ws.append([label[:1].upper() + label[1:], value])
    if report.history.previous is not None:
        counted = tally(report)
        ws.append([t("since_previous", lang), f"{t('new', lang)}: {counted.new}",
                   f"{t('persisting', lang)}: {counted.persisting}",
                   f"{t('resolved', lang)}: {len(report.history.resolved)}"])
    first, last = table(ws, [t("rule", lang), t("description", lang), t("count", lang)],
                        [[code, name, n] for code, name, n in rule_counts(report)], freeze=False, autofilter=False)
    chart = BarChart()
    chart.type, chart.style, chart.legend = "bar", 10, None
    chart.title, chart.width, chart.height = t("per_rule", lang), 18, 8
    chart.add_data(Reference(ws.ws, min_col=3, min_row=first, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws.ws, min_col=1, min_row=first + 1, max_row=last))
    ws.ws.add_chart(chart, f"E{first}")
    table(ws, [t("source", lang), t("count", lang)], [[s, n] for s, n in source_counts(report)],
          freeze=False, autofilter=False)
    table(ws, [t("school", lang), t("count", lang)],
          [[s or t("no_school", lang), n] for s, n in school_counts(report)], freeze=False, autofilter=False)
    table(ws, [t("severity", lang), t("count", lang)],
          [[value_label("sev", s, lang), n] for s, n in severity_counts(report)], freeze=False, autofilter=False)
    for s in report.skipped_rules:
        ws.append([t("not_run", lang), s["rule"], s["reason"]])
    for problem in report.statistics.get("record_problems", [])[:200]:
        ws.append([t("record", lang), problem])


def _breaches(ws: Sheet, report: Report, lang: str) -> None:
    quiet = [t("not_established" if gap_notices(report) else "no_breaches", lang)]  # no all-clear for unread sources
    alert(ws, [t("breach_intro", lang), t("breach_guidance", lang)] if report.breaches else quiet, width=9)
    ws.skip()
    table(ws, [t(k, lang) for k in ("id", "source", "path", "pupil", "categories", "message", "discovered",
                                     "deadline", "status")],
          [[b.identity, b.source, b.path, b.leerlingnummer or "", ", ".join(b.categories), b.reason,
            when(b.discovered_at), when(breach_deadline(b.discovered_at)), value_label("status", b.status, lang)]
           for b in report.breaches])


def _violations(ws: Sheet, report: Report, lang: str) -> None:
    keys = ["id", "rule", "description", "severity", "priority", "source", "path", "pupil", "linked_by", "evidence",
            "message", "legal", "action", "status", "change", "first_seen", "why"]
    table(ws, [t(k, lang) for k in keys], (
        [r.identity, r.rule, r.rule_title, value_label("sev", r.severity, lang), r.priority, r.source, r.path,
         r.leerlingnummer,
         r.linked_by, r.evidence, r.message, r.legal_reference, r.action, value_label("status", r.status, lang),
         value_label("change", r.change, lang), when(r.first_seen), r.why] for r in violation_rows(report)))


def _to_review(ws: Sheet, report: Report, lang: str) -> None:
    ws.append([t("review_intro", lang)])
    ws.skip()
    table(ws, [t(k, lang) for k in ("rule", "description", "source", "path", "pupil", "review_reason", "linked_by",
                                    "message")],
          ([r.rule, r.rule_title, r.source, r.path, r.leerlingnummer, r.reason, r.linked_by, r.message]
           for r in review_rows(report)))


def _per_pupil(ws: Sheet, report: Report, lang: str) -> None:
    table(ws, [t(k, lang) for k in ("pupil", "violations", "highest", "rules", "places")],
          ([p.leerlingnummer, p.violations, value_label("sev", p.highest, lang), p.rules, p.places]
           for p in pupil_rows(report)))


def _exempt(ws: Sheet, report: Report, lang: str) -> None:
    table(ws, [t(k, lang) for k in ("source", "path", "pupil", "party", "legal_basis", "categories", "shared")],
          ([e.source, e.path, e.leerlingnummer or "", e.party, e.legal_basis, ", ".join(e.categories), e.shared]
           for e in report.exempt))


def _triage(ws: Sheet, report: Report, lang: str) -> None:
    triaged = top_rows(report, len(tally(report).decided), lambda r: r.status != "open")  # as many as the FG decided
    rows: list[list[object]] = [
        [r.identity, value_label("status", r.status, lang), r.rule, r.source, r.path, r.leerlingnummer, r.reason,
         r.owner, r.expires] for r in sorted(triaged, key=lambda r: (r.status, r.expires))]
    rows += [[identity, t("unmatched", lang), "", "", "", "", "", "", ""] for identity in report.triage.unmatched]
    table(ws, [t(k, lang) for k in ("id", "status", "rule", "source", "path", "pupil", "reason", "owner", "expires")],
          rows)


def _history(ws: Sheet, report: Report, lang: str) -> None:
    codes = [code for code, _, _ in rule_counts(report)]
    first, last = table(ws, [t("audit", lang), t("date", lang), t("as_of", lang), t("violations", lang),
                             t("open_violations", lang), *codes],
                        [[a.id, when(a.started_at), a.as_of, a.violations, a.open_violations,
                          *[a.rule_counts.get(c, 0) for c in codes]] for a in report.history.audits], freeze=False)
    if len(report.history.audits) > 1:
        chart = LineChart()
        chart.title, chart.width, chart.height = t("trend", lang), 18, 7
        chart.add_data(Reference(ws.ws, min_col=4, max_col=5, min_row=first, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws.ws, min_col=3, min_row=first + 1, max_row=last))
        ws.ws.add_chart(chart, f"B{last + 3}")
        last += 17  # room for the chart
    ws.skip(last + 1 - ws.row)
    bold(ws, t("resolved", lang) + " — " + t("since_previous", lang).lower()
         if report.history.previous else t("first_audit", lang))
    table(ws, [t(k, lang) for k in ("id", "rule", "severity", "source", "path", "first_seen")],
          ([r.identity, r.rule, value_label("sev", r.severity, lang), r.source, r.masked_path, when(r.first_seen)]
           for r in report.history.resolved), freeze=False, autofilter=False)


def _coverage(ws: Sheet, report: Report, lang: str) -> None:
    order = {"unreadable": 0, "skipped": 1, "scanned": 2}
    def key(i: Item) -> tuple[int, str, str]:
        return order.get(i.status, 3), i.source, i.path

    # a ledger sorts in runs on disk instead of holding every item of the share at once
    items = (report.items.sorted(key, run=SORT_RUN) if isinstance(report.items, Ledger)
             else sorted(report.items, key=key))
    table(ws, [t(k, lang) for k in ("source", "path", "status", "reason", "kind", "role", "party", "pupils")],
          ([i.source, i.path, item_status(i.status, lang), i.reason or "", i.kind, i.role or "",
            i.party or "", ", ".join(n for n, amb in report.subjects.get((i.source, i.path), []) if not amb)]
           for i in items))


def _kept(ws: Sheet, report: Report, lang: str) -> None:
    table(ws, [t(k, lang) for k in ("source", "path", "reason", "pupils")],
          ([k["source"], k["path"], k["reason"], ", ".join(k.get("leerlingnummers", []))] for k in report.kept_by_law))


def _settings(ws: Sheet, report: Report, lang: str) -> None:
    table(ws, [t("setting", lang), t("value", lang)], ([k, v] for k, v in settings_rows(report)))


# The sheets a rescan takes over from the previous workbook (reports.reuse): the coverage sheet (it lists
# the items), and the sheets of the reviewed violations (Reuse.violations_key: what the review gave them
# and their priorities) that are most of a rescan where most files are violations. Not the triage sheet:
# it names the triage file's unmatched entries too.
TAKEN = {"coverage": False, "violations": True, "to_review": True, "per_pupil": True}  # True: by violations_key


def write_xlsx(report: Report, out_dir: Path) -> Path:
    """Each sheet is written row by row in openpyxl's write-only mode; the workbook is assembled in
    the file as it is saved, so memory does not grow with the number of items. A rescan takes the sheets
    in TAKEN over from the previous workbook when what they rest on is unchanged (reports.reuse)."""
    path = out_dir / "report.xlsx"
    reuse = current()
    kept = _offered(reuse, report, path.name) if reuse is not None else {}
    if not kept or not _save(report, path, kept):
        _save(report, path, {})
    private_file(path)
    return path


def _offered(reuse: Reuse, report: Report, name: str) -> dict[str, tuple[int, str]]:
    """The sheets of the previous workbook this one may take over: key -> (sheet number, filter range)."""
    out = {}
    for key, by_violations in TAKEN.items():
        span = reuse.span(name, key, reuse.violations_key(report) if by_violations else "")
        if span is not None and isinstance(span[0], int) and isinstance(span[1], str):
            out[key] = (span[0], span[1])
    return out


def _save(report: Report, path: Path, kept: dict[str, tuple[int, str]]) -> bool:
    """The workbook into `path`; the sheets in `kept` ({key: (sheet number, filter range)} of the previous
    workbook) are left empty here and their XML taken from the previous workbook. False when that cannot
    be done."""
    lang = reviewed(report).lang
    reuse = current()
    wb = Workbook(write_only=True)
    widths = {"summary": {1: 28, 2: 50, 3: 12, 4: 26}, "breach_title": {1: 18, 6: 60}, "to_review": {6: 60, 8: 60}}
    written: dict[str, tuple[int, str]] = {}
    for number, (key, build) in enumerate((("summary", _summary), ("breach_title", _breaches),
                                           ("violations", _violations), ("to_review", _to_review),
                                           ("per_pupil", _per_pupil), ("exempt_sheet", _exempt),
                                           ("triage_sheet", _triage), ("history", _history), ("coverage", _coverage),
                                           ("kept_by_law", _kept), ("settings", _settings)), start=1):
        sheet = Sheet(wb.create_sheet(t(key, lang)[:31]), widths.get(key))
        if key in kept:
            if kept[key][0] != number:
                return False
            sheet.ws.auto_filter.ref = kept[key][1] or None  # named in workbook.xml as the previous run did
        else:
            build(sheet, report, lang)
        if key in TAKEN:
            written[key] = (number, sheet.ws.auto_filter.ref or "")
        sheet.close()
    wb.save(path)
    if kept and (reuse is None or not _take_sheets(path, reuse.previous / path.name, [n for n, _ in kept.values()])):
        return False
    if reuse is not None:
        for key, (number, ref) in written.items():
            reuse.note(path.name, key, number, ref, reuse.violations_key(report) if TAKEN[key] else "")
    return True


def _take_sheets(path: Path, previous: Path, numbers: list[int]) -> bool:
    """Replace sheets `numbers` of the workbook in `path` by those in `previous`, when both workbooks have the
    same styles (a cell names its style by position in that table)."""
    members = {f"xl/worksheets/sheet{number}.xml" for number in numbers}
    tmp = path.with_name(f".{path.name}.neem-over")
    try:
        with zipfile.ZipFile(previous) as old, zipfile.ZipFile(path) as new:
            if old.read("xl/styles.xml") != new.read("xl/styles.xml"):
                return False
            # the fastest deflate level: the taken sheets are as long as the share (100 000 rows: compressing
            # them again at the default level was a tenth of an unchanged rescan); each member streamed a
            # megabyte at a time (a million rows' sheet is hundreds of megabytes of XML)
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
                for info in new.infolist():
                    source = old if info.filename in members else new
                    kept = source.getinfo(info.filename)
                    with source.open(kept) as src, out.open(info.filename, "w",
                                                            force_zip64=kept.file_size >= zipfile.ZIP64_LIMIT) as dst:
                        shutil.copyfileobj(src, dst, COPY_BLOCK)
    except (OSError, KeyError, zipfile.BadZipFile):
        tmp.unlink(missing_ok=True)  # not to be moved into the output folder with the reports
        return False
    os.replace(tmp, path)
    return True
