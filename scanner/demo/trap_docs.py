"""Documents that exist to plant issue 13's traps: minutes that name staff by initials, plans that name
their pupil only through the folder, and intake forms that split the child's name over three fields.

Like every template they return a `Doc` whose `Place` says whom it is about; the planner decides where
they go and the truth follows from the place.
"""

from __future__ import annotations

import random
from datetime import date

from scanner.demo.care import diagnosis_facts, family_facts, medication_facts, nameless, school_facts
from scanner.demo.layout import d, facts_para, form, heading, letterhead, para, school_year, staff_ref, title
from scanner.demo.model import Doc, Fact, Organisation, Place, Pupil, Staff
from scanner.demo.people import group_on, school_on


def pupil_meeting(org: Organisation, p: Pupil, day: date, ib: Staff, mentor: Staff, folder: str,
                  rng: random.Random) -> Doc:
    """Leerlingbespreking: 'Aanwezig: A. van Dijk (IB), ...', signed 'A. van Dijk, intern begeleider'.

    Only learning facts: the document is about the current pupil `p` and nobody else."""
    parent = p.parents[0]
    aanhef = "mw." if parent.relatie in ("moeder", "pleegmoeder") else "dhr."
    blocks = [letterhead(org, school_on(p, day)), title("Verslag leerlingbespreking"),
              form([("Leerling", p.full), ("Groep", group_on(p, day)), ("Datum", d(day)),
                    ("Aanwezig", f"{staff_ref(ib, 'initials')}, {staff_ref(mentor, 'initials')}, "
                                 f"{aanhef} {parent.surname} ({parent.relatie})")]),
              heading("Besproken"), facts_para(school_facts(p, rng, 2)),
              para(f"Afgesproken: {ib.initial_form} plant over acht weken een evaluatie met ouders."),
              para(f"Verslag: {ib.initial_form}, {ib.function}")]
    place = Place("share", f"{folder}/Leerlingbespreking {day.isoformat()}.docx", subjects=[p], personal=True,
                  note="staff named by initials")
    return Doc(place, day, "Verslag leerlingbespreking", blocks, author=ib.full)


def nameless_plan(org: Organisation, p: Pupil, day: date, folder: str, rng: random.Random) -> Doc:
    """Handelingsplan that says 'de leerling' throughout: only the dossier folder says whose it is."""
    facts: list[Fact] = nameless(school_facts(p, rng, 1) + diagnosis_facts(p, rng)[:1] + medication_facts(p)[:1], p)
    blocks = [letterhead(org, school_on(p, day)), title("Handelingsplan"),
              form([("Periode", school_year(day)), ("Groep", group_on(p, day)), ("Datum", d(day))]),
              heading("Beginsituatie"), facts_para(facts),
              heading("Doelen"), para("De leerling werkt twintig minuten zelfstandig met een stappenplan."),
              para("Evaluatie met ouders aan het eind van de periode.")]
    place = Place("share", f"{folder}/Handelingsplan {school_year(day)}.docx", subjects=[p], personal=True,
                  needs="folder", note="pupil named only by the dossier folder")
    return Doc(place, day, "Handelingsplan", blocks)


def split_name_intake(org: Organisation, p: Pupil, day: date, ib: Staff, path: str, rng: random.Random) -> Doc:
    """Aanmeldformulier with 'Achternaam / Voornamen / Roepnaam' fields; the body writes only the roepnaam,
    so the child's full name is in no single place but the file name."""
    school = school_on(p, day)
    rows: list[tuple[str, object]] = [("Achternaam", p.surname), ("Voornamen", p.voornamen), ("Roepnaam", p.roepnaam),
                                      ("Geboortedatum", d(p.geboortedatum)), ("Geslacht", p.geslacht),
                                      ("Adres", p.address), ("Postcode", p.postcode), ("Woonplaats", p.woonplaats)]
    parent_rows: list[tuple[str, object]] = []
    for parent in p.parents:
        parent_rows += [(f"Naam {parent.relatie}", parent.full), ("Telefoon", parent.phone), ("E-mail", parent.email)]
    facts = [Fact(f.text.replace(p.full, p.roepnaam), f.category)
             for f in diagnosis_facts(p, rng) + medication_facts(p) + family_facts(p, rng)[:1]]
    blocks = [letterhead(org, school), title("Aanmeldformulier"), para(f"Ontvangen op {d(day)}"),
              heading("Gegevens van het kind"), form(rows), heading("Ouders / verzorgers"), form(parent_rows),
              heading("Hulpvraag"), facts_para(facts),
              para(f"Behandeld door {ib.full} ({ib.function}).")]
    place = Place("share", path, personal=True, unknown_children=[p.full],
                  note="applicant with a split name, not in the register")
    return Doc(place, day, "Aanmeldformulier", blocks, author=ib.full)
