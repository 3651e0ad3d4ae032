"""A rescan that finds nothing changed takes the previous scan's whole result over (scanner.kept_scan);
any change to what that result rests on scans again, and either way the report is a --full scan's."""

from __future__ import annotations

import io
import os
import pickle
import sqlite3
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import scanner.pipeline as pipeline
from scanner.audit import audit
from scanner.config import load_config
from scanner.kept_scan import KEPT_FILE
from scanner.purge import purge
from tests.conftest import consent_rows, demo_with_csv_consents, write_consent_rows
from tests.test_evaluation_cache import essence, scan


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo school (consents as CSV), scanned once: its result is kept."""
    root = tmp_path_factory.mktemp("kept")
    cfg_path = demo_with_csv_consents(root)
    out = root / "out"
    first = scan(cfg_path, out)
    assert not first.statistics["unchanged_rescan"] and any(f.value for f in first.findings)
    return cfg_path, out


def nothing_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make detection, linking and the rules fail: a rescan that takes the result over uses none of them."""
    def refuse(*_args: object, **_kw: object) -> None:
        raise AssertionError("scanned although nothing changed")

    monkeypatch.setattr(pipeline, "scan_all", refuse)
    monkeypatch.setattr(pipeline, "evaluate", refuse)


def kept_findings(out: Path) -> list[object]:
    db = sqlite3.connect(out / KEPT_FILE)
    pages = db.execute("SELECT count, data FROM page WHERE ledger = 'findings' ORDER BY n").fetchall()
    db.close()
    found = []
    for count, data in pages:
        load = pickle.Unpickler(io.BytesIO(data)).load
        found += [load() for _ in range(count)]
    return found


