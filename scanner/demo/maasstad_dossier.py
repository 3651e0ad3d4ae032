"""Stichting Maasstad Onderwijs's own dossier documents (house style 'maasstad'): layouts that no other
generated school uses.

- leerlingkaart (.pdf) as ParnasSys prints it: label and value in separate lines (two columns flattened), the
  birth date as '2014-03-12', the parents as 'Ouder/verzorger 1' blocks;
- groeidocument (.pdf) as the ParnasSys export: one two-column table per domain (leren, werkhouding,
  sociaal-emotioneel, gezondheid), signatures with the parent's name;
- MDO-verslag with a table of the attendees (naam | functie | organisatie), parents included;
- a letter to the parents about medication: 'Betreft: Jesse de Boer, groep 6', 'Geachte ouder(s)/verzorger(s)';
- an e-mail from a parent ('Mijn zoon Jesse heeft ...'), signed by the parent, kept in the dossier;
- a group discussion with an 'Actiepunten' table (wie | wat | wanneer) naming staff by initials;
- an aanmelding with ParnasSys' split fields ('Achternaam (officieel)', 'Voorvoegsel', 'Voornamen (officieel)',
  'Roepnaam') and a checkbox list of what is known ('[x] ADHD').

Each takes the arguments of the default template it replaces (scanner.demo.styles.Templates) and returns a
`Doc` whose `Place` says whom it is about, so the truth follows from the place as for every template.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from scanner.demo.care import DIAGNOSES, diagnosis_facts, family_facts, medication_facts, school_facts, test_facts
from scanner.demo.layout import d, facts_para, form, heading, letterhead, long_date, para, school_year, table, title
from scanner.demo.model import Block, Doc, Fact, Mail, Organisation, Place, Pupil, Staff
from scanner.demo.people import group_on, school_on


def _place(path: str, *subjects: Pupil, bsn: bool = False) -> Place:
    return Place("share", path, subjects=list(subjects), personal=True, bsn=bsn)


def _label_lines(rows: list[tuple[str, object]]) -> list[Block]:
    """ParnasSys' two-column print, flattened by the pdf export: each label, then its value, on lines of their own."""
    out: list[Block] = []
    for label, value in rows:
        out += [para(label), para(str(value))]
    return out


def leerlingkaart(org: Organisation, p: Pupil, day: date, ib: Staff, rng: random.Random, folder: str,
                  with_bsn: bool, applicant: bool = False, cvb_line: bool = False) -> Doc:
    """Leerlingkaart (replaces the intake form): labels and values on separate lines, parents as blocks."""
    school = school_on(p, day + timedelta(days=40))
    rows: list[tuple[str, object]] = [("Achternaam", p.surname), ("Roepnaam", p.roepnaam),
                                      ("Voornamen", p.voornamen or p.roepnaam),
                                      ("Geboortedatum", p.geboortedatum.isoformat())]
    if p.onderwijsnummer:
        rows.append(("Onderwijsnummer", p.onderwijsnummer))
    elif with_bsn:
        rows.append(("BSN", p.bsn))
    rows += [("Straat en huisnummer", p.address), ("Postcode", p.postcode), ("Plaats", p.woonplaats),
             ("Groep", group_on(p, day + timedelta(days=40)))]
    heading_ = "Leerlingkaart (aanmelding)" if applicant else "Leerlingkaart"
    blocks: list[Block] = [letterhead(org, school), title(heading_), para(p.full), *_label_lines(rows)]
    for i, parent in enumerate(p.parents, 1):
        blocks += [heading(f"Ouder/verzorger {i}"),
                   *_label_lines([("Naam", parent.full), ("Relatie", parent.relatie),
                                  ("Gezag", "ja" if parent.gezag else "nee"), ("Mobiel", parent.phone),
                                  ("E-mail", parent.email)])]
    special = diagnosis_facts(p, rng) + medication_facts(p) + family_facts(p, rng)
    if applicant and cvb_line:
        special = school_facts(p, rng, 1) + special
    blocks += [heading("Bijzonderheden"), facts_para(special) if special else para("Geen."),
               para(f"Ingevoerd {d(day)} - {ib.initial_form}")]
    bsn = with_bsn and not p.onderwijsnummer and bool(p.bsn)
    place = _place(f"{folder}/Leerlingkaart {p.full}.pdf", *([] if applicant else [p]), bsn=bsn)
    if applicant:
        place.unknown_children = [p.full]
    return Doc(place, day, "Leerlingkaart", blocks, author=ib.full)


