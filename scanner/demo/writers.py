"""Render planned documents as the files a school share holds: docx, text PDF, eml, xlsx, csv, txt.

Each writer turns a `Doc` into bytes; `write_doc` puts them on disk with the document's permissions
and modification time. Office files are zip containers that carry the time of writing (in the zip
entries and in docProps/core.xml), so they are rewritten with the document's own date: the same seed
must give byte-identical files, or a benchmark cannot be repeated.
"""

from __future__ import annotations

import csv
import io
import os
import re
import textwrap
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from scanner.demo.model import Block, Doc

NBSP = "\xa0"
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
              "/Library/Fonts/DejaVuSans.ttf", "C:/Windows/Fonts/DejaVuSans.ttf")
NAME_PREFIXES = {"van", "de", "der", "den", "ter", "ten", "El", "Al"}
PDF_WIDTH = 100  # characters per line at 9 pt on A4


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def stamp(day: date) -> datetime:
    """Local noon of the document's date: the mtime and the Office 'modified' time."""
    return datetime(day.year, day.month, day.day, 12, 0, 0)


def _form_lines(block: Block) -> list[str]:
    return [f"{plain(str(label))}: {plain(str(value))}" for label, value in block.rows]


def text_lines(blocks: list[Block]) -> list[str]:
    """Blocks as plain text lines (txt files and e-mail bodies)."""
    lines: list[str] = []
    for b in blocks:
        if b.kind in ("title", "heading"):
            if lines:
                lines.append("")
            lines.append(plain(b.text).upper() if b.kind == "title" else plain(b.text))
            if b.kind == "title":
                lines.append("=" * len(b.text))
        elif b.kind == "para":
            lines.extend(plain(t) for t in b.text.split("\n"))
        elif b.kind == "form":
            lines.extend(_form_lines(b))
        elif b.kind == "bullets":
            lines.extend(f"  - {plain(str(r[0]))}" for r in b.rows)
        elif b.kind == "table":
            lines.extend(" | ".join(plain(str(c)) for c in r) for r in b.rows)
    return lines


# --- zip containers (docx, xlsx) ----------------------------------------------------------------------

_CORE_DATES = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite an Office zip with fixed entry times and core-property dates (deterministic bytes)."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = _CORE_DATES.sub(lambda m: f"{m.group(1)}{iso}{m.group(3)}", payload.decode()).encode()
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, payload)
    return out.getvalue()


KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Heading1", "Heading1Char", "Heading2",
               "Heading2Char", "ListBullet", "TableGrid"}


