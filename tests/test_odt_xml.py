"""The .odt extractor reads content.xml, styles.xml and meta.xml with lxml; until session 37 it walked odfpy's
document tree. odfpy's reading is kept here as the reference: both give the same units and title for the
project's sample, a document with every construct the walk knows, and the share of a generated school."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from odf import teletype
from odf.element import Element, Text
from odf.namespaces import OFFICENS, TABLENS, TEXTNS
from odf.opendocument import load

from connectors.extractors import odf as odt
from connectors.extractors.doctables import table_cells
from connectors.extractors.office import check_package
from scanner.demo.writers import indent_odf
from scanner.kernel.model import Content, TextUnit
from tests.connectors.samples import odt_bytes


def _qname(el: Element) -> tuple[str, str] | None:
    return getattr(el, "qname", None)


def _odf_text(el: Element) -> str:
    """Text of an element without the comments (office:annotation) anchored in it."""
    parts: list[str] = []
    for child in el.childNodes:
        if isinstance(child, Text) or child.nodeType == child.TEXT_NODE:
            parts.append(str(child.data))
            continue
        q = _qname(child)
        if q == (OFFICENS, "annotation") or q == (OFFICENS, "annotation-end"):
            continue
        if q == (TEXTNS, "s"):
            parts.append(" " * int(child.getAttribute("c") or 1))
        elif q == (TEXTNS, "tab"):
            parts.append("\t")
        elif q == (TEXTNS, "line-break"):
            parts.append("\n")
        else:
            parts.append(_odf_text(child))
    return "".join(parts)


def _odf_blocks(node: Element) -> Iterator[Element]:
    for child in node.childNodes:
        q = _qname(child)
        if q in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield child
        elif q == (OFFICENS, "annotation"):
            continue
        elif getattr(child, "childNodes", None):
            yield from _odf_blocks(child)


def _odf_rows(table: Element) -> list[list[str]]:
    rows: list[list[str]] = []
    pending_empty = 0
    for row in _odf_table_rows(table):
        cells: list[str] = []
        for cell in row.childNodes:
            if _qname(cell) not in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
                continue
            text = "\n".join(_odf_text(p) for p in _odf_blocks(cell))
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            cells.extend([text] * min(repeat, odt.MAX_COLUMNS - len(cells)))
        while cells and not cells[-1].strip():
            cells.pop()
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        if not cells:
            pending_empty += repeat
            continue
        rows.extend([[] for _ in range(min(pending_empty, odt.MAX_GAP))])
        pending_empty = 0
        rows.extend([cells] * min(repeat, odt.MAX_REPEAT))
    return rows


def _odf_table_rows(node: Element) -> Iterator[Element]:
    for child in node.childNodes:
        q = _qname(child)
        if q == (TABLENS, "table-row"):
            yield child
        elif q in ((TABLENS, "table-header-rows"), (TABLENS, "table-rows"), (TABLENS, "table-row-group")):
            yield from _odf_table_rows(child)


def _annotations(node: Element) -> Iterator[Element]:
    for child in getattr(node, "childNodes", []):
        if _qname(child) == (OFFICENS, "annotation"):
            yield child
        else:
            yield from _annotations(child)


def _body(node: Element) -> Iterator[Element]:
    for child in node.childNodes:
        q = _qname(child)
        if q in ((TEXTNS, "p"), (TEXTNS, "h"), (TABLENS, "table")):
            yield child
        elif q == (OFFICENS, "annotation"):
            continue
        elif getattr(child, "childNodes", None):
            yield from _body(child)


def odfpy_reading(data: bytes, name: str) -> Content:
    """The extractor as it was, through odfpy's tree."""
    check_package(data, name)
    doc = load(io.BytesIO(data))
    units = []
    metadata: dict[str, Any] = {}
    i = t = 0
    for el in _body(doc.text):
        if _qname(el) == (TABLENS, "table"):
            t += 1
            units.extend(table_cells([[c.strip() for c in row] for row in _odf_rows(el)], t, metadata))
            continue
        i += 1
        text = _odf_text(el)
        if text.strip():
            units.append(TextUnit(place=f"alinea {i}", text=text))
    for i, note in enumerate(_annotations(doc.text), 1):
        text = "\n".join(_odf_text(p) for p in _odf_blocks(note) if _odf_text(p).strip())
        if text.strip():
            units.append(TextUnit(place=f"opmerking {i}", text=text))
    for page in doc.masterstyles.childNodes:
        page_name = page.getAttribute("name") if _qname(page) else None
        for part in getattr(page, "childNodes", []):
            q = _qname(part)
            if q and q[1] in odt.HEADERS:
                text = "\n".join(_odf_text(p) for p in _odf_blocks(part) if _odf_text(p).strip())
                if text:
                    units.append(TextUnit(place=f"{odt.HEADERS[q[1]]} ({page_name})", text=text))
    title = next((teletype.extractText(t) for t in doc.meta.childNodes
                  if _qname(t) and _qname(t)[1] == "title"), "")
    if title:
        metadata["title"] = title
    return Content(units=units, metadata=metadata)


def odfpy_sheets(data: bytes, name: str) -> Content:
    """The .ods extractor as it was, through odfpy's tree."""
    from connectors.extractors.delimited import table_units

    check_package(data, name)
    doc = load(io.BytesIO(data))
    units: list[TextUnit] = []
    for table in doc.spreadsheet.childNodes:
        if _qname(table) == (TABLENS, "table"):
            units.extend(table_units(_odf_rows(table), sheet=table.getAttribute("name")))
    return Content(units=units)


