"""A second house style, unlike the default in every way a scanner could have been tuned to: Onderwijsgroep
Meerstroom in Lelystad, Dronten and Kampen.

- share: Leerlingen/<Groep 6>/<Roepnaam Achternaam - nummer>/, Oud-leerlingen/Vertrokken <schooljaar>/,
  Ketenpartners/<partij>, Instroom/, Ondersteuningsteam/, Team/Voor iedereen/;
- people: Flemish (Faker nl_BE), Frisian, Antillean, Moroccan, Turkish and Polish names;
- streets: many without a street word ('Kotter 14', 'Achter de Muur 9'), postcodes 82xx;
- writing: forms in .odt from an office suite that indents their XML (odfpy read only the headers of such a
  file), 'Geb.datum: 31/01/2011', 'Geachte heer/mevrouw', staff by initials
  ('A. van Dijk (IB)'), letters 't.a.v.' the party's contact, a register with Magister-like headers.
"""

from __future__ import annotations

from datetime import date

from scanner.demo import places
from scanner.demo.layout import school_year
from scanner.demo.model import Organisation, Pupil, School
from scanner.demo.people import group_on
from scanner.demo.styles import Style, Town, Wording

ORGANISATION = Organisation(
    name="Onderwijsgroep Meerstroom",
    kvk="41029357",
    schools=(
        School("De Tjalk", "SO", "09TJ", "Botter 12", "8243 KA", "Lelystad", "0320-25 14 60", "meerstroom.nl"),
        School("Het Lichtschip", "VSO", "09LS", "Kogge 40", "8232 JM", "Lelystad", "0320-28 70 11", "meerstroom.nl"),
    ),
    letterhead="{school} - {description} | {street} | {postcode} {city} | tel. {phone} | BRIN {brin} | "
               "onderdeel van {org} (KvK {kvk})",
)

LELYSTAD_WORDLESS = ("Kotter", "Schouw", "Galjoen", "Fregat", "Zilverschoon", "Punter", "Jol", "Karveel")
DRONTEN_WORDLESS = ("De Ketting", "Het Ruim", "De Noord")
KAMPEN_WORDLESS = ("Achter de Muur", "Hagenpoort", "Bovenhaven")
TOWNS = (
    Town("Lelystad", (8211, 8245), LELYSTAD_WORDLESS + ("Houtribweg", "Meentweg", "Agorabaan", "Zuiderzeestraat",
                                                         "Oostvaardersdijk", "Lindelaan"), LELYSTAD_WORDLESS),
    Town("Dronten", (8251, 8256), DRONTEN_WORDLESS + ("Educalaan", "Morsweg", "De Zuiderzeeweg"), DRONTEN_WORDLESS),
    Town("Kampen", (8261, 8267), KAMPEN_WORDLESS + ("Oudestraat", "IJsselkade", "Boven Nieuwstraat"),
         KAMPEN_WORDLESS),
)


def _group_folder(p: Pupil, day: date) -> str:
    group = group_on(p, day)
    return group[0].upper() + group[1:]


def _dossier(p: Pupil, as_of: date) -> str:
    return f"Leerlingen/{_group_folder(p, p.uitschrijving or as_of)}/{p.full} - {p.leerlingnummer}"


def _archive(p: Pupil) -> str:
    assert p.uitschrijving is not None
    return f"Oud-leerlingen/Vertrokken {school_year(p.uitschrijving)}/{p.full} - {p.leerlingnummer}"


def _application(p: Pupil, year: str, suffix: str) -> str:
    return f"Instroom/Aanmeldingen {year}/Aanmeldformulier {p.full}{suffix}"


RELABEL = {
    # form labels
    "Naam leerling": "Naam kind", "Naam": "Naam kind", "Adres": "Woonadres",
    "Postcode en woonplaats": "Postcode/plaats",
    "Telefoon": "Tel.", "E-mail": "E-mailadres", "Groep": "Klas/groep", "School / groep": "Locatie/klas",
    "Aangemeld voor": "Plaatsing gewenst op", "Datum vaststelling": "Vastgesteld op", "Opgesteld door": "Auteur",
    "Datum uitschrijving": "Uitgeschreven per", "Reden": "Reden vertrek", "Leerling": "Naam kind",
    # titles and headings
    "Intakeformulier leerling": "Aanmeldformulier", "Personalia": "Gegevens van het kind",
    "Ouders / verzorgers": "Ouders en verzorgers", "Reden van aanmelding": "Aanleiding", "Medische gegevens": "Medisch",
    "Thuissituatie": "Thuis", "Afspraken": "Vervolg", "Ontwikkelingsperspectiefplan (OPP)": "OPP",
    "Verslag multidisciplinair overleg (MDO)": "Verslag MDO", "Aanleiding": "Vraagstelling", "Bespreking": "Besproken",
    "Conclusies en afspraken": "Besluiten", "Uitschrijfformulier": "Formulier uitschrijving",
    "Onderwijskundig rapport": "OKR (onderwijskundig rapport)", "Aanvraag toelaatbaarheidsverklaring": "Aanvraag TLV",
    "Onderbouwing": "Toelichting", "Verwijzing logopedie": "Verwijsbrief logopedie", "Signalen": "Zorgsignalen",
}

