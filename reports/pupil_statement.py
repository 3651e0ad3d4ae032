"""Dutch statements about one pupil: the pre-deletion verification the FG files, and the inventory
that answers an access request (inzageverzoek, AVG art. 15). Evidence stays masked."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from reports import write_private_text
from scanner.inventory import PupilInventory
from scanner.kernel.model import Report


def _scope(report: Report) -> list[str]:
    st = report.statistics
    return [f"Peildatum: {report.settings.as_of.isoformat()}; uitgevoerd op {datetime.now():%d-%m-%Y %H:%M}.",
            "Bronnen: " + ", ".join(f"{s.name} ({s.type})" for s in report.settings.sources) + ".",
            f"Items: {st['items']} ({st['scanned']} gescand, {st['unreadable']} onleesbaar, "
            f"{st['skipped']} overgeslagen)."]


def _places(inv: PupilInventory) -> list[str]:
    lines = []
    for p in inv.places:
        mark = "" if p.certain else " (mogelijk: naamgenoot niet uit te sluiten)"
        lines.append(f"- {p.source}/{p.path}{mark}: {', '.join(p.entity_types) or 'gekoppeld via map of register'}"
                     + (f"; bewijs: {', '.join(p.evidence[:5])}" if p.evidence else ""))
    return lines


def deletion_statement(inv: PupilInventory, report: Report) -> str:
    if inv.absent:
        verdict = (f"Van leerling {inv.leerlingnummer} zijn in de gescande bronnen geen gegevens meer gevonden, "
                   "en alle items konden worden gelezen. De leerling is aantoonbaar afwezig in deze bronnen.")
    elif not inv.places:
        verdict = (f"Van leerling {inv.leerlingnummer} zijn geen gegevens gevonden, maar {len(inv.unreadable)} "
                   "item(s) konden niet worden gelezen. Afwezigheid is daarom NIET aangetoond.")
    else:
        verdict = (f"Van leerling {inv.leerlingnummer} staan nog gegevens op {len(inv.places)} plek(ken). "
                   "Verwijdering is NIET volledig.")
    lines = ["VERKLARING CONTROLE VERWIJDERING LEERLINGGEGEVENS", "", verdict, "", *_scope(report), ""]
    if inv.places:
        lines += ["Plekken met gegevens van de leerling:", *_places(inv), ""]
    if inv.unreadable:
        lines += ["Niet gelezen (afwezigheid hier niet aangetoond):",
                  *[f"- {s}/{p}: {r}" for s, p, r in inv.unreadable], ""]
    lines += ["Opgesteld door avgscan ten behoeve van de functionaris gegevensbescherming."]
    return "\n".join(lines) + "\n"


def inventory_statement(inv: PupilInventory, report: Report) -> str:
    lines = [f"OVERZICHT GEGEVENS LEERLING {inv.leerlingnummer} (inzageverzoek, AVG art. 15)", "",
             *_scope(report), "", f"Gevonden op {len(inv.places)} plek(ken):", *_places(inv)]
    if inv.unreadable:
        lines += ["", "Niet gelezen, dus niet in dit overzicht:", *[f"- {s}/{p}: {r}" for s, p, r in inv.unreadable]]
    return "\n".join(lines) + "\n"


def write_statement(inv: PupilInventory, text: str, out_dir: Path, stem: str) -> list[Path]:
    from scanner.outdir import private_folder

    private_folder(out_dir)  # 0700, ours, no symlinks (as --out of a scan)
    txt, js = out_dir / f"{stem}-{inv.leerlingnummer}.txt", out_dir / f"{stem}-{inv.leerlingnummer}.json"
    write_private_text(txt, text)
    write_private_text(js, json.dumps(asdict(inv) | {"absent": inv.absent}, ensure_ascii=False, indent=1))
    return [txt, js]
