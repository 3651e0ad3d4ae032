"""Children who are not in the register but about whom special-category data occurs.

A sibling in a care note ('broertje Simon (3 jr., epilepsie)'), an applicant in an intake form, a
pupil already removed from the register. The signals, each a plain reading of school documents:
- a kinship word right before a name, with special-category data later in that sentence;
- the subject line of a form ('Naam leerling:', 'Kind:', 'Leerling:') naming someone who is not
  a pupil, in a document with special-category data;
- a full name (first name and surname) that is not a pupil, not staff and not a parent, in the same
  sentence as special-category data.
Adults are excluded by their form of address ('mevrouw Kamper', 'Naam moeder:') and staff by the
allow-list. One entry per child per place.
"""

from __future__ import annotations

import re

import regex

from scanner.detection.detect import sentence_index
from scanner.detection.masking import mask
from scanner.detection.names import fold
from scanner.model import SPECIAL_CATEGORY_TYPES, Finding, TextUnit, UnknownChild

KIN = re.compile(r"\b(broer|broertje|zus|zusje|zusjes|broertjes|zoon|dochter|neef|nichtje|neefje|"
                 r"halfbroer|halfzus|stiefbroer|stiefzus|pleegbroer|pleegzus|tweelingbroer|tweelingzus)"
                 r"\s+$", re.IGNORECASE)
SUBJECT_LABEL = re.compile(r"^\s*(naam leerling|naam kind|kind|leerling|naam)\s*:\s*$", re.IGNORECASE)
ADULT = re.compile(r"\b(mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|de heer|moeder|vader|ouder|juf|meester|"
                   r"melder|contactpersoon|aan|van|door|met|naam moeder|naam vader)\s*:?\s*$", re.IGNORECASE)
KIN_NAME = regex.compile(r"(?i:" + KIN.pattern.replace(r"\s+$", r")[ ]+") +
                         r"(\p{Lu}\p{Ll}+(?:[ ](?:van|de|der|den|ter|ten|'t|in 't))*(?:[ ]\p{Lu}[\p{Ll}-]+)?)")
ROLE_AFTER = re.compile(r"^\s*\((ib|smw|orthopedagoog|intern begeleider|leerkracht|mentor|directeur|"
                        r"notulist|jeugdarts|psycholoog)", re.IGNORECASE)


def _special(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.entity_type in SPECIAL_CATEGORY_TYPES]


def _kin_mentions(units: list[TextUnit], findings: list[Finding]) -> list[Finding]:
    """Names right after a kinship word that no recognizer reported (a first name alone, say)."""
    extra = []
    for u in units:
        for m in KIN_NAME.finditer(u.text):
            start, end = m.start(2), m.end(2)
            if not u.text[start].isupper():
                continue
            if any(f.place == u.place and f.start < end and start < f.end and f.entity_type == "PERSON"
                   for f in findings):
                continue
            extra.append(Finding(source="", path="", place=u.place, entity_type="PERSON", score=0.5,
                                 evidence="", recognizer="kin", value=m.group(2), start=start, end=end,
                                 person_kind="unknown", sentence=sentence_index(u.text, start)))
    return extra


def find_unknown_children(units: list[TextUnit], findings: list[Finding]) -> list[UnknownChild]:
    special = _special(findings)
    if not special:
        return []
    findings = findings + _kin_mentions(units, findings)
    by_place: dict[str, list[Finding]] = {}
    for f in findings:
        by_place.setdefault(f.place, []).append(f)
    text_of = {u.place: u.text for u in units}
    children: dict[str, UnknownChild] = {}
    for f in findings:
        if f.entity_type != "PERSON" or f.person_kind not in ("unknown", None) or f.leerlingnummer:
            continue
        text = text_of.get(f.place, "")
        before, after = text[:f.start], text[f.end:]
        same_sentence = [s for s in by_place.get(f.place, []) if s in special and s.sentence == f.sentence
                         and s.start > f.end]
        kin = bool(KIN.search(before[-30:]))
        label = bool(SUBJECT_LABEL.match(before))
        adult = bool(ADULT.search(before[-25:])) or bool(ROLE_AFTER.match(after))
        full_name = len(f.value.split()) >= 2
        if adult and not kin:
            continue
        if (kin and same_sentence) or (label and special) or (full_name and same_sentence):
            cats = sorted({s.entity_type for s in (same_sentence or special)})
            key = fold(f.value.split()[0])
            if key not in children:
                children[key] = UnknownChild(masked_name=mask("PERSON", f.value), place=f.place,
                                             categories=cats)
    return list(children.values())
