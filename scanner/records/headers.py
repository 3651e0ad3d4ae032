"""Which column headers mean which field of a record file: config/record_columns.yaml.

LAS exports name the same column in many ways; that vocabulary is data a school's administrator can
read and extend, not a constant in the loaders. A loader names the fields it reads; a field in the
file that no loader reads is a typo that would silently lose its headers, so it stops the run.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from config import CONFIG_DIR
from scanner.config import ConfigError
from scanner.kernel.messages import say

RECORD_COLUMNS = CONFIG_DIR / "record_columns.yaml"


@cache
def _vocabulary() -> dict[str, Any]:
    data = yaml.safe_load(RECORD_COLUMNS.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ConfigError(f"{RECORD_COLUMNS}: " + say("verwacht per registratiesoort de velden met hun kolomnamen",
                                                      "expected the fields and their headers per record type"))
    return data


def record_headers(record_type: str, fields: tuple[str, ...]) -> dict[str, list[str]]:
    """field -> the headers that mean it, for every field in `fields` (a field without a line in the
    file still matches its own name)."""
    given = _vocabulary().get(record_type) or {}
    where = f"{RECORD_COLUMNS}: {record_type}"
    if not isinstance(given, dict):
        raise ConfigError(f"{where}: " + say("verwacht velden met hun kolomnamen",
                                             "expected fields with their headers"))
    for fld, headers in given.items():
        if fld not in fields:
            raise ConfigError(f"{where}.{fld}: " + say(f"onbekend veld; bekend zijn {', '.join(fields)}",
                                                       f"unknown field; known are {', '.join(fields)}"))
        if not isinstance(headers, list) or not all(isinstance(h, str) for h in headers):
            raise ConfigError(f"{where}.{fld}: " + say("verwacht een lijst kolomnamen, bijv. [Leerlingnummer, Llnr]",
                                                       "expected a list of headers, e.g. [Leerlingnummer, Llnr]"))
    return {fld: list(given.get(fld) or []) for fld in fields}


__all__ = ["RECORD_COLUMNS", "record_headers"]
