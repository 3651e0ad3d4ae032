"""Plain data passed between the stages (connectors -> detection -> linking -> rules -> reports).

Every stage takes and returns these dataclasses only, so a stage can be tested alone and run in
another process (they pickle).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# How sure a link between data and a pupil is, weakest first. A violation needs at least "medium";
# a weaker link that would raise one is put before the FG to review (issue: adults' initials, namesakes).
STRENGTHS = ("weak", "medium", "strong", "decisive")
# A PERSON finding scored at most this is one capitalised word only the NER called a name: detection
# caps it here, and a rule does not count it as a person on its own.
WEAK_NAME_SCORE = 0.5


@dataclass
class Access:
    """Who can read an item, as far as the source can tell."""

    owner: str | None = None
    group: str | None = None
    mode: int | None = None  # POSIX permission bits
    acl: list[str] = field(default_factory=list)  # principals with read access, e.g. "Everyone"
    world_readable: bool = False


@dataclass
class Item:
    """One thing a connector found: a file, an archive member, a database row."""

    source: str
    path: str  # source-relative, '/' separators; DB rows as 'table:<name>#<pk>'
    kind: str  # 'file', 'member', 'row'
    size: int = 0
    modified: datetime | None = None
    access: Access = field(default_factory=Access)
    role: str | None = None  # folder/table role from the config ('administration', 'open', ...)
    party: str | None = None  # external party for outbound places
    status: str = "scanned"  # 'scanned', 'unreadable', 'skipped'
    reason: str | None = None
    register: bool = False  # the pupil register table itself (reference data)
    # hash of the file's bytes when the source detects changes by content (change_detection: content)
    content_key: str | None = field(default=None, repr=False, compare=False)


@dataclass
class TextUnit:
    """A piece of text with the place it came from (paragraph, sheet!cell, page, column)."""

    place: str
    text: str
    column: str | None = None  # table column header, when the text is a cell
    # the record the cell or form field belongs to: a sheet row ('Blad1!3'), a database row ('row'),
    # a document table row ('tabel 2 rij 3') or one section of a form ('sectie 2: Gegevens ouder/verzorger 1')
    record: str | None = None


@dataclass
class Content:
    """What an extractor got out of an Item."""

    units: list[TextUnit] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)  # e.g. e-mail 'date', row 'date'
    refs: dict[str, str] = field(default_factory=dict)  # known keys, e.g. {'leerlingnummer': '20118'}


@dataclass(slots=True)
class Finding:
    """One detected value. `value` is raw and must never reach an output unless asked for."""

    source: str
    path: str
    place: str
    entity_type: str  # a row of the entity catalogue (config/entities.yaml)
    score: float
    evidence: str  # masked
    recognizer: str
    value: str
    start: int = 0
    end: int = 0
    group: str | None = None  # lexicon group for special categories (GEZ, MED, PSY, ...)
    leerlingnummer: str | None = None
    person_kind: str | None = None  # 'pupil', 'staff', 'parent', 'unknown' for PERSON findings
    sentence: int = -1  # index of the sentence within the unit, for proximity decisions
    key: str | None = None  # keyed hash of the normalised value (names, numbers, birth dates), for linking
    column: str | None = None  # the table column header, for cells
    record: str | None = None  # the record (row, form section) of the cell, see TextUnit.record
    # The role the text gives this person ('adult': 't.a.v.', 'vader:', a signature; 'pupil': 'Naam
    # leerling:', 'lln.') and the cue that said so; read at detection time, used by linking.
    role: str | None = None
    role_cue: str | None = None


@dataclass
class Subject:
    """A pupil an item's data belongs to, how that was decided and how sure it is.

    `evidence` is what the FG sees (masked): every reason found, strongest first."""

    leerlingnummer: str
    method: str  # 'bsn', 'onderwijsnummer', 'name', 'folder', 'file name', 'reference', 'column', ...
    confidence: float
    ambiguous: bool = False
    strength: str = "strong"  # one of STRENGTHS
    evidence: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        """Strong enough to raise a violation on its own."""
        return not self.ambiguous and STRENGTHS.index(self.strength) >= STRENGTHS.index("medium")


@dataclass
class UnknownChild:
    """A child not in the register about whom special-category data occurs."""

    masked_name: str
    place: str
    categories: list[str]


@dataclass
class RowKeys:
    """What a table row says about whose row it is, as keyed hashes (split name columns, numbers)."""

    name: str | None = None
    number: str | None = None
    birth: str | None = None
    subject: bool = True  # False when the record describes an adult (a parents' or contacts' section)


@dataclass
class ChildCandidate:
    """A person who may be an unknown child, decided once linking knows who is a pupil or staff."""

    finding: int | None  # index into the findings, or None for a name only found after a kinship word
    key: str  # keyed first name: one child per first name per place
    name_key: str | None
    masked_name: str
    place: str
    categories: list[str]


@dataclass
class Detected:
    """Everything extraction and detection learned about an item; cacheable (values can be blanked)."""

    findings: list[Finding] = field(default_factory=list)
    ref_key: str | None = None  # keyed leerlingnummer a database row refers to
    rows: dict[str, RowKeys] = field(default_factory=dict)
    candidates: list[ChildCandidate] = field(default_factory=list)
    # the days it may have been shared on, in order (scanner.sharing.share_dates); which one counts
    # depends on the reference date, chosen when the item is finished, so a cached item chooses again
    share_dates: list[tuple[date | None, str]] = field(default_factory=list)
    legal_hold: str | None = None


@dataclass
class ScannedItem:
    """An item with everything detection and linking learned about it; the input to the rules."""

    item: Item
    findings: list[Finding] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    unknown_children: list[UnknownChild] = field(default_factory=list)
    share_date: date | None = None
    share_date_source: str | None = None
    legal_hold: str | None = None  # why the Archiefwet keeps it, if it does
    declared_categories: set[str] | None = None  # a disclosure-log row says what was shared


@dataclass
class Violation:
    rule: str
    severity: str
    source: str
    path: str
    leerlingnummer: str | None
    message: str
    legal_reference: str
    findings: list[int] = field(default_factory=list)  # indexes into the report's findings
    action: str = ""
    school: str | None = None  # the pupil's school from the register, for counts per school
    linked_by: str = ""  # masked: why the data was linked to this pupil (strength and evidence)
    review_reason: str = ""  # set on a possible violation the FG must review instead (a weak link)


@dataclass
class ExemptFlow:
    source: str
    path: str
    leerlingnummer: str | None
    party: str
    legal_basis: str
    categories: list[str] = field(default_factory=list)
    share_date: date | None = None  # the day the flow is judged on (None: unknown)
    share_date_source: str | None = None  # short code, see scanner/sharing.py
    shared: str = ""  # Dutch: "gedeeld op 12-03-2026 (verzenddatum in het document)"


@dataclass
class Report:
    items: list[Item]
    findings: list[Finding]
    violations: list[Violation]
    exempt: list[ExemptFlow]
    kept_by_law: list[dict[str, Any]]
    skipped_rules: list[dict[str, str]]
    statistics: dict[str, Any]
    settings: dict[str, Any]
    show_values: bool = False
    # (source, path) -> [(leerlingnummer, ambiguous)]: whose data each item holds
    subjects: dict[tuple[str, str], list[tuple[str, bool]]] = field(default_factory=dict)
    # identities, triage decisions, history and possible breaches, added after the scan (scanner.triage)
    review: Any = None  # scanner.triage.Review
    # possible violations resting on a link too weak to report (adults' initials, namesakes): the FG decides
    to_review: list[Violation] = field(default_factory=list)


@dataclass(frozen=True)
class KnownPerson:
    kind: str  # 'pupil', 'staff', 'parent'
    key: str  # leerlingnummer for pupils, the name for others
    roepnaam: str
    voorvoegsel: str
    achternaam: str
    voornamen: str = ""
