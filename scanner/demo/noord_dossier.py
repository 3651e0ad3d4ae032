"""Stichting Noorderkwartier's own dossier documents (house style 'noorderkwartier'): layouts that no other
generated school uses.

- leerlinggegevens (.odt): the pupil as Magister lists him ('Boer, J.J. (Jesse) de'), the birth date written
  out ('geboren op 12 maart 2014 te Dokkum'), the parents as a numbered list under 'Gezag';
- OPP (.pdf): numbered chapters, a 'bevorderend | belemmerend' table, the parents' signature 'd.d.';
- MDO verslag: attendees as a bulleted list with 'mw.'/'dhr.' and initials;
- handelingsplan (.pdf): a goals table (doel | aanpak | wie | evaluatie) naming the staff by initials;
- a letter to the parents about medication (.odt), 'Beste ouders/verzorgers van ...';
- a WhatsApp chat exported to a .txt ('[12-03-2026 09:14] ...'), naming the pupil nowhere;
- an aanmeldformulier with 'Achternaam / Tussenv. / Voornamen / Roepnaam' and the birth date in words.

Each takes the arguments of the default template it replaces (scanner.demo.styles.Templates) and returns a
`Doc` whose `Place` says whom it is about, so the truth follows from the place as for every template.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from scanner.demo.care import diagnosis_facts, family_facts, medication_facts, nameless, school_facts, test_facts
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
    table,
    title,
)
from scanner.demo.model import Block, Doc, Fact, Organisation, Place, Pupil, Staff
from scanner.demo.people import group_on, school_on

BIRTH_TOWNS = ("Dokkum", "Leeuwarden", "Drachten", "Groningen", "Heerenveen", "Kollum")


def _place(path: str, *subjects: Pupil, bsn: bool = False) -> Place:
    return Place("share", path, subjects=list(subjects), personal=True, bsn=bsn)


def _title_of(person: Staff) -> str:
    return "dhr." if person.roepnaam in MALE_HINT else "mw."


# first names the staff generator gives men often; only for 'dhr.'/'mw.' in lists (a wrong guess is harmless)
MALE_HINT = frozenset(("Jan", "Piet", "Kees", "Henk", "Gerrit", "Sjoerd", "Klaas", "Harm", "Bert", "Johan", "Peter",
                       "Mark", "Erik", "Willem", "Jeroen", "Martijn", "Dennis", "Rob", "Wim", "Tom", "Bas", "Joost"))


def intake_record(org: Organisation, p: Pupil, day: date, ib: Staff, rng: random.Random, folder: str,
                  with_bsn: bool, applicant: bool = False, cvb_line: bool = False) -> Doc:
    """Leerlinggegevens (replaces the intake form): a form, then the family as sentences, then the care."""
    school = school_on(p, day + timedelta(days=40))
    born_in = BIRTH_TOWNS[len(p.achternaam) % len(BIRTH_TOWNS)]
    rows: list[tuple[str, object]] = [("Naam kind" if applicant else "Leerling", p.full if applicant else
                                       p.magister_name)]
    if p.onderwijsnummer:
        rows.append(("Onderwijsnummer", p.onderwijsnummer))
    elif with_bsn:
        rows.append(("Burgerservicenummer", p.bsn))
    rows += [("Woonadres", f"{p.address}, {p.postcode} {p.woonplaats}"),
             ("Locatie", f"{school.name}, {group_on(p, day + timedelta(days=40))}")]
    blocks: list[Block] = [letterhead(org, school), title("Aanmeldgegevens" if applicant else "Leerlinggegevens"),
                           form(rows),
                           para(f"{p.roepnaam} is geboren op {long_date(p.geboortedatum)} te {born_in}."),
                           heading("Gezag")]
    for i, parent in enumerate(p.parents, 1):
        blocks.append(para(f"{i}. {parent.full} ({parent.relatie}), telefoon {parent.phone}, {parent.email}"
                           + ("" if parent.gezag else " - geen gezag")))
    special = diagnosis_facts(p, rng) + medication_facts(p) + family_facts(p, rng)
    if applicant and cvb_line:
        special = school_facts(p, rng, 1) + special
    blocks += [heading("Wat school moet weten"),
               facts_para(special) if special else para("Niets bijzonders gemeld."),
               para(f"Genoteerd op {d(day)} door {ib.initial_form}, {ib.function}")]
    bsn = with_bsn and not p.onderwijsnummer and bool(p.bsn)
    place = _place(f"{folder}/Leerlinggegevens {p.roepnaam}.odt", *([] if applicant else [p]), bsn=bsn)
    if applicant:
        place.unknown_children = [p.full]
    return Doc(place, day, "Leerlinggegevens", blocks, author=ib.full)


def opp_pdf(org: Organisation, p: Pupil, day: date, author: Staff, parent_day: date, rng: random.Random,
            folder: str) -> Doc:
    """OPP as the pdf the SWV's format produces: numbered chapters and a two-sided table of factors."""
    school = school_on(p, day)
    lines = school_facts(p, rng, 2)
    health = diagnosis_facts(p, rng) + medication_facts(p) + test_facts(p)
    profile = "vervolgonderwijs" if school.kind == "SO" else p.care.outflow
    blocks: list[Block] = [
        letterhead(org, school), title("Ontwikkelingsperspectief"),
        heading("1. Gegevens"),
        form([("Leerling", p.full), ("Geboren", long_date(p.geboortedatum)), ("Groep", group_on(p, day)),
              ("Schooljaar", school_year(day)), ("Uitstroomprofiel", profile)]),
        heading("2. Bevorderende en belemmerende factoren"),
        table([["Bevorderend", "Belemmerend"],
               [lines[0].text, health[0].text if health else lines[1].text],
               ["Betrokken ouders", lines[1].text if health else "Weinig zelfvertrouwen bij nieuwe stof"]]),
        heading("3. Onderwijsbehoeften"),
        para(f"{p.roepnaam} heeft baat bij een voorspelbare dag, korte instructie en een vaste plek."),
    ]
    if len(health) > 1:
        blocks += [heading("4. Medisch en onderzoek"), facts_para(health[1:])]
    blocks += [heading("Ondertekening"),
               para(f"Opgesteld: {author.initial_form}, {author.function}, {d(day)}"),
               para(f"Voor akkoord ouder(s): {p.parents[0].full}, d.d. {d(parent_day)}")]
    return Doc(_place(f"{folder}/OPP {p.roepnaam} {school_year(day)}.pdf", p), parent_day, "Ontwikkelingsperspectief",
               blocks, author=author.full)


