"""Microsoft 365 (SharePoint sites, Teams, OneDrive) through Microsoft Graph, read only.

The app signs in as itself (app-only, client credentials) through MSAL with a client secret or a
certificate; the secret comes from the environment (`AVGSCAN_M365_CLIENT_SECRET`) or the OS keyring
(service `avgscan:m365:<tenant>`, user the client id), never from the config file. The permissions
it needs are read-only (`Sites.Read.All` + `Files.Read.All`, or `Sites.Selected` for named sites,
`User.Read.All` to find OneDrives, `GroupMember.Read.All` to find Teams): Graph cannot write with
them, and downloading a file's content does not change it or its "last modified".

Each drive (a document library of a site or Team, a user's OneDrive) is listed with one delta query
(`/drives/{id}/root/delta`, paged by `@odata.nextLink`): names and parents, size, dates and the
eTag/cTag. An item's path is `<site or team>/<library>/<folders>/<file>`, or
`OneDrive/<user>/<folders>/<file>`. The cTag (it changes only when the content changes) is the
item's cache fingerprint, so a rescan downloads nothing unchanged. Permissions are read for the
drive's root and for every item Graph marks as `shared`; an item without its own sharing has the
permissions of its nearest shared folder (or the root). Sharing links and accounts are mapped with
`connectors.cloud` (anonymous link, organisation, external party by mail domain).

429 and 503 answers are retried after their `Retry-After`; a 401 (expired token) gets a new token
once; permission lookups run in a bounded thread pool (`concurrency`). A file that is gone between
the listing and the download is reported unreadable with the reason, never left out.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from pydantic import Field, model_validator

from connectors import credentials
from connectors.base import FileSourceSettings
from connectors.cloud import Backoff, Parties, Sharing, clean_name, local_time
from connectors.filetree import Entry, FileTreeSource
from connectors.msgraph import Graph, GraphError
from scanner.kernel.errors import Unreadable
from scanner.kernel.messages import say
from scanner.kernel.model import Item

SECRET_ENV = "AVGSCAN_M365_CLIENT_SECRET"
CERTIFICATE_ENV = "AVGSCAN_M365_CERTIFICATE"  # path of a PEM file with the private key and the certificate
ONEDRIVE = "OneDrive"


class Config(FileSourceSettings):
    """A `type: m365` source (see README, "Microsoft 365 en Google Drive")."""

    type: Literal["m365"] = "m365"
    tenant: str  # the tenant id (GUID) or its domain (school.onmicrosoft.com)
    client_id: str  # the app registration's application (client) id
    certificate_file: str | None = None  # PEM with private key + certificate; else the client secret
    login_url: str = "https://login.microsoftonline.com"
    graph_url: str = "https://graph.microsoft.com/v1.0"
    ca_file: str | None = None  # extra CA bundle (a TLS-inspecting proxy of the school board)
    # What to scan: a whole kind ('all' sites, Teams or OneDrives) or only the named ones
    # (site URL or name, team name, user principal name). `scope: all` is all three.
    scope: Literal["all", "sites", "teams", "users"] | None = None
    sites: list[str] = Field(default_factory=list)
    teams: list[str] = Field(default_factory=list)
    users: list[str] = Field(default_factory=list)
    own_domains: list[str] = Field(default_factory=list)  # the board's mail domains: accounts there are not external
    external_parties: dict[str, str] = Field(default_factory=dict)  # mail domain -> party ('ggzjeugd.nl': 'GGZ Jeugd')
    concurrency: int = Field(default=4, ge=1, le=16)
    max_tries: int = Field(default=8, ge=1, le=30)

    def anchor(self, resolve: Callable[[str], Path]) -> None:
        """The CA bundle and certificate file are relative to the config file."""
        self.ca_file = str(resolve(self.ca_file)) if self.ca_file else None
        self.certificate_file = str(resolve(self.certificate_file)) if self.certificate_file else None

    @model_validator(mode="after")
    def _something_to_scan(self) -> Config:
        if not (self.scope or self.sites or self.teams or self.users):
            raise ValueError(say("geef aan wat gescand wordt: scope (all, sites, teams of users) of sites/teams/users "
                                 "met namen", "say what to scan: scope (all, sites, teams or users) or named "
                                 "sites/teams/users"))
        if not self.own_domains:
            raise ValueError(say("own_domains ontbreekt: de maildomeinen van het bestuur (bijvoorbeeld [school.nl]); "
                                 "zonder die lijst is niet te zien wie extern is", "own_domains is missing: the "
                                 "board's mail domains (e.g. [school.nl]); without them nobody can be told external"))
        return self


@dataclass
class DriveRef:
    """One drive in scope and the path prefix its items get."""

    id: str
    prefix: str


def _credential(cfg: Config) -> str | dict[str, str]:
    """The client secret, or the certificate's private key and SHA-1 thumbprint (as MSAL wants them)."""
    cert_path = os.environ.get(CERTIFICATE_ENV) or cfg.certificate_file
    if cert_path:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes

        try:
            pem = open(cert_path, "rb").read()  # noqa: SIM115
            cert = x509.load_pem_x509_certificate(pem[pem.index(b"-----BEGIN CERTIFICATE-----"):])
        except (OSError, ValueError) as err:
            raise Unreadable(f"Microsoft 365: certificaat {cert_path} is niet te lezen (verwacht PEM met de "
                             f"privésleutel en het certificaat): {type(err).__name__}") from None
        return {"private_key": pem.decode(), "thumbprint": cert.fingerprint(hashes.SHA1()).hex()}  # noqa: S303
    secret = credentials.env_or_keyring(SECRET_ENV, f"avgscan:m365:{cfg.tenant}", cfg.client_id)
    if not secret:
        raise Unreadable(f"Microsoft 365: geen geheim voor app {cfg.client_id}; zet het in {SECRET_ENV} of in de "
                         f"sleutelbos (keyring set avgscan:m365:{cfg.tenant} {cfg.client_id}), of gebruik een "
                         f"certificaat ({CERTIFICATE_ENV})")
    return secret


