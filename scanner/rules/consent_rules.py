"""Shared check of the four consent rules: one decision per (item, pupil), each rule reports its part."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, finding_refs, pupils
from scanner.rules.consent_decision import ConsentOutcome, decide
from scanner.sharing import describe, shared_on


def outcomes(scanned: ScannedItem, ctx: RuleContext) -> Iterator[tuple[str, ConsentOutcome]]:
    if not ctx.policy.role_means(scanned.item.role, "shared_with_party") or not scanned.item.party \
            or ctx.register is None:
        return
    for nummer in pupils(scanned):
        yield nummer, decide(scanned, nummer, ctx.register.pupils[nummer], ctx.consents_for(nummer), ctx.policy,
                             ctx.as_of)


def consent_violations(rule: Rule, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
    code = rule.code
    for nummer, out in outcomes(scanned, ctx):
        # the day and where it came from, so the FG can check the date the verdict rests on
        if code == "consent-missing" and out.status == "missing":
            cats = ", ".join(sorted(out.categories))
            message = say(f"Gegevens van leerling {nummer} ({cats}) zijn {shared_on(out.shared, out.shared_source)} "
                          f"met {scanned.item.party}, maar er is geen toestemming voor deze partij.",
                          f"Data of pupil {nummer} ({cats}) were {shared_on(out.shared, out.shared_source)} with "
                          f"{scanned.item.party}, but there is no consent for this party.")
        elif out.status == "problem" and code in out.problems:
            message = (say(f"Gedeeld met {scanned.item.party} op", f"Shared with {scanned.item.party} on")
                       + f" {out.shared:%d-%m-%Y} ({describe(out.shared_source)}): {out.detail[code]}.")
        else:
            continue
        yield rule.violation(scanned, leerlingnummer=nummer, message=message,
                             findings=finding_refs(scanned, None, nummer))
