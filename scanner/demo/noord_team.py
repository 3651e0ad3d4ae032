"""Stichting Noorderkwartier's team files, outgoing documents, register export and configuration (house style
'noorderkwartier'):

- a zorgoverzicht workbook per OT meeting with one sheet per group ('Boer, J.J. (Jesse) de' in the rows);
- to youth care, a forwarded e-mail chain: the parents' message under '---------- Doorgestuurd bericht
  ----------' with its own 'Van:/Verzonden:/Aan:/Onderwerp:' block (that date is not the day of sharing);
- to the gebiedsteam, a formal .odt letter ('ter attentie van'), the family's address in the sentence;
- a group list as a ',' CSV with quoted fields, in the folder the whole team reads;
- a monthly absence export to Leerplicht (',' CSV) with a 'Geb.dat.' beside the 'Datum export';
- the register as a Magister export ('Stamnr', 'Tussenv', 'Voorletters', 'Geb.dat.', 'Datum uitschr.');
- avgscan.yaml as the board's IT person wrote it from config/example.avgscan.yaml.

The facts passed to outgoing documents are their whole special-category content (as in outbound_docs).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from scanner.demo import places
from scanner.demo.layout import MONTHS, heading, long_date, para
from scanner.demo.model import ONDERWIJS, Contact, Doc, Fact, Mail, Organisation, Place, Plan, Pupil, School, Staff
from scanner.demo.outbound_docs import DEFAULT_WORDING, _place, _signature, greeting
from scanner.demo.people import group_on, school_on
from scanner.demo.styles import Style, Wording, style_by_name

DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def short(person: Staff) -> str:
    """'Anouk van Dijk' -> 'AvD'."""
    prefix = "".join(w[0] for w in person.voorvoegsel.split())
    return f"{person.roepnaam[0]}{prefix}{person.achternaam[0]}"


def care_overview(org: Organisation, school: School, day: date, entries: list[tuple[Pupil, list[Fact]]],
                  present: list[Staff], rng: random.Random, sibling: tuple[Pupil, str] | None = None,
                  ref: str = "full") -> Doc:
    """Zorgoverzicht of one OT meeting: a workbook with one sheet per group (replaces the care meeting)."""
    header: list[object] = ["Leerling", "Geb.dat.", "Zorgniveau", "Bespreekpunt", "Actie", "Wie"]
    by_group: dict[str, list[list[object]]] = {}
    for p, facts in entries:
        point = " ".join(f.text for f in facts) or "Stand van zaken."
        if sibling and sibling[0] is p:
            point += " " + sibling[1]
        who = rng.choice(present)
        action = rng.choice(("bespreken in MDO", "ouders bellen", "observatie in de groep", "OPP bijstellen"))
        by_group.setdefault(group_on(p, day).capitalize(), []).append(
            [p.magister_name, p.geboortedatum, rng.choice(("2", "3", "4")), point, action, short(who)])
    groups = sorted(by_group)
    sheets = [(g, [header, *by_group[g]]) for g in groups]
    place = Place("share", f"Zorgteam/Zorgoverzichten/{school.name}/Zorgoverzicht OT {day.isoformat()}.xlsx",
                  subjects=[p for p, _ in entries], personal=True)
    return Doc(place, day, f"Zorgoverzicht OT {school.name}", sheet=sheets[0][1], sheet_name=sheets[0][0],
               more_sheets=sheets[1:], author=present[0].full)


def _weekday_long(when: date) -> str:
    return f"{DAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year}"


def forwarded_mail(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                   wording: Wording = DEFAULT_WORDING) -> Doc:
    """The intern begeleider forwards the parents' own message to youth care, with a short note on top."""
    parent = p.parents[0]
    written = day - timedelta(days=1 + len(p.roepnaam) % 3)
    lines = [greeting(to, wording), "",
             f"Zoals telefonisch besproken stuur ik je het bericht van {parent.relatie} van {p.full} door. "
             "Ouders hebben gevraagd of school dit wil doorsturen.",
             *_signature(sender, p, day, wording), "",
             "---------- Doorgestuurd bericht ----------",
             f"Van: {parent.full} <{parent.email}>",
             f"Verzonden: {_weekday_long(written)} 19:42",
             f"Aan: {sender.full} <{sender.email}>",
             f"Onderwerp: {p.roepnaam}", "",
             "Hallo,", "",
             *[f.text for f in facts], "",
             "Wilt u dit doorgeven aan de jeugdhulp? Alvast bedankt.", parent.roepnaam]
    subject = f"Fwd: {p.roepnaam}"
    mail = Mail(f"{sender.full} <{sender.email}>", f"{to.full} <{to.email}>", subject)
    path = f"{places.JEUGD_GGZ}/Fwd {p.roepnaam} {p.surname} {day.isoformat()}.eml"
    return Doc(_place(path, p, day, facts), day, subject, [para("\n".join(lines))], mail=mail, author=sender.full)


