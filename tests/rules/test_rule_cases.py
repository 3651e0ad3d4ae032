"""Table-driven rule tests: one YAML case file per rule (tests/rules/cases/<rule>.yaml).

Each case builds a ScannedItem from plain data, runs only that rule, and compares the
leerlingnummers of the violations (null for none) with `expect`. Like sqlfluff's rule cases, a file
and a case may carry `configs:`, a piece of avgscan.yaml (only `policy:` so far) merged over the
default policy, the file's first, then the case's: the same item under another school's policy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from scanner.config import ConfigError, Policy, build_policy
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
                access=Access(mode=mode, world_readable=bool(mode & 0o004), acl=it.get("acl", []),
                              audiences=it.get("audiences", {}), external=it.get("external", [])))
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


def _policy(spec: dict[str, Any], case: dict[str, Any]) -> Policy:
    """The default policy with the file's, then the case's `configs: {policy: ...}` merged over it."""
    overrides = []
    for where, configs in ((spec["rule"], spec.get("configs")), (case["name"], case.get("configs"))):
        unknown = set(configs or {}) - {"policy"}
        if unknown:
            raise ConfigError(f"{where}: configs: {', '.join(sorted(unknown))}: onbekende sleutel (alleen policy)")
        overrides.append((configs or {}).get("policy"))
    return build_policy(*overrides, origin=f"{spec['rule']}: {case['name']}: configs.policy")


@pytest.mark.parametrize(("spec", "case"), _cases())
def test_rule_case(spec: dict[str, Any], case: dict[str, Any]) -> None:
    ctx = RuleContext(policy=_policy(spec, case), as_of=spec.get("as_of", date(2026, 11, 29)),
                      register=RegisterIndex.build([_pupil(p) for p in spec.get("pupils", [])]),
                      consents=[_consent(c) for c in spec.get("consents", [])])
    got = [v.leerlingnummer for v in rule(spec["rule"]).check(_scanned(case), ctx)]
    assert got == [None if e is None else str(e) for e in case["expect"]]
    for v in rule(spec["rule"]).check(_scanned(case), ctx):
        assert v.rule == spec["rule"] and v.message and v.legal_reference


def test_every_rule_has_a_case_file() -> None:
    from scanner.rules import RULE_CODES

    assert sorted(p.stem for p in CASES.glob("*.yaml")) == sorted(RULE_CODES)


def test_every_rule_has_a_case_under_another_policy() -> None:
    """Each rule reads policy somewhere (periods, givers, roles, exempt parties), so each case file shows
    at least one outcome a school's own policy changes."""
    files = {spec["rule"] for spec, case in (p.values for p in _cases()) if spec.get("configs") or case.get("configs")}
    assert files >= {"retention-expired", "consent-wrong-giver", "consent-missing", "open-access",
                     "bsn-outside-administration"}


def test_a_case_policy_is_validated() -> None:
    spec = {"rule": "retention-expired"}
    with pytest.raises(ConfigError, match=r"configs.policy: retention.default_jaren: onbekende sleutel"):
        _policy(spec, {"name": "x", "configs": {"policy": {"retention": {"default_jaren": 5}}}})
    with pytest.raises(ConfigError, match="configs: polcy: onbekende sleutel"):
        _policy(spec, {"name": "x", "configs": {"polcy": {}}})
