"""open-access: personal data in an open place, or in a file everyone may read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from scanner.config import Policy
from scanner.kernel.entities import catalogue
from scanner.kernel.messages import say
from scanner.kernel.model import WEAK_NAME_SCORE, ScannedItem, Violation
from scanner.rules.base import Rule, RuleContext, Words, finding_refs, pupils


def personal_data(scanned: ScannedItem) -> bool:
    """Pupil data, identifiers and contact details count; a staff name, a diagnosis word alone or a
    lone capitalised word the NER took for a name ('Gymles') does not."""
    if pupils(scanned) or scanned.unknown_children:
        return True
    terms = catalogue().of_kind("term")  # a diagnosis or family word alone is about nobody yet
    for f in scanned.findings:
        if f.entity_type == "PERSON":
            if f.person_kind != "staff" and (f.leerlingnummer or f.score > WEAK_NAME_SCORE):
                return True
        elif f.entity_type not in terms:
            return True
    return False


def why_open(scanned: ScannedItem, policy: Policy) -> str | None:
    """Why the item is open: its place's role, its own permission for everyone, or readers whose
    audience (as the source mapped them) the policy calls open (`open_access.audiences`)."""
    audiences = policy.open_access.audiences
    item = scanned.item
    if policy.role_means(item.role, "open_to_everyone"):
        return say("staat in een map die voor iedereen open is", "is in a folder open to everyone")
    if item.access.world_readable and "everyone" in audiences:
        return say("bestand is voor iedereen leesbaar", "file can be read by everyone") + \
            f" ({say('rechten', 'mode')} {oct(item.access.mode or 0)[2:]})"
    granted = [p for a in audiences for p in item.access.audiences.get(a, [])]
    readers = [p for p in item.access.acl if p in granted] + [p for p in dict.fromkeys(granted)
                                                                if p not in item.access.acl]
    if readers:
        return say("leesrecht voor", "read access for") + f" {', '.join(readers)}"
    return None


class OpenAccess(Rule):
    code = "open-access"
    title = Words("Persoonsgegevens open toegankelijk", "Personal data openly accessible")
    action = Words("Rechten beperken tot wie de gegevens nodig heeft, of het bestand verwijderen.",
                   "Restrict access to those who need the data, or delete the file.")
    legal_reference = "AVG art. 5 lid 1 onder f en art. 32 (beveiliging); art. 9 bij bijzondere gegevens"
    severity = "hoog"  # "middel" without a `breach` type (config/entities.yaml): no special category, no BSN
    needs: tuple[str, ...] = ()
    per_pupil = False  # one violation per item, whoever's data it holds
    explanation = Words("Persoonsgegevens of bijzondere gegevens staan op een plek die voor iedereen open is (rol "
                        "{roles}), of in een bestand waarvan de eigen rechten het laten lezen door {audiences} "
                        "(ongeacht de bovenliggende mappen).",
                        "Personal or special-category data sits in a place open to everyone (role {roles}), or in a "
                        "file whose own permissions let {audiences} read it (whatever its parent folders allow).")
    # the audiences of the shared access vocabulary (scanner/kernel/model.py AUDIENCES) in the rule's words
    audience_words: ClassVar[dict[str, Words]] = {
        "everyone": Words("iedereen", "everyone"),
        "organisation": Words("de hele organisatie", "the whole organisation"),
        "external": Words("externe partijen", "outside parties"),
        "anonymous_link": Words("iedereen met de link", "anyone with the link"),
    }

    def explain(self, policy: Policy) -> str:
        audiences = [self.audience_words[a].said() for a in policy.open_access.audiences]
        return self.explanation.said().format(roles=", ".join(policy.roles_meaning("open_to_everyone")) or "-",
                                              audiences=", ".join(audiences) or "-")

    def check(self, scanned: ScannedItem, ctx: RuleContext) -> Iterator[Violation]:
        reason = why_open(scanned, ctx.policy)
        if reason is None or scanned.item.register or not personal_data(scanned):
            return
        concerned = pupils(scanned)
        breach = catalogue().breach_types  # special categories and a BSN: what makes an open place a breach
        yield self.violation(
            scanned, severity="hoog" if any(f.entity_type in breach for f in scanned.findings) else "middel",
            leerlingnummer=concerned[0] if len(concerned) == 1 else None,
            message=say(f"Persoonsgegevens ({len(concerned)} leerling(en)); het item {reason}.",
                        f"Personal data ({len(concerned)} pupil(s)); the item {reason}."),
            findings=finding_refs(scanned))
