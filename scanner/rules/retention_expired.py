"""retention-expired: the pupil left longer ago than the retention period of the place."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.dates import add_years
from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import RuleContext, finding_refs, pupils


def retention_years(scanned: ScannedItem, ctx: RuleContext) -> float:
    item = scanned.item
    if item.kind == "row":
        table = item.path.split(":", 1)[1].split("#", 1)[0]
        if table in ctx.policy.retention.tables:
            return ctx.policy.retention.tables[table]
    return ctx.policy.retention.roles.get(item.role or "", ctx.policy.retention.default_years)


class RetentionExpired:
    code = "retention-expired"
    title = "Bewaartermijn verstreken"
    explanation = ("De leerling is langer geleden uitgeschreven dan de bewaartermijn van de plek waar de "
                   "gegevens staan (standaard 3 jaar, administratie 5 jaar), en de gegevens staan er nog.")
    legal_reference = "AVG art. 5 lid 1 onder e (opslagbeperking); Normenkader IBP PR.07"
    severity = "hoog"
    needs = ("register",)
    per_pupil = True  # one violation per pupil in the item

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        if scanned.item.register or scanned.legal_hold or ctx.register is None or scanned.item.kind == "disclosure":
            return
        years = retention_years(scanned, ctx)
        for nummer in pupils(scanned):
            pupil = ctx.register.pupils[nummer]
            if pupil.uitschrijving is None:
                continue
            limit = add_years(pupil.uitschrijving, years)
            if limit < ctx.as_of:
                yield Violation(
                    rule=self.code, severity=self.severity, source=scanned.item.source,
                    path=scanned.item.path, leerlingnummer=nummer,
                    message=say(f"Leerling {nummer} is uitgeschreven op {pupil.uitschrijving:%d-%m-%Y}; de "
                                f"bewaartermijn van {years:g} jaar liep af op {limit:%d-%m-%Y} "
                                f"({(ctx.as_of - limit).days} dagen geleden).",
                                f"Pupil {nummer} left on {pupil.uitschrijving:%d-%m-%Y}; the retention period of "
                                f"{years:g} years ended on {limit:%d-%m-%Y} ({(ctx.as_of - limit).days} days ago)."),
                    legal_reference=self.legal_reference, findings=finding_refs(scanned, None, nummer),
                    action="Verwijderen of, waar de wet dat eist, archiveren; daarna opnieuw scannen.")
