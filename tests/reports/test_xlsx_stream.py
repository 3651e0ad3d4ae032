"""report.xlsx is written in write-only mode: the same cells as before, and memory that does not grow with the share."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from openpyxl import load_workbook

import reports.xlsx_report as xlsx_report
from reports.xlsx_layout import HEAD, HEADER_FILL, MAX_WIDTH
from tests.reports.conftest import sample_report, with_items


def test_every_sheet_holds_the_expected_cells(tmp_path: Path) -> None:
    wb = load_workbook(xlsx_report.write_xlsx(sample_report(), tmp_path))
    summary = wb["Samenvatting"]
    assert [r[0] for r in summary.iter_rows(values_only=True)] == [
        "AVG-scan: rapport voor de functionaris gegevensbescherming", "Peildatum", "MOGELIJK DATALEK: 1",
        summary["A4"].value, summary["A5"].value, "Begin hier", summary["A7"].value, "#", 1, 2, 3, 4,
        "Items", "Gescand", "Onleesbaar", "Overgeslagen", "Vondsten", "Overtredingen", "Open overtredingen",
        "Geaccepteerd risico (geldig)", "Acceptatie verlopen", "Gemarkeerd als vals-positief",
        "Regel", "retention-expired", "consent-missing", "consent-out-of-scope", "consent-invalid",
        "consent-wrong-giver", "open-access", "bsn-outside-administration", "unknown-subject",
        "Bron", "share", "las", "School", "(geen enkele leerling)", "Ernst", "hoog", "middel",
        "Niet uitgevoerd", "Registratie"]
    assert summary["A4"].value.startswith("Bijzondere persoonsgegevens") and "72 uur" in summary["A5"].value
    assert [c.value for c in summary[13]][:2] == ["Items", 7] and summary["C24"].value == 1
    assert summary["A1"].font.sz == 14 and summary["A6"].font.b and summary["A3"].fill.fgColor.rgb.endswith("F8D7DA")
    assert {"A3:H3", "A4:H4", "A5:H5"} <= {str(r) for r in summary.merged_cells.ranges}
    assert summary.row_dimensions[5].height == 15 * (len(summary["A5"].value) // 110 + 1)
    assert [summary.column_dimensions[c].width for c in "ABCD"] == [28, 50, 12, 26] and len(summary._charts) == 1
    assert summary["H32"].fill.fgColor.rgb.endswith("DDE5F0")  # a header's fill spans the columns used above it
    coverage = [list(r) for r in wb["Dekking"].iter_rows(values_only=True)]
    assert coverage == [
        ["Bron", "Plek", "Status", "Reden", "Soort", "Rol", "Partij", "Leerlingen"],
        ["share", "Dossiers/kapot.docx", "onleesbaar", "BadZipFile: File is not a zip file", "file", None, None, None],
        ["share", "Dossiers/film.mp4", "overgeslagen", "geen tekst (video)", "file", None, None, None],
        ["las", "table:leerlingen#1001", "gescand", None, "row", "administration", None, None],
        ["share", "=HYPERLINK(\"http://evil.example\")/notities.docx", "gescand", None, "file", None, None, None],
        ["share", "Archief/Amrani (1004)/MDO.docx", "gescand", None, "file", "archive", None, None],
        ["share", "Extern/Leerplicht/melding.docx", "gescand", None, "file", None, "Leerplicht", None],
        ["share", "Gedeeld/<script>alert(1)</script> zorg.docx", "gescand", None, "file", "open", None, "1001"],
    ]
    sheet = wb["Dekking"]
    assert sheet["B5"].data_type == "s"  # a path that looks like a formula stays text
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:H8"
    assert all(c.font.b and c.fill.fgColor.rgb.endswith(HEADER_FILL.fgColor.rgb[-6:]) for c in sheet[1])
    assert sheet.column_dimensions["B"].width == len("=HYPERLINK(\"http://evil.example\")/notities.docx") + 2
    settings = dict(wb["Instellingen"].iter_rows(min_row=2, values_only=True))
    assert settings["Peildatum"] == "2026-11-29"
    breaches = wb["Mogelijk datalek"]
    assert breaches.merged_cells.ranges and str(next(iter(breaches.merged_cells.ranges))) == "A1:I1"
    assert breaches.column_dimensions["A"].width == 18 and breaches.column_dimensions["F"].width == 60


def test_rows_after_the_measured_head_are_streamed_in_order(tmp_path: Path) -> None:
    n = HEAD + 200
    report = with_items(sample_report(), n)
    wb = load_workbook(xlsx_report.write_xlsx(report, tmp_path))
    sheet = wb["Dekking"]
    paths = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)]
    expected = [i.path for i in sorted(report.items, key=lambda i: ({"unreadable": 0, "skipped": 1}.get(i.status, 2),
                                                                     i.source, i.path))]
    assert paths == expected and len(paths) == n + 7
    assert sheet.auto_filter.ref == f"A1:H{n + 8}"
    assert 8 <= sheet.column_dimensions["B"].width <= MAX_WIDTH


def _peak(n: int, tmp_path: Path) -> int:
    report = with_items(sample_report(), n)
    xlsx_report.write_xlsx(sample_report(), tmp_path / "warm")  # openpyxl's own first-use allocations
    tracemalloc.start()
    try:
        xlsx_report.write_xlsx(report, tmp_path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_writing_memory_does_not_grow_with_the_items(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_report, "SORT_RUN", 800)  # both sizes sort on disk, in runs of 800 items
    for d in ("a", "b", "a/warm", "b/warm"):
        (tmp_path / d).mkdir()
    small, large = _peak(2_000, tmp_path / "a"), _peak(10_000, tmp_path / "b")
    # the normal-mode workbook held every cell: ~5x more for 5x the items (50 MB at 20 000 items,
    # 263 MB at 100 000: benchmarks/xlsx_memory.py); written row by row it is ~3 MB at either size
    assert large < 1.6 * small, (small, large)
    assert large < 10_000_000, large
