"""The demo school's share, moved to SharePoint (the Graph stand-in) and scanned as `type: m365`, gives
the same violations as the same share scanned from disk.

The move keeps what a school's migration keeps: folders, file names, content and modification dates.
A file every account on the server could read (POSIX 'other' read) becomes a file shared with the
whole organisation, which is what 'everyone here can read it' means in Microsoft 365. Both scans read
the same register, consents and staff list; the database source is left out of both (it is not moved).
"""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import yaml

from scanner.config import load_config
from scanner.demo import build_demo_school
from scanner.pipeline import run_scan
from tests.standins.fixtures import m365_values
from tests.standins.graph import GraphStandIn

PREFIX = "Flevo/Documenten/"


def _violations(config: Path, prefix: str = "") -> set[tuple[str, str, str]]:
    report = run_scan(load_config(config), workers=2)
    assert not [i for i in report.items if i.kind == "source"], "a source failed"
    return {(v.rule, v.path.removeprefix(prefix), v.leerlingnummer or "") for v in report.violations}


def test_the_demo_school_in_m365_has_the_violations_it_has_on_disk(graph: GraphStandIn, tmp_path: Path) -> None:
    root = tmp_path / "school"
    build_demo_school(root)
    config = yaml.safe_load((root / "avgscan.yaml").read_text(encoding="utf-8"))
    share = next(s for s in config["sources"] if s["type"] == "filesystem")
    config["sources"] = [share]
    (root / "schijf.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    library = graph.add_site("Flevo").drives[0]
    moved = 0
    for path in sorted((root / "share").rglob("*")):
        if not path.is_file():
            continue
        info = path.stat()
        item = graph.add_file(library, path.relative_to(root / "share").as_posix(), path.read_bytes(),
                              modified=datetime.fromtimestamp(info.st_mtime, UTC))
        if info.st_mode & stat.S_IROTH:
            graph.share_link(item, "organization")
        moved += 1
    cloud = m365_values(graph, name=share["name"], scope=None, sites=["Flevo"],
                        folder_pattern=share.get("folder_pattern"),
                        roles={PREFIX + k: v for k, v in share.get("roles", {}).items()},
                        outbound={PREFIX + k: v for k, v in share.get("outbound", {}).items()})
    config["sources"] = [cloud]
    (root / "m365.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    on_disk = _violations(root / "schijf.yaml")
    in_m365 = _violations(root / "m365.yaml", PREFIX)
    assert moved > 100 and graph.counts["download"] >= moved - 5  # every file read through Graph
    assert len(on_disk) > 20 and {rule for rule, _, _ in on_disk} >= {"open-access", "consent-missing"}
    assert in_m365 == on_disk, (f"only on disk: {sorted(on_disk - in_m365)}\n"
                                f"only in m365: {sorted(in_m365 - on_disk)}")