def sharing_of(permissions: list[dict[str, Any]], parties: Parties) -> Sharing:
    """Graph permission resources -> the access vocabulary (connectors.cloud)."""
    out = Sharing()
    for p in permissions:
        roles = set(p.get("roles") or [])
        if roles and roles <= {"owner"} and "link" not in p:
            granted = (p.get("grantedToV2") or p.get("grantedTo") or {}).get("user") or {}
            out = out.merge(Sharing(readers=[granted.get("displayName") or granted.get("email") or "eigenaar"]))
            continue
        link = p.get("link")
        if link:
            scope = link.get("scope")
            if scope == "anonymous":
                out = out.merge(Sharing({"anonymous_link"}))
            elif scope == "organization":
                out = out.merge(Sharing({"organisation"}))
            for identity in p.get("grantedToIdentitiesV2") or p.get("grantedToIdentities") or []:
                user = identity.get("user") or identity.get("siteUser") or {}
                out = out.merge(parties.account(user.get("email"), user.get("displayName")))
            continue
        granted = p.get("grantedToV2") or p.get("grantedTo") or {}
        site_user = granted.get("siteUser") or {}
        login = str(site_user.get("loginName") or "")
        if "spo-grid-all-users" in login or login.startswith("c:0(.s|true"):
            out = out.merge(Sharing({"organisation"}))  # Everyone (except external users)
            continue
        invitation = p.get("invitation") or {}
        user = granted.get("user") or {}
        email = user.get("email") or site_user.get("email") or invitation.get("email")
        if email or user or site_user:
            out = out.merge(parties.account(email, user.get("displayName") or site_user.get("displayName"),
                                            guest="#ext#" in login.lower()))
            continue
        group = granted.get("siteGroup") or granted.get("group") or {}
        if group:
            out = out.merge(Sharing(readers=[group.get("displayName") or group.get("loginName") or "groep"]))
    return out




