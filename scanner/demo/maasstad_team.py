"""Stichting Maasstad Onderwijs's team files, outgoing documents, register export and configuration (house style
'maasstad'):

- the care-team agenda: a table Leerling | Groep | Aanmelder | Vraag, the applicants named by initials;
- a leerlingvolgsysteem export as a ';' CSV whose 'Naam' column reads 'Boer de, J. (Jesse)', in the folder the
  whole team reads;
- to youth care, a reply in an e-mail thread: the school's answer on top, the care worker's earlier question
  quoted below 'Op 3 maart 2026 schreef ...:' with '> ' lines (that date is not the day of sharing);
- to the wijkteam, a referral form (.pdf) with checkboxes ('[x] Opvoedondersteuning') and a 'Datum verwijzing';
- a teacher's class notebook (.docx), one paragraph per child starting 'Jesse:';
- scans of signed consent forms, OCR'd to text pdf, in the dossiers;
- the register as a ParnasSys export ('Achternaam (officieel)', 'Voorvoegsel', ISO dates, ';');
- avgscan.yaml as the board's IT person wrote it from config/example.avgscan.yaml.

The facts passed to outgoing documents are their whole special-category content (as in outbound_docs).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from scanner.demo import places
from scanner.demo.care import school_facts
from scanner.demo.layout import MONTHS, d, form, heading, letterhead, long_date, para, table, title
from scanner.demo.model import Contact, Doc, Fact, Mail, Organisation, Place, Plan, Pupil, School, Staff
from scanner.demo.outbound_docs import DEFAULT_WORDING, _place, _signature, greeting
from scanner.demo.people import group_on, school_on
from scanner.demo.styles import Style, Wording, style_by_name


def lvs_name(p: Pupil) -> str:
    """'Boer de, J. (Jesse)': how the leerlingvolgsysteem writes a pupil (the prefix after the surname)."""
    prefix = f" {p.voorvoegsel}" if p.voorvoegsel else ""
    return f"{p.achternaam}{prefix}, {p.roepnaam[0]}. ({p.roepnaam})"


def care_agenda(org: Organisation, school: School, day: date, entries: list[tuple[Pupil, list[Fact]]],
                present: list[Staff], rng: random.Random, sibling: tuple[Pupil, str] | None = None,
                ref: str = "full") -> Doc:
    """Agenda zorgteam (replaces the care meeting): one row per pupil, Leerling | Groep | Aanmelder | Vraag."""
    rows: list[list[object]] = [["Leerling", "Groep", "Aanmelder", "Vraag"]]
    for p, facts in entries:
        question = " ".join(f.text for f in facts) or "Meedenken over de aanpak in de groep."
        if sibling and sibling[0] is p:
            question += " " + sibling[1]
        rows.append([p.full, group_on(p, day), rng.choice(present).initial_form, question])
    blocks = [letterhead(org, school), title(f"Agenda zorgteam {school.name}"),
              form([("Datum", d(day)), ("Tijd", "13.30 - 15.30 uur"), ("Locatie", "kamer IB")]),
              heading("Vaste leden"), para(", ".join(f"{s.initial_form} ({s.function})" for s in present)),
              heading("Aangemelde leerlingen"), table(rows),
              para("Stukken uiterlijk twee dagen van tevoren aanleveren bij de IB'er.")]
    place = Place("share", f"Zorgteam/Agenda's/{school.name}/Agenda zorgteam {day.isoformat()}.docx",
                  subjects=[p for p, _ in entries], personal=True)
    return Doc(place, day, f"Agenda zorgteam {school.name}", blocks, author=present[0].full)


def lvs_export(group: str, pupils: list[Pupil], day: date) -> Doc:
    """Leerlingvolgsysteem export of one group (replaces the phone list): ';' CSV, 'Boer de, J. (Jesse)'."""
    rows: list[list[object]] = [["Naam", "Groep", "Geboortedatum", "Toets", "Score", "Niveau", "Telefoon ouder"]]
    tests = ("Rekenen-Wiskunde M", "Begrijpend lezen M", "Spelling M")
    for i, p in enumerate(pupils):
        rows.append([lvs_name(p), group, p.geboortedatum.isoformat(), tests[i % 3], 20 + (len(p.achternaam) * 7) % 60,
                     ("I", "II", "III", "IV", "V")[len(p.roepnaam) % 5], p.parents[0].phone])
    place = Place("share", f"Gedeeld/Iedereen/Leerlingvolgsysteem/LVS {group} {day.isoformat()}.csv", subjects=pupils,
                  personal=True, note="lvs export in the folder the whole team reads")
    return Doc(place, day, "LVS-export", sheet=rows, delimiter=";")


def _quote_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def reply_thread(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                 wording: Wording = DEFAULT_WORDING) -> Doc:
    """The school answers youth care's question in the same thread; the question is quoted with '> '."""
    asked = day - timedelta(days=2 + len(p.achternaam) % 5)
    quoted = [f"> {greeting(Contact(sender.roepnaam, sender.voorvoegsel, sender.achternaam), wording)}", ">",
              f"> Wij hebben {p.full} aangemeld gekregen. Kunnen jullie ons vertellen hoe het op school gaat",
              "> en wat jullie al hebben ingezet?", ">", "> Met vriendelijke groet,", f"> {to.full}"]
    lines = [greeting(to, wording), "",
             f"Dank voor je vraag. Hieronder wat wij over {p.roepnaam} kunnen delen; ouders weten ervan.",
             *[f.text for f in facts],
             *_signature(sender, p, day, wording), "",
             f"Op {_quote_date(asked)} om 16:05 schreef {to.full} <{to.email}>:", *quoted]
    subject = f"RE: Aanmelding {p.full}"
    mail = Mail(f"{sender.full} <{sender.email}>", f"{to.full} <{to.email}>", subject)
    path = f"{places.JEUGD_GGZ}/RE Aanmelding {p.surname} {day.isoformat()}.eml"
    return Doc(_place(path, p, day, facts), day, subject, [para("\n".join(lines))], mail=mail, author=sender.full)


