"""PowerPoint presentations (.pptx; Google Slides are exported to it): slides, speaker notes, tables.

Slides of MDO and team meetings list pupils with their care needs, often in a table and often with
the real discussion in the speaker notes, so all three are read. Places: `dia S tekstvak N` (every
text shape, also inside groups, in reading order), `tabel T rij R kolom K` (tables as in Word
documents, numbered through the deck; the linking stage reads them as forms or lists) and
`dia S notities`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from connectors.extractors.doctables import table_cells
from connectors.extractors.office import check_ooxml, check_package
from scanner.kernel.model import Content, TextUnit


def _shapes(shapes: Any) -> Iterator[Any]:
    """Every shape, the members of groups in their place (a group's text is read like the rest)."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _text(frame: Any) -> str:
    return "\n".join(p.text for p in frame.paragraphs if p.text.strip()).strip()


def _cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.text_frame.paragraphs if p.text.strip()).strip()


def _table_rows(table: Any) -> list[list[str]]:
    """Cell texts per row; a merged cell once (its spanned cells are left empty)."""
    rows = []
    for row in table.rows:
        cells = ["" if cell.is_spanned else _cell_text(cell) for cell in row.cells]
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return rows


def extract_pptx(data: bytes, name: str) -> Content:
    check_ooxml(data, name)
    check_package(data, name)
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    units: list[TextUnit] = []
    metadata: dict[str, Any] = {}
    t_no = 0
    for s, slide in enumerate(deck.slides, 1):
        box = 0
        for shape in _shapes(slide.shapes):
            if getattr(shape, "has_table", False) and shape.has_table:
                t_no += 1
                units.extend(table_cells(_table_rows(shape.table), t_no, metadata))
            elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                text = _text(shape.text_frame)
                if text:
                    box += 1
                    units.append(TextUnit(place=f"dia {s} tekstvak {box}", text=text))
        if slide.has_notes_slide:
            notes = _text(slide.notes_slide.notes_text_frame) if slide.notes_slide.notes_text_frame else ""
            if notes:
                units.append(TextUnit(place=f"dia {s} notities", text=notes))
    title = deck.core_properties.title
    if title:
        metadata["title"] = title
    return Content(units=units, metadata=metadata)