@lru_cache(maxsize=1)
def _docx_template() -> bytes:
    """python-docx's default template without the 800 kB of styles we never use: parsing and compressing
    those took 80% of the time per document, which matters for benchmark schools of thousands of files."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(("stylesWithEffects", "customXml", "webSettings")):
            document.part.drop_rel(rid)
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("thumbnail"):
            del package_rels[rid]
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def docx_bytes(doc: Doc) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(_docx_template()))
    props = document.core_properties
    props.title = doc.title
    props.author = doc.author or "Administratie"
    props.last_modified_by = doc.author or "Administratie"
    props.revision = 1
    props.created = props.modified = stamp(doc.date)
    # Style ids are set on the XML directly: python-docx's lookup by name scans every style per call.
    for b in doc.blocks:
        if b.kind in ("title", "heading", "para"):
            paragraph = document.add_paragraph(plain(b.text))
            if b.kind != "para":
                paragraph._p.get_or_add_pPr().style = "Heading1" if b.kind == "title" else "Heading2"
        elif b.kind == "bullets":
            for r in b.rows:
                document.add_paragraph(plain(str(r[0])))._p.get_or_add_pPr().style = "ListBullet"
        elif b.kind in ("form", "table"):
            cols = max(len(r) for r in b.rows)
            table = document.add_table(rows=0, cols=cols)
            table._tbl.tblPr.style = "TableGrid"
            for r in b.rows:
                cells = table.add_row().cells
                for c, value in enumerate(r):
                    cells[c].text = plain(str(value))
    buf = io.BytesIO()
    document.save(buf)
    return normalise_zip(buf.getvalue(), stamp(doc.date))


def _fill_sheet(ws: object, rows: list[list[object]]) -> None:
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=value)  # type: ignore[attr-defined]
            if isinstance(value, date):
                cell.number_format = "dd-mm-yyyy"  # a typed date column, as Excel exports have
    for c, header in enumerate(rows[0] if rows else [], 1):
        letter = ws.cell(row=1, column=c).column_letter  # type: ignore[attr-defined]
        ws.column_dimensions[letter].width = max(12, len(str(header)) + 4)  # type: ignore[attr-defined]


def xlsx_bytes(doc: Doc) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = doc.sheet_name
    wb.properties.creator = doc.author or "Administratie"
    wb.properties.title = doc.title
    wb.properties.created = wb.properties.modified = stamp(doc.date)
    _fill_sheet(ws, doc.sheet)
    for name, rows in doc.more_sheets:  # a workbook with one tab per group
        _fill_sheet(wb.create_sheet(name), rows)
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue(), stamp(doc.date))


# --- OpenDocument text (odt) ------------------------------------------------------------------------

_ODF_DATES = re.compile(r"(<(meta:creation-date|dc:date)>)[^<]*(</\2>)")


def normalise_odf(data: bytes, when: datetime) -> bytes:
    """Like `normalise_zip`, but with the ODF rule that `mimetype` comes first and is stored uncompressed."""
    iso = when.strftime("%Y-%m-%dT%H:%M:%S")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = sorted(src.namelist(), key=lambda n: n != "mimetype")
        for name in names:
            payload = src.read(name)
            if name == "meta.xml":
                payload = _ODF_DATES.sub(lambda m: f"{m.group(1)}{iso}{m.group(3)}", payload.decode()).encode()
            entry = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, payload)
    return out.getvalue()


def odt_bytes(doc: Doc) -> bytes:
    """An .odt as LibreOffice writes it: headings, paragraphs, and forms and tables as real tables."""
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    from connectors.extractors.odf import keep_odfpy_off_sys_path

    keep_odfpy_off_sys_path()

    document = OpenDocumentText()
    tables = 0
    for b in doc.blocks:
        if b.kind in ("title", "heading"):
            document.text.addElement(H(outlinelevel=1 if b.kind == "title" else 2, text=plain(b.text)))
        elif b.kind == "para":
            for part in b.text.split("\n"):
                document.text.addElement(P(text=plain(part)))
        elif b.kind == "bullets":
            for r in b.rows:
                document.text.addElement(P(text="- " + plain(str(r[0]))))
        elif b.kind in ("form", "table"):
            tables += 1
            grid = Table(name=f"Tabel{tables}")
            grid.addElement(TableColumn(numbercolumnsrepeated=max(len(r) for r in b.rows)))
            for r in b.rows:
                row = TableRow()
                for value in r:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=plain(str(value))))
                    row.addElement(cell)
                grid.addElement(row)
            document.text.addElement(grid)
    buf = io.BytesIO()
    document.write(buf)
    data = indent_odf(buf.getvalue()) if doc.xml_indented else buf.getvalue()
    return normalise_odf(data, stamp(doc.date))


def indent_odf(data: bytes) -> bytes:
    """The package with its content.xml indented, as some office suites save it (not LibreOffice): a reader
    that takes the whitespace between elements for content loses the body (odfpy did)."""
    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "content.xml":
                payload = etree.tostring(etree.fromstring(payload), pretty_print=True, xml_declaration=True,
                                         encoding="UTF-8")
            dst.writestr(info, payload)
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pdf_font() -> str:
    """DejaVu Sans when the system has it (it has ı, ş, ł); reportlab's Vera otherwise."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONT_PATHS:
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont("DemoSans", path))
            return "DemoSans"
    pdfmetrics.registerFont(TTFont("DemoSans", "Vera.ttf"))
    return "DemoSans"


_GLUED = re.compile(r"(?<=\b\d{4}) (?=[A-Z]{2}\b)|(?<=\d) (?=\d)")  # '1358 AC', '06 12 34 56 78'


def keep_names_together(text: str) -> str:
    """Join the words of a name (and a postcode, a phone number) with no-break spaces so wrapping never
    splits 'Sanne | de Vries' or '1358 | AC'."""
    words = _GLUED.sub(NBSP, text).split(" ")
    out = words[:1]
    for word in words[1:]:
        prev = out[-1].split(NBSP)[-1] if out else ""
        capital, prev_capital = word[:1].isupper(), prev[:1].isupper()
        if out and ((capital and (prev_capital or prev in NAME_PREFIXES))
                    or (word in NAME_PREFIXES and (prev_capital or prev in NAME_PREFIXES))):
            out[-1] += NBSP + word
        else:
            out.append(word)
    return " ".join(out)


