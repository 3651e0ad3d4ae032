"""Tables in documents (docx, odt) as the units a form or a list reads as.

A document table is a form ('Achternaam | ten Brink', or two label|value pairs per row), a list with
a header row ('Naam | Geboortedatum | Groep', read like a sheet: one record per row, each cell with
its column), or layout. Label|value rows are glued into 'label: value' text, as a reader sees them;
scanner/forms.py turns them into cells with their form section as the record (and the sharing-date
reader still sees 'Verzonden op: 12-03-2026' as one line).
"""

from __future__ import annotations

from scanner.forms import TABLE_RECORD, header_row, label_shaped
from scanner.kernel.model import TextUnit


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
