"""A Microsoft Graph (v1.0) and Entra ID token stand-in, for the m365 connector's tests.

It implements the calls the connector makes, with the field names and behaviour of Microsoft's
published references: OIDC discovery and the client-credentials token endpoint
(`/{tenant}/oauth2/v2.0/token`, client secret or certificate assertion), `GET /sites?search=*`,
`/sites/{host}:/{path}`, `/sites/{id}/drives`, `/groups?$filter=...Team...`, `/groups/{id}/drives`,
`/users`, `/users/{id}/drive`, `/drives/{id}/root/delta` (flat, parents before children, no
`parentReference.path`, `@odata.nextLink` paging, `@odata.deltaLink`, tombstones with `deleted`),
`/drives/{id}/items/{id}/permissions` (sharing links with `link.scope` anonymous/organization/users,
`grantedToV2` users, site users (`#ext#` guests), site groups, `invitation`, `inheritedFrom`),
`/content` and `root:/{path}:/content` answered with a 302 to a pre-authenticated download URL.
Errors are Graph's `{"error": {"code", "message"}}`: 401 InvalidAuthenticationToken for an expired
token, 404 itemNotFound, 429 TooManyRequests with Retry-After.
"""

from __future__ import annotations

import itertools
import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, unquote

from tests.standins.server import Request, Response, StandIn

TENANT = "11111111-2222-3333-4444-555555555555"
CLIENT_ID = "avgscan-test-client"
CLIENT_SECRET = "test-secret-" + secrets.token_hex(4)
PAGE = 200  # Graph's default page size for drive items


@dataclass
class DriveItem:
    id: str
    name: str
    parent: str | None  # item id; None for the root
    folder: bool = False
    content: bytes = b""
    modified: datetime = field(default_factory=lambda: datetime(2026, 11, 2, 9, 30, tzinfo=UTC))
    version: int = 0  # the change counter when last changed (content or sharing)
    content_version: int = 1
    permissions: list[dict[str, Any]] = field(default_factory=list)  # the item's own, not inherited
    unique: bool = False  # inheritance broken: ancestors' permissions do not apply
    deleted: bool = False


@dataclass
class Drive:
    id: str
    name: str
    drive_type: str  # 'documentLibrary', 'business'
    items: dict[str, DriveItem] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # creation order: parents before children
    children: dict[tuple[str, str], str] = field(default_factory=dict)  # (parent id, name) -> live item id
    child_count: dict[str, int] = field(default_factory=dict)

    @property
    def root(self) -> DriveItem:
        return self.items[self.order[0]]


@dataclass
class Site:
    id: str
    name: str  # URL name: /sites/<name>
    display_name: str
    drives: list[Drive] = field(default_factory=list)


@dataclass
class Group:
    id: str
    display_name: str
    team: bool
    drives: list[Drive] = field(default_factory=list)


@dataclass
class User:
    id: str
    upn: str
    display_name: str
    drive: Drive | None = None


