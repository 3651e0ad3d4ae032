"""The default house style: Stichting Flevo Speciaal in Almere, the school `avgscan demo` has always built.

Its folder names, party names and wording are those of places.py and the templates as written; the
style only adds what the traps need (streets without a street word, a second way to write a birth date,
letters that name the party's contact person).
"""

from __future__ import annotations

from datetime import date

from scanner.demo import places
from scanner.demo.model import Pupil
from scanner.demo.names import ORIGIN_WEIGHTS
from scanner.demo.people import STREETS, organisation
from scanner.demo.pupil_docs import archive_dir, dossier_dir
from scanner.demo.styles import Style, Town, Wording

ALMERE_WORDLESS = ("Zilverschoon", "Kotter", "Boeier", "Achter de Kaai", "Kemphaan")


def _dossier(p: Pupil, as_of: date) -> str:
    return dossier_dir(p)


def _application(p: Pupil, year: str, suffix: str) -> str:
    return f"Aanmeldingen/{year}/Aanmelding {p.achternaam} {p.roepnaam}{suffix}"


FLEVO = Style(
    key="flevo",
    description="Stichting Flevo Speciaal, Almere: Dossiers/<school>/<Achternaam, Roepnaam (nummer)>, Extern/<partij>",
    organisation=organisation(),
    locale="nl_NL",
    origin_weights=dict(ORIGIN_WEIGHTS),
    towns=(Town("Almere", (1311, 1359), STREETS + ALMERE_WORDLESS, ALMERE_WORDLESS),),
    roles=dict(places.SHARE_ROLES),
    tops={},
    party_folders={k: k for k in places.PARTIES},
    party_names=dict(places.PARTIES),
    exempt=(places.LEERPLICHT, places.VEILIG_THUIS),
    folder_pattern="{achternaam}, {roepnaam} ({leerlingnummer})",
    dossier_dir=_dossier,
    archive_dir=archive_dir,
    application_file=_application,
    contact_domains={places.JEUGD_GGZ: "jeugdggz-flevoland.nl", places.WIJKTEAM: "wijkteamalmere.nl",
                     places.LEERPLICHT: "almere.nl", places.SWV: "passendonderwijs-almere.nl",
                     places.LOGOPEDIE: "spraakwater.nl", places.VEILIG_THUIS: "veiligthuisflevoland.nl"},
    doel={places.JEUGD_GGZ: "afstemming behandeling en begeleiding op school",
          places.SWV: "aanvraag toelaatbaarheidsverklaring en arrangement",
          places.WIJKTEAM: "aanmelding gezinsondersteuning",
          places.LOGOPEDIE: "logopedische behandeling onder schooltijd"},
    wording=Wording(birth_labels=(("Geboortedatum", "dd-mm-yyyy"), ("Geboortedatum", "d-m-yyyy")),
                    sent_lines=("Datum: {d}", "Verzonden op {long}", "")),
)
