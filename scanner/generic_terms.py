"""Special-category words with nobody they could be about are policy text, not personal data.

A privacy statement that says "wij verwerken geen gegevens over godsdienst of etnische afkomst"
names categories, not a person. When an item holds no person (other than staff), no identifier and
no linked pupil, its special-category findings are dropped.
"""

from __future__ import annotations

from scanner.kernel.model import SPECIAL_CATEGORY_TYPES, ScannedItem

ABOUT_NOBODY = (*SPECIAL_CATEGORY_TYPES, "FAMILY_SITUATION")


def about_someone(scanned: ScannedItem) -> bool:
    if scanned.subjects or scanned.unknown_children:
        return True
    return any((f.entity_type == "PERSON" and f.person_kind != "staff")
               or f.entity_type not in (*ABOUT_NOBODY, "PERSON") for f in scanned.findings)


def drop_generic_terms(scanned: ScannedItem) -> None:
    if not about_someone(scanned):
        scanned.findings = [f for f in scanned.findings if f.entity_type not in ABOUT_NOBODY]
