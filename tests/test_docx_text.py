"""connectors/extractors/docx_text.py gives what python-docx gives (issue 17: read without its XPath per
element): every paragraph's text, every row's cells and their text, the same errors; and also the text
python-docx leaves out that Word shows (content controls of a filled-in form, tracked insertions, smart
tags, simple fields), with tracked deletions apart: a privacy scan must read what the file holds."""

from __future__ import annotations

import io

import docx
import pytest
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from connectors.extractors.docx import extract_docx
from connectors.extractors.docx_text import cell_text, paragraph_text, row_cells

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

PARAGRAPHS = [
    "<w:r><w:t>Sanne</w:t><w:tab/><w:t xml:space='preserve'> de Vries</w:t></w:r>",
    "<w:r><w:t>regel één</w:t><w:br/><w:t>regel twee</w:t><w:br w:type='page'/><w:t>na de pagina</w:t>"
    "<w:br w:type='column'/><w:br w:type='textWrapping'/><w:cr/><w:t>einde</w:t></w:r>",
    "<w:r><w:t>ex</w:t><w:noBreakHyphen/><w:t>partner</w:t><w:ptab w:relativeTo='margin' w:alignment='right' "
    "w:leader='none'/><w:t>rechts</w:t><w:softHyphen/><w:sym w:font='Wingdings' w:char='F04A'/></w:r>",
    "<w:r><w:t>Mail </w:t></w:r><w:hyperlink r:id='rId99'><w:r><w:t>Daan</w:t></w:r><w:r><w:t> Bakker</w:t></w:r>"
    "</w:hyperlink><w:r><w:t/></w:r>",
    "<w:smartTag w:uri='x' w:element='y'><w:r><w:t>verborgen</w:t></w:r></w:smartTag><w:ins w:id='1' w:author='x'>"
    "<w:r><w:t>ingevoegd</w:t></w:r></w:ins><w:r><w:t>zichtbaar</w:t></w:r>",
    "",
]


