"""Incremental rescans and resuming a killed scan, both from the cache in the state store."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from scanner.cli import main
from tests.test_cli import school, write_docx  # noqa: F401  (fixture)


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def _essence(report: dict) -> tuple:
    return (sorted((v["rule"], v["path"], v["leerlingnummer"] or "") for v in report["violations"]),
            sorted((f["path"], f["place"], f["entity_type"], f["evidence"]) for f in report["findings"]),
            sorted((i["path"], i["status"]) for i in report["items"]))


def test_rescan_reuses_unchanged_items(school: Path) -> None:  # noqa: F811
    cfg, out = str(school / "avgscan.yaml"), school / "out"
    main(["scan", "-c", cfg, "--out", str(out), "--workers", "1"])
    first = _report(out)
    assert first["statistics"]["cache_hits"] == 0
    main(["scan", "-c", cfg, "--out", str(out), "--workers", "1"])
    second = _report(out)
    assert second["statistics"]["cache_hits"] == second["statistics"]["scanned"] == 4
    assert _essence(first) == _essence(second)
    write_docx(school / "share/Dossiers/Vries, Sanne de (1001)/OPP.docx", "Sanne heeft ADHD.")  # BSN removed
    main(["scan", "-c", cfg, "--out", str(out), "--workers", "1"])
    third = _report(out)
    assert third["statistics"]["cache_hits"] == 3 and third["statistics"]["cache_misses"] == 1
    assert "bsn-outside-administration" not in {v["rule"] for v in third["violations"]}
    main(["scan", "-c", cfg, "--out", str(out), "--workers", "1", "--full"])
    assert _report(out)["statistics"]["cache_hits"] == 0


def test_cache_relinks_after_a_register_change_without_raw_values(school: Path) -> None:  # noqa: F811
    cfg, out = str(school / "avgscan.yaml"), school / "out"
    main(["scan", "-c", cfg, "--out", str(out), "--workers", "1"])
    assert any(v["rule"] == "retention-expired" for v in _report(out)["violations"])
    register = (school / "leerlingen.csv").read_text(encoding="utf-8")
    (school / "leerlingen.csv").write_text(register.replace("31-07-2019", ""), encoding="utf-8")  # came back
    main(["scan", "-c", cfg, "--out", str(out), "--workers", "1"])
    rescan = _report(out)
    assert rescan["statistics"]["cache_hits"] == 4
    assert not any(v["rule"] == "retention-expired" for v in rescan["violations"])
    store = (out / "avgscan-state.sqlite").read_bytes()
    for raw in (b"111222333", b"Sanne", b"Amrani", b"autismespectrumstoornis de Vries"):
        assert raw not in store


def test_killed_scan_resumes_to_the_same_report(tmp_path: Path) -> None:
    from scanner.demo import build_demo_school

    cfg = build_demo_school(tmp_path / "school")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    cmd = [sys.executable, "-m", "scanner.cli", "scan", "-c", str(cfg), "--workers", "1"]
    full = tmp_path / "full"
    subprocess.run([*cmd, "--out", str(full)], env=env, capture_output=True, check=False)
    killed = tmp_path / "killed"
    proc = subprocess.Popen([*cmd, "--out", str(killed)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.2)
        db = killed / "avgscan-state.sqlite"
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            done = conn.execute("select count(*) from item_cache").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if done >= 50:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (killed / "report.json").exists()
    subprocess.run([*cmd, "--out", str(killed), "--resume"], env=env, capture_output=True, check=False)
    resumed = _report(killed)
    assert resumed["statistics"]["resumed_interrupted_scan"] is True
    assert resumed["statistics"]["cache_hits"] >= 50
    assert _essence(resumed) == _essence(_report(full))


def test_cache_payload_is_asdicts_without_raw_values() -> None:
    """The stored payload is what dataclasses.asdict gives (field order and all), with the raw value and
    the path blanked and without the encoding a worker made of it (`Detected.encoded`); the cache writes it
    without asdict's deep copy."""
    from dataclasses import asdict
    from datetime import date

    from scanner.cache import _decode, encode
    from scanner.kernel.model import ChildCandidate, Detected, Finding, RowKeys

    finding = Finding(source="s", path="Dossiers/Jan.docx", place="alinea 1", entity_type="PERSON", score=0.9,
                      evidence="J** J*****", recognizer="SpacyRecognizer", value="Jan Jansen", start=3, end=13,
                      key="k1", role="adult", role_cue="vader:")
    detected = Detected(findings=[finding], ref_key="r", rows={"rij 1": RowKeys(name="n", subject=False)},
                        candidates=[ChildCandidate(finding=0, key="k", name_key=None, masked_name="J**",
                                                   place="alinea 1", categories=["GEZ", "MED"])],
                        share_dates=[(date(2026, 1, 2), "mail"), (None, "bestand")], legal_hold="dossier")
    expected = asdict(detected)
    for f in expected["findings"]:
        f["value"] = f["path"] = ""
    expected["share_dates"] = [["2026-01-02", "mail"], [None, "bestand"]]
    del expected["encoded"]  # the encoding itself, made where the item was detected, is no part of it
    blob = encode(detected)
    assert blob == json.dumps(expected, separators=(",", ":")).encode()
    back = _decode(blob)
    assert back is not None and back.rows == detected.rows and back.candidates == detected.candidates
    assert back.findings[0].value == "" and back.findings[0].key == "k1"