def test_an_unchanged_rescan_takes_the_result_over_and_reports_as_a_full_scan(
        demo: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    cfg_path, out = demo
    scan(cfg_path, out)  # kept under today's digest, whatever a test before this one changed
    with monkeypatch.context() as m:
        nothing_scanned(m)
        again = scan(cfg_path, out)
    assert again.statistics["unchanged_rescan"] and again.statistics["judgements_reused"] == len(again.items)
    full = scan(cfg_path, out, full=True)
    assert not full.statistics["unchanged_rescan"] and full.statistics["judgements_reused"] == 0
    assert essence(again) == essence(full) and again.violations and again.to_review is not None
    assert again.body_digest == full.body_digest != ""
    # the kept result holds no raw value (a fresh scan's findings carry them), and only its owner reads it
    found = kept_findings(out)
    assert len(found) == len(full.findings) and not any(f.value for f in found)  # type: ignore[attr-defined]
    assert stat.S_IMODE((out / KEPT_FILE).stat().st_mode) == 0o600


def test_a_taken_over_result_knows_its_finding_types(demo: tuple[Path, Path],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The review and the priorities ask every violation's finding types; a result taken over brings them
    along (noted as its findings were kept) instead of reading every finding again."""
    from scanner.kernel.ledger import Ledger

    cfg_path, out = demo
    scan(cfg_path, out)
    found = kept_findings(out)
    read: list[int] = []
    real_iter = Ledger.__iter__
    with monkeypatch.context() as m:
        nothing_scanned(m)
        again = scan(cfg_path, out)
        findings = again.findings
        m.setattr(Ledger, "__iter__", lambda self: (read.append(1) if self is findings else None, real_iter(self))[1])
        types = [again.finding_types(v) for v in again.violations]
    assert again.statistics["unchanged_rescan"] and read == []
    assert types == [{found[i].entity_type for i in v.findings} for v in again.violations]  # type: ignore[attr-defined]
    assert any(len(t) > 1 for t in types)


def _touch(cfg_path: Path) -> None:
    doc = next(p for p in sorted((cfg_path.parent / "share").rglob("*")) if p.is_file())
    st = doc.stat()
    os.utime(doc, (st.st_atime, st.st_mtime + 60))


def _open_up(cfg_path: Path) -> None:
    doc = next(p for p in sorted((cfg_path.parent / "share").rglob("*.docx")))
    doc.chmod(doc.stat().st_mode | stat.S_IROTH)  # access changes, size and date do not


def _new_file(cfg_path: Path) -> None:
    (cfg_path.parent / "share" / "notitie-nieuw.txt").write_text("Overleg met de ouders van Sanne.\n",
                                                                  encoding="utf-8")


def _consent(cfg_path: Path) -> None:
    rows = consent_rows(cfg_path)
    rows[0]["partij"] = rows[0]["partij"] + " (gewijzigd)"
    write_consent_rows(cfg_path, rows)


def _register(cfg_path: Path) -> None:
    register = cfg_path.parent / "records" / "leerlingen.csv"
    lines = register.read_text(encoding="utf-8-sig").splitlines()
    register.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one pupil left the register


def _database_row(cfg_path: Path) -> None:
    db = sqlite3.connect(cfg_path.parent / "las.db")
    db.execute("UPDATE zorgnotities SET tekst = tekst || ' Besproken met de intern begeleider.' "
               "WHERE id = (SELECT min(id) FROM zorgnotities)")
    db.commit()
    db.close()


CHANGES: dict[str, Callable[[Path], None]] = {
    "a file's date": _touch, "a file's access": _open_up, "a new file": _new_file, "a consent row": _consent,
    "a database row": _database_row, "the register": _register,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_scans_again(demo: tuple[Path, Path], change: str) -> None:
    cfg_path, out = demo
    scan(cfg_path, out)
    CHANGES[change](cfg_path)
    again = scan(cfg_path, out)
    assert not again.statistics["unchanged_rescan"], change
    if change != "the register":  # detection's cache does not depend on it: tests/test_evaluation_cache.py
        assert essence(again) == essence(scan(cfg_path, out, full=True))
    assert scan(cfg_path, out).statistics["unchanged_rescan"]  # kept again under the new digest


def test_another_reference_date_scans_again(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    assert scan(cfg_path, out, as_of=date(2026, 11, 29)).statistics["judgements_reused"] >= 0
    assert scan(cfg_path, out, as_of=date(2026, 11, 29)).statistics["unchanged_rescan"]
    assert not scan(cfg_path, out, as_of=date(2027, 3, 1)).statistics["unchanged_rescan"]


def test_show_values_neither_reads_nor_keeps_it(demo: tuple[Path, Path]) -> None:
    """It refreshes the caches instead, so the result kept before is removed: the next scan is the caches'."""
    cfg_path, out = demo
    scan(cfg_path, out)
    assert (out / KEPT_FILE).exists()
    shown = scan(cfg_path, out, show_values=True)
    assert not shown.statistics["unchanged_rescan"] and any(f.value for f in shown.findings)
    assert not (out / KEPT_FILE).exists()
    again = scan(cfg_path, out)
    assert not again.statistics["unchanged_rescan"] and again.statistics["judgements_reused"] == len(again.items)
    assert scan(cfg_path, out).statistics["unchanged_rescan"]


def test_a_damaged_kept_result_scans_again_and_is_kept_anew(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    (out / KEPT_FILE).unlink(missing_ok=True)
    expected = essence(scan(cfg_path, out))  # the caches' result (kept now)
    (out / KEPT_FILE).write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    again = scan(cfg_path, out)
    assert not again.statistics["unchanged_rescan"] and essence(again) == expected
    assert scan(cfg_path, out).statistics["unchanged_rescan"]


def test_an_audit_takes_it_over_and_purge_removes_it(demo: tuple[Path, Path], tmp_path: Path) -> None:
    cfg_path, _ = demo
    out = tmp_path / "out"
    first = audit(load_config(cfg_path), out, progress=False, formats=["json"])
    again = audit(load_config(cfg_path), out, progress=False, formats=["json"])
    assert again.report.statistics["unchanged_rescan"] and again.exit_code == first.exit_code
    assert [v.identity for v in again.report.violations] == [v.identity for v in first.report.violations]
    assert all(v.change == "persisting" for v in again.report.violations)
    assert (out / KEPT_FILE).exists()
    purged = purge(out, 0)
    assert out / KEPT_FILE in purged.files and not (out / KEPT_FILE).exists()


def test_the_crawl_does_not_open_archives(tmp_path: Path) -> None:
    """Whether anything changed is told by an archive's size and date, as for any file: listing its members
    read every archive and mailbox of the share on every rescan."""
    import zipfile

    from scanner.config import build_config
    from scanner.kept_scan import Walk, crawl_digest
    from scanner.kernel.keys import Keyer

    share = tmp_path / "share"
    share.mkdir()
    archive = share / "oud.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notitie.txt", "Gesprek met Sanne de Vries over het rooster.")
    cfg = build_config({"sources": [{"name": "s", "type": "filesystem", "path": "share"}]}, "test", tmp_path)

    def digest() -> str:
        return crawl_digest(Walk(cfg, Keyer(b"k" * 32)), b"s" * 16, [])

    before, st = digest(), archive.stat()
    archive.write_bytes(b"\x00" * st.st_size)  # no longer an archive, same size and date
    os.utime(archive, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert digest() == before
    os.utime(archive, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert digest() != before
