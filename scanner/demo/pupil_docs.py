"""Documents about one pupil (or a handful) as a special school keeps them: intake forms, OPPs, MDO
reports, medication statements, leaving forms, grade lists, care-team minutes and applications.

Each template returns a `Doc` whose `Place` says whom it is about and what it contains (a BSN, a child
outside the register); the planner adds dates, roles and the consent picture.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from scanner.demo.care import diagnosis_facts, family_facts, medication_facts, school_facts, test_facts
from scanner.demo.layout import (
    bullets,
    d,
    facts_para,
    form,
    heading,
    letterhead,
    long_date,
    para,
    school_year,
    staff_ref,
    table,
    title,
)
from scanner.demo.model import Block, Doc, Fact, Organisation, Place, Pupil, School, Staff
from scanner.demo.people import group_on, school_on

GOALS = ("{r} leest aan het eind van het schooljaar op AVI-niveau {avi}.",
         "{r} kan een taak van 20 minuten zelfstandig afmaken met een stappenplan.",
         "{r} vraagt hulp op een passende manier.",
         "{r} werkt in de stage twee ochtenden per week zelfstandig.",
         "{r} lost een conflict op met een volwassene in de buurt.")


def dossier_dir(p: Pupil) -> str:
    assert p.school is not None
    return f"Dossiers/{p.school.name}/{p.folder}"


def archive_dir(p: Pupil) -> str:
    assert p.uitschrijving is not None
    return f"Archief/Uitgeschreven leerlingen/{p.uitschrijving.year}/{p.folder}"


def _named(person: Staff, ref: str) -> str:
    return person.initial_form if ref == "initials" else person.full


def _adult(parent_relatie: str) -> str:
    return "mevrouw" if parent_relatie in ("moeder", "pleegmoeder") else "meneer"


def _place(path: str, *subjects: Pupil, bsn: bool = False) -> Place:
    return Place("share", path, subjects=list(subjects), personal=True, bsn=bsn)


def intake_form(org: Organisation, p: Pupil, day: date, ib: Staff, rng: random.Random, folder: str,
                with_bsn: bool, applicant: bool = False, cvb_line: bool = False) -> Doc:
    """Intakeformulier: personalia as a label|value table, parents, reason, medical data, home situation."""
    school = school_on(p, day + timedelta(days=40))
    number: tuple[str, object]
    if p.onderwijsnummer:
        number = ("Onderwijsnummer", p.onderwijsnummer)
    elif with_bsn:
        number = ("BSN", f"{p.bsn[:3]} {p.bsn[3:6]} {p.bsn[6:]}" if rng.random() < 0.5 else p.bsn)
    else:
        number = ("BSN", "bekend bij de administratie")
    rows = [("Naam leerling", p.full), ("Roepnaam", p.roepnaam), ("Geboortedatum", d(p.geboortedatum)), number,
            ("Adres", p.address), ("Postcode en woonplaats", f"{p.postcode} {p.woonplaats}"),
            ("Aangemeld voor", f"{school.name}, {group_on(p, day + timedelta(days=40))}")]
    parent_rows: list[tuple[str, object]] = []
    for parent in p.parents:
        parent_rows += [(f"Naam {parent.relatie}", parent.full), ("Telefoon", parent.phone), ("E-mail", parent.email)]
    reason = (f"{p.roepnaam} wordt aangemeld omdat de vorige school niet langer kon voorzien in de "
              f"ondersteuningsbehoefte. " + " ".join(f.text for f in school_facts(p, rng)))
    medical = diagnosis_facts(p, rng) + medication_facts(p)
    home = family_facts(p, rng)
    blocks = [letterhead(org, school), title("Intakeformulier leerling"), para(f"Datum intake: {d(day)}"),
              heading("Personalia"), form(rows), heading("Ouders / verzorgers"), form(parent_rows),
              heading("Reden van aanmelding"), para(reason), heading("Medische gegevens"), facts_para(medical),
              heading("Thuissituatie"),
              facts_para(home) if home else para(f"Het gezin bestaat uit {len(p.parents)} ouder(s) en "
                                                 f"{rng.randint(1, 4)} kinderen."),
              heading("Afspraken"),
              para(f"Het intakegesprek is gevoerd door {ib.full} (intern begeleider) met "
                   f"{_adult(p.parents[0].relatie)} {p.parents[0].surname}. Er volgt een observatie in de groep "
                   f"en daarna een bespreking in de commissie van begeleiding.")]
    if cvb_line and p.care.diagnoses:
        names = " en ".join(dg for dg, _, _ in p.care.diagnoses)
        blocks.append(para(f"Advies CvB: leerling {p.full} is toelaatbaar, met {names} als belangrijkste "
                           f"aandachtspunt."))
    place = _place(f"{folder}/Intakeformulier.docx", *([] if applicant else [p]),
                   bsn=number[0] == "BSN" and number[1] != "bekend bij de administratie")
    if applicant:
        place.unknown_children = [p.full]
    return Doc(place, day, "Intakeformulier leerling", blocks, author=ib.full)


def opp(org: Organisation, p: Pupil, day: date, author: Staff, parent_day: date, rng: random.Random,
        folder: str) -> Doc:
    school = school_on(p, day)
    avi = rng.choice(("E4", "M5", "E5", "M6", "E6"))
    goals = [g.format(r=p.roepnaam, avi=avi) for g in rng.sample(GOALS, 3)]
    reasons = test_facts(p) + diagnosis_facts(p, rng, named=True)
    parent = p.parents[0]
    blocks = [letterhead(org, school), title("Ontwikkelingsperspectiefplan (OPP)"),
              form([("Naam", p.full), ("Geboortedatum", d(p.geboortedatum)),
                    ("School / groep", f"{school.name} / {group_on(p, day)}"), ("Datum vaststelling", d(day)),
                    ("Opgesteld door", f"{author.full}, {author.function}")]),
              heading("Uitstroomprofiel"),
              para(f"Verwacht uitstroomprofiel: {p.care.outflow}. Dit perspectief is gebaseerd op de "
                   f"leerresultaten van de afgelopen twee jaar."),
              heading("Onderbouwing"), facts_para(reasons) if reasons else para("Zie het groeidocument."),
              heading("Bevorderende en belemmerende factoren"),
              table([["Bevorderend", "Belemmerend"], ["gemotiveerd bij praktische opdrachten", "korte spanningsboog"],
                     ["betrokken ouders", "moeite met overgangen"]]),
              heading("Doelen komende periode"), bullets(goals),
              heading("Handtekening"),
              para(f"Voor akkoord: {parent.full} ({parent.relatie}), datum {d(parent_day)}.")]
    return Doc(_place(f"{folder}/OPP {school_year(day)}.docx", p), parent_day, "Ontwikkelingsperspectiefplan",
               blocks, author=author.full)


def mdo_report(org: Organisation, p: Pupil, day: date, present: list[Staff], rng: random.Random, folder: str,
               sibling: str | None = None, ref: str = "full") -> Doc:
    """Verslag MDO (PDF); `sibling` is a sentence about a brother or sister outside the register; `ref` is how
    the school writes who was present ('full' names or 'initials')."""
    school = school_on(p, day)
    parent = p.parents[0]
    who = ", ".join(staff_ref(s, ref) for s in present)
    facts = diagnosis_facts(p, rng) + medication_facts(p) + test_facts(p)
    blocks: list[Block] = [letterhead(org, school), title("Verslag multidisciplinair overleg (MDO)"),
                           form([("Datum", d(day)), ("Leerling", f"{p.full} ({d(p.geboortedatum)})"),
                                 ("Groep", group_on(p, day)),
                                 ("Aanwezig", f"{who}, {_adult(parent.relatie)} {parent.surname} ({parent.relatie})")]),
                           heading("Aanleiding"),
                           para(f"Het MDO is aangevraagd door de leerkracht omdat de ontwikkeling van {p.roepnaam} "
                                f"stagneert. " + school_facts(p, rng, 1)[0].text),
                           heading("Bespreking"), facts_para(facts)]
    if sibling:
        blocks.append(para(sibling))
    nxt = day + timedelta(days=rng.choice((42, 49, 56)))
    blocks += [heading("Conclusies en afspraken"),
               bullets([f"De leerkracht start met een aangepast werkplan voor {p.roepnaam}; evaluatie over zes weken.",
                        f"{_named(present[-1], ref)} doet een aanvullende observatie in de groep.",
                        "Ouders geven toestemming om informatie op te vragen bij de behandelaar."]),
               para(f"Volgend MDO: {d(nxt)}. Verslag: {_named(present[0], ref)}.")]
    place = _place(f"{folder}/MDO-verslag {day.isoformat()}.pdf", p)
    return Doc(place, day, "Verslag MDO", blocks, author=present[0].full)


def medication_statement(org: Organisation, p: Pupil, day: date, folder: str) -> Doc:
    school = school_on(p, day)
    drug, dose, when = p.care.medication[0]
    parent = p.parents[0]
    blocks = [letterhead(org, school), title("Verklaring medicijnverstrekking op school"),
              form([("Naam leerling", p.full), ("Geboortedatum", d(p.geboortedatum)), ("Groep", group_on(p, day)),
                    ("Medicijn", drug), ("Dosering", dose), ("Tijdstip", when),
                    (f"Telefoon {parent.relatie}", parent.phone)]),
              para("De school geeft het medicijn alleen zoals hierboven beschreven. Wijzigingen geven ouders "
                   "schriftelijk door."),
              para(f"Ondertekend door {parent.full} ({parent.relatie}) op {d(day)}.")]
    return Doc(_place(f"{folder}/Verklaring medicijnverstrekking.docx", p), day, "Verklaring medicijnverstrekking",
               blocks)


def progress_report(org: Organisation, p: Pupil, day: date, mentor: Staff, rng: random.Random, folder: str,
                    suffix: str) -> Doc:
    """Voortgangsverslag: learning results only (onderwijsgegevens); the filler of large benchmarks."""
    school = school_on(p, day)
    blocks = [letterhead(org, school), title(f"Voortgangsverslag {p.roepnaam}"),
              form([("Leerling", p.full), ("Groep", group_on(p, day)), ("Datum", d(day)), ("Mentor", mentor.full)]),
              facts_para(school_facts(p, rng, 3)),
              para(f"Besproken met {_adult(p.parents[0].relatie)} {p.parents[0].surname} op {long_date(day)}.")]
    return Doc(_place(f"{folder}/Voortgangsverslag {day.isoformat()}{suffix}", p), day, "Voortgangsverslag", blocks,
               author=mentor.full)


def leaving_form(org: Organisation, p: Pupil, with_bsn: bool, folder: str, admin: Staff) -> Doc:
    assert p.uitschrijving is not None
    school = school_on(p, p.uitschrijving)
    rows: list[tuple[str, object]] = [("Naam", p.full), ("Geboortedatum", d(p.geboortedatum))]
    if with_bsn and p.bsn:
        rows.append(("BSN", p.bsn))
    rows += [("School", school.name), ("Groep", group_on(p, p.uitschrijving)),
             ("Datum uitschrijving", d(p.uitschrijving)),
             ("Reden", "verhuizing" if p.care.outflow.startswith("vso") else f"uitstroom naar {p.care.outflow}"),
             ("Adres", p.address), ("Postcode en woonplaats", f"{p.postcode} {p.woonplaats}")]
    blocks = [letterhead(org, school), title("Uitschrijfformulier"), form(rows),
              para(f"Verwerkt door {admin.full}, {admin.function}.")]
    return Doc(_place(f"{folder}/Uitschrijfformulier.pdf", p, bsn=with_bsn and bool(p.bsn)), p.uitschrijving,
               "Uitschrijfformulier", blocks, author=admin.full)


def education_report(org: Organisation, p: Pupil, rng: random.Random, folder: str, author: Staff) -> Doc:
    """Onderwijskundig rapport for the next school: diagnoses and test results go along."""
    assert p.uitschrijving is not None
    day = p.uitschrijving - timedelta(days=rng.randint(10, 40))
    school = school_on(p, day)
    facts = school_facts(p, rng) + diagnosis_facts(p, rng) + test_facts(p)
    blocks = [letterhead(org, school), title("Onderwijskundig rapport"),
              form([("Naam leerling", p.full), ("Geboortedatum", d(p.geboortedatum)),
                    ("Adres", f"{p.address}, {p.postcode} {p.woonplaats}"), ("Groep", group_on(p, day)),
                    ("Datum", d(day))]),
              heading("Ontwikkeling en ondersteuning"), facts_para(facts),
              para(f"Opgesteld door {author.full} ({author.function}).")]
    return Doc(_place(f"{folder}/Onderwijskundig rapport.pdf", p), day, "Onderwijskundig rapport", blocks,
               author=author.full)


def diploma(org: Organisation, p: Pupil, folder: str, rng: random.Random) -> Doc:
    """Cijferlijst en diploma: kept by law (Archiefwet), never a retention violation."""
    assert p.uitschrijving is not None
    school = school_on(p, p.uitschrijving)
    grades = [[subject, str(rng.randint(55, 85) / 10).replace(".", ",")]
              for subject in ("Nederlands", "Rekenen", "Engels", "Mens en maatschappij", "Praktijkvakken")]
    blocks = [letterhead(org, school), title("Cijferlijst en diploma"),
              form([("Naam", p.full), ("Geboren", d(p.geboortedatum)), ("Uitstroomprofiel", p.care.outflow),
                    ("Datum", d(p.uitschrijving))]),
              table([["Vak", "Eindcijfer"], *grades]),
              para("Deze cijferlijst hoort bij het diploma en wordt door de school bewaard.")]
    place = _place(f"{folder}/Cijferlijst en diploma.pdf", p)
    place.legal_hold = True
    return Doc(place, p.uitschrijving, "Cijferlijst en diploma", blocks)


def name_form(p: Pupil, style: int) -> str:
    """How minutes refer to a pupil: full name, 'Vries, Sanne de' or 'lln. S. de Vries'."""
    if style == 0:
        return p.full
    if style == 1:
        return p.sorted_name
    return f"lln. {p.initial_form}"


def care_meeting(org: Organisation, school: School, day: date, entries: list[tuple[Pupil, list[Fact]]],
                 present: list[Staff], rng: random.Random, sibling: tuple[Pupil, str] | None = None,
                 ref: str = "full") -> Doc:
    """Zorgoverleg minutes: several pupils, each with a diagnosis line and an action."""
    actions = ("{r} bespreken in MDO.", "{ib} belt ouders.", "Observatie in de groep door de orthopedagoog.",
               "Aanmelden bij de jeugdarts.")
    lines = []
    for i, (p, facts) in enumerate(entries, 1):
        text = f"{i}. {name_form(p, rng.randint(0, 2))} ({group_on(p, day)}). " + " ".join(f.text for f in facts)
        if sibling and sibling[0] is p:
            text += " " + sibling[1]
        action = rng.choice(actions).format(r=p.roepnaam, ib=present[0].roepnaam)
        lines.append(f"{text} Actie: {action}")
    who = ", ".join(staff_ref(s, ref) for s in present)
    blocks = [title(f"Zorgoverleg {school.name}"),
              para(f"Datum: {d(day)} | Aanwezig: {who} | Notulist: {present[0].roepnaam}"),
              heading("Besproken leerlingen"), *[para(line) for line in lines], heading("Rondvraag"), para("Geen.")]
    place = Place("share", f"Zorgteam/{day.year}/Zorgoverleg {school.name} {day.isoformat()}.docx",
                  subjects=[p for p, _ in entries], personal=True)
    return Doc(place, day, f"Zorgoverleg {school.name}", blocks, author=present[0].full)


def cvb_application(org: Organisation, p: Pupil, day: date, ib: Staff, rng: random.Random) -> Doc:
    """Aanmelding bij de commissie van begeleiding; the BSN was copied in from the LAS."""
    school = school_on(p, day)
    facts = school_facts(p, rng, 1) + diagnosis_facts(p, rng) + test_facts(p)
    blocks = [letterhead(org, school), title("Aanmelding commissie van begeleiding"),
              form([("Naam leerling", p.full), ("Geboortedatum", d(p.geboortedatum)), ("BSN", p.bsn),
                    ("Groep", group_on(p, day)), ("Datum aanmelding", d(day)), ("Aangemeld door", ib.full)]),
              heading("Hulpvraag"), facts_para(facts)]
    place = _place(f"Zorgteam/Commissie van begeleiding/Aanmelding CvB {p.sorted_name}.docx", p, bsn=True)
    return Doc(place, day, "Aanmelding CvB", blocks, author=ib.full)