NEEDS = ("Opvoedondersteuning", "Schuldhulpverlening", "Huisvesting", "Ondersteuning thuis", "Taalcursus ouder")


def referral_form(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                  wording: Wording = DEFAULT_WORDING) -> Doc:
    """Verwijsformulier wijkteam (.pdf): checkboxes for what the family needs, the address in a field."""
    school = school_on(p, day)
    parent = p.parents[0]
    ticked = {NEEDS[len(p.achternaam) % len(NEEDS)], NEEDS[0]}
    checks = "\n".join(f"[{'x' if n in ticked else ' '}] {n}" for n in NEEDS)
    blocks = [para(f"{school.name} - {school.street} - {school.postcode} {school.city}"),
              title("Verwijsformulier Wijkteam"),
              form([("Datum verwijzing", d(day)), ("Contactpersoon wijkteam", to.addressed),
                    ("Verwezen door", f"{sender.full}, {sender.function}")]),
              heading("Gezin"),
              form([("Kind", p.full), ("Groep", group_on(p, day)), ("Woonadres", p.address),
                    ("Postcode en plaats", f"{p.postcode} {p.woonplaats}"),
                    (f"Ouder ({parent.relatie})", parent.full), ("Telefoon", parent.phone)]),
              heading("Waar is hulp bij nodig?"), para(checks),
              heading("Toelichting"), para(" ".join(f.text for f in facts)),
              para("Ouders zijn akkoord met deze verwijzing.")]
    path = f"{places.WIJKTEAM}/Verwijsformulier {p.surname} {day.isoformat()}.pdf"
    return Doc(_place(path, p, day, facts), day, "Verwijsformulier Wijkteam", blocks, author=sender.full)


def notebook(org: Organisation, group: str, pupils: list[Pupil], day: date, rng: random.Random) -> Doc:
    """A teacher's class notebook: one paragraph per child, starting with the first name ('Jesse: ...')."""
    school = school_on(pupils[0], day)
    blocks = [title(f"Klassenschrift {group}"), para(f"Week van {long_date(day)}")]
    for p in pupils:
        text = " ".join(f.text for f in school_facts(p, rng, 1)).replace(p.full, p.roepnaam)
        blocks.append(para(f"{p.roepnaam}: {text}"))
    blocks.append(para("Vrijdag: invaller, zie rooster."))
    place = Place("share", f"Zorgteam/Klassenschriften/{school.name}/Klassenschrift {group} week "
                  f"{day.isocalendar()[1]}.docx", subjects=pupils, personal=True,
                  note="children by first name only")
    return Doc(place, day, f"Klassenschrift {group}", blocks)


