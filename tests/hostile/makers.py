"""Hostile input, generated in the test run (never committed as binaries).

Each maker returns bytes (or writes into a folder it is given). Normal documents come from
tests/connectors/samples.py; here they are broken, inflated, encrypted or booby-trapped the way a
malicious or merely unlucky file on a school share would be.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import struct
import zipfile
from pathlib import Path

from tests.connectors.samples import docx_bytes, odt_bytes, pdf_bytes, pdf_from_objects, xlsx_bytes

MB = 1024 * 1024
SECRET = "GEHEIM-XXE-8d1f2c: Sanne de Vries heeft epilepsie"  # the local file an XXE would pull in


# -- zip bombs -----------------------------------------------------------------------------------
def zeros_member(zf: zipfile.ZipFile, name: str, mb: int) -> None:
    """A member of `mb` MB of zeros, streamed so the test never holds it in memory."""
    with zf.open(name, "w", force_zip64=True) as f:
        chunk = b"\0" * MB
        for _ in range(mb):
            f.write(chunk)


def ratio_bomb(mb: int = 32) -> bytes:
    """One bzip2 member of zeros: 32 MB from about a hundred bytes (a ratio of some 300 000)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_BZIP2) as zf:
        zeros_member(zf, "leerlingen.txt", mb)
    return buf.getvalue()


def nested_bomb(levels: int = 5, fanout: int = 4, leaf_mb: int = 16) -> bytes:
    """42.zip in small: `fanout` copies of the layer below, `levels` deep; the leaves are ratio bombs.

    Expanded in full it would be fanout**levels * leaf_mb (here 16 GB); the depth limit and the
    bomb check must stop it long before.
    """
    layer = ratio_bomb(leaf_mb)
    name = "nullen.zip"
    for level in range(levels):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
            for i in range(fanout):
                zf.writestr(f"laag{level}-{i}.zip" if level else f"{i}-{name}", layer)
        layer = buf.getvalue()
    return layer


def many_members(count: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(count):
            zf.writestr(f"m{i}.txt", b"")
    return buf.getvalue()


def lying_sizes() -> bytes:
    """A member whose headers claim 10 bytes while its data inflates to 20 MB.

    zipfile must stop at the declared size (and fail on the CRC), never inflate what the data holds.
    """
    data = b"A" * (20 * MB)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("klein.txt", data)
    raw = bytearray(buf.getvalue())
    local = raw.find(b"PK\x03\x04")
    struct.pack_into("<I", raw, local + 22, 10)  # uncompressed size in the local header
    central = raw.find(b"PK\x01\x02")
    struct.pack_into("<I", raw, central + 24, 10)  # ... and in the central directory
    return bytes(raw)


def office_bomb(kind: str, mb: int, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A real .docx/.xlsx/.odt whose main XML part is padded with `mb` MB of whitespace.

    Still a valid document, so only the expanded size gives it away; its parser would read it whole.
    """
    source, part, anchor = {
        "docx": (docx_bytes(), "word/document.xml", b"<w:body>"),
        "xlsx": (xlsx_bytes(), "xl/worksheets/sheet1.xml", b"<sheetData>"),
        "odt": (odt_bytes(), "content.xml", b"<office:body>"),
    }[kind]
    return _rewrite(source, {part: lambda xml: xml.replace(anchor, anchor + b" " * (mb * MB), 1)}, compression)


def _rewrite(package: bytes, edits: dict, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in edits:
                data = edits[info.filename](data)
            dst.writestr(info.filename, data, compress_type=ZIP_STORED_FOR_MIMETYPE.get(info.filename, compression))
    return out.getvalue()


ZIP_STORED_FOR_MIMETYPE = {"mimetype": zipfile.ZIP_STORED}  # ODF wants its mimetype stored


def sparse_sheet() -> bytes:
    """An .xlsx of a few kB with one cell in A1 and one in XFD1048576 (the last cell Excel has)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Naam"
    ws["A2"] = "Leerling 111222333"
    ws["XFD1048576"] = "einde"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- XML bombs and external entities ---------------------------------------------------------------
LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]>")


def _with_doctype(xml: bytes, doctype: bytes, text_marker: bytes, entity: bytes) -> bytes:
    """Put `doctype` after the XML declaration and the entity reference where the text was."""
    decl_end = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
    return xml[:decl_end] + doctype + xml[decl_end:].replace(text_marker, entity, 1)


def xml_bomb(kind: str) -> bytes:
    """Billion laughs in the main part of a real .docx/.xlsx/.odt (10**9 'lol's if expanded)."""
    return _entity_document(kind, LAUGHS, b"&lol9;")


def xxe(kind: str, secret_file: Path) -> bytes:
    """An external entity pointing at a local file, referenced where the document's text is."""
    doctype = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "' + secret_file.as_uri().encode() + b'">]>'
    return _entity_document(kind, doctype, b"&xxe;")


