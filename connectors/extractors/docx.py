"""Word documents: body paragraphs and tables in reading order, text boxes, headers/footers
(default, first page, even pages), footnotes and comments.

The package is read with connectors/extractors/opc.py rather than `docx.Document` (half the cost of a
.docx, issue 17): only the parts the text comes from are parsed. What is read, and in which order, is
python-docx 1.2's: `Document.iter_inner_content`, `Section` headers and footers, `Comments`,
`CoreProperties.title`; tests/test_docx_package.py holds the two side by side.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from connectors.extractors.doctables import table_cells
from connectors.extractors.docx_text import blocks, cell_text, deleted_text, paragraph_text, row_cells, table_rows
from connectors.extractors.office import check_package
from connectors.extractors.opc import (
    CT_COMMENTS,
    CT_CORE_PROPERTIES,
    CT_DOCUMENT,
    CT_SETTINGS,
    PACKAGE,
    RT_COMMENTS,
    RT_CORE_PROPERTIES,
    RT_OFFICE_DOCUMENT,
    RT_SETTINGS,
    Package,
)
from scanner.kernel.model import Content, TextUnit

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_P, _TBL, _BODY, _PPR, _SECT_PR = f"{W}p", f"{W}tbl", f"{W}body", f"{W}pPr", f"{W}sectPr"
_T, _TXBX_CONTENT, _VAL, _TYPE = f"{W}t", f"{W}txbxContent", f"{W}val", f"{W}type"
# what python-docx's Document.core_properties answers for a package without core properties
DEFAULT_TITLE = "Word Document"
_ON_OFF = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}


class InvalidXmlError(ValueError):
    """A value python-docx's element classes refuse (an on/off that is neither, a reference without
    r:id); named as python-docx names it, since the scan's reason for the file shows the name."""


def _table_units(tbl: etree._Element, t: int, metadata: dict[str, Any]) -> list[TextUnit]:
    rows = []
    for tr in table_rows(tbl):
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
    for p in element.iter(_P):
        text = "".join(t.text or "" for t in p.iter(_T))
        if text.strip():
            out.append(text)
    return out


def _on_off(element: etree._Element | None) -> bool:
    """CT_OnOff.val of an optional element: absent False, present without w:val True."""
    if element is None:
        return False
    value = element.get(_VAL)
    if value is None:
        return True
    if value not in _ON_OFF:
        raise InvalidXmlError(f"value must be one of '1', '0', 'true', 'false', 'on', or 'off', got '{value}'")
    return _ON_OFF[value]


def _sections(document: etree._Element) -> Iterator[etree._Element]:
    """CT_Document.sectPr_lst: `w:body/w:p/w:pPr/w:sectPr | w:body/w:sectPr`, in document order."""
    for body in document.iterchildren(_BODY):
        for child in body:
            if child.tag == _P:
                for ppr in child.iterchildren(_PPR):
                    yield from ppr.iterchildren(_SECT_PR)
            elif child.tag == _SECT_PR:
                yield child


def _reference(sect_pr: etree._Element, tag: str, kind: str) -> str | None:
    """The r:id of the section's first header/footer reference of `kind` (None: linked to the one before)."""
    for ref in sect_pr.iterchildren(tag):
        if ref.get(_TYPE) == kind:
            rid = ref.get(_R_ID)
            if rid is None:
                raise InvalidXmlError(f"required 'r:id' attribute not present on element {tag}")
            return rid
    return None


def _even_and_odd(package: Package, main: str) -> bool:
    """Settings.odd_and_even_pages_header_footer (python-docx's default settings say no)."""
    try:
        settings = package.related_by(main, RT_SETTINGS)
    except KeyError:
        return False
    return _on_off(package.element(settings, f"{W}settings", CT_SETTINGS).find(f"{W}evenAndOddHeaders"))


def _header_footer_units(package: Package, main: str, document: etree._Element) -> list[TextUnit]:
    """Each section's own headers and footers, as python-docx's Section gives them: default, then
    first page (when the section has w:titlePg), then even pages (when the settings have
    w:evenAndOddHeaders). One linked to the previous section's has no part here and is skipped; a
    part two sections share is read once."""
    units: list[TextUnit] = []
    seen: set[str] = set()
    even: bool | None = None
    for s, sect_pr in enumerate(_sections(document), 1):
        kinds = [("koptekst", f"{W}headerReference", "default"), ("voettekst", f"{W}footerReference", "default")]
        if _on_off(sect_pr.find(f"{W}titlePg")):
            kinds += [("koptekst eerste pagina", f"{W}headerReference", "first"),
                      ("voettekst eerste pagina", f"{W}footerReference", "first")]
        if even is None:
            even = _even_and_odd(package, main)
        if even:
            kinds += [("koptekst even pagina", f"{W}headerReference", "even"),
                      ("voettekst even pagina", f"{W}footerReference", "even")]
        for label, tag, kind in kinds:
            rid = _reference(sect_pr, tag, kind)
            if rid is None:
                continue
            part = package.related(main, rid)
            element = package.element(part)
            if part in seen:
                continue
            seen.add(part)
            text = "\n".join(_paragraph_texts(element))
            if text:
                units.append(TextUnit(place=f"{label} sectie {s}", text=text))
    return units


