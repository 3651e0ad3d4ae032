"""Plain data passed between the stages (connectors -> detection -> linking -> rules -> reports).

Every stage takes and returns these dataclasses only, so a stage can be tested alone and run in
another process (they pickle).
"""

from __future__ import annotations

import copyreg
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Literal

# How sure a link between data and a pupil is, weakest first. A violation needs at least "medium";
# a weaker link that would raise one is put before the FG to review (issue: adults' initials, namesakes).
Strength = Literal["weak", "medium", "strong", "decisive"]
STRENGTHS: tuple[Strength, ...] = ("weak", "medium", "strong", "decisive")
CONFIRMING = frozenset(STRENGTHS[STRENGTHS.index("medium"):])  # asked for every linked item of a scan
# What a connector found (ItemKind) and what became of it (ItemStatus); how bad a violation is (Severity).
ItemKind = Literal["file", "member", "row"]
ItemStatus = Literal["scanned", "unreadable", "skipped"]
Severity = Literal["hoog", "middel", "laag"]
PersonKind = Literal["pupil", "staff", "parent"]  # whom the school's records name (KnownPerson)
# A violation's status after the review (scanner.triage); only 'open' and 'acceptance-expired' need action.
Status = Literal["open", "accepted", "acceptance-expired", "false-positive"]
OPEN: Status = "open"
ACCEPTED: Status = "accepted"
EXPIRED: Status = "acceptance-expired"
FALSE_POSITIVE: Status = "false-positive"
NEEDS_ACTION: tuple[Status, ...] = (OPEN, EXPIRED)
Change = Literal["new", "persisting"]
# A PERSON finding scored at most this is one capitalised word only the NER called a name: detection
# caps it here, and a rule does not count it as a person on its own.
WEAK_NAME_SCORE = 0.5
# Who may read an item, in one vocabulary for every source (connectors map their own principals to it;
# which audiences make data 'open' is policy: `open_access.audiences` in config/default_policy.yaml):
#   everyone       - anyone on the network or the internet (POSIX 'other', SMB Everyone);
#   organisation   - every account of the school board (Authenticated Users, Domain Users, a tenant-wide link);
#   external       - named outside parties or domains (guest accounts, a share with another domain);
#   anonymous_link - anyone who has the link (a cloud 'anyone with the link' share).
AUDIENCES = ("everyone", "organisation", "external", "anonymous_link")


@dataclass
class Access:
    """Who can read an item, as far as the source can tell.

    `acl` names the readers as the source does (shown in reports); `audiences` says what they amount
    to in the shared vocabulary (AUDIENCES), so a rule never needs to know a source's principal names.
    """

    owner: str | None = None
    group: str | None = None
    mode: int | None = None  # POSIX permission bits
    acl: list[str] = field(default_factory=list)  # principals with read access, e.g. "Everyone"
    world_readable: bool = False  # the item's own permission (POSIX 'other', SMB Everyone) lets anyone read
    # audience (AUDIENCES) -> the principals in `acl` (or a link's description) that give it read access
    audiences: dict[str, list[str]] = field(default_factory=dict)
    external: list[str] = field(default_factory=list)  # named outside parties/domains (audience 'external')

    def grant(self, audience: str, principal: str) -> None:
        """Record that `principal` gives `audience` read access (a connector's mapping calls this)."""
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}; one of {', '.join(AUDIENCES)}")
        names = self.audiences.setdefault(audience, [])
        if principal not in names:
            names.append(principal)


