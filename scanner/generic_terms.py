"""Special-category words with nobody they could be about are policy text, not personal data.

A privacy statement that says "wij verwerken geen gegevens over godsdienst of etnische afkomst"
names categories, not a person. When an item holds no person (other than staff), no identifier and
no linked pupil, its special-category findings are dropped.
"""

from __future__ import annotations

from scanner.kernel.entities import catalogue
from scanner.kernel.model import ScannedItem


def about_someone(scanned: ScannedItem) -> bool:
    """A subject, an unknown child, a person other than staff or any value (a number, an address): the
    catalogue's `term` types (config/entities.yaml) are about nobody on their own."""
    if scanned.subjects or scanned.unknown_children:
        return True
    terms = catalogue().of_kind("term")
    return any((f.entity_type == "PERSON" and f.person_kind != "staff")
               or f.entity_type not in terms and f.entity_type != "PERSON" for f in scanned.findings)


def drop_generic_terms(scanned: ScannedItem) -> None:
    if not about_someone(scanned):
        terms = catalogue().of_kind("term")
        scanned.findings = [f for f in scanned.findings if f.entity_type not in terms]
