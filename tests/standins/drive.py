"""A Google Drive API v3 (and OAuth token, Admin SDK Directory) stand-in, for the gdrive connector's tests.

It implements the calls the connector makes with the field names and behaviour of Google's published
references: the token endpoint for a service account's signed JWT (`grant_type=urn:ietf:params:oauth:
grant-type:jwt-bearer`; the JWT is verified with the account's public key, its `sub` is the user the
domain-wide delegation acts as, its `scope` must be read-only), `GET /admin/directory/v1/users`,
`GET /drive/v3/files/root`, `files.list` (`q` with `'<user>' in owners` and `trashed = false`,
`corpora=user|drive`, `driveId`, `pageSize`/`nextPageToken`; `permissions` filled for My Drive files
and left out for shared-drive files, as Google documents), `drives.list` (`useDomainAdminAccess`),
`permissions.list`, `files.get?alt=media` (403 `fileNotDownloadable` for Google Docs) and
and `files.export` (Docs/Sheets/Slides to Office formats).
Errors are Google's `{"error": {"code", "message", "errors": [{"domain", "reason"}]}}`: 401
authError for an expired token, 404 notFound, 403 `userRateLimitExceeded` / 429 `rateLimitExceeded`.
"""

from __future__ import annotations

import itertools
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.standins.server import Request, Response, StandIn