class GraphStandIn(StandIn):
    """The tenant lives in plain dicts; tests build it with add_site / add_file / share_* and change it
    between scans (edit, remove) to see what the connector does."""

    def __init__(self, host: str = "school.sharepoint.com") -> None:
        super().__init__()
        self.host = host
        self.sites: dict[str, Site] = {}
        self.groups: dict[str, Group] = {}
        self.users: dict[str, User] = {}
        self.drives: dict[str, Drive] = {}
        self.tokens: set[str] = set()
        self.retry_after = "1"
        self.throttle_status = 429
        self.clock = 1  # the delta token: every change gets the next number
        self._ids = itertools.count(1)
        self.client_secret = CLIENT_SECRET
        self.certificate_thumbprints: set[str] = set()
        self._mutex = threading.RLock()

    # -- building the tenant -----------------------------------------------------------------------
    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"

    def _tick(self) -> int:
        self.clock += 1
        return self.clock

    def new_drive(self, name: str, drive_type: str = "documentLibrary") -> Drive:
        drive = Drive(id="b!" + secrets.token_hex(8), name=name, drive_type=drive_type)
        root = DriveItem(id=self._id("ROOT"), name="root", parent=None, folder=True, version=self._tick())
        drive.items[root.id] = root
        drive.order.append(root.id)
        self.drives[drive.id] = drive
        return drive

    def add_site(self, name: str, display_name: str | None = None, libraries: tuple[str, ...] = ("Documenten",)
                 ) -> Site:
        site = Site(id=f"{self.host},{secrets.token_hex(4)},{secrets.token_hex(4)}", name=name,
                    display_name=display_name or name)
        site.drives = [self.new_drive(lib) for lib in libraries]
        self.sites[site.id] = site
        return site

    def add_team(self, display_name: str) -> Group:
        group = Group(id=secrets.token_hex(8), display_name=display_name, team=True,
                      drives=[self.new_drive("Documenten")])
        self.groups[group.id] = group
        return group

    def add_user(self, upn: str, display_name: str, onedrive: bool = True) -> User:
        user = User(id=secrets.token_hex(8), upn=upn, display_name=display_name,
                    drive=self.new_drive("OneDrive", "business") if onedrive else None)
        self.users[user.id] = user
        return user

    def folder(self, drive: Drive, path: str) -> DriveItem:
        """The folder at `path` ('' is the root), created with its parents when missing."""
        node = drive.root
        for part in [p for p in path.split("/") if p]:
            child_id = drive.children.get((node.id, part))
            if child_id is None:
                child = DriveItem(id=self._id("F"), name=part, parent=node.id, folder=True, version=self._tick())
                self._place(drive, child)
                child_id = child.id
            node = drive.items[child_id]
        return node

    def _place(self, drive: Drive, item: DriveItem) -> None:
        drive.items[item.id] = item
        drive.order.append(item.id)
        if item.parent is not None:
            drive.children[(item.parent, item.name)] = item.id
            drive.child_count[item.parent] = drive.child_count.get(item.parent, 0) + 1

    def add_file(self, drive: Drive, path: str, content: bytes, modified: datetime | None = None) -> DriveItem:
        with self._mutex:
            folder, _, name = path.rpartition("/")
            parent = self.folder(drive, folder)
            item = DriveItem(id=self._id("I"), name=name, parent=parent.id, content=content, version=self._tick())
            if modified is not None:
                item.modified = modified
            self._place(drive, item)
            return item

    def item(self, drive: Drive, path: str) -> DriveItem:
        node = drive.root
        for part in [p for p in path.split("/") if p]:
            node = drive.items[drive.children[(node.id, part)]]  # KeyError: no such item
        return node

    def edit(self, drive: Drive, path: str, content: bytes) -> None:
        with self._mutex:
            item = self.item(drive, path)
            item.content, item.content_version, item.version = content, item.content_version + 1, self._tick()
            item.modified = datetime.now(UTC).replace(microsecond=0)

    def remove(self, drive: Drive, item: DriveItem) -> None:
        """Delete an item (and what is under it), as a user would between listing and download."""
        with self._mutex:
            stamp = self._tick()
            doomed = {item.id}
            for i in drive.order:
                if drive.items[i].parent in doomed:
                    doomed.add(i)
            for i in doomed:
                gone = drive.items[i]
                gone.deleted, gone.version = True, stamp
                drive.children.pop((gone.parent or "", gone.name), None)
                if gone.parent is not None:
                    drive.child_count[gone.parent] -= 1

    # -- sharing -----------------------------------------------------------------------------------
    def _grant(self, item: DriveItem, permission: dict[str, Any]) -> None:
        with self._mutex:
            permission.setdefault("id", secrets.token_hex(6))
            permission.setdefault("roles", ["read"])
            item.permissions.append(permission)
            item.version = self._tick()

    def share_link(self, item: DriveItem, scope: str, users: list[str] = ()) -> None:  # type: ignore[assignment]
        """A sharing link: scope 'anonymous' (anyone with the link), 'organization' or 'users'."""
        link: dict[str, Any] = {"scope": scope, "type": "view",
                                "webUrl": f"https://{self.host}/:w:/s/x/{secrets.token_urlsafe(12)}"}
        permission: dict[str, Any] = {"link": link, "hasPassword": False}
        if scope == "users":
            permission["grantedToIdentitiesV2"] = [{"user": {"email": u, "displayName": u.split("@")[0]}}
                                                   for u in users]
        self._grant(item, permission)

    def share_user(self, item: DriveItem, email: str, guest: bool = False) -> None:
        """Direct access for a user: a member, or a guest account (`#ext#` in the login name)."""
        login = f"i:0#.f|membership|{email.replace('@', '_')}#ext#@school.onmicrosoft.com" if guest \
            else f"i:0#.f|membership|{email}"
        self._grant(item, {"grantedToV2": {"user": {"id": secrets.token_hex(8), "displayName": email.split("@")[0],
                                                    "email": email},
                                           "siteUser": {"displayName": email.split("@")[0], "email": email,
                                                        "loginName": login}}})

    def invite(self, item: DriveItem, email: str) -> None:
        """A pending invitation to someone outside the tenant (not yet redeemed)."""
        self._grant(item, {"invitation": {"email": email, "signInRequired": True},
                           "grantedToV2": {"user": {"displayName": email, "email": email}}})

    def share_site_group(self, item: DriveItem, display_name: str, login_name: str | None = None) -> None:
        self._grant(item, {"grantedToV2": {"siteGroup": {"id": str(next(self._ids)), "displayName": display_name,
                                                         "loginName": login_name or display_name}}})

    def share_everyone_except_external(self, item: DriveItem) -> None:
        """The 'Everyone except external users' claim SharePoint grants when a site is made public."""
        self._grant(item, {"grantedToV2": {"siteUser": {
            "displayName": "Iedereen behalve externe gebruikers",
            "loginName": f"c:0-.f|rolemanager|spo-grid-all-users/{TENANT}"}}})

    # -- HTTP ----------------------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        path = request.path
        if path.startswith(f"/{TENANT}/"):
            return self._login(request, path[len(TENANT) + 2:])
        if path.startswith("/download/"):
            return self._download(path)
        if not path.startswith("/v1.0/"):
            return _error(404, "UnknownError", "geen Graph-pad")
        if request.method not in ("GET", "HEAD"):
            self.count("write")  # the connector must never ask for a change
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return _error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
        if self.should_throttle():
            self.count("throttled")
            return _error(self.throttle_status, "TooManyRequests" if self.throttle_status == 429
                          else "serviceNotAvailable", "Please retry after", {"Retry-After": self.retry_after})
        self.count("api")
        with self._mutex:
            return self._api(request, path[len("/v1.0"):])

    def expire_tokens(self) -> None:
        """Every issued access token stops working (they do after about an hour)."""
        self.tokens.clear()

    def snapshot(self) -> list[tuple[str, str, int, int, str]]:
        """Every item's content, versions and date: what a read-only scan must leave as it was."""
        import hashlib

        return sorted((i.id, hashlib.sha256(i.content).hexdigest(), i.version, i.content_version,
                       i.modified.isoformat()) for d in self.drives.values() for i in d.items.values())

    def _login(self, request: Request, rest: str) -> Response:
        base = f"{self.base}/{TENANT}"
        if rest == "v2.0/.well-known/openid-configuration":
            return Response.of_json({"authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                                     "token_endpoint": f"{base}/oauth2/v2.0/token",
                                     "issuer": f"{base}/v2.0", "tenant_region_scope": "EU"})
        if rest == "oauth2/v2.0/token" and request.method == "POST":
            form = request.form()
            self.count("token")
            if form.get("grant_type") != "client_credentials" or form.get("client_id") != CLIENT_ID:
                return Response.of_json({"error": "unauthorized_client", "error_description": "AADSTS700016"}, 400)
            if not form.get("scope", "").endswith("/.default"):
                return Response.of_json({"error": "invalid_scope", "error_description": "AADSTS1002012"}, 400)
            if "client_assertion" in form:
                import jwt

                header = jwt.get_unverified_header(form["client_assertion"])
                if str(header.get("x5t", "")).rstrip("=") not in {t.rstrip("=") for t in self.certificate_thumbprints}:
                    return Response.of_json({"error": "invalid_client", "error_description": "AADSTS700027"}, 401)
            elif form.get("client_secret") != self.client_secret:
                return Response.of_json({"error": "invalid_client", "error_description": "AADSTS7000215"}, 401)
            token = secrets.token_urlsafe(24)
            self.tokens.add(token)
            return Response.of_json({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599,
                                     "access_token": token})
        return _error(404, "UnknownError", rest)

    def _page(self, request: Request, url: str, values: list[Any], final: dict[str, str] | None = None,
              as_json: Any = None) -> Response:
        top = int(request.query.get("$top") or PAGE)
        skip = int(request.query.get("$skiptoken") or 0)
        page = values[skip:skip + top]
        body: dict[str, Any] = {"value": [as_json(v) for v in page] if as_json else page}
        if skip + top < len(values):
            sep = "&" if "?" in url else "?"
            body["@odata.nextLink"] = f"{url}{sep}$top={top}&$skiptoken={skip + top}"
        elif final:
            body.update(final)
        return Response.of_json(body)

    def _api(self, request: Request, path: str) -> Response:
        api = f"{self.base}/v1.0"
        parts = [unquote(p) for p in path.strip("/").split("/")]
        if parts == ["sites"]:
            found = [_site_json(s) for s in self.sites.values()]
            return self._page(request, f"{api}/sites?search=*", found)
        if len(parts) >= 2 and parts[0] == "sites" and ":" in parts[1]:  # /sites/{host}:/sites/{name}[:]
            tail = "/".join(parts[1:]).rstrip(":")
            host, _, rel = tail.partition(":")
            name = rel.strip("/").removeprefix("sites/")
            site = next((s for s in self.sites.values() if host == self.host and s.name.lower() == name.lower()), None)
            return Response.of_json(_site_json(site)) if site else _error(404, "itemNotFound", "site")
        if len(parts) == 3 and parts[0] == "sites" and parts[2] == "drives":
            site = self.sites.get(parts[1])
            if site is None:
                return _error(404, "itemNotFound", "site")
            return self._page(request, f"{api}/sites/{quote(site.id)}/drives", [_drive_json(d) for d in site.drives])
        if parts == ["groups"]:
            wanted = "Team" in request.query.get("$filter", "")
            return self._page(request, f"{api}/groups", [{"id": g.id, "displayName": g.display_name,
                                                          "resourceProvisioningOptions": ["Team"] if g.team else []}
                                                         for g in self.groups.values() if g.team or not wanted])
        if len(parts) == 3 and parts[0] == "groups" and parts[2] == "drives":
            group = self.groups.get(parts[1])
            if group is None:
                return _error(404, "itemNotFound", "group")
            return self._page(request, f"{api}/groups/{group.id}/drives", [_drive_json(d) for d in group.drives])
        if parts == ["users"]:
            return self._page(request, f"{api}/users", [{"id": u.id, "userPrincipalName": u.upn,
                                                         "displayName": u.display_name, "mail": u.upn}
                                                        for u in self.users.values()])
        if len(parts) == 3 and parts[0] == "users" and parts[2] == "drive":
            user = next((u for u in self.users.values() if parts[1] in (u.id, u.upn)), None)
            if user is None:
                return _error(404, "Request_ResourceNotFound", "user")
            if user.drive is None:
                return _error(404, "ResourceNotFound", "User's mysite not found.")
            return Response.of_json(_drive_json(user.drive))
        if len(parts) >= 3 and parts[0] == "drives":
            drive = self.drives.get(parts[1])
            if drive is None:
                return _error(404, "itemNotFound", "drive")
            return self._drive_api(request, drive, parts[2:], path)
        return _error(400, "invalidRequest", f"not implemented: {path}")

    def _drive_api(self, request: Request, drive: Drive, rest: list[str], raw: str) -> Response:
        api = f"{self.base}/v1.0/drives/{drive.id}"
        if rest == ["root", "delta"]:
            token = int(request.query.get("token") or 0)
            changed = [drive.items[i] for i in drive.order if drive.items[i].version > token
                       and (token or not drive.items[i].deleted)]
            self.count("delta_page")
            return self._page(request, f"{api}/root/delta" + (f"?token={token}" if token else ""),
                              changed, {"@odata.deltaLink": f"{api}/root/delta?token={self.clock}"},
                              lambda it: self._item_json(drive, it))
        if rest and rest[0].startswith("root:"):  # /root:/{path}:/content
            joined = "/".join(rest)
            inner, _, action = joined[len("root:"):].rpartition(":")
            try:
                item = self.item(drive, inner)
            except KeyError:
                return _error(404, "itemNotFound", "The resource could not be found.")
            return self._content(drive, item) if action == "/content" else Response.of_json(
                self._item_json(drive, item))
        if len(rest) >= 2 and rest[0] == "items":
            item = drive.items.get(rest[1])
            if item is None or item.deleted:
                return _error(404, "itemNotFound", "The resource could not be found.")
            if rest[2:] == ["permissions"]:
                self.count("permissions")
                return Response.of_json({"value": self._permissions(drive, item)})
            if rest[2:] == ["content"]:
                return self._content(drive, item)
            if not rest[2:]:
                return Response.of_json(self._item_json(drive, item))
        return _error(400, "invalidRequest", f"not implemented: {raw}")

    def _content(self, drive: Drive, item: DriveItem) -> Response:
        if item.folder:
            return _error(400, "invalidRequest", "folder")
        sig = secrets.token_urlsafe(8)
        return Response(302, b"", {"Location": f"{self.base}/download/{drive.id}/{item.id}?tempauth={sig}"})

    def _download(self, path: str) -> Response:
        _, _, drive_id, item_id = path.split("/", 3)
        drive = self.drives.get(drive_id)
        item = drive.items.get(item_id) if drive else None
        if item is None or item.deleted:
            return _error(404, "itemNotFound", "The resource could not be found.")
        self.count("download")
        return Response(200, item.content, {"Content-Type": "application/octet-stream"})

    def path_of(self, drive: Drive, item: DriveItem) -> str:
        names = []
        node = item
        while node.parent is not None:
            names.append(node.name)
            node = drive.items[node.parent]
        return "/".join(reversed(names))

    def _permissions(self, drive: Drive, item: DriveItem) -> list[dict[str, Any]]:
        """The item's own permissions and, unless inheritance is broken, its ancestors' (inheritedFrom)."""
        out = [dict(p) for p in item.permissions]
        node = item
        while not node.unique and node.parent is not None:
            node = drive.items[node.parent]
            for p in node.permissions:
                out.append(dict(p, inheritedFrom={"driveId": drive.id, "id": node.id,
                                                  "path": f"/drives/{drive.id}/root:/{self.path_of(drive, node)}"}))
        return out

    def _shared_scope(self, item: DriveItem) -> str | None:
        scopes = [p["link"]["scope"] for p in item.permissions if "link" in p]
        if "anonymous" in scopes:
            return "anonymous"
        if "organization" in scopes:
            return "organization"
        return "users" if item.permissions else None

    def _item_json(self, drive: Drive, item: DriveItem) -> dict[str, Any]:
        data: dict[str, Any] = {"id": item.id, "name": item.name, "eTag": f'"{{{item.id}}},{item.version}"',
                                "cTag": f'"c:{{{item.id}}},{item.content_version}"',
                                "lastModifiedDateTime": item.modified.isoformat().replace("+00:00", "Z"),
                                "createdDateTime": "2026-09-01T08:00:00Z",
                                "parentReference": {"driveId": drive.id, "driveType": drive.drive_type}}
        if item.deleted:
            return {"id": item.id, "deleted": {"state": "deleted"}, "parentReference": data["parentReference"]}
        if item.parent is None:
            data["root"] = {}
        else:
            data["parentReference"]["id"] = item.parent
        if item.folder:
            data["folder"] = {"childCount": drive.child_count.get(item.id, 0)}
            data["size"] = 0
        else:
            data["file"] = {"mimeType": "application/octet-stream"}
            data["size"] = len(item.content)
        scope = self._shared_scope(item)
        if scope:
            data["shared"] = {"scope": scope}
        return data


def _site_json(site: Site) -> dict[str, Any]:
    return {"id": site.id, "name": site.name, "displayName": site.display_name,
            "webUrl": f"https://{site.id.split(',')[0]}/sites/{site.name}"}


def _drive_json(drive: Drive) -> dict[str, Any]:
    return {"id": drive.id, "name": drive.name, "driveType": drive.drive_type}


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response.of_json({"error": {"code": code, "message": message,
                                       "innerError": {"request-id": secrets.token_hex(8)}}}, status, headers)
