"""Whose data is it? Link an item's findings to pupils in the register (the Subjects).

Every link is evidence with a strength (model.STRENGTHS), kept with masked reasons for the FG:
decisive - a BSN, onderwijsnummer or leerlingnummer (database reference, number column); strong - the
dossier folder, the file name, a 'Naam leerling:' field or a pupil's group after the name, a full name
with the pupil's birth date; medium - a full name, a row's name columns; weak - only initials, a name
that is also a staff member's or parent's. A name the text gives an adult role (scanner.person_roles)
is no pupil link at all. A first name alone only counts for a pupil the item is already about. Two
pupils with the same name and nothing to tell them apart give an ambiguous link, never a guess.

Everything is compared as keyed hashes (scanner/keys.py): the same code links a fresh scan and a
cached one, and no raw value is needed to re-link after the register changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from scanner.forms import FormRecord, name_field, records
from scanner.kernel.entities import catalogue
from scanner.kernel.keys import Keyer
from scanner.kernel.messages import say
from scanner.kernel.model import STRENGTHS, Detected, Finding, RowKeys, Subject, TextUnit
from scanner.kernel.names import full_forms, short_forms, split_name
from scanner.records.register import Pupil


@dataclass
class RegisterIndex:
    """Keyed lookups over the register and the allow-lists, built once per scan."""

    pupils: dict[str, Pupil]
    keyer: Keyer
    by_id: dict[str, str] = field(default_factory=dict)  # BSN / onderwijsnummer key -> leerlingnummer
    by_number: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # full names
    by_short: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # 'J. de Boer', 'Ilse G.'
    by_first: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    birth: dict[str, str | None] = field(default_factory=dict)  # leerlingnummer -> birth date key
    others: dict[str, str] = field(default_factory=dict)  # any written form of an adult's name -> 'staff'/'parent'

    @classmethod
    def build(cls, pupils: list[Pupil], keyer: Keyer | None = None, staff: list[str] = (),  # type: ignore[assignment]
              parents: list[str] = ()) -> RegisterIndex:  # type: ignore[assignment]
        k = keyer or Keyer()
        idx = cls({p.leerlingnummer: p for p in pupils}, k)
        for p in pupils:
            for ident in (p.bsn, p.onderwijsnummer):
                if ident:
                    idx.by_id[k.digits(ident)] = p.leerlingnummer
            idx.by_number[k.number(p.leerlingnummer)] = p.leerlingnummer
            short = set(short_forms(p.roepnaam, p.voorvoegsel, p.achternaam, p.voornamen))
            for form in full_forms(p.roepnaam, p.voorvoegsel, p.achternaam, p.voornamen):
                (idx.by_short if form in short else idx.by_name)[k.name(form)].add(p.leerlingnummer)
            if p.roepnaam:
                idx.by_first[k.name(p.roepnaam)].add(p.leerlingnummer)
            idx.birth[p.leerlingnummer] = k.date(p.geboortedatum) if p.geboortedatum else None
        for kind, names in (("parent", parents), ("staff", staff)):
            for name in names:
                idx.others[k.name(name)] = kind
                given, particles, surname = split_name(name)
                if given:
                    for form in full_forms(given.split()[0], particles, surname, given):
                        idx.others[k.name(form)] = kind
        return idx

    def narrow_by_birth(self, candidates: list[str], birth_keys: set[str]) -> list[str]:
        narrowed = [c for c in candidates if self.birth.get(c) in birth_keys]
        return narrowed or candidates

    def names_in(self, text: str) -> set[str]:
        """Pupils whose full name is written in a short text (a file or folder name): every run of two
        to five words is looked up, so 'OPP 2024 Jesse de Boer def' finds Jesse de Boer."""
        words = re.findall(r"[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*,?", text.replace("_", " "))
        found: set[str] = set()
        for n in range(2, 6):
            for i in range(len(words) - n + 1):
                run = words[i:i + n]
                for turn in range(n):  # file names put the surname first: 'Boer Jesse de', 'Kamper Kian'
                    found |= self.by_name.get(self.keyer.name(" ".join(run[turn:] + run[:turn])), set())
        return found


def folder_regex(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", pattern)
    rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{rx}$")


def _from_folder(path: str, rx: re.Pattern[str] | None, idx: RegisterIndex) -> list[str]:
    """The configured dossier-folder pattern first, on every folder of the path; then the fallback."""
    folders = path.split("/")[:-1]
    for part in folders:
        m = rx.match(part) if rx is not None else None
        if not m:
            continue
        groups = m.groupdict()
        nummer = (groups.get("leerlingnummer") or "").strip()
        if nummer in idx.pupils:
            return [nummer]
        name = " ".join(g for g in (groups.get(k) for k in ("roepnaam", "voorvoegsel", "achternaam")) if g)
        found = idx.by_name.get(idx.keyer.name(name), set())
        if len(found) == 1:
            return list(found)
    for part in folders:
        found = _folder_fallback(part, idx)
        if found:
            return found
    return []


def _folder_fallback(part: str, idx: RegisterIndex) -> list[str]:
    """A dossier folder that does not follow the configured pattern: a leerlingnummer in it, or the
    folder name is exactly one pupil's name in one of its written forms ('Vries, Sanne de')."""
    if not re.search(r"[^\W\d_]{2}", part):
        return []  # a year or a bare number is no dossier folder
    for number in re.findall(r"(?<!\d)\d{3,9}(?!\d)", part):
        if number in idx.pupils and (not YEAR.match(number) or number in idx.names_in(part)):
            return [number]  # 'Verslagen 2024' is a year, not pupil 2024
    name = re.sub(r"[\d()\[\]_-]+", " ", part).strip()
    found = idx.by_name.get(idx.keyer.name(name), set()) if name else set()
    return list(found) if len(found) == 1 else []


