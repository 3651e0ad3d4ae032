"""Table-driven rule tests: one YAML case file per rule (tests/rules/cases/<rule>.yaml).

Each case builds a ScannedItem from plain data, runs only that rule, and compares the
leerlingnummers of the violations (null for none) with `expect`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.config import build_config
from scanner.kernel.model import Access, Finding, Item, ScannedItem, Subject, UnknownChild
from scanner.linking import RegisterIndex
from scanner.records.consents import Consent, normalise_giver
from scanner.records.register import Pupil
from scanner.rules import RuleContext, rule

CASES = Path(__file__).parent / "cases"


def _pupil(d: dict[str, Any]) -> Pupil:
    return Pupil(leerlingnummer=str(d["leerlingnummer"]), achternaam=d["achternaam"],
                 voorvoegsel=d.get("voorvoegsel", ""), roepnaam=d["roepnaam"], voornamen="",
                 geboortedatum=d.get("geboortedatum"), bsn=str(d.get("bsn", "")), onderwijsnummer="",
                 school="", groep="", inschrijving=None, uitschrijving=d.get("uitschrijving"))


def _consent(d: dict[str, Any]) -> Consent:
    return Consent(id=d["id"], leerlingnummer=str(d["leerlingnummer"]), partij=d["partij"],
                   gegevens=frozenset(d["gegevens"]), gegeven_door=normalise_giver(d["gegeven_door"]),
                   datum_gegeven=d["datum_gegeven"], geldig_tot=d.get("geldig_tot"),
                   ingetrokken_op=d.get("ingetrokken_op"))


def _scanned(case: dict[str, Any]) -> ScannedItem:
    it = case["item"]
    mode = int(str(it.get("mode", "640")), 8)
    item = Item(source="share", path=it["path"], kind=it.get("kind", "file"), role=it.get("role"),
                party=it.get("party"), register=it.get("register", False),
                access=Access(mode=mode, world_readable=bool(mode & 0o004), acl=it.get("acl", [])))
    subjects = [Subject(str(s), "name", 0.9) if not isinstance(s, dict)
                else Subject(str(s["leerlingnummer"]), "name", 0.5, ambiguous=s.get("ambiguous", False))
                for s in case.get("subjects", [])]
    findings = [Finding(source="share", path=it["path"], place="p", entity_type=f["type"], score=1.0,
                        evidence="x", recognizer="test", value="x", group=f.get("group"),
                        leerlingnummer=f.get("leerlingnummer"), person_kind=f.get("person_kind"))
                for f in case.get("findings", [])]
    return ScannedItem(item=item, findings=findings, subjects=subjects,
                       unknown_children=[UnknownChild(**u) for u in case.get("unknown_children", [])],
                       share_date=case.get("share_date"), share_date_source=case.get("share_date_source"),
                       legal_hold=case.get("legal_hold"))


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(pytest.param(spec, case, id=f"{spec['rule']}: {case['name']}"))
    return params


POLICY = build_config({"sources": [{"name": "share", "type": "filesystem", "path": "."}]}, "test", Path(".")).policy


@pytest.mark.parametrize(("spec", "case"), _cases())
def test_rule_case(spec: dict[str, Any], case: dict[str, Any]) -> None:
    ctx = RuleContext(policy=POLICY, as_of=spec.get("as_of", date(2026, 11, 29)),
                      register=RegisterIndex.build([_pupil(p) for p in spec.get("pupils", [])]),
                      consents=[_consent(c) for c in spec.get("consents", [])])
    got = [v.leerlingnummer for v in rule(spec["rule"]).check(_scanned(case), ctx)]
    assert got == [None if e is None else str(e) for e in case["expect"]]
    for v in rule(spec["rule"]).check(_scanned(case), ctx):
        assert v.rule == spec["rule"] and v.message and v.legal_reference


def test_every_rule_has_a_case_file() -> None:
    from scanner.rules import RULE_CODES

    assert sorted(p.stem for p in CASES.glob("*.yaml")) == sorted(RULE_CODES)
