"""unknown-subject: special-category data about a child who is not in the pupil register."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.entities import catalogue
from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, Words, finding_refs


class UnknownSubject(Rule):
    code = "unknown-subject"
    title = Words("Bijzondere gegevens over een kind buiten het register",
                  "Special-category data about a child outside the register")
    action = Words("Nagaan of deze gegevens hier nodig zijn; zo niet, verwijderen.",
                   "Check whether this data is needed here; if not, delete it.")
    legal_reference = "AVG art. 9 en art. 5 lid 1 onder c (minimale gegevens)"
    severity = "middel"
    needs = ("register",)
    per_pupil = False  # one violation per item, whoever's data it holds
    explanation = Words("Bijzondere gegevens (gezondheid, jeugdhulp, ...) over een kind dat niet in het "
                        "leerlingenregister staat: een broer of zus, een aangemelde of een uitgeschreven leerling.",
                        "Special-category data (health, youth care, ...) about a child who is not in the pupil "
                        "register: a brother or sister, an applicant or a pupil who has left.")

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        for child in scanned.unknown_children:
            yield self.violation(
                scanned, leerlingnummer=None, findings=finding_refs(scanned, catalogue().special_categories),
                message=say(f"Bijzondere gegevens ({', '.join(child.categories)}) over {child.masked_name} "
                            f"({child.place}), die niet in het leerlingenregister staat.",
                            f"Special-category data ({', '.join(child.categories)}) about {child.masked_name} "
                            f"({child.place}), who is not in the pupil register."))
