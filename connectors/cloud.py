"""What the Microsoft 365 and Google Drive connectors share: who an item is shared with, and patience.

Both services describe sharing in their own words (a Graph sharing link with scope `anonymous`, a
Drive permission of type `anyone`); `Sharing` is the one summary both map to, in the access
vocabulary of the rest of the scanner: `anonymous_link` (anyone with the link, also outside the
school), `everyone` (anyone, findable without a link), `organisation` (every account of the school
board), `external` (named parties or domains outside the board). An account of another domain is an
external party: the school's `external_parties` map names the party for a domain
(`ggzjeugd.nl: GGZ Jeugd`), so the consent rules apply to it; an unmapped domain is reported as an
unknown external party named by its domain.

`Backoff` waits the way both services ask: `Retry-After` when the answer gives one, otherwise
exponential backoff with jitter, and gives up after a bounded number of tries with a Dutch reason.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from scanner.kernel.errors import Unreadable
from scanner.kernel.messages import say
from scanner.kernel.model import Access


def local_time(stamp: str | None) -> datetime | None:
    """A cloud service's UTC time stamp as local naive time, like the other file sources give."""
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().replace(tzinfo=None)
    except ValueError:
        return None


def clean_name(name: str) -> str:
    """A cloud item's name as one path segment: a '/' in a name must not make a folder."""
    return (name or "naamloos").replace("/", "_").strip() or "naamloos"


def unknown_party(domain: str) -> str:
    """An outside party the school has not named, by its domain: the consent rules name it so."""
    return say(f"onbekende externe partij ({domain})", f"unknown external party ({domain})")


@dataclass
class Sharing:
    """Who can read an item, as the cloud service reports it (see the module docstring)."""

    audiences: set[str] = field(default_factory=set)  # 'anonymous_link', 'everyone', 'organisation', 'external'
    external: list[str] = field(default_factory=list)  # parties (mapped) or unknown parties by domain
    readers: list[str] = field(default_factory=list)  # named people and groups inside the board

    def merge(self, other: Sharing) -> Sharing:
        return Sharing(self.audiences | other.audiences, _unique([*self.external, *other.external]),
                       _unique([*self.readers, *other.readers]))

    def access(self) -> Access:
        """The scanner's Access: named readers and each audience with the words the report shows."""
        access = Access(acl=list(self.readers), external=list(self.external))
        labels = (("anonymous_link", say("iedereen met de link (anoniem, ook buiten de school)",
                                         "anyone with the link (anonymous, also outside the school)")),
                  ("everyone", say("iedereen (openbaar vindbaar)", "everyone (public, can be found)")),
                  ("organisation", say("iedereen in de organisatie", "everyone in the organisation")))
        for audience, label in labels:
            if audience in self.audiences:
                access.acl.append(label)
                access.grant(audience, label)
        for party in self.external:
            label = party if party.startswith(("onbekende externe", "unknown external")) else \
                say(f"externe partij {party}", f"external party {party}")
            access.acl.append(label)
            access.grant("external", label)
        return access


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


class Parties:
    """Sorts accounts into the board's own and external parties by their mail domain."""

    def __init__(self, own_domains: Iterable[str], external_parties: dict[str, str]) -> None:
        self.own = {d.lower().lstrip("@") for d in own_domains}
        self.parties = {d.lower().lstrip("@"): p for d, p in external_parties.items()}

    @staticmethod
    def _within(domain: str, known: Iterable[str]) -> str | None:
        """The known domain `domain` is or is a subdomain of (mail.ggzjeugd.nl is ggzjeugd.nl)."""
        for d in known:
            if domain == d or domain.endswith("." + d):
                return d
        return None

    def own_domain(self, domain: str) -> bool:
        return self._within(domain.lower(), self.own) is not None

    def party_of_domain(self, domain: str) -> str:
        domain = domain.lower()
        known = self._within(domain, self.parties)
        return self.parties[known] if known else unknown_party(domain)

    def account(self, email: str | None, name: str | None = None, guest: bool = False) -> Sharing:
        """One account with access: a reader of the board, or an external party."""
        email = (email or "").strip().lower()
        domain = email.rpartition("@")[2] if "@" in email else ""
        if domain and (guest or not self.own_domain(domain)):
            return Sharing({"external"}, [self.party_of_domain(domain)])
        if guest:  # a guest without a mail address: outside the board, domain unknown
            return Sharing({"external"}, [unknown_party("onbekend domein")])
        return Sharing(readers=[email or name] if (name or email) else [])  # type: ignore[list-item]

    def domain(self, domain: str) -> Sharing:
        """Every account of a domain: the board's own domain is the organisation."""
        if self.own_domain(domain):
            return Sharing({"organisation"})
        return Sharing({"external"}, [self.party_of_domain(domain)])


class Backoff:
    """Retries with the waits a throttling service asks for; `sleep` is replaceable for tests."""

    def __init__(self, max_tries: int = 8, base_s: float = 1.0, max_wait_s: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.max_tries, self.base_s, self.max_wait_s, self.sleep = max_tries, base_s, max_wait_s, sleep
        self.waited: list[float] = []  # every wait, for the statistics and the tests

    def wait(self, attempt: int, retry_after: str | None, what: str) -> None:
        """Wait before try `attempt + 1`; raises Unreadable when the tries are used up."""
        if attempt + 1 >= self.max_tries:
            raise Unreadable(f"{what}: de dienst bleef 'te veel verzoeken' of 'niet beschikbaar' antwoorden "
                             f"(na {self.max_tries} pogingen); scan later opnieuw")
        seconds = _seconds(retry_after)
        if seconds is None:
            seconds = min(self.max_wait_s, self.base_s * 2 ** attempt) * (0.5 + random.random() / 2)
        seconds = min(seconds, self.max_wait_s)
        self.waited.append(seconds)
        self.sleep(seconds)


def _seconds(retry_after: str | None) -> float | None:
    """Retry-After as seconds (the services send a number; an HTTP date is read too)."""
    if not retry_after:
        return None
    try:
        return max(0.0, float(retry_after))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(retry_after).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


__all__ = ["Backoff", "Parties", "Sharing", "unknown_party"]
