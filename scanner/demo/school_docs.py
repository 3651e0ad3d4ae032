"""Documents about the school as a whole: administration lists (where BSNs belong), the staff list,
policy, newsletters and invoices without pupil data (decoys), and what ends up in the folder everyone
can read."""

from __future__ import annotations

import random
from datetime import date, timedelta

from scanner.demo import numbers
from scanner.demo.care import SHORT
from scanner.demo.layout import bullets, d, form, heading, letterhead, long_date, para, table, title
from scanner.demo.model import Doc, Organisation, Place, Pupil, Staff
from scanner.demo.people import group_on


def _sheet(path: str, day: date, title_: str, sheet: list[list[object]], subjects: list[Pupil], personal: bool,
           bsn: bool = False, note: str = "") -> Doc:
    place = Place("share", path, subjects=subjects, personal=personal, bsn=bsn, note=note)
    return Doc(place, day, title_, sheet=sheet)


# --- Administratie -------------------------------------------------------------------------------------------


def pupil_list(pupils: list[Pupil], day: date) -> Doc:
    """Leerlingenlijst with BSN and a typed date column: in the administration, where it belongs."""
    rows: list[list[object]] = [["Leerlingnummer", "Achternaam", "Voorvoegsel", "Roepnaam", "Geboortedatum", "BSN",
                                 "Onderwijsnummer", "School", "Groep"]]
    for p in pupils:
        assert p.school is not None
        rows.append([p.leerlingnummer, p.achternaam, p.voorvoegsel, p.roepnaam, p.geboortedatum, p.bsn,
                     p.onderwijsnummer, p.school.name, group_on(p, day)])
    return _sheet(f"Administratie/Leerlingenlijst {day.year}-{day.year + 1}.xlsx", day, "Leerlingenlijst", rows,
                  pupils, True, bsn=True, note="administration: BSN belongs here")


def address_list(pupils: list[Pupil], day: date) -> Doc:
    rows: list[list[object]] = [["Leerlingnummer", "Naam leerling", "Adres", "Postcode", "Woonplaats",
                                 "Naam ouder", "Telefoon", "E-mail"]]
    for p in pupils:
        parent = p.parents[0]
        rows.append([p.leerlingnummer, p.full, p.address, p.postcode, p.woonplaats, parent.full, parent.phone,
                     parent.email])
    return _sheet("Administratie/Adressenlijst ouders.csv", day, "Adressenlijst", rows, pupils, True,
                  note="administration: contact details")


def contribution_list(pupils: list[Pupil], day: date, rng: random.Random) -> Doc:
    rows: list[list[object]] = [["Leerlingnummer", "Leerling", "Groep", "Naam ouder", "IBAN", "Bedrag", "Betaald op"]]
    for p in pupils:
        parent = p.parents[0]
        paid = day + timedelta(days=rng.randint(0, 40)) if rng.random() < 0.7 else None
        rows.append([p.leerlingnummer, p.full, group_on(p, day), parent.full, parent.iban, 45, paid])
    return _sheet(f"Administratie/Ouderbijdrage {day.year}-{day.year + 1}.xlsx", day, "Ouderbijdrage", rows, pupils,
                  True, note="administration: IBANs for the parental contribution")


def census(pupils: list[Pupil], day: date) -> Doc:
    """Teldatum 1 oktober: the funding count, with BSNs (administration, kept 5 years)."""
    lines = [f"{p.leerlingnummer}  {p.sorted_name:<32} {p.bsn or p.onderwijsnummer}  {group_on(p, day)}"
             for p in pupils]
    blocks = [title(f"Teldatum 1 oktober {day.year}"), para(f"Aantal leerlingen: {len(pupils)}"),
              para("\n".join(lines))]
    place = Place("share", f"Administratie/Teldatum 1 oktober {day.year}.txt", subjects=pupils, personal=True,
                  bsn=True, note="administration: funding count")
    return Doc(place, day, "Teldatum", blocks)


def leavers(pupils: list[Pupil], year: int) -> Doc:
    rows: list[list[object]] = [["Leerlingnummer", "Achternaam", "Voorvoegsel", "Roepnaam", "Geboortedatum", "BSN",
                                 "Datum uitschrijving", "Bestemming"]]
    for p in pupils:
        rows.append([p.leerlingnummer, p.achternaam, p.voorvoegsel, p.roepnaam, p.geboortedatum, p.bsn,
                     p.uitschrijving, p.care.outflow])
    return _sheet(f"Administratie/Uitschrijvingen {year}.csv", date(year, 12, 31), "Uitschrijvingen", rows, pupils,
                  True, bsn=any(p.bsn for p in pupils), note="administration: leavers (5 years)")


# --- Personeel ------------------------------------------------------------------------------------------------


