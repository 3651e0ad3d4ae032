"""The FG's workspace (`avgscan serve`) with Flask's test client: accounts, login and expiring sessions,
CSRF and origin checks, decisions stored with who and when, the triage file round trip, values shown
only with a reason, the sign-off PDF, and nothing served from outside the output folder."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from pypdf import PdfReader
from rich.console import Console

from reports import write_all
from reports.summary import print_summary
from reports.view import violation_rows
from reports.workspace import create_app
from reports.workspace.server import ServeError, is_loopback, tls_context
from reports.workspace.users import UserError, add_user, authenticate, hash_password, verify_password
from scanner import decisions
from scanner.cli import main
from scanner.kernel.model import Report
from scanner.state import StateStore
from scanner.triage import ACCEPTED, FALSE_POSITIVE, OPEN, ReviewSession, load_triage, parse_triage
from tests.reports.conftest import sample_report

PASSWORD = "correct paard batterij"
ORIGIN = {"Origin": "http://localhost"}


@pytest.fixture()
def out(reviewed: tuple[Report, Path]) -> Path:
    """An output folder with two audits, a report.json (with a triage file applied) and one user."""
    report, folder = reviewed
    write_all(report, folder, ["json"])
    with StateStore.open(folder) as store:
        add_user(store, "fg", PASSWORD)
    return folder


def ids(folder: Path) -> dict[str, str]:
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return {v["rule"]: v["id"] for v in data["violations"]}


def token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def logged_in(folder: Path, **options: object) -> tuple[FlaskClient, str]:
    client = create_app(folder, **options).test_client()  # type: ignore[arg-type]
    page = client.get("/inloggen").text
    resp = client.post("/inloggen", data={"name": "fg", "password": PASSWORD, "csrf_token": token(page)},
                       headers=ORIGIN)
    assert resp.status_code == 302 and resp.location == "/"
    return client, token(client.get("/").text)


def test_passwords_are_scrypt_hashed_and_checked(out: Path) -> None:
    stored = hash_password(PASSWORD)
    assert stored.startswith("scrypt$") and PASSWORD not in stored
    assert verify_password(PASSWORD, stored) and not verify_password(PASSWORD + "x", stored)
    assert hash_password(PASSWORD) != stored  # a salt per hash
    with StateStore.open(out) as store:
        assert authenticate(store, "fg", PASSWORD)
        assert not authenticate(store, "fg", "verkeerd wachtwoord")
        assert not authenticate(store, "niemand", PASSWORD)
        with pytest.raises(UserError, match="minstens 12 tekens"):
            add_user(store, "ib", "kort")
        with pytest.raises(UserError, match="gebruikersnaam"):
            add_user(store, "<script>", PASSWORD)
    assert (out / "avgscan-state.sqlite").stat().st_mode & 0o077 == 0


def test_add_user_from_the_command_line(out: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("nog een lang wachtwoord\n"))
    assert main(["serve", "--out", str(out), "--add-user", "ib", "--password-stdin"]) == 0
    assert "Gebruiker ib aangemaakt" in capsys.readouterr().out
    with StateStore.open(out) as store:
        assert authenticate(store, "ib", "nog een lang wachtwoord")
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["serve", "--out", str(out), "--add-user", "ib", "--password-stdin"]) == 2
    assert "minstens 12 tekens" in capsys.readouterr().err


def test_login_is_required_and_a_wrong_password_refused(out: Path) -> None:
    client = create_app(out).test_client()
    assert client.get("/overtredingen").status_code == 302
    page = client.get("/inloggen").text
    wrong = client.post("/inloggen", data={"name": "fg", "password": "geraden wachtwoord", "csrf_token": token(page)},
                        headers=ORIGIN)
    assert wrong.status_code == 401 and "verkeerd wachtwoord" in wrong.text
    assert client.get("/").status_code == 302  # still not logged in
    for _ in range(5):
        client.post("/inloggen", data={"name": "fg", "password": "nog eens fout", "csrf_token": token(page)},
                    headers=ORIGIN)
    locked = client.post("/inloggen", data={"name": "fg", "password": PASSWORD, "csrf_token": token(page)},
                         headers=ORIGIN)
    assert locked.status_code == 429  # five wrong passwords lock the name, even for the right one
    for target, landing in (("/verloop", "/verloop"), ("//evil.example/", "/"), ("/\\evil.example", "/"),
                            ("https://evil.example/", "/")):
        other = create_app(out).test_client()
        page = other.get("/inloggen").text
        resp = other.post("/inloggen", query_string={"next": target}, headers=ORIGIN,
                          data={"name": "fg", "password": PASSWORD, "csrf_token": token(page)})
        assert resp.location == landing, target  # only a path of the workspace itself


def test_sessions_expire(out: Path) -> None:
    client, _ = logged_in(out)
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] -= 31 * 60  # half an hour and a minute without use
    expired = client.get("/")
    assert expired.status_code == 302 and "/inloggen" in expired.location
    assert "sessie is verlopen" in client.get("/inloggen").text
    client, _ = logged_in(out)
    with client.session_transaction() as session:
        session["login_at"] -= 11 * 3600  # in use all the time, but logged in longer than a working day
    assert client.get("/").status_code == 302


def test_every_change_needs_the_csrf_token_and_our_origin(out: Path) -> None:
    client, csrf = logged_in(out)
    identity = ids(out)["open-access"]
    url = f"/overtreding/{identity}/besluit"
    form = {"kind": "handled", "action": "Map afgeschermd"}
    missing = client.post(url, data=form, headers=ORIGIN)
    assert missing.status_code == 403 and "CSRF-token" in missing.text
    assert client.post(url, data=form | {"csrf_token": "geraden"}, headers=ORIGIN).status_code == 403
    other = client.post(url, data=form | {"csrf_token": csrf}, headers={"Origin": "http://evil.example"})
    assert other.status_code == 403 and "andere herkomst" in other.text
    assert client.post(url, data=form | {"csrf_token": csrf}).status_code == 403  # neither Origin nor Referer
    assert client.post(url, data=form | {"csrf_token": csrf},
                       headers={"Referer": "http://evil.example/localhost/"}).status_code == 403
    with StateStore.open(out) as store:
        assert decisions.log(store) == []  # nothing refused was stored
    ok = client.post(url, data=form | {"csrf_token": csrf}, headers={"Referer": "http://localhost/overtredingen"})
    assert ok.status_code == 303
    # logout is a change too
    assert client.post("/uitloggen", headers=ORIGIN).status_code == 403


def test_decisions_are_stored_with_who_and_when_and_shown(out: Path) -> None:
    client, csrf = logged_in(out)
    found = ids(out)
    url = f"/overtreding/{found['open-access']}"
    form = {"csrf_token": csrf, "kind": "accepted", "reason": "Map wordt deze week afgeschermd",
            "owner": "J. Jansen (directeur)", "expires": "2027-02-01"}
    assert client.post(url + "/besluit", data=form | {"expires": "volgende week"}, headers=ORIGIN).status_code == 303
    assert "geldig tot&#39; is geen datum" in client.get(url).text  # refused with the field named, nothing stored
    client.post(url + "/besluit", data=form, headers=ORIGIN)
    client.post(url + "/toewijzing", data={"csrf_token": csrf, "to": "M. de Boer (ICT)", "due": "2026-12-20"},
                headers=ORIGIN)
    client.post(f"/overtreding/{found['retention-expired']}/besluit",
                data={"csrf_token": csrf, "kind": "handled", "action": "Dossier vernietigd"}, headers=ORIGIN)
    page = client.get(url).text
    assert "geaccepteerd" in page and "M. de Boer (ICT), uiterlijk 2026-12-20" in page
    with StateStore.open(out) as store:
        log = decisions.log(store)
        current = decisions.current(store)
    assert [(d.kind, d.decided_by) for d in log] == [("accepted", "fg"), ("assigned", "fg"), ("handled", "fg")]
    assert all(date.fromisoformat(d.decided_at[:10]) == date.today() for d in log)
    assert current[found["open-access"]].status.expires == "2027-02-01"  # type: ignore[union-attr]
    listing = client.get("/overtredingen?status=handled").text
    assert found["retention-expired"] in listing and found["open-access"] not in listing
    # the false positive from the scan's triage file can be withdrawn in the workspace
    client.post(f"/overtreding/{found['bsn-outside-administration']}/besluit",
                data={"csrf_token": csrf, "kind": "open"}, headers=ORIGIN)
    assert found["bsn-outside-administration"] in client.get("/overtredingen?status=open").text



def test_an_assignment_alone_keeps_the_triage_files_decision(out: Path) -> None:
    client, csrf = logged_in(out)
    accepted = ids(out)["retention-expired"]  # accepted in the scan's triage file
    client.post(f"/overtreding/{accepted}/toewijzing", data={"csrf_token": csrf, "to": "Archivaris"}, headers=ORIGIN)
    page = client.get(f"/overtreding/{accepted}").text
    assert "geaccepteerd" in page and "Archivaris" in page
    again = sample_report()
    with ReviewSession.open(out, out.parent / "triage.yaml").applied(again) as reviewed:
        [decided] = [v for v in reviewed.violations if v.rule == "retention-expired"]
    assert decided.status == ACCEPTED and decided.assigned.to == "Archivaris"  # type: ignore[union-attr]
    client.post(f"/overtreding/{accepted}/toewijzing", data={"csrf_token": csrf, "clear": "1"}, headers=ORIGIN)
    page = client.get(f"/overtreding/{accepted}").text
    assert "geaccepteerd" in page and "Archivaris" not in page.split("Besluiten over")[0]


def test_filters_sorting_search_and_groups(out: Path) -> None:
    client, _ = logged_in(out)
    found = ids(out)

    def listed(query: str) -> list[str]:
        return re.findall(r'data-id="([0-9a-f]{16})"', client.get("/overtredingen" + query).text)

    assert len(listed("")) == 4
    assert listed("?rule=retention-expired") == [found["retention-expired"]]
    assert listed("?severity=middel") == [found["unknown-subject"]]
    assert set(listed("?pupil=1001")) == {found["open-access"], found["bsn-outside-administration"]}
    assert listed("?place=Archief") == [found["retention-expired"]]
    assert listed("?q=bsn+buiten") == [found["bsn-outside-administration"]]
    assert set(listed("?status=action")) == {found["open-access"], found["unknown-subject"]}  # open + expired
    assert listed("?sort=pupil")[-1] == found["unknown-subject"]  # no pupil last
    assert listed("?sort=priority")[0] == found["open-access"]  # the possible breach first
    assert listed("?rule=%3Cscript%3E") == []
    for kind, key in (("leerling", "1004"), ("plek", "share/Archief"), ("regel", "open-access"), ("school", "-")):
        assert key in client.get(f"/per/{kind}").text
    assert client.get("/per/wachtwoorden").status_code == 404
    home = client.get("/").text
    assert "Mogelijk datalek" in home and "uur" in home
    assert "mogelijk datalek, bijzondere gegevens, BSN" in home  # why first, in words
    history = client.get("/verloop").text
    assert "Opgelost sinds de vorige audit (1)" in history and "consent-missing" in history


def test_triage_file_round_trip_and_the_next_scan(out: Path, tmp_path: Path) -> None:
    client, csrf = logged_in(out)
    found = ids(out)
    client.post(f"/overtreding/{found['open-access']}/besluit", headers=ORIGIN, data={
        "csrf_token": csrf, "kind": "accepted", "reason": "Afgeschermd na de vakantie", "owner": "FG",
        "expires": "2027-03-01"})
    client.post(f"/overtreding/{found['unknown-subject']}/besluit", headers=ORIGIN,
                data={"csrf_token": csrf, "kind": "handled", "action": "Naam verwijderd"})
    client.post(f"/overtreding/{found['unknown-subject']}/toewijzing", headers=ORIGIN,
                data={"csrf_token": csrf, "to": "IB", "due": "2027-01-05"})
    exported = client.get("/triage/export")
    assert exported.headers["Content-Disposition"] == "attachment; filename=triage.yaml"
    path = tmp_path / "triage.yaml"
    path.write_bytes(exported.data)
    triage = load_triage(path)  # the `--triage` format
    assert triage.accepted[found["open-access"]].reason == "Afgeschermd na de vakantie"
    assert triage.accepted[found["retention-expired"]].owner == "J. Jansen (directeur)"  # from the scan's file
    assert found["bsn-outside-administration"] in triage.false_positives
    assert triage.handled[found["unknown-subject"]].action == "Naam verwijderd"
    assert triage.assigned[found["unknown-subject"]].to == "IB"
    assert triage.accepted[found["open-access"]].decided_by == "fg"

    # imported into a fresh output folder, the file gives the same decisions
    fresh = tmp_path / "elders"
    report = sample_report()
    with ReviewSession.open(fresh).applied(report):
        write_all(report, fresh, ["json"])
    with StateStore.open(fresh) as store:
        add_user(store, "fg", PASSWORD)
    other, csrf2 = logged_in(fresh)
    resp = other.post("/triage/import", headers=ORIGIN, content_type="multipart/form-data",
                      data={"csrf_token": csrf2, "file": (io.BytesIO(exported.data), "triage.yaml")})
    assert resp.status_code == 303
    assert "5 besluit(en) ingelezen" in other.get("/triage").text
    assert other.get("/triage/export").data.split(b"\n", 2)[2].count(b"- id:") == \
        exported.data.split(b"\n", 2)[2].count(b"- id:")
    bad = other.post("/triage/import", headers=ORIGIN, content_type="multipart/form-data",
                     data={"csrf_token": csrf2, "file": (io.BytesIO(b"accepted:\n  - {id: 12}\n"), "fout.yaml")})
    assert bad.status_code == 303 and "fout.yaml: accepted[0]" in other.get("/triage").text

    # the next scan into the first folder reads the stored decisions, without any triage file
    again = sample_report()
    with ReviewSession.open(out).applied(again) as reviewed:
        status = {v.rule: v for v in reviewed.violations}
    assert status["open-access"].status == ACCEPTED and status["open-access"].decided[0] == "fg"
    assert status["unknown-subject"].status == OPEN and status["unknown-subject"].handled is not None
    assert status["unknown-subject"].assigned.to == "IB"  # type: ignore[union-attr]
    assert status["bsn-outside-administration"].status == OPEN  # the old file is not passed again
    [row] = [r for r in violation_rows(again) if r.rule == "unknown-subject"]
    assert row.decision.startswith("afgehandeld (fg, ") and row.decision.endswith(
        ": Naam verwijderd — nog gevonden; toegewezen aan IB, uiterlijk 2027-01-05")
    dashboard = write_all(again, tmp_path / "html", ["html"])[0].read_text(encoding="utf-8")
    assert "Naam verwijderd — nog gevonden; toegewezen aan IB" in dashboard
    console = Console(record=True, width=200)
    print_summary(again, [], console=console)
    assert f"Besluiten uit de werkplek (avgscan serve) voor 2 overtreding(en); afgehandeld maar nog gevonden: 1. " \
           f"[{found['unknown-subject']}]" in console.export_text()
    # a stored decision wins over the triage file for the same violation
    with ReviewSession.open(out, path).applied(sample_report()) as reviewed:
        assert reviewed.violations[0].status == ACCEPTED and reviewed.violations[1].status == FALSE_POSITIVE


def test_triage_file_keeps_reading_old_files_and_rejects_double_entries() -> None:
    old = parse_triage("accepted:\n  - {id: 0123456789abcdef, reason: x, owner: FG, expires: 2027-01-01}\n", "oud.yaml")
    assert old.handled == {} and old.assigned == {}
    with pytest.raises(Exception, match="meer dan één"):
        parse_triage("false_positives: [{id: 0123456789abcdef, reason: x}]\n"
                     "handled: [{id: 0123456789abcdef, action: y}]\n", "dubbel.yaml")


def test_values_only_with_a_reason_and_logged(out: Path, tmp_path: Path) -> None:
    client, csrf = logged_in(out)
    identity = ids(out)["open-access"]
    url = f"/overtreding/{identity}/waarde"
    no_reason = client.post(url, data={"csrf_token": csrf, "reason": ""}, headers=ORIGIN)
    assert no_reason.status_code == 303
    page = client.post(url, data={"csrf_token": csrf, "reason": "klacht van ouder"}, headers=ORIGIN).text
    assert "niet bewaard" in page and "111222333" not in page  # the scan kept no raw values
    # a scan with --show-values kept them: shown with the reason, and logged like --show-values
    raw = tmp_path / "ruw"
    report = sample_report()
    report.show_values = True
    with ReviewSession.open(raw).applied(report):
        write_all(report, raw, ["json"])
    with StateStore.open(raw) as store:
        add_user(store, "fg", PASSWORD)
    client, csrf = logged_in(raw)
    identity = ids(raw)["open-access"]
    assert "111222333" not in client.get(f"/overtreding/{identity}").text
    page = client.post(f"/overtreding/{identity}/waarde", data={"csrf_token": csrf, "reason": "klacht van ouder"},
                       headers=ORIGIN).text
    assert "111222333" in page and "vastgelegd" in page
    with StateStore.open(raw) as store:
        [entry] = store.value_accesses()
    assert entry["user"] == "fg" and identity in entry["command"] and "klacht van ouder" in entry["command"]


def test_sign_off_stores_the_statement_and_gives_a_signed_pdf(out: Path) -> None:
    client, csrf = logged_in(out)
    short = client.post("/afronden", data={"csrf_token": csrf, "statement": "ok"}, headers=ORIGIN)
    assert short.status_code == 303 and "minstens 10 tekens" in client.get("/afronden").text
    client.post("/afronden", data={"csrf_token": csrf, "statement": "Besproken met het bestuur op 4 december."},
                headers=ORIGIN)
    with StateStore.open(out) as store:
        [signed] = decisions.signoffs_of(store)
        audit_id = store.audits()[-1].id
    assert signed.signed_by == "fg" and signed.audit_id == audit_id and len(signed.report_sha256) == 64
    pdf = client.get(f"/afronden/{signed.id}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Besproken met het bestuur" in text and "Afgetekend door fg" in text and signed.report_sha256 in text
    assert client.get("/afronden/999.pdf").status_code == 404
    assert "afgetekend door fg" in client.get("/").text


def test_nothing_outside_the_output_folder_is_served(out: Path, tmp_path: Path) -> None:
    client, _ = logged_in(out)
    assert client.get("/bestanden/report.json").status_code == 200
    (tmp_path / "geheim.txt").write_text("geheim", encoding="utf-8")
    for url in ("/bestanden/../geheim.txt", "/bestanden/..%2F..%2Fgeheim.txt", "/bestanden/%2e%2e/geheim.txt",
                "/bestanden/avgscan-state.key", "/bestanden/avgscan-state.sqlite", "/bestanden//etc/passwd",
                "/static/../app.py", "/static/..%2Fapp.py", "/overtreding/..%2F..%2Fetc"):
        resp = client.get(url, follow_redirects=True)  # '//' is merged into one '/' first
        assert resp.status_code == 404, url
        assert b"geheim" not in resp.data and b"root:" not in resp.data
    (out / "report.json").unlink()
    (out / "report.json").symlink_to(tmp_path / "geheim.txt")
    assert client.get("/bestanden/report.json").status_code == 404


def test_pages_forbid_remote_assets_and_framing(out: Path) -> None:
    client, _ = logged_in(out)
    resp = client.get("/")
    assert "default-src 'self'" in resp.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Frame-Options"] == "DENY" and resp.headers["Cache-Control"] == "no-store"
    assert not re.search(r'(src|href)="(https?:)?//', resp.text)
    cookie = client.get_cookie("avgscan_werkplek")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Strict"


def test_binding_beyond_loopback_needs_tls(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    assert tls_context("127.0.0.1", None, None) is None
    with pytest.raises(ServeError, match="alleen met TLS: geef --cert"):
        tls_context("0.0.0.0", None, None)
    with pytest.raises(ServeError, match="allebei"):
        tls_context("0.0.0.0", "cert.pem", None)
    with pytest.raises(ServeError, match="kan certificaat"):
        tls_context("0.0.0.0", str(out / "geen.pem"), str(out / "geen.key"))
    assert main(["serve", "--out", str(out), "--host", "0.0.0.0", "--port", "0"]) == 2
    assert "alleen met TLS" in capsys.readouterr().err
    assert main(["serve", "--out", str(out / "nergens")]) == 2
    assert "geen avgscan-uitvoermap" in capsys.readouterr().err


def _self_signed(folder: Path) -> tuple[str, str]:
    """A certificate for 127.0.0.1 and its key (cryptography is installed with smbprotocol)."""
    import ipaddress
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "avgscan test")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


def test_with_a_certificate_it_speaks_tls_only(out: Path, tmp_path: Path) -> None:
    import http.client
    import ssl
    import threading
    import urllib.request

    from reports.workspace.server import Server

    cert, key = _self_signed(tmp_path)
    server = Server(create_app(out, tls=True), "127.0.0.1", 0, tls_context("0.0.0.0", cert, key))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        assert server.url.startswith("https://127.0.0.1:")
        trusted = ssl.create_default_context(cafile=cert)
        with urllib.request.urlopen(server.url + "inloggen", context=trusted, timeout=10) as resp:  # noqa: S310
            assert resp.status == 200 and "Inloggen" in resp.read().decode()
            cookie = resp.headers["Set-Cookie"]
            assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
            assert "max-age" in resp.headers["Strict-Transport-Security"]
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        plain = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        with pytest.raises((http.client.HTTPException, OSError)):
            plain.request("GET", "/inloggen")
            plain.getresponse()  # plain HTTP gets no page: the TLS handshake fails and the connection closes
    finally:
        server.close()
        thread.join(10)


def test_closing_the_server_ends_its_loop_quietly(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing from another thread can make waitress's select raise a bad file descriptor in the serving thread
    (seen once in a suite run as an unhandled thread exception): after `close` that is the loop's end; before it,
    an error like that still shows."""
    import errno

    from reports.workspace.server import Server

    server = Server(create_app(out), "127.0.0.1", 0, None)

    def bad_descriptor() -> None:
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(server.waitress, "run", bad_descriptor)
    with pytest.raises(OSError):
        server.run()
    server.close()
    server.run()  # no exception once closed


@pytest.mark.parametrize(("mark_at", "shown"), [("2026-12-06T10:00:00+00:00", "handled-still-found"),
                                                ("", "handled"), ("2026-12-01T09:00:00+00:00", "handled")])
def test_handled_waits_for_the_next_scan_whatever_the_clock_says(mark_at: str, shown: str) -> None:
    """A report whose scan already applied this very handled mark found the violation again; any other
    report (no mark, or an older mark) came before the decision. Decided by the mark, not by seconds."""
    from reports.workspace.audit import build

    decision = decisions.Decision("a" * 16, decisions.HANDLED, "fg", "2026-12-06T10:00:00+00:00", "Map opgeruimd")
    v = {"id": "a" * 16, "rule": "open-access", "severity": "hoog", "source": "s", "path": "p",
         "generated_at": "2026-12-06T10:00:00+00:00"}
    if mark_at:
        v["handled"] = {"action": "Map opgeruimd", "by": "fg", "at": mark_at}
    data = {"generated_at": "2026-12-06T10:00:00+00:00", "settings": {"as_of": "2026-12-06"}, "violations": [v]}
    [row] = build(Path("."), data, "", {"a" * 16: decisions.Current(status=decision)}).rows
    assert row.status == shown
