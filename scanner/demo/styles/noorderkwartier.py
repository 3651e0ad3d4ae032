"""A fourth house style, held out from everything the scanner was tuned on: Stichting Noorderkwartier, a board
of special-education schools in Noordoost-Fryslân and the Groninger Westerkwartier.

It differs in structure, not only in labels:
- share: current dossiers per location ('Leerlingzaken/<school>/Stamnr 20431 - Jesse de Boer'), a year-based
  archive ('Archief leerlingen/2019-2020/Groep 8/Stamnr ...'), parties under 'Uitwisseling/Zorgpartners/<partij>',
  'Zorg/Zorgoverzichten', 'Algemeen team (alle medewerkers)', 'Bureau/...';
- people: Frisian and Groninger surnames (Hoekstra, Huizinga, Wierenga), villages such as Twijzelerheide,
  streets like 'Buorren 7' and 'Achter 't Hof 3';
- writing: Magister's 'Boer, J.J. (Jesse) de' in lists, birth dates in words ('12 maart 2014') and as
  '12-3-2014', forms in .odt, multi-sheet zorgoverzichten, ',' CSV exports with quoted fields, a forwarded
  e-mail chain, a WhatsApp chat export, OPP and handelingsplan as pdf (scanner.demo.noord_dossier, noord_team);
- records: a Magister register export with its own headers and 'Voorletters', consents kept as a workbook.
"""

from __future__ import annotations

from datetime import date

from scanner.demo import noord_dossier, noord_team, places
from scanner.demo.layout import school_year
from scanner.demo.model import Organisation, Pupil, School
from scanner.demo.people import group_on
from scanner.demo.styles import Style, Templates, Town, Wording

ORGANISATION = Organisation(
    name="Stichting Noorderkwartier",
    kvk="01182736",
    schools=(
        School("De Wâldpyk", "SO", "02WP", "Stationsstraat 31", "9285 NE", "Buitenpost", "0511-54 12 90",
               "noorderkwartier.frl"),
        School("It Fundamint", "VSO", "02IF", "Harddraverspark 8", "9101 LM", "Dokkum", "0519-29 73 40",
               "noorderkwartier.frl"),
    ),
    letterhead="{org} · {school} ({description}) · {street} · {postcode} {city} · {phone} · BRIN {brin} · KvK {kvk}",
)

TWIJZEL_WORDLESS = ("Buorren", "Achter 't Hof", "De Leijen", "Heidebuurt")
BUITENPOST_WORDLESS = ("Lutkepost", "De Gaast", "Mûnewei", "Kuipersgat")
GRIJPSKERK_WORDLESS = ("Oude Kerkhof", "Zijlvest", "Achter de Tuinen")
TOWNS = (
    Town("Twijzelerheide", (9286, 9287), TWIJZEL_WORDLESS + ("Hoofdweg", "Heidelaan", "Kerkstraat"),
         TWIJZEL_WORDLESS),
    Town("Buitenpost", (9285, 9286), BUITENPOST_WORDLESS + ("Voorstraat", "Kuipersweg", "Jeltingalaan"),
         BUITENPOST_WORDLESS),
    Town("Grijpskerk", (9843, 9844), GRIJPSKERK_WORDLESS + ("Hoofdstraat", "Molenweg", "Stationsstraat"),
         GRIJPSKERK_WORDLESS),
)
LOCATION = {"SO": "De Wâldpyk", "VSO": "It Fundamint"}


def dossier_folder(p: Pupil) -> str:
    return f"Stamnr {p.leerlingnummer} - {p.full}"


def _dossier(p: Pupil, as_of: date) -> str:
    assert p.school is not None
    return f"Leerlingzaken/{LOCATION[p.school.kind]}/{dossier_folder(p)}"


def _archive(p: Pupil) -> str:
    assert p.uitschrijving is not None
    group = group_on(p, p.uitschrijving)
    return f"Archief leerlingen/{school_year(p.uitschrijving)}/{group[0].upper() + group[1:]}/{dossier_folder(p)}"


def _application(p: Pupil, year: str, suffix: str) -> str:
    return f"Instroom en aanmelding/Schooljaar {year}/{p.full} - aanmelding{'.odt' if suffix == '.docx' else suffix}"


RELABEL = {
    # labels of the default templates this school still uses (TLV request, speech referral, leaving form ...)
    "Naam leerling": "Leerling", "Adres": "Woonadres", "Postcode en woonplaats": "Postcode / plaats",
    "Groep": "Groep/klas", "School": "Locatie", "Telefoon": "Tel. thuis", "Datum uitschrijving": "Datum uitschr.",
    "Reden": "Reden vertrek", "Naam kind": "Leerling", "Opgesteld door": "Opgesteld",
    # titles and headings
    "Aanvraag toelaatbaarheidsverklaring": "Aanvraag TLV", "Onderbouwing": "Argumentatie",
    "Verwijzing logopedie": "Verwijzing logopedist", "Uitschrijfformulier": "Bewijs van uitschrijving",
    "Onderwijskundig rapport": "Onderwijskundig rapport (OKR)", "Melding Veilig Thuis": "Melding aan Veilig Thuis",
    "Signalen": "Wat we zien",
}

