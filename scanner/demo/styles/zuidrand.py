"""A third house style, held out from everything the scanner was tuned on: Stichting Zuidrand, a board of
special-education schools in Oss and Uden (Noord-Brabant).

It differs in structure, not only in labels:
- share: numbered top folders ('01 Leerlingzaken', '02 Leerlingdossiers/<vestiging>/20431_deBoer_Jesse',
  '03 Zorg en ondersteuning', '04 Externe contacten/<partij>', '05 Archief oud-leerlingen/<jaar>/...',
  '06 Aanmeldingen', '07 Teamschijf (iedereen)');
- parties: Jeugdzorg Zuid, SWV de Meierij, Sociaal Team Oss, Leerplicht Oss, Veilig Thuis Brabant Noordoost;
- documents: its own templates (scanner.demo.zuid_dossier, zuid_team, zuid_outbound): a leerlingkaart with
  label and value in separate paragraphs, a groeidocument with a table per domain, an MDO report with an
  attendees table, minutes with an 'Actiepunten' table naming staff by initials, a letter to the parents,
  a dictated note in one paragraph, an e-mail thread with a quoted message, a referral form with
  checkboxes, a class list 'Achternaam, Roepnaam', an attendance export, a two-column enrolment form;
- records: a Somtoday-like register export ('Lln.nr.', 'Tussenv.', 'Begindatum', 'Einddatum') and its own
  way of typing who gave consent; an avgscan.yaml with Dutch comments and a column mapping.
"""

from __future__ import annotations

from datetime import date

from scanner.demo import places, zuid_dossier, zuid_outbound, zuid_team
from scanner.demo.model import Organisation, Pupil, School
from scanner.demo.styles import Style, Templates, Town, Wording

ORGANISATION = Organisation(
    name="Stichting Zuidrand",
    kvk="17094362",
    schools=(
        School("De Linde", "SO", "04LN", "Kruisstraat 40", "5341 CH", "Oss", "0412-63 21 70", "zuidrand.nl"),
        School("De Boog", "VSO", "04BG", "Oijenseweg 155", "5342 AE", "Oss", "0412-69 40 02", "zuidrand.nl"),
    ),
    letterhead="{school} | {description} | {street} {postcode} {city} | {phone} | BRIN {brin} | {org}, KvK {kvk}",
)

OSS_WORDLESS = ("Molenakker", "Schadewijk", "Kortfoort", "De Geerden", "Ussen", "Hescheweide")
UDEN_WORDLESS = ("Bitswijk", "Hoenderbos", "Zoggel", "Melle", "Bogerd")
BERGHEM_WORDLESS = ("Hoogveld", "Putwijk", "Het Gorp")
TOWNS = (
    Town("Oss", (5341, 5351), OSS_WORDLESS + ("Berghemseweg", "Kruisstraat", "Molenstraat", "Oostwal",
                                             "Walstraat", "Vivaldilaan",
                                             "Dennenstraat"), OSS_WORDLESS),
    Town("Uden", (5401, 5406), UDEN_WORDLESS + ("Kapelstraat", "Marktstraat", "Velmolenweg", "Hoevenseweg"),
         UDEN_WORDLESS),
    Town("Berghem", (5351, 5352), BERGHEM_WORDLESS + ("Osseweg", "Kerkstraat"), BERGHEM_WORDLESS),
)
VESTIGING = {"SO": "SO De Linde", "VSO": "VSO De Boog"}


def compact_surname(p: Pupil) -> str:
    """'de Boer' -> 'deBoer', 'van der Linden' -> 'vanderLinden': how this school's secretary types folders."""
    return "".join(p.surname.split())


def dossier_folder(p: Pupil) -> str:
    return f"{p.leerlingnummer}_{compact_surname(p)}_{p.roepnaam.replace(' ', '')}"


def _dossier(p: Pupil, as_of: date) -> str:
    assert p.school is not None
    return f"02 Leerlingdossiers/{VESTIGING[p.school.kind]}/{dossier_folder(p)}"


def _archive(p: Pupil) -> str:
    assert p.uitschrijving is not None
    return f"05 Archief oud-leerlingen/{p.uitschrijving.year}/{dossier_folder(p)}"


def _application(p: Pupil, year: str, suffix: str) -> str:
    return f"06 Aanmeldingen/{year}/{p.full} - inschrijfformulier{suffix}"


RELABEL = {
    # labels of the default templates this school still uses (TLV request, referral, reports, leaving form)
    "Naam leerling": "Naam jeugdige", "Naam": "Naam leerling", "Adres": "Straat en huisnummer",
    "Postcode en woonplaats": "Postcode, woonplaats", "Groep": "Stamgroep", "School": "Vestiging",
    "Telefoon": "Telefoonnummer", "Datum uitschrijving": "Einddatum inschrijving", "Reden": "Reden uitschrijving",
    "Soort": "Aangevraagd", "Naam kind": "Naam jeugdige",
    # titles and headings
    "Aanvraag toelaatbaarheidsverklaring": "Aanvraag TLV SWV de Meierij", "Onderbouwing": "Motivatie",
    "Verwijzing logopedie": "Verwijzing logopedisch onderzoek", "Uitschrijfformulier": "Bewijs van uitschrijving",
    "Onderwijskundig rapport": "Onderwijskundig rapport (OKR)", "Melding Veilig Thuis": "Melding Veilig Thuis BNO",
    "Signalen": "Waargenomen signalen", "Ondertekening": "Namens het bevoegd gezag",
}