class AccessPool:
    """One Access object for equal access, to hand to the items ledger. A share's files have a handful of
    different accesses (owner, group, mode, readers), yet each item brought its own copy from the worker
    that read it, so every page of the ledger pickled and every pass over it rebuilt a hundred thousand
    equal objects: with one object per page the pickle's memo writes and reads it once (a 100 000-file
    rescan read its items five times faster). Items read back from one page share it, like any object
    appended twice within a page (scanner.kernel.ledger): access is built by the connectors and only
    read after. Holds at most `size` accesses and starts over when full, so memory stays bounded."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._pool: dict[tuple[Any, ...], Access] = {}

    def same(self, access: Access) -> Access:
        key = (access.owner, access.group, access.mode, tuple(access.acl), access.world_readable,
               tuple((k, tuple(v)) for k, v in access.audiences.items()), tuple(access.external))
        found = self._pool.get(key)
        if found is None:
            if len(self._pool) >= self._size:
                self._pool.clear()
            found = self._pool[key] = access
        return found


@dataclass
class Item:
    """One thing a connector found: a file, an archive member, a database row."""

    source: str
    path: str  # source-relative, '/' separators; DB rows as 'table:<name>#<pk>'
    kind: ItemKind
    size: int = 0
    modified: datetime | None = None
    access: Access = field(default_factory=Access)
    role: str | None = None  # folder/table role from the config ('administration', 'open', ...)
    party: str | None = None  # external party for outbound places
    status: ItemStatus = "scanned"
    reason: str | None = None
    register: bool = False  # the pupil register table itself (reference data)
    # What a rescan compares to decide the item is unchanged, when the source knows better than size and
    # modification time: an eTag, a version id or a hash of the bytes (change_detection: content).
    fingerprint: str | None = field(default=None, repr=False, compare=False)


@dataclass
class TextUnit:
    """A piece of text with the place it came from (paragraph, sheet!cell, page, column)."""

    place: str
    text: str
    column: str | None = None  # table column header, when the text is a cell
    # the record the cell or form field belongs to: a sheet row ('Blad1!3'), a database row ('row'),
    # a document table row ('tabel 2 rij 3') or one section of a form ('sectie 2: Gegevens ouder/verzorger 1')
    record: str | None = None


# Tables in documents (docx, odt): extractors give every filled cell as a unit with the record
# 'tabel <t> rij <r>' and the place 'tabel <t> rij <r> kolom <c>', and the number of rows of each table
# under Content.metadata[TABLE_ROWS]; the linking stage (scanner/doctables.py) reads them as a form or a list.
TABLE_RECORD = "tabel"
TABLE_ROWS = "table_rows"


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
    strength: Strength = "strong"
    evidence: list[str] = field(default_factory=list)

    @property
    def confirmed(self) -> bool:
        """Strong enough to raise a violation on its own."""
        return not self.ambiguous and self.strength in CONFIRMING


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
    # the detection cache's encoding of the above, made where the item was detected (a forked worker), so the
    # scan's process, which writes the cache and bounds the scan on many cores, need not make it (session 38)
    encoded: bytes | None = field(default=None, compare=False, repr=False)


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
    # What the rules made of it, when a rescan found it and every input of its rules unchanged
    # (scanner.evaluation_cache); None: the rules still have to run.
    judged: Judgement | None = None


@dataclass
class CopiedRows:
    """Rows of one database table in their order, each a copy of a scanned row of the same signature
    (scanner.columnar). Most bring nothing of their own to report: no findings, and an empty judgement lent
    by that row; handed on one by one they passed some 45 calls each between the cursor and the ledgers, so
    they travel as one batch, counted as many items by the progress line, the column profiles and the
    statistics. The others (findings, violations) come along in `reported`, for the rules one by one."""

    source: str
    table: str  # the rows' path up to '#' ('table:verzuim'), where the column profiles count rows
    access: Access  # every row's: its table's, one object
    items: list[Item] = field(default_factory=list)  # every row's, in order, those in `reported` too
    links: list[bytes | None] = field(default_factory=list)  # each row's pickled subject links (RowResult.links)
    reported: list[ScannedItem] = field(default_factory=list)  # the rows with something to judge, in order


@dataclass
class Judgement:
    """What the rules made of one item; a violation's `findings` index the item's own findings."""

    violations: list[Violation] = field(default_factory=list)
    to_review: Sequence[Violation] = field(default_factory=list)  # would be violations if a weak link held
    exempt: list[ExemptFlow] = field(default_factory=list)
    kept_by_law: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Violation:
    rule: str
    severity: Severity
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
    # Set by the review (scanner.triage): the stable, keyed ID the FG copies into the triage file ("" when
    # the scan was not reviewed against a state store), the triage status, new or persisting since the
    # previous audit of the output folder (None on its first audit), when it was first seen there.
    identity: str = ""
    status: Status = OPEN
    change: Change | None = None
    first_seen: str = ""
    decision: TriageDecision | None = None  # the entry behind an accepted or false-positive status
    handled: Handling | None = None  # marked handled (triage file or workspace), yet this scan still found it
    assigned: Assignee | None = None

    @property
    def decided(self) -> tuple[str | None, str | None]:
        """(who, when) of the status decision or the handled mark behind this violation, if any."""
        entry = self.decision or self.handled
        return (entry.decided_by, entry.decided_at) if entry is not None else (None, None)


@dataclass
class TriageDecision:
    """The FG's status decision about one violation (triage file or workspace): why, whose risk, until when
    (ISO date) it holds, who decided and when."""

    reason: str
    owner: str | None = None
    expires: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None


@dataclass
class Handling:
    """The FG marked a violation handled: what was done, by whom, when."""

    action: str
    decided_by: str | None = None
    decided_at: str | None = None


@dataclass
class Assignee:
    """Who takes a violation on, and before when."""

    to: str
    due: date | None = None
    decided_by: str | None = None
    decided_at: str | None = None


@dataclass
class Breach:
    """A possible data breach (AVG art. 33): special-category data or a BSN that everyone could read."""

    violation: int  # index into report.violations
    identity: str
    source: str
    path: str
    leerlingnummer: str | None
    categories: list[str]
    reason: str
    discovered_at: str  # first time this violation was seen in this output folder
    status: Status


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
class AuditRecord:
    """One scan as the history (scanner.state) keeps it: counts only, no findings."""

    started_at: str
    as_of: str
    tool_version: str
    items: int
    scanned: int
    unreadable: int
    skipped: int
    findings: int
    violations: int
    open_violations: int
    rule_counts: dict[str, int] = field(default_factory=dict)
    id: int | None = None


@dataclass
class StoredViolation:
    """A violation as the history keeps it: its identity and masked place."""

    identity: str
    rule: str
    severity: Severity
    source: str
    masked_path: str
    first_seen: str
    status: Status = OPEN


@dataclass
class History:
    """This audit beside the earlier ones in the same output folder; empty when there is no state store."""

    previous: AuditRecord | None = None
    resolved: list[StoredViolation] = field(default_factory=list)  # in the previous audit, gone now
    audits: list[AuditRecord] = field(default_factory=list)  # oldest first, this one included
    state_file: str | None = None


@dataclass
class TriageUse:
    """Which triage file the review read, its IDs that matched no violation (resolved, or mistyped), every
    'handled' decision (also of violations now resolved) and how many violations the workspace decided."""

    file: str | None = None
    unmatched: list[str] = field(default_factory=list)
    handled: dict[str, Handling] = field(default_factory=dict)
    stored_decisions: int = 0


@dataclass
class SourceRef:
    name: str
    type: str


@dataclass
class Settings:
    """What makes a report reproducible: the reference date, the avgscan version, the sources, the policy."""

    as_of: date
    version: str = ""
    sources: list[SourceRef] = field(default_factory=list)
    policy: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """report.json's `settings` (docs/report-contract.md): the date as JJJJ-MM-DD."""
        return {"as_of": self.as_of.isoformat(), "version": self.version,
                "sources": [{"name": s.name, "type": s.type} for s in self.sources], "policy": self.policy}


