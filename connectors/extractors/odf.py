"""OpenDocument text (.odt) and spreadsheets (.ods) through odfpy.

.odt: paragraphs and headings in reading order ('alinea N'), comments ('opmerking N') and the page
headers/footers of the master pages. .ods: cells as 'Blad!B3', like the Excel extractors, with
repeated rows/columns expanded only where they carry text (an empty sheet declares a million rows).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import odf
from odf import teletype
from odf.element import Element, Text
from odf.namespaces import OFFICENS, TABLENS, TEXTNS
from odf.opendocument import load

from connectors.extractors.delimited import table_units as sheet_units
from connectors.extractors.doctables import table_cells
from connectors.extractors.office import check_package
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


def _qname(el: Element) -> tuple[str, str] | None:
    return getattr(el, "qname", None)


def _text(el: Element) -> str:
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
            parts.append(_text(child))
    return "".join(parts)


def _blocks(node: Element) -> Iterator[Element]:
    for child in node.childNodes:
        q = _qname(child)
        if q in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield child
        elif q == (OFFICENS, "annotation"):
            continue
        elif getattr(child, "childNodes", None):
            yield from _blocks(child)


def _annotations(node: Element) -> Iterator[Element]:
    for child in getattr(node, "childNodes", []):
        if _qname(child) == (OFFICENS, "annotation"):
            yield child
        else:
            yield from _annotations(child)


def _comment_text(annotation: Element) -> str:
    return "\n".join(_text(p) for p in _blocks(annotation) if _text(p).strip())


def _body(node: Element) -> Iterator[Element]:
    """Paragraphs, headings and text tables of the body in reading order (a table whole, not its cells'
    paragraphs: a table is a form or a list, see doctables)."""
    for child in node.childNodes:
        q = _qname(child)
        if q in ((TEXTNS, "p"), (TEXTNS, "h"), (TABLENS, "table")):
            yield child
        elif q == (OFFICENS, "annotation"):
            continue
        elif getattr(child, "childNodes", None):
            yield from _body(child)


def extract_odt(data: bytes, name: str) -> Content:
    check_package(data, name)
    doc = load(io.BytesIO(data))
    units = []
    metadata: dict[str, Any] = {}
    i = t = 0
    for el in _body(doc.text):
        if _qname(el) == (TABLENS, "table"):
            t += 1
            units.extend(table_cells([[c.strip() for c in row] for row in _rows(el)], t, metadata))
            continue
        i += 1
        text = _text(el)
        if text.strip():
            units.append(TextUnit(place=f"alinea {i}", text=text))
    for i, note in enumerate(_annotations(doc.text), 1):
        text = _comment_text(note)
        if text.strip():
            units.append(TextUnit(place=f"opmerking {i}", text=text))
    labels = {"header": "koptekst", "header-first": "koptekst eerste pagina", "header-left": "koptekst even pagina",
              "footer": "voettekst", "footer-first": "voettekst eerste pagina", "footer-left": "voettekst even pagina"}
    for page in doc.masterstyles.childNodes:
        page_name = page.getAttribute("name") if _qname(page) else None
        for part in getattr(page, "childNodes", []):
            q = _qname(part)
            if q and q[1] in labels:
                text = "\n".join(_text(p) for p in _blocks(part) if _text(p).strip())
                if text:
                    units.append(TextUnit(place=f"{labels[q[1]]} ({page_name})", text=text))
    title = next((teletype.extractText(t) for t in doc.meta.childNodes if _qname(t) and _qname(t)[1] == "title"), "")
    if title:
        metadata["title"] = title
    return Content(units=units, metadata=metadata)


def _rows(table: Element) -> list[list[str]]:
    rows: list[list[str]] = []
    pending_empty = 0
    for row in _table_rows(table):
        cells: list[str] = []
        for cell in row.childNodes:
            if _qname(cell) not in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
                continue
            text = "\n".join(_text(p) for p in _blocks(cell))
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            cells.extend([text] * min(repeat, MAX_COLUMNS - len(cells)))
        while cells and not cells[-1].strip():
            cells.pop()
        repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        if not cells:
            pending_empty += repeat
            continue
        rows.extend([[] for _ in range(min(pending_empty, MAX_GAP))])
        pending_empty = 0
        rows.extend([cells] * min(repeat, MAX_REPEAT))
    return rows


def _table_rows(node: Element) -> Iterator[Element]:
    for child in node.childNodes:
        q = _qname(child)
        if q == (TABLENS, "table-row"):
            yield child
        elif q in ((TABLENS, "table-header-rows"), (TABLENS, "table-rows"), (TABLENS, "table-row-group")):
            yield from _table_rows(child)


def extract_ods(data: bytes, name: str) -> Content:
    check_package(data, name)
    doc = load(io.BytesIO(data))
    units: list[TextUnit] = []
    for table in doc.spreadsheet.childNodes:
        if _qname(table) != (TABLENS, "table"):
            continue
        units.extend(sheet_units(_rows(table), sheet=table.getAttribute("name")))
    return Content(units=units)
