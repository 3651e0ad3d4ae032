"""The scenario planner: decides, for a seed, which pupils appear in which documents and which
compliance problems are planted where, and checks that each planted case is the case it is meant to be.

The planner only builds data (`Plan`); nothing here touches the disk. Planted cases scale with the
number of pupils (one set per 60 pupils) so a large benchmark school has proportionally as many
violations as the default demo.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from faker import Faker

from scanner.demo import care, namesakes, numbers, outbound_docs, places, pupil_docs, school_docs, trap_docs
from scanner.demo.care import categories
from scanner.demo.layout import d, long_date, school_year
from scanner.demo.model import (
    GEZIN,
    GEZONDHEID,
    ONDERWIJS,
    ONTWIKKELING,
    Consent,
    Contact,
    Doc,
    Fact,
    Place,
    Plan,
    Pupil,
    Row,
    School,
    Staff,
)
from scanner.demo.names import SIBLING_BOYS, SIBLING_NAMES, child_name, official_names, pick_origin
from scanner.demo.people import age_on, group_on, make_parents, make_pupils, make_staff, school_on
from scanner.demo.restyle import restyle
from scanner.demo.styles import DEFAULT_STYLE, Style, staff_list_path, style_by_name
from scanner.demo.truth import consent_outcome, required_giver

AS_OF = date(2026, 12, 1)
DEFAULT_PUPILS = 60
CONSENT_PARTIES = (places.JEUGD_GGZ, places.SWV, places.WIJKTEAM, places.LOGOPEDIE)  # logical keys
EXPORT = "export"
# Trap exports (places.EXPORT_TABLES): dated by `verzonden_op` beside a `geb_datum`, and one with no date column.
EXPORT_DATED, EXPORT_UNDATED = "overdracht_jeugdhulp", "aanmelding_gezinsteam"
TRAP_FLOWS: tuple[tuple[str, str, bool], ...] = (
    (EXPORT_DATED, "valid", False), (EXPORT_DATED, "given_after", False), (EXPORT_UNDATED, "valid", False),
    (EXPORT_UNDATED, "out_of_scope", False), (places.LOGOPEDIE, "valid", False), (places.LOGOPEDIE, "missing", False))
TRAP_CLASSES = ("staff_namesake", "contact_namesake", "parent_namesake", "birth_date_beside_datum",
                "export_dates", "split_name_applicant", "wordless_street", "folder_or_file_name_only")
# (where, scenario, BSN written in it): one set per 60 pupils. The scenario names the planted problem;
# 'valid', 'age_trap', 'withdrawn_after', 'renewed' and 'exempt' are compliant controls. Problems come
# first, so that a school too small for the whole set still has one of each.
SCENARIOS: tuple[tuple[str, str, bool], ...] = (
    (places.JEUGD_GGZ, "missing", False), (places.WIJKTEAM, "out_of_scope", False),
    (places.JEUGD_GGZ, "withdrawn", False), (places.SWV, "wrong_giver_16", False),
    (places.LEERPLICHT, "exempt", False), (places.JEUGD_GGZ, "valid", False), (EXPORT, "valid", True),
    (places.SWV, "out_of_scope", False), (places.WIJKTEAM, "expired", False),
    (places.JEUGD_GGZ, "wrong_giver_12_15", False), (places.SWV, "missing_other_party", False),
    (places.LOGOPEDIE, "given_after", False), (places.LOGOPEDIE, "out_of_scope", False),
    (EXPORT, "missing", False), (EXPORT, "out_of_scope", True), (EXPORT, "expired", False),
    (EXPORT, "wrong_giver_12_15", False), (places.VEILIG_THUIS, "exempt", False),
    (places.JEUGD_GGZ, "age_trap", False), (places.WIJKTEAM, "renewed", False),
    (places.LOGOPEDIE, "withdrawn_after", False), (places.JEUGD_GGZ, "valid", False),
    (places.WIJKTEAM, "valid", False), (places.SWV, "valid", True), (places.LOGOPEDIE, "valid", False),
    (EXPORT, "valid", False), (EXPORT, "valid", False), (places.LEERPLICHT, "exempt", False),
)
INTENDED = {"valid": [], "age_trap": [], "withdrawn_after": [], "renewed": [], "exempt": ["exempt"],
            "missing": ["consent-missing"], "missing_other_party": ["consent-missing"],
            "withdrawn": ["consent-invalid"], "expired": ["consent-invalid"], "given_after": ["consent-invalid"],
            "out_of_scope": ["consent-out-of-scope"], "wrong_giver_12_15": ["consent-wrong-giver"],
            "wrong_giver_16": ["consent-wrong-giver"]}


def days(n: int) -> timedelta:
    return timedelta(days=n)


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def between(rng: random.Random, start: date, end: date) -> date | None:
    """A random day in [start, end], or None when the range is empty."""
    if end < start:
        return None
    return start + days(rng.randint(0, (end - start).days))


class Builder:
    """Holds the plan under construction and the random stream; each method plants one area."""

    def __init__(self, plan: Plan, rng: random.Random, fake: Faker, style: Style,
                 planted: namesakes.Namesakes | None = None) -> None:
        self.plan, self.rng, self.fake, self.style = plan, rng, fake, style
        self.wording = style.wording
        self.t = style.templates  # the school's own templates; None fields: the defaults
        self.planted = planted or namesakes.Namesakes()
        self.contacts: dict[str, Contact] = {key: c for key, (c, _) in self.planted.contacts.items()}
        self.nameless_flows: set[str] = set()
        self.wordless = {street for town in style.towns for street in town.wordless}
        self.must_intake = {child.leerlingnummer for child, _, _ in self.planted.parents}
        self.as_of = plan.as_of
        self.current = [p for p in plan.pupils if p.status == "current"]
        self.left = [p for p in plan.pupils if p.status == "left"]
        self.expired = [p for p in plan.pupils if p.status == "expired"]
        self.k = max(1, round(len(plan.pupils) / DEFAULT_PUPILS))
        self.in_flow: set[str] = set()  # pupils already used for a planted outbound case
        self.optional: list[Doc] = []  # control documents that may be dropped to meet a document count
        self.paths: set[str] = set()
        self.consent_no = 0
        self.note_id = 0
        self.absence_id = 0
        self.export_id = 1000
        forms: dict[str, int] = defaultdict(int)
        for p in plan.pupils:
            forms[p.initial_form] += 1
            forms[f"{p.roepnaam} {p.achternaam[0]}."] += 1
        self.unique_forms = {f for f, n in forms.items() if n == 1}
        self.roepnamen = {p.roepnaam for p in plan.pupils}

    # --- helpers ----------------------------------------------------------------------------------------

    def staff(self, function: str, school: School | None = None) -> Staff:
        matches = [s for s in self.plan.staff if s.function == function and (school is None or s.school in
                                                                               ("", school.name))]
        return matches[0] if matches else self.plan.staff[0]

    def ib(self, p: Pupil) -> Staff:
        assert p.school is not None
        return self.staff("intern begeleider", p.school)

    def mentor(self, p: Pupil) -> Staff:
        assert p.school is not None
        return self.staff("leerkracht" if p.school.kind == "SO" else "mentor", p.school)

    def trap(self, kind: str, path: str) -> None:
        """Record where a trap of issue 13 is planted (the tests check every class is there)."""
        self.plan.traps.setdefault(kind, []).append(path)

    def add(self, doc: Doc, optional: bool = False) -> Doc:
        """Add a document in the school's own layout and wording; a name already taken gets ' (2)', as a
        second save in Word would."""
        doc.place.path = self.style.locate(doc.place.path, doc.place.subjects, self.as_of)
        restyle(doc, self.wording, self.rng)
        path, n = doc.place.path, 1
        stem, dot, ext = path.rpartition(".")
        while doc.place.path in self.paths:
            n += 1
            doc.place.path = f"{stem} ({n}){dot}{ext}"
        self.paths.add(doc.place.path)
        self.plan.docs.append(doc)
        if optional:
            self.optional.append(doc)
        return doc

    def consent(self, p: Pupil, key: str, cats: set[str], given: date, giver: str | None = None,
                until: date | None = None, withdrawn: date | None = None) -> Consent:
        """A consent record for the party with logical key `key` (places.JEUGD_GGZ ...)."""
        self.consent_no += 1
        c = Consent(f"T{self.consent_no:04d}", p.leerlingnummer, self.style.party(key),
                    tuple(x for x in (ONDERWIJS, GEZONDHEID, ONTWIKKELING, GEZIN) if x in cats), self.style.doel[key],
                    giver or required_giver(p, given), given, until, withdrawn)
        self.plan.consents.append(c)
        return c

    def sibling(self, p: Pupil, exclude: set[str]) -> tuple[str, str]:
        """(name, sentence) for a brother or sister outside the register."""
        choices = [n for n in SIBLING_NAMES if n not in self.roepnamen and n not in exclude]
        name = self.rng.choice(choices)
        kin = "broertje" if name in SIBLING_BOYS else "zusje"
        cond = self.rng.choice(care.SIBLING_CONDITIONS)
        return name, care.sibling_sentence(f"{kin} {name}", self.rng.randint(3, 9), cond)

    def pick(self, pool: list[Pupil], fits: Callable[[Pupil], bool]) -> Pupil | None:
        candidates = [p for p in pool if p.leerlingnummer not in self.in_flow]
        self.rng.shuffle(candidates)
        return next((p for p in candidates if fits(p)), None)

    def wordless_streets(self) -> None:
        """At least one current pupil per set lives on a street without a street word ('Kotter 14')."""
        have = [p for p in self.current if p.straat in self.wordless]
        for p in self.pick_n(self.current, max(0, self.k - len(have)), lambda p: p.straat not in self.wordless):
            town = next((t for t in self.style.towns if t.name == p.woonplaats and t.wordless), None)
            if town is not None:
                p.straat = self.rng.choice(town.wordless)

    def newcomers(self) -> None:
        """At least one current pupil per set has an onderwijsnummer instead of a BSN (a trap: not a BSN)."""
        have = [p for p in self.current if p.onderwijsnummer]
        for p in self.pick_n(self.current, max(0, self.k - len(have)), lambda p: p.origin in ("sy", "pl", "gh")):
            p.bsn, p.onderwijsnummer = "", numbers.onderwijsnummer(self.rng)
            p.care.background = p.origin

    # --- outbound flows and consents ------------------------------------------------------------------

    def outbound(self) -> None:
        for _ in range(self.k):
            for where, kind, bsn in SCENARIOS:
                self.flow(where, kind, bsn)
            for where, kind, bsn in TRAP_FLOWS:
                self.flow(where, kind, bsn, trap=True)
        for p in self.current:  # consents that exist without anything being shared (most of the register)
            if p.leerlingnummer not in self.in_flow and self.rng.random() < 0.35:
                party = self.rng.choice(CONSENT_PARTIES)
                given = between(self.rng, p.inschrijving, self.as_of - days(30))
                if given:
                    self.consent(p, party, {ONDERWIJS, GEZONDHEID, ONTWIKKELING}, given)

    def _dates(self, p: Pupil, kind: str) -> tuple[date, date] | None:
        """(consent date, share date) for a scenario, or None if this pupil's age does not allow it."""
        rng, born = self.rng, p.geboortedatum
        first = p.inschrijving + days(20 if kind != "renewed" else 480)  # renewed: room for an older record
        last = self.as_of - days(10)
        if kind == "age_trap":  # given by a parent at 11, shared after the 12th birthday: still valid
            given = between(rng, max(first, years_after(born, 11)), years_after(born, 12) - days(30))
            shared = between(rng, years_after(born, 12) + days(20), min(last, years_after(born, 13)))
            return (given, shared) if given and shared else None
        if kind == "wrong_giver_12_15":
            given = between(rng, max(first, years_after(born, 12) + days(30)),
                            min(years_after(born, 16) - days(30), last - days(60)))
        elif kind == "wrong_giver_16":
            given = between(rng, max(first, years_after(born, 16) + days(30)), last - days(60))
        else:
            given = between(rng, max(first, self.as_of - days(720)), last - days(90))
        if given is None:
            return None
        shared = between(rng, max(given + days(14), self.as_of - days(500)), last)
        return (given, shared) if shared else None

    def flow(self, where: str, kind: str, bsn: bool, trap: bool = False) -> None:
        """One planted outbound case. `trap`: the issue-13 variants (exports dated beside a birth date or
        not at all, letters that name the pupil only in the file name)."""
        def fits(p: Pupil) -> bool:
            if where == places.LOGOPEDIE and p.school is not None and p.school.kind != "SO":
                return False
            if bsn and not p.bsn:
                return False
            return self._dates(p, kind) is not None

        p = self.pick(self.current, fits)
        if p is None:
            return
        self.in_flow.add(p.leerlingnummer)
        given_shared = self._dates(p, kind)
        assert given_shared is not None
        given, shared = given_shared
        if where == EXPORT_UNDATED:
            shared = self.as_of  # nothing in the row dates it: the reference date is the sharing date
        key = places.EXPORT_TABLES.get(where, places.SWV if where == EXPORT else where)
        facts = self.flow_facts(p, key if where not in (EXPORT, EXPORT_DATED, EXPORT_UNDATED) else where)
        if trap and where in places.PARTIES:
            facts = care.nameless(facts, p)
            self.nameless_flows.add(p.leerlingnummer)
        cats = categories(facts)
        party = self.style.party(key)
        self.flow_consents(p, key, kind, cats, given, shared)
        if where in (EXPORT, EXPORT_DATED, EXPORT_UNDATED):
            place = self.export_row(p, shared, bsn, where)
            if where != EXPORT:
                self.trap("export_dates", place.path)
        else:
            place = self.flow_doc(p, where, shared, facts, bsn, nameless=trap).place
            if trap:
                self.trap("folder_or_file_name_only", place.path)
        place.note = f"planted: {kind}" + (" (trap)" if trap else "")
        outcome = consent_outcome(p, party, shared, place.categories[p.leerlingnummer], self.plan.consents,
                                  self.plan.exempt)
        assert outcome == INTENDED[kind], (kind, where, outcome)

    def flow_facts(self, p: Pupil, where: str) -> list[Fact]:
        rng = self.rng
        if where == places.LOGOPEDIE:
            if not any(dg == "TOS" for dg, _, _ in p.care.diagnoses):
                p.care.diagnoses.insert(0, ("TOS", max(p.geboortedatum.year + 3, 2016),
                                            "het Audiologisch Centrum Almere"))
            return care.school_facts(p, rng, 1) + care.diagnosis_facts(p, rng)[:1]
        if where == places.WIJKTEAM:
            if not (p.care.family or p.care.youth_care):
                p.care.family = rng.choice(sorted(care.FAMILY))
            return care.family_facts(p, rng) + care.diagnosis_facts(p, rng)[:1]
        if where == places.VEILIG_THUIS:
            return [Fact(f"{p.roepnaam} vertelde dat er thuis veel ruzie is; er zijn zorgen over huiselijk geweld.",
                         GEZIN)] + care.family_facts(p, rng)
        if where == places.LEERPLICHT:
            return care.diagnosis_facts(p, rng)[:1]
        if where == EXPORT_DATED:
            return care.diagnosis_facts(p, rng)[:1] + care.medication_facts(p)[:1]
        if where == EXPORT_UNDATED:
            if not p.care.family:
                p.care.family = rng.choice(sorted(care.FAMILY))
            return care.family_facts(p, rng)[-1:]
        if where in (places.SWV, EXPORT):
            if p.care.tiq is None:
                p.care.tiq = (rng.randint(58, 95), rng.randint(2019, 2025))
            if where == EXPORT:
                return care.diagnosis_facts(p, rng)[:1] + care.test_facts(p)
            return care.school_facts(p, rng, 1) + care.diagnosis_facts(p, rng) + care.test_facts(p)
        return (care.school_facts(p, rng, 1) + care.diagnosis_facts(p, rng) + care.medication_facts(p)
                + care.test_facts(p))

    def flow_consents(self, p: Pupil, party: str, kind: str, cats: set[str], given: date, shared: date) -> None:
        """Consent records for the scenario; `party` is the logical key."""
        rng = self.rng
        extra = set(rng.sample([GEZONDHEID, ONTWIKKELING, GEZIN], rng.randint(0, 1)))
        if kind in ("missing", "exempt"):
            return
        if kind == "missing_other_party":
            other = next(x for x in CONSENT_PARTIES if x != party)
            self.consent(p, other, cats | extra, given)
        elif kind in ("valid", "age_trap"):
            until = years_after(given, 2) if rng.random() < 0.5 and years_after(given, 2) > shared else None
            self.consent(p, party, cats | extra, given, until=until)
        elif kind == "out_of_scope":
            special = sorted(cats - {ONDERWIJS})
            dropped = rng.choice(special)
            self.consent(p, party, cats - {dropped}, given)
        elif kind == "withdrawn":
            self.consent(p, party, cats | extra, given, withdrawn=between(rng, given + days(7), shared))
        elif kind == "withdrawn_after":
            self.consent(p, party, cats | extra, given, withdrawn=between(rng, shared + days(1), self.as_of))
        elif kind == "expired":
            until = between(rng, given + days(1), shared - days(1))
            self.consent(p, party, cats | extra, given, until=until)
        elif kind == "renewed":
            old = given - days(rng.randint(400, 500))
            self.consent(p, party, cats, max(old, p.inschrijving), until=given - days(3))
            self.consent(p, party, cats | extra, given)
        elif kind == "given_after":
            late = between(rng, shared + days(1), self.as_of)
            assert late is not None
            self.consent(p, party, cats | extra, late)
        elif kind == "wrong_giver_12_15":
            self.consent(p, party, cats | extra, given, giver="ouder")
        elif kind == "wrong_giver_16":
            self.consent(p, party, cats | extra, given, giver="ouder+leerling")

    def contact(self, where: str) -> Contact:
        """A care worker, wijkcoach or leerplichtambtenaar at the party (names nobody allow-lists); for some
        parties the planted namesake of a former pupil."""
        if where in self.contacts:
            return self.contacts[where]
        domain = self.style.contact_domains[where]
        sex = "V" if self.rng.random() < 0.6 else "M"
        first = self.fake.first_name_female() if sex == "V" else self.fake.first_name_male()
        surname = self.fake.last_name().split()[-1]
        contact = Contact(first, "", surname, email=f"{first[0].lower()}.{surname.lower()}@{domain}", sex=sex)
        self.plan.contacts.append(contact)
        return contact

    def sent_line(self, shared: date, p: Pupil) -> str:
        """How this letter states its sending date: one of the school's ways, or none (the file date)."""
        line = self.rng.choice(self.wording.sent_lines)
        city = school_on(p, shared).city
        return line.format(d=d(shared), long=long_date(shared), city=city)

    def flow_doc(self, p: Pupil, where: str, shared: date, facts: list[Fact], bsn: bool, nameless: bool = False) -> Doc:
        org, rng, w = self.plan.organisation, self.rng, self.wording
        if where == places.JEUGD_GGZ:
            doc = (self.t.handover_mail or outbound_docs.handover_mail)(p, shared, self.ib(p), self.contact(where),
                                                                       facts, w)
        elif where == places.WIJKTEAM:
            doc = (self.t.wijkteam_mail or outbound_docs.wijkteam_mail)(
                p, shared, self.staff("schoolmaatschappelijk werker"), self.contact(where), facts, w)
            if p.straat in self.wordless:
                self.trap("wordless_street", doc.place.path)
        elif where == places.SWV:
            doc = outbound_docs.tlv_request(org, p, shared, self.staff("directeur-bestuurder"), facts, bsn,
                                            rng.choice((".docx", ".pdf")), self.style.party(where),
                                            self.contact(where), w, self.sent_line(shared, p))
        elif where == places.LOGOPEDIE:
            doc = outbound_docs.speech_referral(org, p, shared, self.staff("logopedist"), facts,
                                                rng.choice((".docx", ".pdf")), self.style.party(where),
                                                self.contact(where), w, self.sent_line(shared, p), nameless)
        elif where == places.LEERPLICHT:
            doc = outbound_docs.truancy_mail(p, shared, self.ib(p), self.contact(where), facts, rng.randint(4, 15), w)
        else:
            doc = outbound_docs.vt_report(org, p, shared, self.ib(p), facts, w, self.sent_line(shared, p))
        doc = self.add(doc)
        if where in (places.SWV, places.LOGOPEDIE, places.VEILIG_THUIS) and not nameless:
            self.trap("birth_date_beside_datum", doc.place.path)
        if where in self.contacts:
            self.trap("contact_namesake", doc.place.path)
        return doc

    def export_row(self, p: Pupil, shared: date, bsn: bool, table: str = EXPORT) -> Place:
        self.export_id += 1
        assert p.school is not None
        diagnose = p.care.diagnoses[0][0] if p.care.diagnoses else "geen"
        tiq = f" TIQ {p.care.tiq[0]}." if p.care.tiq else ""
        cats = {ONDERWIJS} | ({GEZONDHEID} if p.care.diagnoses else set()) | ({ONTWIKKELING} if tiq else set())
        if table == EXPORT_DATED:
            med = f"{p.care.medication[0][0]} {p.care.medication[0][1]}" if p.care.medication else None
            values: dict[str, object] = {
                "id": self.export_id, "leerlingnummer": p.leerlingnummer, "achternaam": p.surname,
                "voornaam": p.roepnaam, "geb_datum": p.geboortedatum.isoformat(), "diagnose": diagnose,
                "medicatie": med, "verzonden_op": shared.isoformat()}
            cats = {ONDERWIJS} | ({GEZONDHEID} if p.care.diagnoses or med else set())
        elif table == EXPORT_UNDATED:
            values = {"id": self.export_id, "leerlingnummer": p.leerlingnummer, "naam": p.full, "adres": p.address,
                      "postcode": p.postcode, "woonplaats": p.woonplaats,
                      "hulpvraag": care.family_facts(p, self.rng)[-1].text}
            cats = {ONDERWIJS, GEZIN}
        else:
            values = {"id": self.export_id, "leerlingnummer": p.leerlingnummer, "naam": p.full,
                      "geboortedatum": p.geboortedatum.isoformat(), "bsn": p.bsn if bsn else None,
                      "school": school_on(p, shared).name, "groep": group_on(p, shared), "diagnose": diagnose,
                      "ondersteuningsbehoefte": f"Kleine groep met intensieve begeleiding.{tiq}",
                      "datum_export": shared.isoformat()}
        name = "export_samenwerkingsverband" if table == EXPORT else table
        place = Place("las", f"table:{name}#{self.export_id}", subjects=[p],
                      categories={p.leerlingnummer: cats}, share_date=shared, personal=True, bsn=bsn)
        self.plan.rows.append(Row(place, name, values))
        return place

    # --- dossiers and archive --------------------------------------------------------------------------

    def dossiers(self) -> None:
        rng, org = self.rng, self.plan.organisation
        bsn_pupils = self.pick_n(self.current, 2 * self.k, lambda p: bool(p.bsn))
        open_pupils = self.pick_n(self.current, 2 * self.k, lambda p: bool(p.care.medication))
        sibling_pupils = self.pick_n(self.current, self.k, lambda p: True)
        for p in self.current:
            folder = pupil_docs.dossier_dir(p)
            intake_day = p.inschrijving - days(rng.randint(10, 60))
            forced = p.leerlingnummer in self.must_intake or p.straat in self.wordless
            if p in bsn_pupils or p.onderwijsnummer or forced or rng.random() < 0.75:  # older intakes were on paper
                doc = self.add((self.t.intake_form or pupil_docs.intake_form)(org, p, intake_day, self.ib(p), rng,
                                                                              folder, with_bsn=p in bsn_pupils),
                               optional=p not in bsn_pupils and not forced)
                if p.leerlingnummer in self.must_intake:
                    self.trap("parent_namesake", doc.place.path)
                if p.straat in self.wordless:
                    self.trap("wordless_street", doc.place.path)
            if rng.random() < 0.3:
                day = between(rng, date(2026, 9, 7), date(2026, 10, 30))
                assert day is not None
                self.add((self.t.opp or pupil_docs.opp)(org, p, day, self.staff("orthopedagoog"),
                                                        day + days(rng.randint(5, 25)), rng, folder), optional=True)
            name, sibling = self.sibling(p, {p.roepnaam}) if p in sibling_pupils else ("", None)
            if sibling or rng.random() < 0.2:
                day = between(rng, max(p.inschrijving + days(60), self.as_of - days(400)), self.as_of - days(7))
                if day:
                    present = [self.ib(p), self.staff("orthopedagoog")]
                    doc = self.add((self.t.mdo_report or pupil_docs.mdo_report)(
                        org, p, day, present, rng, folder, sibling, self.wording.staff_ref), optional=sibling is None)
                    self.own_template_traps(doc, p, present, self.t.mdo_report)
                    if sibling:
                        doc.place.unknown_children = [name]
                        doc.place.note = "sibling outside the register"
            if p in open_pupils:
                day = between(rng, p.inschrijving + days(5), self.as_of - days(20))
                assert day is not None
                doc = self.add((self.t.medication_statement or pupil_docs.medication_statement)(org, p, day, folder))
                doc.mode = 0o644
                self.own_template_traps(doc, p, [], self.t.medication_statement)
                doc.place.note = "world-readable dossier file"
            elif p.care.medication and rng.random() < 0.3:
                day = between(rng, p.inschrijving + days(5), self.as_of - days(20))
                assert day is not None
                doc = self.add((self.t.medication_statement or pupil_docs.medication_statement)(org, p, day, folder),
                               optional=True)
                self.own_template_traps(doc, p, [], self.t.medication_statement)

    def pick_n(self, pool: list[Pupil], n: int, fits: Callable[[Pupil], bool]) -> list[Pupil]:
        candidates = [p for p in pool if fits(p)]
        self.rng.shuffle(candidates)
        return candidates[:n]

    def archive(self) -> None:
        rng, org = self.rng, self.plan.organisation
        admin = self.staff("administratief medewerker")
        unmoved = self.pick_n(self.expired[1:], self.k, lambda p: True)  # the first expired pupil: the diploma
        for i, p in enumerate(self.left + self.expired):
            assert p.uitschrijving is not None
            if p in unmoved:  # the dossier was never moved to the archive
                folder = pupil_docs.dossier_dir(p)
                day = between(rng, p.uitschrijving - days(300), p.uitschrijving - days(30))
                assert day is not None
                doc = self.add((self.t.opp or pupil_docs.opp)(org, p, day, self.staff("orthopedagoog"), day + days(10),
                                                              rng, folder))
                doc.place.note = "dossier of a pupil who left long ago, never archived"
                continue
            folder = pupil_docs.archive_dir(p)
            self.add(pupil_docs.leaving_form(org, p, i % 3 == 0, folder, admin))
            if rng.random() < 0.6:
                self.add(pupil_docs.education_report(org, p, rng, folder, self.ib(p)))
            if rng.random() < 0.4:
                day = between(rng, max(p.inschrijving + days(30), p.uitschrijving - days(500)),
                              p.uitschrijving - days(20))
                if day:
                    present = [self.ib(p), self.staff("orthopedagoog")]
                    doc = self.add((self.t.mdo_report or pupil_docs.mdo_report)(org, p, day, present, rng, folder,
                                                                                ref=self.wording.staff_ref))
                    self.own_template_traps(doc, p, present, self.t.mdo_report)
            old_enough = age_on(p.geboortedatum, p.uitschrijving) >= 16
            if old_enough and (p is self.expired[0] or rng.random() < 0.5):
                self.add(pupil_docs.diploma(org, p, folder, rng))

    # --- care team ----------------------------------------------------------------------------------------

    def care_team(self) -> None:
        rng, org = self.rng, self.plan.organisation
        sibling_meetings = self.k
        for year in (2021, 2023, 2025, 2026):
            for school in org.schools:
                for _ in range(self.k):
                    day = date(year, rng.choice((2, 3, 10, 11)), rng.randint(1, 27))
                    if day > self.as_of - days(7):
                        day = date(year, 3, rng.randint(1, 27))
                    pool = [p for p in self.plan.pupils if p.inschrijving <= day <= (p.uitschrijving or self.as_of)
                            and (age_on(p.geboortedatum, day) < 12) == (school.kind == "SO")]
                    expired = [p for p in pool if p.status == "expired"]
                    chosen = rng.sample(expired, min(len(expired), rng.randint(1, 2)))
                    others = [p for p in pool if p not in chosen]
                    chosen += rng.sample(others, min(len(others), rng.randint(2, 3)))
                    if not chosen:
                        continue
                    rng.shuffle(chosen)
                    entries = [(p, care.diagnosis_facts(p, rng)[:1] + care.family_facts(p, rng)[:1]) for p in chosen]
                    sibling = None
                    current = [p for p in chosen if p.status == "current"]
                    if year == 2026 and sibling_meetings and current:
                        sibling_meetings -= 1
                        name, sentence = self.sibling(current[0], {p.roepnaam for p in chosen})
                        sibling = (current[0], sentence)
                    staff = [self.staff("intern begeleider", school), self.staff("schoolmaatschappelijk werker"),
                             self.staff("orthopedagoog")]
                    doc = (self.t.care_meeting or pupil_docs.care_meeting)(org, school, day, entries, staff, rng,
                                                                           sibling, self.wording.staff_ref)
                    if sibling:
                        doc.place.unknown_children = [name]
                    self.fix_name_forms(doc, chosen)
                    self.add(doc)
        for p in self.pick_n(self.current, self.k, lambda p: bool(p.bsn)):
            day = between(self.rng, max(p.inschrijving, self.as_of - days(300)), self.as_of - days(14))
            assert day is not None
            doc = self.add(pupil_docs.cvb_application(org, p, day, self.ib(p), self.rng))
            doc.place.note = "BSN copied into a care-team form"

    def own_template_traps(self, doc: Doc, p: Pupil, present: list[Staff], template: object) -> None:
        """Where a school's own template names a namesake father, a namesake staff member or a street without a
        street word, that is a trap too (the default templates' traps are recorded where they are planted)."""
        if template is None:
            return
        if p.leerlingnummer in self.must_intake and any(par.full in _text(doc) for par in p.parents):
            self.trap("parent_namesake", doc.place.path)
        formers = {f.leerlingnummer for _, f in self.planted.staff}
        formers |= {f.leerlingnummer for c, f in self.planted.contacts.values()}
        formers |= {f.leerlingnummer for _, _, f in self.planted.parents}
        if any(x.leerlingnummer in formers for x in doc.place.subjects):
            return  # a former pupil's own document: whoever is named in it, it is about that pupil
        if any(s is m for m, _ in self.planted.staff for s in present):
            self.trap("staff_namesake", doc.place.path)
        if p.straat in self.wordless and p.address in _text(doc):
            self.trap("wordless_street", doc.place.path)

    def fix_name_forms(self, doc: Doc, pupils: list[Pupil]) -> None:
        """Use 'lln. S. de Vries' only where that form names one pupil; otherwise the full name."""
        for block in doc.blocks:
            for p in pupils:
                if f"lln. {p.initial_form}" in block.text and p.initial_form not in self.unique_forms:
                    block.text = block.text.replace(f"lln. {p.initial_form}", p.full)

    # --- issue 13's traps in the pupils' own folders ------------------------------------------------------------

    def trap_docs(self) -> None:
        """Minutes naming the namesake staff by initials, and plans that name their pupil only by the folder:
        per set of 60 pupils two of each kind (in current dossiers, and one in an expired pupil's archive)."""
        rng, org = self.rng, self.plan.organisation
        for member, _former in self.planted.staff:
            school = next((s for s in org.schools if s.name == member.school), org.schools[0])
            pool = [p for p in self.current if p.school is school] or self.current
            for p in self.pick_n(pool, self.k, lambda p: True):
                day = between(rng, max(p.inschrijving + days(30), self.as_of - days(300)), self.as_of - days(5))
                if day is None:
                    continue
                doc = self.add((self.t.pupil_meeting or trap_docs.pupil_meeting)(org, p, day, member, self.mentor(p),
                                                                                 "Dossiers/x/x", rng))
                self.trap("staff_namesake", doc.place.path)
        for p in self.pick_n(self.current, self.k, lambda p: bool(p.care.diagnoses)):
            day = between(rng, max(p.inschrijving + days(30), self.as_of - days(200)), self.as_of - days(5))
            if day:
                doc = self.add((self.t.nameless_plan or trap_docs.nameless_plan)(org, p, day, "Dossiers/x/x", rng))
                self.trap("folder_or_file_name_only", doc.place.path)
        for p in self.pick_n(self.expired, self.k, lambda p: bool(p.care.diagnoses)):
            assert p.uitschrijving is not None
            day = between(rng, max(p.inschrijving + days(30), p.uitschrijving - days(400)), p.uitschrijving - days(20))
            if day:
                doc = self.add((self.t.nameless_plan or trap_docs.nameless_plan)(org, p, day,
                                                                                 pupil_docs.archive_dir(p), rng))
                self.trap("folder_or_file_name_only", doc.place.path)

    # --- applications, open folder, school-wide files --------------------------------------------------------

    def applications(self) -> None:
        rng, fake, org = self.rng, self.fake, self.plan.organisation
        taken = {p.full for p in self.plan.pupils} | {s.full for s in self.plan.staff}
        year = school_year(self.as_of)
        for i in range(4 * self.k):
            split = i >= 2 * self.k  # the second half: split name fields (issue 13's unassembled applicants)
            while True:
                origin = "nl" if i % 2 == 0 else pick_origin(rng)
                sex = rng.choice("MV")
                first, prefix, surname = child_name(rng, fake, origin, sex)
                full = " ".join(x for x in (first, prefix, surname) if x)
                latin1 = all(ord(c) < 256 for c in full)
                if full not in taken and first not in self.roepnamen and (i % 2 == 1 or latin1):
                    taken.add(full)
                    break
            age = rng.uniform(6, 15)
            born = self.as_of - days(round(age * 365.25))
            school = org.schools[0] if age < 12 else org.schools[1]
            applicant = Pupil(first, prefix, surname, leerlingnummer="", geslacht=sex, geboortedatum=born,
                              school=school, organisation=org, inschrijving=self.as_of + days(60), origin=origin,
                              status="applicant")
            applicant.voornamen = official_names(rng, fake, first, origin, sex)
            if split and applicant.voornamen == first:
                second = [n for n in SIBLING_NAMES if n != first and (n in SIBLING_BOYS) == (sex == "M")]
                applicant.voornamen = f"{first} {rng.choice(second)}"
            applicant.bsn = numbers.bsn(rng)
            town = self.style.towns[i % len(self.style.towns)]
            street = town.wordless[i % len(town.wordless)] if split and town.wordless else "Waterlelieweg"
            applicant.straat, applicant.huisnummer = street, str(rng.randint(1, 200))
            applicant.postcode = numbers.postcode(rng, *town.postcodes)
            applicant.woonplaats = town.name
            applicant.care = care.make_profile(rng, school.kind, origin, born)
            applicant.parents = make_parents(rng, fake, applicant)
            self.plan.applicants.append(applicant)
            day = between(rng, self.as_of - days(80), self.as_of - days(3))
            assert day is not None
            ib = self.staff("intern begeleider", school)
            if split:
                # a table in the word processor's format, and 'Label: value' lines in a pdf or txt
                suffix = self.wording.form_suffix if i % 2 == 0 else rng.choice((".pdf", ".txt"))
                path = self.style.application_file(applicant, year, suffix)
                if applicant.full not in path:  # the child's full name in the file name, in every style
                    path = f"{path.rpartition('/')[0]}/Aanmelding {applicant.full}{suffix}"
                doc = self.add((self.t.split_name_intake or trap_docs.split_name_intake)(org, applicant, day, ib,
                                                                                         path, rng))
                self.trap("split_name_applicant", doc.place.path)
                if street in self.wordless:
                    self.trap("wordless_street", doc.place.path)
                continue
            folder = f"Aanmeldingen/{year}/Aanmelding {applicant.achternaam} {applicant.roepnaam}"
            doc = (self.t.intake_form or pupil_docs.intake_form)(org, applicant, day, ib, rng, folder,
                                                                 with_bsn=i % 2 == 0, applicant=True,
                                                                 cvb_line=i % 2 == 0)
            doc.place.path = self.style.application_file(applicant, year, ".docx")
            doc.place.note = "applicant, not in the register"
            if i % 2 == 1:
                doc.place.needs = "ner"  # only the label 'Naam leerling:' says who the child is
            self.add(doc)

    def open_folder(self) -> None:
        rng = self.rng
        by_group: dict[str, list[Pupil]] = defaultdict(list)
        for p in self.current:
            by_group[group_on(p, self.as_of)].append(p)
        groups = sorted(by_group, key=lambda g: (-len(by_group[g]), g))
        listed = [p for p in by_group[groups[0]] if p.care.diagnoses and f"{p.roepnaam} {p.achternaam[0]}."
                  in self.unique_forms][:7]
        self.add(school_docs.group_overview(groups[0], listed, self.as_of - days(rng.randint(20, 60))))
        phones = by_group[groups[1]][:8]
        self.add((self.t.phone_list or school_docs.phone_list)(groups[1], phones,
                                                               self.as_of - days(rng.randint(20, 90))))
        talks = rng.sample(self.current, min(4, len(self.current)))
        name, sentence = self.sibling(talks[-1], {p.roepnaam for p in talks})
        # a brother mentioned without any special-category data: a PERSON, but not an unknown-subject case
        plain = rng.choice([n for n in SIBLING_BOYS if n not in self.roepnamen and n != name])
        siblings = [(talks[0], f"Broertje {plain} gaat na de zomer naar de brugklas."), (talks[-1], sentence)]
        doc = self.add(school_docs.parent_talks(talks, self.as_of - days(rng.randint(5, 30)), siblings))
        doc.place.unknown_children = [name]
        self.add(school_docs.calendar(self.plan.organisation, date(self.as_of.year, 8, 28)))
        teachers = [s for s in self.plan.staff if s.function in ("leerkracht", "mentor", "conciërge")]
        self.add(school_docs.duty_roster(teachers, date(self.as_of.year, 8, 30)))

    def school_files(self) -> None:
        rng, org = self.rng, self.plan.organisation
        census_day = date(self.as_of.year, 10, 1)
        on_census = [p for p in self.current if p.inschrijving <= census_day]
        year_start = date(self.as_of.year, 9, 1)
        self.add(school_docs.pupil_list(self.current, year_start))
        self.add(school_docs.address_list(self.current, year_start))
        self.add(school_docs.contribution_list(self.current, date(self.as_of.year, 9, 15), rng))
        self.add(school_docs.census(on_census, census_day))
        by_year: dict[int, list[Pupil]] = defaultdict(list)
        for p in self.left + self.expired:
            assert p.uitschrijving is not None
            by_year[p.uitschrijving.year].append(p)
        for year in sorted(by_year):
            if year < self.as_of.year:
                self.add(school_docs.leavers(sorted(by_year[year], key=lambda p: p.leerlingnummer), year))
        self.add(school_docs.staff_list(self.plan.staff, date(self.as_of.year, 8, 20),
                                        staff_list_path(self.style, self.as_of), self.style.staff_split))
        director = self.staff("directeur-bestuurder")
        self.add(school_docs.privacy_statement(org, date(2025, 5, 20)))
        self.add(school_docs.newsletter(org, date(self.as_of.year, 11, 3), director))
        self.add(school_docs.invoices(date(self.as_of.year, 10, 31), rng))
        self.add(school_docs.facility_minutes(org, date(self.as_of.year, 10, 14),
                                              [director, self.staff("conciërge"),
                                               self.staff("administratief medewerker")]))
        self.add(school_docs.lesson_plan(date(self.as_of.year, 9, 3)))
        if self.t.extra_docs is not None:  # documents only this school writes
            for doc in self.t.extra_docs(self.plan, self.style, rng):
                self.add(doc)

    # --- las.db --------------------------------------------------------------------------------------------

    NOTE_TEXTS = (("incident", "{r} was vandaag erg onrustig na het weekend. {fact}"),
                  ("gesprek ouders", "Gesprek met {ouder}: thuis gaat het wisselend. {fact}"),
                  ("observatie", "Observatie in de groep: {r} trekt zich terug in de pauzes. {fact}"),
                  ("medicatie", "{fact} Afgesproken met {ouder} dat school doorgeeft als er iets opvalt."))
    ABSENCE = (("ziek", "ziek gemeld door ouder"), ("geoorloofd", "tandarts"), ("te laat", "bus te laat"),
               ("geoorloofd", "familieomstandigheden"), ("ongeoorloofd", "niet afgemeld"))

    def note(self, p: Pupil, day: date, named: bool, text: str | None = None) -> Place:
        rng = self.rng
        self.note_id += 1
        if text is None:
            categorie, template = rng.choice(self.NOTE_TEXTS)
            facts = care.diagnosis_facts(p, rng)[:1] + care.medication_facts(p)[:1]
            fact = facts[-1].text if facts else "Geen bijzonderheden."
            text = template.format(r=p.full if named else p.roepnaam, ouder=p.parents[0].relatie, fact=fact)
            if named and p.full not in text:
                text = f"Over {p.full}: {text}"
        else:
            categorie = "gesprek ouders"
        author = self.ib(p).full
        place = Place("las", f"table:zorgnotities#{self.note_id}", subjects=[p], personal=True,
                      needs="" if named else "foreign key")
        self.plan.rows.append(Row(place, "zorgnotities", {"id": self.note_id, "leerling_id": p.id,
                                                          "datum": day.isoformat(), "auteur": author,
                                                          "categorie": categorie, "tekst": text}))
        return place

    def absence(self, p: Pupil, day: date) -> Place:
        self.absence_id += 1
        soort, opmerking = self.rng.choice(self.ABSENCE)
        place = Place("las", f"table:verzuim#{self.absence_id}", subjects=[p], personal=True, needs="foreign key")
        self.plan.rows.append(Row(place, "verzuim", {"id": self.absence_id, "leerling_id": p.id,
                                                     "datum": day.isoformat(), "soort": soort,
                                                     "uren": float(self.rng.choice((1, 2, 3, 5.5))),
                                                     "opmerking": opmerking}))
        return place

    def database(self) -> None:
        rng = self.rng
        unnamed_expired = 2 * self.k  # notes that only the foreign key ties to a long-gone pupil
        for p in self.plan.pupils:
            end = p.uitschrijving or self.as_of - days(3)
            start = max(p.inschrijving + days(14), end - days(700))
            for _ in range(rng.randint(0, 2) if p.status != "expired" else 2):
                day = between(rng, start, end)
                if day is None:
                    continue
                named = True
                if p.status == "expired" and unnamed_expired:
                    unnamed_expired -= 1
                    named = False
                elif p.status != "expired":
                    named = rng.random() < 0.3
                self.note(p, day, named)
        bsn_pupil = self.pick_n(self.current, self.k, lambda p: bool(p.bsn))
        for p in bsn_pupil:
            day = between(rng, self.as_of - days(200), self.as_of - days(5))
            assert day is not None
            place = self.note(p, day, True, f"BSN {p.bsn} doorgegeven aan de jeugdarts voor de aanvraag van "
                                            f"{p.roepnaam}.")
            place.bsn = True
        for p in self.pick_n(self.current, self.k, lambda p: True):
            day = between(rng, self.as_of - days(200), self.as_of - days(5))
            assert day is not None
            name, sentence = self.sibling(p, {p.roepnaam})
            place = self.note(p, day, True, f"Gesprek met moeder van {p.full}. {sentence}")
            place.unknown_children = [name]
        long_gone = [p for p in self.expired if p.uitschrijving and years_after(p.uitschrijving, 5) < self.as_of]
        mid = [p for p in self.expired if p not in long_gone]
        for p in self.current + self.left + mid + long_gone[:self.k]:
            if p.status == "current" and rng.random() > 0.4:
                continue
            end = p.uitschrijving or self.as_of - days(3)
            for _ in range(rng.randint(1, 2)):
                day = between(rng, max(p.inschrijving + days(7), end - days(300)), end)
                if day:
                    self.absence(p, day)

    # --- document count ---------------------------------------------------------------------------------------

    def fill(self, documents: int | None) -> None:
        """Meet a requested number of share files: add progress reports, or drop optional controls."""
        if documents is None:
            return
        # The last-added optional controls go first. One pass by identity: list.remove per document
        # compared dataclasses field by field against the whole list, quadratic in a large school.
        drop = min(len(self.plan.docs) - documents, len(self.optional))
        if drop > 0:
            dropped = {id(doc) for doc in self.optional[-drop:]}
            self.paths.difference_update(doc.place.path for doc in self.optional[-drop:])
            del self.optional[-drop:]
            self.plan.docs = [doc for doc in self.plan.docs if id(doc) not in dropped]
        rng, org = self.rng, self.plan.organisation
        suffixes = (".txt", ".docx", ".pdf")
        n = 0
        while len(self.plan.docs) < documents and self.current:
            p = self.current[n % len(self.current)]
            day = self.as_of - days(14 + 7 * (n // len(self.current)) + rng.randint(0, 6))
            n += 1
            if day < p.inschrijving:
                if n > 50 * len(self.current) + documents:
                    break
                continue
            self.add(pupil_docs.progress_report(org, p, day, self.mentor(p), rng, "Dossiers/x/x", suffixes[n % 3]))

    def finish(self) -> None:
        """Roles and parties from the paths, permissions from the modes (as the scanner will see them)."""
        for doc in self.plan.docs:
            doc.place.role, doc.place.party = places.place_of(doc.place.path, self.style)
            doc.place.world_readable = bool(doc.mode & 0o004)
        for row in self.plan.rows:
            row.place.role, row.place.party = places.place_of(row.place.path, self.style)


def _text(doc: Doc) -> str:
    return "\n".join([b.text for b in doc.blocks] + [str(c) for b in doc.blocks for r in b.rows for c in r])


def plan_school(seed: int = 2026, pupils: int = DEFAULT_PUPILS, documents: int | None = None,
                as_of: date = AS_OF, style: str = DEFAULT_STYLE) -> Plan:
    """Everything about the demo school, decided from the seed and the house style alone."""
    if pupils < 30:
        raise ValueError(f"pupils={pupils}: the demo school needs at least 30 pupils to plant every rule")
    house = style_by_name(style)
    rng = random.Random(seed)
    fake = Faker(house.locale)
    fake.seed_instance(seed + house.name_seed)
    org = house.organisation
    staff = make_staff(rng, fake, org)
    towns = [(t.name, t.postcodes, t.streets) for t in house.towns]
    pupil_list = make_pupils(rng, fake, pupils, as_of, org, {s.full for s in staff}, house.origin_weights, towns)
    if house.house_number_additions:  # a stream of its own: the other styles' schools stay as they were
        extra = random.Random(seed * 31 + 7)
        for p in pupil_list:
            if extra.random() < 0.55:
                p.huisnummer = p.huisnummer.rstrip("ab") + extra.choice(house.house_number_additions)
    k = max(1, round(pupils / DEFAULT_PUPILS))
    planted = namesakes.plant(rng, fake, pupil_list, staff, k, (places.SWV, places.LOGOPEDIE), house.contact_domains)
    plan = Plan(seed, as_of, org, staff, pupil_list, parties=house.parties, exempt=house.exempt_names,
                style=house.key)
    plan.contacts = [c for c, _ in planted.contacts.values()]
    plan.namesakes = ([("staff", s.full, f.leerlingnummer) for s, f in planted.staff]
                      + [("contact", c.full, f.leerlingnummer) for c, f in planted.contacts.values()]
                      + [("parent", father.full, f.leerlingnummer) for _, father, f in planted.parents])
    b = Builder(plan, rng, fake, house, planted)
    b.wordless_streets()
    b.newcomers()
    b.outbound()  # first: flows adjust care profiles, which the dossiers then show consistently
    b.dossiers()
    b.archive()
    b.care_team()
    b.trap_docs()
    b.applications()
    b.open_folder()
    b.school_files()
    b.database()
    b.fill(documents)
    b.finish()
    return plan