def rich_odt() -> bytes:
    """Every construct the walk knows: headings, spaces (text:s c=), tabs, line breaks, spans, notes, comments
    with their end, nested sections and lists, a table with header rows, repeated and covered cells, empty
    rows between filled ones, headers and footers of two master pages, a title."""
    from odf.dc import Title
    from odf.office import Annotation, AnnotationEnd
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, FooterLeft, Header, HeaderLeft, MasterPage, PageLayout
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S, Section, Span, Tab

    doc = OpenDocumentText()
    doc.meta.addElement(Title(text="Groeidocument groep 7"))
    layout = PageLayout(name="pl1")
    doc.automaticstyles.addElement(layout)
    for name, parts in (("Standard", (Header, Footer)), ("Links", (HeaderLeft, FooterLeft))):
        master = MasterPage(name=name, pagelayoutname=layout)
        for part in parts:
            element = part()
            element.addElement(P(text=f"{name} {part.__name__}: vertrouwelijk"))
            element.addElement(P(text="  "))
            master.addElement(element)
        doc.masterstyles.addElement(master)
    doc.text.addElement(H(outlinelevel=1, text="Verslag  leerling"))
    p = P(text="Leerling")
    p.addElement(S(c=3))
    p.addElement(Span(text="Daan de Vries"))
    p.addElement(Tab())
    p.addText("heeft ")
    p.addElement(LineBreak())
    p.addText("dyslexie")
    note = Note(noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Vastgesteld in 2023."))
    note.addElement(body)
    p.addElement(note)
    comment = Annotation(name="c1")
    comment.addElement(P(text="Ouders ingelicht"))
    comment.addElement(P(text=""))
    p.addElement(comment)
    p.addText(" en gaat vooruit.")
    p.addElement(AnnotationEnd(name="c1"))
    doc.text.addElement(p)
    doc.text.addElement(P(text="   "))
    section = Section(name="s1")
    items = List()
    for text in ("Eerste punt", "Tweede punt"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    section.addElement(items)
    doc.text.addElement(section)
    table = Table(name="t1")
    table.addElement(TableColumn(numbercolumnsrepeated=3))
    head = TableHeaderRows()
    row = TableRow()
    for text in ("Naam", "Vak", "Cijfer"):
        cell = TableCell()
        cell.addElement(P(text=text))
        row.addElement(cell)
    head.addElement(row)
    table.addElement(head)
    row = TableRow(numberrowsrepeated=2)
    cell = TableCell(numbercolumnsrepeated=2)
    cell.addElement(P(text="Sanne"))
    row.addElement(cell)
    row.addElement(CoveredTableCell())
    table.addElement(row)
    table.addElement(TableRow(numberrowsrepeated=3))
    row = TableRow()
    cell = TableCell()
    cell.addElement(P(text="Daan"))
    cell.addElement(P(text="(ziek)"))
    row.addElement(cell)
    table.addElement(row)
    doc.text.addElement(table)
    doc.text.addElement(P(text="Einde."))
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("make", [odt_bytes, rich_odt])
def test_the_xml_reading_is_odfpy_s(make: Any) -> None:
    data = make()
    got, want = odt.extract_odt(data, "x.odt"), odfpy_reading(data, "x.odt")
    assert got.units == want.units and got.metadata == want.metadata
    assert len(got.units) >= 3


def test_the_sheets_read_as_odfpy_read_them() -> None:
    from tests.connectors.samples import ods_bytes

    data = ods_bytes()
    assert odt.extract_ods(data, "x.ods").units == odfpy_sheets(data, "x.ods").units
    assert odt.extract_ods(indent_odf(data), "x.ods").units == odfpy_sheets(data, "x.ods").units  # indented too


def test_the_rich_document_gives_what_the_walk_knows() -> None:
    units = {u.place: u.text for u in odt.extract_odt(rich_odt(), "x.odt").units}
    assert units["alinea 2"].startswith("Leerling   Daan de Vries\theeft \ndyslexie1Vastgesteld")
    assert units["alinea 2"].endswith(" en gaat vooruit.")  # the comment's text is not in its paragraph
    assert units["opmerking 1"] == "Ouders ingelicht"
    assert units["koptekst even pagina (Links)"] == "Links HeaderLeft: vertrouwelijk"
    assert odt.extract_odt(rich_odt(), "x.odt").metadata["title"] == "Groeidocument groep 7"


def test_a_generated_school_s_documents_read_alike(tmp_path: Path) -> None:
    from scanner.demo import build_demo_school

    build_demo_school(tmp_path / "school", seed=5, pupils=40, documents=200, style="noorderkwartier")
    files = sorted((tmp_path / "school" / "share").rglob("*.odt"))
    assert files
    for f in files:
        data = f.read_bytes()
        got, want = odt.extract_odt(data, f.name), odfpy_reading(data, f.name)
        assert (got.units, got.metadata) == (want.units, want.metadata), f


def test_an_indented_content_part_is_read_whole() -> None:
    """odfpy's tree loses the body of such a file (its office:text stays the empty one it made), so the old
    extractor reported the headers alone and never the text; the XML reading reads the body."""
    compact = odt.extract_odt(odt_bytes(), "x.odt").units
    indented = odt.extract_odt(indent_odf(odt_bytes()), "x.odt").units
    assert [u.place for u in indented] == [u.place for u in compact]
    assert [u.text.strip() for u in indented] == [u.text.strip() for u in compact]
    assert any("Verslag" in u.text for u in indented)
