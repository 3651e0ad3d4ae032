"""A new connector is one module and one registry line: its own settings (validated in Dutch with the
key), its own fingerprint for the cache, its own access mapping for the open-access rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from connectors import CONNECTORS
from scanner.cli import main
from scanner.config import ConfigError, load_config
from tests.connectors import fake_drive

SAME_SIZE = (b"Sanne de Vries, telefoon 06-12345678.", b"Daan Bakker belt op: 06-87654321 (t).")


@pytest.fixture
def drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setitem(CONNECTORS, "fakedrive", "tests.connectors.fake_drive")
    monkeypatch.setitem(fake_drive.DRIVES, "team", {"lijst.txt": (SAME_SIZE[0], "etag-1", "anonymous")})
    config = tmp_path / "avgscan.yaml"
    config.write_text(yaml.safe_dump({"sources": [{"name": "teamdrive", "type": "fakedrive", "drive": "team"}]}),
                      encoding="utf-8")
    return config


def _scan(config: Path) -> dict:
    out = config.parent / "uit"
    main(["scan", "--config", str(config), "--out", str(out), "--workers", "1"])
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_its_settings_are_its_own(drive: Path) -> None:
    assert load_config(drive).sources[0].drive == "team"  # type: ignore[attr-defined]
    drive.write_text(yaml.safe_dump({"sources": [{"name": "t", "type": "fakedrive", "drive": "weg"}]}),
                     encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sources\[0\]: schijf 'weg' bestaat niet"):
        load_config(drive)


def test_the_etag_decides_whether_an_item_changed(drive: Path) -> None:
    assert len(SAME_SIZE[0]) == len(SAME_SIZE[1])
    first = _scan(drive)
    assert first["statistics"]["cache_hits"] == 0
    assert [v["rule"] for v in first["violations"]] == ["open-access"]  # a link for anyone: open
    fake_drive.DRIVES["team"]["lijst.txt"] = (SAME_SIZE[1], "etag-1", "anonymous")  # same size, mtime and eTag
    assert _scan(drive)["statistics"]["cache_hits"] == 1
    fake_drive.DRIVES["team"]["lijst.txt"] = (SAME_SIZE[1], "etag-2", None)  # a new version, no link any more
    third = _scan(drive)
    assert third["statistics"]["cache_hits"] == 0 and third["statistics"]["cache_misses"] == 1
    assert not [v for v in third["violations"] if v["rule"] == "open-access"]


def test_a_source_may_answer_the_fingerprint_itself() -> None:
    from connectors.base import fingerprint_of
    from scanner.kernel.model import Item

    class Versions:
        asked: list[str] = []

        def fingerprint(self, item: Item) -> str:
            self.asked.append(item.path)
            return f"v7:{item.path}"

    source = Versions()
    assert fingerprint_of(source, Item("s", "a.docx", "file")) == "v7:a.docx"
    assert fingerprint_of(source, Item("s", "b.docx", "file", fingerprint="etag")) == "etag"  # the crawl's wins
    assert source.asked == ["a.docx"]
    assert fingerprint_of(object(), Item("s", "c.docx", "file")) is None  # size + mtime then
