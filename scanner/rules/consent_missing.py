"""consent-missing: Toestemming ontbreekt."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import RuleContext
from scanner.rules.consent_rules import consent_violations


class ConsentMissing:
    code = "consent-missing"
    title = "Toestemming ontbreekt"
    explanation = (
        "Gegevens van een leerling staan op een plek of in een tabel voor een externe partij, "
        "terwijl er geen toestemming voor die leerling en partij is en de partij niet is "
        "vrijgesteld."
    )
    legal_reference = "AVG art. 6 lid 1 onder a en art. 7; art. 9 lid 2 onder a (bijzondere gegevens)"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = "Toestemming vragen of de gegevens terughalen en de verstrekking als mogelijk datalek beoordelen."

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