def area_team_letter(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                     wording: Wording = DEFAULT_WORDING) -> Doc:
    """Aanmelding bij het gebiedsteam as a formal .odt letter; the family's address is in a sentence."""
    school = school_on(p, day)
    parent = p.parents[0]
    blocks = [para(f"{school.name}\n{school.street}\n{school.postcode} {school.city}"),
              para(f"Gebiedsteam\nter attentie van {to.addressed}"),
              para(f"{school.city}, {long_date(day)}"),
              para(f"Onderwerp: aanmelding {p.full}"),
              para(f"Geachte {to.addressed},"),
              para(f"Hierbij melden wij {p.full} ({group_on(p, day)}) aan. {p.roepnaam} woont met "
                   f"{'zijn' if p.geslacht == 'M' else 'haar'} {parent.relatie} aan de {p.address} in "
                   f"{p.woonplaats}. {parent.relatie.capitalize()} is bereikbaar op {parent.phone}."),
              heading("Waarom deze aanmelding"), para(" ".join(f.text for f in facts)),
              para(f"Met vriendelijke groet,\n\n{sender.full}\n{sender.function}")]
    path = f"{places.WIJKTEAM}/Aanmelding gebiedsteam {p.surname} {day.isoformat()}.odt"
    return Doc(_place(path, p, day, facts), day, "Aanmelding gebiedsteam", blocks, author=sender.full)


def group_list(group: str, pupils: list[Pupil], day: date) -> Doc:
    """Groepslijst for the substitute teacher, exported from Magister as a ',' CSV with quoted fields."""
    rows: list[list[object]] = [["Leerling", "Geb.dat.", "Ouder/verzorger", "Telefoon thuis"]]
    for p in pupils:
        parent = p.parents[0]
        rows.append([p.magister_name, f"{p.geboortedatum.day}-{p.geboortedatum.month}-{p.geboortedatum.year}",
                     parent.full, parent.phone])
    place = Place("share", f"Gedeeld/Iedereen/Invallers/Groepslijst {group}.csv", subjects=pupils, personal=True,
                  note="group list in the folder the whole team reads")
    return Doc(place, day, "Groepslijst", sheet=rows, delimiter=",")


ABSENCE = (("ziek", "geoorloofd"), ("huisarts", "geoorloofd"), ("te laat", "ongeoorloofd"),
           ("vakantie buiten schoolvakantie", "ongeoorloofd"), ("onbekend", "ongeoorloofd"))


def extra_docs(plan: Plan, style: Style, rng: random.Random) -> list[Doc]:
    """The monthly absence export to Leerplicht (exempt): a 'Datum export' beside each row's 'Geb.dat.'."""
    current = [p for p in plan.pupils if p.status == "current"]
    sent = plan.as_of - timedelta(days=rng.randint(5, 18))
    chosen = sorted(rng.sample(current, min(5, len(current))), key=lambda p: p.leerlingnummer)
    rows: list[list[object]] = [["Stamnr", "Leerling", "Geb.dat.", "Groep", "Datum", "Uren", "Reden", "Soort",
                                 "Datum export"]]
    for p in chosen:
        for _ in range(rng.randint(1, 2)):
            reason, kind = rng.choice(ABSENCE)
            rows.append([p.leerlingnummer, p.magister_name, p.geboortedatum, group_on(p, sent),
                         sent - timedelta(days=rng.randint(3, 30)), rng.choice((1, 2, 4)), reason, kind, sent])
    path = f"{places.LEERPLICHT}/Verzuim {sent.strftime('%Y-%m')}.csv"
    place = Place("share", path, subjects=chosen, personal=True, share_date=sent,
                  categories={p.leerlingnummer: {ONDERWIJS} for p in chosen},
                  note="absence export to Leerplicht (exempt)")
    return [Doc(place, sent, "Verzuimexport", sheet=rows, delimiter=",")]


REGISTER_HEADER = ["Stamnr", "Achternaam", "Tussenv", "Voorletters", "Roepnaam", "Geb.dat.", "BSN", "Onderwijsnr",
                   "Locatie", "Groep", "Datum inschr.", "Datum uitschr."]


def _dmy(day: date | None) -> str:
    return "" if day is None else f"{day.day}-{day.month}-{day.year}"


def register_export(plan: Plan) -> tuple[list[str], list[list[object]], str]:
    """The register as Magister exports it: its own headers, 'Voorletters', d-m-yyyy dates, ',' and quotes."""
    rows: list[list[object]] = []
    for p in plan.pupils:
        assert p.school is not None
        rows.append([p.leerlingnummer, p.achternaam, p.voorvoegsel, p.voorletters, p.roepnaam, _dmy(p.geboortedatum),
                     p.bsn, p.onderwijsnummer, p.school.name, group_on(p, p.uitschrijving or plan.as_of),
                     _dmy(p.inschrijving), _dmy(p.uitschrijving)])
    return list(REGISTER_HEADER), rows, ","



def config_text(plan: Plan, root: Path) -> str:
    """avgscan.yaml as the IT person wrote it: the example's order, comments kept short, Magister columns."""
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
        f"# avgscan configuratie {org.name}",
        "# overgenomen van config/example.avgscan.yaml, aangepast door systeembeheer",
        "",
        *organisation_lines(plan),
        f"as_of: {plan.as_of.isoformat()}",
        "",
        "sources:",
        "  - name: share",
        "    type: filesystem",
        "    path: share",
        '    exclude: ["**/Thumbs.db", "**/desktop.ini"]',
        f"    folder_pattern: {_q(style.folder_pattern)}",
        *share_mapping(style),
        *database_source(style, "sqlite:///las.db"),
        "",
        "records:",
        "  register:",
        "    path: records/leerlingen.csv   # Magister > Leerlingen > export",
        "    columns: {leerlingnummer: \"Stamnr\", voorvoegsel: \"Tussenv\", geboortedatum: \"Geb.dat.\", "
        "inschrijving: \"Datum inschr.\", uitschrijving: \"Datum uitschr.\", school: \"Locatie\"}",
        "  consents:",
        "    path: records/toestemmingen.xlsx",
        *people_records(style, plan, "sqlite:///las.db"),
        "",
    ])
