"""Stichting Zuidrand's team documents, school-wide files and configuration (house style 'zuidrand'):

- minutes of the ondersteuningsteam (OT) with a table of pupils and an 'Actiepunten' table (wie | wat |
  wanneer) that names staff by their initials ('AvD');
- a leerlingbespreking whose action table names the intern begeleider 'A. van Dijk' without a function;
- a class list spreadsheet with the pupil as 'Achternaam, Roepnaam' in the folder the whole team reads;
- an attendance export for Leerplicht with its own headers, a birth date beside the absence date;
- avgscan.yaml as the school's IT person wrote it from config/example.avgscan.yaml.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from scanner.demo import places
from scanner.demo.care import school_facts
from scanner.demo.layout import d, facts_para, heading, letterhead, para, staff_ref, table, title
from scanner.demo.model import ONDERWIJS, Block, Doc, Fact, Organisation, Place, Plan, Pupil, School, Staff
from scanner.demo.people import group_on, school_on
from scanner.demo.styles import Style, style_by_name


def short(person: Staff) -> str:
    """'Anouk van Dijk' -> 'AvD': how minutes write who does what."""
    prefix = "".join(w[0] for w in person.voorvoegsel.split())
    return f"{person.roepnaam[0]}{prefix}{person.achternaam[0]}"


def support_team_minutes(org: Organisation, school: School, day: date, entries: list[tuple[Pupil, list[Fact]]],
                         present: list[Staff], rng: random.Random, sibling: tuple[Pupil, str] | None = None,
                         ref: str = "full") -> Doc:
    """Notulen OT: pupils in a table (name | stamgroep | bespreekpunt), actions in a 'wie | wat | wanneer' table."""
    pupils: list[list[object]] = [["Leerling", "Stamgroep", "Bespreekpunt"]]
    actions: list[list[object]] = [["Wie", "Wat", "Wanneer"]]
    for p, facts in entries:
        point = " ".join(f.text for f in facts) or "Stand van zaken."
        if sibling and sibling[0] is p:
            point += " " + sibling[1]
        pupils.append([p.full if rng.random() < 0.6 else p.sorted_name, group_on(p, day), point])
        who = rng.choice(present)
        what = rng.choice(("{r} inbrengen in het MDO", "ouders van {r} bellen", "observatie {r} in de groep",
                           "groeidocument {r} bijwerken"))
        actions.append([short(who), what.format(r=p.roepnaam), d(day + timedelta(days=rng.choice((14, 21, 28))))])
    blocks: list[Block] = [title(f"Notulen ondersteuningsteam {school.name}"), para(f"Datum OT: {d(day)}"),
                           para("Aanwezig: " + ", ".join(staff_ref(s, "initials") for s in present)),
                           para(f"Notulen: {short(present[0])}"),
                           heading("Besproken leerlingen"), table(pupils), heading("Actiepunten"), table(actions)]
    place = Place("share", f"Zorgteam/OT {school.name}/{day.year}/Notulen OT {day.strftime('%d-%m-%Y')}.docx",
                  subjects=[p for p, _ in entries], personal=True)
    return Doc(place, day, f"Notulen OT {school.name}", blocks, author=present[0].full)


def pupil_review(org: Organisation, p: Pupil, day: date, ib: Staff, mentor: Staff, folder: str,
                 rng: random.Random) -> Doc:
    """Leerlingbespreking: 'Aanwezig: A. van Dijk (IB), ...' and an action table with 'A. van Dijk' alone.

    Only learning facts: the document is about the current pupil `p` and nobody else."""
    parent = p.parents[0]
    aanhef = "mw." if parent.relatie in ("moeder", "pleegmoeder") else "dhr."
    blocks = [letterhead(org, school_on(p, day)), title("Leerlingbespreking"),
              table([["Leerling", p.full], ["Stamgroep", group_on(p, day)], ["Datum bespreking", d(day)]]),
              para(f"Aanwezig: {staff_ref(ib, 'initials')}, {staff_ref(mentor, 'initials')}, {aanhef} "
                   f"{parent.surname} ({parent.relatie})"),
              heading("Besproken"), facts_para(school_facts(p, rng, 2)),
              heading("Actiepunten"),
              table([["Wie", "Wat", "Wanneer"], [ib.initial_form, "evaluatie plannen met ouders",
                                                  d(day + timedelta(days=56))],
                     [mentor.initial_form, f"weekplanning met {p.roepnaam} doornemen", "wekelijks"]])]
    place = Place("share", f"{folder}/Leerlingbespreking {day.strftime('%d-%m-%Y')}.docx", subjects=[p],
                  personal=True, note="staff named by initials")
    return Doc(place, day, "Leerlingbespreking", blocks, author=ib.full)


def class_list(group: str, pupils: list[Pupil], day: date) -> Doc:
    """Klassenlijst for the substitute teacher: 'Achternaam, Roepnaam', birth date, a parent and a number."""
    rows: list[list[object]] = [["Leerling", "Geb.datum", "Ouder/verzorger", "Mobiel"]]
    for p in pupils:
        parent = p.parents[0]
        rows.append([f"{p.surname}, {p.roepnaam}", p.geboortedatum, parent.full, parent.phone])
    place = Place("share", f"Gedeeld/Iedereen/Klassenlijsten/Klassenlijst {group}.xlsx", subjects=pupils,
                  personal=True, note="class list in the folder the whole team reads")
    return Doc(place, day, "Klassenlijst", sheet=rows, sheet_name=group)


ABSENCE = (("ziek gemeld", "ja"), ("bezoek huisarts", "ja"), ("te laat", "nee"), ("onbekend", "nee"),
           ("familiebezoek buitenland", "nee"))


def extra_docs(plan: Plan, style: Style, rng: random.Random) -> list[Doc]:
    """The monthly attendance export to Leerplicht (exempt): several pupils, a birth date beside each absence."""
    current = [p for p in plan.pupils if p.status == "current"]
    sent = plan.as_of - timedelta(days=rng.randint(8, 20))
    chosen = sorted(rng.sample(current, min(6, len(current))), key=lambda p: p.leerlingnummer)
    rows: list[list[object]] = [["Stamnr", "Naam leerling", "Geb.datum", "Klas", "Datum absentie", "Lesuren",
                                 "Reden", "Geoorloofd"]]
    for p in chosen:
        for _ in range(rng.randint(1, 3)):
            reason, allowed = rng.choice(ABSENCE)
            rows.append([p.leerlingnummer, p.full, p.geboortedatum, group_on(p, sent),
                         sent - timedelta(days=rng.randint(3, 40)), rng.choice((2, 4, 6)), reason, allowed])
    path = f"{places.LEERPLICHT}/Verzuimoverzicht {sent.strftime('%Y-%m')}.csv"
    place = Place("share", path, subjects=chosen, personal=True, share_date=sent,
                  categories={p.leerlingnummer: {ONDERWIJS} for p in chosen},
                  note="attendance export to Leerplicht (exempt)")
    return [Doc(place, sent, "Verzuimoverzicht", sheet=rows)]



def config_text(plan: Plan, root: Path) -> str:
    """avgscan.yaml in the IT person's own words: Dutch comments, the register's headers mapped by hand, the
    consent records as the CSV export, the temporary Office files excluded."""
    from scanner.demo.config_writer import (  # config_writer imports the styles
        database_source,
        organisation_lines,
        people_records,
        share_mapping,
    )
    from scanner.demo.config_writer import quoted as _q

    style = style_by_name(plan.style)
    org = plan.organisation
    header = style.register_header
    return "\n".join([
        f"# avgscan - {org.name} (Oss/Uden)",
        "# Ingericht door ICT op basis van config/example.avgscan.yaml.",
        f"# Scannen: avgscan scan --config avgscan.yaml --out rapport   (stijl {style.key}, seed {plan.seed})",
        "",
        *organisation_lines(plan, 'eigen adressen en telefoonnummers (briefpapier)'),
        "",
        f"as_of: {plan.as_of.isoformat()}",
        "",
        "sources:",
        "  - name: share",
        "    type: filesystem",
        "    path: share",
        '    exclude: ["**/Thumbs.db", "**/~$*", "**/.DS_Store"]',
        "    # mappen heten 20431_deBoer_Jesse",
        f"    folder_pattern: {_q(style.folder_pattern)}",
        *share_mapping(style, 'map -> partij zoals in het toestemmingenoverzicht'),
        *database_source(style, "sqlite:///las.db"),
        "",
        "records:",
        "  register:   # export uit Somtoday",
        "    path: records/leerlingen.csv",
        "    columns:",
        f"      leerlingnummer: {_q(header[0])}",
        f"      voorvoegsel: {_q(header[2])}",
        f"      inschrijving: {_q(header[9])}",
        f"      uitschrijving: {_q(header[10])}",
        "  consents:",
        "    path: records/toestemmingen.csv",
        *people_records(style, plan, "sqlite:///las.db"),
        "",
    ])