def groeidocument(org: Organisation, p: Pupil, day: date, author: Staff, parent_day: date, rng: random.Random,
                  folder: str) -> Doc:
    """Groeidocument (replaces the OPP): a two-column table per domain, as ParnasSys exports it to pdf."""
    school = school_on(p, day)
    learning = school_facts(p, rng, 2)
    health = diagnosis_facts(p, rng) + medication_facts(p) + test_facts(p)
    blocks: list[Block] = [letterhead(org, school), title("Groeidocument"),
                           table([["Leerling", p.full], ["Geboortedatum", p.geboortedatum.isoformat()],
                                  ["Groep", group_on(p, day)], ["Schooljaar", school_year(day)],
                                  ["Verwachte uitstroom", p.care.outflow]])]
    domains = [("Leren", learning[0].text), ("Werkhouding", learning[1].text if len(learning) > 1 else
                                             "Heeft hulp nodig bij plannen."),
               ("Sociaal-emotioneel", "Speelt het liefst met een of twee vaste kinderen.")]
    for name, text in domains:
        blocks += [heading(name), table([["Stimulerend", "Belemmerend"], ["Korte instructie, vaste plek", text]])]
    if health:
        blocks += [heading("Gezondheid en onderzoek"),
                   table([["Wat we weten", "Wat dat vraagt van school"],
                          [" ".join(f.text for f in health), "Afstemming met ouders en de behandelaar."]])]
    blocks += [heading("Handtekeningen"),
               table([["Namens school", f"{author.initial_form} ({author.function}), {d(day)}"],
                      ["Ouder/verzorger", f"{p.parents[0].full}, {d(parent_day)}"]])]
    return Doc(_place(f"{folder}/Groeidocument {school_year(day)} {p.roepnaam}.pdf", p), parent_day,
               "Groeidocument", blocks, author=author.full)


def mdo_verslag(org: Organisation, p: Pupil, day: date, present: list[Staff], rng: random.Random, folder: str,
                sibling: str | None = None, ref: str = "full") -> Doc:
    """MDO-verslag; the attendees are a table (naam | functie | organisatie), the parents in it as well."""
    school = school_on(p, day)
    rows: list[list[object]] = [["Naam", "Functie", "Organisatie"]]
    rows += [[s.initial_form, s.function, school.name] for s in present]
    rows += [[parent.full, f"ouder/verzorger ({parent.relatie})", "-"] for parent in p.parents]
    facts = diagnosis_facts(p, rng) + medication_facts(p) + test_facts(p)
    blocks: list[Block] = [letterhead(org, school), title("MDO-verslag"),
                           form([("Leerling", p.full), ("Groep", group_on(p, day)), ("Datum overleg", d(day))]),
                           heading("Deelnemers"), table(rows),
                           heading("Vraag van school"), facts_para(school_facts(p, rng, 1)),
                           heading("Informatie"), facts_para(facts) if facts else para("Geen nieuwe informatie.")]
    if sibling:
        blocks.append(para(sibling))
    blocks.append(para(f"Verslaglegging: {present[0].initial_form}"))
    return Doc(_place(f"{folder}/MDO-verslag {d(day)}.docx", p), day, "MDO-verslag", blocks, author=present[0].full)


def medication_letter(org: Organisation, p: Pupil, day: date, folder: str) -> Doc:
    """A letter to the parents about medication at school: 'Betreft: <name>, <group>' (replaces the statement)."""
    school = school_on(p, day)
    drug, dose, when = p.care.medication[0]
    blocks = [letterhead(org, school),
              para(f"Rotterdam, {long_date(day)}"),
              para(f"Betreft: {p.full}, {group_on(p, day)}"),
              para("Geachte ouder(s)/verzorger(s),"),
              para(f"U heeft ons gevraagd om tijdens schooltijd {drug} ({dose}) te geven, {when}. Dat doen wij "
                   f"volgens het protocol medicijnverstrekking. De groepsleerkracht noteert iedere gift op de lijst "
                   f"in de klas. Verandert er iets in de dosering, laat het ons dan schriftelijk weten."),
              para(f"Met vriendelijke groet,\n\nde directie van {school.name}")]
    return Doc(_place(f"{folder}/Brief medicijnen {p.roepnaam}.docx", p), day, "Brief medicijnen", blocks)