def _entity_document(kind: str, doctype: bytes, reference: bytes) -> bytes:
    source, part, marker = {
        "docx": (docx_bytes(), "word/document.xml", b"Leerling "),
        "xlsx": (xlsx_bytes(), "xl/worksheets/sheet1.xml", b"Naam"),
        "odt": (odt_bytes(), "content.xml", b"Verslag"),
    }[kind]
    package = zipfile.ZipFile(io.BytesIO(source))
    assert marker in package.read(part), f"{kind}: marker not in {part}"
    return _rewrite(source, {part: lambda xml: _with_doctype(xml, doctype, marker, reference)})


# -- broken, encrypted, random ---------------------------------------------------------------------
def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def corrupted(data: bytes, seed: int = 8) -> bytes:
    """The middle third overwritten with random bytes (headers intact, content garbage)."""
    rnd = random.Random(seed)
    out = bytearray(data)
    start, end = len(out) // 3, 2 * len(out) // 3
    out[start:end] = bytes(rnd.getrandbits(8) for _ in range(end - start))
    return bytes(out)


def random_bytes(size: int = 64 * 1024, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(size)


def office_encrypted(plain: bytes, password: str = "Welkom01") -> bytes:
    """A real password-protected Office file (ECMA-376 agile encryption) made by msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


def pdf_encrypted(user_password: str = "Welkom01", owner_only: bool = False) -> bytes:
    """An AES-256 encrypted PDF; `owner_only`: opens without a password (only editing is locked)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="" if owner_only else user_password, owner_password="eigenaar",
                   algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_huge_page() -> bytes:
    """A 'scan': one tiny image on a 200 x 200 inch page (3.6 gigapixels if rendered at 300 dpi)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (8, 8), 200).save(buf, "PDF")
    data = buf.getvalue()
    start = data.index(b"/MediaBox [")
    end = data.index(b"]", start)
    return data[:start] + b"/MediaBox [0 0 14400 14400]" + data[end + 1:]


def pdf_flate_bomb(mb: int = 200) -> bytes:
    """A page whose content stream inflates to `mb` MB of spaces."""
    import zlib

    comp = zlib.compressobj(9)
    stream = b"".join(comp.compress(b" " * MB) for _ in range(mb)) + comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_from_objects(objects)


# -- text ------------------------------------------------------------------------------------------
def write_long_line_csv(path: Path, mb: int = 100, cell: bytes = b"x") -> None:
    """A CSV header and then one line of `mb` MB, streamed to disk."""
    with open(path, "wb") as f:
        f.write(b"naam;notitie\n")
        chunk = cell * (MB // len(cell))
        for _ in range(mb):
            f.write(chunk)
        f.write(b"\n")


# -- trees -----------------------------------------------------------------------------------------
def deep_tree(root: Path, levels: int, name: str, leaf: str, content: bytes) -> None:
    """`levels` nested folders called `name`, made with directory descriptors (the full path may be
    longer than PATH_MAX, which path-based calls refuse)."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        file_fd = os.open(leaf, os.O_CREAT | os.O_WRONLY, 0o640, dir_fd=fd)
        with os.fdopen(file_fd, "wb") as f:
            f.write(content)
    finally:
        os.close(fd)


def remove_deep_tree(root: Path, name: str) -> None:
    """Remove what `deep_tree` made without recursion: shutil.rmtree (and so pytest's clean-up of old
    temporary folders, in this run or a later one) fails with RecursionError past ~1000 levels.
    The top folder's child takes its place level by level, so every path stays short."""
    top = root / name
    while (top / name).is_dir() and not (top / name).is_symlink():
        spare = root / f"{name}.weg"
        os.rename(top / name, spare)
        shutil.rmtree(top)
        os.rename(spare, top)
    if top.exists():
        shutil.rmtree(top)


__all__ = ["MB", "SECRET", "docx_bytes", "odt_bytes", "pdf_bytes", "xlsx_bytes"]