class M365Source(FileTreeSource):
    """See the module docstring."""

    def __init__(self, cfg: Config, backoff: Backoff | None = None) -> None:
        super().__init__(cfg)  # type: ignore[arg-type]
        self.cfg: Config = cfg  # type: ignore[assignment]
        self.parties = Parties(cfg.own_domains, cfg.external_parties)
        self._backoff = backoff
        self._graph: Graph | None = None
        self._drives: list[DriveRef] | None = None
        self._ids: dict[str, tuple[str, str]] = {}  # path -> (drive id, item id), from this source's crawl
        self._tags: dict[str, str] = {}  # path -> cTag (eTag when there is none)

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            cfg = self.cfg
            self._graph = Graph(tenant=cfg.tenant, client_id=cfg.client_id, credential=_credential(cfg),
                                login_url=cfg.login_url, graph_url=cfg.graph_url, ca_file=cfg.ca_file,
                                pool=cfg.concurrency + 2, backoff=self._backoff or Backoff(max_tries=cfg.max_tries))
        return self._graph

    # -- what is in scope ---------------------------------------------------------------------------
    def drives(self) -> list[DriveRef]:
        if self._drives is None:
            self._drives = list(self._find_drives())
        return self._drives

    def _find_drives(self) -> Iterator[DriveRef]:
        cfg, seen, prefixes = self.cfg, set(), set()

        def ref(drive: dict[str, Any], prefix: str) -> Iterator[DriveRef]:
            if drive["id"] in seen:
                return
            seen.add(drive["id"])
            unique, n = prefix, 1
            while unique.lower() in prefixes:
                n += 1
                unique = f"{prefix} ({n})"
            prefixes.add(unique.lower())
            yield DriveRef(drive["id"], unique)

        g = self.graph
        if cfg.scope in ("all", "sites") or cfg.sites:
            for site in self._sites():
                for drive in g.pages(f"sites/{quote(site['id'], safe='')}/drives", "documentbibliotheken"):
                    yield from ref(drive, f"{clean_name(site.get('displayName') or site.get('name'))}/"
                                          f"{clean_name(drive.get('name'))}")
        if cfg.scope == "teams" or cfg.teams:
            teams = list(g.pages("groups", "Teams", {"$filter": "resourceProvisioningOptions/Any(x:x eq 'Team')",
                                                      "$select": "id,displayName"}))
            wanted = {t.lower() for t in cfg.teams}
            for team in teams:
                if cfg.scope == "teams" or team["displayName"].lower() in wanted:
                    wanted.discard(team["displayName"].lower())
                    for drive in g.pages(f"groups/{team['id']}/drives", "documentbibliotheken van Team"):
                        yield from ref(drive, f"{clean_name(team['displayName'])}/{clean_name(drive.get('name'))}")
            for missing in sorted(wanted):
                raise Unreadable(f"Microsoft 365: Team {missing!r} niet gevonden")
        if cfg.scope in ("all", "users") or cfg.users:
            users = [u["userPrincipalName"] for u in g.pages("users", "gebruikers", {"$select": "id,userPrincipalName"})
                     ] if cfg.scope in ("all", "users") else list(cfg.users)
            for upn in users:
                try:
                    drive = g.json(f"users/{quote(upn, safe='@')}/drive", f"OneDrive van {upn}")
                except GraphError as err:
                    if err.status == 404 and cfg.scope in ("all", "users"):
                        self.counts["zonder_onedrive"] += 1  # an account without a OneDrive (yet)
                        continue
                    raise Unreadable(f"Microsoft 365: OneDrive van {upn} niet gevonden ({err.code})") from None
                yield from ref(drive, f"{ONEDRIVE}/{clean_name(upn)}")

    def _sites(self) -> Iterator[dict[str, Any]]:
        g, cfg = self.graph, self.cfg
        if cfg.scope in ("all", "sites"):
            yield from g.pages("sites", "sites", {"search": "*"})
            return
        listed: list[dict[str, Any]] | None = None
        for wanted in cfg.sites:
            if wanted.startswith("https://"):
                parts = urlsplit(wanted)
                try:
                    yield g.json(f"sites/{parts.hostname}:{quote(parts.path.rstrip('/'))}", f"site {wanted}")
                except GraphError as err:
                    raise Unreadable(f"Microsoft 365: site {wanted} niet gevonden of geen toegang ({err.code})"
                                     ) from None
                continue
            if listed is None:
                listed = list(g.pages("sites", "sites", {"search": "*"}))
            match = [s for s in listed if wanted.lower() in (str(s.get("name", "")).lower(),
                                                               str(s.get("displayName", "")).lower())]
            if not match:
                raise Unreadable(f"Microsoft 365: site {wanted!r} niet gevonden (gebruik de naam of het adres "
                                 "https://<tenant>.sharepoint.com/sites/<naam>)")
            yield from match

    # -- walking -------------------------------------------------------------------------------------
    def _entries(self) -> Iterator[Entry]:
        for drive in self.drives():
            yield from self._drive_entries(drive)

    def _drive_entries(self, drive: DriveRef) -> Iterator[Entry]:
        try:
            listed = [i for i in self.graph.pages(f"drives/{drive.id}/root/delta", f"lijst van {drive.prefix}")
                      if "deleted" not in i]
        except (GraphError, Unreadable) as err:
            yield Entry(rel=drive.prefix, kind="error", is_folder=True,
                        reason=f"bibliotheek kan niet worden gelezen: {err}")
            return
        by_id = {i["id"]: i for i in listed}
        root = next((i for i in listed if "root" in i), None)
        paths: dict[str, str] = {}

        def path_of(item_id: str) -> str | None:
            """The item's path from its parents' names (delta gives no parentReference.path)."""
            chain, node = [], by_id.get(item_id)
            while node is not None and "root" not in node and node["id"] not in paths:
                chain.append(node)
                node = by_id.get((node.get("parentReference") or {}).get("id", ""))
            if node is None:
                return None  # a parent is not in the listing (moved out while listing)
            base = drive.prefix if "root" in node else paths[node["id"]]
            for n in reversed(chain):
                base = f"{base}/{clean_name(n['name'])}"
                paths[n["id"]] = base
            return paths.get(item_id)

        shared = [i["id"] for i in listed if "shared" in i and "root" not in i]
        sharing = self._permissions(drive, [root["id"]] if root else [], shared)
        for item in listed:
            if "root" in item or "folder" in item:
                continue
            if "file" not in item and "package" not in item:
                continue
            rel = path_of(item["id"])
            if rel is None:  # its folder was moved away while the listing was paged: say so, lose nothing
                yield Entry(rel=f"{drive.prefix}/{clean_name(item.get('name', ''))}", kind="error",
                            reason="de map van dit bestand verdween of verhuisde terwijl de lijst werd gemaakt; "
                                   "scan opnieuw")
                continue
            access = self._effective(item, by_id, sharing)
            self._ids[rel] = (drive.id, item["id"])
            self._tags[rel] = item.get("cTag") or item.get("eTag") or ""
            yield Entry(rel=rel, kind="file", size=int(item.get("size") or 0),
                        modified=local_time(item.get("lastModifiedDateTime")), access=access.access())

    def _permissions(self, drive: DriveRef, roots: list[str], shared: list[str]) -> dict[str, Sharing]:
        """Sharing of the root and of every shared item, looked up `concurrency` at a time."""
        def one(item_id: str) -> tuple[str, Sharing | None]:
            try:
                perms = list(self.graph.pages(f"drives/{drive.id}/items/{item_id}/permissions", "rechten"))
            except (GraphError, Unreadable):
                return item_id, None
            return item_id, sharing_of(perms, self.parties)

        with ThreadPoolExecutor(max_workers=self.cfg.concurrency) as pool:
            found = dict(pool.map(one, [*roots, *shared]))
        for item_id, value in list(found.items()):
            if value is None:
                self.counts["rechten_onbekend"] += 1
                del found[item_id]
        if roots and roots[0] in found:
            found["<root>"] = found[roots[0]]
        return found

    @staticmethod
    def _effective(item: dict[str, Any], by_id: dict[str, dict[str, Any]], sharing: dict[str, Sharing]) -> Sharing:
        """The item's own permissions (they include inherited ones) or its nearest looked-up ancestor's."""
        node: dict[str, Any] | None = item
        while node is not None:
            if node["id"] in sharing:
                return sharing[node["id"]]
            node = by_id.get((node.get("parentReference") or {}).get("id", ""))
        return sharing.get("<root>", Sharing())

    def _item(self, entry: Entry) -> Item:
        item = super()._item(entry)
        tag = self._tags.get(entry.rel)
        if tag and entry.kind == "file":
            drive_id, item_id = self._ids[entry.rel]
            item.fingerprint = hashlib.sha256(f"m365\x00{drive_id}\x00{item_id}\x00{tag}".encode()).hexdigest()
        return item

    # -- reading -------------------------------------------------------------------------------------
    def _fetch(self, rel: str) -> bytes:
        what = f"downloaden van {rel}"
        if rel in self._ids:
            drive_id, item_id = self._ids[rel]
            url = f"drives/{drive_id}/items/{item_id}/content"
        else:  # a worker's own source, which did not list: address the item by its path
            drive = max((d for d in self.drives() if rel.startswith(d.prefix + "/")), key=lambda d: len(d.prefix),
                        default=None)
            if drive is None:
                raise Unreadable("niet meer aanwezig in Microsoft 365 (bibliotheek of OneDrive niet gevonden)")
            inner = rel[len(drive.prefix) + 1:]
            url = f"drives/{drive.id}/root:/{quote(inner)}:/content"
        try:
            return self.graph.download(url, self.limits.max_member_bytes, what)
        except GraphError as err:
            if err.status == 404:
                raise Unreadable("niet meer aanwezig in Microsoft 365 (verwijderd of verplaatst nadat de lijst "
                                 "was gemaakt)") from None
            if err.status == 403:
                raise Unreadable(f"geen leesrecht voor de app ({err.code})") from None
            raise Unreadable(f"kan niet worden gelezen: Microsoft 365 antwoordde {err}") from None

    def close(self) -> None:
        super().close()
        if self._graph is not None:
            self._graph.close()
            self._graph = None


def open_source(cfg: Config) -> M365Source:
    return M365Source(cfg)


__all__ = ["Config", "M365Source", "open_source", "sharing_of"]
