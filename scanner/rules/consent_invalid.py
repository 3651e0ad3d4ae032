"""consent-invalid: Toestemming niet geldig op de deeldatum."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, Words
from scanner.rules.consent_rules import consent_violations


class ConsentInvalid(Rule):
    code = "consent-invalid"
    title = Words("Toestemming niet geldig op de deeldatum", "Consent not valid on the sharing date")
    explanation = Words("De toestemming was op de datum van delen ingetrokken, verlopen, of pas later gegeven.",
                        "On the day the data was shared the consent had been withdrawn, had expired, or had not "
                        "yet been given.")
    legal_reference = "AVG art. 7 lid 3 (intrekking); art. 6 lid 1 onder a"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = Words("Niet meer delen; nieuwe toestemming vragen en de verstrekking beoordelen.",
                   "Stop sharing; ask for new consent and assess the disclosure.")

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
