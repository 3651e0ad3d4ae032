"""consent-out-of-scope: Toestemming dekt deze gegevens niet."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import RuleContext
from scanner.rules.consent_rules import consent_violations


class ConsentOutOfScope:
    code = "consent-out-of-scope"
    title = "Toestemming dekt deze gegevens niet"
    explanation = (
        "Er is toestemming voor de partij, maar die dekt niet elke categorie gegevens die gedeeld "
        "is (bijv. gezondheid of ontwikkeling)."
    )
    legal_reference = "AVG art. 6 lid 1 onder a en art. 7 (specifieke toestemming)"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = "Aanvullende toestemming vragen voor de ontbrekende categorie of alleen delen wat gedekt is."

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
