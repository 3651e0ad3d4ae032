"""Whose data is it? Link an item's findings to pupils in the register (the Subjects).

Evidence, strongest first: a database reference (foreign key or leerlingnummer column), the dossier
folder's name, a BSN or onderwijsnummer, a full name (with a birth date to tell namesakes apart), a
row's split name columns. A first name alone only counts for a pupil the item is already about.
Two pupils with the same name and nothing to tell them apart give an ambiguous link, never a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from scanner.detection.names import fold, full_forms
from scanner.detection.tables import norm_header
from scanner.model import Content, Finding, Subject
from scanner.records.dates import parse_date
from scanner.records.register import Pupil

NAME_COLUMNS = {
    "roepnaam": ["roepnaam", "voornaam"],
    "voorvoegsel": ["voorvoegsel", "voorvoegsels", "tussenvoegsel", "tussenvoegsels"],
    "achternaam": ["achternaam", "geslachtsnaam", "officieleachternaam"],
    "naam": ["naam", "naamleerling", "volledigenaam", "leerling"],
    "leerlingnummer": ["leerlingnummer", "llnr", "lln.nr", "stamnummer", "leerlingid"],
    "geboortedatum": ["geboortedatum", "gebdatum"],
}
_ROW = re.compile(r"^(?:(?P<sheet>.*)!)?[A-Z]+(?P<row>\d+)$")


@dataclass
class RegisterIndex:
    """Lookups over the register, built once per scan."""

    pupils: dict[str, Pupil]
    by_bsn: dict[str, str] = field(default_factory=dict)
    by_onr: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def build(cls, pupils: list[Pupil]) -> RegisterIndex:
        idx = cls({p.leerlingnummer: p for p in pupils})
        for p in pupils:
            if p.bsn:
                idx.by_bsn[p.bsn] = p.leerlingnummer
            if p.onderwijsnummer:
                idx.by_onr[p.onderwijsnummer] = p.leerlingnummer
            for form in full_forms(p.roepnaam, p.voorvoegsel, p.achternaam, p.voornamen):
                idx.by_name[fold(form)].add(p.leerlingnummer)
        return idx


def folder_regex(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", pattern)
    rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{rx}$")


def _from_folder(path: str, rx: re.Pattern[str] | None, idx: RegisterIndex) -> list[str]:
    if rx is None:
        return []
    for part in path.split("/")[:-1]:
        m = rx.match(part)
        if not m:
            continue
        groups = m.groupdict()
        nummer = (groups.get("leerlingnummer") or "").strip()
        if nummer in idx.pupils:
            return [nummer]
        name = " ".join(groups.get(k) or "" for k in ("roepnaam", "voorvoegsel", "achternaam"))
        found = idx.by_name.get(fold(name), set())
        if len(found) == 1:
            return list(found)
    return []


def _row_key(place: str, column: str | None, kind_row: bool) -> str | None:
    if kind_row:
        return "row"
    m = _ROW.match(place)
    return f"{m.group('sheet')}!{m.group('row')}" if m and column else None


def _row_pupils(content: Content, kind_row: bool, idx: RegisterIndex) -> dict[str, list[str]]:
    """Rows of a table with split name columns or a leerlingnummer column: row key -> pupils."""
    rows: dict[str, dict[str, str]] = defaultdict(dict)
    for u in content.units:
        key = _row_key(u.place, u.column, kind_row)
        if key is None:
            continue
        h = norm_header(u.column or "")
        for fld, names in NAME_COLUMNS.items():
            if h in names:
                rows[key][fld] = u.text.strip()
    out: dict[str, list[str]] = {}
    for key, cells in rows.items():
        if cells.get("leerlingnummer") in idx.pupils:
            out[key] = [cells["leerlingnummer"]]
            continue
        if cells.get("achternaam") and cells.get("roepnaam"):
            name = " ".join(cells.get(k, "") for k in ("roepnaam", "voorvoegsel", "achternaam"))
        else:
            name = cells.get("naam", "")
        found = sorted(idx.by_name.get(fold(name), set())) if name else []
        found = _by_birth(found, [cells.get("geboortedatum", "")], idx) if len(found) > 1 else found
        if found:
            out[key] = found
    return out


def _by_birth(candidates: list[str], dates: list[str], idx: RegisterIndex) -> list[str]:
    days = {parse_date(d) for d in dates} - {None}
    narrowed = [c for c in candidates if idx.pupils[c].geboortedatum in days]
    return narrowed or candidates


def link(path: str, kind_row: bool, content: Content, findings: list[Finding], idx: RegisterIndex,
         folder_rx: re.Pattern[str] | None, staff: set[str]) -> list[Subject]:
    """Set each finding's leerlingnummer/person_kind and return the item's subjects."""
    strong: dict[str, Subject] = {}
    ambiguous: set[str] = set()

    def add(nummer: str, method: str, conf: float) -> None:
        if nummer not in strong or strong[nummer].confidence < conf:
            strong[nummer] = Subject(nummer, method, conf)

    ref = content.refs.get("leerlingnummer")
    if ref in idx.pupils:
        add(ref, "reference", 1.0)
    for nummer in _from_folder(path, folder_rx, idx):
        add(nummer, "folder", 0.95)
    birth_values = [f.value for f in findings if f.entity_type == "DATE_OF_BIRTH"]
    for f in findings:
        digits = "".join(c for c in f.value if c.isdigit())
        if f.entity_type == "NL_BSN" and digits.zfill(9) in idx.by_bsn:
            f.leerlingnummer = idx.by_bsn[digits.zfill(9)]
            add(f.leerlingnummer, "bsn", 1.0)
        elif f.entity_type == "NL_ONDERWIJSNUMMER" and digits in idx.by_onr:
            f.leerlingnummer = idx.by_onr[digits]
            add(f.leerlingnummer, "onderwijsnummer", 1.0)
        elif f.entity_type == "PERSON" and not (f.person_kind or "").startswith("first:"):
            _link_name(f, idx, birth_values, staff, add, ambiguous)
    for key, nummers in _row_pupils(content, kind_row, idx).items():
        if len(nummers) == 1:
            add(nummers[0], "column", 0.9)
            for f in findings:
                if f.entity_type != "PERSON" or f.leerlingnummer:
                    continue
                if _row_key(f.place, "x", kind_row) == key:
                    f.leerlingnummer, f.person_kind = nummers[0], "pupil"
        else:
            ambiguous.update(nummers)
    for f in findings:  # first names alone: only pupils this item is already about
        if f.entity_type == "PERSON" and (f.person_kind or "").startswith("first:"):
            cands = [c for c in (f.leerlingnummer or "").split(",") if c in strong]
            f.leerlingnummer = cands[0] if len(cands) == 1 else None
            f.person_kind = "pupil" if f.leerlingnummer else "unknown"
    subjects = list(strong.values())
    subjects += [Subject(n, "name", 0.5, ambiguous=True) for n in sorted(ambiguous - set(strong))]
    return subjects


def _link_name(f: Finding, idx: RegisterIndex, birth_values: list[str], staff: set[str], add, ambiguous: set[str]) -> None:  # noqa: ANN001
    cands = [c for c in (f.leerlingnummer or "").split(",") if c in idx.pupils]
    if not cands and f.person_kind != "staff":
        cands = sorted(idx.by_name.get(fold(f.value), set()))
    if len(cands) > 1:
        cands = _by_birth(cands, birth_values, idx)
    if len(cands) == 1:
        f.leerlingnummer, f.person_kind = cands[0], "pupil"
        add(cands[0], "name", 0.9)
    elif cands:
        f.leerlingnummer, f.person_kind = None, "pupil"
        ambiguous.update(cands)
    else:
        f.leerlingnummer = None
        if fold(f.value) in staff or (f.person_kind or "") in ("staff", "parent"):
            f.person_kind = f.person_kind if f.person_kind in ("staff", "parent") else "staff"
        else:
            f.person_kind = "unknown"
