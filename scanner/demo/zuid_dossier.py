"""Stichting Zuidrand's own dossier documents (house style 'zuidrand'): layouts no other generated school uses.

- leerlingkaart: label and value in separate paragraphs (a two-column layout copied from Somtoday), the
  pupil's name split into 'Achternaam' and 'Roepnaam';
- groeidocument: the OPP as a table per domain (beginsituatie, doel, aanpak);
- MDO report: an attendees table (naam | functie | organisatie) with the parents in it;
- a letter to the parents ('Geachte ouder(s)/verzorger(s) van ...') with their address block;
- a note dictated into a phone and typed out as one long paragraph, naming nobody;
- an enrolment form in two label|value column pairs, the child's name split over three fields.

Each takes the arguments of the default template it replaces (scanner.demo.styles.Templates) and returns a
`Doc` whose `Place` says whom it is about, so the truth follows from the place as for every template.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from scanner.demo.care import diagnosis_facts, family_facts, medication_facts, nameless, school_facts, test_facts
from scanner.demo.layout import d, facts_para, heading, letterhead, long_date, para, school_year, table, title
from scanner.demo.model import Block, Doc, Fact, Organisation, Place, Pupil, Staff
from scanner.demo.people import group_on, school_on


def _place(path: str, *subjects: Pupil, bsn: bool = False) -> Place:
    return Place("share", path, subjects=list(subjects), personal=True, bsn=bsn)


def _pairs(rows: list[tuple[str, object]]) -> list[Block]:
    """Label and value as two paragraphs each: the layout of a card whose columns are text boxes."""
    return [para(str(text)) for label, value in rows for text in (label, value)]


def _sex(p: Pupil) -> str:
    return "jongen" if p.geslacht == "M" else "meisje"


def _sentences(facts: list[Fact]) -> str:
    return " ".join(f.text for f in facts)


def pupil_card(org: Organisation, p: Pupil, day: date, ib: Staff, rng: random.Random, folder: str,
               with_bsn: bool, applicant: bool = False, cvb_line: bool = False) -> Doc:
    """Leerlingkaart (or, for a child not yet enrolled, aanmeldkaart); replaces the intake form."""
    school = school_on(p, day + timedelta(days=40))
    names: list[tuple[str, object]] = [("Naam kind", p.full)] if applicant else [("Achternaam", p.surname),
                                                                                ("Roepnaam", p.roepnaam)]
    number: tuple[str, object]
    if p.onderwijsnummer:
        number = ("Onderwijsnummer", p.onderwijsnummer)
    elif with_bsn:
        number = ("BSN", p.bsn)
    else:
        number = ("BSN", "zie leerlingadministratie")
    rows = [*names, ("Geboortedatum", d(p.geboortedatum)), ("Geslacht", _sex(p)), number,
            ("Straat en huisnummer", p.address), ("Postcode", p.postcode), ("Woonplaats", p.woonplaats),
            ("Vestiging / stamgroep", f"{school.name} / {group_on(p, day + timedelta(days=40))}")]
    family: list[tuple[str, object]] = []
    for parent in p.parents:
        family += [(f"Ouder/verzorger ({parent.relatie})", parent.full), ("Mobiel", parent.phone),
                   ("E-mailadres", parent.email)]
    special = diagnosis_facts(p, rng) + medication_facts(p) + family_facts(p, rng)
    if applicant and cvb_line:
        special = school_facts(p, rng, 1) + special
    blocks = [letterhead(org, school), title("Aanmeldkaart" if applicant else "Leerlingkaart"),
              para(f"Vastgelegd op {d(day)} door {ib.initial_form}"),
              heading("Kind"), *_pairs(rows), heading("Gezin"), *_pairs(family),
              heading("Bijzonderheden"), facts_para(special) if special else para("Geen bijzonderheden bekend.")]
    place = _place(f"{folder}/Leerlingkaart.docx", *([] if applicant else [p]),
                   bsn=number[0] == "BSN" and number[1] == p.bsn and bool(p.bsn))
    if applicant:
        place.unknown_children = [p.full]
    return Doc(place, day, "Leerlingkaart", blocks, author=ib.full)


DOMAINS = (("Leren", "leerlingen van de stamgroep"), ("Werkhouding", "een vaste werkplek"),
           ("Sociaal-emotioneel", "de pauzes"))


def growth_document(org: Organisation, p: Pupil, day: date, author: Staff, parent_day: date, rng: random.Random,
                    folder: str) -> Doc:
    """Groeidocument: a header table, then one table per domain; the parents sign with a date."""
    school = school_on(p, day)
    lines = school_facts(p, rng, 3)
    avi = rng.choice(("M5", "E5", "M6", "E6", "M7"))
    health = diagnosis_facts(p, rng) + medication_facts(p)
    blocks: list[Block] = [
        letterhead(org, school), title("Groeidocument"),
        table([["Naam", p.full], ["Geboortedatum", d(p.geboortedatum)], ["Stamgroep", group_on(p, day)],
               ["Schooljaar", school_year(day)], ["Opgesteld door", f"{author.initial_form}, {author.function}"],
               ["Vastgesteld in OT", d(day)]]),
    ]
    for (domain, where), line in zip(DOMAINS, lines, strict=False):
        blocks += [heading(f"Domein: {domain}"),
                   table([["Beginsituatie", line.text],
                          ["Doel", f"{p.roepnaam} haalt aan het eind van de periode AVI {avi}." if domain == "Leren"
                           else f"{p.roepnaam} houdt het twintig minuten vol in {where}."],
                          ["Aanpak", "Korte instructie aan de instructietafel, daarna zelfstandig met stappenplan."],
                          ["Evaluatie", "na 10 weken"]])]
    if health or test_facts(p):
        blocks += [heading("Domein: Gezondheid en ontwikkeling"),
                   table([["Beginsituatie", _sentences(health + test_facts(p))],
                          ["Doel", "Afstemming met ouders en behandelaar blijft zoals afgesproken."]])]
    parent = p.parents[0]
    blocks += [heading("Ondertekening"),
               table([["Ouder/verzorger", "Datum", "Handtekening"], [parent.full, d(parent_day), "akkoord"]])]
    return Doc(_place(f"{folder}/Groeidocument {school_year(day)}.docx", p), parent_day, "Groeidocument", blocks,
               author=author.full)


def mdo_table(org: Organisation, p: Pupil, day: date, present: list[Staff], rng: random.Random, folder: str,
              sibling: str | None = None, ref: str = "full") -> Doc:
    """Verslag MDO with the attendees as a table (naam | functie | organisatie); the parents sit in it too."""
    school = school_on(p, day)
    attendees: list[list[object]] = [["Naam", "Functie", "Organisatie"]]
    attendees += [[s.full, s.function, school.name] for s in present]
    attendees += [[parent.full, parent.relatie, "-"] for parent in p.parents]
    facts = diagnosis_facts(p, rng) + medication_facts(p) + test_facts(p)
    blocks: list[Block] = [
        letterhead(org, school), title("Verslag MDO"),
        table([["Datum overleg", d(day)], ["Leerling", p.full], ["Geboortedatum", d(p.geboortedatum)],
               ["Stamgroep", group_on(p, day)]]),
        heading("Aanwezigen"), table(attendees),
        heading("Vraag van school"),
        para(f"Hoe kunnen we {p.roepnaam} beter helpen? " + school_facts(p, rng, 1)[0].text),
        heading("Wat weten we"), facts_para(facts) if facts else para("Geen nieuwe informatie.")]
    if sibling:
        blocks.append(para(sibling))
    nxt = day + timedelta(days=rng.choice((35, 42, 63)))
    blocks += [heading("Afspraken"),
               table([["Wie", "Wat", "Wanneer"],
                      [present[-1].initial_form, "observatie in de groep", "binnen 3 weken"],
                      [present[0].initial_form, f"terugkoppeling aan ouders van {p.roepnaam}", d(nxt)]])]
    return Doc(_place(f"{folder}/Verslag MDO {day.strftime('%d-%m-%Y')}.docx", p), day, "Verslag MDO", blocks,
               author=present[0].full)


def parents_letter(org: Organisation, p: Pupil, day: date, folder: str) -> Doc:
    """A letter to the parents about medication at school, with their address block (replaces the
    medication statement)."""
    school = school_on(p, day)
    drug, dose, when = p.care.medication[0]
    blocks = [letterhead(org, school),
              para(f"Aan de ouder(s)/verzorger(s) van {p.full}\n{p.address}\n{p.postcode} {p.woonplaats}"),
              para(f"{school.city}, {long_date(day)}"),
              para("Betreft: afspraken over medicijnen op school"),
              para(f"Geachte ouder(s)/verzorger(s) van {p.roepnaam},"),
              para(f"Zoals besproken geven wij {p.roepnaam} op school {drug} ({dose}), {when}. Wij noteren elke "
                   f"keer in het medicijnschrift dat het is gegeven. Verandert er iets, laat het de leerkracht dan "
                   f"schriftelijk weten."),
              para(f"Met vriendelijke groet,\nnamens het team van {school.name}\nde directie")]
    return Doc(_place(f"{folder}/Brief ouders medicijnen {day.isoformat()}.docx", p), day, "Brief aan ouders",
               blocks)


def dictated_note(org: Organisation, p: Pupil, day: date, folder: str, rng: random.Random) -> Doc:
    """A note dictated after a phone call and typed out as one paragraph; it says 'de leerling', so only the
    dossier folder says whose it is (replaces the nameless plan)."""
    facts = nameless(school_facts(p, rng, 1) + diagnosis_facts(p, rng)[:1] + medication_facts(p)[:1], p)
    relatie = p.parents[0].relatie
    text = (f"notitie telefoongesprek {d(day)} met {relatie}, ingesproken en uitgetypt, {relatie} belde na "
            f"schooltijd omdat het thuis de laatste weken wisselend gaat en vroeg of school iets merkt, ik heb "
            f"aangegeven dat we het in de klas ook zien. " + _sentences(facts) + " We spreken af dat de mentor "
            "over drie weken terugbelt en dat we het in het OT bespreken, verder geen bijzonderheden, einde notitie")
    place = Place("share", f"{folder}/Notitie telefoongesprek {day.strftime('%Y%m%d')}.txt", subjects=[p],
                  personal=True, needs="folder", note="pupil named only by the dossier folder (dictated note)")
    return Doc(place, day, "Notitie", [para(text)])


def enrolment_form(org: Organisation, p: Pupil, day: date, ib: Staff, path: str, rng: random.Random) -> Doc:
    """Inschrijfformulier in two label|value column pairs; the child's name is split over Achternaam, Voornamen
    and Roepnaam and the body writes only the roepnaam, so the full name is in the file name alone."""
    school = school_on(p, day)
    rows: list[list[object]] = [["Achternaam", p.surname, "Roepnaam", p.roepnaam],
                                ["Voornamen", p.voornamen, "Geslacht", _sex(p)],
                                ["Geboortedatum", d(p.geboortedatum), "Datum aanmelding", d(day)],
                                ["Straat en huisnummer", p.address, "Postcode", p.postcode],
                                ["Woonplaats", p.woonplaats, "Gewenste vestiging", school.name]]
    family: list[list[object]] = []
    for parent in p.parents:
        family += [["Naam ouder/verzorger", parent.full, "Relatie", parent.relatie],
                   ["Telefoon", parent.phone, "E-mail", parent.email]]
    facts = [Fact(f.text.replace(p.full, p.roepnaam), f.category)
             for f in diagnosis_facts(p, rng) + medication_facts(p) + family_facts(p, rng)[:1]]
    blocks = [letterhead(org, school), title("Inschrijfformulier"), heading("Gegevens kind"), table(rows),
              heading("Gegevens ouders/verzorgers"), table(family),
              heading("Waarom deze school?"), facts_para(facts) if facts else para("Zie bijgevoegd verslag."),
              para(f"Ontvangen door {ib.initial_form} ({ib.function})")]
    place = Place("share", path, personal=True, unknown_children=[p.full],
                  note="applicant with a split name, not in the register")
    return Doc(place, day, "Inschrijfformulier", blocks, author=ib.full)
