"""Tables in documents (docx, odt) as cells: what the table says is read later, by the linking stage.

Whether a table is a form ('Achternaam | ten Brink'), a list with a header row or layout is a question
of the school's words (labels, column headers), which belong to the forms stage (scanner/doctables.py),
not to an extractor. So an extractor gives each filled cell as a unit with its row as the record and
its column in the place, and the number of rows of each table (an empty last row still counts).
"""

from __future__ import annotations

from typing import Any

from scanner.kernel.model import TABLE_RECORD, TABLE_ROWS, TextUnit


def table_cells(rows: list[list[str]], t: int, metadata: dict[str, Any]) -> list[TextUnit]:
    """Units of table `t`: `rows` are the cell texts (merged cells once, empty cells ''); the table's
    row count goes into `metadata` (Content.metadata)."""
    metadata.setdefault(TABLE_ROWS, {})[t] = len(rows)
    return [TextUnit(place=f"{TABLE_RECORD} {t} rij {r} kolom {c}", text=text, record=f"{TABLE_RECORD} {t} rij {r}")
            for r, cells in enumerate(rows, 1) for c, text in enumerate(cells, 1) if text]