ZUIDRAND = Style(
    key="zuidrand",
    description="Stichting Zuidrand, Oss: 02 Leerlingdossiers/<vestiging>/<nummer_achternaam_roepnaam>, "
                "04 Externe contacten/<partij>, own document templates",
    organisation=ORGANISATION,
    locale="nl_NL",
    origin_weights={"bb": 50, "nl": 14, "tr": 10, "ma": 8, "pl": 6, "sy": 4, "be": 8},
    name_seed=7919,
    towns=TOWNS,
    roles={"01 Leerlingzaken": "administration", "02 Leerlingdossiers": "dossier",
           "03 Zorg en ondersteuning": "care", "05 Archief oud-leerlingen": "archive",
           "06 Aanmeldingen": "applications", "07 Teamschijf (iedereen)": "open", "08 Personeel": "staff",
           "09 Bestuur en beleid": "general"},
    tops={"Administratie": "01 Leerlingzaken", "Zorgteam": "03 Zorg en ondersteuning",
          "Gedeeld/Iedereen": "07 Teamschijf (iedereen)", "Personeel": "08 Personeel",
          "Algemeen": "09 Bestuur en beleid", "Aanmeldingen": "06 Aanmeldingen"},
    party_folders={places.JEUGD_GGZ: "04 Externe contacten/Jeugdzorg Zuid",
                   places.SWV: "04 Externe contacten/SWV de Meierij",
                   places.WIJKTEAM: "04 Externe contacten/Sociaal Team Oss",
                   places.LOGOPEDIE: "04 Externe contacten/Logopedie Maasland",
                   places.LEERPLICHT: "04 Externe contacten/Leerplicht Oss",
                   places.VEILIG_THUIS: "04 Externe contacten/Veilig Thuis"},
    party_names={places.JEUGD_GGZ: "Jeugdzorg Zuid", places.SWV: "SWV de Meierij",
                 places.WIJKTEAM: "Sociaal Team Oss", places.LOGOPEDIE: "Logopedie Maasland",
                 places.LEERPLICHT: "Leerplicht Oss", places.VEILIG_THUIS: "Veilig Thuis Brabant Noordoost"},
    exempt=(places.LEERPLICHT, places.VEILIG_THUIS),
    folder_pattern="{leerlingnummer}_{achternaam}_{roepnaam}",
    dossier_dir=_dossier,
    archive_dir=_archive,
    application_file=_application,
    contact_domains={places.JEUGD_GGZ: "jeugdzorgzuid.nl", places.WIJKTEAM: "sociaalteamoss.nl",
                     places.LEERPLICHT: "oss.nl", places.SWV: "swvdemeierij.nl",
                     places.LOGOPEDIE: "logopediemaasland.nl", places.VEILIG_THUIS: "vtbno.nl"},
    doel={places.JEUGD_GGZ: "intake en behandeling jeugdhulp",
          places.SWV: "toelaatbaarheidsverklaring (v)so",
          places.WIJKTEAM: "ondersteuning gezin via sociaal team",
          places.LOGOPEDIE: "logopedisch onderzoek en behandeling"},
    wording=Wording(relabel=RELABEL,
                    birth_labels=(("Geboortedatum", "dd-mm-yyyy"), ("Geb. datum", "d-m-yyyy"),
                                  ("Geboren op", "dd/mm/yyyy")),
                    sent_lines=("Verzonden: {d}", "{city}, {long}", "Datum verzending {d}", ""),
                    greeting="Hallo {first},", closing="Groeten,",
                    signature=("{full}", "{function}", "{school} | {city}", "{phone}"),
                    staff_ref="initials", form_suffix=".docx", contact_line="t.a.v. {addressed}"),
    register_header=("Lln.nr.", "Achternaam", "Tussenv.", "Roepnaam", "Geboortedatum", "BSN", "Onderwijsnummer",
                     "Vestiging", "Stamgroep", "Begindatum", "Einddatum"),
    staff_split=False,
    staff_dir="08 Personeel",
    staff_file="Smoelenboek en functies {year}.xlsx",
    region_area="0412",
    templates=Templates(
        intake_form=zuid_dossier.pupil_card, opp=zuid_dossier.growth_document, mdo_report=zuid_dossier.mdo_table,
        medication_statement=zuid_dossier.parents_letter, nameless_plan=zuid_dossier.dictated_note,
        split_name_intake=zuid_dossier.enrolment_form, care_meeting=zuid_team.support_team_minutes,
        pupil_meeting=zuid_team.pupil_review, phone_list=zuid_team.class_list,
        handover_mail=zuid_outbound.mail_thread, wijkteam_mail=zuid_outbound.referral_form,
        extra_docs=zuid_team.extra_docs, config_text=zuid_team.config_text),
    giver_wording={"ouder": ("ouder(s)", "Ouders", "ouder/verzorger"),
                   "ouder+leerling": ("ouder(s) + leerling", "Ouder en leerling", "ouders + leerling"),
                   "leerling": ("Leerling", "leerling")},
)
