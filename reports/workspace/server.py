"""Start the workspace: waitress on loopback, or behind a TLS layer when it listens on the network.

Waitress (pure Python, a production WSGI server) does not speak TLS itself. Bound to loopback it
serves HTTP directly: nothing leaves the machine. Bound to any other address it must have a
certificate and key: the workspace then listens with Python's own ssl module (TLS 1.2 or newer) and
hands the decrypted bytes to waitress over a Unix socket in a private temporary folder, so plain
HTTP is never reachable over the network. Without --cert/--key a non-loopback address is refused.
"""

from __future__ import annotations

import contextlib
import ipaddress
import select
import shutil
import socket
import ssl
import tempfile
import threading
from pathlib import Path
from typing import Any

from waitress.server import create_server

from scanner.kernel.errors import AvgscanError
from scanner.kernel.messages import say

THREADS = 4
IDLE_SECONDS = 300


class ServeError(AvgscanError):
    """The workspace cannot start; the message says why and what to do, in Dutch first."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tls_context(host: str, cert: str | None, key: str | None) -> ssl.SSLContext | None:
    """None for plain HTTP on loopback; a server context from --cert/--key; ServeError otherwise."""
    if bool(cert) != bool(key):
        raise ServeError(say("geef --cert en --key allebei op (het certificaat en de bijbehorende sleutel)",
                             "give both --cert and --key (the certificate and its key)"))
    if not cert:
        if not is_loopback(host):
            raise ServeError(say(
                f"--host {host} is bereikbaar vanaf andere computers; de werkplek toont persoonsgegevens van "
                "leerlingen en start daar alleen met TLS: geef --cert CERTIFICAAT.pem --key SLEUTEL.pem op, of "
                "laat --host weg (alleen deze computer, 127.0.0.1)",
                f"--host {host} can be reached from other computers; the workspace shows pupils' personal data and "
                "starts there only with TLS: give --cert CERT.pem --key KEY.pem, or leave out --host (this computer "
                "only, 127.0.0.1)"))
        return None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        ctx.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as err:
        raise ServeError(say(f"kan certificaat {cert} met sleutel {key} niet laden ({err})",
                             f"cannot load certificate {cert} with key {key} ({err})")) from None
    return ctx


class Server:
    """A running workspace (waitress, maybe behind TLS); `url` is where a browser finds it."""

    def __init__(self, app: Any, host: str, port: int, tls: ssl.SSLContext | None) -> None:
        self.tls, self._tmp, self._listener = tls, None, None
        self._closed = False
        if tls is None:
            self.waitress = create_server(app, host=host, port=port, threads=THREADS, ident="avgscan")
            bound = self.waitress.effective_port
        else:
            self._tmp = Path(tempfile.mkdtemp(prefix="avgscan-werkplek-"))  # 0700
            backend = self._tmp / "waitress.sock"
            self.waitress = create_server(app, unix_socket=str(backend), unix_socket_perms="600", threads=THREADS,
                                          url_scheme="https", ident="avgscan")
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            self._listener = socket.create_server((host.strip("[]"), port), family=family)
            self._backend = backend
            bound = self._listener.getsockname()[1]
            threading.Thread(target=self._accept, name="avgscan-tls", daemon=True).start()
        shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
        self.url = f"{'https' if tls else 'http'}://{shown}:{bound}/"

    def run(self) -> None:
        """Serve until `close`. Closing from another thread pulls the sockets from under waitress's select, which
        then raises in this thread (a bad file descriptor); after a close that is the normal end, not an error."""
        try:
            self.waitress.run()
        except (OSError, ValueError):
            if not self._closed:
                raise

    def close(self) -> None:
        self._closed = True
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.close()
        self.waitress.close()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                raw, _ = self._listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._relay, args=(raw,), daemon=True).start()

    def _relay(self, raw: socket.socket) -> None:
        """One TLS connection: decrypt, pass to waitress, encrypt the answer; ends on either side's close."""
        assert self.tls is not None
        raw.settimeout(30)
        try:
            conn = self.tls.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            raw.close()
            return
        back = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            back.connect(str(self._backend))
            while True:
                ready = [conn] if conn.pending() else select.select([conn, back], [], [], IDLE_SECONDS)[0]
                if not ready:
                    return
                for side in ready:
                    data = side.recv(65536)
                    if not data:
                        return
                    (back if side is conn else conn).sendall(data)
        except (OSError, ssl.SSLError):
            return
        finally:
            back.close()
            with contextlib.suppress(OSError):
                conn.close()


__all__ = ["Server", "ServeError", "is_loopback", "tls_context"]
