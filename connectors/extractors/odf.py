"""OpenDocument text (.odt) and spreadsheets (.ods) straight from their XML parts.

.odt: paragraphs and headings in reading order ('alinea N'), comments ('opmerking N') and the page
headers/footers of the master pages. .ods: cells as 'Blad!B3', like the Excel extractors, with
repeated rows/columns expanded only where they carry text (an empty sheet declares a million rows).

The parts are read with lxml (entities never resolved, no network, lxml's size limits): the same walk
over the same elements as through odfpy's document tree until session 37, which built a Python object
per element of every part (1.3 ms a file) and lost the body of a file whose content.xml is indented
(some writers save it so): its office:text or office:spreadsheet stayed the empty one it made, and only
the headers were read. odfpy's reading is kept in tests/test_odt_xml.py as the reference.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import odf
from lxml import etree
from odf.namespaces import OFFICENS, STYLENS, TABLENS, TEXTNS

from connectors.extractors.delimited import table_units as sheet_units
from connectors.extractors.doctables import table_cells
from connectors.extractors.office import check_package
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit


def keep_odfpy_off_sys_path() -> None:
    """odfpy appends its own folder to sys.path in most of its modules. Its `config.py` then shadows
    avgscan's `config` package in every process started later (a spawned dask worker inherits sys.path):
    the worker failed to start with "cannot import name 'CONFIG_DIR' from 'config'". Its modules import
    each other as `odf.…`, so the entries are not needed; called after every import of odfpy."""
    folder = str(Path(odf.__file__).parent)
    sys.path[:] = [p for p in sys.path if p != folder]


keep_odfpy_off_sys_path()

MAX_REPEAT = 1000  # a repeated row with text is expanded at most this often
MAX_COLUMNS = 16_384  # the widest sheet LibreOffice writes
MAX_GAP = 100_000  # empty rows kept between filled ones (row numbers stay right below this)


# not opc.PARSER: its remove_blank_text (python-docx's setting) would drop the spaces between two spans of a paragraph
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
P, H, TABLE = f"{{{TEXTNS}}}p", f"{{{TEXTNS}}}h", f"{{{TABLENS}}}table"
ANNOTATION, ANNOTATION_END = f"{{{OFFICENS}}}annotation", f"{{{OFFICENS}}}annotation-end"
SPACE, TAB, LINE_BREAK, COUNT = f"{{{TEXTNS}}}s", f"{{{TEXTNS}}}tab", f"{{{TEXTNS}}}line-break", f"{{{TEXTNS}}}c"
ROW, ROW_GROUPS = f"{{{TABLENS}}}table-row", {f"{{{TABLENS}}}{g}" for g in ("table-header-rows", "table-rows",
                                                                         "table-row-group")}
CELLS = {f"{{{TABLENS}}}table-cell", f"{{{TABLENS}}}covered-table-cell"}
COLUMNS_REPEATED, ROWS_REPEATED = f"{{{TABLENS}}}number-columns-repeated", f"{{{TABLENS}}}number-rows-repeated"
HEADERS = {"header": "koptekst", "header-first": "koptekst eerste pagina", "header-left": "koptekst even pagina",
           "footer": "voettekst", "footer-first": "voettekst eerste pagina", "footer-left": "voettekst even pagina"}


def _part(package: zipfile.ZipFile, name: str, required: bool = False) -> Any:
    """The root element of one XML part; None for a missing optional part (odfpy too reads on without it)."""
    try:
        data = package.read(name)
    except KeyError:
        if required:
            raise
        return None
    return etree.fromstring(data, _PARSER)


def _text(el: Any) -> str:
    """Text of an element without the comments (office:annotation) anchored in it: its text, its children's
    and their tails."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == SPACE:
            parts.append(" " * int(child.get(COUNT) or 1))
        elif tag == TAB:
            parts.append("\t")
        elif tag == LINE_BREAK:
            parts.append("\n")
        elif isinstance(tag, str) and tag not in (ANNOTATION, ANNOTATION_END):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(node: Any, wanted: tuple[str, ...]) -> Iterator[Any]:
    """The `wanted` elements (paragraphs and headings; in the body also tables) in reading order, not looked
    into: a table whole, not its cells' paragraphs (a table is a form or a list, see doctables); comments
    are not entered."""
    for child in node:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag != ANNOTATION and len(child):
            yield from _walk(child, wanted)


