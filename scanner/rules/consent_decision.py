"""The consent decision of docs/rules.md, shared by the four consent-* rules.

For a pupil's data in a place assigned to a party: exempt parties need nothing; otherwise, among
the pupil's consent records for that party, any record without a problem makes the flow compliant;
if none is, the problems of the most recently given record are the outcome. No record at all is
'missing'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scanner.config import Policy
from scanner.kernel.dates import age_on
from scanner.kernel.messages import say
from scanner.kernel.model import ScannedItem
from scanner.kernel.text import fold
from scanner.records.consents import Consent, normalise_giver
from scanner.records.register import Pupil


@dataclass
class ConsentOutcome:
    status: str  # 'compliant', 'missing', 'problem', 'exempt', 'undecided'
    problems: list[str] = field(default_factory=list)  # rule codes
    consent: Consent | None = None
    categories: set[str] = field(default_factory=set)
    basis: str | None = None
    detail: dict[str, str] = field(default_factory=dict)
    shared: date | None = None  # the day the flow was judged on
    shared_source: str | None = None  # where that day came from (scanner/sharing.py codes)


def same_party(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa == fb or (min(len(fa), len(fb)) >= 4 and (fa in fb or fb in fa))


def exempt_basis(party: str, policy: Policy) -> str | None:
    for name, basis in policy.exempt_parties.items():
        if same_party(party, name):
            return basis
    return None


def shared_categories(scanned: ScannedItem, policy: Policy, leerlingnummer: str) -> set[str]:
    """Consent categories of the data in the item that concern this pupil (or no one in particular)."""
    if scanned.declared_categories is not None:
        return scanned.declared_categories | {"onderwijsgegevens"}
    cats = set()
    for f in scanned.findings:
        if f.leerlingnummer not in (None, leerlingnummer):
            continue
        if f.entity_type == "PERSON" and f.person_kind in ("staff", "parent"):
            continue
        cat = policy.categories.groups.get(f.group or "") or policy.categories.entity_types.get(f.entity_type)
        if cat:
            cats.add(cat)
    cats.add("onderwijsgegevens")  # the pupil is named or identified: that is onderwijsgegevens
    return cats


def required_giver(pupil: Pupil, given: date, policy: Policy) -> str | None:
    if pupil.geboortedatum is None:
        return None
    age = age_on(pupil.geboortedatum, given)
    for rule in policy.consent.givers:
        if rule.below_age is None or age < rule.below_age:
            return normalise_giver(rule.giver)
    return None


def problems_of(c: Consent, pupil: Pupil, shared: date, cats: set[str],
                policy: Policy) -> tuple[list[str], dict[str, str]]:
    problems: list[str] = []
    detail: dict[str, str] = {}
    if c.datum_gegeven > shared:
        problems.append("consent-invalid")
        detail["consent-invalid"] = say(f"toestemming {c.id} is pas gegeven op {c.datum_gegeven:%d-%m-%Y}",
                                        f"consent {c.id} was only given on {c.datum_gegeven:%d-%m-%Y}")
    elif c.ingetrokken_op and c.ingetrokken_op <= shared:
        problems.append("consent-invalid")
        detail["consent-invalid"] = say(f"toestemming {c.id} is ingetrokken op {c.ingetrokken_op:%d-%m-%Y}",
                                        f"consent {c.id} was withdrawn on {c.ingetrokken_op:%d-%m-%Y}")
    elif c.geldig_tot and c.geldig_tot < shared:
        problems.append("consent-invalid")
        detail["consent-invalid"] = say(f"toestemming {c.id} was geldig tot {c.geldig_tot:%d-%m-%Y}",
                                        f"consent {c.id} was valid until {c.geldig_tot:%d-%m-%Y}")
    needed = required_giver(pupil, c.datum_gegeven, policy)
    if needed and c.gegeven_door != needed:
        problems.append("consent-wrong-giver")
        detail["consent-wrong-giver"] = say(
            f"toestemming {c.id} is gegeven door '{c.gegeven_door}', maar bij de leeftijd op "
            f"{c.datum_gegeven:%d-%m-%Y} moet dat '{needed}' zijn",
            f"consent {c.id} was given by '{c.gegeven_door}', but the pupil's age on {c.datum_gegeven:%d-%m-%Y} "
            f"requires '{needed}'")
    missing = sorted(cats - c.gegevens)
    if missing:
        problems.append("consent-out-of-scope")
        detail["consent-out-of-scope"] = say(f"toestemming {c.id} dekt niet: {', '.join(missing)}",
                                             f"consent {c.id} does not cover: {', '.join(missing)}")
    return problems, detail


def sharing_day(scanned: ScannedItem, as_of: date | None) -> date | None:
    """The day the flow is judged on. A database row with no sending/export column has no day of its
    own: it is judged on the scan's reference date (source 'reference'), never on a birth date."""
    if scanned.share_date is None and scanned.share_date_source == "reference":
        return as_of
    return scanned.share_date


def decide(scanned: ScannedItem, leerlingnummer: str, pupil: Pupil, consents: list[Consent],
           policy: Policy, as_of: date | None = None) -> ConsentOutcome:
    party = scanned.item.party or ""
    cats = shared_categories(scanned, policy, leerlingnummer)
    shared, source = sharing_day(scanned, as_of), scanned.share_date_source
    basis = exempt_basis(party, policy)
    if basis:
        return ConsentOutcome("exempt", categories=cats, basis=basis, shared=shared, shared_source=source)
    if shared is None:
        return ConsentOutcome("undecided", categories=cats)
    records = [c for c in consents if same_party(c.partij, party)]
    if not records:
        return ConsentOutcome("missing", categories=cats, shared=shared, shared_source=source)
    latest: tuple[Consent, list[str], dict[str, str]] | None = None
    for c in sorted(records, key=lambda c: c.datum_gegeven):
        problems, detail = problems_of(c, pupil, shared, cats, policy)
        if not problems:
            return ConsentOutcome("compliant", consent=c, categories=cats, shared=shared, shared_source=source)
        latest = (c, problems, detail)
    assert latest is not None
    return ConsentOutcome("problem", problems=latest[1], consent=latest[0], categories=cats, detail=latest[2],
                          shared=shared, shared_source=source)