NOORDERKWARTIER = Style(
    key="noorderkwartier",
    description="Stichting Noorderkwartier, Buitenpost/Dokkum: Leerlingzaken/<locatie>/<Stamnr nummer - naam>, "
                "Archief leerlingen/<schooljaar>/<groep>, Uitwisseling/Zorgpartners/<partij>, own templates",
    organisation=ORGANISATION,
    locale="nl_NL",
    origin_weights={"gr": 40, "fy": 22, "nl": 22, "sy": 8, "gh": 4, "pl": 4},
    name_seed=15485,
    towns=TOWNS,
    roles={"Leerlingzaken": "dossier", "Bureau/Leerlingadministratie": "administration", "Zorg": "care",
           "Archief leerlingen": "archive", "Instroom en aanmelding": "applications",
           "Algemeen team (alle medewerkers)": "open", "Bureau/Personeelszaken": "staff", "Bureau/Beleid": "general"},
    tops={"Administratie": "Bureau/Leerlingadministratie", "Zorgteam": "Zorg",
          "Gedeeld/Iedereen": "Algemeen team (alle medewerkers)", "Personeel": "Bureau/Personeelszaken",
          "Algemeen": "Bureau/Beleid", "Aanmeldingen": "Instroom en aanmelding",
          "Archief": "Archief leerlingen"},
    party_folders={places.JEUGD_GGZ: "Uitwisseling/Zorgpartners/Jeugdhulp Noord",
                   places.SWV: "Uitwisseling/Zorgpartners/Samenwerkingsverband",
                   places.WIJKTEAM: "Uitwisseling/Zorgpartners/Gebiedsteam",
                   places.LOGOPEDIE: "Uitwisseling/Zorgpartners/Logopedie De Wâlden",
                   places.LEERPLICHT: "Uitwisseling/Leerplicht",
                   places.VEILIG_THUIS: "Uitwisseling/Veilig Thuis"},
    party_names={places.JEUGD_GGZ: "Jeugdhulp Noord", places.SWV: "SWV Passend Onderwijs Noordoost-Fryslân",
                 places.WIJKTEAM: "Gebiedsteam Achtkarspelen", places.LOGOPEDIE: "Logopedie De Wâlden",
                 places.LEERPLICHT: "Leerplicht Noordoost-Fryslân", places.VEILIG_THUIS: "Veilig Thuis Friesland"},
    exempt=(places.LEERPLICHT, places.VEILIG_THUIS),
    folder_pattern="Stamnr {leerlingnummer} - {roepnaam} {achternaam}",
    dossier_dir=_dossier,
    archive_dir=_archive,
    application_file=_application,
    contact_domains={places.JEUGD_GGZ: "jeugdhulpnoord.nl", places.WIJKTEAM: "achtkarspelen.nl",
                     places.LEERPLICHT: "noordoostfryslan.nl", places.SWV: "swv-nof.nl",
                     places.LOGOPEDIE: "logopediedewalden.nl", places.VEILIG_THUIS: "veiligthuisfriesland.nl"},
    doel={places.JEUGD_GGZ: "jeugdhulp en afstemming met school",
          places.SWV: "aanvraag toelaatbaarheidsverklaring",
          places.WIJKTEAM: "hulp aan het gezin via het gebiedsteam",
          places.LOGOPEDIE: "logopedie onder schooltijd"},
    wording=Wording(relabel=RELABEL,
                    birth_labels=(("Geb.dat.", "d-m-yyyy"), ("Geboortedatum", "long"), ("Geboren", "long")),
                    sent_lines=("Datum verzending: {long}", "{city}, {d}", "Verzonden d.d. {d}", ""),
                    greeting="Goedemorgen {first},", closing="Hartelijke groet,",
                    signature=("{full}", "{function}, {school}", "T {phone}"),
                    staff_ref="initials", form_suffix=".odt", contact_line="ter attentie van {addressed}"),
    register_header=tuple(noord_team.REGISTER_HEADER),
    staff_split=True,
    staff_dir="Bureau/Personeelszaken",
    staff_file="Formatie {year}.xlsx",
    region_area="0511",
    templates=Templates(
        intake_form=noord_dossier.intake_record, opp=noord_dossier.opp_pdf, mdo_report=noord_dossier.mdo_list,
        medication_statement=noord_dossier.medication_letter, nameless_plan=noord_dossier.chat_export,
        split_name_intake=noord_dossier.application_form, pupil_meeting=noord_dossier.action_plan,
        care_meeting=noord_team.care_overview, phone_list=noord_team.group_list,
        handover_mail=noord_team.forwarded_mail, wijkteam_mail=noord_team.area_team_letter,
        extra_docs=noord_team.extra_docs, config_text=noord_team.config_text),
    giver_wording={"ouder": ("ouders", "ouder / verzorger", "Ouder(s)"),
                   "ouder+leerling": ("ouders en leerling", "Ouder(s) + leerling", "ouder & leerling"),
                   "leerling": ("leerling zelf", "Leerling")},
    register_export=noord_team.register_export,
)
