"""A rescan of a cloud tenant downloads only what changed: the eTag/cTag (Drive: md5Checksum) is the
item's fingerprint, compared by the scanner's own cache in a real state store.

The scan here is the executor's loop without detection: crawl, fingerprint (executor.fingerprint,
keyed by the store's key), look up in the ItemCache, read what the cache does not know (four
readers, each with its own source, as the workers have) and store it. Downloads are counted by the
stand-in.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from connectors import open_source
from connectors.base import fingerprint_of
from scanner.cache import ItemCache
from scanner.executor import fingerprint
from scanner.kernel.model import Detected, Item
from scanner.state import StateStore
from tests.standins.drive import DriveStandIn
from tests.standins.fixtures import gdrive_settings, m365_settings
from tests.standins.graph import GraphStandIn

READERS = 4


def scan(settings: Any, out: Path) -> tuple[dict[str, Item], ItemCache]:
    """One scan into `out`: every item, and the cache with its hits and misses."""
    with StateStore.open(out) as store:  # type: ignore[union-attr]
        cache = ItemCache(store, "scan", read=True)
        keyed = SimpleNamespace(keyer=store.keyer())
        crawler = open_source(settings)
        items = list(crawler.crawl())
        misses: list[tuple[Item, str]] = []
        for item in items:
            if item.status != "scanned":
                continue
            fingerprint_of(crawler, item)
            fp = fingerprint(keyed, item, None)  # type: ignore[arg-type]
            hit, _ = cache.lookup(item, fp)
            if not hit:
                misses.append((item, fp))
        crawler.close()
        local = threading.local()

        def read(task: tuple[Item, str]) -> tuple[Item, str]:
            if not hasattr(local, "source"):
                local.source = open_source(settings)
            assert local.source.read(task[0]).units
            return task

        with ThreadPoolExecutor(READERS) as pool:
            for item, fp in pool.map(read, misses):
                cache.store_item(item, fp, Detected())
        cache.finish()
    return {i.path: i for i in items}, cache


def test_a_rescan_of_5000_items_downloads_under_one_percent(graph: GraphStandIn, tmp_path: Path) -> None:
    libraries = [graph.add_site(name).drives[0] for name in ("Zorgteam", "Administratie")]
    onedrives = [graph.add_user(f"{name}@school.nl", name).drive for name in ("juf", "meester")]
    files = []
    for n in range(5_000):
        drive = libraries[n % 2] if n < 4000 else onedrives[n % 2]
        f = graph.add_file(drive, f"Groep {n % 8}/Leerling {n // 80}/notitie {n}.txt",  # type: ignore[arg-type]
                           f"Notitie {n}: gesprek over de leerling.".encode())
        files.append((drive, f))
        if n % 97 == 0:
            graph.share_link(f, "organization")
    settings = m365_settings(graph, scope="all")
    first, cache = scan(settings, tmp_path / "out")
    assert len(first) == 5_000 and cache.misses == 5_000
    first_downloads = graph.counts["download"]
    assert first_downloads == 5_000
    assert graph.counts["delta_page"] == 30  # 5 520 files and folders, 200 a page, in four drives (12 + 12 + 3 + 3)

    for drive, f in files[:20]:
        graph.edit(drive, graph.path_of(drive, f), b"Notitie: nu met een diagnose.")  # type: ignore[arg-type]
    for _drive, f in files[100:110]:
        graph.share_link(f, "anonymous")  # sharing changes the eTag, not the cTag: nothing to download
    for drive, f in files[200:220]:
        graph.remove(drive, f)  # type: ignore[arg-type]
    for n in range(15):
        graph.add_file(libraries[0], f"Nieuw/notitie {n}.txt", b"Nieuwe notitie.")

    second, cache = scan(settings, tmp_path / "out")
    rescan_downloads = graph.counts["download"] - first_downloads
    assert rescan_downloads == 20 + 15 <= first_downloads // 100
    assert cache.hits == 5_000 - 20 - 20 and cache.misses == 35
    assert len(second) == 5_000 - 20 + 15
    changed = second["Zorgteam/Documenten/" + graph.path_of(*files[100])]  # type: ignore[arg-type]
    assert "anonymous_link" in changed.access.audiences  # new sharing seen without downloading the file


def test_a_drive_rescan_downloads_only_changed_files(drive: DriveStandIn, tmp_path: Path) -> None:
    from tests.standins.drive import DOC

    drive.add_user("juf@school.nl")
    shared = drive.add_shared_drive("Zorgteam")
    files = []
    for n in range(1000):
        where = "juf@school.nl" if n % 2 else shared
        files.append(drive.add_file(where, f"Groep {n % 8}/notitie {n}.txt", f"Notitie {n}.".encode()))
    docs = [drive.add_file("juf@school.nl", f"Verslagen/verslag {n}", b"", mime=DOC) for n in range(5)]
    from tests.connectors.samples import docx_bytes

    for doc in docs:
        drive.edit(doc, docx_bytes())
    settings = gdrive_settings(drive, scope="all")
    first, cache = scan(settings, tmp_path / "out")
    assert len(first) == 1005 and cache.misses == 1005
    first_downloads = drive.counts["download"]
    for f in files[:5]:
        drive.edit(f, b"Notitie: veranderd.")
    drive.edit(docs[0], docx_bytes())  # a Google Doc changed: its modifiedTime changes
    drive.share(files[20], "anyone")
    drive.remove(files[30])
    second, cache = scan(settings, tmp_path / "out")
    assert drive.counts["download"] - first_downloads == 6 <= first_downloads // 100
    assert cache.hits == 1005 - 6 - 1 and len(second) == 1004
