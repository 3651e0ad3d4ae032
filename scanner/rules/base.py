"""What a rule is, and the context every rule gets (records, policy, reference date).

A rule class owns everything the reports and `avgscan rules` say about it: its code, severity, title
and recommended action in Dutch and English, legal reference, and its explanation, built from the
policy values it applies (a school with other retention periods reads its own periods). The reports
look a rule up by code in the registry (scanner/rules/__init__.py); they keep no texts of their own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from scanner.config import Policy
from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Severity, Violation
from scanner.linking import RegisterIndex
from scanner.records.consents import Consent


@dataclass(frozen=True)
class Words:
    """A text in Dutch (what the FG reads by default) and English (`--lang en`); both are required, so
    a rule cannot ship a title or action the English report would have to show in Dutch."""

    nl: str
    en: str

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def said(self) -> str:
        """In the language of this run (kernel.messages.set_language)."""
        return say(self.nl, self.en)


@dataclass
class RuleContext:
    policy: Policy
    as_of: date
    register: RegisterIndex | None  # None: no register configured
    consents: list[Consent] | None  # None: no consent records configured

    def consents_for(self, leerlingnummer: str) -> list[Consent]:
        return [c for c in (self.consents or []) if c.leerlingnummer == leerlingnummer]


class Rule(ABC):
    code: ClassVar[str]  # stable: docs/rules.md; never renamed
    severity: ClassVar[Severity]  # a rule may raise or lower it per violation
    title: ClassVar[Words]
    action: ClassVar[Words]  # what the FG should do about a violation
    legal_reference: ClassVar[str]  # article citations read the same in both languages
    explanation: ClassVar[Words]  # fixed text; a rule whose text names policy values overrides explain()
    needs: ClassVar[tuple[str, ...]] = ()  # 'register', 'consents'
    per_pupil: ClassVar[bool]  # a violation per pupil (retention, consent) or per item (open access, BSN)

    @abstractmethod
    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]: ...

    def explain(self, policy: Policy) -> str:
        """What the rule checks, with the values of `policy`, in this run's language."""
        return self.explanation.said()

    def violation(self, scanned: ScannedItem, *, message: str, findings: list[int],
                  leerlingnummer: str | None, severity: str | None = None) -> Violation:
        """A violation of this rule in `scanned`, with the rule's reference and (Dutch) action; the
        reports show the action in their own language through the registry."""
        return Violation(rule=self.code, severity=severity or self.severity, source=scanned.item.source,
                         path=scanned.item.path, leerlingnummer=leerlingnummer, message=message,
                         legal_reference=self.legal_reference, findings=findings, action=self.action.nl)


def finding_refs(scanned: ScannedItem, types: tuple[str, ...] | None = None,
                 leerlingnummer: str | None = None) -> list[int]:
    """Indexes (within the item) of the findings behind a violation; turned into report indexes later."""
    return [i for i, f in enumerate(scanned.findings)
            if (types is None or f.entity_type in types)
            and (leerlingnummer is None or f.leerlingnummer in (None, leerlingnummer))]


def pupils(scanned: ScannedItem) -> list[str]:
    """The pupils whose link is sure enough for a violation (scanner/link_review.py has the rest)."""
    return sorted({s.leerlingnummer for s in scanned.subjects if s.confirmed})