def staff_list(staff: list[Staff], day: date, path: str | None = None, split: bool = False) -> Doc:
    """The staff list; `split` writes Voornaam/Tussenvoegsel/Achternaam columns, as HR exports do."""
    rows: list[list[object]]
    if split:
        rows = [["Voornaam", "Tussenvoegsel", "Achternaam", "Functie", "Locatie", "E-mail"]]
        rows += [[s.roepnaam, s.voorvoegsel, s.achternaam, s.function, s.school or "bestuursbureau", s.email]
                 for s in staff]
    else:
        rows = [["Naam", "Functie", "Locatie", "E-mail", "Telefoon"]]
        rows += [[s.full, s.function, s.school or "bestuursbureau", s.email, s.phone] for s in staff]
    place = Place("share", path or f"Personeel/Personeelslijst {day.year}-{day.year + 1}.xlsx", personal=True,
                  note="staff data in the staff folder")
    return Doc(place, day, "Personeelslijst", sheet=rows)


# --- Algemeen (no pupil data: decoys) ------------------------------------------------------------------------


def privacy_statement(org: Organisation, day: date) -> Doc:
    school = org.schools[0]
    blocks = [letterhead(org, school), title("Privacyverklaring leerlingen en ouders"),
              para(f"{org.name} verwerkt persoonsgegevens van leerlingen om onderwijs en begeleiding te geven. "
                   "Bijzondere persoonsgegevens, zoals gegevens over gezondheid, verwerken wij alleen als dat nodig "
                   "is voor de begeleiding en met toestemming van ouders of de leerling zelf."),
              para("Het burgerservicenummer gebruiken wij alleen in de leerlingadministratie, voor de uitwisseling "
                   "met DUO. Leerlinggegevens bewaren wij tot drie jaar na uitschrijving; de administratie vijf jaar."),
              para("Ouders kunnen hun toestemming altijd intrekken. Vragen? Mail de functionaris "
                   f"gegevensbescherming via privacy@{school.domain} of bel {school.phone}."),
              para(f"Vastgesteld door het bestuur op {d(day)}.")]
    place = Place("share", "Algemeen/Beleid/Privacyverklaring.pdf", note="policy without pupil data")
    return Doc(place, day, "Privacyverklaring", blocks)


def newsletter(org: Organisation, day: date, director: Staff) -> Doc:
    """World-readable on purpose (0o644), but without personal data: a control for open-access."""
    school = org.schools[0]
    blocks = [letterhead(org, school), title(f"Nieuwsbrief {long_date(day).split(' ', 1)[1]}"),
              para("De herfstvakantie is voorbij en de groepen zijn weer volop aan het werk. Op de studiedag van "
                   f"{d(day + timedelta(days=12))} zijn alle leerlingen vrij."),
              para("De schoolreis van de middenbouw gaat dit jaar naar het Natuurpark Lelystad. Ouders die willen "
                   "rijden kunnen zich melden bij de leerkracht."),
              para(f"Het ouderportaal is vernieuwd; vragen kunt u mailen naar info@{school.domain}."),
              para(f"Met vriendelijke groet, {director.full}, {director.function}")]
    doc = Doc(Place("share", f"Algemeen/Nieuwsbrieven/Nieuwsbrief {day.isoformat()[:7]}.pdf",
                    note="world-readable newsletter without personal data"), day, "Nieuwsbrief", blocks)
    doc.mode = 0o644
    return doc


def invoices(day: date, rng: random.Random) -> Doc:
    """9-digit invoice numbers that fail the 11-proef: decoys for the BSN recognizer."""
    suppliers = ("Heutink Primair Onderwijs", "Schoonmaakbedrijf Flevo", "Drukkerij Almere", "Rolf groep",
                 "Koffiebranderij De Vaart")
    rows: list[list[object]] = [["Factuurnummer", "Leverancier", "Factuurdatum", "Bedrag", "Omschrijving"]]
    for i in range(8):
        rows.append([numbers.invoice_number(rng), rng.choice(suppliers), day - timedelta(days=30 * i),
                     round(rng.uniform(80, 2400), 2), rng.choice(("lesmateriaal", "schoonmaak", "drukwerk",
                                                                    "meubilair", "koffie en thee"))])
    doc = Doc(Place("share", f"Algemeen/Facilitair/Facturen {day.year}.xlsx", note="invoice numbers (decoys)"), day,
              "Facturen", sheet=rows)
    return doc


def facility_minutes(org: Organisation, day: date, staff: list[Staff]) -> Doc:
    blocks = [title("Notulen facilitair overleg"), para(f"Datum: {d(day)} | Aanwezig: "
                                                        + ", ".join(s.full for s in staff)),
              bullets(["De verwarming in het speellokaal wordt in de herfstvakantie gerepareerd.",
                       "Nieuwe stoelen voor twee lokalen zijn besteld.",
                       f"Het schoolplein krijgt in het voorjaar een groen schoolplein (offerte {org.kvk[-4:]}/26)."]),
              para(f"Volgend overleg: {d(day + timedelta(days=63))}.")]
    return Doc(Place("share", f"Algemeen/Facilitair/Notulen facilitair overleg {day.isoformat()}.docx",
                     note="staff names and meeting dates only"), day, "Notulen facilitair overleg", blocks)