def mdo_list(org: Organisation, p: Pupil, day: date, present: list[Staff], rng: random.Random, folder: str,
             sibling: str | None = None, ref: str = "full") -> Doc:
    """Verslag MDO; the attendees are a bulleted list ('mw. A. van Dijk, intern begeleider'), parents included."""
    school = school_on(p, day)
    who = [f"{_title_of(s)} {s.initial_form}, {s.function}" for s in present]
    who += [f"{'dhr.' if parent.relatie in ('vader', 'pleegvader') else 'mw.'} {parent.full} ({parent.relatie})"
            for parent in p.parents]
    facts = diagnosis_facts(p, rng) + medication_facts(p) + test_facts(p)
    blocks: list[Block] = [letterhead(org, school), title("Verslag MDO"),
                           para(f"Over: {p.full}, {group_on(p, day)}"),
                           para(f"Datum MDO: {long_date(day)}"),
                           heading("Aanwezig"), bullets(who),
                           heading("Hulpvraag"), facts_para(school_facts(p, rng, 1)),
                           heading("Wat we weten"), facts_para(facts) if facts else para("Geen nieuwe informatie.")]
    if sibling:
        blocks.append(para(sibling))
    blocks += [heading("Afspraken"),
               bullets([f"{present[-1].initial_form} observeert binnen drie weken in de groep.",
                        f"{present[0].initial_form} koppelt terug aan de ouders."])]
    return Doc(_place(f"{folder}/MDO {day.isoformat()}.docx", p), day, "Verslag MDO", blocks, author=present[0].full)


def medication_letter(org: Organisation, p: Pupil, day: date, folder: str) -> Doc:
    """An .odt letter to the parents about medication at school (replaces the medication statement)."""
    school = school_on(p, day)
    drug, dose, when = p.care.medication[0]
    blocks = [letterhead(org, school),
              para(f"{school.city}, {long_date(day)}"),
              para(f"Beste ouders/verzorgers van {p.full},"),
              para(f"Met deze brief bevestigen we wat we hebben afgesproken: {p.roepnaam} krijgt op school {drug} "
                   f"({dose}), {when}. De leerkracht tekent af in de medicijnlijst. Wilt u wijzigingen altijd "
                   f"schriftelijk doorgeven?"),
              para(f"Hartelijke groet,\n{school.name}")]
    return Doc(_place(f"{folder}/Brief medicatie {p.roepnaam}.odt", p), day, "Brief medicatie", blocks)


