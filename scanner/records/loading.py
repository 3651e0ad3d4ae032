"""Load every record file the config names; a file the run cannot start from raises RecordError."""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.config import ScanConfig
from scanner.kernel.model import KnownPerson
from scanner.kernel.names import split_name
from scanner.records.consents import Consent, load_consents
from scanner.records.people import load_people
from scanner.records.register import Pupil, load_register
from scanner.records.tabular import RowProblem


@dataclass
class Records:
    pupils: list[Pupil] | None = None  # None: no register configured
    consents: list[Consent] | None = None
    staff: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def known_people(self) -> list[KnownPerson]:
        people = [KnownPerson("pupil", p.leerlingnummer, p.roepnaam, p.voorvoegsel, p.achternaam, p.voornamen)
                  for p in self.pupils or []]
        for kind, names in (("staff", self.staff), ("parent", self.parents)):
            for name in names:
                given, particles, surname = split_name(name)
                if given:
                    people.append(KnownPerson(kind, name, given.split()[0], particles, surname, given))
        return people


def load_records(cfg: ScanConfig) -> Records:
    rec = Records()
    spec = cfg.records
    if spec.pupil_register:
        rec.pupils, problems = load_register(spec.pupil_register, cfg)
        rec.problems += problems
    if spec.consents:
        rec.consents, problems = load_consents(spec.consents, cfg)
        rec.problems += problems
    if spec.staff:
        rec.staff, problems = load_people(spec.staff, cfg)
        rec.problems += problems
    if spec.parents:
        rec.parents, problems = load_people(spec.parents, cfg)
        rec.problems += problems
    rec.staff += cfg.organisation.staff_names
    return rec
