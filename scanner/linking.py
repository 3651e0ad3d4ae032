"""Whose data is it? Link an item's findings to pupils in the register (the Subjects).

Evidence, strongest first: a database reference (foreign key or leerlingnummer column), the dossier
folder's name, a BSN or onderwijsnummer, a full name (with a birth date to tell namesakes apart), a
row's split name columns. A first name alone only counts for a pupil the item is already about.
Two pupils with the same name and nothing to tell them apart give an ambiguous link, never a guess.

Everything is compared as keyed hashes (scanner/keys.py): the same code links a fresh scan and a
cached one, and no raw value is needed to re-link after the register changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from scanner.detection.names import full_forms
from scanner.forms import name_columns, records
from scanner.keys import Keyer
from scanner.model import Detected, Finding, RowKeys, Subject, TextUnit
from scanner.records.register import Pupil

Add = Callable[[str, str, float], None]


@dataclass
class RegisterIndex:
    """Keyed lookups over the register and the allow-lists, built once per scan."""

    pupils: dict[str, Pupil]
    keyer: Keyer
    by_id: dict[str, str] = field(default_factory=dict)  # BSN / onderwijsnummer key -> leerlingnummer
    by_number: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_first: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    birth: dict[str, str | None] = field(default_factory=dict)  # leerlingnummer -> birth date key
    others: dict[str, str] = field(default_factory=dict)  # name key -> 'staff' / 'parent'

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
            for form in full_forms(p.roepnaam, p.voorvoegsel, p.achternaam, p.voornamen):
                idx.by_name[k.name(form)].add(p.leerlingnummer)
            if p.roepnaam:
                idx.by_first[k.name(p.roepnaam)].add(p.leerlingnummer)
            idx.birth[p.leerlingnummer] = k.date(p.geboortedatum) if p.geboortedatum else None
        for kind, names in (("parent", parents), ("staff", staff)):
            for name in names:
                idx.others[k.name(name)] = kind
        return idx

    def narrow_by_birth(self, candidates: list[str], birth_keys: set[str]) -> list[str]:
        narrowed = [c for c in candidates if self.birth.get(c) in birth_keys]
        return narrowed or candidates


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
        if number in idx.pupils:
            return [number]
    name = re.sub(r"[\d()\[\]_-]+", " ", part).strip()
    found = idx.by_name.get(idx.keyer.name(name), set()) if name else set()
    return list(found) if len(found) == 1 else []


NAME_COLUMNS = name_columns()  # config/form_fields.yaml


def row_keys(units: list[TextUnit], kind_row: bool, keyer: Keyer) -> dict[str, RowKeys]:
    """Keyed name, number and birth date of each record (sheet or database row, form section, document
    table row) that has such fields, read at detection time; `kind_row` is kept for the callers."""
    out: dict[str, RowKeys] = {}
    for key, rec in records(units).items():
        name = rec.full_name()
        cells = rec.cells
        number = cells.get("leerlingnummer")
        if name or number:
            out[key] = RowKeys(name=keyer.name(name) if name else None,
                               number=keyer.number(number) if number else None,
                               birth=keyer.date(cells["geboortedatum"]) if cells.get("geboortedatum") else None,
                               subject=rec.subject)
    return out


def _link_rows(detected: Detected, kind_row: bool, idx: RegisterIndex, add: Add, ambiguous: set[str]) -> None:
    if not detected.rows:
        return
    names_by_row: dict[str | None, list[Finding]] = defaultdict(list)  # once, not once per row: sheets are long
    for f in detected.findings:
        if f.entity_type == "PERSON" and f.record is not None:
            names_by_row[f.record].append(f)
    for key, row in detected.rows.items():
        if not row.subject:
            continue  # a parent's or contact's section is never a pupil's record
        nummers: list[str] = []
        if row.number and row.number in idx.by_number:
            nummers = [idx.by_number[row.number]]
        elif row.name:
            nummers = sorted(idx.by_name.get(row.name, set()))
            if len(nummers) > 1 and row.birth:
                nummers = idx.narrow_by_birth(nummers, {row.birth})
        if len(nummers) == 1:
            add(nummers[0], "column", 0.9)
            for f in names_by_row.get(key, []):
                if f.leerlingnummer is None and f.person_kind not in ("staff", "parent"):
                    f.leerlingnummer, f.person_kind = nummers[0], "pupil"
        else:
            ambiguous.update(nummers)


def _link_person(f: Finding, idx: RegisterIndex, births: set[str], add: Add, ambiguous: set[str]) -> None:
    cands = sorted(idx.by_name.get(f.key or "", set()))
    if len(cands) > 1:
        cands = idx.narrow_by_birth(cands, births)
    if len(cands) == 1:
        f.leerlingnummer, f.person_kind = cands[0], "pupil"
        add(cands[0], "name", 0.9)
    elif cands:
        f.leerlingnummer, f.person_kind = None, "pupil"
        ambiguous.update(cands)
    elif (f.key or "") in idx.others:
        f.leerlingnummer, f.person_kind = None, idx.others[f.key or ""]
    elif (f.key or "") in idx.by_first:
        f.leerlingnummer, f.person_kind = None, "first"  # decided once the item's pupils are known
    else:
        f.leerlingnummer, f.person_kind = None, "unknown"


def link(path: str, kind_row: bool, detected: Detected, idx: RegisterIndex,
         folder_rx: re.Pattern[str] | None) -> list[Subject]:
    """Set each finding's leerlingnummer/person_kind and return the item's subjects."""
    strong: dict[str, Subject] = {}
    ambiguous: set[str] = set()

    def add(nummer: str, method: str, conf: float) -> None:
        if nummer not in strong or strong[nummer].confidence < conf:
            strong[nummer] = Subject(nummer, method, conf)

    if detected.ref_key and detected.ref_key in idx.by_number:
        add(idx.by_number[detected.ref_key], "reference", 1.0)
    for nummer in _from_folder(path, folder_rx, idx):
        add(nummer, "folder", 0.95)
    births = {f.key for f in detected.findings if f.entity_type == "DATE_OF_BIRTH" and f.key}
    for f in detected.findings:
        if f.entity_type in ("NL_BSN", "NL_ONDERWIJSNUMMER"):
            f.leerlingnummer = idx.by_id.get(f.key or "")
            if f.leerlingnummer:
                add(f.leerlingnummer, "bsn" if f.entity_type == "NL_BSN" else "onderwijsnummer", 1.0)
        elif f.entity_type == "PERSON":
            _link_person(f, idx, births, add, ambiguous)
    _link_rows(detected, kind_row, idx, add, ambiguous)
    for f in detected.findings:  # first names alone: only pupils this item is already about
        if f.entity_type == "PERSON" and f.person_kind == "first":
            cands = [c for c in idx.by_first.get(f.key or "", set()) if c in strong]
            f.leerlingnummer = cands[0] if len(cands) == 1 else None
            f.person_kind = "pupil" if f.leerlingnummer else "unknown"
    subjects = list(strong.values())
    subjects += [Subject(n, "name", 0.5, ambiguous=True) for n in sorted(ambiguous - set(strong))]
    return subjects
