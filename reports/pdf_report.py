"""report.pdf: paper for the board. A short management summary first, then the list of violations.

Printing the dashboard gave 21 pages with cut-off tables; a board wants two pages it can read and an
appendix. Rendered with ReportLab (already a dependency; no browser): unread sources and possible
breaches first in red, then "Begin hier", counts per rule and per school, the trend, and the list on
landscape pages whose cells wrap instead of being cut off. Every value is escaped: paths come from files.
"""

from __future__ import annotations

import hashlib
import io
import json
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reports import private_file
from reports.i18n import t, value_label
from reports.reuse import current
from reports.terminal import printable
from reports.view import (
    breach_deadline,
    gap_notices,
    reviewed,
    rule_counts,
    school_counts,
    severity_counts,
    start_rows,
    top_rows,
    when,
)
from scanner.kernel.model import Report

RED, INK, MUTED, HEAD = colors.HexColor("#9b2c2c"), colors.HexColor("#1a202c"), colors.HexColor("#4a5568"), \
    colors.HexColor("#dde5f0")
# Fonts with the letters of pupils' names (ń, ğ, ş): the system's DejaVu, else ReportLab's own Vera
# (Latin-1 only), else Helvetica.
FONT_CANDIDATES = [("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/"
                    "DejaVuSans-Bold.ttf")]


