"""consent-wrong-giver: Toestemming door de verkeerde persoon gegeven."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import RuleContext
from scanner.rules.consent_rules import consent_violations


class ConsentWrongGiver:
    code = "consent-wrong-giver"
    title = "Toestemming door de verkeerde persoon gegeven"
    explanation = (
        "Wie toestemming geeft hangt af van de leeftijd van de leerling op de dag van geven: onder "
        "12 de ouder, 12 t/m 15 ouder en leerling samen, vanaf 16 de leerling zelf."
    )
    legal_reference = "AVG art. 8; UAVG art. 5; WGBO art. 7:450 BW (12-16 jaar)"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = "Toestemming opnieuw laten geven door de juiste persoon of personen."

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
