"""What the school sends to external parties: hand-overs to youth mental health care, family referrals
to the wijkteam, TLV requests to the Samenwerkingsverband, speech-therapy referrals, truancy reports to
Leerplicht and reports to Veilig Thuis.

The facts passed in are the whole of the special-category content, so the consent categories of a
flow are exactly the categories of those facts; the wording around them carries none (no 'bevoegd
gezag', no 'medicatie: geen').
"""

from __future__ import annotations

from datetime import date

from scanner.demo import places
from scanner.demo.care import categories
from scanner.demo.layout import d, facts_para, form, heading, letterhead, para, title
from scanner.demo.model import Block, Contact, Doc, Fact, Mail, Organisation, Place, Pupil, Staff
from scanner.demo.people import group_on, school_on
from scanner.demo.styles import Wording

DEFAULT_WORDING = Wording()


def _place(path: str, p: Pupil, day: date, facts: list[Fact], bsn: bool = False) -> Place:
    return Place("share", path, subjects=[p], categories={p.leerlingnummer: categories(facts)}, share_date=day,
                 personal=True, bsn=bsn)


def _signature(sender: Staff, p: Pupil, day: date, wording: Wording = DEFAULT_WORDING) -> list[str]:
    school = school_on(p, day)
    fields = {"full": sender.full, "initials": sender.initial_form, "function": sender.function,
              "Function": sender.function.capitalize(), "school": school.name, "city": school.city,
              "phone": school.phone}
    return ["", wording.closing, *[line.format(**fields) for line in wording.signature]]


def greeting(to: Contact, wording: Wording) -> str:
    return wording.greeting.format(first=to.roepnaam, surname=to.surname)


def _mail_doc(path: str, p: Pupil, day: date, facts: list[Fact], sender: Staff, to: Contact,
              subject: str, lines: list[str]) -> Doc:
    mail = Mail(f"{sender.full} <{sender.email}>", f"{to.full} <{to.email}>", subject)
    return Doc(_place(path, p, day, facts), day, subject, [para("\n".join(lines))], mail=mail, author=sender.full)


def letter_head(org: Organisation, p: Pupil, day: date, party: str, contact: Contact | None, wording: Wording,
                sent: str | None) -> list[Block]:
    """Letterhead, addressee ('t.a.v. J. de Boer') and the line that dates the letter ('' = no date line)."""
    school = school_on(p, day)
    blocks = [letterhead(org, school)]
    if contact is not None:
        line = wording.contact_line.format(initials=contact.initial_form, addressed=contact.addressed)
        blocks.append(para(f"Aan: {party}\n{line}"))
    if sent:
        blocks.append(para(sent))
    return blocks


def handover_mail(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                  wording: Wording = DEFAULT_WORDING) -> Doc:
    lines = [greeting(to, wording), "",
             "Zoals telefonisch besproken stuur ik je hierbij de informatie van school",
             f"over {p.full} (geboren {d(p.geboortedatum)}), leerling van {school_on(p, day).name} "
             f"in {group_on(p, day)}.",
             *[f.text for f in facts],
             f"Ouders zijn op de hoogte van deze overdracht. Laat je weten wanneer de intake voor {p.roepnaam} is?",
             *_signature(sender, p, day, wording)]
    path = f"{places.JEUGD_GGZ}/{day.isoformat()} Overdracht {p.roepnaam}.eml"
    return _mail_doc(path, p, day, facts, sender, to, f"Overdracht leerling {p.full}", lines)


def wijkteam_mail(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact],
                  wording: Wording = DEFAULT_WORDING) -> Doc:
    """Family referral; says where the family lives in prose ('woont aan Kotter 14, 8243 KA Lelystad')."""
    parent = p.parents[0]
    lines = [greeting(to, wording), "",
             f"Graag meld ik het gezin van {p.full} (geboren {d(p.geboortedatum)}) aan bij het wijkteam.",
             f"{p.roepnaam} zit bij ons op {school_on(p, day).name} in {group_on(p, day)}. Het gezin woont aan "
             f"{p.address}, {p.postcode} {p.woonplaats}.",
             *[f.text for f in facts],
             f"{parent.relatie.capitalize()} is bereikbaar op {parent.phone}.", *_signature(sender, p, day, wording)]
    path = f"{places.WIJKTEAM}/{day.isoformat()} Aanmelding gezin {p.achternaam}.eml"
    return _mail_doc(path, p, day, facts, sender, to, f"Aanmelding gezin {p.surname}", lines)


