"""What both cloud stand-ins share: an HTTPS server in a thread, a throwaway CA, counting and throttling.

The real client libraries (msal, requests, google-api-python-client/httplib2) refuse plain HTTP for
token endpoints or expect TLS, so the stand-ins speak HTTPS with a certificate for 127.0.0.1 signed by
a CA made for the test session; the connectors trust it through their `ca_file` setting (the same
setting a school behind a TLS-inspecting proxy uses). Every request is counted by kind, so a test can
say how many downloads a rescan cost, and every n-th API call can be answered with a throttle.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


@dataclass
class Tls:
    """A CA (its PEM file is what clients trust) and a server certificate for 127.0.0.1 and localhost."""

    ca_file: Path
    cert_file: Path
    key_file: Path


_TLS: list[Tls] = []


def test_tls() -> Tls:
    """One CA and server certificate per test process (RSA key generation is the slow part)."""
    if _TLS:
        return _TLS[0]
    folder = Path(tempfile.mkdtemp(prefix="avgscan-standin-tls-"))
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "avgscan test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    tls = Tls(folder / "ca.pem", folder / "server.pem", folder / "server.key")
    tls.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    tls.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    tls.key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    _TLS.append(tls)
    return tls


@dataclass
class Request:
    method: str
    path: str  # without the query
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"{}")

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] | None = None

    @classmethod
    def of_json(cls, data: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        return cls(status, json.dumps(data).encode(), {"Content-Type": "application/json", **(headers or {})})


Handler = Callable[[Request], Response]


class StandIn:
    """An HTTPS server in a daemon thread; subclasses answer in `handle`.

    `counts` tallies requests by the kind `handle` names (`self.count("download")`); `throttle_every`
    answers every n-th API call (token and download requests excluded unless the subclass says
    otherwise) with `throttled()` instead.
    """

    def __init__(self) -> None:
        self.tls = test_tls()
        self.counts: Counter[str] = Counter()
        self.throttle_every = 0
        self._calls = 0
        self._lock = threading.Lock()
        stand_in = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms ACK wait

            def log_message(self, *_args: object) -> None:  # quiet
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                request = Request(self.command, parts.path, query, {k.lower(): v for k, v in self.headers.items()},
                                  body)
                try:
                    response = stand_in.dispatch(request)
                except Exception as err:  # a stand-in bug must show in the test, not hang it
                    response = Response.of_json({"error": {"code": "standInError", "message": repr(err)}}, 500)
                self.send_response(response.status)
                for key, value in (response.headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(response.body)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.tls.cert_file, self.tls.key_file)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.base = f"https://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, name=type(self).__name__, daemon=True)

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def start(self) -> StandIn:
        self._thread.start()
        return self

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, kind: str) -> None:
        with self._lock:
            self.counts[kind] += 1

    def should_throttle(self) -> bool:
        """True for every n-th API call when throttling is on."""
        if not self.throttle_every:
            return False
        with self._lock:
            self._calls += 1
            return self._calls % self.throttle_every == 0

    def dispatch(self, request: Request) -> Response:
        return self.handle(request)

    def handle(self, request: Request) -> Response:
        raise NotImplementedError