def pdf_lines(blocks: list[Block]) -> list[tuple[str, bool]]:
    """(line, bold) pairs: paragraphs wrapped at PDF_WIDTH characters, names kept on one line."""
    lines: list[tuple[str, bool]] = []
    for b in blocks:
        if b.kind in ("title", "heading"):
            lines.append(("", False))
            lines.append((plain(b.text), True))
        elif b.kind == "para":
            for part in b.text.split("\n"):
                wrapped = textwrap.wrap(keep_names_together(part), PDF_WIDTH) or [""]
                lines.extend((plain(w), False) for w in wrapped)
        elif b.kind == "form":
            lines.extend((line, False) for line in _form_lines(b))
        elif b.kind == "bullets":
            for r in b.rows:
                wrapped = textwrap.wrap(keep_names_together(str(r[0])), PDF_WIDTH - 4)
                lines.extend((("  - " if i == 0 else "    ") + plain(w), False) for i, w in enumerate(wrapped))
        elif b.kind == "table":
            lines.extend((" | ".join(plain(str(c)) for c in r), False) for r in b.rows)
    return lines


def pdf_bytes(doc: Doc) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _pdf_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    pdf.setTitle(doc.title)
    pdf.setAuthor(doc.author or "Administratie")
    pdf.setCreator("Microsoft Word")
    width, height = A4
    y = height - 60
    for line, bold in pdf_lines(doc.blocks):
        if y < 60:
            pdf.showPage()
            y = height - 60
        pdf.setFont(font, 11 if bold else 9)
        pdf.drawString(50, y, line)
        y -= 16 if bold else 13
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


# --- e-mail, text, csv ------------------------------------------------------------------------------------

AMSTERDAM = timezone(timedelta(hours=1))


def eml_bytes(doc: Doc) -> bytes:
    assert doc.mail is not None
    msg = EmailMessage()
    msg["From"] = doc.mail.sender
    msg["To"] = doc.mail.to
    if doc.mail.cc:
        msg["Cc"] = doc.mail.cc
    msg["Subject"] = doc.mail.subject
    sent = stamp(doc.date).replace(hour=10, minute=17, tzinfo=AMSTERDAM)
    msg["Date"] = format_datetime(sent)
    domain = doc.mail.sender.rsplit("@", 1)[-1].rstrip(">")
    msg["Message-ID"] = f"<{sent:%Y%m%d%H%M}.{abs(hash_text(doc.place.path)) % 10**8}@{domain}>"
    msg.set_content("\n".join(text_lines(doc.blocks)) + "\n")
    return msg.as_bytes(policy=SMTP)


def hash_text(text: str) -> int:
    """A stable (not salted) hash, for message ids: Python's hash() differs per process."""
    h = 0
    for c in text:
        h = (h * 131 + ord(c)) % (2**61 - 1)
    return h


def txt_bytes(doc: Doc) -> bytes:
    return ("\r\n".join(text_lines(doc.blocks)) + "\r\n").encode("utf-8")


def _cell(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else str(value)


def csv_bytes(doc: Doc) -> bytes:
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if doc.delimiter == "," else csv.QUOTE_MINIMAL  # ',' exports quote every field
    writer = csv.writer(buf, delimiter=doc.delimiter, lineterminator="\r\n", quoting=quoting)
    for row in doc.sheet:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


WRITERS: dict[str, Callable[[Doc], bytes]] = {
    ".docx": docx_bytes, ".odt": odt_bytes, ".xlsx": xlsx_bytes, ".pdf": pdf_bytes, ".eml": eml_bytes,
    ".txt": txt_bytes, ".csv": csv_bytes,
}


def write_doc(root: Path, doc: Doc) -> Path:
    """Write one document under `root` with its mode and with its date as mtime."""
    target = root / doc.place.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(WRITERS[target.suffix.lower()](doc))
    os.chmod(target, doc.mode)
    ts = stamp(doc.date).timestamp()
    os.utime(target, (ts, ts))
    return target
