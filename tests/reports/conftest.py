"""Fixtures for the report tests: a hand-built Report (fast, every section filled, hostile text in it)
and a small school on disk that the CLI scans (docx files, a register and consents)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from scanner.kernel.ledger import Ledger
from scanner.kernel.model import Access, ExemptFlow, Finding, Item, Report, Settings, SourceRef, Violation
from scanner.triage import ReviewSession
from tests.test_cli import CONSENTS, REGISTER, write_docx

CONFIG = """
sources:
  - name: share
    type: filesystem
    path: share
    roles: {Dossiers: dossier, Archief: archive, Gedeeld: open, Administratie: administration}
    outbound: {Extern/Jeugd-GGZ: Jeugd-GGZ, Extern/Leerplicht: Leerplicht}
records:
  register: {path: leerlingen.csv}
  consents: {path: toestemmingen.csv}
as_of: 2026-11-29
"""
PLANTED = "Archief/Amrani, Ayoub el (1004)/MDO.docx"


def build_school(root: Path) -> Path:
    """A school with a retention violation (the planted file), an open file with a diagnosis and a BSN
    (a possible data breach), a flow outside the consent and an exempt flow to Leerplicht."""
    share = root / "share"
    write_docx(share / "Dossiers/Vries, Sanne de (1001)/OPP.docx", "Sanne heeft ADHD.")
    write_docx(share / PLANTED, "Ayoub el Amrani: dyslexie.")
    write_docx(share / "Extern/Jeugd-GGZ/Overdracht Sanne.docx", "Datum: 01-03-2025",
               "Sanne de Vries heeft een autismespectrumstoornis.")
    write_docx(share / "Extern/Leerplicht/Melding verzuim.docx", "Datum: 02-02-2025",
               "Melding verzuim van Sanne de Vries (leerling 1001).")
    write_docx(share / "Gedeeld/Zorgoverzicht groep 5.docx", "Sanne de Vries: ADHD, medicatie Ritalin.",
               "BSN: 111222333", mode=0o644)
    (root / "leerlingen.csv").write_text(REGISTER, encoding="utf-8")
    (root / "toestemmingen.csv").write_text(CONSENTS, encoding="utf-8")
    (root / "avgscan.yaml").write_text(CONFIG, encoding="utf-8")
    return root / "avgscan.yaml"


def _finding(path: str, entity: str, evidence: str, nummer: str | None = "1001", value: str = "raw") -> Finding:
    return Finding(source="share", path=path, place="paragraaf 1", entity_type=entity, score=0.85,
                   evidence=evidence, recognizer="test", value=value, leerlingnummer=nummer)


def sample_report() -> Report:
    """Every section filled; paths carry markup and a formula so escaping is tested in every format."""
    open_file = "Gedeeld/<script>alert(1)</script> zorg.docx"
    formula = "=HYPERLINK(\"http://evil.example\")/notities.docx"
    items = [
        Item(source="share", path=open_file, kind="file", role="open", access=Access(mode=0o644, world_readable=True)),
        Item(source="share", path="Archief/Amrani (1004)/MDO.docx", kind="file", role="archive"),
        Item(source="share", path=formula, kind="file"),
        Item(source="share", path="Extern/Leerplicht/melding.docx", kind="file", party="Leerplicht"),
        Item(source="share", path="Dossiers/kapot.docx", kind="file", status="unreadable",
             reason="BadZipFile: File is not a zip file"),
        Item(source="las", path="table:leerlingen#1001", kind="row", role="administration"),
        Item(source="share", path="Dossiers/film.mp4", kind="file", status="skipped", reason="geen tekst (video)"),
    ]
    findings = [
        _finding(open_file, "HEALTH", "ADHD"),
        _finding(open_file, "NL_BSN", "******333", value="111222333"),
        _finding(open_file, "PERSON", "S. de V…", value="Sanne de Vries"),
        _finding("Archief/Amrani (1004)/MDO.docx", "HEALTH", "dyslexie", "1004"),
        _finding(formula, "PERSON", "=S…", value="Sanne"),
    ]
    violations = [
        Violation("open-access", "hoog", "share", open_file, "1001",
                  "Persoonsgegevens (1 leerling(en)); het item staat in een map die voor iedereen open is.",
                  "AVG art. 5 lid 1 onder f en art. 32", [0, 1, 2], "Rechten beperken."),
        Violation("bsn-outside-administration", "hoog", "share", open_file, "1001", "BSN buiten de administratie.",
                  "Wet aanvullende regels verwerking persoonsgegevens in de Wpo", [1], "BSN verwijderen."),
        Violation("retention-expired", "hoog", "share", "Archief/Amrani (1004)/MDO.docx", "1004",
                  "Leerling 1004 is op 2019-07-31 uitgeschreven; bewaartermijn 3 jaar verstreken.",
                  "AVG art. 5 lid 1 onder e", [3], "Verwijderen."),
        Violation("unknown-subject", "middel", "share", formula, None, "Bijzondere gegevens over A… (p1).",
                  "AVG art. 9", [4], "Nagaan."),
    ]
    exempt = [ExemptFlow("share", "Extern/Leerplicht/melding.docx", "1001", "Leerplicht",
                         "Leerplichtwet 1969 (wettelijke verplichting, AVG art. 6 lid 1 onder c)",
                         ["onderwijsgegevens"])]
    stats = {"items": len(items), "scanned": 5, "unreadable": 1, "skipped": 1, "findings": len(findings),
             "violations": len(violations), "seconds": 0.5, "record_problems": ["toestemmingen.csv rij 4: datum"]}
    settings = Settings(as_of=date(2026, 11, 29), version="0.1.0",
                        sources=[SourceRef("share", "filesystem"), SourceRef("las", "database")],
                        policy={"retention": {"default_years": 3, "roles": {"administration": 5}}})
    return Report(items=items, findings=findings, violations=violations, exempt=exempt,
                  kept_by_law=[{"source": "share", "path": "Archief/diploma 1004.pdf", "reason": "Archiefwet: diploma",
                                "leerlingnummers": ["1004"]}],
                  skipped_rules=[{"rule": "consent-missing", "reason": "geen toestemmingsregistratie opgegeven"}],
                  statistics=stats, settings=settings,
                  subjects={("share", open_file): [("1001", False)]})


def with_items(report: Report, n: int) -> Report:
    """The sample report over a share of `n` more files, kept in a ledger as a real scan keeps them, in
    an order the coverage sheet must change (unreadable first, then by path); every tenth names a pupil."""
    items: Ledger[Item] = Ledger(report.items)
    for i in range(n):
        status = "unreadable" if i % 97 == 0 else "scanned"
        path = f"Leerlingen/groep {i % 8 + 1}/map {(n - i) // 100:05d}/verslag {i:07d}.docx"
        items.append(Item(source="share", path=path, kind="file", status=status,
                          reason="BadZipFile: File is not a zip file" if status == "unreadable" else None))
        if i % 10 == 0:
            report.subjects[("share", path)] = [(str(1000 + i % 500), False)]
    report.items = items
    report.statistics["items"] = len(items)
    return report


@pytest.fixture()
def reviewed(tmp_path: Path) -> tuple[Report, Path]:
    """The sample report after two audits in one output folder (so history and trend are filled): a
    consent violation resolved in between, and a triage file (accepted, expired, false positive, unmatched)."""
    out = tmp_path / "out"
    first = sample_report()
    first.violations.append(Violation("consent-missing", "hoog", "share", "Extern/GGD/lijst.docx", "1001",
                                      "Geen toestemming.", "AVG art. 6", [], "Toestemming vragen."))
    ReviewSession.open(out).apply(first)
    ids = {v.rule: v.identity for v in first.violations}
    triage = tmp_path / "triage.yaml"
    triage.write_text(f"""
accepted:
  - id: {ids['retention-expired']}
    reason: Dossier wordt bij de jaarwisseling opgeschoond
    owner: J. Jansen (directeur)
    expires: 2027-01-31
  - id: {ids['unknown-subject']}
    reason: Navraag loopt
    owner: FG
    expires: 2026-01-01
  - id: 0123456789abcdef
    reason: Al opgelost
    owner: FG
    expires: 2030-01-01
false_positives:
  - id: {ids['bsn-outside-administration']}
    reason: Testnummer, geen echt BSN
""", encoding="utf-8")
    second = sample_report()
    ReviewSession.open(out, triage).apply(second)
    assert datetime.fromisoformat(second.generated_at)
    return second, out
