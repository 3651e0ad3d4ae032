"""Windows file shares over SMB2/3 (`smb://host[:port]/share[/folder]`) through smbprotocol.

Reads only: files are opened for reading with full share access (others can keep working on them)
and nothing is ever set. Each file's security descriptor is read so that read access for Everyone,
Authenticated Users or Domain Users shows up in Item.access.acl, which the open-access rule checks;
the share root's descriptor is kept in `root_access`. Credentials: see `smb_credentials` below.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from typing import Literal
from urllib.parse import unquote, urlsplit

import smbclient
from pydantic import Field, field_validator
from smbclient._io import SMBFileTransaction, SMBRawIO
from smbprotocol.exceptions import SMBException, SMBOSError, SMBResponseException
from smbprotocol.file_info import InfoType
from smbprotocol.open import SMB2QueryInfoRequest, SMB2QueryInfoResponse

from connectors import credentials
from connectors.base import FileSourceSettings
from connectors.filetree import MAX_DEPTH, Entry, FileTreeSource, too_deep
from connectors.smb_security import Security, access_of, parse_security_descriptor
from scanner.kernel.errors import Unreadable
from scanner.kernel.messages import say
from scanner.kernel.model import Access
from scanner.kernel.redact import safe_url, url_password_keys

READ_CONTROL = 0x00020000
OWNER_GROUP_DACL = 0x1 | 0x2 | 0x4  # OWNER_, GROUP_, DACL_SECURITY_INFORMATION
FILE_ATTRIBUTE_DIRECTORY = 0x10
FILE_ATTRIBUTE_REPARSE_POINT = 0x400
CONNECT_TIMEOUT_S = 30
ERRORS = (SMBException, SMBOSError, SMBResponseException, OSError, ValueError)


class Config(FileSourceSettings):
    """A Windows share: `url: smb://[user@]server[:port]/share/folder` (no password: see smb_credentials)."""

    type: Literal["smb"] = "smb"
    url: str | None = Field(default=None, validate_default=True)

    @field_validator("url")
    @classmethod
    def _smb_url(cls, url: str | None) -> str | None:
        if not (url or "").startswith("smb://"):
            raise ValueError(say("een smb-bron heeft een URL als smb://server/share/map nodig",
                                 "an smb source needs a URL like smb://server/share/folder"))
        return url


def open_source(cfg: Config) -> SmbSource:
    return SmbSource(cfg)


def smb_credentials(host: str, url_user: str | None) -> tuple[str | None, str | None]:
    """User and password for `host`. Lookup order:
      1. AVGSCAN_SMB_USER / AVGSCAN_SMB_PASSWORD (and AVGSCAN_SMB_DOMAIN) environment variables;
      2. the OS keyring, service `avgscan:smb:<host>`, user name as above
         (`keyring set avgscan:smb:fileserver jan`), when the `keyring` package is installed.
    Without a password the connection is attempted with Kerberos/the current login, if available."""
    user = os.environ.get("AVGSCAN_SMB_USER") or url_user
    domain = os.environ.get("AVGSCAN_SMB_DOMAIN")
    if user and domain and "\\" not in user and "@" not in user:
        user = f"{domain}\\{user}"
    return user, credentials.env_or_keyring("AVGSCAN_SMB_PASSWORD", f"avgscan:smb:{host}", user)


def parse_url(url: str) -> tuple[str, int, str, str, str | None]:
    """host, port, share, folder (backslashes) and user from `smb://[user@]host[:port]/share/folder`."""
    if url_password_keys(url):  # checked before parsing: a malformed URL is echoed below
        raise Unreadable("een wachtwoord hoort niet in het configuratiebestand; gebruik AVGSCAN_SMB_PASSWORD "
                         "of de sleutelbos (keyring)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a port that is not a number raises here)
    except ValueError:
        raise Unreadable(f"geen geldig SMB-adres: {safe_url(url)!r} (verwacht smb://server/share/map)") from None
    if parts.scheme.lower() != "smb" or not parts.hostname:
        raise Unreadable(f"geen geldig SMB-adres: {safe_url(url)!r} (verwacht smb://server/share/map)")
    if parts.password:
        raise Unreadable("een wachtwoord hoort niet in het configuratiebestand; gebruik AVGSCAN_SMB_PASSWORD "
                         "of de sleutelbos (keyring)")
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not segments:
        raise Unreadable(f"SMB-adres zonder share: {safe_url(url)!r}")
    return (parts.hostname, parts.port or 445, segments[0], "\\".join(segments[1:]),
            unquote(parts.username) if parts.username else None)


def _reason(err: BaseException) -> str:
    from scanner.kernel.redact import safe_text

    return safe_text(str(err), 160) or type(err).__name__


class SmbSource(FileTreeSource):
    def __init__(self, cfg: Config) -> None:
        super().__init__(cfg)
        url = cfg.url or ""
        self.host, self.port, self.share, self.folder, url_user = parse_url(url)
        self.user, self._password = smb_credentials(self.host, url_user)
        self._cache_conn: dict = {}
        self.root_access: Access | None = None
        self._connected = False

    # -- connection ---------------------------------------------------------------------------
    def _kwargs(self) -> dict:
        return {"port": self.port, "connection_cache": self._cache_conn}

    def _connect(self) -> None:
        if self._connected:
            return
        try:
            smbclient.register_session(self.host, username=self.user, password=self._password, port=self.port,
                                       connection_timeout=CONNECT_TIMEOUT_S, connection_cache=self._cache_conn)
        except ERRORS as err:
            raise Unreadable(f"SMB-server {self.host}:{self.port} niet bereikbaar of aanmelden mislukt: "
                             f"{_reason(err)}") from None
        self._connected = True

    def _unc(self, rel: str = "") -> str:
        inner = "\\".join(p for p in (self.folder, rel.replace("/", "\\")) if p)
        return f"\\\\{self.host}\\{self.share}" + (f"\\{inner}" if inner else "")

    # -- security -----------------------------------------------------------------------------
    def security(self, rel: str = "") -> Security:
        """The file's (or folder's) owner, group and readers from its security descriptor."""
        raw = SMBRawIO(self._unc(rel), mode="r", share_access="rwd", desired_access=READ_CONTROL,
                       **self._kwargs())
        request = SMB2QueryInfoRequest()
        request["info_type"] = InfoType.SMB2_0_INFO_SECURITY
        request["file_info_class"] = 0
        request["additional_information"] = OWNER_GROUP_DACL
        request["output_buffer_length"] = 65536

        def receive(req: object) -> bytes:
            response = raw.fd.connection.receive(req)
            info = SMB2QueryInfoResponse()
            info.unpack(response["data"].get_value())
            return info["buffer"].get_value()

        with SMBFileTransaction(raw) as transaction:
            request["file_id"] = raw.fd.file_id
            transaction += (request, receive)
        return parse_security_descriptor(transaction.results[0])

    def _access(self, rel: str) -> Access:
        try:
            sec = self.security(rel)
        except ERRORS:
            return Access()
        return access_of(sec)

    # -- walking ------------------------------------------------------------------------------
    def _entries(self) -> Iterator[Entry]:
        self._connect()
        try:
            sec = self.security("")
            self.root_access = access_of(sec)
        except ERRORS as err:
            raise Unreadable(f"share {self._unc()} kan niet worden geopend: {_reason(err)}") from None
        yield from self._walk("")

    def _list(self, rel_folder: str) -> list:
        return sorted(smbclient.scandir(self._unc(rel_folder), **self._kwargs()), key=lambda e: e.name)

    def _walk(self, rel_folder: str) -> Iterator[Entry]:
        """Depth first in name order, with an explicit stack: a share nested deeper than Python's
        recursion limit is walked to MAX_DEPTH and the deeper folder is reported, not a crash."""
        try:
            stack = [(rel_folder, iter(self._list(rel_folder)))]
        except ERRORS as err:
            yield Entry(rel=rel_folder or ".", kind="error", is_folder=True,
                        reason=f"map kan niet worden gelezen: {_reason(err)}")
            return
        while stack:
            folder, entries = stack[-1]
            entry = next(entries, None)
            if entry is None:
                stack.pop()
                continue
            rel = f"{folder}/{entry.name}" if folder else entry.name
            info = entry.smb_info
            modified = _naive(info.last_write_time)
            if info.file_attributes & FILE_ATTRIBUTE_REPARSE_POINT:
                yield Entry(rel=rel, kind="link", modified=modified,
                            reason="koppeling (reparse point/symbolische link; wordt niet gevolgd)")
            elif info.file_attributes & FILE_ATTRIBUTE_DIRECTORY:
                if self.excluded_folder(rel):
                    self.counts["uitgesloten_mappen"] += 1
                    continue
                if len(stack) > MAX_DEPTH:
                    yield too_deep(rel)
                    continue
                try:
                    stack.append((rel, iter(self._list(rel))))
                except ERRORS as err:
                    yield Entry(rel=rel, kind="error", is_folder=True,
                                reason=f"map kan niet worden gelezen: {_reason(err)}")
            else:
                yield Entry(rel=rel, kind="file", size=int(info.end_of_file), modified=modified,
                            access=self._access(rel))

    def _fetch(self, rel: str) -> bytes:
        self._connect()
        limit = self.limits.max_member_bytes
        try:
            with smbclient.open_file(self._unc(rel), mode="rb", share_access="rwd", **self._kwargs()) as f:
                data = f.read(limit + 1)
        except ERRORS as err:
            raise Unreadable(f"kan niet worden gelezen: {_reason(err)}") from None
        if len(data) > limit:
            raise Unreadable(f"te groot (meer dan {limit // 1048576} MB)")
        return data

    def close(self) -> None:
        super().close()
        if self._connected:
            try:
                smbclient.reset_connection_cache(fail_on_error=False, connection_cache=self._cache_conn)
            except ERRORS:
                pass
            self._connected = False


def _naive(value: datetime | None) -> datetime | None:
    """Local naive time, like the filesystem source (SMB gives UTC-aware times)."""
    if value is None:
        return None
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


__all__ = ["Config", "SmbSource", "open_source", "parse_url", "smb_credentials"]
