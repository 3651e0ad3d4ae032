"""Google Drive (My Drives and shared drives of a Google Workspace) through the Drive API v3, read only.

A service account with domain-wide delegation acts as each user in turn, with the read-only scope
`drive.readonly` (and `admin.directory.user.readonly` to list the users when `users: all`); its key
(the JSON file a Google admin downloads) comes from `AVGSCAN_GDRIVE_KEY` (the JSON itself or the
path of the file) or the OS keyring (service `avgscan:gdrive:<domain>`, user the admin address),
never from the config file. With read-only scopes the API cannot change a file, and a download or
export does not change what Drive shows as modified.

A user's files are listed with `files.list` (`'<user>' in owners`, `nextPageToken` paging), a shared
drive's with `corpora=drive`; an item's path is `Mijn Drive/<user>/<folders>/<file>` or
`Gedeelde drive/<drive>/<folders>/<file>`. Google Docs, Sheets and Slides are exported to docx, xlsx
and pptx (their paths get that suffix) and read by the same extractors as uploaded Office files.
The fingerprint for the cache is the file's md5Checksum (a Google Doc's modifiedTime), so a rescan
downloads nothing unchanged. Permissions map with `connectors.cloud`: `anyone` is anyone with the
link (`everyone` when the file can be found by searching), `domain` is the organisation (another
domain: an external party), users and groups of other domains are external parties.

`rateLimitExceeded` / `userRateLimitExceeded` (403 or 429) and 5xx answers are retried with
exponential backoff; an expired token is refreshed by google-auth; a file that is gone between the
listing and the download is reported unreadable with the reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import Field, model_validator

from connectors import credentials
from connectors.base import FileSourceSettings
from connectors.cloud import Backoff, Parties, Sharing, clean_name, local_time
from connectors.drive_api import Drive, reason_of
from connectors.filetree import Entry, FileTreeSource
from scanner.kernel.errors import Unreadable
from scanner.kernel.messages import say
from scanner.kernel.model import Item

KEY_ENV = "AVGSCAN_GDRIVE_KEY"
FOLDER = "application/vnd.google-apps.folder"
SHORTCUT = "application/vnd.google-apps.shortcut"
# Google's own formats and the Office format each is exported to (Drive's export MIME types).
EXPORTS = {
    "application/vnd.google-apps.document": (
        ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "application/vnd.google-apps.spreadsheet": (
        ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "application/vnd.google-apps.presentation": (
        ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
MY_DRIVE = "Mijn Drive"
OUTSIDE = "(in een map van een ander)"  # where a user's own file in another's folder is listed
SHARED_DRIVE = "Gedeelde drive"
FILE_FIELDS = ("nextPageToken, files(id, name, mimeType, parents, size, modifiedTime, md5Checksum, trashed, "
               "driveId, shared, permissions(id, type, role, emailAddress, domain, allowFileDiscovery))")


class Config(FileSourceSettings):
    """A `type: gdrive` source (see README, "Microsoft 365 en Google Drive")."""

    type: Literal["gdrive"] = "gdrive"
    domain: str  # the Workspace's primary domain
    admin: str  # an administrator the service account acts as to list users and shared drives
    scope: Literal["all", "users", "shared_drives"] | None = None
    users: list[str] = Field(default_factory=list)  # only these users' My Drives
    shared_drives: list[str] = Field(default_factory=list)  # only these shared drives (by name)
    own_domains: list[str] = Field(default_factory=list)  # besides `domain`: the board's other mail domains
    external_parties: dict[str, str] = Field(default_factory=dict)  # mail domain -> party
    api_url: str = "https://www.googleapis.com/drive/v3/"
    directory_url: str = "https://admin.googleapis.com/"
    token_url: str | None = None  # default: the token_uri in the service account key
    ca_file: str | None = None
    concurrency: int = Field(default=4, ge=1, le=16)
    max_tries: int = Field(default=8, ge=1, le=30)

    def anchor(self, resolve: Callable[[str], Path]) -> None:
        """The CA bundle is relative to the config file."""
        self.ca_file = str(resolve(self.ca_file)) if self.ca_file else None

    @model_validator(mode="after")
    def _something_to_scan(self) -> Config:
        if not (self.scope or self.users or self.shared_drives):
            raise ValueError(say("geef aan wat gescand wordt: scope (all, users of shared_drives) of "
                                 "users/shared_drives met namen", "say what to scan: scope (all, users or "
                                 "shared_drives) or named users/shared_drives"))
        return self


@dataclass
class Listed:
    """A file as listed: where it is, how to fetch it, and its fingerprint."""

    id: str
    subject: str  # the user the request is made as
    mime: str
    tag: str


def _service_account(cfg: Config) -> dict[str, Any]:
    raw = credentials.env_or_keyring(KEY_ENV, f"avgscan:gdrive:{cfg.domain}", cfg.admin)
    if not raw:
        raise Unreadable(f"Google Drive: geen sleutel van het serviceaccount; zet de JSON (of het pad ernaar) in "
                         f"{KEY_ENV} of in de sleutelbos (keyring set avgscan:gdrive:{cfg.domain} {cfg.admin})")
    text = raw if raw.lstrip().startswith("{") else None
    if text is None:
        try:
            text = Path(raw).read_text(encoding="utf-8")
        except OSError as err:
            raise Unreadable(f"Google Drive: sleutelbestand {raw} is niet te lezen ({type(err).__name__})") from None
    try:
        info = json.loads(text)
    except ValueError:
        raise Unreadable("Google Drive: de sleutel van het serviceaccount is geen JSON") from None
    if info.get("type") != "service_account" or "private_key" not in info:
        raise Unreadable("Google Drive: de sleutel is geen sleutel van een serviceaccount (type service_account)")
    return info


def sharing_of(permissions: list[dict[str, Any]], parties: Parties) -> Sharing:
    """Drive permission resources -> the access vocabulary (connectors.cloud)."""
    out = Sharing()
    for p in permissions:
        if p.get("deleted"):
            continue
        kind = p.get("type")
        if kind == "anyone":
            out = out.merge(Sharing({"everyone" if p.get("allowFileDiscovery") else "anonymous_link"}))
        elif kind == "domain":
            out = out.merge(parties.domain(str(p.get("domain") or "")))
        elif kind in ("user", "group"):
            out = out.merge(parties.account(p.get("emailAddress"), p.get("displayName")))
    return out




class GDriveSource(FileTreeSource):
    """See the module docstring."""

    def __init__(self, cfg: Config, backoff: Backoff | None = None) -> None:
        super().__init__(cfg)  # type: ignore[arg-type]
        self.cfg: Config = cfg  # type: ignore[assignment]
        self.parties = Parties([cfg.domain, *cfg.own_domains], cfg.external_parties)
        self._backoff = backoff
        self._drive: Drive | None = None
        self._listed: dict[str, Listed] = {}  # path -> how to fetch it
        self._complete = False  # every drive in scope listed (a worker lists once to find its paths)
        self._permissions_wanted = True  # off while a worker only lists to find the files' ids

    @property
    def api(self) -> Drive:
        if self._drive is None:
            cfg = self.cfg
            self._drive = Drive(key=_service_account(cfg), token_url=cfg.token_url, api_url=cfg.api_url,
                                directory_url=cfg.directory_url, ca_file=cfg.ca_file,
                                backoff=self._backoff or Backoff(max_tries=cfg.max_tries))
        return self._drive

    # -- what is in scope ---------------------------------------------------------------------------
    def _users(self) -> list[str]:
        if self.cfg.scope in ("all", "users"):
            directory = self.api.service(self.cfg.admin, "admin").users()
            return sorted(u["primaryEmail"] for u in self.api.pages(
                directory.list, "users", "de gebruikerslijst", customer="my_customer", maxResults=500))
        return list(self.cfg.users)

    def _shared_drives(self) -> list[tuple[str, str]]:
        if not (self.cfg.scope in ("all", "shared_drives") or self.cfg.shared_drives):
            return []
        drives = self.api.service(self.cfg.admin).drives()
        found = [(d["id"], d["name"]) for d in self.api.pages(drives.list, "drives", "de gedeelde drives",
                                                              useDomainAdminAccess=True, pageSize=100)]
        if self.cfg.scope in ("all", "shared_drives"):
            return found
        wanted = {n.lower() for n in self.cfg.shared_drives}
        missing = wanted - {name.lower() for _, name in found}
        if missing:
            raise Unreadable(f"Google Drive: gedeelde drive {sorted(missing)[0]!r} niet gevonden")
        return [(i, n) for i, n in found if n.lower() in wanted]

    # -- walking -------------------------------------------------------------------------------------
    def _entries(self) -> Iterator[Entry]:
        from googleapiclient.errors import HttpError

        for user in self._users():
            try:
                yield from self._listing(f"{MY_DRIVE}/{clean_name(user)}", user, None)
            except (HttpError, Unreadable) as err:
                yield Entry(rel=f"{MY_DRIVE}/{clean_name(user)}", kind="error", is_folder=True,
                            reason=f"Drive van {user} kan niet worden gelezen: {_short(err)}")
        for drive_id, name in self._shared_drives():
            try:
                yield from self._listing(f"{SHARED_DRIVE}/{clean_name(name)}", self.cfg.admin, drive_id)
            except (HttpError, Unreadable) as err:
                yield Entry(rel=f"{SHARED_DRIVE}/{clean_name(name)}", kind="error", is_folder=True,
                            reason=f"gedeelde drive kan niet worden gelezen: {_short(err)}")
        self._complete = True

    def _listing(self, prefix: str, subject: str, drive_id: str | None) -> Iterator[Entry]:
        service = self.api.service(subject)
        if drive_id:
            files = list(self.api.pages(service.files().list, "files", f"lijst van {prefix}", corpora="drive",
                                        driveId=drive_id, includeItemsFromAllDrives=True, supportsAllDrives=True,
                                        q="trashed = false", pageSize=1000, fields=FILE_FIELDS))
            root = drive_id
        else:
            files = list(self.api.pages(service.files().list, "files", f"lijst van {prefix}",
                                        q=f"'{_quoted(subject)}' in owners and trashed = false", corpora="user",
                                        pageSize=1000, fields=FILE_FIELDS))
            root = self.api.call(service.files().get(fileId="root", fields="id"), f"Drive van {subject}")["id"]
        by_id = {f["id"]: f for f in files}
        paths: dict[str, str] = {root: prefix}
        taken: set[str] = set()

        def path_of(file_id: str) -> str | None:
            chain, node_id = [], file_id
            while node_id not in paths:
                node = by_id.get(node_id)
                if node is None or not node.get("parents"):
                    return None  # outside this drive (shared into it from elsewhere)
                chain.append(node)
                node_id = node["parents"][0]
            base = paths[node_id]
            for n in reversed(chain):
                base = f"{base}/{clean_name(n['name'])}"
                paths[n["id"]] = base
            return paths[file_id]

        # shared-drive files do not carry their permissions in the listing: ask per file, bounded
        need = [f["id"] for f in files if f.get("mimeType") != FOLDER and "permissions" not in f and drive_id
                and self._permissions_wanted]
        looked_up = self._permissions(subject, need)
        for f in files:
            mime = f.get("mimeType", "")
            if mime == FOLDER:
                continue
            rel = path_of(f["id"])
            if rel is None:  # the user's own file in a folder of someone else's (or in none): still scanned
                rel = f"{prefix}/{OUTSIDE}/{clean_name(f.get('name', ''))}"
            suffix = EXPORTS.get(mime, ("", ""))[0]
            if suffix and not rel.lower().endswith(suffix):
                rel += suffix
            n, unique = 1, rel
            while unique.lower() in taken:  # two files of one name in one folder (Drive allows it)
                n += 1
                p = PurePosixPath(rel)
                unique = str(p.with_name(f"{p.stem} ({n}){p.suffix}"))
            taken.add(unique.lower())
            rel = unique
            perms = f.get("permissions")
            sharing = sharing_of(perms, self.parties) if perms is not None else looked_up.get(f["id"])
            if sharing is None:
                sharing = Sharing()
                self.counts["rechten_onbekend"] += 1
            self._listed[rel] = Listed(f["id"], subject, mime, f.get("md5Checksum") or f.get("modifiedTime") or "")
            if mime == SHORTCUT:
                yield Entry(rel=rel, kind="link", reason="snelkoppeling in Google Drive (het doel wordt niet gevolgd)")
                continue
            if mime.startswith("application/vnd.google-apps.") and mime not in EXPORTS:
                yield Entry(rel=rel, kind="error", reason=f"formaat niet ondersteund (Google-type "
                                                          f"{mime.rsplit('.', 1)[-1]})")
                continue
            yield Entry(rel=rel, kind="file", size=int(f.get("size") or 0), modified=local_time(f.get("modifiedTime")),
                        access=sharing.access())

    def _permissions(self, subject: str, file_ids: list[str]) -> dict[str, Sharing]:
        from googleapiclient.errors import HttpError

        def one(file_id: str) -> tuple[str, Sharing | None]:
            try:
                perms = self.api.pages(self.api.service(subject).permissions().list, "permissions", "rechten",
                                       fileId=file_id, supportsAllDrives=True, fields="nextPageToken, permissions("
                                       "id, type, role, emailAddress, domain, allowFileDiscovery, deleted)")
                return file_id, sharing_of(list(perms), self.parties)
            except (HttpError, Unreadable):
                return file_id, None

        if not file_ids:
            return {}
        with ThreadPoolExecutor(max_workers=self.cfg.concurrency) as pool:
            return {k: v for k, v in pool.map(one, file_ids) if v is not None}

    def _item(self, entry: Entry) -> Item:
        item = super()._item(entry)
        listed = self._listed.get(entry.rel)
        if listed and listed.tag and item.status == "scanned":
            item.fingerprint = hashlib.sha256(f"gdrive\x00{listed.id}\x00{listed.tag}".encode()).hexdigest()
        return item

    # -- reading -------------------------------------------------------------------------------------
    def _fetch(self, rel: str) -> bytes:
        from googleapiclient.errors import HttpError

        if rel not in self._listed and not self._complete:
            self._permissions_wanted = False  # a worker's own source: list once to learn the files' ids
            try:
                for _ in self._entries():
                    pass
            finally:
                self._permissions_wanted = True
        listed = self._listed.get(rel)
        if listed is None:
            raise Unreadable("niet meer aanwezig in Google Drive (verwijderd of verplaatst nadat de lijst was gemaakt)")
        files = self.api.service(listed.subject).files()
        export = EXPORTS.get(listed.mime)
        request = files.export_media(fileId=listed.id, mimeType=export[1]) if export \
            else files.get_media(fileId=listed.id, supportsAllDrives=True)
        try:
            data = self.api.call(request, f"downloaden van {rel}")
        except HttpError as err:
            if err.status_code == 404:
                raise Unreadable("niet meer aanwezig in Google Drive (verwijderd of verplaatst nadat de lijst was "
                                 "gemaakt)") from None
            if reason_of(err) == "exportSizeLimitExceeded":
                raise Unreadable("te groot om te exporteren (Google staat tot 10 MB toe)") from None
            raise Unreadable(f"kan niet worden gelezen: Google Drive antwoordde {_short(err)}") from None
        if len(data) > self.limits.max_member_bytes:
            raise Unreadable(f"te groot (meer dan {self.limits.max_member_bytes // 1048576} MB)")
        return data

    def close(self) -> None:
        super().close()
        self._drive = None


def _quoted(value: str) -> str:
    """A value inside a Drive query's single quotes (an address may hold an apostrophe: o'brien@...)."""
    return value.replace("\\", "\\\\").replace("'", "\\'")


def _short(err: BaseException) -> str:
    status = getattr(err, "status_code", None)
    if status is not None:
        return f"{status} {reason_of(err) or ''}".strip()
    return str(err)[:160]


def open_source(cfg: Config) -> GDriveSource:
    return GDriveSource(cfg)


__all__ = ["Config", "GDriveSource", "open_source", "sharing_of"]
