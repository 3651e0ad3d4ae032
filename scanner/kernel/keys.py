"""Keyed hashes of identifying values, so that linking and the cache never need raw values.

Linking compares a finding's key with the keys of the register (names in every written form, BSN,
onderwijsnummer, leerlingnummer, birth date). The same keys are stored in the incremental cache, so
a rescan can re-link unchanged documents after the register changed, without reading them again
and without keeping a raw value anywhere. HMAC-SHA256 under the state store's secret key: a plain
hash of a BSN could be reversed by trying all 10^9 numbers.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from scanner.kernel.dates import parse_date
from scanner.kernel.errors import AvgscanError
from scanner.kernel.text import fold

MEMO_SIZE = 100_000


class Keyer:
    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)
        self._memo: dict[str, str] = {}

    def of(self, kind: str, text: str) -> str:
        """Memoised: a table repeats its pupils' numbers and names on every row."""
        message = f"{kind}:{text}"
        digest = self._memo.get(message)
        if digest is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            digest = self._memo[message] = hmac.new(self._key, message.encode(), hashlib.sha256).hexdigest()[:24]
        return digest

    def __getstate__(self) -> dict[str, object]:
        """A worker gets the key, not the memo (which holds raw values)."""
        return {"_key": self._key, "_memo": {}}

    def name(self, text: str) -> str:
        return self.of("name", fold(text.replace(",", " , ")).replace(" , ", ", "))

    def digits(self, text: str) -> str:
        return self.of("id", "".join(c for c in text if c.isdigit()).zfill(9))

    def number(self, text: str) -> str:
        return self.of("nr", text.strip())

    def date(self, text: object) -> str | None:
        day = parse_date(text)
        return self.of("date", day.isoformat()) if day else None


# -- the organisation's identity key ---------------------------------------------------------------
# Violation IDs in the reports are keyed hashes; the FG copies them into the triage file. Keyed per
# output folder they matched nothing in another --out, so they are keyed per organisation instead.

ORG_KEY_ENV = "AVGSCAN_ORG_KEY"  # a secret text (e.g. from the board's password manager)
ORG_KEY_FILE = "organisatie.key"
ORG_KEY_BYTES = 32


class OrganisationKeyError(AvgscanError):
    """The organisation key file exists but is not an avgscan key."""


def default_key_file() -> Path:
    """Outside the program and the output folders, so a reinstall or a new --out keeps it."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "avgscan" / ORG_KEY_FILE


def organisation_key(key_file: Path | None = None) -> tuple[bytes, str]:
    """(key, where it comes from). AVGSCAN_ORG_KEY wins (the same secret on every machine gives the same
    IDs); else the key file (`organisation.key_file` in the config, or the default), created on first use."""
    secret = os.environ.get(ORG_KEY_ENV)
    if secret:
        return hashlib.sha256(b"avgscan-organisation-key\x00" + secret.encode("utf-8")).digest(), f"${ORG_KEY_ENV}"
    path = key_file or default_key_file()
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        return _create_key(path), str(path)
    if len(key) != ORG_KEY_BYTES:
        raise OrganisationKeyError(f"{path}: geen avgscan-organisatiesleutel ({len(key)} bytes in plaats van "
                                   f"{ORG_KEY_BYTES})")
    return key, str(path)


def _create_key(path: Path) -> bytes:
    """A new key, written whole before it appears under its name (a temporary file, fsync, then a hard
    link): a scan starting at the same moment reads the complete key or makes the link itself, never
    an empty file. The link fails when another scan was first; then its key is the key."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(ORG_KEY_BYTES)
    fd, tmp = tempfile.mkstemp(prefix=".organisatie-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp creates it 0600
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(tmp, path)
    except FileExistsError:
        return path.read_bytes()
    finally:
        os.unlink(tmp)
    return key


def violation_identity(key: bytes, *parts: str) -> str:
    """HMAC-SHA256(key, 'rule|source|path|leerlingnummer'), 16 hex digits: short enough to copy, and
    without the key nobody who only has a report can reverse or recompute it."""
    return hmac.new(key, "|".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()[:16]
