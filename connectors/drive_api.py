"""The Google Drive API v3 (and the Admin SDK Directory API) for the gdrive connector: a service
account acting as one user at a time, and calls that wait when Google asks them to.

google-api-python-client builds its clients from the discovery documents it ships (nothing is
downloaded) at the configured endpoint; google-auth signs the service account's JWT and refreshes an
expired token itself. `rateLimitExceeded` / `userRateLimitExceeded` (403 or 429) and 5xx answers are
retried with exponential backoff (connectors.cloud.Backoff). httplib2 is not thread-safe, so every
thread gets its own clients. Only read-only scopes are asked for.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

from connectors.cloud import Backoff
from scanner.kernel.errors import Unreadable

DRIVE_SCOPE = "https://www.googleapis.com/auth/drive.readonly"
DIRECTORY_SCOPE = "https://www.googleapis.com/auth/admin.directory.user.readonly"
RETRY_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "backendError", "internalError"}
TIMEOUT_S = 60


class Drive:
    """Drive (and Directory) API clients per delegated user and thread, with backoff on throttling."""

    def __init__(self, *, key: dict[str, Any], token_url: str | None, api_url: str, directory_url: str,
                 ca_file: str | None, backoff: Backoff) -> None:
        self.info = dict(key, token_uri=token_url) if token_url else dict(key)
        self.api_url, self.directory_url, self.ca_file = api_url, directory_url, ca_file
        self.backoff = backoff
        self._local = threading.local()

    def _http(self, subject: str, scopes: list[str]) -> Any:
        import google_auth_httplib2
        import httplib2
        from google.auth.exceptions import GoogleAuthError
        from google.oauth2 import service_account

        try:
            creds = service_account.Credentials.from_service_account_info(self.info, scopes=scopes, subject=subject)
        except (GoogleAuthError, ValueError, KeyError) as err:
            raise Unreadable(f"Google Drive: de sleutel van het serviceaccount is niet bruikbaar ({type(err).__name__})"
                             ) from None
        http = httplib2.Http(ca_certs=self.ca_file, timeout=TIMEOUT_S) if self.ca_file \
            else httplib2.Http(timeout=TIMEOUT_S)
        return google_auth_httplib2.AuthorizedHttp(creds, http=http)

    def service(self, subject: str, api: str = "drive") -> Any:
        """A client for `api` acting as `subject`, one per thread (httplib2 is not thread-safe)."""
        from googleapiclient.discovery import build

        cache: dict[tuple[str, str], Any] = self._local.__dict__.setdefault("services", {})
        if (subject, api) not in cache:
            if api == "drive":
                cache[(subject, api)] = build("drive", "v3", http=self._http(subject, [DRIVE_SCOPE]),
                                              client_options={"api_endpoint": self.api_url},
                                              cache_discovery=False, static_discovery=True)
            else:
                cache[(subject, api)] = build("admin", "directory_v1", http=self._http(subject, [DIRECTORY_SCOPE]),
                                              client_options={"api_endpoint": self.directory_url},
                                              cache_discovery=False, static_discovery=True)
        return cache[(subject, api)]

    def call(self, request: Any, what: str) -> Any:
        """Execute a googleapiclient request, retrying throttling and server errors with backoff."""
        from google.auth.exceptions import RefreshError, TransportError
        from googleapiclient.errors import HttpError

        attempt = 0
        while True:
            try:
                return request.execute(num_retries=0)
            except HttpError as err:
                if err.status_code in (429, 500, 502, 503, 504) or (
                        err.status_code == 403 and reason_of(err) in RETRY_REASONS):
                    self.backoff.wait(attempt, (err.resp or {}).get("retry-after"), what)
                    attempt += 1
                    continue
                raise
            except RefreshError as err:
                raise Unreadable(f"Google Drive: aanmelden mislukt bij {what} ({_refresh_reason(err)}); controleer "
                                 "de domeinbrede delegatie van het serviceaccount en de scope drive.readonly") from None
            except (TransportError, OSError, TimeoutError):
                self.backoff.wait(attempt, None, what)
                attempt += 1

    def pages(self, method: Any, key: str, what: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
        token: str | None = None
        while True:
            page = self.call(method(pageToken=token, **kwargs) if token else method(**kwargs), what)
            yield from page.get(key, [])
            token = page.get("nextPageToken")
            if not token:
                return


def reason_of(err: Any) -> str:
    """The `reason` of a Google API error ('userRateLimitExceeded', 'notFound'), or ''."""
    try:
        return str(json.loads(err.content)["error"]["errors"][0]["reason"])
    except (ValueError, KeyError, IndexError, TypeError):
        return ""


def _refresh_reason(err: Exception) -> str:
    text = str(err.args[0]) if err.args else type(err).__name__
    return text[:160]


__all__ = ["Drive", "reason_of"]
