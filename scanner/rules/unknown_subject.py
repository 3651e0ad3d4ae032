"""unknown-subject: special-category data about a child who is not in the pupil register."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.messages import say
from scanner.kernel.model import SPECIAL_CATEGORY_TYPES, ScannedItem, Violation
from scanner.rules.base import RuleContext, finding_refs


class UnknownSubject:
    code = "unknown-subject"
    title = "Bijzondere gegevens over een kind buiten het register"
    explanation = ("Bijzondere gegevens (gezondheid, jeugdhulp, ...) over een kind dat niet in het "
                   "leerlingenregister staat: een broer of zus, een aangemelde of een uitgeschreven leerling.")
    legal_reference = "AVG art. 9 en art. 5 lid 1 onder c (minimale gegevens)"
    severity = "middel"
    needs = ("register",)
    per_pupil = False  # one violation per item, whoever's data it holds

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        for child in scanned.unknown_children:
            yield Violation(
                rule=self.code, severity=self.severity, source=scanned.item.source, path=scanned.item.path,
                leerlingnummer=None,
                message=say(f"Bijzondere gegevens ({', '.join(child.categories)}) over {child.masked_name} "
                            f"({child.place}), die niet in het leerlingenregister staat.",
                            f"Special-category data ({', '.join(child.categories)}) about {child.masked_name} "
                            f"({child.place}), who is not in the pupil register."),
                legal_reference=self.legal_reference,
                findings=finding_refs(scanned, SPECIAL_CATEGORY_TYPES),
                action="Nagaan of deze gegevens hier nodig zijn; zo niet, verwijderen.")