def _notes(zf: zipfile.ZipFile) -> list[TextUnit]:
    """Footnotes and endnotes, which python-docx does not expose."""
    units: list[TextUnit] = []
    for part, label, tag in (("word/footnotes.xml", "voetnoot", "footnote"),
                             ("word/endnotes.xml", "eindnoot", "endnote")):
        if part not in zf.namelist():
            continue
        root = etree.fromstring(zf.read(part), parser=etree.XMLParser(resolve_entities=False, no_network=True))
        for note in root.iter(f"{W}{tag}"):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(_paragraph_texts(note))
            if text.strip():
                units.append(TextUnit(place=f"{label} {note.get(f'{W}id')}", text=text))
    return units


def _comment_units(package: Package, main: str) -> list[TextUnit]:
    """Comments in the comments part's order; a comment's text is its paragraphs, one per line."""
    try:
        part = package.related_by(main, RT_COMMENTS)
    except KeyError:
        return []
    units = []
    for i, comment in enumerate(package.element(part, f"{W}comments", CT_COMMENTS).iterchildren(f"{W}comment"), 1):
        text = "\n".join(paragraph_text(p) for p in blocks(comment, (_P,)))
        if text.strip():
            units.append(TextUnit(place=f"opmerking {i}", text=text))
    return units


def _title(package: Package) -> str:
    """CoreProperties.title: dc:title's text, '' without one, DEFAULT_TITLE without core properties."""
    try:
        part = package.related_by(PACKAGE, RT_CORE_PROPERTIES)
    except KeyError:
        return DEFAULT_TITLE
    title = package.element(part, _CORE, CT_CORE_PROPERTIES).find(_DC_TITLE)
    return "" if title is None or title.text is None else title.text


def _body_units(document: etree._Element, metadata: dict[str, Any]) -> list[TextUnit]:
    """Document.iter_inner_content: the w:p and w:tbl of the (first) w:body, and (unlike python-docx) those
    inside a content control or custom XML; a paragraph's text boxes after it. A paragraph's or table's
    tracked deletions follow it as a unit of their own ('verwijderde tekst alinea 4'): Word hides them,
    the file keeps them until the changes are accepted."""
    body = document.find(_BODY)
    if body is None:
        raise AttributeError("document has no w:body")
    units: list[TextUnit] = []
    p_no = t_no = box_no = 0
    for block in blocks(body):
        if block.tag == _P:
            p_no += 1
            text = paragraph_text(block)
            if text.strip():
                units.append(TextUnit(place=f"alinea {p_no}", text=text))
            removed = deleted_text(block)
            if removed.strip():
                units.append(TextUnit(place=f"verwijderde tekst alinea {p_no}", text=removed))
            for box in block.iter(_TXBX_CONTENT):
                if any(str(a.tag).endswith("}Fallback") for a in box.iterancestors()):
                    continue  # the same text box again, for old Word versions
                box_no += 1
                text = "\n".join(_paragraph_texts(box))
                if text:
                    units.append(TextUnit(place=f"tekstvak {box_no}", text=text))
        elif block.tag == _TBL:
            t_no += 1
            units.extend(_table_units(block, t_no, metadata))
            removed = "\n".join(t for t in (deleted_text(p) for p in block.iter(_P)) if t.strip())
            if removed:
                units.append(TextUnit(place=f"verwijderde tekst tabel {t_no}", text=removed))
    return units


def extract_docx(data: bytes, name: str) -> Content:
    check_package(data, name)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        package = Package(zf)
        main = package.related_by(PACKAGE, RT_OFFICE_DOCUMENT)
        if package.content_types[main] != CT_DOCUMENT:
            raise ValueError(f"file '{name}' is not a Word file, content type is '{package.content_types[main]}'")
        document = package.element(main, f"{W}document")
        metadata: dict[str, Any] = {}
        units = _body_units(document, metadata)
        units.extend(_header_footer_units(package, main, document))
        units.extend(_notes(zf))
        units.extend(_comment_units(package, main))
        title = _title(package)
    if title:
        metadata["title"] = title
    return Content(units=units, metadata=metadata)
