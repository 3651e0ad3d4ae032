"""open-access: personal data in an open place, or in a file everyone may read."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.kernel.messages import say
from scanner.kernel.model import SPECIAL_CATEGORY_TYPES, WEAK_NAME_SCORE, ScannedItem, Violation
from scanner.rules.base import RuleContext, finding_refs, pupils

OPEN_PRINCIPALS = {"everyone", "iedereen", "authenticated users", "geverifieerde gebruikers", "domain users",
                   "domeingebruikers", "s-1-1-0", "s-1-5-11"}


def personal_data(scanned: ScannedItem) -> bool:
    """Pupil data, identifiers and contact details count; a staff name, a diagnosis word alone or a
    lone capitalised word the NER took for a name ('Gymles') does not."""
    if pupils(scanned) or scanned.unknown_children:
        return True
    for f in scanned.findings:
        if f.entity_type == "PERSON":
            if f.person_kind != "staff" and (f.leerlingnummer or f.score > WEAK_NAME_SCORE):
                return True
        elif f.entity_type not in SPECIAL_CATEGORY_TYPES and f.entity_type != "FAMILY_SITUATION":
            return True
    return False


def why_open(scanned: ScannedItem) -> str | None:
    item = scanned.item
    if item.role == "open":
        return say("staat in een map die voor iedereen open is", "is in a folder open to everyone")
    if item.access.world_readable:
        return say("bestand is voor iedereen leesbaar", "file can be read by everyone") + \
            f" ({say('rechten', 'mode')} {oct(item.access.mode or 0)[2:]})"
    open_acl = [p for p in item.access.acl if p.lower() in OPEN_PRINCIPALS]
    if open_acl:
        return say("leesrecht voor", "read access for") + f" {', '.join(open_acl)}"
    return None


class OpenAccess:
    code = "open-access"
    title = "Persoonsgegevens open toegankelijk"
    explanation = ("Persoonsgegevens of bijzondere gegevens staan in een map die voor iedereen open is, of in "
                   "een bestand waarvan de eigen rechten iedereen laten lezen (ongeacht de bovenliggende mappen).")
    legal_reference = "AVG art. 5 lid 1 onder f en art. 32 (beveiliging); art. 9 bij bijzondere gegevens"
    severity = "hoog"
    needs: tuple[str, ...] = ()
    per_pupil = False  # one violation per item, whoever's data it holds

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        reason = why_open(scanned)
        if reason is None or scanned.item.register or not personal_data(scanned):
            return
        concerned = pupils(scanned)
        special = any(f.entity_type in SPECIAL_CATEGORY_TYPES for f in scanned.findings)
        yield Violation(
            rule=self.code, severity="hoog" if special or any(f.entity_type == "NL_BSN" for f in scanned.findings)
            else "middel", source=scanned.item.source, path=scanned.item.path,
            leerlingnummer=concerned[0] if len(concerned) == 1 else None,
            message=say(f"Persoonsgegevens ({len(concerned)} leerling(en)); het item {reason}.",
                        f"Personal data ({len(concerned)} pupil(s)); the item {reason}."),
            legal_reference=self.legal_reference, findings=finding_refs(scanned),
            action="Rechten beperken tot wie de gegevens nodig heeft, of het bestand verwijderen.")