YEAR = re.compile(r"^(19|20)\d\d$")


def row_keys(units: list[TextUnit], keyer: Keyer, recs: dict[str, FormRecord] | None = None) -> dict[str, RowKeys]:
    """Keyed name, number and birth date of each record (sheet or database row, form section, document
    table row) that has such fields, read at detection time; `recs` when the caller has them already."""
    out: dict[str, RowKeys] = {}
    for key, rec in (records(units) if recs is None else recs).items():
        name = rec.full_name()
        cells = rec.cells
        number = cells.get("leerlingnummer")
        if name or number:
            out[key] = RowKeys(name=keyer.name(name) if name else None,
                               number=keyer.number(number) if number else None,
                               birth=keyer.date(cells["geboortedatum"]) if cells.get("geboortedatum") else None,
                               subject=rec.subject)
    return out


def _link_rows(detected: Detected, idx: RegisterIndex, ev: Evidence) -> None:
    if not detected.rows:
        return
    names_by_row: dict[str | None, list[Finding]] = defaultdict(list)  # once, not once per row: sheets are long
    for f in detected.findings:
        if f.entity_type == "PERSON" and f.record is not None:
            names_by_row[f.record].append(f)
    for key, row in detected.rows.items():
        if not row.subject or any(f.role == "adult" for f in names_by_row.get(key, [])):
            continue  # a parent's or contact's section, a row 'Pepijn Cuijpers | vader', is never a pupil's record
        nummers: list[str] = []
        if row.number and row.number in idx.by_number:
            nummers = [idx.by_number[row.number]]
            how = ("column", "decisive", say("leerlingnummer in de rij", "leerlingnummer in the row"))
        elif row.name:
            nummers = sorted(idx.by_name.get(row.name, set()))
            how = ("column", "medium", say("naam in de rij", "name in the row"))
            if row.birth and any(idx.birth.get(n) == row.birth for n in nummers):
                nummers = idx.narrow_by_birth(nummers, {row.birth})
                how = ("column", "strong", say("naam en geboortedatum in de rij", "name and birth date in the row"))
            elif row.name in idx.others and len(nummers) == 1:  # a father named like a former pupil
                ev.doubt(nummers[0], say("naam in de rij is ook die van een", "the name in the row is also that of a")
                         + f" {adult_word(idx.others[row.name])}")
                continue
        if len(nummers) == 1:
            ev.add(nummers[0], *how)
            for f in names_by_row.get(key, []):  # the row's name cells, not a sibling in its notes cell
                if f.leerlingnummer is None and f.person_kind not in ("staff", "parent") and f.role != "adult" \
                        and (f.role == "pupil" or name_field(f.column or "") is not None):
                    f.leerlingnummer, f.person_kind = nummers[0], "pupil"
        else:
            ev.ambiguous.update(nummers)


