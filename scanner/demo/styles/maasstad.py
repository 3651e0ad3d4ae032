"""A fifth house style, held out from everything the scanner was tuned on: Stichting Maasstad Onderwijs, a
big-city board of special-education schools in Rotterdam-Zuid and Schiedam.

It differs in structure, not only in labels:
- share: numbered top folders ('1 Leerlingen/Dossiers/Dossier 20431 (Boer de, Jesse)'), an archive per year of
  leaving ('5 Archief/Uitgestroomd <jaar>/...'), parties under '3 Ketenpartners/<partij>', '2 Zorgteam',
  'Teams (alle collega's)', '4 Organisatie/...';
- people: Moroccan-, Turkish-, Surinamese-, Cape Verdean-, Antillean-, Polish- and Bulgarian-Dutch names, double
  and hyphenated surnames ('Kaya-Yılmaz', 'El Amrani-Bakker'), hyphenated first names ('Fatima-Zahra'), particles
  in capitals ('El', 'Ben', 'Da', 'Dos Santos'); streets like '2e Jan Steenstraat 12 III', 'Pleinweg 101-B',
  'Hillevliet 7 bovenhuis';
- writing: ParnasSys' leerlingkaart and groeidocument as pdf, ISO birth dates, an lvs export with 'Boer de, J.
  (Jesse)', e-mails from parents and a quoted reply thread, a class notebook, a care-team agenda, a wijkteam
  referral with checkboxes, scanned consent forms (scanner.demo.maasstad_dossier, maasstad_team);
- records: a ParnasSys register export, consents typed as 'wettelijk vertegenwoordiger' and the like.
"""

from __future__ import annotations

from datetime import date

from scanner.demo import maasstad_dossier, maasstad_team, places
from scanner.demo.model import Organisation, Pupil, School
from scanner.demo.styles import Style, Templates, Town, Wording

ORGANISATION = Organisation(
    name="Stichting Maasstad Onderwijs",
    kvk="24387615",
    schools=(
        School("De Boei", "SO", "19DB", "Slaghekstraat 40", "3074 LN", "Rotterdam", "010-484 22 10",
               "maasstadonderwijs.nl"),
        School("Het Kompas VSO", "VSO", "19KV", "Nieuwe Damlaan 12", "3116 BE", "Schiedam", "010-427 90 30",
               "maasstadonderwijs.nl"),
    ),
    letterhead="{school} | {description} | onderdeel van {org} (KvK {kvk}) | {street} {postcode} {city} | {phone} "
               "| BRIN {brin}",
)

ROTTERDAM_WORDLESS = ("Hillevliet", "Wolphaertsbocht", "Boergoensevliet", "Charloisse Kerksingel")
SCHIEDAM_WORDLESS = ("Lange Haven", "Broersvest", "Nieuwe Haven")
BARENDRECHT_WORDLESS = ("Achterom", "Smitshoek", "Kruisweide")
TOWNS = (
    Town("Rotterdam", (3071, 3086), ROTTERDAM_WORDLESS + ("2e Jan Steenstraat", "Pleinweg", "Van Heemskerckstraat",
                                                          "Beijerlandselaan", "Strevelsweg", "Mijnsherenlaan"),
         ROTTERDAM_WORDLESS),
    Town("Schiedam", (3112, 3125),
         SCHIEDAM_WORDLESS + ("Burg. de Vlugtlaan", "Rotterdamsedijk", "Gerrit Verboonstraat"), SCHIEDAM_WORDLESS),
    Town("Barendrecht", (2991, 2994), BARENDRECHT_WORDLESS + ("Dorpsstraat", "Gebroken Meeldijk"),
         BARENDRECHT_WORDLESS),
)
# what Rotterdam writes after a house number: floors ('III'), letters ('-A'), 'bovenhuis', flat numbers ('-02')
ADDITIONS = (" III", " II", "-A", "-B", " bovenhuis", "-02", " hs")


def dossier_folder(p: Pupil) -> str:
    prefix = f" {p.voorvoegsel}" if p.voorvoegsel else ""
    return f"Dossier {p.leerlingnummer} ({p.achternaam}{prefix}, {p.roepnaam})"


def _dossier(p: Pupil, as_of: date) -> str:
    assert p.school is not None
    return f"1 Leerlingen/Dossiers/{p.school.name}/{dossier_folder(p)}"


def _archive(p: Pupil) -> str:
    assert p.uitschrijving is not None
    return f"5 Archief/Uitgestroomd {p.uitschrijving.year}/{dossier_folder(p)}"


def _application(p: Pupil, year: str, suffix: str) -> str:
    return f"1 Leerlingen/Aanmeldingen {year}/Aanmelding {p.full}{suffix}"


RELABEL = {
    "Naam leerling": "Leerling", "Adres": "Woonadres", "Postcode en woonplaats": "Postcode + plaats",
    "Groep": "Groep/klas", "School": "Vestiging", "Telefoon": "Telefoonnummer", "Datum uitschrijving": "Uitgeschreven",
    "Reden": "Reden uitschrijving", "Naam kind": "Leerling", "Opgesteld door": "Auteur",
    "Aanvraag toelaatbaarheidsverklaring": "TLV-aanvraag Koers VO", "Onderbouwing": "Motivering",
    "Verwijzing logopedie": "Verwijzing logopedie (Spreekbuis)", "Uitschrijfformulier": "Uitschrijving",
    "Onderwijskundig rapport": "OKR", "Melding Veilig Thuis": "Melding VTRR", "Signalen": "Waargenomen signalen",
}

