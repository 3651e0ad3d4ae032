"""consent-missing: Toestemming ontbreekt."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.config import Policy
from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, Words
from scanner.rules.consent_rules import consent_violations


class ConsentMissing(Rule):
    code = "consent-missing"
    title = Words("Toestemming ontbreekt", "Consent missing")
    explanation = Words("Gegevens van een leerling staan op een plek of in een tabel voor een externe partij, "
                        "terwijl er geen toestemming voor die leerling en partij is en de partij niet is "
                        "vrijgesteld (vrijgesteld zijn: {exempt}).",
                        "A pupil's data sits in a place or table for an outside party, while there is no consent "
                        "for that pupil and party and the party is not exempt (exempt: {exempt}).")
    legal_reference = "AVG art. 6 lid 1 onder a en art. 7; art. 9 lid 2 onder a (bijzondere gegevens)"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = Words("Toestemming vragen of de gegevens terughalen en de verstrekking als mogelijk datalek beoordelen.",
                   "Ask for consent or retrieve the data, and assess the disclosure as a possible breach.")

    def explain(self, policy: Policy) -> str:
        return self.explanation.said().format(exempt=", ".join(policy.exempt_parties) or "-")

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
