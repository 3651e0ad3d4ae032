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
from collections.abc import Container
from pathlib import PurePosixPath

import regex

from scanner.detection.detect import sentence_index
from scanner.detection.masking import mask
from scanner.detection.paragraphs import unit_of, units_by_place
from scanner.forms import INITIALS, NAME_WORD, PARTICLES, FormRecord, document_record, name_shaped, records
from scanner.kernel.entities import catalogue
from scanner.kernel.keys import Keyer
from scanner.kernel.model import ChildCandidate, Finding, TextUnit, UnknownChild
from scanner.kernel.text import fold

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


def candidates(units: list[TextUnit], findings: list[Finding], keyer: Keyer, path: str | None = None,
               recs: dict[str, FormRecord] | None = None) -> list[ChildCandidate]:
    """People who are an unknown child unless linking finds they are a pupil, staff or a parent."""
    special_types = catalogue().special_categories
    special = [f for f in findings if f.entity_type in special_types]
    if not special:
        return []
    recs = records(units) if recs is None else recs
    adult_records = {rid for rid, rec in recs.items() if not rec.subject}
    special = [f for f in special if f.record not in adult_records]  # a parent's health is not the child's
    if not special:
        return []
    found = _record_candidates(units, findings, recs, special, keyer)
    return found + _text_candidates(units, findings, special, keyer, adult_records,
                                    _file_name_candidate(path, findings, recs, adult_records, special, keyer))


def _text_candidates(units: list[TextUnit], findings: list[Finding], special: list[Finding], keyer: Keyer,
                     adult_records: set[str], from_file: list[ChildCandidate]) -> list[ChildCandidate]:
    extra = _kin_mentions(units, findings)
    by_place = units_by_place(units)
    found: list[ChildCandidate] = []
    for i, f in enumerate(findings + extra):
        if f.entity_type != "PERSON" or f.record in adult_records:
            continue
        u = unit_of(units, by_place, f.place, f.start, f.end, f.value)
        text = units[u].text if u is not None else ""
        before, after = text[:f.start], text[f.end:]
        same_sentence = [s for s in special if s.place == f.place and s.sentence == f.sentence and s.start > f.end]
        kin = bool(KIN.search(before[-30:]))
        adult = bool(ADULT.search(before[-25:])) or bool(ROLE_AFTER.match(after))
        if adult and not kin:
            continue
        label = bool(SUBJECT_LABEL.match(before))
        full_name = (len(f.value.split()) >= 2 and bool(NAME_SHAPE.match(f.value))
                     and bool(CHILD_CUE.search(_sentence_of(text, f.start))) and not family_name(f, findings))
        if (kin and same_sentence) or (label and special) or (full_name and same_sentence):
            found.append(ChildCandidate(
                finding=i if i < len(findings) else None, key=keyer.name(f.value.split()[0]),
                name_key=keyer.name(f.value), masked_name=mask("PERSON", f.value), place=f.place,
                categories=sorted({s.entity_type for s in (same_sentence or special)})))
    return found + from_file


def family_name(f: Finding, findings: list[Finding]) -> bool:
    """'El Idrissi' in 'Aanmelding gezin El Idrissi' is the surname of 'Adam El Idrissi' elsewhere in the
    document: a family, not another child."""
    return any(g.entity_type == "PERSON" and g is not f and g.value.endswith(" " + f.value) for g in findings)


def _categories(special: list[Finding]) -> list[str]:
    return sorted({s.entity_type for s in special})


def _record_candidates(units: list[TextUnit], findings: list[Finding], recs: dict[str, FormRecord],
                       special: list[Finding], keyer: Keyer) -> list[ChildCandidate]:
    """The child a form is about: a subject section's split names ('Achternaam: ten Brink / Roepnaam:
    Noor') or 'Naam leerling' field, assembled into one person, in a document with special-category data."""
    found: list[ChildCandidate] = []
    place_of = {}
    for u in units:
        if u.record is not None:
            place_of.setdefault(u.record, u.place)
    for rid, rec in recs.items():
        if not (document_record(rid) and rec.subject):
            continue
        name, given = rec.full_name(), rec.given_name()
        if not name or not given or len(name.replace(",", " ").split()) < 2 or not name_shaped(name):
            continue  # a first name alone, or no name at all
        person = next((i for i, f in enumerate(findings) if f.record == rid and f.entity_type == "PERSON"), None)
        found.append(ChildCandidate(finding=person, key=keyer.name(given), name_key=keyer.name(name),
                                    masked_name=mask("PERSON", name), place=place_of.get(rid, rid),
                                    categories=_categories(special)))
    return found


_FILE_WORD = regex.compile(r"[\p{L}][\p{L}'.-]*|,|\d+")
ADULT_BEFORE = re.compile(ADULT.pattern.replace(r")\s*:?\s*$", r"|t\.?a\.?v\.?|aan|voor)\s*:?\s*$"), re.IGNORECASE)