def _annotations(node: Any) -> Iterator[Any]:
    for child in node:
        if child.tag == ANNOTATION:
            yield child
        else:
            yield from _annotations(child)


def _lines(node: Any) -> str:
    return "\n".join(text for text in (_text(p) for p in _walk(node, (P, H))) if text.strip())


def _rows(table: Any) -> list[list[str]]:
    """A table's rows of cell texts, repeated rows and columns expanded only where they carry text."""
    rows: list[list[str]] = []
    pending_empty = 0
    for row in _table_rows(table):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in CELLS:
                continue
            text = "\n".join(_text(p) for p in _walk(cell, (P, H)))
            repeat = int(cell.get(COLUMNS_REPEATED) or 1)
            cells.extend([text] * min(repeat, MAX_COLUMNS - len(cells)))
        while cells and not cells[-1].strip():
            cells.pop()
        repeat = int(row.get(ROWS_REPEATED) or 1)
        if not cells:
            pending_empty += repeat
            continue
        rows.extend([[] for _ in range(min(pending_empty, MAX_GAP))])
        pending_empty = 0
        rows.extend([cells] * min(repeat, MAX_REPEAT))
    return rows


def _table_rows(node: Any) -> Iterator[Any]:
    for child in node:
        if child.tag == ROW:
            yield child
        elif child.tag in ROW_GROUPS:
            yield from _table_rows(child)


def extract_odt(data: bytes, name: str) -> Content:
    check_package(data, name)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        content = _part(package, "content.xml", required=True)
        styles = _part(package, "styles.xml")
        meta = _part(package, "meta.xml")
    units = []
    metadata: dict[str, Any] = {}
    body = content.find(f"{{{OFFICENS}}}body/{{{OFFICENS}}}text")
    if body is None:
        raise Unreadable("geen OpenDocument-tekstdocument: content.xml heeft geen office:text")
    i = t = 0
    for el in _walk(body, (P, H, TABLE)):
        if el.tag == TABLE:
            t += 1
            units.extend(table_cells([[c.strip() for c in row] for row in _rows(el)], t, metadata))
            continue
        i += 1
        text = _text(el)
        if text.strip():
            units.append(TextUnit(place=f"alinea {i}", text=text))
    for i, note in enumerate(_annotations(body), 1):
        text = _lines(note)
        if text.strip():
            units.append(TextUnit(place=f"opmerking {i}", text=text))
    masters = styles.find(f"{{{OFFICENS}}}master-styles") if styles is not None else None
    for page in masters if masters is not None else ():
        if not isinstance(page.tag, str):
            continue
        page_name = page.get(f"{{{STYLENS}}}name")
        for part in page:
            label = HEADERS.get(etree.QName(part).localname) if isinstance(part.tag, str) else None
            text = _lines(part) if label else ""
            if text:
                units.append(TextUnit(place=f"{label} ({page_name})", text=text))
    office_meta = meta.find(f"{{{OFFICENS}}}meta") if meta is not None else None
    title = next(("".join(el.itertext()) for el in (office_meta if office_meta is not None else ())
                  if isinstance(el.tag, str) and etree.QName(el).localname == "title"), "")
    if title:
        metadata["title"] = title
    return Content(units=units, metadata=metadata)


def extract_ods(data: bytes, name: str) -> Content:
    check_package(data, name)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        content = _part(package, "content.xml", required=True)
    body = content.find(f"{{{OFFICENS}}}body/{{{OFFICENS}}}spreadsheet")
    if body is None:
        raise Unreadable("geen OpenDocument-rekenblad: content.xml heeft geen office:spreadsheet")
    units: list[TextUnit] = []
    for table in body:
        if table.tag == TABLE:
            units.extend(sheet_units(_rows(table), sheet=table.get(f"{{{TABLENS}}}name")))
    return Content(units=units)