def chat_export(org: Organisation, p: Pupil, day: date, folder: str, rng: random.Random) -> Doc:
    """A WhatsApp chat between the group's phone and a parent, exported to .txt; it says 'de leerling' and
    'hij/zij', so only the dossier folder says whose it is (replaces the nameless plan)."""
    school = school_on(p, day)
    facts = nameless(school_facts(p, rng, 1) + diagnosis_facts(p, rng)[:1] + medication_facts(p)[:1], p)
    group = group_on(p, day)
    team = f"{school.name} {group}"
    parent = p.parents[0]
    stamp = day.strftime("%d-%m-%Y")
    lines = [f"[{stamp} 08:02] {team}: Goedemorgen, mogen we even kort overleggen over vandaag?",
             f"[{stamp} 08:05] {parent.phone}: Ja hoor. Het ging gisteravond niet zo goed.",
             *[f"[{stamp} 08:{7 + i:02d}] {team}: {f.text}" for i, f in enumerate(facts)],
             f"[{stamp} 08:15] {parent.phone}: Dank voor het laten weten. Ik bel vanmiddag even.",
             f"[{stamp} 08:16] {team}: Prima, tot dan!"]
    place = Place("share", f"{folder}/WhatsApp-chat {day.strftime('%Y%m%d')}.txt", subjects=[p], personal=True,
                  needs="folder", note="pupil named only by the dossier folder (chat export)")
    return Doc(place, day, "WhatsApp-chat", [para("\n".join(lines))])


def action_plan(org: Organisation, p: Pupil, day: date, ib: Staff, mentor: Staff, folder: str,
                rng: random.Random) -> Doc:
    """Handelingsplan (.pdf) with a 'doel | aanpak | wie | evaluatie' table naming staff by initials.

    Only learning facts: the document is about the current pupil `p` and nobody else."""
    school = school_on(p, day)
    facts = school_facts(p, rng, 2)
    blocks = [letterhead(org, school), title(f"Handelingsplan {p.full}"),
              para(f"Groep: {group_on(p, day)} | Periode: {school_year(day)} | Besproken met {ib.initial_form} (IB) "
                   f"en {mentor.initial_form}"),
              heading("Beginsituatie"), facts_para(facts),
              table([["Doel", "Aanpak", "Wie", "Evaluatie"],
                     ["Zelfstandig twintig minuten werken", "stappenplan op tafel", mentor.initial_form,
                      d(day + timedelta(days=42))],
                     ["Rustig starten na de pauze", "vaste taak bij binnenkomst", ib.initial_form,
                      d(day + timedelta(days=56))]])]
    place = Place("share", f"{folder}/Handelingsplan {day.strftime('%d-%m-%Y')}.pdf", subjects=[p], personal=True,
                  note="staff named by initials")
    return Doc(place, day, "Handelingsplan", blocks, author=ib.full)


def application_form(org: Organisation, p: Pupil, day: date, ib: Staff, path: str, rng: random.Random) -> Doc:
    """Aanmeldformulier with Achternaam / Tussenv. / Voornamen / Roepnaam and the birth date written out;
    the body writes only the roepnaam, so the full name is in the file name alone."""
    school = school_on(p, day)
    prefix, surname = (p.voorvoegsel, p.achternaam)
    rows: list[tuple[str, object]] = [("Achternaam", surname), ("Tussenv.", prefix or "-"),
                                      ("Voornamen", p.voornamen), ("Roepnaam", p.roepnaam),
                                      ("Geboortedatum", long_date(p.geboortedatum)),
                                      ("Adres", p.address), ("Postcode en plaats", f"{p.postcode} {p.woonplaats}"),
                                      ("Datum", d(day))]
    parents: list[tuple[str, object]] = []
    for parent in p.parents:
        parents += [(f"Ouder/verzorger ({parent.relatie})", parent.full), ("Mobiel", parent.phone),
                    ("E-mail", parent.email)]
    facts = [Fact(f.text.replace(p.full, p.roepnaam), f.category)
             for f in diagnosis_facts(p, rng) + medication_facts(p) + family_facts(p, rng)[:1]]
    blocks = [letterhead(org, school), title("Aanmeldformulier nieuwe leerling"),
              heading("Het kind"), form(rows), heading("Ouders/verzorgers"), form(parents),
              heading("Waarom deze aanmelding?"), facts_para(facts) if facts else para("Zie bijlage."),
              para(f"In behandeling bij {ib.initial_form} ({ib.function})")]
    place = Place("share", path, personal=True, unknown_children=[p.full],
                  note="applicant with a split name, not in the register")
    return Doc(place, day, "Aanmeldformulier", blocks, author=ib.full)