def _name_runs(stem: str) -> list[list[str]]:
    """Runs of name words in a file name ('Aanmelding ten Brink, Noor' -> [Aanmelding ten Brink , Noor]):
    capitalised words, particles and a comma; a number or any other word ends a run. A run after an
    adult's form of address ('Brief aan dhr. Kamper') is left out."""
    runs: list[list[str]] = []
    run: list[str] = []
    words = _FILE_WORD.findall(stem.replace("_", " "))
    for k, w in enumerate(words):
        if w == "," or (w.lower() in PARTICLES and w.islower()) or NAME_WORD.match(w.rstrip(".")):
            if not run and ADULT_BEFORE.search(" ".join(words[:k]) + " "):
                continue
            run.append(w)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _surname_at(run: list[str], g: int, known: set[str]) -> list[str]:
    """The surname next to the first name at `g`: after it ('Noor ten Brink'), before a comma before it
    ('ten Brink, Noor') or just before it ('Kamper Kian'). A surname without a particle or comma must be
    a name the document mentions (`known`): 'Sanne Verslag' and 'Gesprek Sanne' name no surname."""
    after = run[g + 1:]
    if "," in after:
        after = after[:after.index(",")]
    before = run[:g]
    comma = bool(before) and before[-1] == ","
    if comma:
        before = before[:-1]
    tail: list[str] = []
    for w in reversed(before):
        if w == ",":
            break
        if NAME_WORD.match(w) and any(NAME_WORD.match(x) for x in tail):
            break  # one capitalised word: 'Aanmelding' before 'Kamper Kian' is no part of the name
        tail.insert(0, w)
    for surname, marked in ((after, False), (tail, comma)):
        caps = [fold(w) for w in surname if NAME_WORD.match(w)]
        if caps and (marked or any(w in PARTICLES for w in surname) or all(c in known for c in caps)):
            return surname
    return []


def _file_name_candidate(path: str | None, findings: list[Finding], recs: dict[str, FormRecord],
                         adult_records: set[str], special: list[Finding], keyer: Keyer) -> list[ChildCandidate]:
    """The child a file name names ('Aanmelding Noor ten Brink.docx', 'Intake ten Brink, Noor 2026.pdf').
    Only a name the document itself mentions counts (its form's child, or a first name in its text);
    the text also says which word is the first name. A form's child named by the file is that form's
    record candidate already."""
    if not path:
        return []
    stem = PurePosixPath(path.rsplit("!/", 1)[-1]).stem
    runs = [r for r in _name_runs(stem) if sum(1 for w in r if NAME_WORD.match(w)) >= 2]
    if not runs:
        return []
    for rec in recs.values():
        name = rec.full_name() if rec.subject else None
        if name and any(_words_in(name, run) for run in runs):
            return []  # the form's child: its record candidate
    persons = [(i, f) for i, f in enumerate(findings) if f.entity_type == "PERSON"
               and f.record not in adult_records and not INITIALS.match(f.value.split()[0])]
    known = {fold(w) for _, f in persons for w in f.value.replace(",", " ").split()}
    known |= {fold(w) for rec in recs.values() for v in rec.fields.values() for w in v.replace(",", " ").split()}
    for i, f in persons:  # the document's own full name first: it says which word is the first name
        words = f.value.replace(",", " ").split()
        if len(words) >= 2 and "," not in f.value and not family_name(f, findings) \
                and any(_words_in(f.value, run) for run in runs):
            return [_file_child(i, f, f.value, words[0], special, keyer)]
    surnames = {fold(v) for rec in recs.values() for k, v in rec.fields.items() if k in ("achternaam", "voorvoegsel")}
    for i, f in persons:  # else a first name alone ('Noor heeft ADHD') next to a surname in the file name
        if len(f.value.split()) != 1 or fold(f.value) in surnames:
            continue
        for run in runs:
            if f.value in run and (surname := _surname_at(run, run.index(f.value), known)):
                return [_file_child(i, f, " ".join([f.value, *surname]), f.value, special, keyer)]
    return []


def _file_child(i: int, f: Finding, name: str, given: str, special: list[Finding], keyer: Keyer) -> ChildCandidate:
    return ChildCandidate(finding=i, key=keyer.name(given), name_key=keyer.name(name), masked_name=mask("PERSON", name),
                          place=f.place, categories=_categories(special))


def _words_in(name: str, run: list[str]) -> bool:
    """The name's capitalised words are all in the run (particles may be left out: 'Aanmelding Koning Anna')."""
    words = {fold(w) for w in run if w != ","}
    return all(fold(w) in words for w in name.replace(",", " ").split() if w.lower() not in PARTICLES)


def resolve(cands: list[ChildCandidate], findings: list[Finding], pupil_names: Container[str],
            others: Container[str] = ()) -> list[UnknownChild]:
    """Keep the candidates linking left unknown; `pupil_names` are keyed full and first names of pupils,
    `others` keyed names of staff and parents."""
    children: dict[str, UnknownChild] = {}
    for c in cands:
        if c.finding is not None:
            f = findings[c.finding]
            if f.leerlingnummer or f.person_kind not in ("unknown", None):
                continue
        if c.name_key in pupil_names or c.name_key in others:
            continue
        children.setdefault(c.key, UnknownChild(masked_name=c.masked_name, place=c.place, categories=c.categories))
    return list(children.values())
