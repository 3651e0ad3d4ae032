"""Shared check of the four consent rules: one decision per (item, pupil), each rule reports its part."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.model import ScannedItem, Violation
from scanner.rules.base import RuleContext, finding_refs, pupils
from scanner.rules.consent_decision import ConsentOutcome, decide


def outcomes(scanned: ScannedItem, ctx: RuleContext) -> Iterator[tuple[str, ConsentOutcome]]:
    if scanned.item.role != "outbound" or not scanned.item.party or ctx.register is None:
        return
    for nummer in pupils(scanned):
        yield nummer, decide(scanned, nummer, ctx.register.pupils[nummer], ctx.consents_for(nummer), ctx.policy)


def consent_violations(rule: object, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
    code = rule.code  # type: ignore[attr-defined]
    for nummer, out in outcomes(scanned, ctx):
        if code == "consent-missing" and out.status == "missing":
            message = (f"Gegevens van leerling {nummer} ({', '.join(sorted(out.categories))}) zijn gedeeld met "
                       f"{scanned.item.party}, maar er is geen toestemming voor deze partij.")
        elif out.status == "problem" and code in out.problems:
            message = f"Gedeeld met {scanned.item.party} op {scanned.share_date:%d-%m-%Y}: {out.detail[code]}."
        else:
            continue
        yield Violation(rule=code, severity=rule.severity, source=scanned.item.source,  # type: ignore[attr-defined]
                        path=scanned.item.path, leerlingnummer=nummer, message=message,
                        legal_reference=rule.legal_reference,  # type: ignore[attr-defined]
                        findings=finding_refs(scanned, None, nummer),
                        action=rule.action)  # type: ignore[attr-defined]
