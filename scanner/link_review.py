"""Violations that rest on how sure a pupil link is.

A violation is only reported when its pupil was linked by at least medium evidence (a full name; a
BSN, dossier folder or file name is stronger). An abbreviated name ('J. de Boer'), a name that is also
a parent's or staff member's, or a name that fits two pupils is too weak: the rules are run once more
as if such a link held, and whatever that would add goes to the FG's review list with the reason, never
silently dropped. Every reported violation says, masked, why its pupil was linked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem, Subject, Violation
from scanner.rules.base import Rule, RuleContext

STRENGTH_WORD = {"decisive": ("beslissend", "decisive"), "strong": ("sterk", "strong"), "medium": ("middel", "medium"),
                 "weak": ("zwak", "weak")}


def linked_by(subject: Subject | None) -> str:
    """'sterk: dossiermap van de leerling; volledige naam J. de B…' (masked evidence only)."""
    if subject is None:
        return ""
    word = say(*STRENGTH_WORD[subject.strength]) if subject.strength in STRENGTH_WORD else subject.strength
    return f"{word}: {'; '.join(subject.evidence)}"


def explain(violations: Iterable[Violation], scanned: ScannedItem) -> None:
    by_pupil = {s.leerlingnummer: s for s in scanned.subjects}
    for v in violations:
        if v.leerlingnummer:
            v.linked_by = linked_by(by_pupil.get(v.leerlingnummer))


def to_review(scanned: ScannedItem, rules: list[Rule], ctx: RuleContext, reported: list[Violation]) -> list[Violation]:
    """What the rules would add if the item's weak or ambiguous links held; each with its reason. A rule
    about the item as a whole (open access, a BSN) that already reported it adds nothing to review."""
    tentative = {s.leerlingnummer: s for s in scanned.subjects if not s.confirmed}
    if not tentative:
        return []
    what_if = replace(scanned, subjects=[replace(s, ambiguous=False, strength="medium") if not s.confirmed else s
                                         for s in scanned.subjects])
    seen = {(v.rule, v.leerlingnummer) for v in reported}
    reported_rules = {v.rule for v in reported}
    extra: list[Violation] = []
    for rule in rules:
        if not rule.per_pupil and rule.code in reported_rules:
            continue
        for v in rule.check(what_if, ctx):
            if (v.rule, v.leerlingnummer) in seen or (v.leerlingnummer and v.leerlingnummer not in tentative):
                continue
            seen.add((v.rule, v.leerlingnummer))
            subject = tentative.get(v.leerlingnummer or "") or next(iter(tentative.values()))
            v.linked_by = linked_by(subject)
            why = "; ".join(subject.evidence)
            v.review_reason = say(f"Koppeling aan de leerling te zwak om als overtreding te melden: {why}. Controleer "
                                  "of het om deze leerling gaat.", f"The link to the pupil is too weak to report a "
                                  f"violation: {why}. Check whether it is this pupil.")
            extra.append(v)
    return extra
