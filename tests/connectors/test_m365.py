"""The m365 connector against the Graph stand-in: sharing of every kind, a real scan's verdicts on it,
scopes, throttling, expired tokens, certificates, items that vanish, and settings errors in Dutch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from connectors import open_source
from connectors.cloud import Backoff
from connectors.m365 import M365Source
from scanner.cli import main
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Item
from tests.connectors import samples
from tests.standins.fixtures import m365_settings, m365_values
from tests.standins.graph import GraphStandIn


def crawl(source: M365Source) -> dict[str, Item]:
    return {item.path: item for item in source.crawl()}


def audiences(item: Item) -> set[str]:
    return set(item.access.audiences)


def test_every_kind_of_sharing_maps_to_the_access_vocabulary(graph: GraphStandIn) -> None:
    lib = graph.add_site("Zorgteam").drives[0]
    files = {name: graph.add_file(lib, f"Gedeeld/{name}.txt", samples.txt_bytes())
             for name in ("anoniem", "organisatie", "gast", "uitnodiging", "collega", "sitegroep", "iedereen",
                          "personen", "niets")}
    graph.share_link(files["anoniem"], "anonymous")
    graph.share_link(files["organisatie"], "organization")
    graph.share_user(files["gast"], "ouder@gmail.com", guest=True)
    graph.invite(files["uitnodiging"], "behandelaar@ggzjeugd.nl")
    graph.share_user(files["collega"], "juf@school.nl")
    graph.share_site_group(files["sitegroep"], "Leden van Zorgteam")
    graph.share_everyone_except_external(files["iedereen"])
    graph.share_link(files["personen"], "users", ["logopedist@spraakwater.nl", "ib@school.nl"])
    folder = graph.folder(lib, "Anoniem gedeelde map")
    graph.add_file(lib, "Anoniem gedeelde map/erin.txt", samples.txt_bytes())
    graph.share_link(folder, "anonymous")
    own = graph.folder(lib, "Eigen rechten")
    graph.share_link(own, "organization")
    child = graph.add_file(lib, "Eigen rechten/apart.txt", samples.txt_bytes())
    child.unique = True  # inheritance broken: only its own permission counts
    graph.share_user(child, "mentor@school.nl")

    got = crawl(open_source(m365_settings(graph, external_parties={"ggzjeugd.nl": "GGZ Jeugd"})))
    at = {p.removeprefix("Zorgteam/Documenten/"): item for p, item in got.items()}
    assert audiences(at["Gedeeld/anoniem.txt"]) == {"anonymous_link"}
    assert audiences(at["Gedeeld/organisatie.txt"]) == {"organisation"}
    assert audiences(at["Gedeeld/iedereen.txt"]) == {"organisation"}  # 'Everyone except external users'
    assert at["Gedeeld/gast.txt"].access.external == ["onbekende externe partij (gmail.com)"]
    assert at["Gedeeld/uitnodiging.txt"].access.external == ["GGZ Jeugd"]  # mapped domain: a known party
    assert at["Gedeeld/personen.txt"].access.external == ["onbekende externe partij (spraakwater.nl)"]
    assert "ib@school.nl" in at["Gedeeld/personen.txt"].access.acl
    for name in ("collega", "sitegroep", "niets"):
        assert not at[f"Gedeeld/{name}.txt"].access.audiences and not at[f"Gedeeld/{name}.txt"].access.external
    assert "Leden van Zorgteam" in at["Gedeeld/sitegroep.txt"].access.acl
    assert audiences(at["Anoniem gedeelde map/erin.txt"]) == {"anonymous_link"}  # inherited from its folder
    assert not at["Eigen rechten/apart.txt"].access.audiences  # its own permissions only
    assert at["Eigen rechten/apart.txt"].access.acl == ["mentor@school.nl"]


def test_the_site_root_permissions_reach_every_file(graph: GraphStandIn) -> None:
    lib = graph.add_site("Openbaar").drives[0]
    graph.add_file(lib, "Map/diep/bestand.txt", samples.txt_bytes())
    graph.share_everyone_except_external(lib.root)
    got = crawl(open_source(m365_settings(graph)))
    assert audiences(got["Openbaar/Documenten/Map/diep/bestand.txt"]) == {"organisation"}


REGISTER = ("Leerlingnummer;Achternaam;Voorvoegsel;Roepnaam;Geboortedatum;BSN;Datum uitschrijving\n"
            "1001;Vries;de;Sanne;03-02-2014;111222333;\n")
CONSENTS = ("id;leerlingnummer;partij;gegevens;doel;gegeven_door;datum_gegeven;geldig_tot;ingetrokken_op\n"
            "T1;1001;GGZ Jeugd;onderwijsgegevens,gezondheid,ontwikkeling;zorg;ouder;2024-01-10;;\n")


def docx_with(*paragraphs: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_a_real_scan_reports_open_access_and_unknown_parties(graph: GraphStandIn, tmp_path: Path) -> None:
    """Each kind of sharing of a pupil's file, through `avgscan scan` and the rules."""
    lib = graph.add_site("Zorgteam").drives[0]
    text = docx_with("Leerling Sanne de Vries heeft dyslexie.")
    shared = {name: graph.add_file(lib, f"Dossiers/Vries, Sanne de (1001)/{name}.docx", text)
              for name in ("anoniem", "organisatie", "iedereen", "gast", "uitnodiging", "gekoppeld", "collega")}
    graph.share_link(shared["anoniem"], "anonymous")
    graph.share_link(shared["organisatie"], "organization")
    graph.share_everyone_except_external(shared["iedereen"])
    graph.share_user(shared["gast"], "ouder@gmail.com", guest=True)
    graph.invite(shared["uitnodiging"], "praktijk@spraakwater.nl")
    graph.share_link(shared["gekoppeld"], "users", ["behandelaar@ggzjeugd.nl"])
    graph.share_user(shared["collega"], "juf@school.nl")
    (tmp_path / "leerlingen.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "toestemmingen.csv").write_text(CONSENTS, encoding="utf-8")
    source = m365_values(graph, name="m365", scope="sites", roles={"Zorgteam/Documenten/Dossiers": "dossier"},
                         external_parties={"ggzjeugd.nl": "GGZ Jeugd"})
    config = {"sources": [source], "records": {"register": {"path": "leerlingen.csv"},
                                               "consents": {"path": "toestemmingen.csv"}}, "as_of": "2026-11-29"}
    (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    out = tmp_path / "out"
    main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(out), "--workers", "1"])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_file: dict[str, set[str]] = {}
    messages: dict[tuple[str, str], str] = {}
    for v in report["violations"]:
        name = v["path"].rsplit("/", 1)[-1].removesuffix(".docx")
        by_file.setdefault(name, set()).add(v["rule"])
        messages[(name, v["rule"])] = v["message"]
    assert {"anoniem", "organisatie", "iedereen"} <= {n for n, rules in by_file.items() if "open-access" in rules}
    assert "iedereen met de link" in messages[("anoniem", "open-access")]
    assert "consent-missing" in by_file["gast"] and "gmail.com" in messages[("gast", "consent-missing")]
    assert "spraakwater.nl" in messages[("uitnodiging", "consent-missing")]
    assert "gekoppeld" not in by_file  # GGZ Jeugd has the parents' consent for this data
    assert "collega" not in by_file  # a colleague of the school board: neither open nor external
    assert not {n for n, rules in by_file.items() if "open-access" in rules} & {"gast", "uitnodiging", "collega"}


