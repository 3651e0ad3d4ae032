"""Tables in documents (docx, odt) read as the units a form or a list reads as.

The extractor gives every filled cell of a document table as a unit ('tabel t rij r kolom c', the row
as its record) and each table's number of rows (connectors/extractors/doctables.py); what the table
means is decided here, with the forms stage's words. A table is a form ('Achternaam | ten Brink', or
two label|value pairs per row), a list with a header row ('Naam | Geboortedatum | Groep', read like a
sheet: one record per row, each cell with its column), or layout. Label|value rows are glued into
'label: value' text, as a reader sees them; scanner/forms.py turns them into cells with their form
section as the record (and the sharing-date reader still sees 'Verzonden op: 12-03-2026' as one line).
Run on an item's content before anything else reads it (scanner/pipeline.py detect_item).
"""

from __future__ import annotations

import re
from dataclasses import replace

from scanner.forms import header_row, label_shaped
from scanner.kernel.model import TABLE_RECORD, TABLE_ROWS, Content, TextUnit

_CELL = re.compile(rf"{TABLE_RECORD} (\d+) rij (\d+) kolom (\d+)")


def _pairs(cells: list[str]) -> bool:
    """A row of label|value pairs: an even number of cells, every label cell filled and label-shaped."""
    labels = cells[0::2]
    return len(cells) % 2 == 0 and all(c and label_shaped(c.rstrip(": ")) for c in labels)


def table_units(rows: list[list[str]], t: int) -> list[TextUnit]:
    """Units of table `t`; `rows` are the cell texts, merged cells once."""
    units: list[TextUnit] = []
    header = rows[0] if len(rows) > 1 and header_row(rows[0]) else None
    for r, cells in enumerate(rows, 1):
        record = f"{TABLE_RECORD} {t} rij {r}"
        filled = [c for c in cells if c]
        if header is not None:
            for c, text in enumerate(cells):
                if text:
                    column = header[c] if r > 1 and c < len(header) else None
                    units.append(TextUnit(place=f"tabel {t} rij {r} kolom {c + 1}", text=text, column=column,
                                          record=record))
            continue
        if len(cells) == 2 and cells[0] and cells[1]:
            # a two-column 'label | value' table: keep the label with the value, as a form reads
            units.append(TextUnit(place=f"tabel {t} rij {r}", text=f"{cells[0].rstrip(': ')}: {cells[1]}"))
        elif len(cells) > 2 and _pairs(cells):
            for c in range(0, len(cells), 2):
                if cells[c + 1]:
                    units.append(TextUnit(place=f"tabel {t} rij {r} kolom {c + 1}",
                                          text=f"{cells[c].rstrip(': ')}: {cells[c + 1]}"))
        elif len(filled) == 1:
            units.append(TextUnit(place=f"tabel {t} rij {r}", text=filled[0]))  # a heading row across the table
        else:
            for c, text in enumerate(cells, 1):
                if text:
                    units.append(TextUnit(place=f"tabel {t} rij {r} kolom {c}", text=text))
    return units


def _rows(cells: list[tuple[int, int, str]], count: int) -> list[list[str]]:
    """The table's rows again from its filled cells: empty cells '' and a row ending at its last filled cell."""
    rows: list[list[str]] = [[] for _ in range(count)]
    for r, c, text in cells:
        row = rows[r - 1]
        row.extend([""] * (c - len(row)))
        row[c - 1] = text
    return rows


def read_tables(content: Content) -> Content:
    """The content with each document table's cells replaced by the table's units, where the table
    stood; content without tables (no TABLE_ROWS in its metadata) is returned as it is."""
    counts: dict[int, int] = content.metadata.get(TABLE_ROWS) or {}
    if not counts:
        return content
    cells: dict[int, list[tuple[int, int, str]]] = {}
    units: list[TextUnit | int] = []  # an int stands for table t, at the place of its first cell
    for unit in content.units:
        match = _CELL.fullmatch(unit.place)
        t = int(match.group(1)) if match and unit.record == f"{TABLE_RECORD} {match.group(1)} rij {match.group(2)}" \
            else None
        if match is None or t not in counts or int(match.group(2)) > counts[t]:
            units.append(unit)
            continue
        if t not in cells:
            cells[t] = []
            units.append(t)
        cells[t].append((int(match.group(2)), int(match.group(3)), unit.text))
    out: list[TextUnit] = []
    for entry in units:
        out.extend(table_units(_rows(cells[entry], counts[entry]), entry) if isinstance(entry, int) else [entry])
    metadata = {k: v for k, v in content.metadata.items() if k != TABLE_ROWS}
    return replace(content, units=out, metadata=metadata)


__all__ = ["read_tables", "table_units"]
