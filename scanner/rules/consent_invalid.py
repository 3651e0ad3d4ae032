"""consent-invalid: Toestemming niet geldig op de deeldatum."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import RuleContext
from scanner.rules.consent_rules import consent_violations


class ConsentInvalid:
    code = "consent-invalid"
    title = "Toestemming niet geldig op de deeldatum"
    explanation = "De toestemming was op de datum van delen ingetrokken, verlopen, of pas later gegeven."
    legal_reference = "AVG art. 7 lid 3 (intrekking); art. 6 lid 1 onder a"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = "Niet meer delen; nieuwe toestemming vragen en de verstrekking beoordelen."

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
