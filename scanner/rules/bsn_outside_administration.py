"""bsn-outside-administration: a BSN anywhere but the places whose role allows it and the register."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.config import Policy
from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, Words, finding_refs


class BsnOutsideAdministration(Rule):
    code = "bsn-outside-administration"
    title = Words("BSN buiten de administratie", "BSN outside the administration")
    action = Words("BSN verwijderen of onleesbaar maken; gebruik het leerlingnummer.",
                   "Remove the BSN or make it unreadable; use the pupil number.")
    legal_reference = "UAVG art. 46; Wet persoonsgebonden nummers in het onderwijs"
    severity = "hoog"
    needs: tuple[str, ...] = ()
    per_pupil = False  # one violation per item, whoever's data it holds
    explanation = Words("Een burgerservicenummer mag alleen worden gebruikt waar de wet dat voorschrijft (het "
                        "register en de plekken met rol {roles}); elders is het onrechtmatig.",
                        "A citizen service number may only be used where the law prescribes it (the register and "
                        "places with role {roles}); anywhere else it is unlawful.")

    def explain(self, policy: Policy) -> str:
        roles = ", ".join(policy.roles_meaning("bsn_allowed")) or "-"
        return self.explanation.said().format(roles=roles)

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        item = scanned.item
        if ctx.policy.role_means(item.role, "bsn_allowed") or item.register:
            return
        bsns = [f for f in scanned.findings if f.entity_type == "NL_BSN"]
        if not bsns:
            return
        linked = sorted({f.leerlingnummer for f in bsns if f.leerlingnummer})
        yield self.violation(
            scanned, leerlingnummer=linked[0] if len(linked) == 1 and len(bsns) == 1 else None,
            message=say(f"{len(bsns)} BSN('s) gevonden buiten de administratie.",
                        f"{len(bsns)} BSN(s) found outside the administration."),
            findings=finding_refs(scanned, ("NL_BSN",)))