class FindingTypes:
    """Each finding's entity type as a code of two bytes, `names` in code order: what Report.finding_types
    reads (a million findings: two megabytes), collected in one pass, or as the kept result's pages go by."""

    def __init__(self) -> None:
        self.codes = array("H")
        self.names: dict[str, int] = {}

    def add(self, findings: Iterable[Finding]) -> None:
        names = self.names
        self.codes.extend(names.setdefault(f.entity_type, len(names)) for f in findings)


@dataclass
class Tally:
    """What the writers and the audit's record count over a report's violations: new and persisting since
    the last audit, per rule, source, school, severity and status, and the violations the FG decided,
    handled or assigned (few: each is made by hand), themselves. Counted in one pass: the review's, or
    `Report.tally`'s."""

    changes: Counter[str] = field(default_factory=Counter)  # "new", "persisting" (or "")
    rules: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    schools: Counter[str] = field(default_factory=Counter)  # "" when no single pupil is concerned
    severities: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    decided: list[Violation] = field(default_factory=list)  # with a decision of the FG, in report order
    handled: list[Violation] = field(default_factory=list)
    assigned: list[Violation] = field(default_factory=list)

    def add(self, v: Violation) -> None:
        self.changes[v.change or ""] += 1
        self.rules[v.rule] += 1
        self.sources[v.source] += 1
        self.schools[v.school or ""] += 1
        self.severities[v.severity] += 1
        self.statuses[v.status] += 1
        if v.decision:
            self.decided.append(v)
        if v.handled:
            self.handled.append(v)
        if v.assigned:
            self.assigned.append(v)

    @property
    def new(self) -> int:
        return self.changes["new"]

    @property
    def persisting(self) -> int:
        return self.changes["persisting"]


