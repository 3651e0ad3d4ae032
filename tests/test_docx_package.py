"""extract_docx reads the package itself (connectors/extractors/opc.py, issue 17) and gives what it gave
when python-docx opened it: `reference_extract_docx` below is that extractor, kept here as the measure.
Documents are built with python-docx (sections with first-page/even headers, linked sections, comments,
notes, text boxes, nested and merged tables, hyperlinks, content controls, a main part not called
word/document.xml) and broken ones end in the same kind of error."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from copy import deepcopy
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from connectors.extractors import extract, opc
from connectors.extractors.doctables import table_cells
from connectors.extractors.docx import extract_docx
from connectors.extractors.docx_text import cell_text, paragraph_text, row_cells
from connectors.extractors.office import check_package
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import TABLE_ROWS, Content, TextUnit

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


# --- the extractor as it was: python-docx opens the package ---------------------------------------------

def _ref_table_units(table: Table, t: int, metadata: dict[str, Any]) -> list[TextUnit]:
    rows = []
    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        seen: list[object] = []
        for tc in row_cells(tr):
            repeated = any(tc is s for s in seen)
            seen.append(tc)
            cells.append("" if repeated else cell_text(tc).strip())
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return table_cells(rows, t, metadata)


def _ref_paragraph_texts(element: etree._Element) -> list[str]:
    out = []
    for p in element.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if text.strip():
            out.append(text)
    return out


def _ref_header_footer_units(document: Any) -> list[TextUnit]:
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
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            text = "\n".join(_ref_paragraph_texts(element))
            if text:
                units.append(TextUnit(place=f"{label} sectie {s}", text=text))
    return units


def _ref_notes(data: bytes) -> list[TextUnit]:
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
                text = " ".join(_ref_paragraph_texts(note))
                if text.strip():
                    units.append(TextUnit(place=f"{label} {note.get(f'{{{W_NS}}}id')}", text=text))
    return units


def reference_extract_docx(data: bytes, name: str) -> Content:
    """extract_docx before issue 17's package reader (session 30's, python-docx 1.2 opening the file)."""
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
                    continue
                box_no += 1
                text = "\n".join(_ref_paragraph_texts(box))
                if text:
                    units.append(TextUnit(place=f"tekstvak {box_no}", text=text))
        elif isinstance(block, Table):
            t_no += 1
            units.extend(_ref_table_units(block, t_no, metadata))
    units.extend(_ref_header_footer_units(document))
    units.extend(_ref_notes(data))
    for i, comment in enumerate(document.comments, 1):
        if comment.text.strip():
            units.append(TextUnit(place=f"opmerking {i}", text=comment.text))
    title = document.core_properties.title
    if title:
        metadata["title"] = title
    return Content(units=units, metadata=metadata)


def same_content(data: bytes, name: str = "t.docx") -> Content:
    """The new extract, after asserting it equals the reference unit for unit (place, text, record)."""
    new, old = extract_docx(data, name), reference_extract_docx(data, name)
    assert [(u.place, u.text, u.record) for u in new.units] == [(u.place, u.text, u.record) for u in old.units]
    assert new.metadata == old.metadata
    assert new == old
    return new


# --- building documents -------------------------------------------------------------------------------------

def _xml(fragment: str) -> list[etree._Element]:
    return list(etree.fromstring(f"<w:body {NS}>{fragment}</w:body>"))


def _append_body(document: Any, fragment: str) -> None:
    tail = document.element.body[-1]  # sectPr stays last
    for element in _xml(fragment):
        tail.addprevious(element)


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes | None] | None = None,
          edit: dict[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The package with members replaced (None: left out), added, or edited."""
    replace, edit = replace or {}, edit or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in replace:
                continue
            blob = src.read(info)
            if info.filename in edit:
                blob = edit[info.filename](blob)
            dst.writestr(info.filename, blob)
        for member, blob in replace.items():
            if blob is not None:
                dst.writestr(member, blob)
    return out.getvalue()


def _sub(old: str, new: str) -> Callable[[bytes], bytes]:
    def apply(blob: bytes) -> bytes:
        assert old.encode() in blob, old
        return blob.replace(old.encode(), new.encode())
    return apply


