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

Two steps: `candidates` reads the text at detection time (cacheable, keyed); `resolve` runs after
linking, when it is known which names are pupils, staff or parents.
"""

from __future__ import annotations

import re

import regex

from scanner.detection.detect import sentence_index
from scanner.detection.masking import mask
from scanner.keys import Keyer
from scanner.model import SPECIAL_CATEGORY_TYPES, ChildCandidate, Finding, TextUnit, UnknownChild

KIN = re.compile(r"\b(broer|broertje|zus|zusje|zusjes|broertjes|zoon|dochter|neef|nichtje|neefje|"
                 r"halfbroer|halfzus|stiefbroer|stiefzus|pleegbroer|pleegzus|tweelingbroer|tweelingzus)"
                 r"\s+$", re.IGNORECASE)
SUBJECT_LABEL = re.compile(r"^\s*(naam leerling|naam kind|kind|leerling|naam)\s*:\s*$", re.IGNORECASE)
ADULT = re.compile(r"\b(mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|de heer|moeder|vader|ouder|juf|meester|"
                   r"melder|contactpersoon|aan|van|door|met|naam moeder|naam vader)\s*:?\s*$", re.IGNORECASE)
KIN_NAME = regex.compile(r"(?i:" + KIN.pattern.replace(r"\s+$", r")[ ]+") +
                         r"(\p{Lu}\p{Ll}+(?:[ ](?:van|de|der|den|ter|ten|'t|in 't))*(?:[ ]\p{Lu}[\p{Ll}-]+)?)")
# Something in the sentence says it is about a child: an age, a kinship word, a school word.
CHILD_CUE = re.compile(r"\b(\d{1,2}\s*(jr|jaar)\b|broer|zus|zoon|dochter|kind|leerling|lln|groep|klas|"
                       r"aangemeld|aanmelding|geboren|baby|peuter|kleuter|neef|nicht)", re.IGNORECASE)
# Words of a written name: capitalised words and lower-case particles ('Simon van der Schuijt'); an
# abbreviation ('Advies CvB') is no name.
NAME_SHAPE = regex.compile(r"^\p{Lu}[\p{Ll}'-]+(?:[ ](?:\p{Lu}[\p{Ll}'-]+|van|de|der|den|ter|ten|'t|el|al|da|di))+$")
ROLE_AFTER = re.compile(r"^\s*\((ib|smw|orthopedagoog|intern begeleider|leerkracht|mentor|directeur|"
                        r"notulist|jeugdarts|psycholoog)", re.IGNORECASE)


def _kin_mentions(units: list[TextUnit], findings: list[Finding]) -> list[Finding]:
    """Names right after a kinship word that no recognizer reported (a first name alone, say)."""
    extra = []
    for u in units:
        for m in KIN_NAME.finditer(u.text):
            start, end = m.start(2), m.end(2)
            if any(f.place == u.place and f.start < end and start < f.end and f.entity_type == "PERSON"
                   for f in findings):
                continue
            extra.append(Finding(source="", path="", place=u.place, entity_type="PERSON", score=0.5,
                                 evidence="", recognizer="kin", value=m.group(2), start=start, end=end,
                                 person_kind="unknown", sentence=sentence_index(u.text, start)))
    return extra


def _sentence_of(text: str, pos: int) -> str:
    """The sentence around `pos` (ends at . ! ? ; or a line break)."""
    start = max(text.rfind(c, 0, pos) for c in ".!?;\n") + 1
    ends = [i for i in (text.find(c, pos) for c in ".!?;\n") if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def candidates(units: list[TextUnit], findings: list[Finding], keyer: Keyer) -> list[ChildCandidate]:
    """People who are an unknown child unless linking finds they are a pupil, staff or a parent."""
    special = [f for f in findings if f.entity_type in SPECIAL_CATEGORY_TYPES]
    if not special:
        return []
    extra = _kin_mentions(units, findings)
    text_of = {u.place: u.text for u in units}
    found: list[ChildCandidate] = []
    for i, f in enumerate(findings + extra):
        if f.entity_type != "PERSON":
            continue
        text = text_of.get(f.place, "")
        before, after = text[:f.start], text[f.end:]
        same_sentence = [s for s in special if s.place == f.place and s.sentence == f.sentence and s.start > f.end]
        kin = bool(KIN.search(before[-30:]))
        adult = bool(ADULT.search(before[-25:])) or bool(ROLE_AFTER.match(after))
        if adult and not kin:
            continue
        label = bool(SUBJECT_LABEL.match(before))
        full_name = (len(f.value.split()) >= 2 and bool(NAME_SHAPE.match(f.value))
                     and bool(CHILD_CUE.search(_sentence_of(text, f.start))))
        if (kin and same_sentence) or (label and special) or (full_name and same_sentence):
            found.append(ChildCandidate(
                finding=i if i < len(findings) else None, key=keyer.name(f.value.split()[0]),
                name_key=keyer.name(f.value), masked_name=mask("PERSON", f.value), place=f.place,
                categories=sorted({s.entity_type for s in (same_sentence or special)})))
    return found


def resolve(cands: list[ChildCandidate], findings: list[Finding], pupil_names: set[str]) -> list[UnknownChild]:
    """Keep the candidates linking left unknown; `pupil_names` are keyed full and first names of pupils."""
    children: dict[str, UnknownChild] = {}
    for c in cands:
        if c.finding is not None:
            f = findings[c.finding]
            if f.leerlingnummer or f.person_kind not in ("unknown", None):
                continue
        elif c.name_key in pupil_names:
            continue
        children.setdefault(c.key, UnknownChild(masked_name=c.masked_name, place=c.place, categories=c.categories))
    return list(children.values())
