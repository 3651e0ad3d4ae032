"""What a rule is, and the context every rule gets (records, policy, reference date)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Protocol

from scanner.config import Policy
from scanner.kernel.model import ScannedItem, Violation
from scanner.linking import RegisterIndex
from scanner.records.consents import Consent


@dataclass
class RuleContext:
    policy: Policy
    as_of: date
    register: RegisterIndex | None  # None: no register configured
    consents: list[Consent] | None  # None: no consent records configured

    def consents_for(self, leerlingnummer: str) -> list[Consent]:
        return [c for c in (self.consents or []) if c.leerlingnummer == leerlingnummer]


class Rule(Protocol):
    code: ClassVar[str]
    title: ClassVar[str]  # Dutch
    explanation: ClassVar[str]  # Dutch, for `avgscan rules` and the reports
    legal_reference: ClassVar[str]
    severity: ClassVar[str]
    needs: ClassVar[tuple[str, ...]]  # 'register', 'consents'
    per_pupil: ClassVar[bool]  # a violation per pupil (retention, consent) or per item (open access, BSN)

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]: ...


def finding_refs(scanned: ScannedItem, types: tuple[str, ...] | None = None,
                 leerlingnummer: str | None = None) -> list[int]:
    """Indexes (within the item) of the findings behind a violation; turned into report indexes later."""
    return [i for i, f in enumerate(scanned.findings)
            if (types is None or f.entity_type in types)
            and (leerlingnummer is None or f.leerlingnummer in (None, leerlingnummer))]


def pupils(scanned: ScannedItem) -> list[str]:
    """The pupils whose link is sure enough for a violation (scanner/link_review.py has the rest)."""
    return sorted({s.leerlingnummer for s in scanned.subjects if s.confirmed})