def consent_scan(org: Organisation, p: Pupil, party: str, given: date) -> Doc:
    """A signed consent form, scanned and OCR'd to a text pdf, in the pupil's dossier."""
    school = school_on(p, given)
    parent = p.parents[0]
    blocks = [letterhead(org, school), title("Toestemmingsformulier uitwisseling gegevens"),
              para(f"Ondergetekende {parent.full}, {parent.relatie} van {p.full} "
                   f"(geboortedatum {p.geboortedatum.isoformat()}), geeft toestemming om gegevens over de "
                   f"schoolontwikkeling te delen met {party}."),
              para("Deze toestemming kan ik altijd intrekken bij de directie."),
              para(f"Plaats en datum: Rotterdam, {d(given)}"),
              para(f"Handtekening ouder/verzorger: {parent.full}"),
              para("[handtekening]")]
    place = Place("share", f"Dossiers/x/x/Scan toestemming {given.isoformat()}.pdf", subjects=[p], personal=True,
                  note="scanned consent form (text pdf)")
    return Doc(place, given, "Toestemmingsformulier", blocks)


def extra_docs(plan: Plan, style: Style, rng: random.Random) -> list[Doc]:
    """Class notebooks for two groups and a few scanned consent forms in the dossiers."""
    current = [p for p in plan.pupils if p.status == "current"]
    docs: list[Doc] = []
    by_group: dict[tuple[str, str], list[Pupil]] = {}
    for p in current:
        assert p.school is not None
        by_group.setdefault((p.school.name, group_on(p, plan.as_of)), []).append(p)
    groups = sorted(by_group, key=lambda g: (-len(by_group[g]), g))[:2]
    roepnamen = [p.roepnaam for p in plan.pupils]
    for key in groups:
        pupils = [p for p in by_group[key] if roepnamen.count(p.roepnaam) == 1][:6]
        if pupils:
            docs.append(notebook(plan.organisation, key[1], pupils, plan.as_of - timedelta(days=rng.randint(7, 40)),
                                 rng))
    by_pupil = {p.leerlingnummer: p for p in current}
    scanned: set[str] = set()
    for c in plan.consents:
        p = by_pupil.get(c.leerlingnummer)
        if p is None or c.leerlingnummer in scanned or len(scanned) >= 4 or c.gegeven_door != "ouder":
            continue
        scanned.add(c.leerlingnummer)
        docs.append(consent_scan(plan.organisation, p, c.partij, c.datum_gegeven))
    return docs


REGISTER_HEADER = ["Leerlingnummer", "Achternaam (officieel)", "Voorvoegsel", "Roepnaam", "Voornamen (officieel)",
                   "Geslacht", "Geboortedatum", "BSN", "Onderwijsnummer", "School", "Groep", "Datum inschrijving",
                   "Datum uitschrijving"]


def register_export(plan: Plan) -> tuple[list[str], list[list[object]], str]:
    """The register as ParnasSys exports it: official surname and prefix apart, ISO dates, ';'."""
    rows: list[list[object]] = []
    for p in plan.pupils:
        assert p.school is not None
        rows.append([p.leerlingnummer, p.achternaam, p.voorvoegsel, p.roepnaam, p.voornamen or p.roepnaam,
                     p.geslacht, p.geboortedatum.isoformat(), p.bsn, p.onderwijsnummer, p.school.name,
                     group_on(p, p.uitschrijving or plan.as_of), p.inschrijving.isoformat(),
                     p.uitschrijving.isoformat() if p.uitschrijving else ""])
    return list(REGISTER_HEADER), rows, ";"



def config_text(plan: Plan, root: Path) -> str:
    """avgscan.yaml as the IT person wrote it: the example's sections, ParnasSys headers mapped by hand."""
    from scanner.demo.config_writer import (  # config_writer imports the styles
        database_source,
        organisation_lines,
        people_records,
        share_mapping,
    )
    from scanner.demo.config_writer import quoted as _q

    style = style_by_name(plan.style)
    org = plan.organisation
    return "\n".join([
        f"# avgscan - {org.name}",
        "# Gemaakt op basis van config/example.avgscan.yaml (ICT-servicedesk Maasstad)",
        "",
        *organisation_lines(plan),
        f"as_of: {plan.as_of.isoformat()}",
        "",
        "sources:",
        "  - name: share",
        "    type: filesystem",
        "    path: share",
        '    exclude: ["**/Thumbs.db", "**/~$*"]',
        f"    folder_pattern: {_q(style.folder_pattern)}   # 'Dossier 20431 (Boer de, Jesse)'",
        *share_mapping(style),
        *database_source(style, "sqlite:///las.db"),
        "",
        "records:",
        "  register:",
        "    path: records/leerlingen.csv   # ParnasSys > Leerlingen > exporteren",
        "    columns: {achternaam: \"Achternaam (officieel)\"}",
        "  consents:",
        "    path: records/toestemmingen.csv",
        *people_records(style, plan, "sqlite:///las.db"),
        "",
    ])
