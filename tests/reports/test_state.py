"""The state store: private files, a keyed (not plain) identity, refusal of a foreign key or newer schema."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from sqlalchemy import update

from scanner.state import (
    KEY_FILE,
    STATE_FILE,
    AuditRecord,
    PendingRows,
    StateError,
    StateStore,
    StoredViolation,
    item_cache,
    mask_path,
    schema_version,
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_store_and_key_are_private_and_key_is_kept(tmp_path: Path) -> None:
    with StateStore.open(tmp_path / "out") as store:
        first = store.identity("open-access", "share", "Gedeeld/x.docx", "1001")
    assert _mode(tmp_path / "out" / STATE_FILE) == 0o600 and _mode(tmp_path / "out" / KEY_FILE) == 0o600
    assert len((tmp_path / "out" / KEY_FILE).read_bytes()) == 32
    with StateStore.open(tmp_path / "out") as again:
        assert again.identity("open-access", "share", "Gedeeld/x.docx", "1001") == first


def test_identity_is_keyed_never_a_plain_hash(tmp_path: Path) -> None:
    with StateStore.open(tmp_path / "a") as a, StateStore.open(tmp_path / "b") as b:
        parts = ("bsn-outside-administration", "share", "x.docx", "111222333")
        assert a.identity(*parts) != b.identity(*parts)
        plain = hashlib.sha256("|".join(parts).encode()).hexdigest()
        assert a.identity(*parts) not in plain and len(a.identity(*parts)) == 16


def test_foreign_or_missing_key_and_newer_schema_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    StateStore.open(out).close()
    (out / KEY_FILE).unlink()
    with pytest.raises(StateError, match="ontbreekt"):
        StateStore.open(out)
    (out / KEY_FILE).write_bytes(b"x" * 32)
    with pytest.raises(StateError, match="hoort niet bij"):
        StateStore.open(out)
    other = tmp_path / "other"
    store = StateStore.open(other)
    with store.engine.begin() as conn:
        conn.execute(update(schema_version).values(version=99))
    store.close()
    with pytest.raises(StateError, match="nieuwere avgscan"):
        StateStore.open(other)


def test_audits_round_trip_and_history_without_store(tmp_path: Path) -> None:
    assert StateStore.open(tmp_path / "none", create=False) is None
    assert not (tmp_path / "none").exists()
    with StateStore.open(tmp_path / "out") as store:
        audit_id = store.record_audit(
            AuditRecord("2026-11-29T10:00:00+01:00", "2026-11-29", "0.1.0", 5, 4, 1, 0, 9, 2, 1,
                        {"open-access": 1, "retention-expired": 1}),
            [StoredViolation("0123456789abcdef", "open-access", "hoog", "share", "Gedeeld/Z….docx",
                             "2026-11-29T10:00:00+01:00")])
        assert [a.rule_counts for a in store.audits()] == [{"open-access": 1, "retention-expired": 1}]
        assert store.latest_audit().id == audit_id
        assert set(store.violations_of(audit_id)) == {"0123456789abcdef"}


@pytest.mark.parametrize(("path", "masked"), [
    ("Dossiers/Vries, Sanne de (1001)/OPP.docx", "Dossiers/V…/O….docx"),
    ("table:leerlingen#1001", "table:leerlingen#…"),
    ("Extern/bijlagen.zip!/Sanne/verslag.pdf", "Extern/b….zip!/S…/v….pdf"),
    ("Sanne de Vries.docx", "S….docx"),
])
def test_mask_path_hides_names_below_the_top_folder(path: str, masked: str) -> None:
    assert mask_path(path) == masked


def test_the_previous_audit_is_asked_one_violation_at_a_time(tmp_path: Path) -> None:
    """A rescan's review asks the previous audit for each violation it finds and lists the rest as resolved,
    without reading that audit into memory (a million open files: 700 MB held in the review before)."""
    import tracemalloc

    from scanner.state import PreviousAudit

    with StateStore.open(tmp_path / "out") as store:
        kept = [StoredViolation(f"id{n:05}", "open-access", "hoog", "share", f"map/{n}.txt", "2026-01-01T10:00:00")
                for n in range(20_000)]
        audit_id = store.record_audit(AuditRecord("2026-01-01T10:00:00", "2026-01-01", "0.1", 20_000, 20_000, 0, 0,
                                                  20_000, 20_000, 20_000), kept)
        tracemalloc.start()
        before = PreviousAudit(store, audit_id, {})
        assert all(before.get(v.identity) == v for v in kept[3:])  # each found again, none held after
        assert before.get("id-elders") is None
        resolved = before.not_asked()
        held = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        before.close()
        assert resolved == kept[:3] and held < 2 * 1024 * 1024, held  # the whole audit as objects: ~12 MB
        half = PreviousAudit(store, audit_id, {})
        assert [half.get(v.identity) for v in kept[::2]] == kept[::2]
        assert half.not_asked() == [v for k, v in store.violations_of(audit_id).items() if int(k[2:]) % 2]
        half.close()
        renamed = PreviousAudit(store, audit_id, {"id00001": "nieuw1"})  # once, on moving to the organisation key
        assert renamed.get("nieuw1") == kept[1] and len(renamed.not_asked()) == 19_999
        renamed.close()
        assert PreviousAudit(store, None, {}).not_asked() == []


class _CountingCursor:
    """Counts the statements a PreviousAudit runs (executemany, the asked identities, aside)."""

    def __init__(self, cursor: object) -> None:
        self.cursor, self.executed = cursor, 0

    def execute(self, *args: object) -> object:
        self.executed += 1
        return self.cursor.execute(*args)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.cursor, name)


def test_the_previous_audit_is_read_ahead_in_its_own_order(tmp_path: Path) -> None:
    """A rescan finds its violations in the order the previous audit stored them: they are read ahead a
    batch at a time instead of one query each (a point query per violation jumped through the history
    file); found out of order, moved or new, each is still found by its query."""
    from scanner.state import PreviousAudit

    with StateStore.open(tmp_path / "out") as store:
        def audit(n: int, prefix: str) -> tuple[int, list[StoredViolation]]:
            kept = [StoredViolation(f"{prefix}{k:05}", "open-access", "hoog", "share", f"map/{k}.txt",
                                    "2026-01-01T10:00:00") for k in range(n)]
            record = AuditRecord("2026-01-01T10:00:00", "2026-01-01", "0.1", n, n, 0, 0, n, n, n)
            return store.record_audit(record, kept), kept

        audit(7_000, "older")  # an earlier audit's rows lie before the previous one's
        audit_id, kept = audit(12_000, "id")
        before = PreviousAudit(store, audit_id, {})
        counting = before._cur = _CountingCursor(before._cur)  # type: ignore[assignment]
        assert [before.get(v.identity) for v in kept] == kept
        assert counting.executed <= 12_000 // PreviousAudit.AHEAD + 2, counting.executed
        before._flush()  # found in their own order: none had to be noted as asked
        assert counting.cursor.execute("SELECT count(*) FROM temp.asked").fetchone()[0] == 0
        assert before.get("older00001") is None and before.not_asked() == []
        before.close()
        shuffled = PreviousAudit(store, audit_id, {})
        order = kept[6_000:] + kept[5_999:0:-1] + kept[:1]  # the second half first, then backwards
        assert [shuffled.get(v.identity) for v in order] == order
        assert shuffled.not_asked() == []
        shuffled.close()


def test_pending_rows_are_written_in_batches_by_count_and_by_time(tmp_path: Path) -> None:
    """Session 38: a cache's rows go to the store at `most` rows, `most_bytes` of them (memory stays bounded when
    the items are large sheets) or after `seconds` (an interrupted scan resumes from what was written), not every
    50 items; an item's later row replaces its earlier one."""
    from sqlalchemy import func, select

    store = StateStore.open(tmp_path)
    assert store is not None

    def row(i: int, fingerprint: str = "f") -> dict[str, object]:
        return {"item_key": f"k{i}", "fingerprint": fingerprint, "scan_fingerprint": "s", "status": "scanned",
                "reason": None, "payload": b"x", "stored_at": "2026-12-07"}

    def stored() -> int:
        with store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(item_cache)).scalar_one())

    pending = PendingRows(item_cache, most=3, seconds=3600)
    for i in range(5):
        pending.add(store, row(i))
    assert stored() == 3 and len(pending.rows) == 2  # the third row wrote the first three
    pending.write(store)
    assert stored() == 5 and pending.rows == []
    large = PendingRows(item_cache, most=1000, seconds=3600, most_bytes=1000)  # a large sheet's payloads
    large.add(store, {**row(7), "payload": b"x" * 600})
    assert stored() == 5 and large.size >= 600
    large.add(store, {**row(8), "payload": b"x" * 600})
    assert stored() == 7 and large.rows == [] and large.size == 0
    late = PendingRows(item_cache, most=1000, seconds=0.0)  # the time is up at every row
    late.add(store, row(1, fingerprint="g"))
    assert stored() == 7 and late.rows == []
    with store.engine.connect() as conn:
        assert conn.execute(select(item_cache.c.fingerprint).where(item_cache.c.item_key == "k1")).scalar_one() == "g"
