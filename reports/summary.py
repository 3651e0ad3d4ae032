"""The short Dutch summary printed after a scan: counts per rule, top violations, where the reports are."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from scanner.model import Report
from scanner.rules import RULES


def print_summary(report: Report, paths: list[Path], console: Console | None = None, top: int = 10) -> None:
    console = console or Console()
    st = report.statistics
    console.print(f"[bold]avgscan[/bold] peildatum {report.settings['as_of']}: {st['items']} items "
                  f"({st['scanned']} gescand, {st['unreadable']} onleesbaar, {st['skipped']} overgeslagen), "
                  f"{st['findings']} vondsten, {st['violations']} overtredingen in {st['seconds']} s.")
    counts = Counter(v.rule for v in report.violations)
    table = Table(title="Overtredingen per regel")
    table.add_column("Regel")
    table.add_column("Omschrijving")
    table.add_column("Aantal", justify="right")
    for r in RULES:
        table.add_row(r.code, r.title, str(counts.get(r.code, 0)))
    console.print(table)
    for s in report.skipped_rules:
        console.print(f"[yellow]Niet uitgevoerd:[/yellow] {s['rule']} ({s['reason']})")
    order = {"hoog": 0, "middel": 1, "laag": 2}
    worst = sorted(report.violations, key=lambda v: order.get(v.severity, 3))[:top]
    if worst:
        console.print("[bold]Belangrijkste overtredingen[/bold] (bewijs gemaskeerd):")
        for v in worst:
            ev = ", ".join(sorted({report.findings[i].evidence for i in v.findings[:6]}))[:90]
            who = f" leerling {v.leerlingnummer}" if v.leerlingnummer else ""
            console.print(f" • [{v.severity}] {v.rule}{who}: {v.source}/{v.path} — {ev}")
    unreadable = [i for i in report.items if i.status == "unreadable"]
    for i in unreadable[:10]:
        console.print(f"[red]Onleesbaar:[/red] {i.source}/{i.path}: {i.reason}")
    for p in st.get("record_problems", [])[:10]:
        console.print(f"[yellow]Registratie:[/yellow] {p}")
    if report.show_values:
        console.print("[bold red]Let op:[/bold red] de rapporten bevatten ruwe persoonsgegevens (--show-values).")
    for p in paths:
        console.print(f"Rapport: {p}")
