"""report.xlsx for the FG, in Dutch: summary, violations, per pupil, coverage, settings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from reports import private_file, register_writer
from scanner.model import Report
from scanner.rules import RULES

BOLD = Font(bold=True)


def _table(ws: Worksheet, header: list[str], rows: list[list[object]]) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.font = BOLD
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    for col, name in zip(ws.columns, header, strict=False):
        width = max([len(str(name))] + [len(str(c.value or "")) for c in list(col)[:200]])
        ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 10), 80)


def _summary(ws: Worksheet, report: Report) -> None:
    ws.title = "Samenvatting"
    counts = Counter(v.rule for v in report.violations)
    st = report.statistics
    rows: list[list[object]] = [[r.code, r.title, counts.get(r.code, 0)] for r in RULES]
    _table(ws, ["Regel", "Omschrijving", "Aantal"], rows)
    ws.append([])
    for label, key in (("Peildatum", None), ("Items", "items"), ("Gescand", "scanned"),
                       ("Onleesbaar", "unreadable"), ("Overgeslagen", "skipped"), ("Vondsten", "findings")):
        ws.append([label, report.settings["as_of"] if key is None else st.get(key)])
    for s in report.skipped_rules:
        ws.append(["Niet uitgevoerd", s["rule"], s["reason"]])


@register_writer("xlsx")
def write_xlsx(report: Report, out_dir: Path) -> Path:
    wb = Workbook()
    _summary(wb.active, report)
    _table(wb.create_sheet("Overtredingen"),
           ["Regel", "Ernst", "Bron", "Plek", "Leerling", "Melding", "Wettelijke grondslag", "Aanbevolen actie",
            "Bewijs (gemaskeerd)"],
           [[v.rule, v.severity, v.source, v.path, v.leerlingnummer or "", v.message, v.legal_reference, v.action,
             "; ".join(sorted({report.findings[i].evidence for i in v.findings[:20]}))]
            for v in report.violations])
    per_pupil = Counter((v.leerlingnummer, v.rule) for v in report.violations if v.leerlingnummer)
    _table(wb.create_sheet("Per leerling"), ["Leerling", "Regel", "Aantal"],
           [[n, r, c] for (n, r), c in sorted(per_pupil.items())])
    _table(wb.create_sheet("Dekking"), ["Bron", "Plek", "Status", "Reden", "Rol", "Partij"],
           [[i.source, i.path, i.status, i.reason or "", i.role or "", i.party or ""] for i in report.items])
    _table(wb.create_sheet("Vrijgesteld"), ["Bron", "Plek", "Leerling", "Partij", "Grondslag"],
           [[e.source, e.path, e.leerlingnummer or "", e.party, e.legal_basis] for e in report.exempt])
    _table(wb.create_sheet("Instellingen"), ["Instelling", "Waarde"],
           [["peildatum", report.settings["as_of"]], ["versie", report.settings["version"]],
            ["ruwe waarden in rapport", "ja" if report.show_values else "nee"]]
           + [[f"bron {s['name']}", s["type"]] for s in report.settings["sources"]])
    path = out_dir / "report.xlsx"
    wb.save(path)
    private_file(path)
    return path