def test_scope_named_sites_teams_and_onedrives(graph: GraphStandIn) -> None:
    graph.add_file(graph.add_site("Zorgteam").drives[0], "a.txt", samples.txt_bytes())
    graph.add_file(graph.add_site("Bestuur").drives[0], "b.txt", samples.txt_bytes())
    graph.add_file(graph.add_team("Groep 5").drives[0], "General/c.txt", samples.txt_bytes())
    juf = graph.add_user("juf@school.nl", "Juf")
    graph.add_file(juf.drive, "d.txt", samples.txt_bytes())  # type: ignore[arg-type]
    graph.add_user("nieuw@school.nl", "Nieuw", onedrive=False)
    named = crawl(open_source(m365_settings(graph, scope=None, sites=[f"https://{graph.host}/sites/Zorgteam"],
                                            teams=["Groep 5"], users=["juf@school.nl"])))
    assert set(named) == {"Zorgteam/Documenten/a.txt", "Groep 5/Documenten/General/c.txt",
                          "OneDrive/juf@school.nl/d.txt"}
    everything = open_source(m365_settings(graph, scope="all"))
    assert {"Bestuur/Documenten/b.txt", "OneDrive/juf@school.nl/d.txt"} <= set(crawl(everything))
    assert everything.counts["zonder_onedrive"] == 1  # an account without a OneDrive is counted, not an error
    with pytest.raises(Unreadable, match="site 'Bestaat niet' niet gevonden"):
        list(open_source(m365_settings(graph, scope=None, sites=["Bestaat niet"])).crawl())


def test_a_throttled_crawl_loses_no_item(graph: GraphStandIn) -> None:
    """Every 10th Graph call answered 429 (then 503) with Retry-After: every item still scanned."""
    lib = graph.add_site("Zorgteam").drives[0]
    for i in range(450):
        f = graph.add_file(lib, f"Groep {i % 9}/notitie {i}.txt", f"Notitie {i} over Sanne.".encode())
        if i % 7 == 0:
            graph.share_link(f, "organization")
    expected = {p: (i.status, tuple(i.access.audiences)) for p, i in crawl(open_source(m365_settings(graph))).items()}
    for status in (429, 503):
        graph.throttle_every, graph.throttle_status, graph.retry_after = 10, status, "7"
        backoff = Backoff(sleep=lambda s: None)
        source = M365Source(m365_settings(graph), backoff)
        got = crawl(source)
        texts = [source.read(item).units[0].text for item in got.values()]
        assert {p: (i.status, tuple(i.access.audiences)) for p, i in got.items()} == expected
        assert len(texts) == 450 and all(t.startswith("Notitie") for t in texts)
        assert backoff.waited and set(backoff.waited) == {7.0}  # the wait Graph asked for
        assert graph.counts["throttled"] >= len(backoff.waited) // 2
        graph.counts.clear()


