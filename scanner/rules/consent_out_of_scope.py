"""consent-out-of-scope: Toestemming dekt deze gegevens niet."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, Words
from scanner.rules.consent_rules import consent_violations


class ConsentOutOfScope(Rule):
    code = "consent-out-of-scope"
    title = Words("Toestemming dekt deze gegevens niet", "Consent does not cover this data")
    explanation = Words("Er is toestemming voor de partij, maar die dekt niet elke categorie gegevens die gedeeld "
                        "is (bijv. gezondheid of ontwikkeling).",
                        "There is consent for the party, but it does not cover every category of data shared "
                        "(e.g. health or development).")
    legal_reference = "AVG art. 6 lid 1 onder a en art. 7 (specifieke toestemming)"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = Words("Aanvullende toestemming vragen voor de ontbrekende categorie of alleen delen wat gedekt is.",
                   "Ask for additional consent for the missing category, or share only what is covered.")

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
