"""retention-expired: the pupil left longer ago than the retention period of the place."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.config import Policy
from scanner.kernel.dates import add_years
from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, Words, finding_refs, pupils


def retention_years(scanned: ScannedItem, ctx: RuleContext) -> float:
    item = scanned.item
    if item.kind == "row":
        table = item.path.split(":", 1)[1].split("#", 1)[0]
        if table in ctx.policy.retention.tables:
            return ctx.policy.retention.tables[table]
    return ctx.policy.retention.roles.get(item.role or "", ctx.policy.retention.default_years)


def periods(policy: Policy) -> str:
    """'standaard 3 jaar; rol administration 5 jaar' from policy.retention, in this run's language."""
    r = policy.retention
    parts = [say(f"standaard {r.default_years:g} jaar", f"{r.default_years:g} years by default")]
    parts += [say(f"rol {role} {years:g} jaar", f"role {role} {years:g} years") for role, years in r.roles.items()]
    parts += [say(f"tabel {table} {years:g} jaar", f"table {table} {years:g} years")
              for table, years in r.tables.items()]
    return "; ".join(parts)


class RetentionExpired(Rule):
    code = "retention-expired"
    title = Words("Bewaartermijn verstreken", "Retention period expired")
    action = Words("Verwijderen of, waar de wet dat eist, archiveren; daarna opnieuw scannen.",
                   "Delete, or archive where the law requires it; then scan again.")
    legal_reference = "AVG art. 5 lid 1 onder e (opslagbeperking); Normenkader IBP PR.07"
    severity = "hoog"
    needs = ("register",)
    per_pupil = True  # one violation per pupil in the item
    explanation = Words("De leerling is langer geleden uitgeschreven dan de bewaartermijn van de plek waar de "
                        "gegevens staan ({periods}), en de gegevens staan er nog.",
                        "The pupil left longer ago than the retention period of the place where the data sits "
                        "({periods}), and the data is still there.")

    def explain(self, policy: Policy) -> str:
        return self.explanation.said().format(periods=periods(policy))

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
                yield self.violation(
                    scanned, leerlingnummer=nummer, findings=finding_refs(scanned, None, nummer),
                    message=say(f"Leerling {nummer} is uitgeschreven op {pupil.uitschrijving:%d-%m-%Y}; de "
                                f"bewaartermijn van {years:g} jaar liep af op {limit:%d-%m-%Y} "
                                f"({(ctx.as_of - limit).days} dagen geleden).",
                                f"Pupil {nummer} left on {pupil.uitschrijving:%d-%m-%Y}; the retention period of "
                                f"{years:g} years ended on {limit:%d-%m-%Y} ({(ctx.as_of - limit).days} days ago)."))