class Evidence:
    """What an item says about whose data it holds: per pupil, the strongest way it was linked and
    every reason, masked, for the FG."""

    def __init__(self) -> None:
        self.subjects: dict[str, Subject] = {}
        self.ambiguous: set[str] = set()
        self.review: dict[str, str] = {}  # leerlingnummer -> why the link is in doubt

    def add(self, nummer: str, method: str, strength: str, reason: str) -> None:
        rank = STRENGTHS.index(strength)
        s = self.subjects.get(nummer)
        if s is None:
            self.subjects[nummer] = Subject(nummer, method, CONFIDENCE[strength], strength=strength, evidence=[reason])
            return
        if reason not in s.evidence:
            s.evidence.append(reason)
        if rank > STRENGTHS.index(s.strength):
            s.method, s.strength, s.confidence = method, strength, CONFIDENCE[strength]
            s.evidence.sort(key=lambda r: r != reason)

    def doubt(self, nummer: str, reason: str) -> None:
        """A possible link the text does not settle (a namesake adult fits too): only ever reviewed."""
        self.review.setdefault(nummer, reason)

    def result(self) -> list[Subject]:
        subjects = list(self.subjects.values())
        for nummer, reason in sorted(self.review.items()):
            if nummer not in self.subjects:
                subjects.append(Subject(nummer, "name", CONFIDENCE["weak"], strength="weak", evidence=[reason]))
            elif STRENGTHS.index(self.subjects[nummer].strength) < STRENGTHS.index("strong"):
                self.subjects[nummer].evidence.append(reason)
        subjects += [Subject(n, "name", 0.5, ambiguous=True, strength="weak",
                             evidence=[say("naam past bij meer dan één leerling", "the name fits more than one pupil")])
                     for n in sorted(self.ambiguous - set(self.subjects) - set(self.review))]
        return subjects


CONFIDENCE = {"weak": 0.4, "medium": 0.7, "strong": 0.9, "decisive": 1.0}


def _link_person(f: Finding, idx: RegisterIndex, births: set[str], ev: Evidence) -> None:
    """A PERSON finding: a full name is medium evidence (strong with the pupil's birth date or a 'Naam
    leerling:' label), an abbreviated name weak; a name in an adult role, or one that is also a staff
    member's or parent's, is no pupil link."""
    key = f.key or ""
    adult_kind = idx.others.get(key)
    full = sorted(idx.by_name.get(key, set()))
    short = sorted(idx.by_short.get(key, set())) if not full else []
    who = f.evidence or "naam"
    if f.role == "adult":
        f.leerlingnummer, f.person_kind = None, adult_kind or "adult"
        return
    if full:
        cands = idx.narrow_by_birth(full, births) if len(full) > 1 or births else full
        born = [c for c in cands if idx.birth.get(c) in births]
        if len(cands) > 1:
            f.leerlingnummer, f.person_kind = None, "pupil"
            ev.ambiguous.update(cands)
            return
        nummer = cands[0]
        if adult_kind and not born and f.role != "pupil":
            # a father named like a former pupil: the text must tell them apart, or nobody is linked
            f.leerlingnummer, f.person_kind = None, adult_kind
            ev.doubt(nummer, say(f"naam {who} is ook die van een", f"name {who} is also that of a")
                     + f" {adult_word(adult_kind)}")
            return
        f.leerlingnummer, f.person_kind = nummer, "pupil"
        if born:
            ev.add(nummer, "name", "strong", say(f"naam {who} met geboortedatum", f"name {who} with birth date"))
        elif f.role == "pupil":
            ev.add(nummer, "name", "strong", say("naam", "name") + f" {who} ({f.role_cue})")
        else:
            ev.add(nummer, "name", "medium", say("volledige naam", "full name") + f" {who}")
    elif short and (not adult_kind or f.role == "pupil"):
        f.person_kind = "pupil"
        if len(short) > 1:
            f.leerlingnummer = None
            ev.ambiguous.update(short)
            return
        f.leerlingnummer = short[0]
        if f.role == "pupil":
            ev.add(short[0], "name", "medium", say("verkorte naam", "abbreviated name") + f" {who} ({f.role_cue})")
        else:
            ev.add(short[0], "name", "weak", say(f"alleen verkorte naam {who} (initiaal of eerste letter)",
                                                 f"only an abbreviated name {who} (initial or first letter)"))
    elif adult_kind:
        f.leerlingnummer, f.person_kind = None, adult_kind
    elif key in idx.by_first:
        f.leerlingnummer, f.person_kind = None, "first"  # decided once the item's pupils are known
    else:
        f.leerlingnummer, f.person_kind = None, "unknown"


