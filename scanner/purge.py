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

from sqlalchemy import func, select

from scanner.cache import ItemCache
from scanner.evaluation_cache import EvaluationCache
from scanner.kept_scan import KEPT_FILE
from scanner.state import StateStore, audit_table, item_cache

# the reports, and the scan result kept beside them for the next rescan (scanner.kept_scan): the same data
REPORT_PATTERNS = ("report.*", "violations.csv", "findings.csv", "verklaring-verwijdering-*", "inzage-*", KEPT_FILE)


@dataclass
class Purged:
    files: list[Path]
    audits: int
    cache_entries: int


def purge(out_dir: Path, older_than_days: int, dry_run: bool = False) -> Purged:
    """Delete (or with `dry_run` only count) what is older than the given age.

    Deleted rows stay readable in SQLite's free pages until the file is rewritten, so a purge ends
    with VACUUM: "purged" must mean gone from the disk, not only from the tables."""
    cutoff = time.time() - older_than_days * 86400
    files = [p for pattern in REPORT_PATTERNS for p in sorted(out_dir.glob(pattern))
             if p.is_file() and p.stat().st_mtime < cutoff]
    if not dry_run:
        for p in files:
            p.unlink()
    audits = cache_entries = 0
    store = StateStore.open(out_dir, create=False)
    if store is not None:
        with store:
            before = (datetime.now(UTC) - timedelta(days=older_than_days)).isoformat(timespec="seconds")
            stale = date.today() - timedelta(days=older_than_days)
            if dry_run:
                with store.engine.connect() as conn:
                    audits = conn.execute(select(func.count()).select_from(audit_table)
                                          .where(audit_table.c.started_at < before)).scalar() or 0
                    cache_entries = conn.execute(select(func.count()).select_from(item_cache)
                                                 .where(item_cache.c.stored_at < stale.isoformat())).scalar() or 0
            else:
                audits = store.purge_audits(before)
                cache_entries = ItemCache.purge(store, stale)
                EvaluationCache.purge(store, stale)  # the outcomes kept beside the cache (pupils keyed)
                with store.engine.connect() as conn:
                    conn.exec_driver_sql("VACUUM")
    return Purged(files, audits, cache_entries)
