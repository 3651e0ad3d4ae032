"""Where things go on the demo share and in las.db, and what role each place has.

One table serves both the config writer (roles and outbound parties in avgscan.yaml) and the truth
(which retention period and consent rule applies where), so the two can never disagree. The names here
are the default style's and the logical keys every style maps to its own folders (scanner.demo.styles).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scanner.demo.styles import Style

# share folder prefix -> role (the longest matching prefix wins, as in the scanner)
SHARE_ROLES: dict[str, str] = {
    "Administratie": "administration",
    "Dossiers": "dossier",
    "Zorgteam": "care",
    "Gedeeld/Iedereen": "open",
    "Archief": "archive",
    "Personeel": "staff",
    "Algemeen": "general",
    "Aanmeldingen": "applications",
}
# share folder -> the external party it is sent to (party names as the consent records spell them)
PARTIES: dict[str, str] = {
    "Extern/Jeugd-GGZ": "Jeugd-GGZ Flevoland",
    "Extern/Samenwerkingsverband": "Samenwerkingsverband Passend Onderwijs Almere",
    "Extern/Wijkteam": "Wijkteam Almere",
    "Extern/Logopedie": "Logopediepraktijk Spraakwater",
    "Extern/Leerplicht": "Leerplicht Almere",
    "Extern/Veilig Thuis": "Veilig Thuis Flevoland",
}
# parties that need no consent (the default policy's exempt_parties match these by name)
EXEMPT = ("Leerplicht Almere", "Veilig Thuis Flevoland")
TABLE_ROLES: dict[str, str] = {"leerlingen": "administration", "ouders": "administration",
                               "verzuim": "administration", "zorgnotities": "care"}
TABLE_PARTIES: dict[str, str] = {"export_samenwerkingsverband": PARTIES["Extern/Samenwerkingsverband"]}
# Export tables -> logical party key. The second and third are traps: one dated by `verzonden_op` next to a
# `geb_datum` column, one with no date column at all (its sharing date is the scan's reference date).
EXPORT_TABLES: dict[str, str] = {"export_samenwerkingsverband": "Extern/Samenwerkingsverband",
                                 "overdracht_jeugdhulp": "Extern/Jeugd-GGZ",
                                 "aanmelding_gezinsteam": "Extern/Wijkteam"}
REGISTER_TABLES = ("leerlingen", "ouders")
# Retention per role (the default policy: 3 years, administration 5 years)
RETENTION_YEARS = {"administration": 5}
DEFAULT_RETENTION = 3

JEUGD_GGZ, SWV, WIJKTEAM, LOGOPEDIE, LEERPLICHT, VEILIG_THUIS = (
    "Extern/Jeugd-GGZ", "Extern/Samenwerkingsverband", "Extern/Wijkteam", "Extern/Logopedie", "Extern/Leerplicht",
    "Extern/Veilig Thuis")


def _longest(mapping: dict[str, str], path: str) -> str | None:
    best = None
    for prefix, value in mapping.items():
        if (path == prefix or path.startswith(prefix + "/")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, value)
    return best[1] if best else None


def table_parties(style: Style) -> dict[str, str]:
    """Export table -> party name, in this style's party names."""
    return {table: style.party(key) for table, key in EXPORT_TABLES.items()}


def place_of(path: str, style: Style) -> tuple[str | None, str | None]:
    """(role, party) of a share path or a 'table:<name>#<pk>' path in this style's layout."""
    if path.startswith("table:"):
        table = path[len("table:"):].split("#", 1)[0]
        party = table_parties(style).get(table)
        return ("outbound", party) if party else (TABLE_ROLES.get(table), None)
    party = _longest(style.parties, path)
    if party:
        return "outbound", party
    return _longest(style.roles, path), None


def retention_years(role: str | None) -> int:
    return RETENTION_YEARS.get(role or "", DEFAULT_RETENTION)