ADULT_WORD = {"staff": ("medewerker", "staff member"), "parent": ("ouder", "parent"), "adult": ("volwassene", "adult")}


def adult_word(kind: str) -> str:
    return say(*ADULT_WORD.get(kind, ADULT_WORD["adult"]))


def _file_name_subjects(path: str, idx: RegisterIndex) -> list[str]:
    """Pupils named in the file name ('Verslag Jesse de Boer 2024.docx'): what the document is about."""
    stem = path.rsplit("/", 1)[-1].rsplit("!/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    found = idx.names_in(stem)
    return sorted(found) if len(found) == 1 else []


def link(path: str, kind_row: bool, detected: Detected, idx: RegisterIndex,
         folder_rx: re.Pattern[str] | None) -> list[Subject]:
    """Set each finding's leerlingnummer/person_kind and return the item's subjects with their evidence."""
    ev = Evidence()
    if detected.ref_key and detected.ref_key in idx.by_number:
        ev.add(idx.by_number[detected.ref_key], "reference", "decisive",
               say("leerlingnummer in de databaserij", "leerlingnummer in the database row"))
    for nummer in _from_folder(path, folder_rx, idx):
        ev.add(nummer, "folder", "strong", say("dossiermap van de leerling", "the pupil's dossier folder"))
    if not kind_row:
        for nummer in _file_name_subjects(path, idx):
            ev.add(nummer, "file name", "strong", say("naam van de leerling in de bestandsnaam",
                                                      "the pupil's name in the file name"))
    cat = catalogue()  # how each type is keyed: config/entities.yaml
    births = {f.key for f in detected.findings if cat.describe(f.entity_type).key == "birth" and f.key}
    for f in detected.findings:
        row = cat.describe(f.entity_type)
        if row.identifier and row.key == "number":  # a BSN or onderwijsnummer the register holds: decisive
            f.leerlingnummer = idx.by_id.get(f.key or "")
            if f.leerlingnummer:
                ev.add(f.leerlingnummer, row.label.casefold(), "decisive", f"{row.label} {f.evidence}")
        elif f.entity_type == "PERSON":
            _link_person(f, idx, births, ev)
    _link_rows(detected, idx, ev)
    known = {n for n, s in ev.subjects.items() if s.confirmed}
    for f in detected.findings:  # first names alone: only pupils this item is already about
        if f.entity_type == "PERSON" and f.person_kind == "first":
            cands = [c for c in idx.by_first.get(f.key or "", set()) if c in known]
            f.leerlingnummer = cands[0] if len(cands) == 1 else None
            f.person_kind = "pupil" if f.leerlingnummer else "unknown"
    return ev.result()