TEXT_BOX = (
    "<w:p><w:r><w:t>Voor het vak</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
    "<wps:txbx><w:txbxContent><w:p><w:r><w:t>Tekstvak Sanne</w:t></w:r></w:p><w:p><w:r><w:t>regel 2</w:t></w:r>"
    "</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>Tekstvak Sanne</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r></w:p>"
)
CONTENT_CONTROLS = (
    "<w:sdt><w:sdtPr><w:alias w:val='Naam'/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>In een besturingselement"
    "</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>sdt-cel</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "</w:sdtContent></w:sdt>"
    "<w:p><w:r><w:t>Naam: </w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>Daan</w:t></w:r></w:sdtContent></w:sdt>"
    "<w:hyperlink r:id='rId99'><w:r><w:t>link</w:t></w:r></w:hyperlink><w:ins w:id='1' w:author='x'><w:r>"
    "<w:t>ingevoegd</w:t></w:r></w:ins></w:p>"
    "<w:ins w:id='2' w:author='x'><w:p><w:r><w:t>verborgen in ins</w:t></w:r></w:p></w:ins>"
    "<w:customXml w:element='x'><w:p><w:r><w:t>in customXml</w:t></w:r></w:p></w:customXml>"
)
FOOTNOTES = (
    f"<w:footnotes {NS}><w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:id='1'><w:p><w:r><w:t>Voetnoot over</w:t></w:r></w:p><w:p><w:r><w:t>Sanne</w:t></w:r></w:p>"
    "</w:footnote></w:footnotes>"
)
ENDNOTES = f"<w:endnotes {NS}><w:endnote w:id='2'><w:p><w:r><w:t>Eindnoot</w:t></w:r></w:p></w:endnote></w:endnotes>"


def _headers(section: Any, tag: str, first: bool = False, even: bool = False) -> None:
    section.header.paragraphs[0].text = f"kop {tag}"
    section.footer.paragraphs[0].text = f"voet {tag}"
    if first:
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = f"eerste kop {tag}"
        section.first_page_footer.add_paragraph(f"eerste voet {tag}")
    if even:
        section.even_page_header.paragraphs[0].text = f"even kop {tag}"
        section.even_page_footer.paragraphs[0].text = f"even voet {tag}"


