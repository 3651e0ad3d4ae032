"""The disclosure log (verstrekkingenlog): what the school gave to which party, when.

Schools are advised to record every exchange (IBP-platform; docs/dutch-law.md, "The disclosure
log"). A logged flow is checked like a file in an outbound folder: each row becomes an item for the
consent rules, with the categories the log names, so a flow that left no copy on the share is still
judged.
"""

from __future__ import annotations

import re
from pathlib import Path

from scanner.config import RecordFile, ScanConfig
from scanner.kernel.dates import parse_date
from scanner.kernel.model import Item, ScannedItem, Subject
from scanner.records.headers import record_headers
from scanner.records.tabular import RowProblem, clean, read_records, source_label

FIELDS = ("leerlingnummer", "partij", "gegevens", "datum", "grondslag")  # headers: config/record_columns.yaml
REQUIRED = ["leerlingnummer", "partij", "gegevens", "datum"]
SOURCE = "verstrekkingenlog"


def load_disclosures(spec: RecordFile, cfg: ScanConfig, pupils: set[str]
                     ) -> tuple[list[ScannedItem], list[RowProblem]]:
    name, rows = read_records(spec, cfg, record_headers("disclosures", FIELDS), REQUIRED)
    label = Path(source_label(spec, cfg)).name
    flows: list[ScannedItem] = []
    problems: list[RowProblem] = []
    for n, row in rows:
        nummer, partij, day = clean(row.get("leerlingnummer")), clean(row.get("partij")), parse_date(row.get("datum"))
        if not (nummer and partij and day):
            problems.append(RowProblem(name, n, "datum" if nummer and partij else "leerlingnummer/partij",
                                       "leeg of geen datum; rij overgeslagen"))
            continue
        if nummer not in pupils:
            problems.append(RowProblem(name, n, "leerlingnummer", f"{nummer} staat niet in het register"))
            continue
        item = Item(source=SOURCE, path=f"{label}#rij {n}", kind="disclosure", role="outbound", party=partij)
        cats = {c.strip().lower() for c in re.split(r"[,;/]", clean(row.get("gegevens"))) if c.strip()}
        flows.append(ScannedItem(item=item, subjects=[Subject(nummer, "log", 1.0)], share_date=day,
                                 share_date_source="log", declared_categories=cats))
    return flows, problems