MAASSTAD = Style(
    key="maasstad",
    description="Stichting Maasstad Onderwijs, Rotterdam-Zuid/Schiedam: 1 Leerlingen/Dossiers/<school>/"
                "<Dossier nummer (Achternaam voorvoegsel, Roepnaam)>, 5 Archief/Uitgestroomd <jaar>, "
                "3 Ketenpartners/<partij>, ParnasSys templates",
    organisation=ORGANISATION,
    locale="nl_NL",
    origin_weights={"nl": 26, "ma": 12, "zr": 14, "tr": 10, "sr": 12, "cv": 8, "an": 7, "pl": 5, "bg": 6},
    name_seed=31337,
    towns=TOWNS,
    roles={"1 Leerlingen/Dossiers": "dossier", "4 Organisatie/Leerlingadministratie": "administration",
           "2 Zorgteam": "care", "5 Archief": "archive", "1 Leerlingen/Aanmeldingen": "applications",
           "Teams (alle collega's)": "open", "4 Organisatie/HRM": "staff", "4 Organisatie/Beleid": "general"},
    tops={"Administratie": "4 Organisatie/Leerlingadministratie", "Zorgteam": "2 Zorgteam",
          "Gedeeld/Iedereen": "Teams (alle collega's)", "Personeel": "4 Organisatie/HRM",
          "Algemeen": "4 Organisatie/Beleid", "Aanmeldingen": "1 Leerlingen/Aanmeldingen", "Archief": "5 Archief"},
    party_folders={places.JEUGD_GGZ: "3 Ketenpartners/Jeugdhulp Rijnmond",
                   places.SWV: "3 Ketenpartners/Koers VO",
                   places.WIJKTEAM: "3 Ketenpartners/Wijkteam Feijenoord",
                   places.LOGOPEDIE: "3 Ketenpartners/Logopedie De Spreekbuis",
                   places.LEERPLICHT: "3 Ketenpartners/Leerplicht Rotterdam",
                   places.VEILIG_THUIS: "3 Ketenpartners/VTRR"},
    party_names={places.JEUGD_GGZ: "Jeugdhulp Rijnmond", places.SWV: "Koers VO",
                 places.WIJKTEAM: "Wijkteam Feijenoord", places.LOGOPEDIE: "Logopediepraktijk De Spreekbuis",
                 places.LEERPLICHT: "Leerplicht Rotterdam", places.VEILIG_THUIS: "Veilig Thuis Rotterdam Rijnmond"},
    exempt=(places.LEERPLICHT, places.VEILIG_THUIS),
    folder_pattern="Dossier {leerlingnummer} ({achternaam}, {roepnaam})",
    dossier_dir=_dossier,
    archive_dir=_archive,
    application_file=_application,
    contact_domains={places.JEUGD_GGZ: "jeugdhulprijnmond.nl", places.WIJKTEAM: "wijkteamrotterdam.nl",
                     places.LEERPLICHT: "rotterdam.nl", places.SWV: "koersvo.nl",
                     places.LOGOPEDIE: "despreekbuis.nl", places.VEILIG_THUIS: "vtrr.nl"},
    doel={places.JEUGD_GGZ: "behandeling en afstemming met de jeugdhulp",
          places.SWV: "toelaatbaarheidsverklaring en arrangement",
          places.WIJKTEAM: "ondersteuning van het gezin door het wijkteam",
          places.LOGOPEDIE: "logopedische behandeling op school"},
    wording=Wording(relabel=RELABEL,
                    birth_labels=(("Geboortedatum", "iso"), ("Geb. datum", "dd-mm-yyyy"), ("Geboren op", "long")),
                    sent_lines=("Rotterdam, {long}", "Verzonden op {d}", "Datum: {d}", ""),
                    greeting="Hoi {first},", closing="Groet,",
                    signature=("{full}", "{function} | {school}", "{phone}"),
                    staff_ref="initials", form_suffix=".docx", contact_line="t.a.v. {addressed}"),
    register_header=tuple(maasstad_team.REGISTER_HEADER),
    staff_split=False,
    staff_dir="4 Organisatie/HRM",
    staff_file="Medewerkers {year}.xlsx",
    region_area="010",
    templates=Templates(
        intake_form=maasstad_dossier.leerlingkaart, opp=maasstad_dossier.groeidocument,
        mdo_report=maasstad_dossier.mdo_verslag, medication_statement=maasstad_dossier.medication_letter,
        nameless_plan=maasstad_dossier.parent_mail, split_name_intake=maasstad_dossier.application,
        pupil_meeting=maasstad_dossier.group_discussion, care_meeting=maasstad_team.care_agenda,
        phone_list=maasstad_team.lvs_export, handover_mail=maasstad_team.reply_thread,
        wijkteam_mail=maasstad_team.referral_form, extra_docs=maasstad_team.extra_docs,
        config_text=maasstad_team.config_text),
    giver_wording={"ouder": ("wettelijk vertegenwoordiger", "ouder(s)/verzorger(s)", "Ouders"),
                   "ouder+leerling": ("ouder(s) en leerling", "wettelijk vertegenwoordiger + leerling",
                                      "ouder/verzorger en leerling"),
                   "leerling": ("leerling (16+)", "Leerling zelf")},
    register_export=maasstad_team.register_export,
    house_number_additions=ADDITIONS,
)