def parent_mail(org: Organisation, p: Pupil, day: date, folder: str, rng: random.Random) -> Doc:
    """An e-mail from a parent about the child, kept in the dossier (replaces the nameless plan): the child by
    first name only ('Mijn zoon Jesse heeft ...'), signed by the parent; only the folder says whose it is."""
    school = school_on(p, day)
    parent = p.parents[0]
    kin = "zoon" if p.geslacht == "M" else "dochter"
    facts = diagnosis_facts(p, rng)[:1] + medication_facts(p)[:1]
    body = " ".join(f.text.replace(p.full, p.roepnaam) for f in facts)
    lines = ["Beste juf/meester,", "",
             f"Mijn {kin} {p.roepnaam} heeft een moeilijke week gehad en ik wil jullie even laten weten hoe het "
             f"thuis gaat. {body}".rstrip(),
             "Kunnen we volgende week even bellen? Na drie uur ben ik altijd bereikbaar.", "",
             "Groetjes,", parent.full, parent.phone]
    mail = Mail(f"{parent.full} <{parent.email}>", f"{school.name} <info@{school.domain}>",
                f"Even over {p.roepnaam}")
    place = Place("share", f"{folder}/Mail van {parent.relatie} {day.isoformat()}.eml", subjects=[p], personal=True,
                  needs="folder", note="parent's e-mail: the pupil by first name only, the dossier folder says who")
    return Doc(place, day, f"Even over {p.roepnaam}", [para("\n".join(lines))], mail=mail)


def group_discussion(org: Organisation, p: Pupil, day: date, ib: Staff, mentor: Staff, folder: str,
                     rng: random.Random) -> Doc:
    """Groepsbespreking with an 'Actiepunten' table (wie | wat | wanneer) naming staff by initials
    (replaces the pupil meeting). Only learning facts: it is about the current pupil `p` and nobody else."""
    school = school_on(p, day)
    blocks = [letterhead(org, school), title("Groepsbespreking"),
              para(f"{p.full} ({group_on(p, day)}), besproken op {d(day)} door {ib.initial_form} (IB) en "
                   f"{mentor.initial_form} (leerkracht)."),
              heading("Stand van zaken"), facts_para(school_facts(p, rng, 2)),
              heading("Actiepunten"),
              table([["Wie", "Wat", "Wanneer"],
                     [ib.initial_form, "Ouders uitnodigen voor een gesprek", d(day + timedelta(days=14))],
                     [mentor.initial_form, "Observatie tijdens rekenen", d(day + timedelta(days=21))]])]
    place = Place("share", f"{folder}/Groepsbespreking {day.isoformat()}.docx", subjects=[p], personal=True,
                  note="staff named by initials in an action table")
    return Doc(place, day, "Groepsbespreking", blocks, author=ib.full)


def application(org: Organisation, p: Pupil, day: date, ib: Staff, path: str, rng: random.Random) -> Doc:
    """Aanmelding with ParnasSys' split name fields and a checkbox list of what is known about the child; the
    body writes only the roepnaam, so the full name is in the file name alone."""
    school = school_on(p, day)
    rows: list[tuple[str, object]] = [("Achternaam (officieel)", p.achternaam), ("Voorvoegsel", p.voorvoegsel or ""),
                                      ("Voornamen (officieel)", p.voornamen), ("Roepnaam", p.roepnaam),
                                      ("Geboortedatum", p.geboortedatum.isoformat()),
                                      ("Adres", p.address), ("Postcode", p.postcode), ("Plaats", p.woonplaats)]
    parents: list[tuple[str, object]] = []
    for i, parent in enumerate(p.parents, 1):
        parents += [(f"Ouder/verzorger {i}", parent.full), ("Telefoon", parent.phone), ("E-mail", parent.email)]
    known = {dg for dg, _, _ in p.care.diagnoses}
    options = sorted(known | {dg for dg in sorted(DIAGNOSES)[:4]})
    checks = "\n".join(f"[{'x' if dg in known else ' '}] {dg}" for dg in options)
    facts = [Fact(f.text.replace(p.full, p.roepnaam), f.category)
             for f in medication_facts(p) + family_facts(p, rng)[:1]]
    blocks = [letterhead(org, school), title("Aanmelding nieuwe leerling"),
              form([("Datum aanmelding", d(day))]), heading("Kind"), form(rows), heading("Ouders/verzorgers"),
              form(parents), heading("Bekend bij ouders"), para(checks)]
    if facts:
        blocks.append(facts_para(facts))
    blocks.append(para(f"Aanmelding in behandeling bij {ib.initial_form}."))
    place = Place("share", path, personal=True, unknown_children=[p.full],
                  note="applicant with ParnasSys' split name fields, not in the register")
    return Doc(place, day, "Aanmelding nieuwe leerling", blocks, author=ib.full)
