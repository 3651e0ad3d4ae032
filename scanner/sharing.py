"""The date data was shared with a party: what the document states, else the e-mail's Date, else
the export row's date column, else the file's modification time (design.md, consent decision)."""

from __future__ import annotations

import re
from datetime import date

from scanner.model import Content, Item
from scanner.records.dates import parse_date

STATED = re.compile(
    r"\b(datum(?: [a-z]+){0,2}|verzonden(?: op)?|verstuurd(?: op)?|gedateerd|ondertekend op)\s*:?\s*"
    r"(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2} [a-z]+ \d{4})", re.IGNORECASE)
SKIP = re.compile(r"geboorte|intake|overleg|gesprek|vergadering|uitschrijving|inschrijving", re.IGNORECASE)


def stated_date(content: Content) -> date | None:
    for unit in content.units[:40]:
        for m in STATED.finditer(unit.text):
            if SKIP.search(m.group(1)):
                continue
            d = parse_date(m.group(2))
            if d:
                return d
    return None


def share_date(item: Item, content: Content) -> tuple[date | None, str | None]:
    d = stated_date(content) if item.kind != "row" else None
    if d:
        return d, "document"
    meta = content.metadata.get("date")
    if isinstance(meta, date):
        return meta, "e-mail" if item.kind != "row" else "row"
    if item.modified:
        return item.modified.date(), "mtime"
    return None, None
