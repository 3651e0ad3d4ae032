"""The short summary printed after a scan (Dutch by default): possible data breaches first, then counts per
rule, what changed since the previous audit, triage, the worst violations and where the reports are."""

from __future__ import annotations

import itertools
from pathlib import Path

from rich.console import Console
from rich.table import Table

from reports.i18n import t, value_label
from reports.tally import tally
from reports.terminal import safe
from reports.view import (
    breach_deadline,
    gap_notices,
    register_like_tables,
    reviewed,
    rule_counts,
    start_rows,
    top_rows,
    when,
)
from scanner.kernel.model import ACCEPTED, EXPIRED, FALSE_POSITIVE, OPEN, Report


def _gaps(report: Report, console: Console, lang: str) -> None:
    """Unread sources come before everything else: the counts below do not cover them."""
    for n in gap_notices(report):
        console.print(f"[bold white on red] {safe(t('gap_title', lang).upper())} [/]")
        console.print(f"[bold red]{safe(n.headline)}[/bold red]")
        if n.reason:
            console.print(f"  {t('gap_reason', lang)}: {safe(n.reason)}")
        console.print(f"  [bold]{t('gap_fix', lang)}:[/bold] {safe(n.fix)}")


def _breaches(report: Report, console: Console, lang: str) -> None:
    if not report.breaches:
        return
    console.print(f"[bold white on red] {t('breach_title', lang).upper()} ({len(report.breaches)}) [/]")
    console.print(safe(t("breach_intro", lang)))
    for b in report.breaches:
        console.print(f" [red]•[/red] {safe(b.source)}/{safe(b.path)} — {', '.join(b.categories)}; "
                      f"{t('discovered', lang).lower()} {when(b.discovered_at)}, {t('deadline', lang).lower()} "
                      f"{when(breach_deadline(b.discovered_at))}" + (safe(f" [{b.identity}]") if b.identity else ""))
    console.print(f"[bold]{safe(t('breach_guidance', lang))}[/bold]")


def _start_here(report: Report, console: Console, lang: str) -> None:
    rows = start_rows(report)
    if not rows:
        return
    console.print(f"[bold]{t('start_here', lang)}[/bold]")
    for n, r in enumerate(rows, start=1):
        pupils = f" ({r.pupils})" if r.pupils else ""
        console.print(f" {n}. {safe(r.source)}/{safe(r.path)}{safe(pupils)}: {safe(r.action or r.rule_title)} "
                      f"[dim]— {safe(r.why or r.rule)}[/dim]")


def _changes(report: Report, console: Console, lang: str) -> None:
    if report.history.previous is not None:
        counted = tally(report)
        console.print(t("history_line", lang, when=when(report.history.previous.started_at),
                        new=counted.new, persisting=counted.persisting,
                        resolved=len(report.history.resolved)))
        new = top_rows(report, 10, lambda r: r.change == "new") if counted.new else []
        for r in new:
            console.print(f"  [red]+[/red] {t('new', lang).lower()}: {r.rule} {safe(r.source)}/{safe(r.path)}"
                          + (f" ({t('pupil', lang).lower()} {r.leerlingnummer})" if r.leerlingnummer else "")
                          + safe(f" [{r.identity}]"))
        for v in report.history.resolved[:10]:
            console.print(f"  [green]-[/green] {t('resolved', lang).lower()}: {v.rule} {safe(v.source)}/"
                          f"{safe(v.masked_path)}" + safe(f" [{v.identity}]"))
        more = max(0, counted.new - 10) + max(0, len(report.history.resolved) - 10)
        if more:
            console.print("  " + t("more_in_report", lang, n=more))
    if report.triage.file or report.count(ACCEPTED, EXPIRED, FALSE_POSITIVE):
        console.print(t("triage_line", lang, accepted=report.count(ACCEPTED), expired=report.count(EXPIRED),
                        fp=report.count(FALSE_POSITIVE), open=report.open_violations))
    if report.triage.unmatched:
        console.print(f"[yellow]{safe(t('unmatched_line', lang, ids=', '.join(report.triage.unmatched)))}[/yellow]")
    still = [v.identity for v in tally(report).handled]
    if report.triage.stored_decisions or still:
        console.print(t("workspace_line", lang, n=report.triage.stored_decisions, still=len(still))
                      + (safe(f" [{', '.join(still[:5])}{' …' if len(still) > 5 else ''}]") if still else ""))


