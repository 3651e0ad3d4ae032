"""`avgscan purge`: the scanner's own data is governed too (storage limitation applies to it).

Removes, from one output folder, report files older than the given age, audits older than it from
the history, and cache entries not refreshed since. The log of runs with --show-values is kept:
it is the record of who saw raw values, which the FG needs to keep.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from scanner.cache import ItemCache
from scanner.state import StateStore

REPORT_PATTERNS = ("report.*", "violations.csv", "findings.csv", "verklaring-verwijdering-*", "inzage-*")


@dataclass
class Purged:
    files: list[Path]
    audits: int
    cache_entries: int


def purge(out_dir: Path, older_than_days: int) -> Purged:
    cutoff = time.time() - older_than_days * 86400
    files = [p for pattern in REPORT_PATTERNS for p in sorted(out_dir.glob(pattern))
             if p.is_file() and p.stat().st_mtime < cutoff]
    for p in files:
        p.unlink()
    audits = cache_entries = 0
    store = StateStore.open(out_dir, create=False)
    if store is not None:
        with store:
            before = datetime.now(UTC) - timedelta(days=older_than_days)
            audits = store.purge_audits(before.isoformat(timespec="seconds"))
            cache_entries = ItemCache.purge(store, date.today() - timedelta(days=older_than_days))
    return Purged(files, audits, cache_entries)