def lesson_plan(day: date) -> Doc:
    blocks = [title("Lesplan rekenen groep 5 - breuken"),
              form([("Doel", "Leerlingen kunnen een half, een kwart en een achtste aanwijzen."),
                    ("Materiaal", "breukenstokken, pizzaplaten, werkblad 12")]),
              bullets(["Instructie aan de tafel (10 minuten)", "Zelfstandig werken met het werkblad",
                       "Afsluiting: wie kan het uitleggen aan een ander?"])]
    return Doc(Place("share", "Algemeen/Lesmateriaal/Lesplan rekenen groep 5 - breuken.docx",
                     note="teaching material"), day, "Lesplan", blocks)


# --- Gedeeld/Iedereen (role 'open') -----------------------------------------------------------------------


def group_overview(group: str, pupils: list[Pupil], day: date) -> Doc:
    """'Ilse G.: autisme, melatonine 3 mg' for the substitute teacher, in the folder everyone can read."""
    items = []
    for p in pupils:
        parts = [SHORT.get(dg, dg) for dg, _, _ in p.care.diagnoses] + [f"{m} {dose}" for m, dose, _ in
                                                                           p.care.medication]
        items.append(f"{p.roepnaam} {p.achternaam[0]}.: {', '.join(parts)}")
    blocks = [title(f"Groepslijst {group} - bijzonderheden"), bullets(items)]
    place = Place("share", f"Gedeeld/Iedereen/Groepslijst {group} bijzonderheden.txt", subjects=pupils,
                  personal=True, note="special data in the open folder")
    return Doc(place, day, "Groepslijst", blocks)


def phone_list(group: str, pupils: list[Pupil], day: date) -> Doc:
    rows: list[list[object]] = [["Leerling", "Ouder/verzorger", "Telefoon"]]
    for p in pupils:
        for parent in p.parents:
            rows.append([p.full, parent.full, parent.phone])
    return _sheet(f"Gedeeld/Iedereen/Telefoonlijst ouders {group}.xlsx", day, "Telefoonlijst", rows, pupils, True,
                  note="contact list in the open folder")


def parent_talks(pupils: list[Pupil], day: date, siblings: list[tuple[Pupil, str]]) -> Doc:
    """Notes of parent meetings; `siblings` are sentences about brothers and sisters, added to a pupil's note."""
    blocks = [title("Aantekeningen oudergesprekken")]
    for i, p in enumerate(pupils):
        parent = p.parents[0]
        talk = day - timedelta(days=7 * (len(pupils) - i))
        text = (f"{d(talk)} - gesprek met {parent.relatie} van {p.full}: het gaat thuis beter, "
                f"{p.roepnaam} slaapt beter en gaat weer graag naar school.")
        text += "".join(" " + sentence for who, sentence in siblings if who is p)
        blocks.append(para(text))
    place = Place("share", "Gedeeld/Iedereen/aantekeningen oudergesprekken.docx", subjects=pupils, personal=True,
                  unknown_children=[], note="notes in the open folder")
    return Doc(place, day, "Aantekeningen oudergesprekken", blocks)


def calendar(org: Organisation, day: date) -> Doc:
    """Holidays and study days: dates that are not dates of birth (decoys), no personal data."""
    y = day.year
    rows = [["Wat", "Wanneer"], ["Herfstvakantie", f"17-10-{y} t/m 25-10-{y}"],
            ["Kerstvakantie", f"19-12-{y} t/m 03-01-{y + 1}"], ["Studiedag team", f"12-11-{y}"],
            ["Voorjaarsvakantie", f"20-02-{y + 1} t/m 28-02-{y + 1}"],
            ["Meivakantie", f"24-04-{y + 1} t/m 09-05-{y + 1}"], ["Zomervakantie", f"17-07-{y + 1} t/m 29-08-{y + 1}"]]
    blocks = [letterhead(org, org.schools[0]), title(f"Jaarkalender {y}-{y + 1}"), table(rows),
              para("Alle leerlingen zijn op studiedagen vrij. De kalender staat ook op de website.")]
    return Doc(Place("share", f"Gedeeld/Iedereen/Jaarkalender {y}-{y + 1}.pdf",
                     note="open folder without personal data"), day, "Jaarkalender", blocks)


def duty_roster(staff: list[Staff], day: date) -> Doc:
    """Staff names only: found as PERSON, but allow-listed staff are not personal data of pupils."""
    days = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag")
    rows: list[list[object]] = [["Dag", "Ochtendpauze", "Middagpauze"]]
    for i, dag in enumerate(days):
        rows.append([dag, staff[i % len(staff)].full, staff[(i + 2) % len(staff)].full])
    blocks = [title("Rooster pleinwacht"), table(rows), heading("Afspraken"),
              para("Bij regen is de pauze binnen in de eigen groep.")]
    return Doc(Place("share", "Gedeeld/Iedereen/Rooster pleinwacht.docx", note="open folder, staff names only"), day,
               "Rooster pleinwacht", blocks)
