"""House styles of generated schools: who the school board is, where it is, how its share is laid out and
how its people write.

The planner and the templates speak one logical vocabulary ('Dossiers/...', 'Extern/Jeugd-GGZ',
'Naam leerling'); a `Style` says how THIS school names those places and words. A scanner tuned on one
style is then measured on another without a second copy of any template. Add a style by adding a module
that builds a `Style` and naming it in `STYLES` (as a string: the style modules import this one, so it
imports them only when a style is asked for).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from scanner.demo.model import Doc, Organisation, Pupil

if TYPE_CHECKING:
    from pathlib import Path

    from scanner.demo.model import Plan


@dataclass(frozen=True)
class Town:
    """Where pupils live: a place name, its postcode range and streets (some without a street word)."""

    name: str
    postcodes: tuple[int, int]
    streets: tuple[str, ...]
    wordless: tuple[str, ...] = ()  # 'Kotter', 'Achter de Muur': no 'straat', 'weg', 'laan' in the name


@dataclass(frozen=True)
class Wording:
    """How the school's staff write: labels, headings, greetings, signatures, date formats.

    `relabel` maps the templates' default wording (form labels, titles, headings) to this school's; the
    variants are drawn per document, so one school writes a birth date in more than one way."""

    relabel: dict[str, str] = field(default_factory=dict)
    birth_labels: tuple[tuple[str, str], ...] = (("Geboortedatum", "dd-mm-yyyy"),)  # (label, date format)
    sent_lines: tuple[str, ...] = ("Datum: {d}",)  # how a letter states the day it was sent ('' = mtime only)
    greeting: str = "Beste {first},"
    closing: str = "Met vriendelijke groet,"
    signature: tuple[str, ...] = ("{full}", "{Function} {school}", "{phone}")
    staff_ref: str = "full"  # how minutes name staff: 'full' ('Anouk van Dijk (intern begeleider)') or 'initials'
    form_suffix: str = ".docx"  # the word processor the school uses for forms
    odt_indented: bool = False  # its .odt files come from an office suite that indents their XML (session 37)
    contact_line: str = "t.a.v. {initials}"  # or {addressed}: 'mw. J. de Boer'  # the addressee of a letter to a party


TemplateFn = Callable[..., Doc]


@dataclass(frozen=True)
class Templates:
    """A house style's own document templates. Each one that is set replaces the default template of the same
    name and takes the same arguments, so the planner's scenarios (who is in which document, which case is
    planted where) stay one; the school only writes its documents in its own way. None: the default."""

    intake_form: TemplateFn | None = None  # pupil_docs.intake_form
    opp: TemplateFn | None = None  # pupil_docs.opp
    mdo_report: TemplateFn | None = None  # pupil_docs.mdo_report
    medication_statement: TemplateFn | None = None  # pupil_docs.medication_statement
    care_meeting: TemplateFn | None = None  # pupil_docs.care_meeting
    pupil_meeting: TemplateFn | None = None  # trap_docs.pupil_meeting
    nameless_plan: TemplateFn | None = None  # trap_docs.nameless_plan
    split_name_intake: TemplateFn | None = None  # trap_docs.split_name_intake
    handover_mail: TemplateFn | None = None  # outbound_docs.handover_mail
    wijkteam_mail: TemplateFn | None = None  # outbound_docs.wijkteam_mail
    phone_list: TemplateFn | None = None  # school_docs.phone_list
    # documents only this school writes: (plan, style, rng) -> docs in logical paths
    extra_docs: Callable[..., list[Doc]] | None = None
    # avgscan.yaml as this school's IT person wrote it: (plan, config folder) -> text
    config_text: Callable[[Plan, Path], str] | None = None


@dataclass(frozen=True)
class Style:
    key: str
    description: str
    organisation: Organisation
    locale: str  # Faker locale of the majority surnames
    origin_weights: dict[str, int]
    towns: tuple[Town, ...]
    roles: dict[str, str]  # this school's share folder -> role
    tops: dict[str, str]  # logical top folder ('Administratie', 'Gedeeld/Iedereen') -> this school's folder
    party_folders: dict[str, str]  # logical party key (places.JEUGD_GGZ ...) -> this school's folder
    party_names: dict[str, str]  # logical party key -> the party as the consent records spell it
    exempt: tuple[str, ...]  # logical keys of parties that need no consent
    folder_pattern: str  # for avgscan.yaml: how dossier folders are named
    dossier_dir: Callable[[Pupil, date], str]
    archive_dir: Callable[[Pupil], str]
    application_file: Callable[[Pupil, str, str], str]  # (applicant, school year, suffix) -> share path
    contact_domains: dict[str, str]  # logical party key -> e-mail domain of its staff
    doel: dict[str, str]  # logical party key -> purpose written in the consent records
    wording: Wording = field(default_factory=Wording)
    register_header: tuple[str, ...] = ("Leerlingnummer", "Achternaam", "Voorvoegsel", "Roepnaam", "Geboortedatum",
                                        "BSN", "Onderwijsnummer", "School", "Groep", "Datum inschrijving",
                                        "Datum uitschrijving")
    staff_split: bool = False  # staff list with Voornaam/Tussenvoegsel/Achternaam columns instead of 'Naam'
    staff_dir: str = "Personeel"
    staff_file: str = "Personeelslijst {year}.xlsx"
    region_area: str = "036"  # telephone area code
    templates: Templates = field(default_factory=Templates)
    name_seed: int = 0  # added to the seed of Faker's names: the same seed, other people than another style's
    # how this school's care coordinator types `gegeven_door` (records.GIVER_WORDING when empty)
    giver_wording: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the register export in this LAS's own layout: plan -> (header, rows, csv delimiter); None: register_header
    register_export: Callable[[Plan], tuple[list[str], list[list[object]], str]] | None = None
    # how this city writes what follows the house number ('12 III', '5-A', '7 bovenhuis'); () keeps the plain
    # numbers. Drawn from a stream of its own, so a style without them is unchanged for a seed.
    house_number_additions: tuple[str, ...] = ()

    def party(self, key: str) -> str:
        return self.party_names[key]

    @property
    def parties(self) -> dict[str, str]:
        """This school's party folder -> party name (avgscan.yaml `outbound:`)."""
        return {self.party_folders[k]: self.party_names[k] for k in self.party_folders}

    @property
    def exempt_names(self) -> tuple[str, ...]:
        return tuple(self.party_names[k] for k in self.exempt)

    @property
    def open_folders(self) -> tuple[str, ...]:
        return tuple(f for f, role in self.roles.items() if role == "open")

    def locate(self, path: str, subjects: list[Pupil], as_of: date) -> str:
        """This school's path for a logical path: dossier and archive folders per pupil, the rest by prefix."""
        head, _, file = path.rpartition("/")
        if path.startswith("Dossiers/") and subjects:
            return f"{self.dossier_dir(subjects[0], as_of)}/{file}"
        if path.startswith("Archief/Uitgeschreven leerlingen/") and subjects and head.count("/") >= 3:
            return f"{self.archive_dir(subjects[0])}/{file}"
        mapping = {**self.tops, **self.party_folders}
        best = max((k for k in mapping if path == k or path.startswith(k + "/")), key=len, default=None)
        return mapping[best] + path[len(best):] if best else path


# style key -> "module:Style constant"
STYLES: dict[str, str] = {
    "flevo": "scanner.demo.styles.flevo:FLEVO",
    "meerstroom": "scanner.demo.styles.meerstroom:MEERSTROOM",
    "zuidrand": "scanner.demo.styles.zuidrand:ZUIDRAND",
    "noorderkwartier": "scanner.demo.styles.noorderkwartier:NOORDERKWARTIER",
    "maasstad": "scanner.demo.styles.maasstad:MAASSTAD",
}


def style_by_name(name: str) -> Style:
    if name not in STYLES:
        raise ValueError(f"unknown demo style {name!r}; known: {', '.join(STYLES)}")
    module, _, constant = STYLES[name].partition(":")
    return getattr(importlib.import_module(module), constant)  # type: ignore[no-any-return]


STYLE_NAMES = tuple(STYLES)
DEFAULT_STYLE = "flevo"


def staff_list_path(style: Style, as_of: date) -> str:
    """Where the staff list (the staff allow-list avgscan.yaml points to) sits on this school's share."""
    start = as_of.year if as_of.month >= 8 else as_of.year - 1
    return f"{style.staff_dir}/" + style.staff_file.format(year=f"{start}-{start + 1}")
