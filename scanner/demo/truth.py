"""The expected violations of the demo school, derived from the plan with the rule semantics of docs/rules.md.

This is a second, deliberately simple implementation of the eight rules over what the generator
knows for certain (who a document is about, which categories it shares, its date and permissions),
so a scanner run can be scored against it. It never looks at the files or at the scanner's code.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from scanner.demo.model import ONDERWIJS, Consent, Expected, Place, Plan, Pupil
from scanner.demo.places import EXEMPT, retention_years

SUBJECT_RULES = ("retention-expired", "consent-missing", "consent-out-of-scope", "consent-invalid",
                 "consent-wrong-giver")
RULES = SUBJECT_RULES + ("open-access", "bsn-outside-administration", "unknown-subject")


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def required_giver(pupil: Pupil, given: date) -> str:
    """The seed: under 12 the parent, 12 up to and including 15 parent and pupil, 16 and older the pupil."""
    age = age_on(pupil.geboortedatum, given)
    return "ouder" if age < 12 else "ouder+leerling" if age < 16 else "leerling"


def consent_problems(c: Consent, pupil: Pupil, shared: date, cats: set[str]) -> list[str]:
    problems = []
    if (c.datum_gegeven > shared or (c.ingetrokken_op and c.ingetrokken_op <= shared)
            or (c.geldig_tot and c.geldig_tot < shared)):
        problems.append("consent-invalid")
    if c.gegeven_door != required_giver(pupil, c.datum_gegeven):
        problems.append("consent-wrong-giver")
    if cats - set(c.gegevens):
        problems.append("consent-out-of-scope")
    return problems


def consent_outcome(pupil: Pupil, party: str, shared: date, cats: set[str], consents: list[Consent],
                    exempt: tuple[str, ...] = EXEMPT) -> list[str]:
    """[] compliant, ['exempt'], ['consent-missing'] or the problems of the most recently given record."""
    if party in exempt:
        return ["exempt"]
    records = sorted((c for c in consents if c.leerlingnummer == pupil.leerlingnummer and c.partij == party),
                     key=lambda c: c.datum_gegeven)
    if not records:
        return ["consent-missing"]
    problems: list[str] = []
    for c in records:
        problems = consent_problems(c, pupil, shared, cats)
        if not problems:
            return []
    return problems


def place_violations(place: Place, as_of: date, consents: list[Consent],
                     exempt: tuple[str, ...] = EXEMPT) -> list[Expected]:
    out: list[Expected] = []
    src, path = place.source, place.path
    for p in place.subjects:
        if p.uitschrijving and not place.legal_hold:
            years = retention_years(place.role)
            if add_years(p.uitschrijving, years) < as_of:
                out.append(Expected("retention-expired", src, path, p.leerlingnummer,
                                    f"{p.full} left {p.uitschrijving.isoformat()}; {years} years ({place.role})"
                                    + (f"; needs {place.needs}" if place.needs else "")))
    if place.role == "outbound" and place.party and place.share_date:
        for p in place.subjects:
            cats = place.categories.get(p.leerlingnummer, {ONDERWIJS})
            for rule in consent_outcome(p, place.party, place.share_date, cats, consents, exempt):
                if rule != "exempt":
                    out.append(Expected(rule, src, path, p.leerlingnummer,
                                        f"{place.party}, shared {place.share_date.isoformat()}: "
                                        f"{'+'.join(sorted(cats))}. {place.note}".strip()))
    if place.personal and (place.role == "open" or place.world_readable):
        concerned = place.subjects
        out.append(Expected("open-access", src, path, concerned[0].leerlingnummer if len(concerned) == 1 else None,
                            "open folder" if place.role == "open" else "world-readable file"))
    if place.bsn and place.role != "administration":
        out.append(Expected("bsn-outside-administration", src, path, None, f"BSN in role {place.role}"))
    for child in place.unknown_children:
        out.append(Expected("unknown-subject", src, path, None, child + (f"; needs {place.needs}"
                                                                          if place.needs == "ner" else "")))
    return out


def all_places(plan: Plan) -> list[Place]:
    return [d.place for d in plan.docs] + [r.place for r in plan.rows]


def expected_violations(plan: Plan) -> list[Expected]:
    out: list[Expected] = []
    for place in all_places(plan):
        out.extend(place_violations(place, plan.as_of, plan.consents, plan.exempt))
    return out


def truth_document(plan: Plan) -> dict[str, Any]:
    """truth.json: the expected violations plus what must be kept, exempt, or left alone."""
    violations = expected_violations(plan)
    flagged = {(v.source, v.path) for v in violations}
    places = all_places(plan)
    return {
        "schema": "avgscan.demo-truth/1",
        "seed": plan.seed,
        "as_of": plan.as_of.isoformat(),
        "organisation": plan.organisation.name,
        "style": plan.style,
        "pupils_in_register": len(plan.pupils),
        "files": len(plan.docs),
        "rows": len(plan.rows),
        "matching": {"by_pupil": list(SUBJECT_RULES),
                     "by_place": ["open-access", "bsn-outside-administration", "unknown-subject"],
                     "ignored_paths": ["table:leerlingen#*", "table:ouders#*"]},
        "violations": [asdict(v) for v in violations],
        "kept_by_law": [{"source": p.source, "path": p.path, "leerlingnummers": [s.leerlingnummer for s in p.subjects]}
                        for p in places if p.legal_hold],
        "exempt": [{"source": p.source, "path": p.path, "party": p.party,
                    "leerlingnummers": [s.leerlingnummer for s in p.subjects]}
                   for p in places if p.party in plan.exempt],
        "controls": [{"source": p.source, "path": p.path, "reason": p.note or p.role or ""}
                     for p in places if (p.source, p.path) not in flagged
                     and not p.path.startswith(("table:leerlingen#", "table:ouders#"))],
    }


def write_truth(path: Path, plan: Plan) -> dict[str, Any]:
    doc = truth_document(plan)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return doc


# --- scoring a scanner report against the truth -------------------------------------------------------------


def _key(v: dict[str, Any]) -> tuple[str, str, str, str]:
    rule = v["rule"]
    nummer = (v.get("leerlingnummer") or "") if rule in SUBJECT_RULES else ""
    return rule, v["source"], v["path"], nummer


def _ignored(v: dict[str, Any]) -> bool:
    return v["path"].startswith(("table:leerlingen#", "table:ouders#"))


def score(predicted: list[dict[str, Any]], expected: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision and recall per rule and overall; matching as in truth['matching'] (multiset per key).

    `predicted` are report violations (dicts with rule, source, path, leerlingnummer)."""
    pred = Counter(_key(v) for v in predicted if not _ignored(v))
    exp = Counter(_key(v) for v in expected)
    per_rule: dict[str, dict[str, Any]] = {}
    for rule in RULES + ("ALL",):
        p = Counter({k: n for k, n in pred.items() if rule in ("ALL", k[0])})
        e = Counter({k: n for k, n in exp.items() if rule in ("ALL", k[0])})
        tp = sum((p & e).values())
        fp, fn = sum(p.values()) - tp, sum(e.values()) - tp
        per_rule[rule] = {"tp": tp, "fp": fp, "fn": fn,
                          "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                          "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0}
    missed = sorted((exp - pred).elements())
    extra = sorted((pred - exp).elements())
    return {"rules": per_rule, "missed": missed, "unexpected": extra}