MEERSTROOM = Style(
    key="meerstroom",
    description="Onderwijsgroep Meerstroom, Lelystad: Leerlingen/<Groep>/<Roepnaam Achternaam - nummer>, "
                "Ketenpartners/<partij>",
    organisation=ORGANISATION,
    locale="nl_BE",
    origin_weights={"be": 34, "fy": 20, "an": 11, "ma": 12, "tr": 10, "pl": 8, "sr": 5},
    towns=TOWNS,
    roles={"Leerlingadministratie": "administration", "Leerlingen": "dossier", "Ondersteuningsteam": "care",
           "Team/Voor iedereen": "open", "Oud-leerlingen": "archive", "P&O": "staff",
           "Beleid en organisatie": "general", "Instroom": "applications"},
    tops={"Administratie": "Leerlingadministratie", "Zorgteam": "Ondersteuningsteam",
          "Gedeeld/Iedereen": "Team/Voor iedereen", "Personeel": "P&O", "Algemeen": "Beleid en organisatie",
          "Aanmeldingen": "Instroom"},
    party_folders={places.JEUGD_GGZ: "Ketenpartners/Kinder- en jeugdpsychiatrie",
                   places.SWV: "Ketenpartners/Samenwerkingsverband", places.WIJKTEAM: "Ketenpartners/Sociaal team",
                   places.LOGOPEDIE: "Ketenpartners/Logopedie", places.LEERPLICHT: "Ketenpartners/Leerplicht-RMC",
                   places.VEILIG_THUIS: "Ketenpartners/Veilig Thuis"},
    party_names={places.JEUGD_GGZ: "Kinder- en Jeugdpsychiatrie Polderland",
                 places.SWV: "Samenwerkingsverband Passend Onderwijs Lelystad-Dronten",
                 places.WIJKTEAM: "Sociaal Team Lelystad", places.LOGOPEDIE: "Logopediepraktijk Het Spreekhuis",
                 places.LEERPLICHT: "Leerplicht en RMC Flevoland", places.VEILIG_THUIS: "Veilig Thuis Flevoland"},
    exempt=(places.LEERPLICHT, places.VEILIG_THUIS),
    folder_pattern="{roepnaam} {achternaam} - {leerlingnummer}",
    dossier_dir=_dossier,
    archive_dir=_archive,
    application_file=_application,
    contact_domains={places.JEUGD_GGZ: "kjp-polderland.nl", places.WIJKTEAM: "sociaalteamlelystad.nl",
                     places.LEERPLICHT: "rmc-flevoland.nl", places.SWV: "swv-lelystaddronten.nl",
                     places.LOGOPEDIE: "hetspreekhuis.nl", places.VEILIG_THUIS: "veiligthuisflevoland.nl"},
    doel={places.JEUGD_GGZ: "behandeling en afstemming met school",
          places.SWV: "toelaatbaarheidsverklaring speciaal onderwijs",
          places.WIJKTEAM: "ondersteuning van het gezin",
          places.LOGOPEDIE: "logopedie op school"},
    wording=Wording(relabel=RELABEL,
                    birth_labels=(("Geb.datum", "dd/mm/yyyy"), ("Geboortedatum", "d-m-yyyy"),
                                  ("Geb. datum", "dd-mm-yyyy")),
                    sent_lines=("Datum verzending: {d}", "Verzonden op {long}", "{city}, {long}", ""),
                    greeting="Geachte heer/mevrouw {surname},", closing="Met vriendelijke groeten,",
                    signature=("{initials}, {function}", "{school}, {city}", "tel. {phone}"),
                    staff_ref="initials", form_suffix=".odt", odt_indented=True,
                    contact_line="contactpersoon: {addressed}"),
    register_header=("Stamnummer", "Geslachtsnaam", "Tussenvoegsel", "Voornaam", "Geb.datum", "BSN",
                     "Onderwijsnummer", "Vestiging", "Klas", "Instroomdatum", "Datum vertrek"),
    staff_split=True,
    staff_dir="P&O",
    staff_file="Medewerkers {year}.xlsx",
    region_area="0320",
)