def _cell(text: str, props: str = "", nested: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p>{nested}" \
           f"<w:p><w:r><w:t>tweede alinea</w:t></w:r></w:p></w:tc>"


NESTED = "<w:tbl><w:tr>" + _cell("binnen") + "</w:tr></w:tbl>"
TABLE = (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr>" + _cell("Naam", "<w:gridSpan w:val='2'/>") + _cell("Groep", "<w:vMerge w:val='restart'/>")
    + _cell("Zorg") + "</w:tr>"
    "<w:tr>" + _cell("Sanne") + _cell("de Vries") + _cell("", "<w:vMerge/>") + _cell("ADHD", "", NESTED) + "</w:tr>"
    "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>" + _cell("Bakker")
    + _cell("", "<w:vMerge w:val='continue'/>") + "</w:tr>"
    "</w:tbl>"
)


def _document(body: str) -> docx.document.Document:
    document = docx.Document()
    tail = document.element.body[-1]  # sectPr stays last
    for element in etree.fromstring(f"<w:body {NS}>{body}</w:body>"):
        tail.addprevious(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def test_paragraph_text_is_python_docx_s() -> None:
    document = _document("".join(f"<w:p>{p}</w:p>" for p in PARAGRAPHS) + TABLE)
    paragraphs = list(document.element.body.iter(f"{{{W_NS}}}p"))
    assert len(paragraphs) >= len(PARAGRAPHS) + 10
    for i, p in enumerate(paragraphs):
        if i != 4:  # the one with a smart tag and a tracked insertion: python-docx leaves their runs out
            assert paragraph_text(p) == Paragraph(p, None).text  # type: ignore[arg-type]
    texts = [paragraph_text(p) for p in paragraphs[:len(PARAGRAPHS)]]
    assert texts[0] == "Sanne\t de Vries" and texts[1].count("\n") == 3 and "ex-partner\trechts" in texts[2]
    assert texts[3] == "Mail Daan Bakker"
    assert Paragraph(paragraphs[4], None).text == "zichtbaar"  # type: ignore[arg-type]
    assert texts[4] == "verborgeningevoegdzichtbaar"


FORM = (  # a filled-in intake form: content controls inline, around paragraphs, around a row and a cell
    "<w:p><w:r><w:t xml:space='preserve'>Naam leerling: </w:t></w:r><w:sdt><w:sdtPr><w:alias w:val='Naam'/>"
    "<w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Noor Hendriks</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    "<w:sdt><w:sdtPr><w:alias w:val='Toelichting'/></w:sdtPr><w:sdtContent>"
    "<w:p><w:r><w:t>Diagnose dyslexie in groep 5</w:t></w:r></w:p>"
    "<w:customXml w:element='zorg'><w:p><w:r><w:t>Logopedie sinds maart</w:t></w:r></w:p></w:customXml>"
    "</w:sdtContent></w:sdt>"
    "<w:p><w:fldSimple w:instr=' MERGEFIELD Voornaam '><w:r><w:t>Daan</w:t></w:r></w:fldSimple></w:p>"
    "<w:tbl><w:tr>" + _cell("Vak", "<w:vMerge w:val='restart'/>") + _cell("Cijfer") + "</w:tr>"
    "<w:sdt><w:sdtContent><w:tr>" + _cell("", "<w:vMerge/>")
    + "<w:sdt><w:sdtContent>" + _cell("7,5") + "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"
    "</w:tbl>"
)


def test_a_filled_in_form_is_read_where_python_docx_reads_nothing() -> None:
    document = _document(FORM)
    buffer = io.BytesIO()
    document.save(buffer)
    units = {u.place: u.text for u in extract_docx(buffer.getvalue(), "intake.docx").units}
    assert units["alinea 1"] == "Naam leerling: Noor Hendriks"
    assert units["alinea 2"] == "Diagnose dyslexie in groep 5" and units["alinea 3"] == "Logopedie sinds maart"
    assert units["alinea 4"] == "Daan"  # a mail-merge field's result
    assert [p.text for p in document.paragraphs][:1] == ["Naam leerling: "]  # what python-docx reads
    cells = " ".join(v for k, v in units.items() if k.startswith("tabel 1"))
    assert "7,5" in cells and cells.count("Vak") == 2  # the wrapped row's merged cell is the one above it
    assert "Naam" not in units["alinea 1"].replace("Naam leerling", "")  # the control's settings are no text


def test_tracked_deletions_are_read_apart_and_insertions_in_place() -> None:
    body = ("<w:p><w:r><w:t xml:space='preserve'>Zorg: </w:t></w:r>"
            "<w:del w:id='1' w:author='ib'><w:r><w:delText>autisme, </w:delText></w:r></w:del>"
            "<w:ins w:id='2' w:author='ib'><w:r><w:t>geen</w:t></w:r></w:ins></w:p>"
            "<w:p><w:moveFrom w:id='3' w:author='ib'><w:r><w:t>Sanne Bakker</w:t></w:r></w:moveFrom></w:p>"
            "<w:p><w:moveTo w:id='4' w:author='ib'><w:r><w:t>Sanne Bakker</w:t></w:r></w:moveTo></w:p>"
            "<w:tbl><w:tr>" + _cell("ok") + "</w:tr><w:tr><w:tc><w:p><w:del w:id='5' w:author='ib'><w:r>"
            "<w:delText>Jeugdzorg</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>")
    buffer = io.BytesIO()
    _document(body).save(buffer)
    units = [(u.place, u.text) for u in extract_docx(buffer.getvalue(), "t.docx").units]
    assert ("alinea 1", "Zorg: geen") in units
    assert ("verwijderde tekst alinea 1", "autisme, ") in units
    assert ("verwijderde tekst alinea 2", "Sanne Bakker") in units and ("alinea 2", "Sanne Bakker") not in units
    assert ("alinea 3", "Sanne Bakker") in units  # the moved text at its new place
    assert ("verwijderde tekst tabel 1", "Jeugdzorg") in units


def test_row_cells_are_python_docx_s() -> None:
    document = _document(TABLE)
    table = document.tables[0]
    tree = table._tbl.getroottree()
    for tr in table._tbl.tr_lst:
        row = _Row(tr, table)
        assert [tree.getpath(tc) for tc in row_cells(tr)] == [tree.getpath(c._tc) for c in row.cells]
        assert [cell_text(tc) for tc in row_cells(tr)] == [c.text for c in row.cells]
    last = row_cells(table._tbl.tr_lst[-1])
    assert cell_text(last[0]).startswith("Bakker") and cell_text(last[1]).startswith("Groep")  # the merge's start


def test_a_merge_with_nothing_above_fails_as_in_python_docx() -> None:
    table = _document("<w:tbl><w:tr>" + _cell("", "<w:vMerge/>") + "</w:tr></w:tbl>").tables[0]
    tr = table._tbl.tr_lst[0]
    with pytest.raises(ValueError):
        _Row(tr, table).cells  # noqa: B018
    with pytest.raises(ValueError):
        row_cells(tr)


def test_extract_docx_reads_the_table_as_before() -> None:
    document = _document(TABLE)
    buffer = io.BytesIO()
    document.save(buffer)
    units = {u.place: u.text for u in extract_docx(buffer.getvalue(), "t.docx").units}
    assert units["tabel 1 rij 1 kolom 1"].startswith("Naam") and "tabel 1 rij 1 kolom 2" not in units
    assert units["tabel 1 rij 2 kolom 3"].startswith("Groep")  # a vertical merge repeats its text per row
    assert isinstance(document.tables[0], Table)
