"""What Stichting Zuidrand sends out in its own way (house style 'zuidrand'):

- to youth care, a reply in an e-mail thread: the new message on top, the party's earlier question quoted
  below it ('Op 3 maart 2026 om 09:41 schreef ...:' and '> ' lines);
- to the social team, a referral form with checkboxes ('[x] ADHD') and a 'Verwezen op' date.

The facts passed in are the whole special-category content (as in outbound_docs): the quoted message and the
checkboxes add no category the facts do not have, so the consent truth stays the categories of the facts.
"""

from __future__ import annotations

from datetime import date, timedelta

from scanner.demo import places
from scanner.demo.layout import d, facts_para, heading, long_date, para, table, title
from scanner.demo.model import GEZIN, GEZONDHEID, Contact, Doc, Fact, Mail, Pupil, Staff
from scanner.demo.outbound_docs import DEFAULT_WORDING, _place, _signature, greeting
from scanner.demo.people import group_on, school_on
from scanner.demo.styles import Wording


def mail_thread(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                wording: Wording = DEFAULT_WORDING) -> Doc:
    """The school's answer to the party's request; the request is quoted under the answer."""
    asked = day - timedelta(days=3 + len(p.roepnaam) % 5)
    quoted = [greeting(Contact(sender.roepnaam, sender.voorvoegsel, sender.achternaam), wording), "",
              f"{p.roepnaam} staat bij ons aangemeld voor een intake. Kun je ons sturen wat school weet,",
              "zodat we het eerste gesprek met ouders goed kunnen voorbereiden?", "",
              "Met vriendelijke groet,", to.initial_form, "jeugdconsulent"]
    lines = [greeting(to, wording), "",
             f"Hierbij de informatie over {p.full} (geb. {d(p.geboortedatum)}), {group_on(p, day)} van "
             f"{school_on(p, day).name}.",
             *[f.text for f in facts],
             "Ouders weten dat ik dit stuur.",
             *_signature(sender, p, day, wording), "",
             f"Op {long_date(asked)} om 09:41 schreef {to.full} <{to.email}>:",
             *[f"> {line}".rstrip() for line in quoted]]
    subject = f"RE: aanmelding {p.roepnaam} {p.surname}"
    mail = Mail(f"{sender.full} <{sender.email}>", f"{to.full} <{to.email}>", subject)
    path = f"{places.JEUGD_GGZ}/RE aanmelding {p.roepnaam} {p.surname} {day.isoformat()}.eml"
    return Doc(_place(path, p, day, facts), day, subject, [para("\n".join(lines))], mail=mail, author=sender.full)


def referral_form(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                  wording: Wording = DEFAULT_WORDING) -> Doc:
    """Verwijsformulier: a label|value table, checkboxes for the reason and a known diagnosis, and the facts."""
    school = school_on(p, day)
    parent = p.parents[0]
    known = [dg for dg, _, _ in p.care.diagnoses[:1]] if any(f.category == GEZONDHEID for f in facts) else []
    family = any(f.category == GEZIN for f in facts)
    rows: list[list[object]] = [["Verwezen op", d(day)], ["Verwezen door", f"{sender.full} ({sender.function})"],
                                ["Naam jeugdige", p.full], ["Geboortedatum", d(p.geboortedatum)],
                                ["Adres", p.address], ["Postcode en plaats", f"{p.postcode} {p.woonplaats}"],
                                ["School en groep", f"{school.name}, {group_on(p, day)}"],
                                ["Contact ouder", f"{parent.full} ({parent.relatie}), {parent.phone}"]]
    boxes = [f"[{'x' if family else ' '}] ondersteuning van het gezin", "[ ] vervoer naar school",
             "[ ] vrije tijd en sport"]
    diagnosis = (["[x] ja", *[f"[x] {dg}" for dg in known]] if known else ["[ ] ja", "[x] nee / niet bekend"])
    blocks = [para(f"Aan: {to.addressed}, {to.email}"), title("Verwijsformulier Sociaal Team"), table(rows),
              heading("Waarvoor verwijst u? (aankruisen)"), *[para(b) for b in boxes],
              heading("Is er een diagnose bekend?"), *[para(b) for b in diagnosis],
              heading("Toelichting"), facts_para(facts),
              para(f"{wording.closing}\n{sender.full}")]
    path = f"{places.WIJKTEAM}/Verwijsformulier {p.surname} {day.strftime('%d-%m-%Y')}.docx"
    return Doc(_place(path, p, day, facts), day, "Verwijsformulier", blocks, author=sender.full)