def print_summary(report: Report, paths: list[Path], console: Console | None = None, top: int = 10,
                  brief: bool = False) -> None:
    """`brief` (--quiet): unread sources, possible breaches, the counts line and where the reports are."""
    console = console or Console()
    lang = reviewed(report).lang
    st = report.statistics
    _gaps(report, console, lang)
    _breaches(report, console, lang)
    _start_here(report, console, lang)
    console.print("[bold]avgscan[/bold] " + t("run_line", lang, as_of=report.settings.as_of.isoformat(),
                                              items=st["items"],
                                              scanned=st["scanned"], unreadable=st["unreadable"],
                                              skipped=st["skipped"], findings=st["findings"],
                                              violations=st["violations"], seconds=st["seconds"]))
    if brief:
        for p in paths:
            console.print(f"{t('report_at', lang)}: {safe(p)}")
        return
    table = Table(title=t("per_rule", lang))
    for key, justify in (("rule", "left"), ("description", "left"), ("count", "right")):
        table.add_column(t(key, lang), justify=justify)  # type: ignore[arg-type]
    for code, title, n in rule_counts(report):
        table.add_row(code, title, str(n))
    console.print(table)
    _changes(report, console, lang)
    for s in report.skipped_rules:
        console.print(f"[yellow]{t('not_run', lang)}:[/yellow] {s['rule']} ({safe(s['reason'])})")
    for h in register_like_tables(report):
        hint = t("register_hint", lang, table=h.table, source=h.source, rows=h.rows, role=h.role) if h.role else \
            t("register_hint_no_role", lang, table=h.table, source=h.source, rows=h.rows)
        console.print(f"[yellow]{t('register_hint_label', lang)}:[/yellow] " + safe(hint))
    if report.to_review:
        console.print(f"[yellow]{t('to_review', lang)}:[/yellow] " + t("review_line", lang, n=len(report.to_review)))
    worst = top_rows(report, top, lambda r: r.status in (OPEN, EXPIRED))
    if worst:
        console.print(f"[bold]{t('top', lang)}[/bold]")
        for r in worst:
            who = f" {t('pupil', lang).lower()} {r.leerlingnummer}" if r.leerlingnummer else ""
            ident = f" [{r.identity}]" if r.identity else ""
            console.print(f" • {safe('[' + value_label('sev', r.severity, lang) + ']')} {r.rule}{who}: "
                          f"{safe(r.source)}/{safe(r.path)} — {safe(r.evidence[:90])}{safe(ident)}")
    for i in itertools.islice((i for i in report.items if i.status == "unreadable"), 10):
        console.print(f"[red]{t('unreadable', lang).capitalize()}:[/red] {safe(i.source)}/{safe(i.path)}: "
                      f"{safe(i.reason or '')}")
    gone = st.get("excluded") or {}
    if gone.get("files") or gone.get("folders"):
        console.print(f"[yellow]{safe(t('excluded', lang, files=gone['files'], folders=gone['folders']))}[/yellow]")
        for name, s in gone.get("by_source", {}).items():
            rules = ", ".join([*(f"include {g}" for g in s["include"]), *(f"exclude {g}" for g in s["exclude"])])
            console.print(f"  {safe(name)}: {s['files']} / {s['folders']} ({safe(rules)})")
    for p in st.get("record_problems", [])[:10]:
        console.print(f"[yellow]{t('record', lang)}:[/yellow] {safe(p)}")
    if report.show_values:
        console.print(f"[bold red]{t('raw_warning', lang)}[/bold red]")
    for p in paths:
        console.print(f"{t('report_at', lang)}: {safe(p)}")