def rich_docx(content_controls: bool = False) -> bytes:
    """Every feature the extractor reads, in one document of four sections; with `content_controls`, also
    the content controls, tracked insertion and custom XML python-docx does not read (and the extractor does)."""
    d = docx.Document()
    d.core_properties.title = "Handelingsplan & zorg"
    d.settings.odd_and_even_pages_header_footer = True
    p = d.add_paragraph("Leerling Sanne de Vries, groep 5.")
    d.add_comment(p.runs, text="Moeder belde", author="Juf", initials="J")
    c = d.add_comment(p.runs, text="Tweede opmerking", author="Meester")
    c.add_paragraph("met een tweede alinea")
    d.add_comment(p.runs, text="   ", author="leeg")
    d.add_paragraph("")
    _append_body(d, TEXT_BOX + (CONTENT_CONTROLS if content_controls else ""))
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate((("Naam", "Groep", "Zorg"), ("Daan", "5", "dyslexie"), ("", "", ""))):
        for col, text in enumerate(row):
            table.cell(r, col).text = text
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    inner = table.cell(1, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "genest", "tabel"
    _headers(d.sections[0], "1", first=True, even=True)
    s2 = d.add_section()
    d.add_paragraph("Sectie twee, kop gekoppeld aan de vorige.")
    s2.different_first_page_header_footer = True  # no first-page parts of its own: linked
    s3 = d.add_section()
    d.add_paragraph("Sectie drie")
    s3.header.is_linked_to_previous = False
    s3.header.paragraphs[0].text = "kop drie"
    s3.different_first_page_header_footer = False  # the clone of section 2's sectPr had w:titlePg
    s3.first_page_footer.is_linked_to_previous = False  # without w:titlePg: not read
    s3.first_page_footer.paragraphs[0].text = "eerste voet drie, niet zichtbaar"
    d.add_section()
    d.add_paragraph("Sectie vier")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "laatste tabel"
    data = _save(d)
    rels = ('<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'footnotes" Target="footnotes.xml"/></Relationships>')
    return rezip(data, {"word/footnotes.xml": FOOTNOTES.encode(), "word/endnotes.xml": ENDNOTES.encode()},
                 {"word/_rels/document.xml.rels": _sub("</Relationships>", rels)})


def renamed_main(data: bytes, new: str = "word/hoofddocument.xml") -> bytes:
    """The same package with its main part under another name (relationships and content types follow)."""
    base = new.rpartition("/")[2]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        main, rels = zf.read("word/document.xml"), zf.read("word/_rels/document.xml.rels")
    return rezip(data, {"word/document.xml": None, "word/_rels/document.xml.rels": None, new: main,
                        f"word/_rels/{base}.rels": rels},
                 {"_rels/.rels": _sub("word/document.xml", new),
                  "[Content_Types].xml": _sub("/word/document.xml", "/" + new)})


# --- side by side --------------------------------------------------------------------------------------------

def test_the_constants_are_python_docx_s() -> None:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import PartFactory

    assert (opc.RT_OFFICE_DOCUMENT, opc.RT_IMAGE, opc.RT_COMMENTS, opc.RT_SETTINGS, opc.RT_CORE_PROPERTIES) == (
        RT.OFFICE_DOCUMENT, RT.IMAGE, RT.COMMENTS, RT.SETTINGS, RT.CORE_PROPERTIES)
    assert (opc.CT_DOCUMENT, opc.CT_COMMENTS, opc.CT_SETTINGS, opc.CT_CORE_PROPERTIES) == (
        CT.WML_DOCUMENT_MAIN, CT.WML_COMMENTS, CT.WML_SETTINGS, CT.OPC_CORE_PROPERTIES)
    assert opc.XML_PART_TYPES == set(PartFactory.part_type_for)


def test_every_feature_as_python_docx_reads_it() -> None:
    content = same_content(rich_docx())
    places = {u.place: u.text for u in content.units}
    expected = {  # each rule leaves a trace, so dropping one fails here as well as in the comparison
        "alinea 1": "Leerling Sanne de Vries, groep 5.", "tekstvak 1": "Tekstvak Sanne\nregel 2",
        "koptekst sectie 1": "kop 1", "voettekst sectie 1": "voet 1", "koptekst eerste pagina sectie 1": "eerste kop 1",
        "voettekst eerste pagina sectie 1": "eerste voet 1", "koptekst even pagina sectie 1": "even kop 1",
        "voettekst even pagina sectie 1": "even voet 1", "koptekst sectie 3": "kop drie",
        "voetnoot 1": "Voetnoot over Sanne", "eindnoot 2": "Eindnoot", "opmerking 1": "Moeder belde",
        "opmerking 2": "Tweede opmerking\nmet een tweede alinea", "tabel 1 rij 1 kolom 1": "Naam\nGroep",
    }
    assert {k: places.get(k) for k in expected} == expected
    assert not any(k.endswith("sectie 2") or "eerste pagina sectie 3" in k for k in places)
    assert "opmerking 3" not in places and "tekstvak 2" not in places
    assert not any("genest" in u.text for u in content.units)  # a table in a cell is not the cell's text
    assert content.metadata["title"] == "Handelingsplan & zorg"
    assert content.metadata[TABLE_ROWS] == {1: 3, 2: 1}


def test_content_controls_and_insertions_are_read_beyond_python_docx() -> None:
    data = rich_docx(content_controls=True)
    old = {u.place: u.text for u in reference_extract_docx(data, "t.docx").units}
    new = {u.place: u.text for u in extract_docx(data, "t.docx").units}
    # python-docx's blocks leave the content controls and custom XML out (its paragraph text: test_docx_text.py)
    assert not any(t in v for v in old.values() for t in ("In een besturingselement", "sdt-cel", "customXml"))
    assert "Naam: Daanlinkingevoegd" in new.values()  # the content control's and the insertion's runs in place
    assert new["alinea 4"] == "In een besturingselement" and new["tabel 1 rij 1 kolom 1"] == "sdt-cel"
    assert "in customXml" in new.values()
    assert not any("verborgen" in v for v in new.values())  # w:ins around a paragraph is no valid WordprocessingML
    assert new["tabel 2 rij 1 kolom 1"] == old["tabel 1 rij 1 kolom 1"]  # the document's own table comes next


def test_a_main_part_not_called_document_xml() -> None:
    data = renamed_main(rich_docx())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "word/document.xml" not in zf.namelist()
    assert len(same_content(data).units) > 10


def test_settings_and_first_page_switched_off_explicitly() -> None:
    data = rich_docx()
    data = rezip(data, edit={"word/settings.xml": _sub("<w:evenAndOddHeaders/>", "<w:evenAndOddHeaders w:val='off'/>"),
                             "word/document.xml": _sub("<w:titlePg/>", "<w:titlePg w:val='0'/>")})
    places = {u.place for u in same_content(data).units}
    assert "koptekst even pagina sectie 1" not in places and "koptekst eerste pagina sectie 1" not in places


def test_a_header_part_two_sections_share_is_read_once() -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "gedeelde kop"
    d.add_section()
    sect_prs = d.element.xpath("//w:sectPr")
    sect_prs[-1].insert(0, deepcopy(sect_prs[0].find(qn("w:headerReference"))))
    units = same_content(_save(d)).units
    assert [u.place for u in units if u.text == "gedeelde kop"] == ["koptekst sectie 1"]


def test_without_core_properties_settings_or_comments() -> None:
    d = docx.Document()
    d.add_paragraph("Alleen tekst")
    data = _save(d)
    stripped = rezip(data, {"docProps/core.xml": None, "word/settings.xml": None},
                     {"_rels/.rels": lambda b: re.sub(rb'<Relationship [^>]*core-properties"[^>]*/>', b"", b),
                      "word/_rels/document.xml.rels": lambda b: re.sub(rb'<Relationship [^>]*/settings"[^>]*/>', b"",
                                                                       b)})
    content = same_content(stripped)
    assert content.metadata["title"] == "Word Document"  # python-docx's default core properties
    d.core_properties.title = ""
    assert "title" not in same_content(_save(d)).metadata


def test_a_picture_is_not_read_and_its_relationship_kept() -> None:
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d4944415478da6364f8cf00000003010100c9fe92ef0000000049454e44ae426082")
    d = docx.Document()
    d.add_picture(io.BytesIO(png))
    d.add_paragraph("onder de foto")
    d.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(png))
    d.sections[0].header.add_paragraph("kop met logo")
    assert [u.text for u in same_content(_save(d)).units][-2:] == ["onder de foto", "kop met logo"]


# --- broken packages: the same kind of failure --------------------------------------------------------------

def _outcome(fn: Callable[[bytes, str], Content], data: bytes) -> str:
    try:
        fn(data, "t.docx")
    except Unreadable as err:
        return f"Unreadable: {err}"
    except Exception as err:  # noqa: BLE001 - compared by kind, as the scan reports it
        return type(err).__name__
    return "read"


def _simple() -> bytes:
    d = docx.Document()
    d.add_paragraph("tekst")
    d.sections[0].header.paragraphs[0].text = "kop"
    d.add_comment(d.paragraphs[0].runs, text="opm")
    return _save(d)


BROKEN = {
    "no content types": lambda b: rezip(b, {"[Content_Types].xml": None}),
    "content types not xml": lambda b: rezip(b, {"[Content_Types].xml": b"<Types"}),
    "content types wrong root": lambda b: rezip(b, {"[Content_Types].xml": b"<Types/>"}),
    "no package rels": lambda b: rezip(b, {"_rels/.rels": None}),
    "package rels not xml": lambda b: rezip(b, {"_rels/.rels": b"garbage"}),
    "main part missing": lambda b: rezip(b, {"word/document.xml": None}),
    "header part missing": lambda b: rezip(b, {"word/header1.xml": None}),
    "main part not xml": lambda b: rezip(b, {"word/document.xml": b"<w:document"}),
    "header not xml": lambda b: rezip(b, {"word/header1.xml": b"<<<"}),
    "comments not xml": lambda b: rezip(b, {"word/comments.xml": b"<<<"}),
    "core properties not xml": lambda b: rezip(b, {"docProps/core.xml": b"<<<"}),
    "settings not xml": lambda b: rezip(b, {"word/settings.xml": b"<<<"}),
    "macro document (.docm type)": lambda b: rezip(b, edit={"[Content_Types].xml": _sub(
        "wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml")}),
    "no content type for the main part": lambda b: rezip(b, edit={"[Content_Types].xml": lambda x: re.sub(
        rb'<Override PartName="/word/document.xml"[^>]*/>', b"", x)}),
    "two main documents": lambda b: rezip(b, edit={"_rels/.rels": _sub(
        "</Relationships>", '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')}),
    "header reference to no relationship": lambda b: rezip(b, edit={"word/document.xml": lambda x: re.sub(
        rb'(<w:headerReference [^>]*r:id=")[^"]*"', rb'\1rId404"', x)}),
    "header reference without r:id": lambda b: rezip(b, edit={"word/document.xml": lambda x: re.sub(
        rb'(<w:headerReference [^>]*) r:id="[^"]*"', rb"\1", x)}),
    "titlePg neither on nor off": lambda b: rezip(b, edit={"word/document.xml": _sub(
        "<w:pgSz", "<w:titlePg w:val='ja'/><w:pgSz")}),
    "main part without body": lambda b: rezip(b, edit={"word/document.xml": lambda x: re.sub(
        rb"<w:body>.*</w:body>", b"", x, flags=re.S)}),
    "main part with another root": lambda b: rezip(b, edit={"word/document.xml": lambda x: x.replace(
        b"<w:document ", b"<w:documentx ").replace(b"</w:document>", b"</w:documentx>")}),
    "header part of a content type without XML class": lambda b: rezip(b, edit={"[Content_Types].xml": lambda x: re.sub(
        rb'(PartName="/word/header1.xml" ContentType=")[^"]*"', rb'\1application/xml"', x)}),
    "comments part of another XML type": lambda b: rezip(b, edit={"[Content_Types].xml": lambda x: re.sub(
        rb'(PartName="/word/comments.xml" ContentType=")[^"]*"', rb'\1application/vnd.openxmlformats-'
        rb'officedocument.wordprocessingml.header+xml"', x)}),
    "evenAndOddHeaders neither on nor off": lambda b: rezip(b, edit={"word/settings.xml": lambda x: re.sub(
        rb"(<w:settings [^>]*>)", rb"\1<w:evenAndOddHeaders w:val='soms'/>", x)}),
    "external main document": lambda b: rezip(b, edit={"_rels/.rels": lambda x: re.sub(
        rb'(Target="word/document.xml")', rb'\1 TargetMode="External"', x)}),
    "comments with another root": lambda b: rezip(b, edit={"word/comments.xml": lambda x: x.replace(
        b"<w:comments ", b"<w:commentz ").replace(b"</w:comments>", b"</w:commentz>")}),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_package_fails_as_before(case: str) -> None:
    data = BROKEN[case](_simple())
    old, new = _outcome(reference_extract_docx, data), _outcome(extract_docx, data)
    assert new == old, case
    assert old != "read" or case == "no package rels"


def test_what_is_no_longer_read_no_longer_fails() -> None:
    """python-docx parsed styles and numbering (and read every picture) when opening: a malformed one
    made the file unreadable, though the text is intact. Those parts are not read now."""
    data = rezip(_simple(), {"word/styles.xml": b"<<<"})
    assert _outcome(reference_extract_docx, data) == "XMLSyntaxError"
    assert [u.text for u in extract_docx(data, "t.docx").units] == ["tekst", "kop", "opm"]


def test_the_scan_s_reason_for_a_broken_package_is_unchanged() -> None:
    data = BROKEN["header part missing"](_simple())
    with pytest.raises(Unreadable, match=r"^beschadigd of onleesbaar bestand \(KeyError\)$"):
        extract(data, "t.docx")
