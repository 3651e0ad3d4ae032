"""bsn-outside-administration: a BSN anywhere but the administration and the register."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Violation
from scanner.rules.base import RuleContext, finding_refs


class BsnOutsideAdministration:
    code = "bsn-outside-administration"
    title = "BSN buiten de administratie"
    explanation = ("Een burgerservicenummer mag alleen worden gebruikt waar de wet dat voorschrijft (de "
                   "leerlingadministratie en het register); elders is het onrechtmatig.")
    legal_reference = "UAVG art. 46; Wet persoonsgebonden nummers in het onderwijs"
    severity = "hoog"
    needs: tuple[str, ...] = ()
    per_pupil = False  # one violation per item, whoever's data it holds

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        item = scanned.item
        if item.role == "administration" or item.register:
            return
        bsns = [f for f in scanned.findings if f.entity_type == "NL_BSN"]
        if not bsns:
            return
        linked = sorted({f.leerlingnummer for f in bsns if f.leerlingnummer})
        yield Violation(
            rule=self.code, severity=self.severity, source=item.source, path=item.path,
            leerlingnummer=linked[0] if len(linked) == 1 and len(bsns) == 1 else None,
            message=say(f"{len(bsns)} BSN('s) gevonden buiten de administratie.",
                        f"{len(bsns)} BSN(s) found outside the administration."),
            legal_reference=self.legal_reference, findings=finding_refs(scanned, ("NL_BSN",)),
            action="BSN verwijderen of onleesbaar maken; gebruik het leerlingnummer.")
