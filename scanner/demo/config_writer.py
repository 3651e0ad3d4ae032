"""avgscan.yaml for a generated school, written the way the school's IT person would write it from
config/example.avgscan.yaml for THIS school's layout: its own folder roles, outbound folders and party
names, the folder pattern of its dossier folders, its staff list and parents allow-list.

Paths are relative: the config loader resolves them against the config file's folder, so the school
folder can be moved. The database URL is the exception (see `database_url`).
"""

from __future__ import annotations

from pathlib import Path

from scanner.demo.model import Plan
from scanner.demo.places import REGISTER_TABLES, TABLE_ROLES, table_parties
from scanner.demo.styles import Style, staff_list_path, style_by_name


def quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'



def organisation_lines(plan: Plan, comment: str = "") -> list[str]:
    """The organisation: its name, its own addresses and phone numbers (not the e-mail domain: a staff
    member's address is personal data) and its schools."""
    org = plan.organisation
    own = [x for s in org.schools for x in (s.street, s.postcode, s.phone)]
    return ["organisation:", f"  name: {quoted(org.name)}", *([f"  # {comment}"] if comment else []),
            f"  addresses: [{', '.join(quoted(a) for a in own)}]",
            f"  schools: [{', '.join(quoted(s.name) for s in org.schools)}]"]


def share_mapping(style: Style, outbound_comment: str = "") -> list[str]:
    """The share's folder roles and outbound folders, as the style names them."""
    return ["    roles:", *[f"      {quoted(prefix)}: {role}" for prefix, role in style.roles.items()],
            "    outbound:" + (f"   # {outbound_comment}" if outbound_comment else ""),
            *[f"      {quoted(prefix)}: {quoted(party)}" for prefix, party in style.parties.items()]]


def people_records(style: Style, plan: Plan, url: str) -> list[str]:
    """The staff list on the share and the parents' table in the LAS as allow-lists."""
    return ["  staff:", f"    path: {quoted('share/' + staff_list_path(style, plan.as_of))}",
            "  parents:", f"    url: {quoted(url)}", "    table: ouders"]


def database_url(root: Path) -> str:
    """A relative SQLite URL: the config loader resolves it against the config file's folder, so the
    demo school can be moved or copied as a whole."""
    return "sqlite:///las.db"


def database_source(style: Style, url: str) -> list[str]:
    """The LAS database as every style's config names it (the tables are the same in every school)."""
    return [
        "  - name: las",
        "    type: database",
        f"    url: {quoted(url)}",
        f"    register_tables: [{', '.join(REGISTER_TABLES)}]",
        "    roles:",
        *[f"      {table}: {role}" for table, role in TABLE_ROLES.items()],
        "    outbound:",
        *[f"      {table}: {quoted(party)}" for table, party in table_parties(style).items()],
    ]


def config_text(plan: Plan, root: Path) -> str:
    style = style_by_name(plan.style)
    if style.templates.config_text is not None:  # this school's IT person wrote it their own way
        return style.templates.config_text(plan, root)
    org = plan.organisation
    url = database_url(root)
    lines = [
        f"# avgscan-configuratie voor {org.name} (gemaakt door `avgscan demo`, stijl {style.key}, seed {plan.seed}).",
        "# Paden zijn ten opzichte van dit bestand. Scannen: avgscan scan --config avgscan.yaml --out rapport",
        "# De verwachte overtredingen staan in truth.json en truth/ naast dit bestand.",
        f"as_of: {plan.as_of.isoformat()}",
        "",
        *organisation_lines(plan),
        "",
        "sources:",
        "  - name: share",
        "    type: filesystem",
        "    path: share",
        f"    folder_pattern: {quoted(style.folder_pattern)}",
        *share_mapping(style),
        *database_source(style, url),
        "",
        "records:",
        "  register:",
        "    path: records/leerlingen.csv",
        "  consents:",
        "    path: records/toestemmingen.xlsx",
        *people_records(style, plan, url),
        "",
    ]
    return "\n".join(lines)


def write_config(path: Path, plan: Plan) -> Path:
    path.write_text(config_text(plan, path.parent), encoding="utf-8")
    path.chmod(0o640)
    return path
