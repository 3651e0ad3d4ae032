"""`avgscan history`: the audits recorded in an output folder's state store, oldest first.

Shows counts only (the store holds no findings), so the FG can see the trend without opening reports.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from reports.i18n import t
from reports.view import when
from scanner.kernel.model import AuditRecord
from scanner.rules import RULE_CODES
from scanner.state import StateStore

_NO_HISTORY = {"nl": "geen historie in {out} (nog geen scan met --out {out})",
               "en": "no history in {out} (no scan with --out {out} yet)"}


NARROW = 110  # below this many columns the table's nine columns do not fit: one block per audit instead


def _print_narrow(audits: list[AuditRecord], out_dir: Path, lang: str, console: Console) -> None:
    """Two lines per audit, readable on an 80-column terminal."""
    console.print(f"[bold]{t('trend', lang)}[/bold] — {out_dir}")
    for a in audits:
        per_rule = ", ".join(f"{c} {a.rule_counts[c]}" for c in RULE_CODES if a.rule_counts.get(c))
        console.print(f"[bold]#{a.id}[/bold]  {when(a.started_at)}  {t('as_of', lang).lower()} {a.as_of}")
        counts = t("history_counts", lang, items=a.items, unreadable=a.unreadable, violations=a.violations,
                   open=a.open_violations)
        console.print(f"    {counts}" + (f"\n    {per_rule}" if per_rule else ""))


def print_history(out_dir: Path, lang: str = "nl", console: Console | None = None) -> bool:
    """Print the audits; False when the folder has no state store (nothing is created then)."""
    console = console or Console()
    store = StateStore.open(out_dir, create=False)
    if store is None:
        print(f"avgscan: {_NO_HISTORY[lang].format(out=out_dir)}", file=sys.stderr)
        return False
    with store:
        audits = store.audits()
    if console.width < NARROW:
        _print_narrow(audits, out_dir, lang, console)
        return True
    table = Table(title=f"{t('trend', lang)} — {out_dir}")
    for key in ("audit", "date", "as_of", "items", "unreadable", "violations", "open_violations"):
        label = t(key, lang)
        table.add_column(label[:1].upper() + label[1:], justify="left" if key in ("date", "as_of") else "right")
    table.add_column(t("rules", lang))
    for a in audits:
        per_rule = ", ".join(f"{c} {a.rule_counts[c]}" for c in RULE_CODES if a.rule_counts.get(c))
        table.add_row(str(a.id), when(a.started_at), a.as_of, str(a.items), str(a.unreadable), str(a.violations),
                      str(a.open_violations), per_rule)
    console.print(table)
    return True