def test_throttling_that_never_ends_is_a_reason_not_a_hang(graph: GraphStandIn) -> None:
    lib = graph.add_site("Zorgteam").drives[0]
    graph.add_file(lib, "a.txt", samples.txt_bytes())
    source = M365Source(m365_settings(graph, max_tries=3), Backoff(max_tries=3, sleep=lambda s: None))
    item = next(iter(crawl(source).values()))
    graph.throttle_every = 1
    with pytest.raises(Unreadable, match="na 3 pogingen"):
        source.read(item)


def test_an_expired_token_is_refreshed(graph: GraphStandIn) -> None:
    lib = graph.add_site("Zorgteam").drives[0]
    for i in range(5):
        graph.add_file(lib, f"{i}.txt", samples.txt_bytes())
    source = open_source(m365_settings(graph))
    items = list(crawl(source).values())
    tokens = graph.counts["token"]
    graph.expire_tokens()
    assert all(source.read(item).units for item in items)
    assert graph.counts["token"] == tokens + 1


def test_a_certificate_instead_of_a_secret(graph: GraphStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "avgscan")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()) + cert.public_bytes(serialization.Encoding.PEM)
    (tmp_path / "app.pem").write_bytes(pem)
    import base64

    graph.certificate_thumbprints.add(base64.urlsafe_b64encode(cert.fingerprint(hashes.SHA1())).decode().rstrip("="))
    monkeypatch.delenv("AVGSCAN_M365_CLIENT_SECRET")
    monkeypatch.setenv("AVGSCAN_M365_CERTIFICATE", str(tmp_path / "app.pem"))
    graph.add_file(graph.add_site("Zorgteam").drives[0], "a.txt", samples.txt_bytes())
    assert list(crawl(open_source(m365_settings(graph)))) == ["Zorgteam/Documenten/a.txt"]


def test_no_secret_wrong_secret_and_unknown_tenant_are_dutch_reasons(graph: GraphStandIn,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    graph.add_site("Zorgteam")
    monkeypatch.delenv("AVGSCAN_M365_CLIENT_SECRET")
    monkeypatch.setattr("connectors.credentials.keyring_password", lambda *_: None)
    with pytest.raises(Unreadable, match="geen geheim.*AVGSCAN_M365_CLIENT_SECRET"):
        list(open_source(m365_settings(graph)).crawl())
    monkeypatch.setenv("AVGSCAN_M365_CLIENT_SECRET", "fout")
    with pytest.raises(Unreadable, match="aanmelden van de app mislukt \\(invalid_client"):
        list(open_source(m365_settings(graph)).crawl())
    with pytest.raises(Unreadable, match="tenant 'onbekend' niet gevonden"):
        list(open_source(m365_settings(graph, tenant="onbekend")).crawl())


def test_items_gone_between_listing_and_download_are_reported(graph: GraphStandIn) -> None:
    lib = graph.add_site("Zorgteam").drives[0]
    gone = graph.add_file(lib, "Dossiers/weg.txt", samples.txt_bytes())
    graph.add_file(lib, "Oud/verplaatst.txt", samples.txt_bytes())
    graph.add_file(lib, "blijft.txt", samples.txt_bytes())
    source = open_source(m365_settings(graph))
    items = crawl(source)
    worker = open_source(m365_settings(graph))  # a worker's own source reads by path
    graph.remove(lib, gone)
    graph.remove(lib, graph.item(lib, "Oud"))
    for reader in (source, worker):
        for path in ("Zorgteam/Documenten/Dossiers/weg.txt", "Zorgteam/Documenten/Oud/verplaatst.txt"):
            with pytest.raises(Unreadable, match="niet meer aanwezig in Microsoft 365"):
                reader.read(items[path])
        assert reader.read(items["Zorgteam/Documenten/blijft.txt"]).units


def test_settings_errors_name_the_key_in_dutch(graph: GraphStandIn, tmp_path: Path) -> None:
    from scanner.config import ConfigError, load_config

    good = m365_values(graph)
    for bad, expected in ((good | {"client_secret": "geheim"}, "client_secret"),
                          ({k: v for k, v in good.items() if k != "own_domains"} | {"own_domains": []},
                           "own_domains ontbreekt"),
                          (good | {"scope": None}, "geef aan wat gescand wordt")):
        (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump({"sources": [bad]}), encoding="utf-8")
        with pytest.raises(ConfigError, match=expected) as err:
            load_config(tmp_path / "avgscan.yaml")
        assert "sources[0]" in str(err.value)
    assert os.environ["AVGSCAN_M365_CLIENT_SECRET"] not in (tmp_path / "avgscan.yaml").read_text(encoding="utf-8")
