"""Real files of every supported format, generated in the tests (no binaries in the repository).

Each generator returns the file's bytes. The texts carry a recognisable marker per place so a test
can check that the place was read and named correctly.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import UTC, datetime

from PIL import Image

NAME = "Sanne de Vries"
DIAGNOSIS = "dyslexie"


# -- Office Open XML -----------------------------------------------------------------------------
def docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = "Dossier Sanne"
    p = d.add_paragraph(f"Leerling {NAME} heeft {DIAGNOSIS}.")
    d.add_comment(p.runs, text="Moeder belde over medicatie", author="Juf", initials="J")
    table = d.add_table(rows=2, cols=3)
    for c, text in enumerate(("Naam", "Groep", "Zorg")):
        table.cell(0, c).text = text
    for c, text in enumerate(("Daan Bakker", "5", "logopedie")):
        table.cell(1, c).text = text
    section = d.sections[0]
    section.header.paragraphs[0].text = "Vertrouwelijk dossier koptekst"
    section.footer.paragraphs[0].text = "Zorgteam voettekst"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx_bytes(suffix: str = ".xlsx") -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Leerlingen"
    ws.append(["Naam", "Geboortedatum", "Diagnose"])
    ws.append([NAME, datetime(2014, 2, 3), DIAGNOSIS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xls_bytes() -> bytes:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Zorg")
    date_style = xlwt.easyxf(num_format_str="DD-MM-YYYY")
    for c, text in enumerate(("Naam", "Geboortedatum", "Diagnose")):
        ws.write(0, c, text)
    ws.write(1, 0, NAME)
    ws.write(1, 1, datetime(2014, 2, 3), date_style)
    ws.write(1, 2, DIAGNOSIS)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- OpenDocument --------------------------------------------------------------------------------
def odt_bytes() -> bytes:
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, Header, MasterPage, PageLayout
    from odf.text import H, P

    doc = OpenDocumentText()
    layout = PageLayout(name="pl1")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header = Header()
    header.addElement(P(text="Kop: leerlingdossier"))
    footer = Footer()
    footer.addElement(P(text="Voet: vertrouwelijk"))
    master.addElement(header)
    master.addElement(footer)
    doc.masterstyles.addElement(master)
    doc.text.addElement(H(outlinelevel=1, text="Verslag"))
    p = P(text=f"Leerling {NAME} heeft {DIAGNOSIS}.")
    note = Annotation()
    note.addElement(P(text="Opmerking: ouders ingelicht"))
    p.addElement(note)
    doc.text.addElement(p)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


def ods_bytes() -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Zorg")
    for values in (("Naam", "Diagnose"), (NAME, DIAGNOSIS)):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    empty = TableRow(numberrowsrepeated=1_048_000)  # as LibreOffice writes the rest of the sheet
    empty.addElement(TableCell(numbercolumnsrepeated=1024))
    table.addElement(empty)
    doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


# -- text formats --------------------------------------------------------------------------------
def csv_semicolon_cp1252() -> bytes:
    return f"Naam;Cijfer;Opmerking\r\n{NAME};7,5;café-bezoek {DIAGNOSIS}\r\nDaan Bakker;6,0;geen\r\n".encode("cp1252")


def csv_utf16() -> bytes:
    return f"Naam\tDiagnose\r\n{NAME}\t{DIAGNOSIS}\r\n".encode("utf-16")


def csv_comma() -> bytes:
    return f'naam,opmerking\n"{NAME}","dyslexie, ernstig"\n'.encode()


def txt_bytes() -> bytes:
    return f"Gesprek met ouders\n\n{NAME} heeft {DIAGNOSIS}.\n".encode()


def rtf_bytes() -> bytes:
    return (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}\f0\fs24 Brief aan ouders\par "
            r"Leerling Sanne de Vries heeft dyslexie. Caf\'e9\par}").encode("ascii")


def html_bytes() -> bytes:
    return (f"<html><head><title>Zorgoverzicht</title><style>p {{color: red}}</style>"
            f"<script>var geheim = 'niet zichtbaar';</script></head><body><h1>Overzicht</h1>"
            f"<p>Leerling <b>{NAME}</b> heeft {DIAGNOSIS}.</p><table><tr><td>Groep 5</td></tr></table>"
            f"</body></html>").encode()


def pdf_bytes(lines: list[str] | None = None) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, WinAnsi), written by hand."""
    lines = lines or [f"Leerling {NAME}", f"Diagnose: {DIAGNOSIS}"]
    ops = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_from_objects(objects)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A minimal PDF file around numbered objects (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# -- images and scans ----------------------------------------------------------------------------
def text_image(lines: list[str] | None = None) -> Image.Image:
    from PIL import ImageDraw, ImageFont

    lines = lines or [f"Leerling {NAME}", f"Diagnose {DIAGNOSIS}"]
    img = Image.new("L", (1400, 120 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=56)
    for i, line in enumerate(lines):
        draw.text((60, 60 + 90 * i), line, fill=0, font=font)
    return img


def image_bytes(fmt: str) -> bytes:
    buf = io.BytesIO()
    text_image().save(buf, format=fmt)
    return buf.getvalue()


def scanned_pdf_bytes() -> bytes:
    """An image-only PDF, as a scanner writes it: no text layer at all."""
    buf = io.BytesIO()
    text_image().convert("RGB").save(buf, format="PDF", resolution=150)
    return buf.getvalue()


# -- mail ----------------------------------------------------------------------------------------
def eml_bytes(attachments: list[tuple[str, bytes]] | None = None) -> bytes:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "Ouder <ouder@example.nl>"
    msg["To"] = "juf@school.example"
    msg["Subject"] = "Verslag Sanne"
    msg["Date"] = "Mon, 03 Mar 2025 10:00:00 +0100"
    msg.set_content(f"Beste juf,\n\n{NAME} heeft {DIAGNOSIS}.\n")
    for name, data in attachments if attachments is not None else [("verslag.txt", b"Medicatie: Ritalin")]:
        maintype, subtype = ("text", "plain") if name.endswith(".txt") else ("application", "octet-stream")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def _ole(entries: list[tuple[str, bytes | None]]) -> bytes:
    from extract_msg.ole_writer import OleWriter

    ole = OleWriter()
    for path, data in entries:
        if data is None:
            ole.addEntry(path, storage=True)
        else:
            ole.addEntry(path, data)
    buf = io.BytesIO()
    ole.write(buf)
    return buf.getvalue()


def _props(header: bytes, entries: list[tuple[int, bytes]]) -> bytes:
    out = header
    for tag, value in entries:
        ptype = tag & 0xFFFF
        if ptype in (0x001F, 0x0102):
            out += struct.pack("<IIII", tag, 6, len(value) + (2 if ptype == 0x001F else 0), 0)
        else:
            out += struct.pack("<II", tag, 6) + value
    return out


def _filetime(when: datetime) -> bytes:
    return struct.pack("<Q", int((when.timestamp() + 11644473600) * 10_000_000))


def msg_bytes(attachments: list[tuple[str, bytes]] | None = None) -> bytes:
    """An Outlook .msg (MS-OXMSG) with its properties and attachments, written as a compound file."""
    attachments = attachments if attachments is not None else [("notitie.txt", b"Medicatie: Ritalin")]
    sent = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    strings = {0x001A: "IPM.Note", 0x0037: "Verslag Sanne", 0x1000: f"Beste juf,\r\n{NAME} heeft {DIAGNOSIS}.\r\n",
               0x0C1A: "Ouder", 0x0C1F: "ouder@example.nl", 0x0E04: "juf@school.example"}
    entries: list[tuple[str, bytes | None]] = [("__nameid_version1.0", None)]
    entries += [(f"__nameid_version1.0/__substg1.0_{s}", b"") for s in ("00020102", "00030102", "00040102")]
    props = []
    for pid, value in strings.items():
        raw = value.encode("utf-16-le")
        entries.append((f"__substg1.0_{pid:04X}001F", raw))
        props.append(((pid << 16) | 0x001F, raw))
    props += [(0x00390040, _filetime(sent)), (0x0E060040, _filetime(sent))]
    n = len(attachments)
    entries.append(("__properties_version1.0", _props(struct.pack("<8sIIII8s", b"", 0, n, 0, n, b""), props)))
    for i, (name, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{i:08X}"
        entries += [(storage, None), (f"{storage}/__substg1.0_3707001F", name.encode("utf-16-le")),
                    (f"{storage}/__substg1.0_3704001F", name.encode("utf-16-le")),
                    (f"{storage}/__substg1.0_37010102", data),
                    (f"{storage}/__properties_version1.0",
                     _props(b"\0" * 8, [(0x37050003, struct.pack("<II", 1, 0)),  # PR_ATTACH_METHOD: by value
                                        (0x0E210003, struct.pack("<II", i, 0))]))]  # PR_ATTACH_NUM
    return _ole(entries)


def doc_bytes(paragraphs: list[str] | None = None) -> bytes:
    """A minimal Word 97 binary document (FIB + one-piece piece table), enough for any .doc reader."""
    paragraphs = paragraphs or [f"Dossier van {NAME}", f"Diagnose: {DIAGNOSIS}"]
    text = ("\r".join(paragraphs) + "\r").encode("cp1252")
    fib = bytearray(0x400)
    text_fc = len(fib)
    struct.pack_into("<HH", fib, 0x00, 0xA5EC, 0x00C1)  # wIdent, nFib (Word 97)
    struct.pack_into("<H", fib, 0x06, 0x0413)  # lid: Dutch
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: piece table in 1Table
    struct.pack_into("<H", fib, 0x0C, 0x00BF)  # nFibBack
    struct.pack_into("<II", fib, 0x18, text_fc, text_fc + len(text))  # fcMin, fcMac
    struct.pack_into("<H", fib, 0x20, 14)  # csw
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw
    struct.pack_into("<I", fib, 0x40, text_fc + len(text))  # cbMac
    struct.pack_into("<I", fib, 0x4C, len(text))  # ccpText
    struct.pack_into("<H", fib, 0x98, 93)  # cbRgFcLcb
    plc = struct.pack("<II", 0, len(text)) + struct.pack("<HIH", 0, (text_fc * 2) | 0x40000000, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    stshi = struct.pack("<9H", 0, 10, 1, 0x5B, 15, 0, 0, 0, 0)  # no styles, Word's defaults
    stsh = struct.pack("<H", len(stshi)) + stshi
    table = bytearray(clx)
    struct.pack_into("<II", fib, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    for index, blob in ((1, stsh), (0, stsh)):  # fcStshf, fcStshfOrig
        struct.pack_into("<II", fib, 0x9A + 8 * index, len(table), len(blob))
        table += blob
    word = bytes(fib) + text
    word += b"\0" * max(0, 4096 - len(word))  # keep it out of the mini stream
    return _ole([("WordDocument", word), ("1Table", bytes(table) + b"\0" * 64)])


# -- archives ------------------------------------------------------------------------------------
def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def zip_bomb(expanded_mb: int = 300) -> bytes:
    """One member of zeros that expands far beyond its compressed size."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("nullen.txt", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(expanded_mb):
                f.write(chunk)
    return buf.getvalue()


def encrypted_zip(name: str = "geheim.txt") -> bytes:
    """A zip whose member has the 'encrypted' flag, as a password-protected zip has."""
    data = bytearray(zip_bytes({name: b"x" * 40}))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        pos = data.find(sig)
        flag_at = pos + (6 if sig == b"PK\x03\x04" else 8)
        flags = struct.unpack_from("<H", data, flag_at)[0] | 0x1
        struct.pack_into("<H", data, flag_at, flags)
    return bytes(data)


def encrypted_docx() -> bytes:
    """A password-protected .docx (an OLE container with an EncryptedPackage stream)."""
    return _ole([("EncryptionInfo", b"\x04\x00\x04\x00" + b"\0" * 60), ("EncryptedPackage", b"\0" * 5000)])


def pptx_bytes() -> bytes:
    """An MDO deck: a title slide, a slide with a grouped text box and a table, speaker notes."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.core_properties.title = "MDO groep 5"
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = "MDO groep 5"
    first.placeholders[1].text = "Zorgteam november"
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = "Leerlingen besproken"
    group = second.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(1.5), Inches(4), Inches(1)).text_frame.text = \
        f"{NAME}: onderzoek naar {DIAGNOSIS}"
    table = second.shapes.add_table(2, 3, Inches(1), Inches(3), Inches(6), Inches(1)).table
    for c, text in enumerate(("Naam", "Groep", "Zorg")):
        table.cell(0, c).text = text
    for c, text in enumerate(("Daan Bakker", "5", "logopedie")):
        table.cell(1, c).text = text
    second.notes_slide.notes_text_frame.text = "Moeder van Sanne belde over medicatie"
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()


# -- one file per format, with the text each must yield --------------------------------------------
def all_formats() -> dict[str, bytes]:
    return {
        "dossier.docx": docx_bytes(), "oud.doc": doc_bytes(), "lijst.xlsx": xlsx_bytes(),
        "macro.xlsm": xlsx_bytes(), "oud.xls": xls_bytes(), "verslag.odt": odt_bytes(), "lijst.ods": ods_bytes(),
        "export.csv": csv_semicolon_cp1252(), "unicode.tsv": csv_utf16(), "notitie.txt": txt_bytes(),
        "brief.rtf": rtf_bytes(), "pagina.html": html_bytes(), "verslag.pdf": pdf_bytes(),
        "mail.eml": eml_bytes(), "bericht.msg": msg_bytes(),
        "map.zip": zip_bytes({"binnen/notitie.txt": txt_bytes()}), "mdo.pptx": pptx_bytes(),
    }
