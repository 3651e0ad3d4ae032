"""Sources that were not (or largely not) read, with the fix: a source that cannot be read must never
look like a clean one.

A wrong database password used to give a table of zeros and a green "no breaches"; the cause was a
line near the bottom. Every output now starts with these gaps, and none shows an all-clear while
there is one. What counts as "a large part" and which fix goes with which reason is data
(config/reports/source_problems.yaml), so a new connector's messages only need a new hint there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from config import CONFIG_DIR
from scanner.kernel.model import Item, Report

PROBLEMS_FILE = CONFIG_DIR / "reports" / "source_problems.yaml"


@dataclass
class SourceGap:
    """A source that could not be read at all, or only in part."""

    source: str
    source_type: str
    whole: bool  # nothing of it was read
    unreadable: int  # units (files, members, tables) that could not be read
    units: int  # all units of the source, unreadable ones included
    reason: str  # the first reason, as the connector gave it
    fix: str  # what to do, in the report's language

    @property
    def share(self) -> float:
        return self.unreadable / self.units if self.units else 1.0


@cache
def _problems() -> dict[str, Any]:
    return yaml.safe_load(PROBLEMS_FILE.read_text(encoding="utf-8"))


def fix_for(reason: str, source_type: str, lang: str = "nl") -> str:
    """The first configured hint whose pattern is in the reason; the general advice otherwise."""
    problems = _problems()
    for hint in problems["hints"]:
        if hint.get("types") and source_type not in hint["types"]:
            continue
        if re.search(hint["match"], reason, re.IGNORECASE):
            return str(hint[lang])
    return str(problems["default"][lang])


def _unit(item: Item) -> str:
    """A database table counts once, however many rows it has; a file or member counts once."""
    return item.path.partition("#")[0] if item.path.startswith("table:") else item.path


def source_gaps(report: Report, lang: str = "nl") -> list[SourceGap]:
    """Sources whose unreadable share is at least `large_part`, in configuration order."""
    threshold = float(_problems()["large_part"])
    types = {s.name: s.type for s in report.settings.sources}
    tables: dict[str, dict[str, bool]] = defaultdict(dict)  # source -> table -> any row unreadable
    files: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # source -> [files, unreadable]: one count a file,
    reasons: dict[str, str] = {}  # not a set of a million paths
    failed: set[str] = set()  # the source itself could not be opened or crawled
    for item in report.items:
        if item.kind == "source":
            failed.add(item.source)
            reasons.setdefault(item.source, item.reason or "")
            continue
        if item.status == "skipped":
            continue
        bad = item.status == "unreadable"
        if item.path.startswith("table:"):
            unit = _unit(item)
            tables[item.source][unit] = tables[item.source].get(unit, False) or bad
        else:
            files[item.source][0] += 1
            files[item.source][1] += bad
        if bad:
            reasons.setdefault(item.source, item.reason or "")
    gaps = []
    for name in [*types, *sorted((set(files) | set(tables)) - set(types))]:
        n_files, bad_files = files.get(name, (0, 0))
        seen = tables.get(name, {})
        total, bad = n_files + len(seen), bad_files + sum(seen.values())
        whole = name in failed and bad == total or (total > 0 and bad == total)
        if not (whole or name in failed or (total and bad / total >= threshold)):
            continue
        reason = reasons.get(name, "")
        gaps.append(SourceGap(name, types.get(name, ""), whole, bad + (name in failed), total + (name in failed),
                              reason, fix_for(reason, types.get(name, ""), lang)))
    return gaps


__all__ = ["SourceGap", "fix_for", "source_gaps"]