FOLDER = "application/vnd.google-apps.folder"
DOC = "application/vnd.google-apps.document"
SHEET = "application/vnd.google-apps.spreadsheet"
SLIDES = "application/vnd.google-apps.presentation"
EXPORTS = {DOC: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           SHEET: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           SLIDES: "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
READ_ONLY = {"https://www.googleapis.com/auth/drive.readonly",
             "https://www.googleapis.com/auth/admin.directory.user.readonly"}


@dataclass
class DriveFile:
    id: str
    name: str
    mime: str
    parent: str
    owner: str | None  # My Drive files: the owner's address; shared drives: None
    drive_id: str | None = None
    content: bytes = b""  # a Google Doc's content is what the export returns
    modified: datetime = field(default_factory=lambda: datetime(2026, 11, 2, 9, 30, tzinfo=UTC))
    version: int = 1
    permissions: list[dict[str, Any]] = field(default_factory=list)
    trashed: bool = False
    deleted: bool = False


class DriveStandIn(StandIn):
    """Users' My Drives and shared drives in plain dicts; tests change them between scans."""

    def __init__(self, domain: str = "school.nl") -> None:
        super().__init__()
        self.domain = domain
        self.public_keys: dict[str, Any] = {}  # service account client_email -> public key
        self.users: dict[str, str] = {}  # email -> My Drive root id
        self.shared: dict[str, str] = {}  # shared drive id -> name
        self.files: dict[str, DriveFile] = {}
        self.order: list[str] = []
        self.tokens: dict[str, tuple[str, set[str]]] = {}  # token -> (subject, scopes)
        self.throttle_reason = "userRateLimitExceeded"
        self.page_size_cap = 1000
        self._ids = itertools.count(1)
        self._mutex = threading.RLock()
        self.children: dict[tuple[str, str], str] = {}

    # -- building ------------------------------------------------------------------------------------
    def service_account(self, email: str = "avgscan@school-scan.iam.gserviceaccount.com") -> dict[str, Any]:
        """A service account key (the JSON a Google admin downloads), its public key known here."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.public_keys[email] = key.public_key()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
        return {"type": "service_account", "project_id": "school-scan", "private_key_id": secrets.token_hex(20),
                "private_key": pem, "client_email": email, "client_id": str(next(self._ids)),
                "token_uri": "https://oauth2.googleapis.com/token", "universe_domain": "googleapis.com"}

    def add_user(self, email: str) -> str:
        root = f"root{next(self._ids):05d}"
        self.users[email] = root
        return root

    def add_shared_drive(self, name: str) -> str:
        drive_id = f"0A{secrets.token_hex(6)}"
        self.shared[drive_id] = name
        return drive_id

    def folder(self, root: str, path: str, owner: str | None, drive_id: str | None = None) -> str:
        node = root
        for part in [p for p in path.split("/") if p]:
            found = self.children.get((node, part))
            if found is None:
                found = self._add(DriveFile(id=f"f{next(self._ids):06d}", name=part, mime=FOLDER, parent=node,
                                            owner=owner, drive_id=drive_id)).id
            node = found
        return node

    def _add(self, f: DriveFile) -> DriveFile:
        with self._mutex:
            self.files[f.id] = f
            self.order.append(f.id)
            self.children[(f.parent, f.name)] = f.id
            return f

    def add_file(self, where: str, path: str, content: bytes, mime: str = "application/octet-stream") -> DriveFile:
        """A file in a user's My Drive (`where` is the address) or a shared drive (its id)."""
        folder, _, name = path.rpartition("/")
        if where in self.users:
            parent = self.folder(self.users[where], folder, where)
            return self._add(DriveFile(id=f"d{next(self._ids):06d}", name=name, mime=mime, parent=parent, owner=where,
                                       content=content, permissions=[{
                                           "id": secrets.token_hex(6), "type": "user", "role": "owner",
                                           "emailAddress": where}]))
        parent = self.folder(where, folder, None, where)
        return self._add(DriveFile(id=f"d{next(self._ids):06d}", name=name, mime=mime, parent=parent, owner=None,
                                   drive_id=where, content=content))

    def share(self, f: DriveFile, kind: str, role: str = "reader", email: str | None = None,
              domain: str | None = None, discoverable: bool = False) -> None:
        """A permission: kind 'anyone', 'domain', 'user' or 'group' (Drive's `type`)."""
        permission: dict[str, Any] = {"id": secrets.token_hex(6), "type": kind, "role": role}
        if kind in ("user", "group"):
            permission["emailAddress"] = email
        if kind == "domain":
            permission["domain"] = domain
        if kind in ("anyone", "domain"):
            permission["allowFileDiscovery"] = discoverable
        with self._mutex:
            f.permissions.append(permission)

    def edit(self, f: DriveFile, content: bytes) -> None:
        with self._mutex:
            f.content, f.version = content, f.version + 1
            f.modified = datetime.now(UTC)

    def remove(self, f: DriveFile) -> None:
        with self._mutex:
            f.deleted = True
            self.children.pop((f.parent, f.name), None)

    # -- HTTP ----------------------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        if request.path == "/token" and request.method == "POST":
            return self._token(request)
        if request.method not in ("GET", "HEAD"):
            self.count("write")  # the connector must never ask for a change
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return _error(401, "authError", "Request had invalid authentication credentials.", "global")
        subject, scopes = self.tokens[token]
        if self.should_throttle():
            self.count("throttled")
            status = 429 if self.throttle_reason == "rateLimitExceeded" else 403
            return _error(status, self.throttle_reason, "Rate Limit Exceeded", "usageLimits")
        self.count("api")
        with self._mutex:
            if request.path.startswith("/admin/directory/v1/"):
                return self._directory(request, subject, scopes)
            if request.path.startswith("/drive/v3/"):
                if "https://www.googleapis.com/auth/drive.readonly" not in scopes:
                    return _error(403, "insufficientPermissions", "Insufficient Permission", "global")
                return self._drive(request, subject, request.path[len("/drive/v3/"):])
        return _error(404, "notFound", "Not Found", "global")

    def expire_tokens(self) -> None:
        self.tokens.clear()

    def snapshot(self) -> list[tuple[str, str, int, str, int]]:
        """Every file's content, version, date and permissions: what a read-only scan must leave as it was."""
        import hashlib

        return sorted((f.id, hashlib.sha256(f.content).hexdigest(), f.version, f.modified.isoformat(),
                       len(f.permissions)) for f in self.files.values())

    def _token(self, request: Request) -> Response:
        import jwt

        form = request.form()
        self.count("token")
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return Response.of_json({"error": "unsupported_grant_type"}, 400)
        assertion = form.get("assertion", "")
        issuer = jwt.decode(assertion, options={"verify_signature": False}).get("iss", "")
        key = self.public_keys.get(issuer)
        if key is None:
            return Response.of_json({"error": "invalid_client", "error_description": "The OAuth client was not found."
                                     }, 401)
        try:
            # google-auth signs for Google's token endpoint, wherever token_uri points
            claims = jwt.decode(assertion, key, algorithms=["RS256"],
                                audience=["https://oauth2.googleapis.com/token", f"{self.base}/token"])
        except jwt.PyJWTError as err:
            return Response.of_json({"error": "invalid_grant", "error_description": str(err)}, 400)
        scopes = set(claims.get("scope", "").split())
        if not scopes or not scopes <= READ_ONLY:
            return Response.of_json({"error": "unauthorized_client",
                                     "error_description": "Client is unauthorized to retrieve access tokens using "
                                                          "this method, or client not authorized for any of the "
                                                          "scopes requested."}, 401)
        subject = claims.get("sub") or issuer
        if subject not in self.users:
            return Response.of_json({"error": "invalid_grant", "error_description": "Invalid email or User ID"}, 400)
        token = secrets.token_urlsafe(24)
        self.tokens[token] = (subject, scopes)
        return Response.of_json({"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

    def _paged(self, request: Request, values: list[Any], key: str, as_json: Any, cap: int = 1000) -> Response:
        size = min(int(request.query.get("pageSize") or 100), cap, self.page_size_cap)
        start = int(request.query.get("pageToken") or 0)
        body: dict[str, Any] = {key: [as_json(v) for v in values[start:start + size]]}
        if start + size < len(values):
            body["nextPageToken"] = str(start + size)
        return Response.of_json(body)

    def _directory(self, request: Request, subject: str, scopes: set[str]) -> Response:
        if request.path != "/admin/directory/v1/users":
            return _error(404, "notFound", "Not Found", "global")
        if "https://www.googleapis.com/auth/admin.directory.user.readonly" not in scopes:
            return _error(403, "insufficientPermissions", "Insufficient Permission", "global")
        users = sorted(self.users)
        return self._paged(request, users, "users", lambda u: {"kind": "admin#directory#user", "primaryEmail": u,
                                                                "id": str(abs(hash(u)))}, cap=500)

    def _drive(self, request: Request, subject: str, path: str) -> Response:
        parts = path.strip("/").split("/")
        q = request.query
        if parts == ["drives"]:
            if q.get("useDomainAdminAccess") != "true":
                return _error(400, "invalid", "useDomainAdminAccess is required for this stand-in", "global")
            return self._paged(request, list(self.shared.items()), "drives",
                               lambda d: {"kind": "drive#drive", "id": d[0], "name": d[1]}, cap=100)
        if parts == ["files"]:
            return self._list(request, subject)
        if len(parts) >= 2 and parts[0] == "files":
            if parts[1] == "root" and len(parts) == 2:
                return Response.of_json({"id": self.users[subject]})
            f = self.files.get(parts[1])
            if f is None or f.deleted or not self._visible(f, subject):
                return _error(404, "notFound", f"File not found: {parts[1]}.", "global")
            if parts[2:] == ["permissions"]:
                self.count("permissions")
                return Response.of_json({"kind": "drive#permissionList", "permissions": f.permissions})
            if parts[2:] == ["export"]:
                if EXPORTS.get(f.mime) != q.get("mimeType"):
                    return _error(400, "badRequest", "The requested conversion is not supported.", "global")
                self.count("download")
                return Response(200, f.content, {"Content-Type": q["mimeType"]})
            if not parts[2:]:
                if q.get("alt") == "media":
                    if f.mime.startswith("application/vnd.google-apps."):
                        return _error(403, "fileNotDownloadable", "Only files with binary content can be "
                                      "downloaded. Use Export with Docs Editors files.", "global")
                    self.count("download")
                    return Response(200, f.content, {"Content-Type": f.mime})
                return Response.of_json(self._file_json(f, with_permissions=f.drive_id is None))
        return _error(404, "notFound", f"Not Found: {path}", "global")

    def _visible(self, f: DriveFile, subject: str) -> bool:
        return f.drive_id is not None or f.owner == subject or any(
            p.get("emailAddress") == subject or p["type"] == "anyone" for p in f.permissions)

    def _list(self, request: Request, subject: str) -> Response:
        q = request.query
        query = q.get("q", "")
        live = [self.files[i] for i in self.order if not self.files[i].deleted]
        if q.get("corpora") == "drive":
            if q.get("supportsAllDrives") != "true" or q.get("includeItemsFromAllDrives") != "true":
                return _error(403, "teamDrivesParameterRequired", "supportsAllDrives and includeItemsFromAllDrives "
                              "are required with corpora=drive", "global")
            live = [f for f in live if f.drive_id == q.get("driveId")]
        else:
            live = [f for f in live if f.drive_id is None and self._visible(f, subject)]
        if f"'{subject}' in owners" in query:
            live = [f for f in live if f.owner == subject]
        if "trashed = false" in query or "trashed=false" in query:
            live = [f for f in live if not f.trashed]
        return self._paged(request, live, "files", lambda f: self._file_json(f, with_permissions=f.drive_id is None))

    def _file_json(self, f: DriveFile, with_permissions: bool) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": "drive#file", "id": f.id, "name": f.name, "mimeType": f.mime,
                                "parents": [f.parent], "trashed": f.trashed, "version": str(f.version),
                                "modifiedTime": f"{f.modified:%Y-%m-%dT%H:%M:%S}.{f.modified.microsecond // 1000:03d}Z",
                                "shared": any(p["role"] != "owner" for p in f.permissions)}
        if f.drive_id:
            data["driveId"] = f.drive_id
        if f.owner:
            data["owners"] = [{"kind": "drive#user", "emailAddress": f.owner}]
        if f.mime != FOLDER and not f.mime.startswith("application/vnd.google-apps."):
            import hashlib

            data["size"] = str(len(f.content))
            data["md5Checksum"] = hashlib.md5(f.content).hexdigest()  # noqa: S324  (Drive's own checksum)
        if with_permissions:
            data["permissions"] = f.permissions
        return data


def _error(status: int, reason: str, message: str, domain: str) -> Response:
    return Response.of_json({"error": {"code": status, "message": message,
                                       "errors": [{"message": message, "domain": domain, "reason": reason}]}}, status)
