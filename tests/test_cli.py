"""The avgscan command end to end on a tiny school built in the test: exit codes, reports, statements."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from scanner.cli import main

REGISTER = ("Leerlingnummer;Achternaam;Voorvoegsel;Roepnaam;Geboortedatum;BSN;Datum uitschrijving\n"
            "1001;Vries;de;Sanne;03-02-2014;111222333;\n"
            "1004;Amrani;el;Ayoub;01-01-2013;;31-07-2019\n")
CONSENTS = ("id;leerlingnummer;partij;gegevens;doel;gegeven_door;datum_gegeven;geldig_tot;ingetrokken_op\n"
            "T1;1001;Jeugd-GGZ;onderwijsgegevens;x;ouder;2024-01-10;;\n")
CONFIG = """
sources:
  - name: share
    type: filesystem
    path: share
    roles: {Dossiers: dossier, Archief: archive, Gedeeld: open, Administratie: administration}
    outbound: {Extern/Jeugd-GGZ: Jeugd-GGZ}
records:
  register: {path: leerlingen.csv}
  consents: {path: toestemmingen.csv}
as_of: 2026-11-29
"""


def write_docx(path: Path, *paragraphs: str, mode: int = 0o640) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    os.chmod(path, mode)


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    share = tmp_path / "share"
    write_docx(share / "Dossiers/Vries, Sanne de (1001)/OPP.docx", "Sanne heeft ADHD.", "BSN: 111222333")
    write_docx(share / "Archief/Amrani, Ayoub el (1004)/MDO.docx", "Ayoub el Amrani: dyslexie.")
    write_docx(share / "Extern/Jeugd-GGZ/Overdracht Sanne.docx", "Datum: 01-03-2025",
         "Sanne de Vries heeft een autismespectrumstoornis.")
    write_docx(share / "Gedeeld/rooster.docx", "Rooster voor groep 5.", mode=0o644)
    (tmp_path / "leerlingen.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "toestemmingen.csv").write_text(CONSENTS, encoding="utf-8")
    (tmp_path / "avgscan.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_scan_reports_violations_and_exits_1(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = school / "out"
    assert main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)]) == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == "avgscan.report/1" and report["raw_values"] is False
    got = {(v["rule"], v["path"], v["leerlingnummer"]) for v in report["violations"]}
    assert got == {
        ("bsn-outside-administration", "Dossiers/Vries, Sanne de (1001)/OPP.docx", "1001"),
        ("retention-expired", "Archief/Amrani, Ayoub el (1004)/MDO.docx", "1004"),
        ("consent-out-of-scope", "Extern/Jeugd-GGZ/Overdracht Sanne.docx", "1001"),
    }
    assert all("value" not in f for f in report["findings"])
    assert "111222333" not in (out / "report.json").read_text(encoding="utf-8")
    assert (out / "report.xlsx").exists() and oct((out / "report.xlsx").stat().st_mode)[-3:] == "600"
    assert "Overtredingen per regel" in capsys.readouterr().out


def test_show_values_adds_values_and_says_so(school: Path) -> None:
    out = school / "out"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out), "--show-values"])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["raw_values"] is True and "onversleutelde" in report["notice"]
    assert any(f.get("value") == "111222333" for f in report["findings"])


def test_quick_scan_skips_rules_that_need_records(school: Path) -> None:
    out = school / "out"
    assert main(["scan", str(school / "share"), "--out", str(out)]) == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {s["rule"] for s in report["skipped_rules"]} >= {"retention-expired", "consent-missing", "unknown-subject"}
    assert {v["rule"] for v in report["violations"]} == {"bsn-outside-administration"}


def test_unreadable_file_means_incomplete(school: Path) -> None:
    (school / "share/Dossiers/kapot.docx").write_bytes(b"PK\x03\x04 not really a docx")
    out = school / "out"
    assert main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)]) == 3
    items = json.loads((out / "report.json").read_text(encoding="utf-8"))["items"]
    bad = [i for i in items if i["path"] == "Dossiers/kapot.docx"]
    assert bad[0]["status"] == "unreadable" and bad[0]["reason"]


def test_bad_config_and_missing_column_exit_2(school: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (school / "bad.yaml").write_text("sources:\n  - {name: s, type: filesystem, pad: x}\n", encoding="utf-8")
    assert main(["scan", "--config", str(school / "bad.yaml")]) == 2
    assert "sources[0]" in capsys.readouterr().err
    (school / "leerlingen.csv").write_text("Leerlingnummer;Achternaam\n1;X\n", encoding="utf-8")
    assert main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(school / "o")]) == 2
    assert "roepnaam" in capsys.readouterr().err


def test_verify_deletion_and_inventory(school: Path) -> None:
    cfg, out = str(school / "avgscan.yaml"), str(school / "v")
    assert main(["verify-deletion", "-c", cfg, "-p", "1004", "--out", out]) == 1
    statement = (school / "v" / "verklaring-verwijdering-1004.txt").read_text(encoding="utf-8")
    assert "NIET volledig" in statement and "Archief/Amrani" in statement
    for f in (school / "share/Archief").rglob("*.docx"):
        f.unlink()
    assert main(["verify-deletion", "-c", cfg, "-p", "1004", "--out", out]) == 0
    assert "aantoonbaar afwezig" in (school / "v" / "verklaring-verwijdering-1004.txt").read_text(encoding="utf-8")
    assert main(["verify-deletion", "-c", cfg, "-p", "9999", "--out", out]) == 2
    assert main(["inventory", "-c", cfg, "-p", "1001", "--out", out]) == 0
    overview = (school / "v" / "inzage-1001.txt").read_text(encoding="utf-8")
    assert "Dossiers/Vries, Sanne de (1001)/OPP.docx" in overview and "111222333" not in overview


def test_rules_and_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    text = capsys.readouterr().out
    for code in ("retention-expired", "consent-wrong-giver", "unknown-subject"):
        assert code in text
    target = tmp_path / "avgscan.yaml"
    assert main(["init", str(target)]) == 0 and "folder_pattern" in target.read_text(encoding="utf-8")
    assert main(["init", str(target)]) == 2


def test_column_profiles_count_types_per_column(school: Path) -> None:
    (school / "share/Administratie").mkdir(parents=True)
    (school / "share/Administratie/lijst.csv").write_text(
        "Achternaam;Roepnaam;BSN;Opmerking\nVries;Sanne;111222333;heeft ADHD\nBakker;Tim;;\n", encoding="utf-8")
    out = school / "out"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)])
    columns = {c["column"]: c for c in json.loads((out / "report.json").read_text(encoding="utf-8"))
               ["statistics"]["columns"] if c["table"] == "Administratie/lijst.csv"}
    assert columns["Achternaam"]["header_type"] == "PERSON" and columns["Achternaam"]["entity_counts"] == {"PERSON": 2}
    assert columns["BSN"]["entity_counts"] == {"NL_BSN": 1}
    assert columns["Opmerking"]["header_type"] is None and columns["Opmerking"]["entity_counts"] == {"HEALTH": 1}


def test_disclosure_log_flows_are_judged_like_outbound_files(school: Path) -> None:
    (school / "verstrekkingen.csv").write_text(
        "Leerlingnummer;Ontvanger;Gegevens;Datum verstrekking\n"
        "1001;Jeugd-GGZ;onderwijsgegevens;01-03-2025\n"           # covered by T1: compliant
        "1001;Jeugd-GGZ;onderwijsgegevens,gezondheid;02-03-2025\n"  # gezondheid not covered
        "1004;Wijkteam;gezinssituatie;03-03-2025\n"               # no consent at all
        "1004;Leerplicht;onderwijsgegevens;04-03-2025\n"          # exempt
        "9999;Wijkteam;onderwijsgegevens;05-03-2025\n", encoding="utf-8")  # not in the register: reported
    cfg = (school / "avgscan.yaml").read_text(encoding="utf-8")
    cfg = cfg.replace("records:\n", "records:\n  disclosures: {path: verstrekkingen.csv}\n")
    (school / "avgscan.yaml").write_text(cfg, encoding="utf-8")
    out = school / "out"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out)])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    logged = {(v["rule"], v["path"], v["leerlingnummer"]) for v in report["violations"]
              if v["source"] == "verstrekkingenlog"}
    assert logged == {("consent-out-of-scope", "verstrekkingen.csv#rij 3", "1001"),
                      ("consent-missing", "verstrekkingen.csv#rij 4", "1004")}
    assert [(e["path"], e["party"]) for e in report["exempt"] if e["source"] == "verstrekkingenlog"] == [
        ("verstrekkingen.csv#rij 5", "Leerplicht")]
    assert any("rij 6" in p and "9999" in p for p in report["statistics"]["record_problems"])
