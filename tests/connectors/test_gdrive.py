"""The gdrive connector against the Drive stand-in: sharing of every kind, Google Docs/Sheets/Slides
exported to Office formats, users and shared drives, throttling with backoff, expired tokens, read-only
scopes, files that vanish, and settings errors in Dutch."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from connectors import open_source
from connectors.cloud import Backoff
from connectors.gdrive import GDriveSource
from scanner.cli import main
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Item
from tests.connectors import samples
from tests.connectors.test_m365 import CONSENTS, REGISTER, docx_with
from tests.standins.drive import DOC, SHEET, SLIDES, DriveStandIn
from tests.standins.fixtures import ADMIN, gdrive_settings, gdrive_values

JUF = "juf@school.nl"


def crawl(source: GDriveSource) -> dict[str, Item]:
    return {item.path: item for item in source.crawl()}


def test_every_kind_of_sharing_maps_to_the_access_vocabulary(drive: DriveStandIn) -> None:
    drive.add_user(JUF)
    names = ("link", "openbaar", "domein", "ander_domein", "extern", "gekoppeld", "groep", "collega", "niets")
    files = {n: drive.add_file(JUF, f"Gedeeld/{n}.txt", samples.txt_bytes()) for n in names}
    drive.share(files["link"], "anyone")
    drive.share(files["openbaar"], "anyone", discoverable=True)
    drive.share(files["domein"], "domain", domain="school.nl")
    drive.share(files["ander_domein"], "domain", domain="ggzjeugd.nl")
    drive.share(files["extern"], "user", email="ouder@gmail.com")
    drive.share(files["gekoppeld"], "user", email="behandelaar@ggzjeugd.nl", role="commenter")
    drive.share(files["groep"], "group", email="team@spraakwater.nl")
    drive.share(files["collega"], "user", email="ib@school.nl", role="writer")
    shared = drive.add_shared_drive("Zorgteam")
    in_shared = drive.add_file(shared, "Dossiers/plan.txt", samples.txt_bytes())
    drive.share(in_shared, "anyone")  # a shared drive's file: its permissions come from permissions.list

    got = crawl(open_source(gdrive_settings(drive, external_parties={"ggzjeugd.nl": "GGZ Jeugd"})))
    at = {p.removeprefix(f"Mijn Drive/{JUF}/Gedeeld/").removesuffix(".txt"): i for p, i in got.items()}
    assert set(at["link"].access.audiences) == {"anonymous_link"}
    assert set(at["openbaar"].access.audiences) == {"everyone"}
    assert set(at["domein"].access.audiences) == {"organisation"}
    assert at["ander_domein"].access.external == ["GGZ Jeugd"]
    assert at["extern"].access.external == ["onbekende externe partij (gmail.com)"]
    assert at["gekoppeld"].access.external == ["GGZ Jeugd"]
    assert at["groep"].access.external == ["onbekende externe partij (spraakwater.nl)"]
    for name in ("collega", "niets"):
        assert not at[name].access.audiences and not at[name].access.external
    assert "ib@school.nl" in at["collega"].access.acl and JUF in at["niets"].access.acl  # the owner
    assert set(got["Gedeelde drive/Zorgteam/Dossiers/plan.txt"].access.audiences) == {"anonymous_link"}
    assert drive.counts["permissions"] == 1  # only the shared drive's file needed its own lookup


def test_a_real_scan_reports_open_access_and_unknown_parties(drive: DriveStandIn, tmp_path: Path) -> None:
    """Each kind of Drive sharing of a pupil's file, through `avgscan scan` and the rules."""
    drive.add_user(JUF)
    text = docx_with("Leerling Sanne de Vries heeft dyslexie.")
    shared = {n: drive.add_file(JUF, f"Dossiers/Vries, Sanne de (1001)/{n}.docx", text)
              for n in ("link", "openbaar", "domein", "ander_domein", "extern", "gekoppeld", "collega")}
    drive.share(shared["link"], "anyone")
    drive.share(shared["openbaar"], "anyone", discoverable=True)
    drive.share(shared["domein"], "domain", domain="school.nl")
    drive.share(shared["ander_domein"], "domain", domain="spraakwater.nl")
    drive.share(shared["extern"], "user", email="ouder@gmail.com")
    drive.share(shared["gekoppeld"], "user", email="behandelaar@ggzjeugd.nl")
    drive.share(shared["collega"], "user", email="ib@school.nl")
    (tmp_path / "leerlingen.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "toestemmingen.csv").write_text(CONSENTS, encoding="utf-8")
    source = gdrive_values(drive, scope=None, users=[JUF], external_parties={"ggzjeugd.nl": "GGZ Jeugd"},
                           roles={f"Mijn Drive/{JUF}/Dossiers": "dossier"})
    config = {"sources": [source], "records": {"register": {"path": "leerlingen.csv"},
                                               "consents": {"path": "toestemmingen.csv"}}, "as_of": "2026-11-29"}
    (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(tmp_path / "out"), "--workers", "1"])
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    rules: dict[str, set[str]] = {}
    messages: dict[tuple[str, str], str] = {}
    for v in report["violations"]:
        name = v["path"].rsplit("/", 1)[-1].removesuffix(".docx")
        rules.setdefault(name, set()).add(v["rule"])
        messages[(name, v["rule"])] = v["message"]
    assert {n for n, r in rules.items() if "open-access" in r} == {"link", "openbaar", "domein"}
    assert "iedereen met de link" in messages[("link", "open-access")]
    assert "gmail.com" in messages[("extern", "consent-missing")]
    assert "spraakwater.nl" in messages[("ander_domein", "consent-missing")]
    assert "gekoppeld" not in rules and "collega" not in rules


