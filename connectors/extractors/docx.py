"""Word documents: body paragraphs and tables in reading order, headers/footers and comments."""

from __future__ import annotations

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from connectors.extractors import register
from scanner.model import Content, TextUnit


def _table_units(table: Table, t: int) -> list[TextUnit]:
    units = []
    for r, row in enumerate(table.rows, 1):
        cells = [c.text.strip() for c in row.cells]
        # a two-column 'label | value' table: keep the label with the value, as a form reads
        if len(cells) == 2 and cells[0] and cells[1]:
            units.append(TextUnit(place=f"tabel {t} rij {r}", text=f"{cells[0]}: {cells[1]}", column=None))
            continue
        for c, text in enumerate(cells, 1):
            if text:
                units.append(TextUnit(place=f"tabel {t} rij {r} kolom {c}", text=text))
    return units


@register(".docx", ".docm", ".dotx")
def extract_docx(data: bytes, name: str) -> Content:
    document = docx.Document(io.BytesIO(data))
    units: list[TextUnit] = []
    p_no = t_no = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            p_no += 1
            if block.text.strip():
                units.append(TextUnit(place=f"alinea {p_no}", text=block.text))
        elif isinstance(block, Table):
            t_no += 1
            units.extend(_table_units(block, t_no))
    for s, section in enumerate(document.sections, 1):
        for label, part in (("koptekst", section.header), ("voettekst", section.footer)):
            text = "\n".join(p.text for p in part.paragraphs if p.text.strip())
            if text:
                units.append(TextUnit(place=f"{label} sectie {s}", text=text))
    try:
        comments = list(document.comments)
    except (AttributeError, KeyError, ValueError):
        comments = []
    for i, comment in enumerate(comments, 1):
        text = comment.text if hasattr(comment, "text") else ""
        if text.strip():
            units.append(TextUnit(place=f"opmerking {i}", text=text))
    title = document.core_properties.title
    return Content(units=units, metadata={"title": title} if title else {})
