"""Word documents: body paragraphs and tables in reading order, text boxes, headers/footers
(default, first page, even pages), footnotes and comments."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from connectors.extractors.doctables import table_cells
from connectors.extractors.docx_text import cell_text, paragraph_text, row_cells
from connectors.extractors.office import check_package
from scanner.kernel.model import Content, TextUnit

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _table_units(table: Table, t: int, metadata: dict[str, Any]) -> list[TextUnit]:
    rows = []
    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        seen: list[object] = []
        for tc in row_cells(tr):  # a merged cell is listed once per grid column it spans: read it once, and
            repeated = any(tc is s for s in seen)  # keep its other columns empty so the cells after it
            seen.append(tc)  # stay under their own header (as odf's covered cells do)
            cells.append("" if repeated else cell_text(tc).strip())
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return table_cells(rows, t, metadata)


def _paragraph_texts(element: etree._Element) -> list[str]:
    """Text of every w:p below `element` (text boxes, notes), paragraphs kept apart."""
    out = []
    for p in element.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.strip():
            out.append(text)
    return out


def _header_footer_units(document: docx.document.Document) -> list[TextUnit]:
    units: list[TextUnit] = []
    seen: set[int] = set()
    for s, section in enumerate(document.sections, 1):
        parts = [("koptekst", section.header), ("voettekst", section.footer)]
        if section.different_first_page_header_footer:
            parts += [("koptekst eerste pagina", section.first_page_header),
                      ("voettekst eerste pagina", section.first_page_footer)]
        if document.settings.odd_and_even_pages_header_footer:
            parts += [("koptekst even pagina", section.even_page_header),
                      ("voettekst even pagina", section.even_page_footer)]
        for label, part in parts:
            if part.is_linked_to_previous:  # the prior section's, or none at all: python-docx would
                continue  # add an empty header part to the first section to answer `_element`
            element = part._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            text = "\n".join(_paragraph_texts(element))
            if text:
                units.append(TextUnit(place=f"{label} sectie {s}", text=text))
    return units


def _notes(data: bytes) -> list[TextUnit]:
    """Footnotes and endnotes, which python-docx does not expose."""
    units: list[TextUnit] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for part, label, tag in (("word/footnotes.xml", "voetnoot", "footnote"),
                                 ("word/endnotes.xml", "eindnoot", "endnote")):
            if part not in zf.namelist():
                continue
            root = etree.fromstring(zf.read(part), parser=etree.XMLParser(resolve_entities=False, no_network=True))
            for note in root.iter(f"{{{W_NS}}}{tag}"):
                if note.get(f"{{{W_NS}}}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(_paragraph_texts(note))
                if text.strip():
                    units.append(TextUnit(place=f"{label} {note.get(f'{{{W_NS}}}id')}", text=text))
    return units


def extract_docx(data: bytes, name: str) -> Content:
    check_package(data, name)
    document = docx.Document(io.BytesIO(data))
    units: list[TextUnit] = []
    metadata: dict[str, Any] = {}
    p_no = t_no = box_no = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            p_no += 1
            text = paragraph_text(block._p)
            if text.strip():
                units.append(TextUnit(place=f"alinea {p_no}", text=text))
            for box in block._p.iter(qn("w:txbxContent")):
                if any(str(a.tag).endswith("}Fallback") for a in box.iterancestors()):
                    continue  # the same text box again, for old Word versions
                box_no += 1
                text = "\n".join(_paragraph_texts(box))
                if text:
                    units.append(TextUnit(place=f"tekstvak {box_no}", text=text))
        elif isinstance(block, Table):
            t_no += 1
            units.extend(_table_units(block, t_no, metadata))
    units.extend(_header_footer_units(document))
    units.extend(_notes(data))
    for i, comment in enumerate(document.comments, 1):
        if comment.text.strip():
            units.append(TextUnit(place=f"opmerking {i}", text=comment.text))
    title = document.core_properties.title
    if title:
        metadata["title"] = title
    return Content(units=units, metadata=metadata)
