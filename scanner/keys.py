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
import secrets

from scanner.detection.names import fold
from scanner.records.dates import parse_date

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
