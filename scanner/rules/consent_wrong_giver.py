"""consent-wrong-giver: Toestemming door de verkeerde persoon gegeven."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.config import Policy
from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Violation
from scanner.records.consents import normalise_giver
from scanner.rules.base import Rule, RuleContext, Words
from scanner.rules.consent_rules import consent_violations


def givers_by_age(policy: Policy) -> str:
    """"onder 12 'ouder', 12 t/m 15 'ouder+leerling', vanaf 16 'leerling'" from policy.consent.givers."""
    parts, lower = [], None
    for rule in policy.consent.givers:
        giver = f"'{normalise_giver(rule.giver)}'"
        if rule.below_age is None:
            parts.append(say(f"vanaf {lower} {giver}", f"{lower} and older {giver}") if lower is not None
                         else say(f"altijd {giver}", f"always {giver}"))
            break
        if lower is None:
            parts.append(say(f"onder {rule.below_age} {giver}", f"under {rule.below_age} {giver}"))
        else:
            parts.append(say(f"{lower} t/m {rule.below_age - 1} {giver}", f"{lower} to {rule.below_age - 1} {giver}"))
        lower = rule.below_age
    return ", ".join(parts)


class ConsentWrongGiver(Rule):
    code = "consent-wrong-giver"
    title = Words("Toestemming door de verkeerde persoon gegeven", "Consent given by the wrong person")
    explanation = Words("Wie toestemming geeft hangt af van de leeftijd van de leerling op de dag van geven: "
                        "{givers}.",
                        "Who gives consent depends on the pupil's age on the day it is given: {givers}.")
    legal_reference = "AVG art. 8; UAVG art. 5; WGBO art. 7:450 BW (12-16 jaar)"
    severity = "hoog"
    needs = ("register", "consents")
    per_pupil = True  # one violation per pupil in the item
    action = Words("Toestemming opnieuw laten geven door de juiste persoon of personen.",
                   "Have consent given again by the right person or persons.")

    def explain(self, policy: Policy) -> str:
        return self.explanation.said().format(givers=givers_by_age(policy))

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        yield from consent_violations(self, scanned, ctx)