def test_google_docs_sheets_and_slides_are_exported_and_read(drive: DriveStandIn) -> None:
    import openpyxl

    drive.add_user(JUF)
    book = openpyxl.Workbook()
    book.active.append(["Naam", "Diagnose"])  # type: ignore[union-attr]
    book.active.append(["Sanne de Vries", "dyslexie"])  # type: ignore[union-attr]
    sheet = io.BytesIO()
    book.save(sheet)
    drive.add_file(JUF, "MDO/verslag", samples.docx_bytes(), mime=DOC)
    drive.add_file(JUF, "MDO/overzicht", sheet.getvalue(), mime=SHEET)
    drive.add_file(JUF, "MDO/presentatie", samples.pptx_bytes(), mime=SLIDES)
    drive.add_file(JUF, "MDO/formulier", b"", mime="application/vnd.google-apps.form")
    drive.add_file(JUF, "MDO/naar verslag", b"", mime="application/vnd.google-apps.shortcut")
    source = open_source(gdrive_settings(drive, scope=None, users=[JUF]))
    got = crawl(source)
    base = f"Mijn Drive/{JUF}/MDO/"
    texts = {p.removeprefix(base): " ".join(u.text for u in source.read(i).units)
             for p, i in got.items() if i.status == "scanned"}
    assert "dyslexie" in texts["verslag.docx"] and "dyslexie" in texts["overzicht.xlsx"]
    assert "Moeder van Sanne belde over medicatie" in texts["presentatie.pptx"]  # the speaker notes
    assert got[base + "formulier"].status == "unreadable" and "Google-type form" in got[base + "formulier"].reason
    assert got[base + "naar verslag"].status == "skipped"


def test_a_users_file_in_someone_elses_folder_is_not_lost(drive: DriveStandIn) -> None:
    drive.add_user(JUF)
    drive.add_user("meester@school.nl")
    theirs = drive.folder(drive.users["meester@school.nl"], "Groep 6", "meester@school.nl")
    drive.share(drive.files[theirs], "user", email=JUF, role="writer")
    mine = drive.add_file(JUF, "x.txt", samples.txt_bytes())
    mine.parent, mine.name = theirs, "verslag.txt"  # juf's own file, put in meester's folder
    got = crawl(open_source(gdrive_settings(drive, scope=None, users=[JUF])))
    assert set(got) == {f"Mijn Drive/{JUF}/(in een map van een ander)/verslag.txt"}


def test_users_and_shared_drives_by_name_and_all_of_them(drive: DriveStandIn) -> None:
    drive.add_user(JUF)
    drive.add_user("meester@school.nl")
    drive.add_file(JUF, "a.txt", samples.txt_bytes())
    drive.add_file("meester@school.nl", "b.txt", samples.txt_bytes())
    drive.add_file(drive.add_shared_drive("Zorgteam"), "c.txt", samples.txt_bytes())
    drive.add_file(drive.add_shared_drive("Bestuur"), "d.txt", samples.txt_bytes())
    named = crawl(open_source(gdrive_settings(drive, scope=None, users=[JUF], shared_drives=["Zorgteam"])))
    assert set(named) == {f"Mijn Drive/{JUF}/a.txt", "Gedeelde drive/Zorgteam/c.txt"}
    everything = crawl(open_source(gdrive_settings(drive, scope="all")))
    assert {"Mijn Drive/meester@school.nl/b.txt", "Gedeelde drive/Bestuur/d.txt"} <= set(everything)
    with pytest.raises(Unreadable, match="gedeelde drive 'bestaat niet' niet gevonden"):
        list(open_source(gdrive_settings(drive, scope=None, shared_drives=["Bestaat niet"])).crawl())