def tlv_request(org: Organisation, p: Pupil, day: date, director: Staff, facts: list[Fact], with_bsn: bool,
                suffix: str, party: str = "", contact: Contact | None = None, wording: Wording = DEFAULT_WORDING,
                sent: str | None = None) -> Doc:
    """TLV request; `sent` replaces the 'Datum aanvraag' line ('' leaves only the file date)."""
    rows: list[tuple[str, object]] = [("Naam leerling", p.full), ("Geboortedatum", d(p.geboortedatum))]
    if with_bsn:
        rows.append(("BSN", p.bsn))
    school = school_on(p, day)
    rows += [("School", school.name), ("Groep", group_on(p, day)),
             ("Soort", "SO, categorie laag" if school.kind == "SO" else "VSO, categorie midden")]
    head = letter_head(org, p, day, party, contact, wording, f"Datum aanvraag: {d(day)}" if sent is None else sent)
    blocks = [*head, title("Aanvraag toelaatbaarheidsverklaring"),
              form(rows), heading("Onderbouwing"), facts_para(facts), heading("Ondertekening"),
              para(f"Namens de school: {director.full}, {director.function}.")]
    path = f"{places.SWV}/TLV-aanvraag {p.sorted_name}{suffix}"
    return Doc(_place(path, p, day, facts, bsn=with_bsn), day, "Aanvraag TLV", blocks, author=director.full)


def speech_referral(org: Organisation, p: Pupil, day: date, author: Staff, facts: list[Fact], suffix: str,
                    party: str = "", contact: Contact | None = None, wording: Wording = DEFAULT_WORDING,
                    sent: str | None = None, nameless: bool = False) -> Doc:
    """Referral letter; `nameless`: the pupil is named only in the file name (the body says 'de leerling')."""
    parent = p.parents[0]
    rows: list[tuple[str, object]] = [("Groep", group_on(p, day))]
    if not nameless:
        rows = [("Naam", p.full), ("Geboortedatum", d(p.geboortedatum)), *rows,
                (f"Telefoon {parent.relatie}", parent.phone)]
    head = letter_head(org, p, day, party, contact, wording, f"Datum: {d(day)}" if sent is None else sent)
    blocks = [*head, title("Verwijzing logopedie"), form(rows), facts_para(facts),
              para(f"{wording.closing} {author.full} ({author.function})")]
    path = f"{places.LOGOPEDIE}/{day.isoformat()} Verwijzing {p.roepnaam} {p.surname}{suffix}"
    return Doc(_place(path, p, day, facts), day, "Verwijzing logopedie", blocks, author=author.full)


def truancy_mail(p: Pupil, day: date, sender: Staff, to: Contact, facts: list[Fact], days: int,
                 wording: Wording = DEFAULT_WORDING) -> Doc:
    lines = [greeting(to, wording), "",
             f"Hierbij meld ik het verzuim van {p.full} (geboren {d(p.geboortedatum)}), {group_on(p, day)}.",
             f"{p.roepnaam} is de afgelopen weken {days} dagen niet op school geweest.",
             *[f.text for f in facts],
             "Ouders zijn hiervan op de hoogte.", *_signature(sender, p, day, wording)]
    path = f"{places.LEERPLICHT}/{day.isoformat()} Verzuimmelding {p.sorted_name}.eml"
    return _mail_doc(path, p, day, facts, sender, to, f"Verzuimmelding {p.full}", lines)


def vt_report(org: Organisation, p: Pupil, day: date, author: Staff, facts: list[Fact],
              wording: Wording = DEFAULT_WORDING, sent: str | None = None) -> Doc:
    school = school_on(p, day)
    head = letter_head(org, p, day, "", None, wording, f"Datum melding: {d(day)}" if sent is None else sent)
    blocks = [*head, title("Melding Veilig Thuis"),
              form([("Naam kind", p.full), ("Geboortedatum", d(p.geboortedatum)),
                    ("Adres", f"{p.address}, {p.postcode} {p.woonplaats}"), ("School", school.name)]),
              heading("Signalen"), facts_para(facts),
              para(f"Melder: {author.full}, aandachtsfunctionaris meldcode.")]
    path = f"{places.VEILIG_THUIS}/{day.isoformat()} Melding {p.sorted_name}.docx"
    return Doc(_place(path, p, day, facts), day, "Melding Veilig Thuis", blocks, author=author.full)