@cache
def fonts() -> tuple[str, str]:
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts"
    for regular, bold in [*FONT_CANDIDATES, (str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"))]:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont("AvgSans", regular))
            pdfmetrics.registerFont(TTFont("AvgSans-Bold", bold))
            return "AvgSans", "AvgSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=11.5, textColor=INK, alignment=TA_LEFT)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.2),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=17, leading=21, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
        "alert": ParagraphStyle("alert", parent=base, fontName=bold, textColor=RED, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
        "head": ParagraphStyle("head", parent=base, fontName=bold, fontSize=7.5, leading=9.2),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(printable("" if text is None else text, keep="\n")), style)  # no bidi spoofing


def _table(headers: list[str], rows: list[list[object]], widths: list[float], st: dict[str, ParagraphStyle],
           alert: bool = False) -> Table:
    """Cells are paragraphs, so long paths and messages wrap; the header repeats on every page."""
    data = [[_p(h, st["head"]) for h in headers]] + [[_p(c, st["cell"]) for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f8d7da") if alert else HEAD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cbd5e0")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _box(paragraphs: list[Paragraph], width: float) -> Table:
    """A red-framed block: unread sources and possible breaches."""
    box = Table([[p] for p in paragraphs], colWidths=[width])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, RED), ("BACKGROUND", (0, 0), (-1, -1),
                                                                     colors.HexColor("#fff5f5")),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
    return box


def _summary(report: Report, lang: str, st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    stats = report.statistics
    out: list[Flowable] = [
        _p(t("title", lang), st["title"]),
        _p(f"{t('as_of', lang)}: {report.settings.as_of.isoformat()} · {t('generated', lang)}: "
           f"{when(report.generated_at)} · avgscan {report.settings.version} · "
           f"{t('raw_note' if report.show_values else 'masked_note', lang)}", st["muted"]),
        Spacer(1, 4 * mm)]
    for n in gap_notices(report):
        out += [_box([_p(f"{t('gap_title', lang).upper()}: {n.headline}", st["alert"]),
                      *([_p(f"{t('gap_reason', lang)}: {n.reason}", st["small"])] if n.reason else []),
                      _p(f"{t('gap_fix', lang)}: {n.fix}", st["base"])], width), Spacer(1, 3 * mm)]
    if report.breaches:
        lines = [_p(f"{t('breach_title', lang).upper()} ({len(report.breaches)})", st["alert"]),
                 _p(t("breach_intro", lang), st["base"]), _p(t("breach_guidance", lang), st["small"])]
        lines += [_p(f"• {b.source}/{b.path} — {', '.join(b.categories)}; {t('deadline', lang).lower()} "
                     f"{when(breach_deadline(b.discovered_at))}" + (f" [{b.identity}]" if b.identity else ""),
                     st["small"]) for b in report.breaches[:15]]
        out += [_box(lines, width), Spacer(1, 3 * mm)]
    out.append(_p(t("start_here", lang), st["h2"]))
    starts = start_rows(report)
    if starts:
        out.append(_table(["#", t("priority", lang), t("path", lang), t("action", lang), t("why", lang)],
                          [[n, r.priority, f"{r.source}/{r.path}" + (f" ({r.pupils})" if r.pupils else ""),
                            r.action or r.rule_title, r.why] for n, r in enumerate(starts, start=1)],
                          [8 * mm, 16 * mm, 0.30 * width, 0.36 * width, width - 24 * mm - 0.66 * width], st))
    else:
        out.append(_p(t("nothing_to_do", lang), st["base"]))
    counts = [[t("items", lang), stats["items"]], [t("unreadable", lang).capitalize(), stats["unreadable"]],
              [t("violations", lang), len(report.violations)], [t("open_violations", lang), report.open_violations],
              [t("breach_title", lang), len(report.breaches)]]
    per_rule = [[code, title, n] for code, title, n in rule_counts(report)]
    half = (width - 6 * mm) / 2
    left = [_p(t("summary", lang), st["h2"]), _table(["", t("count", lang)], counts,
                                                     [half * 0.7, half * 0.3], st),
            _p(t("per_severity", lang), st["h2"]),
            _table([t("severity", lang), t("count", lang)],
                   [[value_label("sev", s, lang), n] for s, n in severity_counts(report)],
                   [half * 0.7, half * 0.3], st)]
    right = [_p(t("per_rule", lang), st["h2"]),
             _table([t("rule", lang), t("description", lang), t("count", lang)], per_rule,
                    [half * 0.38, half * 0.47, half * 0.15], st),
             _p(t("per_school", lang), st["h2"]),
             _table([t("school", lang), t("count", lang)],
                    [[s or t("no_school", lang), n] for s, n in school_counts(report)], [half * 0.8, half * 0.2], st)]
    grid = Table([[left, right]], colWidths=[half + 3 * mm, half + 3 * mm])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    out.append(grid)
    if report.history.audits:
        out.append(KeepTogether([_p(t("trend", lang), st["h2"]), _table(
            [t("date", lang), t("as_of", lang), t("violations", lang), t("open_violations", lang)],
            [[when(a.started_at), a.as_of, a.violations, a.open_violations] for a in report.history.audits[-12:]],
            [0.3 * width, 0.2 * width, 0.25 * width, 0.25 * width], st)]))
    return out


LIST_CHUNK = 40
LIST_PART = "list"  # the whole list, on pages of its own after the summary (reports.reuse)
LIST_ROWS = 5000  # a PDF of a million rows cannot be laid out in memory (nor read); the workbook has them all


def _list_cells(report: Report, lang: str) -> tuple[str, str, list[str], list[list[object]]]:
    """The list's heading, the note that it stops at LIST_ROWS (or ""), its header and its cells."""
    total = len(report.violations)
    rows = top_rows(report, LIST_ROWS)  # the highest priorities
    capped = t("violations_capped", lang, shown=len(rows), total=total) if total > len(rows) else ""
    header = [t(k, lang) if k != "priority" else "Prio" for k in ("id", "rule", "severity", "priority", "path",
                                                                   "pupil", "evidence", "action", "status")]
    cells = [[r.identity, r.rule, value_label("sev", r.severity, lang), r.priority, f"{r.source}/{r.path}",
              r.leerlingnummer, r.evidence, r.action, value_label("status", r.status, lang)] for r in rows]
    return f"{t('violations', lang)} ({total})", capped, header, cells


def _list(heading: str, capped: str, header: list[str], cells: list[list[object]], st: dict[str, ParagraphStyle],
          width: float) -> list[Flowable]:
    shares = [0.11, 0.11, 0.05, 0.05, 0.21, 0.06, 0.19, 0.16, 0.06]
    # one table per LIST_CHUNK rows: ReportLab wraps a table's remaining rows again at every page break,
    # so one table of 10 000 rows took twice as long
    return [_p(heading, st["h2"]), *([_p(capped, st["small"])] if capped else []),
            *[_table(header, cells[i:i + LIST_CHUNK], [s * width for s in shares], st)
              for i in range(0, max(len(cells), 1), LIST_CHUNK)]]


class _PageMark(Flowable):
    """Takes no room; remembers the page it lands on (where the list begins and ends)."""

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def wrap(self, *_size: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.page = self.canv.getPageNumber()


def render_pdf(report: Report, path: Path) -> None:
    """The summary, then the list. A rescan whose list (and the page it starts on) is the previous run's
    renders only the summary and takes the list's pages over from the previous report.pdf (reports.reuse):
    laying out every violation was the slowest part of a rescan."""
    lang = reviewed(report).lang
    st = _styles()
    page = landscape(A4)
    margin = 14 * mm
    width = page[0] - 2 * margin
    regular, _ = fonts()
    note = f"{t('as_of', lang)} {report.settings.as_of.isoformat()} · " \
           f"{t('raw_note' if report.show_values else 'masked_note', lang)}"

    def footer(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(regular, 7)  # type: ignore[attr-defined]
        canvas.setFillColor(MUTED)  # type: ignore[attr-defined]
        canvas.drawString(margin, 8 * mm, f"avgscan · {note}")  # type: ignore[attr-defined]
        canvas.drawRightString(page[0] - margin, 8 * mm, str(doc.page))  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    def build(target: object, story: list[Flowable]) -> None:
        doc = SimpleDocTemplate(target, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                bottomMargin=margin + 2 * mm, title=t("title", lang), author="avgscan", lang=lang)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)

    heading, capped, header, cells = _list_cells(report, lang)
    key = hashlib.sha256(json.dumps([note, heading, capped, header, cells], default=str).encode()).hexdigest()
    reuse = current()
    span = reuse.span(path.name, LIST_PART, key) if reuse is not None else None
    start, end = _PageMark(), _PageMark()
    summary = _summary(report, lang, st, width)
    if span is not None:
        head = io.BytesIO()
        build(head, [*summary, PageBreak(), start])
        if start.page - 1 == span[0] and _join(head, reuse.previous / path.name, span, path):  # type: ignore[union-attr]
            reuse.note(path.name, LIST_PART, span[0], span[1], key)  # type: ignore[union-attr]
            return
        summary = _summary(report, lang, st, width)  # flowables are laid out once
        start = _PageMark()
    build(str(path), [*summary, PageBreak(), start, *_list(heading, capped, header, cells, st, width), end])
    if reuse is not None:
        reuse.note(path.name, LIST_PART, start.page - 1, end.page, key)


def _join(head: io.BytesIO, previous: Path, span: list[int], path: Path) -> bool:
    """The summary's pages, then pages span[0]..span[1] of the previous report.pdf, into `path`."""
    from pypdf import PdfReader, PdfWriter

    try:
        old = PdfReader(previous)
        if len(old.pages) != span[1]:
            return False
        first = PdfReader(head)
        out = PdfWriter(clone_from=first)
        out.remove_page(len(out.pages) - 1)  # the empty page that began the list
        for n in range(span[0], span[1]):
            out.add_page(old.pages[n])
        with path.open("wb") as fh:
            out.write(fh)
    except Exception:  # noqa: BLE001  (a damaged previous file: the list is laid out again)
        return False
    return True


def write_pdf(report: Report, out_dir: Path) -> Path:
    path = out_dir / "report.pdf"
    render_pdf(report, path)
    private_file(path)
    return path
