"""Microsoft Graph over HTTPS for the m365 connector: an app-only token from MSAL, and requests that
wait when Graph asks them to.

Every request carries the app's token; a 401 (an expired token) gets one new token and the request
again; a 429 or 503 waits its Retry-After (connectors.cloud.Backoff) and is tried again; a collection
is followed through its `@odata.nextLink` pages; a `/content` request is answered with a redirect to
a pre-authenticated download URL, fetched without the token. Only GET requests are ever sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from connectors.cloud import Backoff
from scanner.kernel.errors import Unreadable

TIMEOUT_S = 60


class GraphError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code = status, code


class Graph:
    """Authenticated, patient Graph requests (token refresh on 401, Retry-After on 429/503)."""

    def __init__(self, *, tenant: str, client_id: str, credential: str | dict[str, str], login_url: str,
                 graph_url: str, ca_file: str | None, pool: int, backoff: Backoff) -> None:
        import msal
        import requests
        from requests.adapters import HTTPAdapter

        self.base = graph_url.rstrip("/")
        origin = urlsplit(self.base)
        self.scope = [f"{origin.scheme}://{origin.netloc}/.default"]
        verify: str | bool = ca_file or True
        self.session = _session(verify)
        self.session.mount("https://", HTTPAdapter(pool_maxsize=pool))
        self.downloads = _session(verify)  # pre-authenticated download URLs: no Authorization header
        self.backoff = backoff
        try:
            self.app = msal.ConfidentialClientApplication(
                client_id, client_credential=credential, authority=f"{login_url.rstrip('/')}/{tenant}",
                instance_discovery=False, http_client=_session(verify))
        except ValueError as err:  # authority discovery failed: wrong tenant or login_url
            raise Unreadable(f"Microsoft 365: tenant {tenant!r} niet gevonden bij {login_url} "
                             f"({str(err)[:120]})") from None
        except requests.RequestException as err:
            raise Unreadable(f"Microsoft 365: aanmeldserver {login_url} niet bereikbaar ({type(err).__name__})"
                             ) from None
        self._token: str | None = None

    def token(self, refresh: bool = False) -> str:
        if refresh:
            self.app.remove_tokens_for_client()
            self._token = None
        if self._token is None or refresh:
            result = self.app.acquire_token_for_client(scopes=self.scope)
            if "access_token" not in result:
                raise Unreadable(f"Microsoft 365: aanmelden van de app mislukt ({result.get('error')}: "
                                 f"{str(result.get('error_description', ''))[:160]}); controleer client_id, het "
                                 f"geheim of certificaat en de toestemming van de beheerder")
            self._token = result["access_token"]
        return self._token  # type: ignore[return-value]

    def request(self, url: str, what: str, params: dict[str, str] | None = None, stream: bool = False) -> Any:
        """The response to GET `url` (absolute, or relative to the Graph base); raises GraphError."""
        import requests

        if not url.startswith("https://") and not url.startswith("http://"):
            url = f"{self.base}/{url.lstrip('/')}"
        refreshed = False
        attempt = 0
        while True:
            try:
                response = self.session.get(url, params=params, stream=stream, allow_redirects=False, timeout=TIMEOUT_S,
                                            headers={"Authorization": f"Bearer {self.token()}"})
            except requests.RequestException:
                self.backoff.wait(attempt, None, what)
                attempt += 1
                continue
            if response.status_code == 401 and not refreshed:
                response.close()
                self.token(refresh=True)
                refreshed = True
                continue
            if response.status_code in (429, 503, 504):
                retry_after = response.headers.get("Retry-After")
                response.close()
                self.backoff.wait(attempt, retry_after, what)
                attempt += 1
                continue
            if response.status_code >= 400:
                code, message = _error_of(response)
                raise GraphError(response.status_code, code, message)
            return response

    def json(self, url: str, what: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        return self.request(url, what, params).json()

    def pages(self, url: str, what: str, params: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
        """Every value of a collection, following @odata.nextLink (a delta listing ends with a deltaLink)."""
        page = self.json(url, what, params)
        while True:
            yield from page.get("value", [])
            nxt = page.get("@odata.nextLink")
            if not nxt:
                return
            page = self.json(nxt, what)

    def download(self, url: str, limit: int, what: str) -> bytes:
        """The content behind a `/content` URL: Graph answers with a redirect to a pre-authenticated URL."""
        import requests

        response = self.request(url, what, stream=True)
        attempt = 0
        while response.status_code in (301, 302, 303, 307, 308):
            location = response.headers["Location"]
            response.close()
            try:
                response = self.downloads.get(location, stream=True, timeout=TIMEOUT_S)
            except requests.RequestException:
                self.backoff.wait(attempt, None, what)
                attempt += 1
                response = self.request(url, what, stream=True)
                continue
            if response.status_code in (429, 503):
                retry_after = response.headers.get("Retry-After")
                response.close()
                self.backoff.wait(attempt, retry_after, what)
                attempt += 1
                response = self.request(url, what, stream=True)
                continue
            if response.status_code >= 400:
                code, message = _error_of(response)
                raise GraphError(response.status_code, code, message)
        with response:
            data = bytearray()
            for chunk in response.iter_content(1 << 16):
                data += chunk
                if len(data) > limit:
                    raise Unreadable(f"te groot (meer dan {limit // 1048576} MB)")
        return bytes(data)

    def close(self) -> None:
        self.session.close()
        self.downloads.close()


def _session(verify: str | bool) -> Any:
    """A requests session that keeps its own CA setting: requests lets REQUESTS_CA_BUNDLE in the
    environment override `session.verify` (psf/requests#3829), which would drop the configured ca_file."""
    import requests

    class _Session(requests.Session):
        def request(self, method: str, url: str, **kwargs: Any) -> Any:  # type: ignore[override]
            kwargs.setdefault("verify", verify)
            kwargs.setdefault("timeout", TIMEOUT_S)
            return super().request(method, url, **kwargs)

    return _Session()


def _error_of(response: Any) -> tuple[str, str]:
    try:
        error = response.json().get("error", {})
        return str(error.get("code", "")), str(error.get("message", ""))[:160]
    except ValueError:
        return "", response.reason or ""
    finally:
        response.close()


__all__ = ["Graph", "GraphError"]