@pytest.mark.parametrize("reason", ["userRateLimitExceeded", "rateLimitExceeded"])
def test_a_throttled_crawl_loses_no_item(drive: DriveStandIn, reason: str) -> None:
    """Every 10th call answered 403 userRateLimitExceeded or 429 rateLimitExceeded: nothing lost,
    and the waits grow exponentially."""
    drive.add_user(JUF)
    shared = drive.add_shared_drive("Zorgteam")
    for n in range(300):
        f = drive.add_file(JUF if n % 2 else shared, f"Groep {n % 5}/notitie {n}.txt", f"Notitie {n}.".encode())
        if n % 9 == 0:
            drive.share(f, "domain", domain="school.nl")
    expected = {p: (i.status, tuple(i.access.audiences)) for p, i in crawl(open_source(gdrive_settings(drive))).items()}
    drive.throttle_every, drive.throttle_reason = 10, reason
    backoff = Backoff(sleep=lambda s: None)
    source = GDriveSource(gdrive_settings(drive), backoff)
    got = crawl(source)
    texts = [source.read(item).units[0].text for item in got.values()]
    assert {p: (i.status, tuple(i.access.audiences)) for p, i in got.items()} == expected
    assert len(texts) == 300 and all(t.startswith("Notitie") for t in texts)
    assert drive.counts["throttled"] > 30 and len(backoff.waited) == drive.counts["throttled"]
    # each wait is 2**attempt s with jitter (0.5-1 s, then 1-2 s, ...): a retry that lands on another
    # throttled call (the crawl runs calls in parallel) waits in the next band, never outside the bands
    assert all(any(0.5 * 2**k <= w <= 2**k for k in range(4)) for w in backoff.waited)
    assert sum(w <= 1.0 for w in backoff.waited) >= 0.8 * len(backoff.waited)  # mostly first retries


def test_backoff_grows_exponentially_and_gives_up_with_a_reason(drive: DriveStandIn) -> None:
    drive.add_user(JUF)
    drive.add_file(JUF, "a.txt", samples.txt_bytes())
    backoff = Backoff(max_tries=5, sleep=lambda s: None)
    source = GDriveSource(gdrive_settings(drive, max_tries=5), backoff)
    item = next(iter(crawl(source).values()))
    drive.throttle_every = 1
    with pytest.raises(Unreadable, match="na 5 pogingen"):
        source.read(item)
    assert all(b / 2 <= w <= b for w, b in zip(backoff.waited, (1, 2, 4, 8), strict=True))  # 1, 2, 4, 8 s


def test_an_expired_token_is_refreshed_and_scopes_are_read_only(drive: DriveStandIn) -> None:
    drive.add_user(JUF)
    for n in range(3):
        drive.add_file(JUF, f"{n}.txt", samples.txt_bytes())
    source = open_source(gdrive_settings(drive))
    items = list(crawl(source).values())
    tokens = drive.counts["token"]
    drive.expire_tokens()
    assert all(source.read(item).units for item in items)
    assert drive.counts["token"] > tokens
    granted = {scope for _, scopes in drive.tokens.values() for scope in scopes}
    assert granted and all(s.endswith(".readonly") for s in granted)  # the stand-in refuses any other scope
    assert drive.counts["write"] == 0


def test_items_gone_between_listing_and_download_are_reported(drive: DriveStandIn) -> None:
    drive.add_user(JUF)
    gone = drive.add_file(JUF, "Dossiers/weg.txt", samples.txt_bytes())
    drive.add_file(JUF, "blijft.txt", samples.txt_bytes())
    source = open_source(gdrive_settings(drive))
    items = crawl(source)
    drive.remove(gone)
    worker = open_source(gdrive_settings(drive))  # lists anew: the file is not there any more
    for reader in (source, worker):
        with pytest.raises(Unreadable, match="niet meer aanwezig in Google Drive"):
            reader.read(items[f"Mijn Drive/{JUF}/Dossiers/weg.txt"])
        assert reader.read(items[f"Mijn Drive/{JUF}/blijft.txt"]).units


def test_a_missing_or_wrong_key_is_a_dutch_reason(drive: DriveStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AVGSCAN_GDRIVE_KEY")
    monkeypatch.setattr("connectors.credentials.keyring_password", lambda *_: None)
    with pytest.raises(Unreadable, match="geen sleutel van het serviceaccount.*AVGSCAN_GDRIVE_KEY"):
        list(open_source(gdrive_settings(drive)).crawl())
    monkeypatch.setenv("AVGSCAN_GDRIVE_KEY", json.dumps({"type": "authorized_user"}))
    with pytest.raises(Unreadable, match="geen sleutel van een serviceaccount"):
        list(open_source(gdrive_settings(drive)).crawl())
    spare = DriveStandIn()
    other = spare.service_account()  # a key this domain does not know
    spare.server.server_close()
    monkeypatch.setenv("AVGSCAN_GDRIVE_KEY", json.dumps(other))
    with pytest.raises(Unreadable, match="aanmelden mislukt"):
        list(open_source(gdrive_settings(drive)).crawl())
    assert ADMIN in drive.users