@dataclass
class Report:
    # items, findings, violations and to_review are Ledgers (scanner.kernel.ledger) after a scan: read
    # them in order or by position; the review replaces the violations with reviewed copies
    items: Sequence[Item]
    findings: Sequence[Finding]
    violations: Sequence[Violation]
    exempt: list[ExemptFlow]
    kept_by_law: list[dict[str, Any]]
    skipped_rules: list[dict[str, str]]
    statistics: dict[str, Any]
    settings: Settings
    show_values: bool = False
    # (source, path) -> [(leerlingnummer, ambiguous)]: whose data each item holds (after a scan a
    # scanner.kernel.subject_index.SubjectIndex, on disk)
    subjects: Mapping[tuple[str, str], list[tuple[str, bool]]] = field(default_factory=dict)
    # possible violations resting on a link too weak to report (adults' initials, namesakes): the FG decides
    to_review: Sequence[Violation] = field(default_factory=list)
    # The review stage (scanner.triage) fills the rest, and each violation's identity and status.
    lang: str = "nl"  # the language of the reports
    generated_at: str = ""  # when the review ran (ISO 8601); "" until the report is reviewed
    breaches: list[Breach] = field(default_factory=list)
    history: History = field(default_factory=History)
    triage: TriageUse = field(default_factory=TriageUse)
    # A digest of everything the items and findings depend on (scanner.evaluation_cache), "" when unknown:
    # two scans with the same one have the same items and findings, so the writers may take theirs over.
    body_digest: str = ""

    @property
    def reviewed(self) -> bool:
        return bool(self.generated_at)

    def count(self, *statuses: Status) -> int:
        """Violations with one of `statuses` (see `tally`)."""
        counted = self.tally().statuses
        return sum(counted.get(s, 0) for s in statuses)

    def tally(self) -> Tally:
        """The violations counted (Tally). The writers ask about twenty times per run; over a ledger (entries
        never change once written) they are counted in one pass and kept while the violations are the same:
        each pass unpickled every violation (100 000 on an open share). Shared: not to be changed."""
        violations = self.violations
        if not hasattr(violations, "peek"):  # a plain list may change between calls: counted each time
            return self._counted(violations)
        kept = self.__dict__.get("_tally")
        if kept is None or kept[0] is not violations or kept[1] != len(violations):
            kept = self.__dict__["_tally"] = (violations, len(violations), self._counted(violations))
        return kept[2]  # type: ignore[no-any-return]

    @staticmethod
    def _counted(violations: Iterable[Violation]) -> Tally:
        t = Tally()
        for v in violations:
            t.add(v)
        return t

    def tallied(self, counted: Tally) -> None:
        """The review counted its violations in its own pass over them: `tally` answers with that, for as
        long as the violations are these."""
        violations = self.violations
        if hasattr(violations, "peek"):
            self.__dict__["_tally"] = (violations, len(violations), counted)

    def finding(self, i: int) -> Finding:
        """Finding `i`, to read and not to change: a ledger lends its own entry instead of a copy (the
        writers look up every violation's findings; copying each cost most of that)."""
        peek = getattr(self.findings, "peek", None)
        return peek(i) if peek is not None else self.findings[i]  # type: ignore[no-any-return]

    def finding_types(self, v: Violation) -> set[str]:
        """The entity types of `v`'s findings. The review (possible breaches) and the priorities ask this of
        every violation; over a ledger each answer unpickled the findings' pages, twice per rescan, so the
        types are read in one pass into two bytes per finding (a million findings: two megabytes), kept
        while the findings are the same."""
        findings = self.findings
        if not hasattr(findings, "peek"):  # a plain list may change between calls
            return {findings[i].entity_type for i in v.findings if i < len(findings)}
        kept = self.__dict__.get("_finding_types")
        if kept is None or kept[0] is not findings or kept[1] != len(findings):
            types = FindingTypes()
            types.add(findings)
            kept = self.__dict__["_finding_types"] = (findings, len(findings), types.codes, list(types.names))
        codes, names_of = kept[2], kept[3]
        return {names_of[codes[i]] for i in v.findings if i < len(codes)}

    def finding_types_known(self, codes: array[int], names: list[str]) -> None:
        """Each finding's entity type, known beforehand (the kept result keeps them: a rescan that takes it
        over need not read every finding for `finding_types`): finding n's is names[codes[n]]."""
        findings = self.findings
        if hasattr(findings, "peek") and len(codes) == len(findings):
            self.__dict__["_finding_types"] = (findings, len(findings), codes, names)

    @property
    def open_violations(self) -> int:
        """Violations that still need action: accepted risks and false positives do not."""
        return self.count(*NEEDS_ACTION)


@dataclass(frozen=True)
class KnownPerson:
    kind: PersonKind
    key: str  # leerlingnummer for pupils, the name for others
    roepnaam: str
    voorvoegsel: str
    achternaam: str
    voornamen: str = ""


def _pickled_as_field_values(cls: type) -> None:
    """Pickle (and copy) `cls` as its class and a tuple of its field values. A scan pickles every item,
    finding and violation into its ledgers (scanner.kernel.ledger): as a dict of fields (or a slotted
    class's state) that took twice as long to write and read back, and a million-row table is a million
    items. copyreg's table is keyed by the exact class, so a subclass (columnar.SignatureRow is one of
    ScannedItem, which is not registered) pickles as before; pickles written the old way still load."""
    values = attrgetter(*(f.name for f in fields(cls)))

    def reduce(obj: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return cls, values(obj)

    copyreg.pickle(cls, reduce)


for _cls in (Access, Item, Finding, Subject, Violation):
    _pickled_as_field_values(_cls)
